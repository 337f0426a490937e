"""Capacity over time: the bios at each past month's end (from git) and now, counted and compared.

Pure: the history was read by content/history.py; this turns it into a chart's tallies, one
per month, and the list of mentors whose status changed from one month to the next.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mentordir.content.history import History
from mentordir.model.models import Content
from mentordir.site.capacity import Tally, status
from mentordir.site.charts import BarChart, bar_chart

_CHANGE_WORDS = {("full", "taking"): "took mentees again", ("away", "taking"): "came back and took mentees again",
                 ("taking", "full"): "became full", ("away", "full"): "came back, full",
                 ("taking", "away"): "went away", ("full", "away"): "went away"}


@dataclass(frozen=True)
class StatusChange:
    """A mentor whose status changed between one month's end and the next."""

    slug: str
    """The mentor's bio."""
    name: str
    """The mentor's name."""
    month: str
    """When it was first seen, as `October 2026`."""
    words: str
    """What happened, in words: `became full`, `took mentees again`, `went away`."""


@dataclass(frozen=True)
class Trend:
    """Capacity month by month, and who changed when."""

    chart: BarChart
    """One bar per month, oldest first; this month is the content as it is now."""
    changes: tuple[StatusChange, ...]
    """Status changes, oldest month first, by name within a month."""
    note: str | None
    """Why some or all of the history is missing, in words."""


def capacity_trend(history: History, content: Content, today: dt.date) -> Trend:
    """Tally every past month's end and today, and list the mentors whose status changed between them."""
    points: list[tuple[str, dict[str, tuple[str, str, int]]]] = []
    for month in history.months:
        points.append((_month(month.day), {bio.slug: (bio.name, bio.status(month.day),
                                                      max(bio.capacity - bio.mentees, 0)) for bio in month.bios}))
    points.append((_month(today), {mentor.slug: (mentor.name, status(mentor, today), mentor.places_left())
                                   for mentor in content.mentors}))
    tallies = tuple(_tally(label, bios) for label, bios in points)
    changes: list[StatusChange] = []
    for (_, before), (label, after) in zip(points, points[1:]):
        found = [StatusChange(slug, name, label, _CHANGE_WORDS[(before[slug][1], now)])
                 for slug, (name, now, _) in after.items() if slug in before and before[slug][1] != now]
        changes += sorted(found, key=lambda change: (change.name.casefold(), change.slug))
    return Trend(chart=bar_chart(tallies), changes=tuple(changes), note=history.note)


def _tally(label: str, bios: dict[str, tuple[str, str, int]]) -> Tally:
    statuses = [now for _, now, _ in bios.values()]
    places = sum(left for _, now, left in bios.values() if now == "taking")
    return Tally(label=label, taking=statuses.count("taking"), full=statuses.count("full"), places=places,
                 away=statuses.count("away"))


def _month(day: dt.date) -> str:
    return f"{day.strftime('%B')} {day.year}"
