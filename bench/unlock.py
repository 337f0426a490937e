"""Unlock benchmark: how long a private directory takes to open in Chromium on this machine.

    python bench/unlock.py [--runs 5] [--mentors N]

Builds the demo content (or, with --mentors, bench/synthetic.py's directory of N mentors,
a quarter with photos) in private mode (access: code) under /my-scheme/, serves it, and
in headless Chromium (Debian's, at /usr/bin/chromium) times, each in a fresh browser context:
1. unlock: from pressing "Open the directory" with the right code to the directory shown
   (PBKDF2 at 600,000 rounds, the key check, AES-GCM, gunzip, the page put in place);
   target under one second;
2. first photo: from the same press to the first card's photo decoded from its blob;
3. next page: from clicking a profile to that page shown with its key from sessionStorage.
Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench"))

from browsing import chromium, served  # noqa: E402
from synthetic import write_directory  # noqa: E402

from mentordir.build import BuildOptions, build  # noqa: E402
from mentordir.private.access import new_code  # noqa: E402


def build_private(workspace: Path, code: str, mentors: int | None) -> Path:
    root = workspace / "repo"
    if mentors:
        write_directory(root, mentors, photo_share=0.25)
    else:
        shutil.copytree(REPO / "content", root / "content")
    with (root / "content" / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("access: code\n")
    options = BuildOptions(root=root, theme=REPO / "theme", cache=root / ".cache" / "mentordir",
                           today=dt.date(2026, 11, 22), base_url="https://example.org/my-scheme/")
    out = workspace / "served" / "my-scheme"
    build(dataclasses.replace(options, access_code=code), out)
    return out.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mentors", type=int, help="a synthetic directory of this many mentors instead of the demo")
    arguments = parser.parse_args()
    code = new_code()
    unlocks, photos, next_pages = [], [], []
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        site = build_private(Path(folder), code, arguments.mentors)
        page_bytes = (site / "my-scheme" / "index.html").stat().st_size
        with served(site) as url:
            for _ in range(arguments.runs):
                page = browser.new_context(viewport={"width": 1000, "height": 900}).new_page()
                page.goto(url + "my-scheme/", wait_until="load")
                page.fill("#unlock-code", code)
                started = time.perf_counter()
                page.click("#unlock button[type=submit]")
                page.wait_for_selector("html[data-unlocked]")
                unlocks.append(time.perf_counter() - started)
                page.wait_for_function("() => { const img = document.querySelector('.card img');"
                                       " return img && img.naturalWidth > 0; }", polling=10)
                photos.append(time.perf_counter() - started)
                started = time.perf_counter()
                page.locator(".card__name a").first.click()
                page.wait_for_selector("html[data-unlocked]")
                next_pages.append(time.perf_counter() - started)
                page.context.close()
    print(f"directory page (locked, with the sealed page inside): {page_bytes / 1000:.0f} kB")
    for label, figures in (("unlock (code to directory shown)", unlocks), ("first card photo shown", photos),
                           ("next page, no second unlock", next_pages)):
        print(f"{label:36} median {statistics.median(figures) * 1000:5.0f} ms, "
              f"worst {max(figures) * 1000:5.0f} ms over {len(figures)} runs")


if __name__ == "__main__":
    main()
