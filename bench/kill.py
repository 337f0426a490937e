"""Kill benchmark: `kill -9` at random moments of rebuilds of the demo site.

    python bench/kill.py [--kills 50] [--seed 2026] [--work DIR]

The demo content is copied into a scratch repository in two versions (as it is, and with
every bio's text changed). Each round switches the content to the version not published,
starts `mentordir build` with an empty photo cache (so the photo pool's workers are always
running), and sends SIGKILL at a random moment of the build (every other kill, at a random
moment once the site is being written). After each kill it counts:

* whether the output folder is a complete site, the previous one or the new one, byte for
  byte (never a mixture);
* stray processes: any process still running from the killed build (its photo workers)
  two seconds after the kill;
* when the kill landed: before the site was being written (settings, bios, photos,
  pages), while it was written, or after the build had ended by itself. The time of a
  whole build is measured again every ten kills, as the machine's load changes.

At the end one more build runs to completion and must publish the expected site and leave
nothing beside the output. Figures are printed; the target is every kill leaving a
complete site, and no stray process.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILD_DATE = {"SOURCE_DATE_EPOCH": "1795305600"}  # 2026-11-22: every build of a version is byte-identical
GRACE_SECONDS = 2.0
REMEASURE_EVERY = 10


def digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the SHA-256 of its bytes ({} when the folder is missing)."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def write_version(root: Path, version: str) -> None:
    """The demo content, with every bio's text changed in version "b"."""
    shutil.rmtree(root / "content", ignore_errors=True)
    shutil.copytree(REPO / "content", root / "content")
    if version == "b":
        for bio in sorted((root / "content" / "mentors").glob("[!_]*.md")):
            bio.write_text(bio.read_text(encoding="utf-8") + "\nI also run a journal club.\n", encoding="utf-8")


def start_build(root: Path, out: Path, cache: Path) -> subprocess.Popen:
    """`python -m mentordir build` with an empty photo cache, so the photo pool always runs."""
    shutil.rmtree(cache, ignore_errors=True)
    command = [sys.executable, "-m", "mentordir", "build", "--root", str(root), "--theme", str(REPO / "theme"),
               "--cache", str(cache), "--out", str(out)]
    return subprocess.Popen(command, env={**os.environ, **BUILD_DATE}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def complete_build(root: Path, out: Path, cache: Path) -> float:
    """Build to the end; the seconds it took."""
    started = time.perf_counter()
    process = start_build(root, out, cache)
    _, errors = process.communicate(timeout=600)
    if process.returncode != 0:
        raise SystemExit(f"a build failed:\n{errors.decode()}")
    return time.perf_counter() - started


def strays(marker: str) -> list[int]:
    """Processes other than this one whose command line contains `marker` (the scratch folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in command and state != "Z":
            found.append(int(entry.name))
    return found


def main() -> None:
    """Run the kills and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--work", type=Path, help="scratch folder (default: a new temporary one)")
    arguments = parser.parse_args()
    work = (arguments.work or Path(tempfile.mkdtemp(prefix="mentordir-kill-"))).resolve()
    root, out, cache = work / "repo", work / "out", work / "cache"
    expected: dict[str, dict[str, str]] = {}
    seconds = 0.0
    for version in ("a", "b"):
        write_version(root, version)
        seconds = max(seconds, complete_build(root, work / f"expected-{version}", cache))
        expected[version] = digest(work / f"expected-{version}")
    complete_build(root, out, cache)  # out now holds version b
    published = "b"
    print(f"A cold build of the demo site takes {seconds:.1f} s; killing {arguments.kills} rebuilds at random moments")
    rng = random.Random(arguments.seed)
    outcomes = {"previous": 0, "new": 0, "partial": 0}
    moments = {"before writing (settings, bios, photos, pages)": 0, "while writing the site": 0,
               "after the build ended": 0}
    stray_count = 0
    for kill in range(arguments.kills):
        target = "a" if published == "b" else "b"
        write_version(root, target)
        if kill and kill % REMEASURE_EVERY == 0:
            # The machine's load changes; time a whole build again so kills keep landing inside one.
            seconds = complete_build(root, out, cache)
            published, target = target, published
            write_version(root, target)
        process = start_build(root, out, cache)
        if kill % 2 == 0:
            time.sleep(rng.uniform(0.0, 1.1) * seconds)  # anywhere in the build, now and then just after it
        else:
            # Once its staging folder appears: while the site is written and swapped in, a
            # moment too short for a random kill to find often.
            while not (work / f".out.staging-{process.pid}").exists() and process.poll() is None:
                time.sleep(0.001)
            time.sleep(rng.uniform(0.0, 0.05))
        finished_first = process.poll() is not None
        process.send_signal(signal.SIGKILL)
        process.wait()
        if finished_first:
            moments["after the build ended"] += 1
        elif (work / f".out.staging-{process.pid}").exists():
            moments["while writing the site"] += 1
        else:
            moments["before writing (settings, bios, photos, pages)"] += 1
        time.sleep(GRACE_SECONDS)
        left = strays(str(work))
        stray_count += len(left)
        for pid in left:  # do not let one failure spoil the next rounds
            os.kill(pid, signal.SIGKILL)
        now = digest(out)
        if now == expected[target]:
            outcomes["new"] += 1
            published = target
        elif now == expected[published]:
            outcomes["previous"] += 1
        else:
            outcomes["partial"] += 1
            print(f"kill {kill}: the output is neither the previous site nor the new one")
    target = "a" if published == "b" else "b"
    write_version(root, target)
    complete_build(root, out, cache)
    finished = digest(out) == expected[target]
    beside = sorted(path.name for path in work.iterdir() if path.name.startswith(".out."))
    complete = outcomes["previous"] + outcomes["new"]
    print(f"{complete}/{arguments.kills} kills left a complete site ({outcomes['previous']} the previous one, "
          f"{outcomes['new']} the new one); {outcomes['partial']} left a partial site")
    print("kills landed " + ", ".join(f"{count} {moment}" for moment, count in moments.items()))
    print(f"stray processes after the kills: {stray_count}")
    print(f"the next build succeeded and published the expected site: {'yes' if finished else 'NO'}; "
          f"left beside the output: {beside or 'nothing'}")
    if arguments.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
