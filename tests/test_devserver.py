"""The dev server's HTTP side: the site under its sub-path, nothing outside it, and the live stream."""

from __future__ import annotations

import http.client
import socket
import threading
import time

import pytest

from mentordir.serve import http as http_module
from mentordir.serve.http import MAX_STREAMS, MAX_THREADS, EventHub, make_server


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


def get(port: int, path: str, timeout: float = 5) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
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


# --- a busy or stuck browser ---------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/my-scheme/" + "a" * 256, "/my-scheme/mentors/" + "%C3%A9" * 128 + "/",
                                  "/my-scheme/" + "a/" * 3000, "/my-scheme/%ff%fe/", "/" + "b" * 300])
def test_a_path_no_file_could_have_is_a_404_and_no_traceback(served, capfd, path):
    port, _ = served
    status, _, body = get(port, path)
    assert status == 404
    assert "Traceback" not in capfd.readouterr().err


def test_all_of_200_simultaneous_requests_are_answered(served):
    port, _ = served
    start = threading.Barrier(200)
    statuses: list[int] = []

    def fetch() -> None:
        start.wait()
        statuses.append(get(port, "/my-scheme/mentors/jane/", timeout=60)[0])
    threads = [threading.Thread(target=fetch) for _ in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 200


@pytest.fixture
def impatient(tmp_path, monkeypatch):
    """A server that lets a silent connection go after half a second."""
    monkeypatch.setattr(http_module, "IDLE_SECONDS", 0.5)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.html").write_text("<html><head></head><body>home</body></html>")
    server = make_server(tmp_path / "out", "/", EventHub(), 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_a_client_that_sends_nothing_is_let_go_after_the_idle_timeout(impatient):
    with socket.create_connection(("127.0.0.1", impatient)) as silent:
        silent.settimeout(30)
        assert silent.recv(1024) == b""  # closed by the server, long before our 30 s


def test_many_silent_connections_hold_at_most_the_thread_limit_and_pages_still_load(impatient):
    before = threading.active_count()
    silent = [socket.create_connection(("127.0.0.1", impatient)) for _ in range(MAX_THREADS + 100)]
    try:
        time.sleep(0.2)
        assert threading.active_count() - before <= MAX_THREADS
        assert get(impatient, "/", timeout=60)[0] == 200  # once the silent ones have been let go
    finally:
        for connection in silent:
            connection.close()


def test_live_streams_beyond_the_limit_are_turned_away_so_pages_keep_threads(served):
    port, _ = served
    streams = []
    try:
        for _ in range(MAX_STREAMS):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/my-scheme/__mentordir__/events")
            assert connection.getresponse().status == 200
            streams.append(connection)
        assert get(port, "/my-scheme/__mentordir__/events")[0] == 503
        assert get(port, "/my-scheme/mentors/jane/")[0] == 200
    finally:
        for connection in streams:
            connection.close()
