"""Read a built site as a browser would: every page's links, images, scripts and stylesheets.

Besides HTML attributes, URLs come from `data-*` attributes that name one (`data-index`,
`data-search-url`: how a script finds a search index) and from the strings of any JSON
file in the site (the search index itself links to profiles and photos).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

URL_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("img", "srcset"),
                  ("source", "srcset"), ("source", "src"), ("form", "action"), ("iframe", "src"),
                  ("video", "src"), ("video", "poster"), ("audio", "src"), ("object", "data")}
DATA_URL_ATTRIBUTE = re.compile(r"^data-(?:[a-z0-9-]+-)?(?:url|href|src|index)$")


@dataclass
class PageScan(HTMLParser):
    """Collects URLs and the facts the security and structure tests need from one HTML page."""

    urls: list[str] = field(default_factory=list)
    head_elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    inline_scripts: int = 0
    style_attributes: int = 0
    event_handlers: list[str] = field(default_factory=list)
    _in_head: bool = False
    _in_script: bool = False

    def __post_init__(self) -> None:
        HTMLParser.__init__(self)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "head":
            self._in_head = True
        elif self._in_head:
            self.head_elements.append((tag, values))
        if tag == "script":
            self._in_script = "src" not in values
        if "style" in values:
            self.style_attributes += 1
        self.event_handlers += [name for name in values if name.startswith("on")]
        for name, value in values.items():
            if DATA_URL_ATTRIBUTE.match(name) and value:
                self.urls.append(value)
            elif (tag, name) in URL_ATTRIBUTES:
                if name == "srcset":
                    self.urls += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
                else:
                    self.urls.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1


def scan(path: Path) -> PageScan:
    """Parse one built HTML page."""
    page = PageScan()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def resolve(out: Path, base_path: str, url: str) -> Path | None:
    """The file a site-internal URL would be served from under `base_path`, or None when it would 404.

    The site links to itself with root-relative paths only, so any URL with a scheme or a
    host is external and resolves to `out` itself, meaning "not ours to check".
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or (not parts.path and parts.fragment):
        return out
    path = unquote(parts.path)
    if not path.startswith(base_path):
        return None
    target = out / path[len(base_path):]
    if path.endswith("/"):
        target = target / "index.html"
    return target if target.is_file() else None


def json_urls(path: Path, base_path: str) -> list[str]:
    """The strings in a JSON file (a search index) that are paths in the site."""
    return [text for text in _strings(json.loads(path.read_text(encoding="utf-8"))) if text.startswith(base_path)]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def site_urls(out: Path, base_path: str) -> list[tuple[str, str]]:
    """(file, url) for every URL in every page and JSON file of a built site, 404.html included."""
    found = [(page.relative_to(out).as_posix(), url) for page in sorted(out.rglob("*.html")) for url in scan(page).urls]
    found += [(data.relative_to(out).as_posix(), url) for data in sorted(out.rglob("*.json"))
              for url in json_urls(data, base_path)]
    return found


def broken_links(out: Path, base_path: str) -> list[str]:
    """`page: url` for every internal URL on every page (and in every JSON file) that does not resolve.

    A relative URL counts as broken: 404.html is served at any depth, where it would point elsewhere.
    """
    return [f"{file}: {url}" for file, url in site_urls(out, base_path) if resolve(out, base_path, url) is None]
