"""`mentordir serve`, driven programmatically: edit, break, fix, add, delete, restyle; and as a user runs it."""

from __future__ import annotations

import hashlib
import http.client
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import jinja2
import pytest

import mentordir.build as build_module
from conftest import THEME, bio_text, options_for
from mentordir.build import build
from mentordir.serve.server import DevServer

BIO = "content/mentors/jane-doe.md"


class Browser:
    """A browser's side of the event stream: every event received, in order."""

    def __init__(self, port: int, base: str = "/") -> None:
        self.events: list[tuple[str, str]] = []
        self._connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self._connection.request("GET", base + "__mentordir__/events")
        self._response = self._connection.getresponse()
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for(lambda: len(self.events) >= 1)

    def _read(self) -> None:
        event = None
        while True:
            try:
                line = self._response.fp.readline().decode()
            except (OSError, ValueError):
                return
            if not line:
                return
            if line.startswith("event: "):
                event = line[7:].strip()
            elif line.startswith("data: ") and event:
                self.events.append((event, line[6:].strip()))

    def wait_for(self, condition, seconds: float = 10) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < deadline, f"timed out; events so far: {self.events}"
            time.sleep(0.01)

    def next_events(self, action) -> list[tuple[str, str]]:
        """Run `action` (which rebuilds) and return the events it caused."""
        seen = len(self.events)
        action()
        time.sleep(0.05)
        return self.events[seen:]


def fetch(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read().decode()


@pytest.fixture
def dev(make_site, tmp_path):
    root = make_site({BIO: bio_text()})
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    options = options_for(root)
    options = type(options)(**{**options.__dict__, "theme": theme})
    server = DevServer(options, 0, report=lambda problems: None, out=tmp_path / "preview")
    server.start()
    port = server.server.server_address[1]
    browser = Browser(port)
    yield server, port, browser, root, theme
    server.stop()


def heading(port: int, slug: str = "jane-doe") -> str:
    page = fetch(port, f"/mentors/{slug}/")[1]
    return page[page.index("<h1>") + 4: page.index("</h1>")].split("<")[0].strip()


def test_an_edited_bio_is_served_after_one_rebuild_and_the_browser_is_told_to_reload(dev):
    server, port, browser, root, _ = dev
    (root / BIO).write_text(bio_text({"name": "Dr Jane Doe-Smith"}))
    events = browser.next_events(server.poll)
    assert events == [("ok", "[]"), ("reload", "null")]
    assert heading(port) == "Dr Jane Doe-Smith"


def test_an_edit_rewrites_only_the_pages_that_show_the_mentor(dev):
    server, _, _, root, _ = dev
    (root / BIO).write_text(bio_text({"style": "I listen, then we plan."}))
    changed = server.rebuild()
    # The search index is named by its content, so the old one goes and the new one comes.
    assert [path for path in changed if not path.startswith("assets/search.")] == [
        "booklet/index.html", "index.html", "mentors.json", "mentors/jane-doe/index.html"]
    assert len([path for path in changed if path.startswith("assets/search.")]) == 2


def test_a_broken_bio_keeps_the_last_good_site_and_shows_the_problem_until_it_is_fixed(dev):
    server, port, browser, root, _ = dev
    (root / BIO).write_text(bio_text({"name": "Dr Broken", "grade": "ST9"}))
    events = browser.next_events(server.poll)
    assert [name for name, _ in events] == ["problems"]
    assert 'content/mentors/jane-doe.md:4: grade: \\"ST9\\" is not a grade' in events[0][1]
    assert heading(port) == "Dr Jane Doe"
    late = Browser(port)  # a page opened now gets the problems at once
    assert late.events[0][0] == "problems"
    (root / BIO).write_text(bio_text({"name": "Dr Fixed"}))
    assert [name for name, _ in browser.next_events(server.poll)] == ["ok", "reload"]
    assert heading(port) == "Dr Fixed"


def test_a_new_bio_appears_and_a_deleted_one_disappears(dev):
    server, port, browser, root, _ = dev
    (root / "content/mentors/john-smith.md").write_text(bio_text({"name": "Dr John Smith"}))
    assert ("reload", "null") in browser.next_events(server.poll)
    assert heading(port, "john-smith") == "Dr John Smith"
    assert "Dr John Smith" in fetch(port, "/")[1]
    (root / "content/mentors/john-smith.md").unlink()
    assert ("reload", "null") in browser.next_events(server.poll)
    assert fetch(port, "/mentors/john-smith/")[0] == 404
    assert "Dr John Smith" not in fetch(port, "/")[1]


def test_a_stylesheet_change_is_swapped_in_place_without_a_reload(dev):
    server, port, browser, _, theme = dev
    with open(theme / "static" / "style.css", "a") as stylesheet:
        stylesheet.write("\nbody { outline: 1px solid red; }\n")
    events = browser.next_events(server.poll)
    assert events == [("ok", "[]"), ("css", '["/assets/style.css"]')]
    assert fetch(port, "/assets/style.css")[1].endswith("body { outline: 1px solid red; }\n")


def test_a_template_change_rerenders_pages_but_processes_no_photos(dev, monkeypatch):
    server, port, browser, _, theme = dev
    from mentordir.photos import imaging

    def refuse(*arguments: object) -> None:
        raise AssertionError("a template change decoded a photo")
    monkeypatch.setattr(imaging, "decode_photo_and_size", refuse)
    template = theme / "templates" / "404.html"
    template.write_text(template.read_text().replace("There is no page at this address.", "Nothing here."))
    assert ("reload", "null") in browser.next_events(server.poll)
    assert "Nothing here." in fetch(port, "/nowhere/")[1]


def test_nothing_changed_means_no_rebuild_and_no_signal(dev):
    server, _, browser, _, _ = dev
    assert browser.next_events(server.poll) == []


def test_one_save_is_one_rebuild_even_by_rename(dev, monkeypatch):
    server, _, _, root, _ = dev
    rebuilds = []
    monkeypatch.setattr(server, "rebuild", lambda: rebuilds.append(1) or [])
    saved = root / "content/mentors/.jane-doe.md.swp"  # an editor's copy, renamed over the bio
    saved.write_text(bio_text({"mentees": "2"}))
    saved.replace(root / BIO)
    (root / BIO).with_name("jane-doe.md~").write_text("backup")
    assert server.poll() is True
    assert server.poll(timeout=1.0) is False
    assert rebuilds == [1]


def test_the_preview_and_the_cache_are_never_watched(dev):
    server, _, browser, root, _ = dev
    (server.out / "stray.html").write_text("<p>written by hand</p>")
    (root / ".cache" / "mentordir" / "stray.json").write_text("{}")
    assert browser.next_events(lambda: server.poll(timeout=1.0)) == []


def tree(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_after_any_sequence_of_edits_the_preview_equals_a_clean_build(dev, tmp_path):
    server, _, _, root, theme = dev
    steps = [
        lambda: (root / BIO).write_text(bio_text({"mentees": "2"})),
        lambda: (root / "content/mentors/ann-lee.md").write_text(bio_text({"name": "Dr Ann Lee"})),
        lambda: (root / BIO).write_text(bio_text({"grade": "ST9"})),
        lambda: (root / BIO).write_text(bio_text({"region": "London"})),
        lambda: (root / "content/site.yaml").write_text("title: Renamed\nteam:\n  name: T\n  email: t@example.org\n"),
        lambda: (theme / "static" / "style.css").write_text("body { color: black; }\n"),
        lambda: (root / "content/mentors/ann-lee.md").unlink(),
    ]
    for step in steps:
        step()
        server.poll()
    clean = tmp_path / "clean"
    options = options_for(root)
    build(type(options)(**{**options.__dict__, "theme": theme, "hash_assets": False}), clean)
    assert tree(server.out) == tree(clean)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_serve_command_serves_on_loopback_under_the_sites_sub_path_and_stops_cleanly(make_site):
    root = make_site({BIO: bio_text(), "content/site.yaml": "base_url: https://example.org/my-scheme/\n"})
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "mentordir", "serve", "--root", str(root), "--theme", str(THEME),
                                "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                status, page = fetch(port, "/my-scheme/mentors/jane-doe/")
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert status == 200 and "Dr Jane Doe" in page and "/my-scheme/__mentordir__/live.js" in page
        addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
        for address in addresses - {"127.0.0.1"}:
            with socket.socket() as probe:
                probe.settimeout(1)
                assert probe.connect_ex((address, port)) != 0, address
    finally:
        process.send_signal(2)  # Ctrl-C
        _, errors = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "Traceback" not in errors and errors.rstrip().endswith("Stopped.")


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian's Chromium at /usr/bin/chromium")
def test_in_a_browser_the_overlay_shows_problems_and_clears_and_css_swaps_without_a_reload(dev):
    playwright_api = pytest.importorskip("playwright.sync_api", reason="needs Playwright: pip install -e '.[test]'")
    from browsing import LAUNCH_ARGUMENTS
    server, port, _, root, theme = dev
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGUMENTS)
        page = browser.new_page()
        page.set_default_timeout(10_000)
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(f"http://127.0.0.1:{port}/mentors/jane-doe/")
        page.wait_for_function("() => document.readyState === 'complete'")
        time.sleep(0.3)  # the event stream connects

        (root / BIO).write_text(bio_text({"grade": "ST9"}))
        server.poll()
        overlay = page.locator(".mentordir-overlay")
        overlay.wait_for(state="visible")
        assert "content/mentors/jane-doe.md:4: grade:" in overlay.inner_text()
        assert page.locator("h1").inner_text().startswith("Dr Jane Doe")  # the last good page stays

        (root / BIO).write_text(bio_text({"name": "Dr Jane Fixed"}))
        server.poll()
        page.wait_for_function("() => document.querySelector('h1').textContent.includes('Dr Jane Fixed')")
        assert page.locator(".mentordir-overlay").count() == 0

        page.evaluate("() => { window.__stillHere = true; }")
        with open(theme / "static" / "style.css", "a") as stylesheet:
            stylesheet.write("\nbody { background: rgb(1, 2, 3) !important; }\n")
        server.poll()
        page.wait_for_function("() => getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'")
        assert page.evaluate("() => window.__stillHere") is True  # swapped, not reloaded
        browser.close()
    assert [error for error in errors if "404" not in error] == []


def test_a_first_file_in_a_new_theme_folder_is_served_over_the_built_in_one(make_site, tmp_path):
    # A site made by `mentordir init` has no theme/; creating one while serving must be noticed.
    root = make_site({BIO: bio_text()})
    options = type(options_for(root))(**{**options_for(root).__dict__, "theme": root / "theme"})
    server = DevServer(options, 0, report=lambda problems: None, out=tmp_path / "preview")
    server.start()
    try:
        port = server.server.server_address[1]
        browser = Browser(port)
        assert "rebeccapurple" not in fetch(port, "/assets/style.css")[1]
        (root / "theme" / "static").mkdir(parents=True)
        (root / "theme" / "static" / "style.css").write_text("body { background: rebeccapurple; }\n")
        assert ("css", '["/assets/style.css"]') in browser.next_events(server.poll)
        assert fetch(port, "/assets/style.css")[1] == "body { background: rebeccapurple; }\n"
    finally:
        server.stop()


def test_the_dev_server_starts_from_the_templates_a_build_compiled_and_compiles_only_a_changed_one(
        make_site, tmp_path, monkeypatch):
    override = "{% extends 'builtin/404.html' %}{% block main %}<p>Lost?</p>{% endblock %}\n"
    root = make_site({BIO: bio_text(), "theme/templates/404.html": override})
    options = type(options_for(root))(**{**options_for(root).__dict__, "theme": root / "theme"})
    build(options, tmp_path / "out")
    build_module._environment.cache_clear()  # as `mentordir serve` starts: a new process
    compiled: list[str] = []
    compile_template = jinja2.Environment.compile

    def counting(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(self, source, name, *args, **kwargs)
    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    server = DevServer(options, 0, report=lambda problems: None, out=tmp_path / "preview")
    server.start()
    try:
        assert compiled == []
        (root / "theme" / "templates" / "404.html").write_text(override.replace("Lost?", "Lost your way?"))
        server.rebuild()
        assert compiled == ["404.html"]
        assert "Lost your way?" in fetch(server.server.server_address[1], "/nowhere/")[1]
    finally:
        server.stop()
