"""Plan the site: every page the model calls for, as the contexts of `pages.py`, before any template runs."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field
from typing import Mapping

from markupsafe import Markup

from mentordir.content.config import SiteConfig
from mentordir.content.history import History
from mentordir.model.models import COURTESY_TITLES, Content, Mentor, Scheme
from mentordir.model.pictures import PhotoSet
from mentordir.site.filters import long_date
from mentordir.site.pages import (AgreementPage, Avatar, DirectoryPage, HandbookView, MentorView, NotFoundPage, Page,
                                  ProfilePage)
from mentordir.site.search_index import build_search
from mentordir.site.search_terms import SearchTerms, field_terms, search_terms
from mentordir.site.team import date_format, plan_overview_pages

# Dark enough for white initials at WCAG AA (contrast >= 4.5:1 against #ffffff).
AVATAR_COLOURS = ("#1f5f8b", "#7a3e9d", "#2e6b3a", "#9c3d1f", "#5b4a8a", "#0f6e6e", "#8a2f55", "#4d5b23")


@dataclass(frozen=True)
class Planned:
    """What planning keeps for the next build: each mentor's search terms and view."""

    terms: SearchTerms = field(default_factory=SearchTerms)
    """Every mentor's search terms."""
    views: Mapping[str, MentorView] = field(default_factory=dict)
    """Slug -> the mentor's view as pages were planned with it."""


def plan_pages(content: Content, photos: dict[str, PhotoSet], config: SiteConfig, today: dt.date,
               history: History | None = None,
               earlier: Planned = Planned()) -> tuple[dict[str, Page], Planned]:
    """Every HTML page of the site, by output path relative to the site root; also what to pass next time.

    A mentor's search terms are taken from `earlier` when it holds an equal mentor under the
    same settings, and a view equal to the one `earlier` holds is that very object: pages and
    fragments that an edit did not touch then compare at once, and what a build keeps holds
    each view once.
    """
    # field_terms is named here, where a test can count the bios it splits (tests/test_remember.py).
    terms = search_terms(content.mentors, config, content.schemes, earlier.terms, field_terms)
    views = [_same(_mentor_view(mentor, photos.get(mentor.slug), content.schemes, today), earlier.views)
             for mentor in content.mentors]
    available = fair_order([view for view in views if not view.full], today)
    # Away mentors come after the full ones: they will not be free even when a place opens up.
    full = fair_order([view for view in views if view.full and not view.away], today) + \
        fair_order([view for view in views if view.away], today)
    search = build_search(tuple(available + full), config, content.schemes, terms)
    pages: dict[str, Page] = {
        "index.html": DirectoryPage(title=config.title, available=tuple(available), full=tuple(full), search=search),
        "agreement/index.html": _agreement(config),
        "404.html": NotFoundPage(title="Page not found"),
        **plan_overview_pages(content, views, today, history,
                              config.origin + config.base_path if config.origin else None),
    }
    for view in views:
        pages[f"mentors/{view.mentor.slug}/index.html"] = ProfilePage(title=view.mentor.name, mentor=view)
    for scheme in content.schemes:
        for index, page in enumerate(scheme.pages):
            path = f"schemes/{scheme.slug}/" + (f"{page.slug}/" if page.slug else "") + "index.html"
            pages[path] = HandbookView(
                title=page.title if page.slug else scheme.title, scheme=scheme, current=page,
                body=_sanitised(page.html),
                previous=scheme.pages[index - 1] if index > 0 else None,
                next=scheme.pages[index + 1] if index + 1 < len(scheme.pages) else None,
            )
    return pages, Planned(terms=terms, views={view.mentor.slug: view for view in views})


def _same(view: MentorView, earlier: Mapping[str, MentorView]) -> MentorView:
    before = earlier.get(view.mentor.slug)
    return before if before == view else view


def _agreement(config: SiteConfig) -> AgreementPage:
    written = date_format(config.language)
    pattern = "[0-9]{4}-[0-9]{2}-[0-9]{2}" if written == "YYYY-MM-DD" else "[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"
    return AgreementPage(title="Mentoring agreement", date_format=written, date_pattern=pattern)


def fair_order(views: list[MentorView], today: dt.date) -> list[MentorView]:
    """Shuffle mentors in an order that is stable for a day's builds, so nobody is always first."""
    ordered = sorted(views, key=lambda view: view.mentor.slug)
    random.Random(today.isoformat()).shuffle(ordered)
    return ordered


def initials_avatar(mentor: Mentor) -> Avatar:
    """Initials from the name (titles like Dr left out) and a colour fixed by the slug."""
    words = [word for word in mentor.name.replace("-", " ").split()
             if word.lower().rstrip(".") not in COURTESY_TITLES]
    letters = [word[0] for word in words if word[0].isalpha()] or [mentor.name[:1] or "?"]
    initials = (letters[0] + (letters[-1] if len(letters) > 1 else "")).upper()
    colour = AVATAR_COLOURS[int(hashlib.sha256(mentor.slug.encode()).hexdigest(), 16) % len(AVATAR_COLOURS)]
    return Avatar(initials=initials, background=colour)


def _mentor_view(mentor: Mentor, photo: PhotoSet | None, schemes: tuple[Scheme, ...], today: dt.date) -> MentorView:
    return MentorView(mentor=mentor, full=mentor.is_full(today), photo=photo, avatar=initials_avatar(mentor),
                      full_until=long_date(until) if (until := mentor.full_until_ahead(today)) else None,
                      bio=_sanitised(mentor.bio_html),
                      schemes=tuple(scheme for scheme in schemes if scheme.slug in mentor.schemes),
                      away=mentor.is_away(today))


def _sanitised(html: str) -> Markup:
    # The one place content becomes Markup: `html` was produced by markup.render_markdown,
    # which runs every body through the nh3 allowlist. Nothing else a mentor wrote is
    # ever marked safe; templates escape it.
    return Markup(html)
