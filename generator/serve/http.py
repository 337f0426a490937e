"""The dev server's HTTP side: the built site under its production sub-path, and a live event stream.

Files are served only from inside the output folder (resolved paths, no way out
through `..`, encodings or symlinks). Every HTML page gets one extra script and
stylesheet from `__mentordir__/`: the script listens to `__mentordir__/events`
(Server-Sent Events) and reloads the page, swaps a changed stylesheet in place, or
shows the build's problems in an overlay. Both come from the site's own origin, so
the pages' Content-Security-Policy allows them unchanged.

A busy browser (or a stuck one) must not take the server down: at most MAX_THREADS
requests are handled at once while the rest wait in a listen backlog of BACKLOG, a
connection that sends nothing is closed after IDLE_SECONDS, live streams are capped at
MAX_STREAMS so pages always have threads left, and no request, however odd, prints a
traceback: a path no file system could hold is a 404.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import queue
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

log = logging.getLogger(__name__)

LIVE_PREFIX = "__mentordir__/"
LIVE_FILES = Path(__file__).resolve().parent / "live"
KEEPALIVE_SECONDS = 15
MAX_THREADS = 64
MAX_STREAMS = 32  # a browser tab holds one stream for as long as it is open
BACKLOG = 256  # http.server's 5 dropped a fifth to a half of 200 simultaneous requests
IDLE_SECONDS = 10.0
MAX_NAME_BYTES = 255  # no common file system has a longer file or folder name


class EventHub:
    """Fans events out to every connected browser, and remembers the build's current state for newcomers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clients: list[queue.Queue[str | None]] = []
        self._state = _message("ok", [])

    def connect(self) -> queue.Queue[str | None]:
        """A queue of messages for one browser, starting with the current state."""
        client: queue.Queue[str | None] = queue.Queue()
        with self._lock:
            self._clients.append(client)
            client.put(self._state)
        return client

    def disconnect(self, client: queue.Queue[str | None]) -> None:
        """Forget a browser that went away."""
        with self._lock:
            if client in self._clients:
                self._clients.remove(client)

    def publish(self, event: str, data: object) -> None:
        """Send an event to every browser; `problems` and `ok` also become the state newcomers get."""
        message = _message(event, data)
        with self._lock:
            if event in ("problems", "ok"):
                self._state = message
            for client in self._clients:
                client.put(message)

    def close(self) -> None:
        """End every stream (on shutdown)."""
        with self._lock:
            for client in self._clients:
                client.put(None)
            self._clients.clear()


def make_server(out: Path, base_path: str, hub: EventHub, port: int) -> ThreadingHTTPServer:
    """An HTTP server on 127.0.0.1 serving `out` at `base_path`, with the live stream."""
    root = out.resolve()

    class Handler(_SiteHandler):
        site_root = root
        site_base = base_path
        events = hub
        streams = threading.BoundedSemaphore(MAX_STREAMS)
        timeout = IDLE_SECONDS  # StreamRequestHandler sets it on the socket: a silent client is let go

    return _BoundedServer(("127.0.0.1", port), Handler)


class _BoundedServer(ThreadingHTTPServer):
    """A thread per request, but never more than MAX_THREADS at once; the rest wait to be accepted."""

    daemon_threads = True
    request_queue_size = BACKLOG

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        self._slots = threading.BoundedSemaphore(MAX_THREADS)
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Wait for a free thread, then handle the request in it."""
        self._slots.acquire()  # blocks accepting; the kernel keeps new connections in the backlog
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """Handle one request and give its thread back."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that went away or timed out is not news: no traceback on the terminal."""
        log.debug("request from %s ended early", client_address, exc_info=True)


class _SiteHandler(BaseHTTPRequestHandler):
    site_root: Path
    site_base: str
    events: EventHub
    streams: threading.BoundedSemaphore
    server_version = "mentordir"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        log.debug("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:  # noqa: N802 - the http.server protocol
        path = unquote(urlsplit(self.path).path)
        if "\x00" in path:
            return self._send_error(HTTPStatus.BAD_REQUEST)
        if any(len(segment.encode("utf-8", "replace")) > MAX_NAME_BYTES for segment in path.split("/")):
            return self._send_not_found()  # no file has such a name; asking the disk would raise
        try:
            self._serve(path)
        except (ConnectionError, socket.timeout):
            raise  # the browser went away: handle_error notes it quietly
        except OSError:
            # A path the disk refuses (too long in all, a loop of links): nothing is there.
            log.debug("cannot serve %r", path, exc_info=True)
            self._send_error(HTTPStatus.NOT_FOUND)

    def _serve(self, path: str) -> None:
        if path == "/" and self.site_base != "/":
            return self._redirect(self.site_base)
        if not path.startswith(self.site_base):
            return self._send_not_found()
        relative = path[len(self.site_base):]
        if relative == LIVE_PREFIX + "events":
            return self._stream_events()
        if relative.startswith(LIVE_PREFIX):
            return self._send_file(LIVE_FILES / relative[len(LIVE_PREFIX):], LIVE_FILES)
        target = self._inside_site(relative)
        if target is not None and target.is_dir():
            if not path.endswith("/"):
                return self._redirect(path + "/")
            target = target / "index.html"
        if target is None or not target.is_file():
            return self._send_not_found()
        self._send_file(target, self.site_root)

    def _inside_site(self, relative: str) -> Path | None:
        # Resolve symlinks and `..` first, then insist the result is inside the site.
        target = (self.site_root / relative.lstrip("/")).resolve()
        return target if target == self.site_root or target.is_relative_to(self.site_root) else None

    def _send_file(self, target: Path, root: Path, status: HTTPStatus = HTTPStatus.OK) -> None:
        target = target.resolve()
        if not target.is_relative_to(root) or not target.is_file():
            return self._send_not_found()
        body = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            body = _with_live_tags(body, self.site_base)
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") or
                                                 kind in ("application/json", "application/javascript") else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _send_not_found(self) -> None:
        page = self.site_root / "404.html"
        if page.is_file():
            return self._send_file(page, self.site_root, HTTPStatus.NOT_FOUND)
        self._send_error(HTTPStatus.NOT_FOUND)

    def _send_error(self, status: HTTPStatus) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _stream_events(self) -> None:
        if not self.streams.acquire(blocking=False):
            self.send_response(HTTPStatus.SERVICE_UNAVAILABLE)  # too many tabs open: pages still load
            self.send_header("Retry-After", "5")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        try:
            self._stream()
        finally:
            self.streams.release()

    def _stream(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        client = self.events.connect()
        try:
            while True:
                try:
                    message = client.get(timeout=KEEPALIVE_SECONDS)
                except queue.Empty:
                    message = ": keep-alive\n\n"
                if message is None:
                    return
                self.wfile.write(message.encode("utf-8"))
                self.wfile.flush()
        except OSError:  # the browser went away, or stopped reading for IDLE_SECONDS
            return
        finally:
            self.events.disconnect(client)


def _message(event: str, data: object) -> str:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n"


def _with_live_tags(html: bytes, base_path: str) -> bytes:
    tags = (f'<link rel="stylesheet" href="{base_path}{LIVE_PREFIX}live.css">'
            f'<script src="{base_path}{LIVE_PREFIX}live.js" defer></script>').encode()
    head_end = html.find(b"</head>")
    return html[:head_end] + tags + html[head_end:] if head_end >= 0 else html + tags
