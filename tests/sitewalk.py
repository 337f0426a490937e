"""Read a built site as a browser would: every page's links, images, scripts and stylesheets."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

URL_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("img", "srcset"),
                  ("source", "srcset"), ("form", "action")}


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
            if (tag, name) in URL_ATTRIBUTES:
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


def broken_links(out: Path, base_path: str) -> list[str]:
    """`page: url` for every internal URL on every page that does not resolve."""
    broken = []
    for page in sorted(out.rglob("*.html")):
        for url in scan(page).urls:
            if resolve(out, base_path, url) is None:
                broken.append(f"{page.relative_to(out)}: {url}")
    return broken
