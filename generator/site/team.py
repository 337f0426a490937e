"""The scheme team's pages: capacity at a glance, the printable booklet, and the schemes overview."""

from __future__ import annotations

import datetime as dt

from mentordir.site.capacity import capacity_report
from mentordir.content.history import History
from mentordir.site.charts import bar_chart
from mentordir.site.trend import capacity_trend
from mentordir.model.models import Content
from mentordir.site.pages import BookletLink, BookletPage, CapacityPage, MentorView, Page, SchemesPage


def plan_overview_pages(content: Content, views: list[MentorView], today: dt.date,
                        history: History | None = None, address: str | None = None) -> dict[str, Page]:
    """The capacity page, the booklet and, with more than one scheme, the schemes overview."""
    report = capacity_report(content, today)
    pages: dict[str, Page] = {
        "capacity/index.html": CapacityPage(
            title="Capacity", report=report,
            breakdowns=tuple((breakdown, bar_chart(breakdown.tallies)) for breakdown in report.breakdowns),
            trend=capacity_trend(history or History((), "the site was built without its history."), content, today)),
    }
    pages |= plan_booklets(content, views, address)
    if len(content.schemes) > 1:
        pages["schemes/index.html"] = SchemesPage(title="Our mentoring schemes", schemes=content.schemes)
    return pages


def plan_booklets(content: Content, views: list[MentorView], address: str | None) -> dict[str, Page]:
    """One booklet per scheme and, when there are several, one of every mentor at `booklet/`.

    With a single scheme its booklet is `booklet/`, so there is one booklet to send.
    """
    schemes = content.schemes
    if len(schemes) == 1:
        scheme = schemes[0]
        return {"booklet/index.html": BookletPage(title=f"{scheme.title}: mentor booklet", scheme=scheme,
                                                  address=address, groups=booklet_groups(views, scheme.slug))}
    links = (BookletLink("All schemes", "booklet/"),
             *(BookletLink(scheme.title, f"booklet/{scheme.slug}/") for scheme in schemes)) if schemes else ()
    pages: dict[str, Page] = {"booklet/index.html": BookletPage(title="Mentor booklet", groups=booklet_groups(views),
                                                                address=address, booklets=links)}
    for scheme in schemes:
        pages[f"booklet/{scheme.slug}/index.html"] = BookletPage(
            title=f"{scheme.title}: mentor booklet", scheme=scheme, address=address, booklets=links,
            groups=booklet_groups(views, scheme.slug), path=f"booklet/{scheme.slug}/")
    return pages


def booklet_groups(views: list[MentorView], scheme: str | None = None
                   ) -> tuple[tuple[str, tuple[MentorView, ...]], ...]:
    """Mentors taking mentees (in `scheme`, if given) under their first specialty, all in alphabetical order."""
    groups: dict[str, list[MentorView]] = {}
    for view in views:
        if not view.full and (scheme is None or scheme in view.mentor.schemes):
            groups.setdefault(view.mentor.specialties[0], []).append(view)
    return tuple((specialty, tuple(sorted(members, key=lambda v: v.mentor.name.casefold())))
                 for specialty, members in sorted(groups.items(), key=lambda item: item[0].casefold()))


def date_format(language: str) -> str:
    """How a date is written in the site's language: DD/MM/YYYY unless the language writes it otherwise."""
    tag = language.lower()
    if tag in ("en-us", "en-ph") or tag.startswith("en-us-"):
        return "MM/DD/YYYY"
    if tag.split("-")[0] in ("sv", "lt", "zh", "ja", "ko", "hu") or tag in ("en-ca", "fr-ca"):
        return "YYYY-MM-DD"
    return "DD/MM/YYYY"
