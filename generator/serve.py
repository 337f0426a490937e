"""`mentordir serve`: build, serve on 127.0.0.1, and rebuild and reload when content or theme change.

The server is handed the build function and serves the output folder, never watches it.
When a build fails the last good site stays up and the problems are reported.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Sequence

from livereload import Server

from generator.build import BuildOptions, build
from generator.problems import ContentError, Problem
from generator.write import OutputError

log = logging.getLogger(__name__)

HOST = "127.0.0.1"


def serve(options: BuildOptions, port: int, report: Callable[[Sequence[Problem]], None],
          out: Path | None = None) -> None:
    """Build into a preview folder under the cache and serve it until interrupted."""
    out = out or options.cache / "preview"

    def rebuild() -> None:
        try:
            site = build(options, out)
        except ContentError as error:
            report(error.problems)
            log.warning("The build failed; still serving the last good site.")
            return
        except OutputError as error:
            log.warning("error: %s", error)
            return
        report(site.warnings)
        log.warning("Rebuilt: %d mentors.", site.mentors)

    rebuild()
    if not (out / "index.html").is_file():
        log.warning("Fix the problems above; the preview starts as soon as the site builds.")
        out.mkdir(parents=True, exist_ok=True)
    # livereload logs through its own handler; letting it propagate too would print every line twice.
    logging.getLogger("livereload").propagate = False
    server = Server()
    for folder in (options.root / "content", options.theme):
        server.watch(str(folder), rebuild, delay=0.2)
    log.warning("Serving on http://%s:%d/ (Ctrl-C to stop)", HOST, port)
    server.serve(host=HOST, port=port, root=str(out), open_url_delay=None, restart_delay=0)
