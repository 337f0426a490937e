"""Relevance: do the queries a returner would type find the mentors they should, on the demo content?

    python bench/relevance.py [--verbose]

Builds the demo site (content/) with the real pipeline, then runs generator/theme/static/search-engine.js
in node (v18 or later) over its search index, for every query in bench/relevance.json (written
before the search was tuned). Prints, per query, the first five mentors; then:

- how many queries find an intended mentor in the first five, in the order the page shows them
  (those taking mentees first, then the full ones, each by score) (target >= 95%);
- how many return nothing although an intended mentor exists (target 0);
- how many are answered with partial matches (no mentor matched every word).

Figures are printed; nothing is asserted here (tests assert behaviour).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mentordir.build import BuildOptions, build  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)
# Runs the engine as the browser does, with `window` standing in for the page's global object.
RUNNER = """
const fs = require("fs");
globalThis.window = globalThis;
eval(fs.readFileSync(process.argv[1], "utf8"));
const index = new window.mentordirSearch.Index(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));
const available = Number(process.argv[3]);
const queries = JSON.parse(fs.readFileSync(0, "utf8"));
const answers = queries.map(query => {
  const ranked = index.rank(query);
  if (!ranked) return null;
  // As search.js shows them: mentors taking mentees (numbers below `available`) first.
  const order = ranked.order.filter(m => m < available).concat(ranked.order.filter(m => m >= available));
  return {order: order, matched: ranked.matched, parts: ranked.parts};
});
process.stdout.write(JSON.stringify(answers));
"""


def card_order(out: Path) -> tuple[list[str], int]:
    """Mentor slugs in the directory's card order (mentor number i is the i-th card), and how many take mentees."""
    html = (out / "index.html").read_text(encoding="utf-8")
    available = html.split('id="cards-available"', 1)[1].split("</ul>", 1)[0].count('class="card__name"')
    return [part.split('"', 1)[0] for part in html.split('class="card__name" id="mentor-')[1:]], available


def main(argv: list[str] | None = None) -> int:
    """Build the demo, run every query, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every query, not only the misses")
    args = parser.parse_args(argv)
    cases = json.loads((REPO / "bench" / "relevance.json").read_text(encoding="utf-8"))["queries"]
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "repo"
        shutil.copytree(REPO / "content", root / "content")
        out = Path(work) / "out"
        build(BuildOptions(root=root, theme=REPO / "theme", cache=root / ".cache", today=TODAY), out)
        slugs, available = card_order(out)
        index = next((out / "assets").glob("search.*.json"))
        answers = json.loads(subprocess.run(
            ["node", "-e", RUNNER, str(REPO / "generator" / "theme" / "static" / "search-engine.js"), str(index), str(available)],
            input=json.dumps([case["query"] for case in cases]), capture_output=True, text=True, check=True).stdout)
    found = empty = partial = 0
    for case, answer in zip(cases, answers):
        top = [slugs[number] for number in (answer["order"] if answer else [])]
        hit = bool(set(top[:5]) & set(case["expect"]))
        found += hit
        empty += not top
        is_partial = bool(answer) and answer["matched"] < answer["parts"]
        partial += is_partial
        if args.verbose or not hit:
            mark = "ok  " if hit else "MISS"
            note = f" (partial: {answer['matched']} of {answer['parts']})" if is_partial else ""
            print(f"{mark} {case['kind']:<12} {case['query']!r:<45} {len(top):>2} found{note}: {', '.join(top[:5])}")
    total = len(cases)
    print(f"\n{total} queries on the demo directory ({len(slugs)} mentors):")
    print(f"  an intended mentor in the first 5: {found}/{total} ({100 * found / total:.1f}%) (target >= 95%)")
    print(f"  nothing found while a mentor fits: {empty} (target 0)")
    print(f"  answered with partial matches (no mentor matched every word): {partial}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
