"""`mentordir serve`: a preview that follows every edit, and never gets stuck.

The server is handed the build (generate_site, given what the last good build
remembered, so an edit re-renders only what it touches), watches `content/` and the
theme, and after each rebuild writes only the files that changed, then tells the
browser: reload, or swap a changed stylesheet in place. When a build fails the last good
site stays up and every page shows the problems in an overlay until they are fixed. It
binds 127.0.0.1 only and serves the site under the same sub-path as production, so
base-URL mistakes show locally.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

from mentordir.build import BuildOptions, Remembered, generate_site
from mentordir.content.config import load_config
from mentordir.serve.http import EventHub, make_server
from mentordir.site.assets import BUILT_IN_THEME
from mentordir.model.faults import Place, describe
from mentordir.model.problems import ContentError, Problem, errors_in, shown
from mentordir.serve.watch import Watcher
from mentordir.output.write import OutputError, check_output_folder, write_site
from mentordir.serve.preview import Published, update_site

log = logging.getLogger(__name__)

WAIT_SECONDS = 1.0  # how long poll() waits for a change before saying there was none
WAITING_PAGE = (b"<!doctype html><html><head><meta charset=\"utf-8\"><title>mentordir serve</title></head>"
                b"<body><h1>The site has not built yet</h1><p>Fix the problems shown; this page reloads "
                b"as soon as the site builds.</p></body></html>")

Report = Callable[[Sequence[Problem]], None]


class DevServer:
    """Builds into a preview folder, serves it, and rebuilds when a watched file changes."""

    def __init__(self, options: BuildOptions, port: int, report: Report, out: Path | None = None) -> None:
        # Plain asset names, so that a stylesheet edit is one changed file to swap in place.
        self.options = replace(options, hash_assets=False)
        self.out = (out or options.cache / "preview").resolve()
        self.report = report
        self.remembered = Remembered()
        self.published: Published | None = None
        self.warnings: tuple[Problem, ...] | None = None
        self.hub = EventHub()
        config, _ = load_config(options.root)
        self.base_path = config.with_base_url(options.base_url).base_path if options.base_url else config.base_path
        self.server = make_server(self.out, self.base_path, self.hub, port)
        # The site's theme/ even before it exists (a first override is picked up), and the built-in
        # theme: in a checkout, editing generator/theme/ should reload like editing theme/.
        self.watched = list(dict.fromkeys([options.root / "content", options.theme, BUILT_IN_THEME]))
        # Never the output or the cache: the server's own writes must not wake it.
        self.watcher = Watcher(self.watched, ignore=[self.out, options.cache])
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The preview's address."""
        return f"http://127.0.0.1:{self.server.server_address[1]}{self.base_path}"

    def start(self) -> None:
        """Build once and start serving in a background thread."""
        check_output_folder(self.out, self.options.root, "for the preview with --cache (serve previews into "
                                                         "CACHE/preview)")
        self.rebuild()
        if self.published is None and not (self.out / "index.html").is_file():
            write_site(self.out, {"index.html": WAITING_PAGE, "404.html": WAITING_PAGE, ".nojekyll": b""}, {})
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1},
                                        daemon=True)
        self._thread.start()

    def poll(self, timeout: float = WAIT_SECONDS) -> bool:
        """Rebuild once if a watched file changed, waiting up to `timeout` seconds for a change; whether it did.

        The watcher hands over an editor's save (write, rename, delete) as one burst, so one
        save is one rebuild.
        """
        changed = self.watcher.changes(timeout)
        if not changed:
            return False
        log.debug("Changed: %s", ", ".join(sorted(str(path) for path in changed)))
        self.rebuild()
        return True

    def run(self) -> None:
        """Watch and rebuild until interrupted (Ctrl-C)."""
        try:
            while not self.watcher.closed:
                self.poll()
        finally:
            self.watcher.close()

    def stop(self) -> None:
        """Stop watching, close every browser's stream and stop serving."""
        self.watcher.close()
        self.hub.close()
        self.server.shutdown()
        self.server.server_close()

    def rebuild(self) -> list[str]:
        """Build on what the last good build remembered, write what changed, tell the browsers; the paths changed."""
        started = time.perf_counter()
        try:
            site = generate_site(self.options, self.remembered)
            if self.published is None:  # the first good build starts from a clean folder
                write_site(self.out, site.files, site.copies, site.linked)
                self.published = Published()
            changed = update_site(self.out, site.files, site.copies, self.published, site.linked, site.unchanged)
        except ContentError as error:
            self.report(error.problems)
            self.hub.publish("problems", [problem.as_text() for problem in errors_in(error.problems)])
            log.warning("The build failed; still serving the last good site.")
            return []
        except OutputError as error:
            log.warning("error: %s", shown(str(error)))
            return []
        except OSError as error:  # a full or read-only disk: say so, and keep serving the last good site
            log.warning("error: %s", describe(error, [Place(self.options.cache, "or use another --cache")]))
            return []
        self.remembered = site.remembered
        if site.warnings != self.warnings:  # say each set of warnings once, not on every rebuild
            self.report(site.warnings)
            self.warnings = site.warnings
        self.hub.publish("ok", [])
        if changed and all(path.endswith(".css") for path in changed):
            self.hub.publish("css", [self.base_path + path for path in changed])
        elif changed:
            self.hub.publish("reload", None)
        log.info("Rebuilt in %.0f ms: %d file%s changed.", (time.perf_counter() - started) * 1000,
                    len(changed), "" if len(changed) == 1 else "s")
        return changed


def serve(options: BuildOptions, port: int, report: Report, out: Path | None = None) -> None:
    """Build, serve on 127.0.0.1 and rebuild on every change until Ctrl-C."""
    server = DevServer(options, port, report, out)
    server.start()
    log.info("Serving %s on %s (Ctrl-C to stop)", server.out, server.url)
    try:
        server.run()
    finally:
        server.stop()
