"""Render the site: plan every page from the model, then turn each into bytes with the theme."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import random
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup, escape

from mentordir.site.assets import Asset
from mentordir.content.config import SiteConfig
from mentordir.serve.memo import BuildMemo
from mentordir.model.models import COURTESY_TITLES, Content, Mentor, Scheme
from mentordir.site.pages import (AgreementPage, Avatar, DirectoryPage, HandbookView, MentorView, NotFoundPage, Page,
                             ProfilePage, SchemesPage, SiteView)
from mentordir.site.filters import long_date, tel_uri
from mentordir.site.team import plan_overview_pages
from mentordir.photos.process import PhotoSet
from mentordir.site.search_index import build_search

log = logging.getLogger(__name__)

# Dark enough for white initials at WCAG AA (contrast >= 4.5:1 against #ffffff).
AVATAR_COLOURS = ("#1f5f8b", "#7a3e9d", "#2e6b3a", "#9c3d1f", "#5b4a8a", "#0f6e6e", "#8a2f55", "#4d5b23")


def plan_pages(content: Content, photos: dict[str, PhotoSet], config: SiteConfig,
               today: dt.date) -> dict[str, Page]:
    """Every HTML page of the site, by output path relative to the site root."""
    views = [_mentor_view(mentor, photos.get(mentor.slug), content.schemes, today) for mentor in content.mentors]
    available = fair_order([view for view in views if not view.full], today)
    full = fair_order([view for view in views if view.full], today)
    search = build_search(tuple(available + full), config, content.schemes)
    pages: dict[str, Page] = {
        "index.html": DirectoryPage(title=config.title, available=tuple(available), full=tuple(full), search=search),
        "agreement/index.html": AgreementPage(title="Mentoring agreement"),
        "404.html": NotFoundPage(title="Page not found"),
        **plan_overview_pages(content, views, today),
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
    return pages


def fair_order(views: list[MentorView], today: dt.date) -> list[MentorView]:
    """Shuffle mentors in an order that is stable for a day's builds, so nobody is always first."""
    ordered = sorted(views, key=lambda view: view.mentor.slug)
    random.Random(today.isoformat()).shuffle(ordered)
    return ordered


def make_environment(theme: Path, config: SiteConfig, assets: dict[str, Asset]) -> jinja2.Environment:
    """A Jinja environment that escapes everything and fails on any undefined name."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme / "templates"),
        autoescape=True,  # every template, whatever its name (name-based autoescaping skips .j2 and friends)
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    url = _url_builder(config)

    def asset(name: str) -> str:
        """The published address of a file in theme/static/."""
        if name not in assets:
            raise jinja2.TemplateRuntimeError(f"asset('{name}'): there is no {name} in the theme's static/ folder")
        return url(assets[name].path)

    environment.globals["url"] = url
    environment.globals["asset"] = asset
    environment.filters["long_date"] = long_date
    environment.filters["tel"] = tel_uri
    return environment


def render_pages(pages: dict[str, Page], environment: jinja2.Environment, config: SiteConfig,
                 schemes: tuple[Scheme, ...], today: dt.date, memo: BuildMemo | None = None,
                 salt: bytes = b"") -> dict[str, bytes]:
    """Render every planned page to UTF-8 bytes, by output path.

    With a memo, a profile whose mentor, photos and status are the very objects it was last
    rendered from, under the same `salt` (templates, settings, schemes, date), is not
    rendered again. Pages that list many mentors are always rendered.
    """
    rendered: dict[str, bytes] = {}
    for path, page in sorted(pages.items()):
        inputs = _inputs(page, salt)
        remembered = memo.pages.get(path) if memo is not None and inputs is not None else None
        if remembered is not None and _same(remembered[0], inputs):
            rendered[path] = remembered[1]
            continue
        page_path = path.removesuffix("index.html") if path.endswith("index.html") else path
        site = SiteView(config=config, schemes=schemes, today=today, page_path=page_path)
        rendered[path] = environment.get_template(page.template).render(site=site, page=page).encode("utf-8")
        if memo is not None and inputs is not None:
            memo.pages[path] = (inputs, rendered[path])
    if memo is not None:
        for gone in memo.pages.keys() - rendered.keys():
            del memo.pages[gone]
    return rendered


def _inputs(page: Page, salt: bytes) -> tuple[object, ...] | None:
    # What a page is rendered from, for the memo; None for pages that list many mentors,
    # which are always rendered. The salt covers templates, settings, schemes and the date.
    if isinstance(page, ProfilePage):
        return (page.mentor.mentor, page.mentor.photo, page.mentor.full, salt)
    if isinstance(page, (HandbookView, AgreementPage, NotFoundPage, SchemesPage)):
        return (salt,)
    return None


def _same(before: tuple[object, ...], now: tuple[object, ...]) -> bool:
    # Identity for the objects (the memo keeps them alive, so an id cannot be reused),
    # equality for the flag and the salt.
    return len(before) == len(now) and all(a is b or (isinstance(a, (bool, bytes)) and a == b)
                                          for a, b in zip(before, now))


def render_text_files(pages: dict[str, Page], config: SiteConfig) -> dict[str, bytes]:
    """`.nojekyll`, `robots.txt` and, when indexing is on and the address is known, `sitemap.xml`."""
    files = {".nojekyll": b""}
    if not config.indexing:
        files["robots.txt"] = b"# This directory lists colleagues' personal pages; it asks not to be indexed.\n" \
                              b"User-agent: *\nDisallow: /\n"
        return files
    robots = "User-agent: *\nAllow: /\n"
    if config.origin:
        base = config.origin + config.base_path
        locations = [base + path.removesuffix("index.html") for path in sorted(pages) if path != "404.html"]
        entries = "".join(f"  <url><loc>{escape(location)}</loc></url>\n" for location in locations)
        files["sitemap.xml"] = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                                f"{entries}</urlset>\n").encode()
        robots += f"Sitemap: {base}sitemap.xml\n"
    files["robots.txt"] = robots.encode()
    return files


def search_files(pages: dict[str, Page]) -> dict[str, bytes]:
    """The directory's full-text index, by its hashed path in the site."""
    return {page.search.index_path: page.search.index_bytes for page in pages.values()
            if isinstance(page, DirectoryPage)}


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
                      full_until=long_date(mentor.full_until) if mentor.full_until_ahead(today) else None,
                      bio=_sanitised(mentor.bio_html),
                      schemes=tuple(scheme for scheme in schemes if scheme.slug in mentor.schemes))


def _sanitised(html: str) -> Markup:
    # The one place content becomes Markup: `html` was produced by markup.render_markdown,
    # which runs every body through the nh3 allowlist. Nothing else a mentor wrote is
    # ever marked safe; templates escape it.
    return Markup(html)


def _url_builder(config: SiteConfig) -> Callable[[str], str]:
    def url(path: str = "") -> str:
        """A site-relative path turned into a link that works under the site's base path."""
        return config.base_path + path.lstrip("/")
    return url
