"""Capacity figures for the scheme team: who is taking mentees, where the gaps are, which bios need attention.

Pure functions of the validated content and the day of the build; the capacity page,
`mentordir report` and its CSV and JSON all come from the one `CapacityReport`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import Callable, Iterable

from mentordir.model.models import REVIEW_DAYS, Content, Mentor

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Tally:
    """How many mentors in one group are taking mentees, how many are full and how many are away."""

    label: str
    """The group: a scheme's title, a specialty, a region, or "All mentors"."""
    taking: int
    """Mentors taking mentees."""
    full: int
    """Mentors at full capacity (and not away)."""
    places: int
    """Free places among the mentors taking mentees: "free" always means places, never mentors."""
    away: int = 0
    """Mentors away (`away_until` today or later), counted apart from the full ones."""

    @property
    def total(self) -> int:
        """Every mentor in the group."""
        return self.taking + self.full + self.away


@dataclass(frozen=True)
class Breakdown:
    """Tallies of one kind (per scheme, per specialty, per region)."""

    dimension: str
    """What the groups are: "scheme", "specialty" or "region"."""
    title: str
    """A heading for the breakdown, e.g. "By specialty"."""
    tallies: tuple[Tally, ...]
    """One tally per group, largest first, then by name."""

    def gaps(self) -> tuple[Tally, ...]:
        """Groups where a returner would find no mentor taking mentees: all of them full or away."""
        return tuple(tally for tally in self.tallies if tally.taking == 0)


@dataclass(frozen=True)
class Attention:
    """A mentor whose bio the scheme team should look at."""

    mentor: Mentor
    """The mentor."""
    reason: str
    """What needs doing, in words."""


@dataclass(frozen=True)
class CapacityReport:
    """Everything the capacity page and `mentordir report` show."""

    today: dt.date
    """The day the figures are for."""
    overall: Tally
    """All mentors together."""
    breakdowns: tuple[Breakdown, ...]
    """Per scheme, per specialty and per region."""
    attention: tuple[Attention, ...]
    """Mentors whose `full_until` has passed or whose bio is overdue a review."""


def capacity_report(content: Content, today: dt.date, stale_after_days: int = REVIEW_DAYS) -> CapacityReport:
    """Count every mentor by status, overall and by scheme, specialty and region."""
    mentors = content.mentors
    titles = {scheme.slug: scheme.title for scheme in content.schemes}
    breakdowns = (
        Breakdown("scheme", "By scheme", _tallies(mentors, today, lambda m: [titles[s] for s in m.schemes])),
        Breakdown("specialty", "By specialty", _tallies(mentors, today, lambda m: list(m.specialties))),
        Breakdown("region", "By region", _tallies(mentors, today, lambda m: [m.region or "No region given"])),
    )
    return CapacityReport(today=today, overall=_tally("All mentors", mentors, today), breakdowns=breakdowns,
                          attention=tuple(needs_attention(mentors, today, stale_after_days)))


def status(mentor: Mentor, today: dt.date) -> str:
    """One word for where a mentor stands on `today`: "taking", "full" or "away"."""
    if mentor.is_away(today):
        return "away"
    return "full" if mentor.is_full(today) else "taking"


def needs_attention(mentors: Iterable[Mentor], today: dt.date, stale_after_days: int) -> list[Attention]:
    """Mentors whose `full_until` date has passed, or whose bio is overdue a review, by name."""
    found = []
    for mentor in sorted(mentors, key=lambda m: m.name.casefold()):
        for name, date in mentor.passed_dates(today):
            question = ("is the mentor taking mentees again?" if name == "full_until"
                        else "is the mentor back, and is the line still needed?")
            found.append(Attention(mentor, f"{name} {date.isoformat()} has passed: {question}"))
        if mentor.updated is None:
            found.append(Attention(mentor, "the bio has no `updated` date"))
        elif mentor.review_overdue(today, stale_after_days):
            found.append(Attention(mentor, f"the bio was last reviewed on {mentor.updated.isoformat()}, "
                                           f"more than {stale_after_days // 30} months ago"))
    return found


def as_rows(report: CapacityReport) -> list[dict[str, str | int]]:
    """One row per group, overall first: the shape of the CSV and JSON exports."""
    rows: list[dict[str, str | int]] = []
    for dimension, tally in [("overall", report.overall)] + [(b.dimension, t) for b in report.breakdowns
                                                             for t in b.tallies]:
        rows.append({"date": report.today.isoformat(), "group": dimension, "name": tally.label,
                     "mentors": tally.total, "taking_mentees": tally.taking, "full": tally.full,
                     "away": tally.away, "free_places": tally.places})
    return rows


def as_csv(report: CapacityReport) -> str:
    """The figures as CSV, one row per group, for a spreadsheet."""
    rows = as_rows(report)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: spreadsheet_safe(value) if isinstance(value, str) else value for key, value in row.items()}
                     for row in rows)
    return buffer.getvalue()


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading =, +, - or @ would otherwise start a formula.

    Bios are written by anyone who can open a pull request; a name like `=HYPERLINK(...)`
    must not run when the team opens the roster in Excel. The ' is hidden by Excel itself.
    """
    return "'" + value if value.startswith(_FORMULA_START) else value


def as_json(report: CapacityReport) -> str:
    """The figures and the bios needing attention as JSON."""
    document = {
        "date": report.today.isoformat(),
        "groups": as_rows(report),
        "attention": [{"mentor": item.mentor.slug, "name": item.mentor.name, "reason": item.reason}
                      for item in report.attention],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def as_text(report: CapacityReport) -> str:
    """The figures as aligned text for the terminal."""
    lines = [f"Capacity on {report.today.isoformat()}", ""]
    width = max([len(t.label) for b in report.breakdowns for t in b.tallies] + [len(report.overall.label)])
    header = f"  {'':{width}}  {'mentors':>7}  {'taking':>6}  {'full':>4}  {'away':>4}  {'places':>6}"

    def row(tally: Tally, flag: str = "") -> str:
        return (f"  {tally.label:{width}}  {tally.total:>7}  {tally.taking:>6}  {tally.full:>4}  {tally.away:>4}"
                f"  {tally.places:>6}{flag}")
    lines += [header, row(report.overall)]
    for breakdown in report.breakdowns:
        lines += ["", breakdown.title, header]
        lines += [row(tally, "  <- nobody taking mentees" if tally.taking == 0 else "") for tally in breakdown.tallies]
    if report.attention:
        lines += ["", "Bios needing attention"]
        lines += [f"  {item.mentor.name} ({item.mentor.source}): {item.reason}" for item in report.attention]
    return "\n".join(lines) + "\n"


def _tally(label: str, mentors: Iterable[Mentor], today: dt.date) -> Tally:
    taking = full = away = places = 0
    for mentor in mentors:
        if mentor.is_away(today):
            away += 1
        elif mentor.is_full(today):
            full += 1
        else:
            taking += 1
            places += mentor.places_left()
    return Tally(label=label, taking=taking, full=full, places=places, away=away)


def _tallies(mentors: tuple[Mentor, ...], today: dt.date,
             groups_of: Callable[[Mentor], list[str]]) -> tuple[Tally, ...]:
    members: dict[str, list[Mentor]] = {}
    for mentor in mentors:
        for group in dict.fromkeys(groups_of(mentor)):
            members.setdefault(group, []).append(mentor)
    tallies = [_tally(label, group, today) for label, group in members.items()]
    return tuple(sorted(tallies, key=lambda tally: (-tally.total, tally.label.casefold())))
