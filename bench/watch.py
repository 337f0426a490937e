"""The dev server's watcher alone: how long from a bio being saved to the watcher handing it over.

    python bench/watch.py [--files 2000] [--saves 40]

Writes a folder of small bios, watches it as the dev server does, and saves one bio at a
time from another thread; the latency is from the save to `Watcher.changes` returning it,
without any build (bench/devserver.py measures the whole edit-to-reload). Also counts the
bursts each save gave: one save should be one burst, so one rebuild. Figures are printed,
not asserted.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mentordir.serve.watch import QUIET_MS, Watcher  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="File watcher benchmark")
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--saves", type=int, default=40)
    arguments = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="mentordir-watch-"))
    try:
        folder = root / "content" / "mentors"
        folder.mkdir(parents=True)
        for number in range(arguments.files):
            (folder / f"mentor-{number:05d}.md").write_text(f"---\nname: Dr Mentor {number}\n---\n")
        watcher = Watcher([root / "content"], ignore=[root / ".cache"])
        latencies, extra_bursts = [], 0
        for number in range(arguments.saves):
            bio = folder / f"mentor-{number * 37 % arguments.files:05d}.md"
            saved: list[float] = []

            def save() -> None:
                time.sleep(0.05)
                saved.append(time.perf_counter())
                bio.write_text(f"---\nname: Dr Mentor, edited {number} times\n---\n")

            writer = threading.Thread(target=save)
            writer.start()
            while not watcher.changes(5.0):
                pass
            latencies.append((time.perf_counter() - saved[0]) * 1000)
            writer.join()
            while watcher.changes(0.2):
                extra_bursts += 1
        watcher.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"{arguments.files} files, {arguments.saves} saves, {QUIET_MS} ms of quiet ends a burst: save -> handed over "
          f"median {statistics.median(latencies):.1f} ms, min {min(latencies):.1f}, max {max(latencies):.1f}; "
          f"bursts beyond one per save: {extra_bursts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
