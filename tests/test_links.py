"""The link checker: the demo site served over HTTP at /<repo>/, as GitHub Pages serves it, with no broken URL."""

from __future__ import annotations

import contextlib
import functools
import http.client
import http.server
import shutil
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from conftest import REPO, SUB_PATH_URL
from sitewalk import broken_links, site_urls

REPO_NAME = "my-scheme"  # SUB_PATH_URL publishes the demo at https://example.org/my-scheme/
DEEP_MISSING_PAGE = "no/such/page/at/any/depth/"


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder the way GitHub Pages does: a missing path gets the site's 404.html, with status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / REPO_NAME / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def served(site: Path, tmp_path: Path) -> Iterator[str]:
    """Serve a built site at http://127.0.0.1:<port>/my-scheme/ and yield that address."""
    root = tmp_path / "served"
    shutil.copytree(site, root / REPO_NAME)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{REPO_NAME}/"
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str) -> tuple[int, bytes]:
    """GET a URL on the test server without following redirects: a redirect is a link worth fixing."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def address_of(site_url: str, file: str) -> str:
    """Where a browser is when it shows `file`: 404.html is shown at any missing address, however deep."""
    if file == "404.html":
        return site_url + DEEP_MISSING_PAGE
    return site_url + (file.removesuffix("index.html") if file.endswith("index.html") else file)


def internal_urls(out: Path, site_url: str, published_url: str = SUB_PATH_URL) -> dict[str, list[str]]:
    """Every URL on the test server that the built site uses, resolved as a browser would, with the files using it.

    Addresses under the published URL are moved onto the test server; other hosts, mailto: and
    tel: are not ours to check. A path outside /my-scheme/ on our own host counts as ours: on
    GitHub Pages it would leave the site.
    """
    host = urlsplit(site_url).netloc
    found: dict[str, list[str]] = {}
    for file, url in site_urls(out, urlsplit(site_url).path):
        if url.startswith("#"):
            continue  # a place on the page the browser already has, like the skip link's #main
        if url.startswith(published_url):
            url = site_url + url[len(published_url):]
        absolute = urldefrag(urljoin(address_of(site_url, file), url)).url
        parts = urlsplit(absolute)
        if parts.scheme in ("http", "https") and parts.netloc == host:
            found.setdefault(absolute, []).append(file)
    return found


def broken_when_served(out: Path, site_url: str) -> list[str]:
    """`status path (from file)` for every internal URL that does not answer 200 OK."""
    broken = []
    for url, files in sorted(internal_urls(out, site_url).items()):
        status, _ = fetch(url)
        if status != 200:
            more = f" and {len(set(files)) - 1} more" if len(set(files)) > 1 else ""
            broken.append(f"{status} {urlsplit(url).path} (from {files[0]}{more})")
    return broken


# --- the demo site, served ----------------------------------------------------------------------

def test_every_internal_url_of_the_demo_site_answers_200_under_the_sub_path(demo_site, tmp_path):
    with served(demo_site, tmp_path) as site_url:
        urls = internal_urls(demo_site, site_url)
        assert broken_when_served(demo_site, site_url) == []
    paths = {urlsplit(url).path for url in urls}
    # Pages, profiles, handbook pages, stylesheets, scripts, icons and photos were all among them.
    assert {"/my-scheme/", "/my-scheme/agreement/", "/my-scheme/schemes/returners/pairing/",
            "/my-scheme/mentors/rhys-pritchard/"} <= paths
    assert {path.rsplit(".", 1)[-1] for path in paths if "/assets/" in path or "/photos/" in path} >= {
        "css", "js", "svg", "jpg", "webp"}


def test_the_404_page_is_served_at_any_depth_and_every_link_on_it_works_from_there(demo_site, tmp_path):
    with served(demo_site, tmp_path) as site_url:
        status, body = fetch(site_url + DEEP_MISSING_PAGE)
        assert (status, body) == (404, (demo_site / "404.html").read_bytes())
        from_404 = [url for url, files in internal_urls(demo_site, site_url).items() if "404.html" in files]
        assert len(from_404) >= 3
        assert {url: fetch(url)[0] for url in from_404} == {url: 200 for url in from_404}


def test_the_file_walker_passes_the_demo_site_including_its_404_page(demo_site):
    assert "404.html" in {file for file, _ in site_urls(demo_site, "/my-scheme/")}
    assert broken_links(demo_site, "/my-scheme/") == []


# --- deliberately broken sites ------------------------------------------------------------------

BROKEN_LINKS = (
    '<a href="/my-scheme/mentors/nobody/">a mentor who left</a>'
    '<link rel="stylesheet" href="/my-scheme/assets/missing.css">'
    '<img src="/photos/outside-the-sub-path.jpg" alt="">'
    '<a href="/my-scheme/agreement">no trailing slash</a>'
    '<div data-search-index="/my-scheme/search-index.json"></div>'
)


def broken_copy(demo_site: Path, tmp_path: Path) -> Path:
    """The demo site with broken links planted in the directory page, the 404 page and a search index."""
    site = tmp_path / "broken"
    shutil.copytree(demo_site, site)
    index = site / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("</main>", BROKEN_LINKS + "</main>", 1),
                     encoding="utf-8")
    page_404 = site / "404.html"
    relative = '<a href="mentors/">relative, so wrong at any depth</a>'
    page_404.write_text(page_404.read_text(encoding="utf-8").replace("</main>", relative + "</main>", 1),
                        encoding="utf-8")
    (site / "search.json").write_text('{"mentors": [{"url": "/my-scheme/mentors/rhys-pritchard/", '
                                      '"photo": "/my-scheme/photos/gone.webp"}]}', encoding="utf-8")
    return site


def test_the_served_link_checker_fails_on_each_deliberately_broken_link(demo_site, tmp_path):
    site = broken_copy(demo_site, tmp_path)
    with served(site, tmp_path) as site_url:
        assert broken_when_served(site, site_url) == [
            "301 /my-scheme/agreement (from index.html)",
            "404 /my-scheme/assets/missing.css (from index.html)",
            "404 /my-scheme/mentors/nobody/ (from index.html)",
            "404 /my-scheme/no/such/page/at/any/depth/mentors/ (from 404.html)",
            "404 /my-scheme/photos/gone.webp (from search.json)",
            "404 /my-scheme/search-index.json (from index.html)",
            "404 /photos/outside-the-sub-path.jpg (from index.html)",
        ]


def test_the_file_walker_fails_on_each_deliberately_broken_link(demo_site, tmp_path):
    site = broken_copy(demo_site, tmp_path)
    assert broken_links(site, "/my-scheme/") == [
        "404.html: mentors/",
        "index.html: /my-scheme/mentors/nobody/",
        "index.html: /my-scheme/assets/missing.css",
        "index.html: /photos/outside-the-sub-path.jpg",
        "index.html: /my-scheme/agreement",
        "index.html: /my-scheme/search-index.json",
        "search.json: /my-scheme/photos/gone.webp",
    ]


@pytest.mark.parametrize("attribute", ["data-index", "data-search-url", "data-src"])
def test_data_attributes_that_name_a_url_are_checked(tmp_path, attribute):
    (tmp_path / "index.html").write_text(f'<div {attribute}="/my-scheme/index.json"></div>', encoding="utf-8")
    assert broken_links(tmp_path, "/my-scheme/") == ["index.html: /my-scheme/index.json"]
    (tmp_path / "index.json").write_text("{}", encoding="utf-8")
    assert broken_links(tmp_path, "/my-scheme/") == []


def test_the_bio_template_is_never_published(demo_site):
    assert (REPO / "content" / "mentors" / "_template.md").is_file()
    assert [path for path in demo_site.rglob("*") if "template" in path.name.lower()] == []
    assert [url for _, url in site_urls(demo_site, "/my-scheme/") if "_template" in url] == []
