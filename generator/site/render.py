"""Render the site: the planned pages (`plan.py`) turned into bytes with the theme, and the text files beside them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

import jinja2
from markupsafe import escape

from mentordir.site.assets import BUILT_IN_THEME, Asset, theme_layers
from mentordir.content.config import SiteConfig
from mentordir.model.models import Scheme
from mentordir.site.filters import long_date, month_year, tel_uri
from mentordir.site.fragments import Fragments, PageFragments
from mentordir.site.pages import DirectoryPage, Page, SiteView


def make_environment(theme: Path, config: SiteConfig, assets: dict[str, Asset],
                     compiled: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """A Jinja environment that escapes everything and fails on any undefined name.

    Templates are looked up in the site's theme first, then in the built-in one, so a site
    replaces one template at a time; `builtin/<name>` always names the built-in template,
    for an override that extends the one it replaces. `compiled` keeps the templates'
    compiled code between processes (compiled_templates.py); without it, each new
    environment compiles them again.
    """
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader([str(layer / "templates") for layer in theme_layers(theme)]),
        jinja2.PrefixLoader({"builtin": jinja2.FileSystemLoader(str(BUILT_IN_THEME / "templates"))}),
    ])
    environment = jinja2.Environment(
        loader=loader,
        autoescape=True,  # every template, whatever its name (name-based autoescaping skips .j2 and friends)
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=compiled,
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
    environment.filters["month_year"] = month_year
    environment.filters["tel"] = tel_uri
    return environment


@dataclass(frozen=True)
class RenderedPages:
    """Pages an earlier build rendered, with what each was rendered from, so an unchanged page is not rendered again."""

    pages: Mapping[str, tuple[Page, bytes, bytes]] = field(default_factory=dict)
    """Output path -> (the page's context, the cache key it was rendered under, the bytes)."""
    fragments: Mapping[str, Fragments] = field(default_factory=dict)
    """Output path -> the `fragment()` calls its template made, with what each made, under the page's cache key."""


def render_pages(pages: dict[str, Page], environment: jinja2.Environment, config: SiteConfig,
                 schemes: tuple[Scheme, ...], today: dt.date, earlier: RenderedPages = RenderedPages(),
                 cache_key: bytes = b"") -> tuple[dict[str, bytes], RenderedPages]:
    """Render every planned page to UTF-8 bytes, by output path; also what to pass next time.

    A page whose context equals the one `earlier` rendered it from, under the same
    `cache_key` (which must cover the templates, assets, settings, schemes and date that
    every page also sees), is taken from `earlier` instead of being rendered again. A page
    rendered again under the same `cache_key` takes from `earlier` each `fragment()` call
    (fragments.py) it makes with the same arguments as last time: after one bio changed,
    the directory renders one card, not every card.
    """
    rendered: dict[str, tuple[Page, bytes, bytes]] = {}
    fragments: dict[str, Fragments] = {}
    texts: dict[str, str] = {}
    for path, page in sorted(pages.items()):
        before = earlier.pages.get(path)
        if before is not None and before[1] != cache_key:
            before = None  # rendered under another key: neither the page nor its fragments may be reused
        # Frozen dataclasses compare field by field; the same objects compare at once.
        if before is not None and before[0] == page:
            rendered[path] = (page, cache_key, before[2])
            if path in earlier.fragments:
                fragments[path] = earlier.fragments[path]
            continue
        page_path = path.removesuffix("index.html") if path.endswith("index.html") else path
        site = SiteView(config=config, schemes=schemes, today=today, page_path=page_path)
        reusable = earlier.fragments.get(path, ()) if before is not None else ()
        fragment = PageFragments(environment, site, reusable, texts)
        data = environment.get_template(page.template).render(site=site, page=page, fragment=fragment).encode("utf-8")
        rendered[path] = (page, cache_key, data)
        if made := fragment.made():
            fragments[path] = made
    return {path: data for path, (_, _, data) in rendered.items()}, RenderedPages(rendered, fragments)


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


def _url_builder(config: SiteConfig) -> Callable[[str], str]:
    def url(path: str = "") -> str:
        """A site-relative path turned into a link that works under the site's base path."""
        return config.base_path + path.lstrip("/")
    return url
