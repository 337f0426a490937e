"""What every browser test shares: Debian's Chromium, how to launch it here, and serving a folder."""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying hosts this machine cannot reach.
LAUNCH_ARGUMENTS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run"]
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(),
                                    reason="browser tests need Debian's Chromium at /usr/bin/chromium "
                                           "(apt-get install -y chromium)")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that does not log every request."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve `folder` at http://127.0.0.1:<port>/ until the block ends."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def playwright_api():
    """Playwright's sync API, or a skip that says how to install it."""
    return pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright: pip install -e '.[test]'")


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium browser, closed when the block ends."""
    with playwright_api().sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGUMENTS)
        try:
            yield browser
        finally:
            browser.close()
