"""The dev server's HTTP side: the site under its sub-path, nothing outside it, and the live stream."""

from __future__ import annotations

import http.client
import threading

import pytest

from mentordir.serve.http import EventHub, make_server


@pytest.fixture
def served(tmp_path):
    out = tmp_path / "out"
    (out / "mentors" / "jane").mkdir(parents=True)
    (out / "index.html").write_text("<!doctype html><html><head><title>x</title></head><body>home</body></html>")
    (out / "mentors" / "jane" / "index.html").write_text("<html><head></head><body>Jane</body></html>")
    (out / "404.html").write_text("<html><head></head><body>not found</body></html>")
    (tmp_path / "secret.txt").write_text("root:secret")
    (out / "escape").symlink_to(tmp_path / "secret.txt")
    hub = EventHub()
    server = make_server(out, "/my-scheme/", hub, 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.server_address[1], hub
    hub.close()
    server.shutdown()
    server.server_close()


def get(port: int, path: str) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response.status, dict(response.getheaders()), body


def test_pages_are_served_under_the_sites_sub_path_with_the_live_script(served):
    port, _ = served
    status, headers, body = get(port, "/my-scheme/mentors/jane/")
    assert (status, headers["Content-Type"], headers["Cache-Control"]) == (200, "text/html; charset=utf-8", "no-store")
    assert '<script src="/my-scheme/__mentordir__/live.js" defer></script></head>' in body
    assert get(port, "/my-scheme/__mentordir__/live.js")[0] == 200


def test_the_root_redirects_to_the_sub_path_and_a_folder_without_slash_gets_one(served):
    port, _ = served
    assert get(port, "/")[:2][0] == 302 and get(port, "/")[1]["Location"] == "/my-scheme/"
    assert get(port, "/my-scheme/mentors/jane")[1]["Location"] == "/my-scheme/mentors/jane/"


def test_a_missing_page_gets_the_404_page_and_status(served):
    port, _ = served
    status, _, body = get(port, "/my-scheme/nobody/")
    assert (status, "not found" in body) == (404, True)
    assert get(port, "/elsewhere/index.html")[0] == 404


@pytest.mark.parametrize("path", [
    "/my-scheme/../secret.txt", "/my-scheme/%2e%2e/secret.txt", "/my-scheme/..%2fsecret.txt",
    "/my-scheme/escape", "/my-scheme//etc/passwd", "/my-scheme/..\\secret.txt", "/my-scheme/%00",
    "/my-scheme/__mentordir__/../../devserver.py",
])
def test_nothing_outside_the_output_folder_is_served(served, path):
    port, _ = served
    status, _, body = get(port, path)
    assert status in (400, 404) and "root:" not in body and "import" not in body


def test_the_event_stream_starts_with_the_current_state_and_carries_published_events(served):
    port, hub = served
    hub.publish("problems", ["content/mentors/a.md:3: grade: wrong - fix it"])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", "/my-scheme/__mentordir__/events")
    response = connection.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"
    first = response.fp.readline() + response.fp.readline() + response.fp.readline()
    assert first.decode() == 'event: problems\ndata: ["content/mentors/a.md:3: grade: wrong - fix it"]\n\n'
    hub.publish("reload", None)
    assert (response.fp.readline() + response.fp.readline()).decode() == "event: reload\ndata: null\n"
    connection.close()
