"""Photo pipeline benchmark: floor probe, cold build, warm build, peak memory.

    python bench/photos.py [--mentors 1000] [--work DIR]

1. Makes (or reuses) a synthetic directory of phone-like photos (bench/phone_photos.py).
2. Floor probe: a minimal Pillow loop on all cores producing exactly the renditions the
   build publishes (the same decode scale, crop, sizes, formats and settings), checked
   byte for byte against the build's output.
3. Cold build: `mentordir build` with an empty photo cache, its time as a ratio of the
   floor's (target <= 1.15), and its peak memory summed over the whole process tree
   (target < 500 MB).
4. Warm build: `mentordir build` again with nothing changed, and the photo stage alone
   timed in-process (target < 0.2 s for 1,000 mentors, no image decoded).

Figures are printed; nothing is asserted here (tests assert behaviour, not speed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import math
import os
import shutil
import subprocess
import sys
import threading
import time
from multiprocessing import Pool
from pathlib import Path

from PIL import Image, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from phone_photos import make_directory  # noqa: E402
from scale import tree_rss  # noqa: E402

from mentordir.photos import imaging

from mentordir.photos import process as photos  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SIDES = (640, 320, 192, 96)


def floor_one(arguments: tuple[Path, Path]) -> None:
    """The least work that yields the published renditions of one photo."""
    source, out = arguments
    image = Image.open(source)
    width, height = image.size
    scale = max(SIDES) / min(width, height)
    image.draft(None, (math.ceil(width * scale), math.ceil(height * scale)))
    image = ImageOps.exif_transpose(image).convert("RGB")
    square = image.crop(imaging.square_crop_box(*image.size))
    for side in SIDES:
        square = square.resize((side, side), Image.Resampling.LANCZOS, reducing_gap=3.0)
        clean = Image.new("RGB", square.size)
        clean.paste(square)
        buffer = io.BytesIO()
        clean.save(buffer, "WEBP", quality=imaging.WEBP_QUALITY, method=4)
        (out / f"{source.stem}-{side}.webp").write_bytes(buffer.getvalue())
        buffer = io.BytesIO()
        clean.save(buffer, "JPEG", quality=imaging.JPEG_QUALITY, optimize=True, progressive=True)
        (out / f"{source.stem}-{side}.jpg").write_bytes(buffer.getvalue())


def floor_probe(sources: list[Path], out: Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    started = time.perf_counter()
    with Pool(os.cpu_count()) as pool:
        pool.map(floor_one, [(source, out) for source in sources], chunksize=4)
    return time.perf_counter() - started


def timed_build(root: Path, out: Path) -> tuple[float, int, str]:
    """Run `mentordir build`; its wall time, peak tree RSS, and last line of output."""
    command = [sys.executable, "-m", "mentordir", "build", "--root", str(root), "--theme", str(REPO / "theme"),
               "--out", str(out)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.05)
    sampler = threading.Thread(target=sample)
    sampler.start()
    output, errors = process.communicate()
    elapsed = time.perf_counter() - started
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"build failed:\n{errors}")
    return elapsed, peak, output.strip().splitlines()[-1]


def same_renditions(floor_out: Path, site: Path, count: int = 10) -> bool:
    published = {path.name: path for path in (site / "photos").iterdir()}
    for path in sorted(floor_out.iterdir())[: count * 8]:
        stem, side = path.stem.rsplit("-", 1)
        match = [p for name, p in published.items() if name.startswith(f"{stem}-{side}-") and name.endswith(path.suffix)]
        if len(match) != 1 or match[0].read_bytes() != path.read_bytes():
            return False
    return True


def warm_photo_stage(root: Path) -> tuple[float, photos.PhotoStats]:
    from mentordir.content.config import load_config
    from mentordir.content.load import load_sources
    from mentordir.content.validate import validate_content
    config, _ = load_config(root)
    sources, _ = load_sources(root)
    content, _ = validate_content(sources, config, dt.date.today())
    started = time.perf_counter()
    _, stats, _ = photos.process_photos(content.mentors, root / ".cache" / "mentordir")
    return time.perf_counter() - started, stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Photo pipeline benchmark")
    parser.add_argument("--mentors", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/mentordir-bench-photos"))
    arguments = parser.parse_args(argv)
    root = arguments.work / f"site-{arguments.mentors}"
    sizes = make_directory(root, arguments.mentors)
    sources = sorted((root / "content" / "mentors").glob("*.jpg"))
    print(f"directory: {len(sources)} mentors with photos, {min(sizes) / 1e6:.2f}-{max(sizes) / 1e6:.2f} MB each, "
          f"{os.cpu_count()} cores")

    floor = floor_probe(sources, arguments.work / "floor")
    print(f"floor probe: {floor:.1f} s ({floor / len(sources) * 1000:.1f} ms per photo on all cores)")

    shutil.rmtree(root / ".cache", ignore_errors=True)
    for built in (arguments.work / "out", arguments.work / ".out.spare"):  # a cold build writes everything
        shutil.rmtree(built, ignore_errors=True)
    cold, peak, summary = timed_build(root, arguments.work / "out")
    print(f"cold build: {cold:.1f} s = {cold / floor:.3f}x the floor (target <= 1.15); "
          f"peak memory {peak / 2**20:.0f} MB (target < 500)")
    print(f"  {summary}")
    print(f"  renditions identical to the floor probe's: {same_renditions(arguments.work / 'floor', arguments.work / 'out')}")

    warm, _, summary = timed_build(root, arguments.work / "out")
    stage, stats = warm_photo_stage(root)
    print(f"warm build: {warm:.2f} s in all; photo stage {stage:.3f} s (target < 0.2), "
          f"{stats.processed} photos decoded, {stats.reused} reused")
    print(f"  {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
