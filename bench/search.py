"""Search benchmark: page weight, keystroke latency, typo recall, and our code against MiniSearch.

    python bench/search.py [--work DIR] [--sizes 1000,10000] [--skip-minisearch]

1. Makes synthetic directories (bench/search_synthetic.py) and builds each with the real pipeline.
2. Weight (gzip -9): the directory page as first loaded (HTML with every card and the filter
   data, CSS, JS) and the full-text index fetched on first search.
   Targets at 1,000 mentors: page <= 120 kB, index <= 200 kB.
3. Keystroke to updated results, in headless Chromium at the largest size: queries typed a
   key at a time; for each key, from the start of the input event to the end of the search
   script's work plus a forced style and layout of the page (the visible results rendered,
   short of painting). Beside it, the same to the start of the next animation frame, which
   includes waiting for that frame. Target: median <= 16 ms.
4. One-letter typos: for 200 mentors, the full name with one letter of a 5+ letter word
   changed (also: dropped, added, two swapped); success when the mentor is among the first
   five cards shown. Target: >= 95 %.
5. MiniSearch (npm, installed into the work folder with npm) against our engine on the same
   data and queries, engine only: payload, start-up time, query time, typo recall.

Figures are printed; nothing is asserted here (tests assert behaviour, not speed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import search_synthetic  # noqa: E402

from mentordir.build import BuildOptions, build  # noqa: E402
from mentordir.site.search_index import decode_postings  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
MINISEARCH = "minisearch@7.2.0"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
TODAY = dt.date(2026, 11, 22)


def gz(data: bytes) -> int:
    """Bytes after gzip -9."""
    return len(gzip.compress(data, 9))


def build_site(work: Path, mentors: int) -> Path:
    """The synthetic directory of `mentors`, built; returns the output folder."""
    root = work / f"site-{mentors}"
    if not (root / "content" / "mentors" / f"mentor-{mentors - 1:05d}.md").exists():
        shutil.rmtree(root, ignore_errors=True)
        search_synthetic.make_directory(root, mentors)
    out = work / f"out-{mentors}"
    build(BuildOptions(root=root, theme=REPO / "theme", cache=root / ".cache", today=TODAY), out)
    return out


def weights(out: Path) -> dict[str, int]:
    """Gzipped bytes of what the directory loads first, and of the index fetched on first search."""
    html = (out / "index.html").read_bytes()
    text = html.decode()
    linked = re.findall(r'(?:href|src)="/(assets/[^"]+\.(?:css|js))"', text)
    first = {"html": gz(html)}
    for path in linked:
        name = Path(path).name.split(".")[0] + "." + path.rsplit(".", 1)[1]
        if name != "print.css":  # media="print": not needed to show the page
            first[name] = gz((out / path).read_bytes())
    data = re.search(r'data-filters="([^"]*)"', text)
    index = re.search(r'data-index="/(assets/search\.[0-9a-f]+\.json)"', text)
    return {**first, "total": sum(first.values()), "filter data (inside html)": gz(data.group(1).encode()),
            "index": gz((out / index.group(1)).read_bytes()), "index raw": len((out / index.group(1)).read_bytes())}


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def typing_queries(count: int) -> list[str]:
    """What people type: names, specialties, regions, places, bio words, with and without typos."""
    rng = random.Random(7)
    queries = ["anaes", "paediatrics", "wessex", "returning after parental leave", "london surgery",
               "sourdough", "less than full time", "psychiatry north west", "clinical oncology", "cardilogy"]
    for index in rng.sample(range(count), 6):
        mentor = search_synthetic.mentor(index)
        queries.append(f"{mentor['first']} {mentor['surname']}".lower())
    return queries


TIMING_SCRIPT = """() => {
  window.__work = []; window.__frame = [];
  let start = 0;
  window.addEventListener('input', () => { start = performance.now(); }, true);
  window.addEventListener('input', () => {
    const began = start;
    document.documentElement.getBoundingClientRect();
    window.__work.push(performance.now() - began);
    requestAnimationFrame(() => {
      document.documentElement.getBoundingClientRect();
      window.__frame.push(performance.now() - began);
    });
  }, false);
}"""


def keystrokes(browser, url: str, queries: list[str]) -> dict[str, float]:
    """Time every key of every query typed into the real directory page."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url, wait_until="load")
    page.evaluate(TIMING_SCRIPT)
    page.focus("#finder-q")
    page.wait_for_function("() => document.querySelector('#finder-count').textContent.startsWith('Showing')")
    page.evaluate("() => fetch(document.getElementById('finder').dataset.index).then(r => r.text())")
    page.wait_for_timeout(500)
    for query in queries:
        page.keyboard.type(query, delay=40)
        page.wait_for_timeout(100)
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.wait_for_timeout(100)
    work = sorted(page.evaluate("() => window.__work"))
    frame = sorted(page.evaluate("() => window.__frame"))
    page.close()
    return {"keys": len(work), "median": statistics.median(work), "p90": work[int(len(work) * 0.9)],
            "max": work[-1], "frame median": statistics.median(frame), "frame p90": frame[int(len(frame) * 0.9)]}


def typo_set(count: int, samples: int = 200) -> list[tuple[str, str, str]]:
    """(kind, query, slug): a mentor's full name with one letter wrong in a word of five or more."""
    rng = random.Random(11)
    letters = "abcdefghijklmnopqrstuvwxyz"
    made = []
    for index in rng.sample(range(count), min(samples, count)):
        mentor = search_synthetic.mentor(index)
        words = [mentor["first"].lower(), mentor["surname"].lower()]
        long = [k for k, word in enumerate(words) if len(re.sub(r"[^a-z]", "", word)) >= 5 and word.isascii()]
        if not long:
            continue
        k = rng.choice(long)
        word = words[k]
        at = rng.randrange(1, len(word) - 1)
        variants = {
            "changed": word[:at] + rng.choice(letters.replace(word[at], "")) + word[at + 1:],
            "dropped": word[:at] + word[at + 1:],
            "added": word[:at] + rng.choice(letters) + word[at:],
            "swapped": word[:at] + word[at + 1] + word[at] + word[at + 2:] if word[at] != word[at + 1] else None,
        }
        for kind, typo in variants.items():
            if typo:
                query = " ".join(typo if j == k else w for j, w in enumerate(words))
                made.append((kind, query, f"mentor-{index:05d}"))
    return made


RECALL_SCRIPT = """(typos) => {
  const box = document.getElementById('finder-q'), found = {};
  for (const [kind, query, slug] of typos) {
    box.value = query;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    const top = [...document.querySelectorAll('.cards:not([hidden]) > .card .card__name')].slice(0, 5).map(h => h.id);
    found[kind] = found[kind] || [0, 0];
    found[kind][1]++;
    if (top.includes('mentor-' + slug)) found[kind][0]++;
  }
  return found;
}"""


def recall(browser, url: str, count: int) -> dict[str, tuple[int, int]]:
    """Typo recall through the real page: the mentor among the first five cards shown."""
    page = browser.new_page()
    page.goto(url, wait_until="load")
    page.focus("#finder-q")
    page.wait_for_function("() => document.querySelector('#finder-count').textContent.startsWith('Showing')")
    page.evaluate("() => new Promise(r => setTimeout(r, 300))")
    page.keyboard.type("x")  # waits for the index once
    page.wait_for_function("() => !document.querySelector('#finder-count').textContent.startsWith('Loading')")
    found = page.evaluate(RECALL_SCRIPT, typo_set(count))
    page.close()
    return {kind: tuple(value) for kind, value in found.items()}


def minisearch(work: Path) -> Path:
    """MiniSearch's browser build, installed from the npm registry into the work folder once."""
    script = work / "npm" / "node_modules" / "minisearch" / "dist" / "umd" / "index.js"
    if not script.exists():
        subprocess.run(["npm", "install", "--prefix", str(work / "npm"), "--no-audit", "--no-fund", MINISEARCH],
                       check=True, capture_output=True)
    return script


def same_terms_documents(index: dict) -> list[dict[str, object]]:
    """Our index turned back into documents: per mentor and field, the terms whose best field it is."""
    documents = [{"id": number, **{field: [] for field in index["fields"]}} for number in range(index["count"])]
    for term, entries in decode_postings(index).items():
        for number, field in entries:
            documents[number][field].append(term)
    return [{key: " ".join(value) if isinstance(value, list) else value for key, value in doc.items()}
            for doc in documents]


COMPARE_SCRIPT = """async ([queries, typos, indexUrl]) => {
  const own = window.mentordirSearch, fold = q => own.terms(q).join(' ');
  const fields = ['name', 'specialty', 'grade', 'tags', 'region', 'organisation', 'style', 'bio'];
  const weights = {name: 10, specialty: 8, grade: 6, tags: 6, region: 5, organisation: 4, style: 2, bio: 1};
  const docsText = await (await fetch('docs.json')).text();
  const ownText = await (await fetch(indexUrl)).text();
  let t = performance.now();
  const docs = JSON.parse(docsText);
  const ms = new MiniSearch({fields, searchOptions: {boost: weights, prefix: true, combineWith: 'AND',
                                                     fuzzy: term => term.length >= 5 ? 1 : false}});
  ms.addAll(docs);
  const miniStart = performance.now() - t;
  const serial = JSON.stringify(ms);
  t = performance.now();
  MiniSearch.loadJSON(serial, {fields});
  const miniLoad = performance.now() - t;
  t = performance.now();
  const index = new own.Index(JSON.parse(ownText));
  const ownStart = performance.now() - t;
  const gzipped = async text => (await new Response(new Blob([text]).stream()
      .pipeThrough(new CompressionStream('gzip'))).arrayBuffer()).byteLength;
  const times = {mini: [], own: []};
  for (const query of queries) for (let n = 1; n <= query.length; n++) {
    const typed = query.slice(0, n);
    if (!fold(typed)) continue;
    t = performance.now(); ms.search(fold(typed)); times.mini.push(performance.now() - t);
    t = performance.now(); index.search(typed); times.own.push(performance.now() - t);
  }
  const top5own = query => {
    const ranked = index.rank(query);
    return ranked ? ranked.order.slice(0, 5) : [];
  };
  const found = {mini: 0, own: 0};
  for (const [kind, query, number] of typos) {
    if (ms.search(fold(query)).slice(0, 5).some(r => r.id === number)) found.mini++;
    if (top5own(query).includes(number)) found.own++;
  }
  return {miniStart, miniLoad, ownStart, times, found, typos: typos.length,
          serialRaw: serial.length, serialGz: await gzipped(serial)};
}"""


def compare(browser, work: Path, out: Path, url: str, queries: list[str], typos: list[tuple[str, str, str]]) -> None:
    """MiniSearch and our engine side by side, engine only, on the same terms and queries."""
    script = minisearch(work)
    html = (out / "index.html").read_text()
    index_path = re.search(r'data-index="/(assets/search\.[0-9a-f]+\.json)"', html).group(1)
    own_script = re.search(r'src="/(assets/search-engine\.[0-9a-f]+\.js)"', html).group(1)
    index = json.loads((out / index_path).read_text())
    documents = same_terms_documents(index)
    bench = out / "bench"
    bench.mkdir(exist_ok=True)
    (bench / "docs.json").write_text(json.dumps(documents, separators=(",", ":")))
    shutil.copyfile(script, bench / "minisearch.js")
    (bench / "compare.html").write_text(f'<!doctype html><meta charset="utf-8"><script src="minisearch.js"></script>'
                                        f'<script src="/{own_script}"></script>')
    # Mentor number from its slug: the card order is the index order.
    order = re.findall(r'<h3 class="card__name" id="mentor-([^"]+)"', html)
    number = {slug: k for k, slug in enumerate(order)}
    page = browser.new_page()
    page.goto(url + "bench/compare.html", wait_until="load")
    result = page.evaluate(COMPARE_SCRIPT, [queries, [[kind, query, number[slug]] for kind, query, slug in typos],
                                            "/" + index_path])
    page.close()
    own_js = (out / own_script).read_bytes()
    mini_js = script.read_bytes()
    docs = (bench / "docs.json").read_bytes()
    print("  engine only, same terms and queries:      MiniSearch 7.2.0        | ours")
    print(f"    script, gzipped:                       {gz(mini_js) / 1000:6.1f} kB (unminified) | "
          f"{gz(own_js) / 1000:6.1f} kB (search-engine.js)")
    print(f"    data to fetch, gzipped:                {gz(docs) / 1000:6.1f} kB documents      | "
          f"{gz((out / index_path).read_bytes()) / 1000:6.1f} kB index")
    print(f"    or its serialised index, gzipped:      {result['serialGz'] / 1000:6.1f} kB")
    print(f"    start-up (parse + index / load):       {result['miniStart']:6.1f} ms (loadJSON {result['miniLoad']:.1f} ms) | "
          f"{result['ownStart']:6.1f} ms")
    for name in ("mini", "own"):
        times = sorted(result["times"][name])
        result[name] = f"{statistics.median(times):.2f} / {times[int(len(times) * 0.9)]:.2f} / {times[-1]:.1f} ms"
    print(f"    query median / p90 / max ({len(result['times']['own'])} keys):  {result['mini']} | {result['own']}")
    print(f"    typo recall, top 5 of the engine's ranking:  {100 * result['found']['mini'] / result['typos']:.1f}%"
          f"               | {100 * result['found']['own'] / result['typos']:.1f}%")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=Path("/tmp/mentordir-search-bench"))
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--skip-minisearch", action="store_true")
    arguments = parser.parse_args(argv)
    sizes = [int(size) for size in arguments.sizes.split(",")]
    arguments.work.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for size in sizes:
            out = build_site(arguments.work, size)
            w = weights(out)
            print(f"\n== {size:,} mentors ==")
            print("first load, gzipped: " + ", ".join(f"{k} {v / 1000:.1f} kB" for k, v in w.items()
                                                      if k not in ("total", "index", "index raw")
                                                      and not k.startswith("filter")))
            print(f"  directory page as first loaded: {w['total'] / 1000:.1f} kB gz (target <= 120 kB at 1,000)"
                  f"   [filter data inside it: {w['filter data (inside html)'] / 1000:.1f} kB gz]")
            print(f"  full-text index, fetched on first search: {w['index'] / 1000:.1f} kB gz "
                  f"({w['index raw'] / 1000:.0f} kB raw) (target <= 200 kB at 1,000)")
            server, url = serve(out)
            try:
                found = recall(browser, url, size)
                total = [sum(v[0] for v in found.values()), sum(v[1] for v in found.values())]
                print("  one-letter typos, mentor in the first 5 shown: "
                      + ", ".join(f"{kind} {a}/{b} ({100 * a / b:.1f}%)" for kind, (a, b) in found.items())
                      + f"; all {100 * total[0] / total[1]:.1f}% (target >= 95%)")
                if size == max(sizes):
                    timing = keystrokes(browser, url, typing_queries(size))
                    print(f"  keystroke to updated results ({timing['keys']} keys, Chromium headless): "
                          f"median {timing['median']:.1f} ms, p90 {timing['p90']:.1f} ms, max {timing['max']:.1f} ms "
                          f"(target median <= 16 ms)")
                    print(f"    the same to the next frame's start, layout done (waits for the frame): "
                          f"median {timing['frame median']:.1f} ms, p90 {timing['frame p90']:.1f} ms")
                if not arguments.skip_minisearch:
                    compare(browser, arguments.work, out, url, typing_queries(size), typo_set(size))
            finally:
                server.shutdown()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
