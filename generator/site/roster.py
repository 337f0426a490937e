"""The scheme team's private roster: every mentor's details in one CSV, never part of the built site.

`mentordir report --format roster` prints it. It holds contact details that mentors did not
all choose to publish, so it goes to the team's own computer, not into the repository.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from mentordir.model.models import Content, Mentor
from mentordir.site.capacity import spreadsheet_safe, status

ROSTER_COLUMNS = ("name", "grade", "specialty", "schemes", "capacity", "mentees", "status", "full_until",
                  "away_until", "preferred_contact", "email", "phone", "url", "github", "updated", "file")


def as_roster(content: Content, today: dt.date) -> str:
    """Every mentor, by name, as CSV rows with the columns in ROSTER_COLUMNS."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ROSTER_COLUMNS)
    titles = {scheme.slug: scheme.title for scheme in content.schemes}
    for mentor in sorted(content.mentors, key=lambda m: (m.name.casefold(), m.slug)):
        writer.writerow([spreadsheet_safe(value) for value in _row(mentor, titles, today)])
    return buffer.getvalue()


def _row(mentor: Mentor, titles: dict[str, str], today: dt.date) -> list[str]:
    contact = mentor.contact
    # The `github` field is being added to bios separately; read it where the model has it.
    github = mentor.github or ""
    return [mentor.name, mentor.grade, "; ".join(mentor.specialties),
            "; ".join(titles.get(slug, slug) for slug in mentor.schemes), str(mentor.capacity), str(mentor.mentees),
            {"taking": "taking mentees", "full": "full", "away": "away"}[status(mentor, today)],
            _date(mentor.full_until), _date(mentor.away_until), contact.preferred, contact.email or "",
            contact.phone or "", contact.url or "", github, _date(mentor.updated), mentor.source]


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""
