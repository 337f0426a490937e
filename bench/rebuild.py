"""Command-line rebuilds beside Pelican's: cold, one edit and no-op builds of the same 1,000-mentor corpus.

    python bench/rebuild.py [--mentors 1000] [--runs 3] [--work /tmp/mentordir-bench-rebuild]

Drives the shared peer benchmark (shared/bench-peers, copied into --work the first time, with
its own virtual environment for Pelican and its corpus of bios and phone photos, which takes a
few minutes to make), timing `mentordir build` (this checkout's, with its theme) and Pelican
(with its content cache) in the same run, each build a whole process timed from outside:
  cold     output and caches wiped first (one run: it processes every photo)
  one-edit a line appended to one bio before each run; the harness checks the page shows it
  no-op    nothing changed since the last build
mentordir's bytecode is compiled first, as pip does when it installs a package.
Prints each tool's median wall time and mentordir's against the targets of issue 11: one edit
at most half of Pelican's time, a no-op at most a quarter of it. Figures are printed, not asserted;
the machine's other load during each run is in the harness's own lines above the table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGETS = {"edit": 0.5, "noop": 0.25}  # mentordir's time as a fraction of Pelican's, at most


def peers_source() -> Path:
    """The shared bench-peers folder: `shared/` beside the repository or beside one of its parents."""
    for folder in REPO.parents:
        if (folder / "shared" / "bench-peers" / "run_bench.py").is_file():
            return folder / "shared" / "bench-peers"
    raise SystemExit("cannot find shared/bench-peers beside the repository or its parents")


def prepare(work: Path) -> Path:
    """A writable copy of bench-peers with a virtual environment that has Pelican; kept between runs."""
    peers = work / "bench-peers"
    if not (peers / "run_bench.py").is_file():
        work.mkdir(parents=True, exist_ok=True)
        shutil.copytree(peers_source(), peers, ignore=shutil.ignore_patterns(".venv", "work", "results"))
    python = peers / ".venv" / "bin" / "python"
    if not python.is_file():
        subprocess.run([sys.executable, "-m", "venv", str(peers / ".venv")], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(peers / "requirements.txt")], check=True)
    return peers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Command-line rebuilds beside Pelican's")
    parser.add_argument("--mentors", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="no-op and one-edit runs per tool (default: 3)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/mentordir-bench-rebuild"))
    parser.add_argument("--quiet-wait", type=float, default=0.0,
                        help="before each run, wait up to this many seconds for the machine's other load to drop")
    arguments = parser.parse_args(argv)
    peers = prepare(arguments.work.resolve())
    # Time mentordir as installed: pip compiles a package's bytecode when it installs it, and
    # Pelican's was compiled so. This checkout is installed editable, and under
    # PYTHONDONTWRITEBYTECODE every timed process would compile our modules from source again
    # (about 50 ms of a one-edit build).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "generator")], check=True)
    environment = {**os.environ, "MENTORDIR_BIN": str(Path(sys.executable).parent / "mentordir"),
                   "MENTORDIR_THEME": str(REPO / "theme")}
    subprocess.run([str(peers / ".venv" / "bin" / "python"), "run_bench.py", "--sizes", str(arguments.mentors),
                    "--tools", "mentordir,pelican", "--runs", str(arguments.runs), "--cold-runs", "1",
                    "--quiet-wait", str(arguments.quiet_wait)],
                   cwd=peers, env=environment, check=True)
    results = {tool: json.loads((peers / "results" / f"{tool}-n{arguments.mentors}.json").read_text())
               for tool in ("mentordir", "pelican")}
    print(f"\n{arguments.mentors} mentors, medians over whole processes in the same run "
          "(CPU is user+system time, steadier than wall time on a shared machine):")
    print(f"{'build':<10}{'mentordir':>12}{'pelican':>12}{'ratio':>9}  target (wall)"
          f"{'mentordir CPU':>17}{'pelican CPU':>13}{'ratio':>7}")
    for phase, label in (("cold", "cold"), ("edit", "one edit"), ("noop", "no-op")):
        ours, theirs = (results[tool]["phases"][phase]["summary"] for tool in ("mentordir", "pelican"))
        if ours.get("failed") or theirs.get("failed"):
            print(f"{label:<10}{'failed' if ours.get('failed') else '':>12}"
                  f"{'failed' if theirs.get('failed') else '':>12}  (see {peers / 'results'})")
            continue
        ratio = ours["wall_s"] / theirs["wall_s"]
        target = f"<= {TARGETS[phase]:.2f}: {'met' if ratio <= TARGETS[phase] else 'NOT met'}" \
            if phase in TARGETS else ""
        print(f"{label:<10}{ours['wall_s']:>11.2f}s{theirs['wall_s']:>11.2f}s{ratio:>9.2f}  {target:<20}"
              f"{ours['cpu_s']:>16.2f}s{theirs['cpu_s']:>12.2f}s{ours['cpu_s'] / theirs['cpu_s']:>7.2f}")
    edits = results["mentordir"]["phases"]["edit"]["runs"]
    print(f"mentordir's edits visible in the rebuilt page: {sum(run.get('edit_visible', False) for run in edits)}"
          f" of {len(edits)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
