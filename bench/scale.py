"""Scale and hostile-input benchmark: `check` and `build` of a large directory, and one bad file at a time.

    python bench/scale.py [--mentors 2000] [--photo-share 0.0] [--work DIR]

1. Writes a synthetic directory (bench/synthetic.py) of N mentors, a share of them with a
   generated photo.
2. Runs `mentordir check` and then `mentordir build` on it, each as a separate process with an
   empty photo cache (the operating system's file cache is not dropped), and prints the wall
   time and the peak memory against the targets of issue 6 for 2,000 mentors: check < 60 s,
   build < 180 s, peak RSS < 1 GiB. Memory is given two ways: the largest single process
   (from wait4's rusage) and the whole process tree (sampled every 50 ms from /proc, so that
   the photo workers count too).
3. Runs `mentordir check` on a one-mentor site for each adversarial input (Markdown nesting and
   brackets, a YAML alias bomb, a 100 KB bio, an image header claiming 100,000 x 100,000 pixels,
   ...) and prints its time (target under 10-20 s each), its peak memory and what `check` said.

Figures are printed; nothing is asserted (the tests assert behaviour, not speed).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from synthetic import write_directory  # noqa: E402

THEME = REPO / "theme"
BUILD_DATE = {"SOURCE_DATE_EPOCH": "1795305600"}  # 2026-11-22: the same site on every run
TARGETS = {"check": 60.0, "build": 180.0}  # seconds, for 2,000 mentors
RSS_TARGET = 1024 * 1024 * 1024
ADVERSARIAL_TARGET = 20.0


@dataclass(frozen=True)
class Run:
    """One finished command: how long it took, how much memory, and what it said."""

    seconds: float
    """Wall-clock time."""
    largest_rss: int
    """Peak resident memory of the largest single process, in bytes."""
    tree_rss: int
    """Peak resident memory of the command and all its worker processes together, sampled."""
    status: int
    """The exit status."""
    output: str
    """Standard output and standard error."""


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) * 1024
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending += [int(child) for child in children.read().split()]
        except (OSError, StopIteration):
            continue
    return total


def run(arguments: list[str], timeout: float = 900.0) -> Run:
    """Run `python -m mentordir ARGUMENTS`, measuring time and memory until it exits."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "mentordir", *arguments], stdout=output,
                                   stderr=subprocess.STDOUT, env={**os.environ, **BUILD_DATE})
        peak_tree = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak_tree = max(peak_tree, tree_rss(process.pid))
            if time.perf_counter() - started > timeout:
                process.kill()
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    largest = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return Run(seconds=seconds, largest_rss=largest, tree_rss=max(peak_tree, largest), status=process.returncode,
               output=text)


def mib(size: int) -> str:
    """Bytes as MiB."""
    return f"{size / 2**20:,.0f} MiB"


def verdict(ok: bool) -> str:
    """ok or OVER."""
    return "ok" if ok else "OVER"


def scale(work: Path, mentors: int, photo_share: float) -> None:
    """Time check and build of a synthetic directory, each with a cold photo cache."""
    started = time.perf_counter()
    made = write_directory(work / "site", mentors, photo_share=photo_share, seed=1)
    print(f"directory: {len(made.slugs):,} mentors, {made.photos:,} with photos "
          f"(written in {time.perf_counter() - started:.1f} s)")
    cache = work / "cache"
    for command in ("check", "build"):
        shutil.rmtree(cache, ignore_errors=True)
        extra = ["--out", str(work / "out")] if command == "build" else []
        result = run([command, "--root", str(made.root), "--theme", str(THEME), "--cache", str(cache), *extra])
        if result.status != 0:
            raise SystemExit(f"{command} failed ({result.status}):\n{result.output[-3000:]}")
        target = TARGETS[command] * mentors / 2000
        print(f"{command:<6} {result.seconds:7.1f} s (target < {target:.0f} s: {verdict(result.seconds < target)})   "
              f"peak RSS {mib(result.largest_rss)} largest process, {mib(result.tree_rss)} whole tree "
              f"(target < {mib(RSS_TARGET)}: {verdict(result.tree_rss < RSS_TARGET)})")
    pages = sum(1 for _ in (work / "out").rglob("*.html"))
    size = sum(path.stat().st_size for path in (work / "out").rglob("*") if path.is_file())
    print(f"site:  {pages:,} pages, {size / 1e6:,.1f} MB")


# --- adversarial inputs, one file each ---------------------------------------------------------------

BIO_FRONT = """---
name: Dr Jane Doe
grade: ST6
specialty: Anaesthetics
style: I listen first.
capacity: 2
contact:
  preferred: email
  email: jane.doe@example.org
"""


def bio(body: str = "A bio.\n", front: str = BIO_FRONT, extra: str = "") -> bytes:
    """A one-mentor bio with the given body and extra front-matter lines."""
    return (front + extra + "---\n" + body).encode("utf-8")


def alias_bomb(levels: int = 9) -> str:
    """The 'billion laughs' in YAML: a few hundred bytes that stand for 9**levels strings."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def png_header(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height` pixels, with almost no image data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + \
        chunk(b"IEND", b"")


def flat_image(mode: str, size: tuple[int, int], kind: str) -> bytes:
    """A one-colour image: tens of megapixels in a few kilobytes (PNG) or a megabyte or two (JPEG)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, size, (128,) * len(mode)).save(buffer, kind, **({"compress_level": 9} if kind == "PNG" else {}))
    return buffer.getvalue()


Recipe = tuple[str, int, int, str]
"""(mode, width, height, format) of a one-colour image, made in a separate process (see make_image)."""


def make_image(recipe: Recipe, path: Path) -> None:
    """Write a recipe's image from a child process, so this process never holds its pixels.

    A child's peak-memory figure counts the pages it shares with this process when it starts,
    so the benchmark stays small itself and the figures are the command's own.
    """
    mode, width, height, kind = recipe
    subprocess.run([sys.executable, __file__, "--make-image", mode, str(width), str(height), kind, str(path)],
                   check=True)


def adversarial_cases() -> list[tuple[str, dict[str, bytes | Recipe]]]:
    """(label, files under content/mentors/) for each hostile single file."""
    photo = "photo: jane-doe.png\n"
    nested = "".join("  " * level + "- x\n" for level in range(100))
    return [
        ("baseline: one ordinary bio", {"jane-doe.md": bio()}),
        ("markdown: '- ' x 1,000 then text (2 KB)", {"jane-doe.md": bio("- " * 1000 + "x\n")}),
        (f"markdown: a list nested 100 levels deep ({len(nested) // 1000} KB)", {"jane-doe.md": bio(nested)}),
        ("markdown: '>' x 5,000 (quotes, 10 KB)", {"jane-doe.md": bio("> " * 5000 + "x\n")}),
        ("markdown: 9,000 [ then 9,000 ] then (b) (18 KB)",
         {"jane-doe.md": bio("[" * 9000 + "a" + "]" * 9000 + "(b)\n")}),
        ("markdown: 500 [ spread out (the most allowed)", {"jane-doe.md": bio("[a " * 500 + "x\n")}),
        ("markdown: 19,990 ( (20 KB)", {"jane-doe.md": bio("(" * 19990 + "x\n")}),
        (f"yaml: alias bomb, 9 levels ({len(alias_bomb())} bytes, 387,420,489 strings)",
         {"jane-doe.md": bio(extra=alias_bomb())}),
        ("yaml: 5,000 nested flow sequences (10 KB)", {"jane-doe.md": bio(extra="x: " + "[" * 5000 + "]" * 5000 + "\n")}),
        ("yaml: 15,000 characters of front matter", {"jane-doe.md": bio(extra="".join(
            f"k{index}: value\n" for index in range(1200)))}),
        ("bio: 100 KB file (100,000 bytes, over 20,000 characters)",
         {"jane-doe.md": bio("word " * ((100_000 - len(bio(""))) // 5))}),
        ("bio: 19,999 characters (accepted)", {"jane-doe.md": bio(("Some words here. " * 1200)[:19_998] + "\n")}),
        ("photo: PNG header claiming 100,000 x 100,000 pixels (67 bytes)",
         {"jane-doe.md": bio(extra=photo), "jane-doe.png": png_header(100_000, 100_000)}),
        ("photo: PNG header claiming 12,000 x 12,000 pixels (67 bytes)",
         {"jane-doe.md": bio(extra=photo), "jane-doe.png": png_header(12_000, 12_000)}),
        ("photo: one-colour 8,000 x 8,000 grey PNG (64 megapixels)",
         {"jane-doe.md": bio(extra=photo), "jane-doe.png": ("L", 8_000, 8_000, "PNG")}),
        ("photo: one-colour 9,400 x 9,400 RGBA PNG (88 MP, under the ceiling)",
         {"jane-doe.md": bio(extra=photo), "jane-doe.png": ("RGBA", 9_400, 9_400, "PNG")}),
        ("photo: one-colour 11,900 x 7,400 JPEG (88 MP, under the ceiling)",
         {"jane-doe.md": bio(extra="photo: jane-doe.jpg\n"),
          "jane-doe.jpg": ("RGB", 11_900, 7_400, "JPEG")}),
    ]


def adversarial(work: Path) -> None:
    """Check a one-mentor site per hostile input and print how long each took."""
    print(f"\nadversarial single files (mentordir check, one-mentor site; targets < {ADVERSARIAL_TARGET:.0f} s and "
          f"< {mib(RSS_TARGET)} each):")
    for number, (label, files) in enumerate(adversarial_cases()):
        root = work / f"adversarial-{number}"
        mentors = root / "content" / "mentors"
        mentors.mkdir(parents=True)
        (root / "content" / "site.yaml").write_text("title: Adversarial\n")
        for name, data in files.items():
            if isinstance(data, tuple):
                make_image(data, mentors / name)
            else:
                (mentors / name).write_bytes(data)
        size = sum(path.stat().st_size for path in mentors.iterdir())
        result = run(["check", "--root", str(root), "--theme", str(THEME), "--cache", str(root / "cache")],
                     timeout=120)
        said = next((line for line in result.output.splitlines() if "jane-doe" in line), "")
        said = said.split(": ", 1)[1] if said else result.output.strip().splitlines()[-1] if result.output else ""
        outcome = "accepted" if result.status == 0 else f"refused: {said}"
        print(f"  {label:<66} {size / 1000:8.1f} KB {result.seconds:6.2f} s {verdict(result.seconds < ADVERSARIAL_TARGET):>4} "
              f"{mib(result.tree_rss):>9} {verdict(result.tree_rss < RSS_TARGET):>4}  {outcome[:100]}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentors", type=int, default=2000)
    parser.add_argument("--photo-share", type=float, default=0.0,
                        help="the share of mentors with a generated photo, 0 to 1 (default 0)")
    parser.add_argument("--work", type=Path, help="where to write the sites (default: a temporary folder)")
    parser.add_argument("--skip-scale", action="store_true", help="only the adversarial files")
    parser.add_argument("--make-image", nargs=5, metavar=("MODE", "WIDTH", "HEIGHT", "FORMAT", "PATH"),
                        help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.make_image:
        mode, width, height, kind, path = arguments.make_image
        Path(path).write_bytes(flat_image(mode, (int(width), int(height)), kind))
        return 0
    print(f"mentordir scale benchmark: Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"{platform.system()} {platform.machine()}")
    with tempfile.TemporaryDirectory(prefix="mentordir-scale-") as temporary:
        work = arguments.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        if not arguments.skip_scale:
            scale(work, arguments.mentors, arguments.photo_share)
        adversarial(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
