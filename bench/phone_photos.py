"""A deterministic synthetic directory whose photos behave like phone photos.

Half the photos are 3024x4032 (12 MP) and half 1536x2048 (3 MP) JPEGs of about
0.4-1.6 MB: smooth colour with fine grain, so they cost what real photos cost to decode
and encode. Some carry an EXIF orientation of 3, 6 or 8 (stored sideways or upside down,
as phones do) and some carry GPS coordinates. Same index, same bytes, every time.

    python bench/phone_photos.py DIR [--mentors 1000]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from multiprocessing import Pool
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter

ORIENTATIONS = (1, 6, 1, 8, 1, 3)  # cycled: half upright, the rest turned as phones store them
TILE = 509


def phone_photo(index: int) -> bytes:
    """The JPEG bytes of synthetic photo number `index`."""
    rng = random.Random(index)
    width, height = (3024, 4032) if index % 2 == 0 else (1536, 2048)
    orientation = ORIENTATIONS[index % len(ORIENTATIONS)]
    if orientation in (6, 8):
        width, height = height, width  # stored sideways; the EXIF flag turns it upright
    base = Image.frombytes("RGB", (12, 16), rng.randbytes(12 * 16 * 3)).resize((width, height),
                                                                             Image.Resampling.BICUBIC)
    tile = Image.frombytes("L", (TILE, TILE), rng.randbytes(TILE * TILE)).filter(ImageFilter.GaussianBlur(1.2))
    amplitude = rng.randint(52, 62)
    tile = tile.point(lambda value: 128 + (value - 128) * amplitude // 255)
    grain = Image.new("L", (width, height))
    for x in range(0, width, TILE):
        for y in range(0, height, TILE):
            grain.paste(tile, (x, y))
    image = ImageChops.add(base, Image.merge("RGB", (grain, grain, grain)), offset=-128)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Synthetic Phone"
    if index % 3 == 0:
        gps = exif.get_ifd(0x8825)
        gps.update({1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, exif=exif.tobytes())
    return buffer.getvalue()


# Names from the default vocabularies, as a real directory's bios would use them.
SPECIALTIES = ("Anaesthetics", "General Practice", "Paediatrics", "Psychiatry", "Emergency Medicine", "Cardiology",
               "Radiology", "General Surgery", "Obstetrics and Gynaecology", "Geriatric Medicine")
REGIONS = ("Wessex", "London", "Thames Valley", "East of England", "Scotland", "Wales", "Northern Ireland")


def bio(index: int) -> str:
    """A short valid bio for synthetic mentor number `index`, with a photo."""
    grades = ("ST3", "ST5", "ST7", "SAS", "GP", "Consultant")
    specialty = SPECIALTIES[index % len(SPECIALTIES)]
    region = REGIONS[index % len(REGIONS)]
    return (f"---\nname: Dr Synthetic Mentor {index}\nphoto: mentor-{index:05d}.jpg\n"
            f"grade: {grades[index % len(grades)]}\nspecialty: {specialty}\nregion: {region}\n"
            f"style: I listen first and help you make a plan.\ncapacity: 2\nmentees: {index % 3}\n"
            f"contact:\n  preferred: email\n  email: mentor{index}@example.org\nupdated: 2026-10-01\n---\n"
            f"Mentor {index} is a synthetic mentor for benchmarks.\n")


def _write_one(arguments: tuple[Path, int]) -> int:
    folder, index = arguments
    photo = folder / f"mentor-{index:05d}.jpg"
    if not photo.exists():
        data = phone_photo(index)
        temporary = photo.with_suffix(".tmp")
        temporary.write_bytes(data)
        temporary.replace(photo)
    (folder / f"mentor-{index:05d}.md").write_text(bio(index), encoding="utf-8")
    return photo.stat().st_size


def make_directory(root: Path, mentors: int) -> list[int]:
    """Write `root/content/mentors/` with `mentors` bios and photos (photos already there are kept)."""
    folder = root / "content" / "mentors"
    folder.mkdir(parents=True, exist_ok=True)
    with Pool() as pool:
        return pool.map(_write_one, [(folder, index) for index in range(mentors)], chunksize=8)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path)
    parser.add_argument("--mentors", type=int, default=1000)
    arguments = parser.parse_args(argv)
    sizes = make_directory(arguments.root, arguments.mentors)
    print(f"{len(sizes)} mentors; photos {min(sizes) / 1e6:.2f}-{max(sizes) / 1e6:.2f} MB, "
          f"{sum(sizes) / 1e9:.2f} GB in all, in {arguments.root / 'content' / 'mentors'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
