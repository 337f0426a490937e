"""The scheme team's pages: capacity at a glance, the printable booklet, and the schemes overview."""

from __future__ import annotations

import datetime as dt

from mentordir.site.capacity import capacity_report
from mentordir.site.charts import bar_chart
from mentordir.model.models import Content
from mentordir.site.pages import BookletPage, CapacityPage, MentorView, Page, SchemesPage


def plan_overview_pages(content: Content, views: list[MentorView], today: dt.date) -> dict[str, Page]:
    """The capacity page, the booklet and, with more than one scheme, the schemes overview."""
    report = capacity_report(content, today)
    pages: dict[str, Page] = {
        "capacity/index.html": CapacityPage(
            title="Capacity", report=report,
            breakdowns=tuple((breakdown, bar_chart(breakdown.tallies)) for breakdown in report.breakdowns)),
        "booklet/index.html": BookletPage(title="Mentor booklet", groups=booklet_groups(views)),
    }
    if len(content.schemes) > 1:
        pages["schemes/index.html"] = SchemesPage(title="Our mentoring schemes", schemes=content.schemes)
    return pages


def booklet_groups(views: list[MentorView]) -> tuple[tuple[str, tuple[MentorView, ...]], ...]:
    """Mentors taking mentees, under their first specialty, specialties and names in alphabetical order."""
    groups: dict[str, list[MentorView]] = {}
    for view in views:
        if not view.full:
            groups.setdefault(view.mentor.specialties[0], []).append(view)
    return tuple((specialty, tuple(sorted(members, key=lambda v: v.mentor.name.casefold())))
                 for specialty, members in sorted(groups.items(), key=lambda item: item[0].casefold()))
