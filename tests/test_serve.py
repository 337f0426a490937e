"""`mentordir serve`, driven as a user would: start it, edit, break, fix, and look at what it serves."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import THEME, bio_text

BIO = "content/mentors/jane-doe.md"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def wait_for(condition, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    return False


@pytest.fixture
def server(make_site):
    root = make_site({BIO: bio_text()})
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(root), "--theme", str(THEME),
                                "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: fetch(base)[0] == 200), "the server did not start"
        yield root, base
    finally:
        process.terminate()
        process.wait(timeout=10)


def profile_heading(base: str) -> str:
    page = fetch(base + "mentors/jane-doe/")[1]
    return page[page.index("<h1>") + 4: page.index("</h1>")].split("<")[0].strip()


def test_serve_rebuilds_on_edit_and_keeps_the_last_good_site_when_a_build_fails(server):
    root, base = server
    bio = Path(root) / BIO
    assert profile_heading(base) == "Dr Jane Doe"
    bio.write_text(bio_text({"name": "Dr Jane Doe-Smith"}))
    assert wait_for(lambda: profile_heading(base) == "Dr Jane Doe-Smith")
    bio.write_text(bio_text({"name": "Dr Broken", "grade": "ST9"}))
    time.sleep(2)
    assert profile_heading(base) == "Dr Jane Doe-Smith"
    bio.write_text(bio_text({"name": "Dr Fixed"}))
    assert wait_for(lambda: profile_heading(base) == "Dr Fixed")


def test_serve_listens_on_loopback_only_and_serves_nothing_outside_the_site(server):
    _, base = server
    port = int(base.rsplit(":", 1)[1].strip("/"))
    for path in ("../../../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "..%2f..%2fetc%2fpasswd", "//etc/passwd"):
        status, body = fetch(base + path)
        assert "root:" not in body and status in (400, 403, 404), path
    addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    for address in addresses - {"127.0.0.1"}:
        with socket.socket() as probe:
            probe.settimeout(1)
            assert probe.connect_ex((address, port)) != 0, address
