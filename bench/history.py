"""History benchmark: reading a year of bios from git for the capacity page's chart.

    python bench/history.py [--mentors 200] [--commits-per-month 8] [--work DIR]

Makes a git repository of synthetic bios with a year of commits (each month, a few
bios change mentees, full_until or away_until), then times content/history.py's
load_history cold (every git command run) and warm (cached by HEAD and the day), and
counts the git processes one cold load starts. The number of git processes depends on
the months, not on the mentors or commits: a rev-list and an ls-tree per month, and one
cat-file --batch for every bio version, and one rev-parse on every build. Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mentordir.content import history  # noqa: E402

TODAY = dt.date(2026, 11, 22)


def bio(number: int, mentees: int, extra: str = "") -> str:
    return (f"---\nname: Dr Mentor {number}\ngrade: ST6\nspecialty: Anaesthetics\nstyle: I listen.\n"
            f"capacity: 3\nmentees: {mentees}\n{extra}contact:\n  preferred: email\n"
            f"  email: m{number}@example.org\n---\nA bio.\n")


def make_repository(root: Path, mentors: int, per_month: int) -> None:
    """A repository whose bios change `per_month` times in each of the last 12 months."""
    rng = random.Random(7)
    folder = root / "content" / "mentors"
    folder.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    environment = {**os.environ, "GIT_AUTHOR_NAME": "B", "GIT_AUTHOR_EMAIL": "b@example.org",
                   "GIT_COMMITTER_NAME": "B", "GIT_COMMITTER_EMAIL": "b@example.org"}
    for number in range(mentors):
        (folder / f"mentor-{number:04d}.md").write_text(bio(number, rng.randint(0, 3)))
    day = TODAY - dt.timedelta(days=370)
    for step in range(12 * per_month + 1):
        if step:
            number = rng.randrange(mentors)
            extra = rng.choice(["", f"full_until: {day + dt.timedelta(days=40)}\n",
                                f"away_until: {day + dt.timedelta(days=60)}\n"])
            (folder / f"mentor-{number:04d}.md").write_text(bio(number, rng.randint(0, 3), extra))
            day += dt.timedelta(days=30 / per_month)
        when = f"{day.isoformat()}T12:00:00Z"
        subprocess.run(["git", "add", "-A"], cwd=root, check=True)
        subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", f"step {step}"], cwd=root, check=True,
                       env={**environment, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mentors", type=int, default=200)
    parser.add_argument("--commits-per-month", type=int, default=8)
    parser.add_argument("--work", type=Path, help="where to make the repository (default: a temporary folder)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = (arguments.work or Path(temporary)) / "history-bench"
        started = time.perf_counter()
        make_repository(root, arguments.mentors, arguments.commits_per_month)
        print(f"repository: {arguments.mentors} mentors, {12 * arguments.commits_per_month + 1} commits "
              f"({time.perf_counter() - started:.1f} s to make)")
        real_run = subprocess.run
        calls: list[str] = []

        def counted(command: list[str], *args: object, **kwargs: object) -> subprocess.CompletedProcess:
            calls.append(command[3] if len(command) > 3 else command[0])
            return real_run(command, *args, **kwargs)

        with mock.patch.object(history.subprocess, "run", counted):
            started = time.perf_counter()
            loaded = history.load_history(root, TODAY)
            cold = time.perf_counter() - started
        started = time.perf_counter()
        history.load_history(root, TODAY)
        warm = time.perf_counter() - started
        bios = sum(len(month.bios) for month in loaded.months)
        print(f"load_history cold: {cold * 1000:.0f} ms, {len(calls)} git processes "
              f"({', '.join(f'{calls.count(name)} {name}' for name in sorted(set(calls)))})")
        print(f"load_history warm: {warm * 1000:.1f} ms (cached by HEAD and the day; one rev-parse)")
        print(f"months read: {len(loaded.months)}, bio versions read: {bios}, note: {loaded.note}")


if __name__ == "__main__":
    main()
