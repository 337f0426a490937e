"""The content model: what the validated content says, passed from stage to stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

# How a mentor may meet, as bios write it (`working:`), and as pages and filters say it.
WORKING_LABELS = {"face-to-face": "Face to face", "video": "Video", "phone": "Phone", "messaging": "Messaging"}
WORKING_MODES = tuple(WORKING_LABELS)
# Words before a name that are not part of it: left out of file names and initials.
COURTESY_TITLES = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx"})
# A bio not reviewed for longer than this is flagged to its mentor and to the scheme team.
REVIEW_DAYS = 365
CONTACT_ROUTES = ("email", "phone", "url", "team")
CODE_VARIABLE = "MENTORDIR_ACCESS_CODE"
"""The environment variable that holds a private site's access code (never the repository)."""
# `photo_focus` words: where the square crop sits, as a fraction of the photo's height.
FOCUS_WORDS = {"top": 0.0, "upper": 0.3, "centre": 0.5, "center": 0.5, "lower": 0.7, "bottom": 1.0}
FOCUS_Y = 0.38  # without `photo_focus`: where a portrait's face usually is, as a fraction of its height


@dataclass(frozen=True)
class Contact:
    """How a mentee reaches a mentor."""

    preferred: str
    """The route the mentor wants tried first: email, phone, url or team."""
    email: str | None
    """An e-mail address, if the mentor gave one."""
    phone: str | None
    """A telephone number as written, if the mentor gave one."""
    url: str | None
    """An https:// address (a booking page, a profile), if the mentor gave one."""

    def routes(self) -> tuple[str, ...]:
        """The routes the mentor gave, the preferred one first."""
        given = [route for route in CONTACT_ROUTES if route != "team" and getattr(self, route)]
        if self.preferred == "team":
            return ("team", *given)
        return (self.preferred, *[route for route in given if route != self.preferred])


@dataclass(frozen=True)
class PhotoSource:
    """A photo a mentor named in their bio."""

    path: Path
    """The image file beside the bio."""
    line: int
    """The line of the bio's `photo:` field, for messages about the image."""
    focus: float | None = None
    """Where the square crop sits, from 0 (the top) to 1 (the bottom); None for the portrait default."""


@dataclass(frozen=True)
class Mentor:
    """One mentor's bio, validated."""

    slug: str
    """The file name without `.md`; also the profile's URL segment."""
    source: str
    """The bio's file, relative to the site root."""
    name: str
    """Display name, e.g. `Dr Jane Doe`."""
    pronouns: str | None
    """Pronouns as the mentor wrote them."""
    photo: PhotoSource | None
    """The photo beside the bio, or None for an initials avatar."""
    grade: str
    """A rung of the site's grade ladder, spelt as the ladder spells it."""
    grade_rank: int
    """The level of the grade on the ladder, 0 being the most junior; equally senior grades share a level."""
    specialties: tuple[str, ...]
    """One or more specialties."""
    region: str | None
    """Training region, if given."""
    organisation: str | None
    """Trust, hospital or practice, if given."""
    schemes: tuple[str, ...]
    """Slugs of the schemes the mentor belongs to."""
    style: str
    """One to three sentences on how the mentor works."""
    working: tuple[str, ...]
    """How the mentor likes to meet, from WORKING_MODES, in the order written."""
    capacity: int
    """The most mentees the mentor takes at once (at least 1)."""
    mentees: int
    """How many mentees the mentor has now (0..capacity)."""
    full_until: dt.date | None
    """A date until which the mentor is shown as full, whatever the counts."""
    contact: Contact
    """How to get in touch."""
    matching: tuple[str, ...]
    """Characteristics the mentor has chosen to be matched on (opt-in only)."""
    updated: dt.date | None
    """When the mentor last reviewed the bio."""
    bio_html: str
    """The Markdown bio rendered and sanitised: safe to insert as HTML."""
    github: str | None = None
    """The mentor's GitHub username: only they and the scheme team may change the bio (`check --author`)."""
    away_until: dt.date | None = None
    """A date until which the mentor is away (leave, exams, illness: the reason is never asked)."""

    def is_full(self, today: dt.date) -> bool:
        """Not taking mentees: as many mentees as places, a `full_until` or an `away_until` that is today or later."""
        return self.mentees >= self.capacity or self.full_until_ahead(today) is not None or self.is_away(today)

    def full_until_ahead(self, today: dt.date) -> dt.date | None:
        """The `full_until` date while it is today or later (the mentor is full until then), else None."""
        return self.full_until if self.full_until is not None and self.full_until >= today else None

    def is_away(self, today: dt.date) -> bool:
        """Away on `today`: an `away_until` date that is today or later; it ends by itself once passed."""
        return self.away_until is not None and self.away_until >= today

    def review_overdue(self, today: dt.date, days: int = REVIEW_DAYS) -> bool:
        """Whether the bio's `updated` date is more than `days` before `today` (no date: not overdue)."""
        return self.updated is not None and (today - self.updated).days > days

    def passed_dates(self, today: dt.date) -> tuple[tuple[str, dt.date], ...]:
        """(field, date) for `full_until` and `away_until` dates before `today`: lines the team should look at."""
        return tuple((name, date) for name, date in (("full_until", self.full_until), ("away_until", self.away_until))
                     if date is not None and date < today)

    def places_left(self) -> int:
        """Free places by the counts alone."""
        return max(self.capacity - self.mentees, 0)


@dataclass(frozen=True)
class HandbookChapter:
    """One chapter of a scheme's handbook, as its Markdown file says it (site/pages.py's HandbookView shows it)."""

    slug: str
    """URL segment within the scheme; "" for the scheme's first page."""
    source: str
    """The page's file, relative to the site root."""
    title: str
    """The page title."""
    order: int
    """Position in the handbook's navigation (the first page is always first)."""
    html: str
    """The page's Markdown rendered and sanitised."""


@dataclass(frozen=True)
class Scheme:
    """A mentoring scheme and its handbook."""

    slug: str
    """From the file or folder name; the URL segment of the handbook."""
    source: str
    """The scheme's settings file, relative to the site root."""
    title: str
    """The scheme's name."""
    summary: str | None
    """One sentence on what the scheme is."""
    audience: str | None
    """Who the scheme is for."""
    pages: tuple[HandbookChapter, ...]
    """The handbook, first page first."""
    mentors: str | None = None
    """Who mentors in the scheme, for the schemes overview."""
    pairing: str | None = None
    """How mentors and mentees are paired, for the schemes overview."""
    support: str | None = None
    """How mentors are supported, for the schemes overview."""
    contact: str | None = None
    """How to contact the scheme's team, for the schemes overview."""

    def overview(self) -> tuple[tuple[str, str], ...]:
        """The overview's (heading, text) pairs this scheme fills in, in reading order."""
        items = (("Who it is for", self.audience), ("Who mentors", self.mentors), ("How pairing works", self.pairing),
                 ("How mentors are supported", self.support), ("Contacting the team", self.contact))
        return tuple((heading, text) for heading, text in items if text)


@dataclass(frozen=True)
class Content:
    """Everything the site is built from, validated."""

    mentors: tuple[Mentor, ...]
    """Every mentor, sorted by slug."""
    schemes: tuple[Scheme, ...]
    """Every scheme, sorted by slug."""
