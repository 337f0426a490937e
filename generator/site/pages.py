"""The contract between the generator and the theme: exactly what each page template receives.

Every template gets two variables, `site` (a SiteView) and `page` (one of the page classes
below), and the functions `url(path)` and `asset(name)`. Anything not listed here is not
available to templates (they run with StrictUndefined, so a typo fails the build loudly).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from mentordir.site.capacity import Breakdown, CapacityReport
from mentordir.site.charts import BarChart
from mentordir.site.trend import Trend
from mentordir.content.config import SiteConfig
from mentordir.model.models import HandbookChapter, Mentor, Scheme
from mentordir.model.pictures import CARD_SIZE, PROFILE_SIZE, PhotoSet


@dataclass(frozen=True)
class Avatar:
    """An initials avatar for a mentor without a photo."""

    initials: str
    """One or two letters."""
    background: str
    """A `#rrggbb` background colour, dark enough for white text at WCAG AA."""
    card_size: int = CARD_SIZE
    """The side on a directory card, in CSS pixels: the same as a photo's."""
    profile_size: int = PROFILE_SIZE
    """The side on the profile page, in CSS pixels: the same as a photo's."""


@dataclass(frozen=True)
class MentorView:
    """A mentor as a template shows them."""

    mentor: Mentor
    """The validated bio."""
    full: bool
    """Not taking mentees on the day of the build: at full capacity or away."""
    full_until: str | None
    """While `full_until` is today or later, that date as pages write it (`1 March 2027`); else None."""
    photo: PhotoSet | None
    """Photo renditions, or None when the mentor has no photo."""
    avatar: Avatar
    """The initials avatar (used when there is no photo)."""
    bio: Markup
    """The bio as sanitised HTML."""
    schemes: tuple[Scheme, ...]
    """The schemes the mentor belongs to."""
    away: bool = False
    """Away on the day of the build (`away_until`): shown as away, listed after the full mentors."""


@dataclass(frozen=True)
class SiteView:
    """What every page knows about the whole site."""

    config: SiteConfig
    """The site settings."""
    schemes: tuple[Scheme, ...]
    """Every scheme, for navigation."""
    today: dt.date
    """The day of the build."""
    page_path: str
    """The current page's path relative to the site root ("" for the directory, "mentors/x/" ...)."""


@dataclass(frozen=True)
class FilterOption:
    """One value a directory filter offers, such as a specialty."""

    value: str
    """What the page's address carries when it is ticked (`?specialty=Anaesthetics`)."""
    label: str
    """What the checkbox says."""


@dataclass(frozen=True)
class FilterGroup:
    """A multiple-choice filter of the directory: mentors with any ticked value are shown."""

    name: str
    """The address parameter and form field name: specialty, region, scheme, meets or matching."""
    legend: str
    """The filter's heading, e.g. `Specialty`."""
    options: tuple[FilterOption, ...]
    """The values at least one mentor has, in a stable order."""


@dataclass(frozen=True)
class DirectorySearch:
    """What the directory's search box and filters need (generator/site/search_index.py makes it)."""

    index_path: str
    """The full-text index's path in the site (`assets/search.<hash>.json`), fetched on first search."""
    filters: tuple[FilterGroup, ...]
    """The multiple-choice filters, only those with at least one value."""
    grades: tuple[str, ...]
    """The site's grade ladder, most junior first, for the "I am a ..." filter."""
    data: str
    """Filter data as JSON text, for a `data-` attribute (autoescape makes it safe there)."""
    index_bytes: bytes
    """The full-text index itself, which the build writes at `index_path` (templates need not use it)."""


@dataclass(frozen=True)
class DirectoryPage:
    """The directory: every mentor, those taking mentees first."""

    title: str
    """The page title."""
    available: tuple[MentorView, ...]
    """Mentors taking mentees."""
    full: tuple[MentorView, ...]
    """Mentors at full capacity."""
    search: DirectorySearch
    """Search and filters; mentor number i in its data is the i-th card (available, then full)."""
    template: str = "directory.html"
    """The template that renders this page."""


@dataclass(frozen=True)
class ProfilePage:
    """One mentor's profile."""

    title: str
    """The page title (the mentor's name)."""
    mentor: MentorView
    """The mentor shown."""
    template: str = "profile.html"
    """The template that renders this page."""


@dataclass(frozen=True)
class HandbookView:
    """One page of a scheme's handbook, with its neighbours for navigation."""

    title: str
    """The page title."""
    scheme: Scheme
    """The scheme the page belongs to."""
    current: HandbookChapter
    """The page shown."""
    body: Markup
    """The page as sanitised HTML."""
    previous: HandbookChapter | None
    """The page before, if any."""
    next: HandbookChapter | None
    """The page after, if any."""
    template: str = "handbook.html"
    """The template that renders this page."""


@dataclass(frozen=True)
class AgreementPage:
    """The printable mentoring agreement form."""

    title: str
    """The page title."""
    date_format: str = "DD/MM/YYYY"
    """How dates are written in the site's language, shown in each date's label and box."""
    date_pattern: str = "[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"
    """The pattern a typed date must match (an HTML `pattern`)."""
    template: str = "agreement.html"
    """The template that renders this page."""


@dataclass(frozen=True)
class NotFoundPage:
    """The page GitHub Pages shows for a missing address."""

    title: str
    """The page title."""
    template: str = "404.html"
    """The template that renders this page."""


@dataclass(frozen=True)
class CapacityPage:
    """The scheme team's view of capacity: figures, charts, gaps and bios needing attention."""

    title: str
    """The page title."""
    report: CapacityReport
    """The figures (generator/site/capacity.py)."""
    breakdowns: tuple[tuple[Breakdown, BarChart], ...]
    """Each breakdown (by scheme, specialty, region) with its chart's geometry."""
    trend: Trend | None = None
    """Capacity month by month over the last year, from the repository's history (generator/site/trend.py)."""
    template: str = "capacity.html"
    """The template that renders this page."""


@dataclass(frozen=True)
class BookletLink:
    """Another booklet, for the list of booklets at the top of each one."""

    title: str
    """What the booklet covers: a scheme's title, or "All schemes"."""
    path: str
    """Its path in the site (`booklet/returners/`)."""


@dataclass(frozen=True)
class BookletPage:
    """A printable booklet of the mentors taking mentees, in one scheme or all, grouped by specialty."""

    title: str
    """The page title."""
    groups: tuple[tuple[str, tuple[MentorView, ...]], ...]
    """(specialty, mentors) pairs, specialties in alphabetical order; each mentor under their first specialty."""
    scheme: Scheme | None = None
    """The scheme the booklet is for; None for the booklet of every mentor."""
    address: str | None = None
    """The site's full address (`https://example.org/mentors/`), printed so a reader can find it; None if unknown."""
    booklets: tuple[BookletLink, ...] = ()
    """Every booklet of the site, this one included, when there is more than one."""
    path: str = "booklet/"
    """This booklet's path in the site."""
    template: str = "booklet.html"
    """The template that renders this page."""


@dataclass(frozen=True)
class SchemesPage:
    """An overview of the schemes, when the site has more than one."""

    title: str
    """The page title."""
    schemes: tuple[Scheme, ...]
    """Every scheme, with its overview fields (Scheme.overview())."""
    template: str = "schemes.html"
    """The template that renders this page."""


Page = (DirectoryPage | ProfilePage | HandbookView | AgreementPage | NotFoundPage | CapacityPage | BookletPage
        | SchemesPage)
