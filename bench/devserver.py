"""Dev server benchmark: edit-to-reload latency, and a no-change build against a full one.

    python bench/devserver.py [--mentors 1000] [--edits 20] [--work DIR]

Uses the synthetic directory of bench/phone_photos.py (photo renditions cached first).
1. Starts the dev server on it, connects to its event stream like a browser, then edits
   one bio at a time: the latency is from the file being saved to the reload event
   arriving, after which the edited page is fetched and checked (targets: median
   <= 150 ms). The server's own watcher (watchfiles) runs, as in real use.
2. Times `mentordir build` from scratch with the photo cache warm, then again with
   nothing changed (target: at most 20% of the full build, a few tenths of a second).
Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from phone_photos import make_directory  # noqa: E402

from mentordir.build import BuildOptions  # noqa: E402
from mentordir.serve.server import DevServer  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def listen(port: int, events: list[tuple[float, str]], ready: threading.Event) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", "/__mentordir__/events")
    response = connection.getresponse()
    ready.set()
    while True:
        line = response.fp.readline()
        if not line:
            return
        if line.startswith(b"event: "):
            events.append((time.perf_counter(), line[7:].strip().decode()))


def fetch(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", path)
    return connection.getresponse().read().decode()


def edit_latency(root: Path, edits: int) -> list[float]:
    options = BuildOptions(root=root, theme=REPO / "theme", cache=root / ".cache" / "mentordir", today=dt.date.today())
    server = DevServer(options, 0, report=lambda problems: None)
    server.start()
    port = server.server.server_address[1]
    watcher = threading.Thread(target=server.run, daemon=True)
    watcher.start()
    events: list[tuple[float, str]] = []
    ready = threading.Event()
    threading.Thread(target=listen, args=(port, events, ready), daemon=True).start()
    ready.wait(5)
    time.sleep(0.3)
    latencies = []
    for number in range(edits):
        bio = root / "content" / "mentors" / f"mentor-{number * 37 % 1000:05d}.md"
        text = bio.read_text()
        marker = f"Edited {number} times."
        seen = len(events)
        saved = time.perf_counter()
        bio.write_text(text.replace("\n---\n", f"\n---\n{marker}\n", 1))
        while not any(name == "reload" for _, name in events[seen:]):
            time.sleep(0.001)
        arrived = next(at for at, name in events[seen:] if name == "reload")
        page = fetch(port, f"/mentors/{bio.stem}/")
        assert marker in page, "the reloaded page does not show the edit"
        latencies.append((arrived - saved) * 1000)
        seen = len(events)
        bio.write_text(text)  # put it back, and wait for that rebuild before the next edit
        while not any(name == "reload" for _, name in events[seen:]):
            time.sleep(0.001)
        time.sleep(0.1)
    server.stop()
    return latencies


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=REPO)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Dev server benchmark")
    parser.add_argument("--mentors", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--work", type=Path, default=Path("/tmp/mentordir-bench-photos"))
    arguments = parser.parse_args(argv)
    root = arguments.work / f"site-{arguments.mentors}"
    make_directory(root, arguments.mentors)
    out = arguments.work / "devserver-out"
    build = [sys.executable, "-m", "mentordir", "build", "--root", str(root), "--theme", str(REPO / "theme"),
             "--out", str(out)]
    timed(build)  # warm the photo cache
    for kept in ("build-state.json", "build-memory.pickle"):  # what lets a build skip or reuse work
        (root / ".cache" / "mentordir" / kept).unlink(missing_ok=True)
    full = timed(build)
    unchanged = timed(build)
    print(f"{arguments.mentors} mentors; full build with photos cached: {full:.2f} s; "
          f"build with nothing changed: {unchanged:.2f} s = {unchanged / full:.1%} of the full build (target <= 20%)")
    latencies = edit_latency(root, arguments.edits)
    print(f"edit one bio while serving, saved -> reload sent ({len(latencies)} edits): median "
          f"{statistics.median(latencies):.0f} ms (target <= 150), min {min(latencies):.0f}, max {max(latencies):.0f}")
    shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
