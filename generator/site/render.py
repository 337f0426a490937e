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
from mentordir.model.fingerprint import bytes_identity
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

    pages: Mapping[str, tuple[Page, bytes, str]] = field(default_factory=dict)
    """Output path -> (the page's context, the cache key it was rendered under, what its bytes were).

    The bytes themselves are not kept: the site that build wrote holds them (10 MB at
    1,000 mentors, a third of what a build kept for the next and a tenth of a one-edit
    build's time to save, write and read back). What they were is `bytes_identity`.
    """
    fragments: Mapping[str, Fragments] = field(default_factory=dict)
    """Output path -> the `fragment()` calls its template made, with what each made, under the page's cache key."""


def render_pages(pages: dict[str, Page], environment: jinja2.Environment, config: SiteConfig,
                 schemes: tuple[Scheme, ...], today: dt.date, earlier: RenderedPages = RenderedPages(),
                 cache_key: bytes = b"", keep_unchanged: bool = True,
                 ) -> tuple[dict[str, bytes], dict[str, str], RenderedPages]:
    """Render the planned pages to UTF-8 bytes, by output path; also the pages left as they were, and what to pass next time.

    A page whose context equals the one `earlier` rendered it from, under the same
    `cache_key` (which must cover the templates, assets, settings, schemes and date that
    every page also sees), is not rendered again: it is returned among the unchanged
    pages, by path, with what its bytes are (`bytes_identity`), and the writer takes it
    from the site the earlier build wrote. With `keep_unchanged` False (a private site
    seals every page) such a page is rendered again all the same. A page rendered again
    under the same `cache_key` takes from `earlier` each `fragment()` call (fragments.py)
    it makes with the same arguments as last time: after one bio changed, the directory
    renders one card, not every card.
    """
    files: dict[str, bytes] = {}
    unchanged: dict[str, str] = {}
    rendered: dict[str, tuple[Page, bytes, str]] = {}
    fragments: dict[str, Fragments] = {}
    texts: dict[str, str] = {}
    for path, page in sorted(pages.items()):
        before = earlier.pages.get(path)
        if before is not None and before[1] != cache_key:
            before = None  # rendered under another key: neither the page nor its fragments may be reused
        # Frozen dataclasses compare field by field; the same objects compare at once.
        if keep_unchanged and before is not None and before[0] == page:
            rendered[path] = (page, cache_key, before[2])
            unchanged[path] = before[2]
            if path in earlier.fragments:
                fragments[path] = earlier.fragments[path]
            continue
        page_path = path.removesuffix("index.html") if path.endswith("index.html") else path
        site = SiteView(config=config, schemes=schemes, today=today, page_path=page_path)
        reusable = earlier.fragments.get(path, ()) if before is not None else ()
        fragment = PageFragments(environment, site, reusable, texts)
        data = environment.get_template(page.template).render(site=site, page=page, fragment=fragment).encode("utf-8")
        files[path] = data
        rendered[path] = (page, cache_key, bytes_identity(data))
        if made := fragment.made():
            fragments[path] = made
    return files, unchanged, RenderedPages(rendered, fragments)


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
