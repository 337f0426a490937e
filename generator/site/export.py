"""The open-data export: `mentors.json`, the public fields of every mentor, and its JSON Schema beside it.

The schema ships in the package (generator/site/mentors.schema.json) and is published with
the site at `<base>/schema/mentors.schema.json`, its `$id` set to that address, so a
consumer can fetch and cite the exact format the file follows.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Callable, Mapping

from mentordir.content.config import SiteConfig
from mentordir.model.models import Content, Mentor
from mentordir.model.pictures import PROFILE_SIZE, PhotoSet

SCHEMA_VERSION = 1
SCHEMA_PATH = "schema/mentors.schema.json"


@dataclass(frozen=True)
class ExportedMentors:
    """Each mentor's line of `mentors.json` as an earlier build wrote it, with what it was made from."""

    lines: Mapping[str, tuple[tuple[object, ...], str]] = field(default_factory=dict)
    """Slug -> (the mentor, photo, day, base address and contacts setting, the line)."""


def export_files(content: Content, photos: dict[str, PhotoSet], config: SiteConfig, today: dt.date,
                 earlier: ExportedMentors = ExportedMentors()) -> tuple[dict[str, bytes], ExportedMentors]:
    """`mentors.json` and its schema, with addresses that are absolute when the site's base URL is.

    A mentor's line made from the same mentor, photo, day and settings as in `earlier` is
    taken from it (JSON for a thousand mentors took 13 ms of a one-edit build); the
    second value is what to pass next time.
    """
    base = (config.origin or "") + config.base_path
    head = {"schema_version": SCHEMA_VERSION, "site": config.title, "date": today.isoformat()}
    lines: dict[str, tuple[tuple[object, ...], str]] = {}
    for mentor in sorted(content.mentors, key=lambda m: m.slug):
        photo = photos.get(mentor.slug)
        made_from = (mentor, photo, today, base, config.export_contacts)
        before = earlier.lines.get(mentor.slug)
        if before is None or before[0] != made_from:
            record = _mentor(mentor, photo, today, lambda path: base + path, config.export_contacts)
            before = (made_from, json.dumps(record, ensure_ascii=False))
        lines[mentor.slug] = before
    document = _document_json(head, [line for _, line in lines.values()])
    return {"mentors.json": document, SCHEMA_PATH: schema_json(base + SCHEMA_PATH)}, ExportedMentors(lines)


def schema_json(address: str) -> bytes:
    """The shipped schema with `$id` set to the address it is published at."""
    schema = {**_shipped_schema(), "$id": address}
    return (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@functools.lru_cache(maxsize=1)
def _shipped_schema() -> dict[str, object]:
    return json.loads(resources.files("mentordir.site").joinpath("mentors.schema.json").read_text(encoding="utf-8"))


def _document_json(head: dict[str, object], mentors: list[str]) -> bytes:
    """Stable bytes of one JSON document: `head`'s fields, then a `mentors` array of one mentor per line.

    One per line so that a diff of two builds shows whose entry changed; compact within the
    line, as the C encoder does not indent.
    """
    fields = json.dumps(head, ensure_ascii=False)
    lines = ",\n".join(mentors)
    return f'{fields[:-1]}, "mentors": [\n{lines}\n]}}\n'.encode("utf-8")


def _mentor(mentor: Mentor, photo: PhotoSet | None, today: dt.date, url: Callable[[str], str],
            include_contacts: bool) -> dict[str, object]:
    record: dict[str, object] = {
        "slug": mentor.slug,
        "name": mentor.name,
        "pronouns": mentor.pronouns,
        "grade": mentor.grade,
        "specialties": list(mentor.specialties),
        "region": mentor.region,
        "organisation": mentor.organisation,
        "schemes": list(mentor.schemes),
        "style": mentor.style,
        "working": list(mentor.working),
        "capacity": mentor.capacity,
        "mentees": mentor.mentees,
        "full": mentor.is_full(today),
        "full_until": mentor.full_until.isoformat() if mentor.full_until else None,
        "matching": list(mentor.matching),
        "updated": mentor.updated.isoformat() if mentor.updated else None,
        "profile": url(f"mentors/{mentor.slug}/"),
        "photo": url(photo.rendition(PROFILE_SIZE, "jpg", 2).path) if photo else None,
    }
    if include_contacts:
        contact = mentor.contact
        record["contact"] = {"preferred": contact.preferred, "email": contact.email, "phone": contact.phone,
                             "url": contact.url}
    return record
