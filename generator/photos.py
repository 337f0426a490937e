"""Mentor photos: square renditions for cards and profiles, rebuilt from pixels with no metadata.

Photos come from phones: rotated by an EXIF flag, full of GPS coordinates, sometimes
huge, sometimes not what their name says. Each one is opened with a format allowlist
and size ceilings, turned upright, cropped with a bias to the upper part of a portrait
(where the face is), and re-encoded from pixels so nothing but the picture is published.
Renditions are cached by a hash of the source bytes and the rendition settings.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from generator.models import Mentor, PhotoSource
from generator.problems import Problem

log = logging.getLogger(__name__)

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
MAX_PHOTO_BYTES = 20_000_000
MAX_SIDE = 12_000
MAX_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485  # Pillow's decompression-bomb threshold: above any phone photo
CARD_SIZE = 96
PROFILE_SIZE = 320
JPEG_QUALITY = 82
FOCUS_Y = 0.38  # where a portrait's face usually is, as a fraction of its height
RENDITION_VERSION = "1"  # bump when the way renditions are made changes, to refresh caches


class PhotoError(ValueError):
    """The image cannot be published; the message says why in plain words."""


@dataclass(frozen=True)
class Rendition:
    """One processed image file, ready to publish."""

    path: str
    """Where it is published, relative to the site root (`photos/jane-doe-96-1a2b3c.jpg`)."""
    cached: Path
    """The processed file in the cache."""
    size: int
    """Width and height in pixels (renditions are square)."""


@dataclass(frozen=True)
class PhotoSet:
    """The renditions of one mentor's photo that the theme shows."""

    card: tuple[Rendition, Rendition]
    """The card image at 1x and 2x."""
    profile: tuple[Rendition, Rendition]
    """The profile image at 1x and 2x."""

    def files(self) -> set[Rendition]:
        """Every distinct file in the set."""
        return {*self.card, *self.profile}


def square_crop_box(width: int, height: int, focus_y: float = FOCUS_Y) -> tuple[int, int, int, int]:
    """The largest square in the image, centred across, and around `focus_y` down a portrait."""
    side = min(width, height)
    left = (width - side) // 2
    top = round(focus_y * height - side / 2)
    top = max(0, min(top, height - side))
    return (left, top, left + side, top + side)


def rendition_sides(source_side: int, display: int) -> tuple[int, int]:
    """The 1x and 2x sides for a display size, never larger than the source."""
    return (min(display, source_side), min(display * 2, source_side))


def process_photos(mentors: tuple[Mentor, ...], cache_dir: Path) -> tuple[dict[str, PhotoSet], list[Problem]]:
    """Make (or reuse from the cache) every mentor's renditions; problems name the bio's photo line."""
    photos: dict[str, PhotoSet] = {}
    problems: list[Problem] = []
    folder = cache_dir / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    for mentor in mentors:
        if mentor.photo is None:
            continue
        try:
            photos[mentor.slug] = _photo_set(mentor.slug, mentor.photo, folder)
        except PhotoError as error:
            problems.append(Problem(mentor.source, mentor.photo.line, "photo", str(error),
                                    "export the photo again as a JPEG or PNG, under 20 MB, and upload it"))
    return photos, problems


def _photo_set(slug: str, photo: PhotoSource, folder: Path) -> PhotoSet:
    data = photo.path.read_bytes()
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoError(f"the photo is {len(data) / 1e6:.1f} MB, more than {MAX_PHOTO_BYTES // 1_000_000} MB")
    digest = hashlib.sha256(data + RENDITION_VERSION.encode()).hexdigest()[:16]
    index = folder / f"{digest}.sides"
    if index.is_file():
        side = int(index.read_text())
        image = None
    else:
        image = decode_photo(data)
        side = min(image.size)
    sides = {name: rendition_sides(side, display) for name, display in (("card", CARD_SIZE), ("profile", PROFILE_SIZE))}
    renditions: dict[int, Rendition] = {}
    for wanted in sorted({s for pair in sides.values() for s in pair}):
        cached = folder / f"{digest}-{wanted}.jpg"
        if not cached.is_file():
            image = image or decode_photo(data)
            _atomic_write(cached, encode_square(image, wanted))
        renditions[wanted] = Rendition(path=f"photos/{slug}-{wanted}-{digest[:10]}.jpg", cached=cached, size=wanted)
    if not index.is_file():
        _atomic_write(index, str(side).encode())
    pick = {name: (renditions[one], renditions[two]) for name, (one, two) in sides.items()}
    return PhotoSet(card=pick["card"], profile=pick["profile"])


def decode_photo(data: bytes) -> Image.Image:
    """Open an upload safely and return it upright, first frame only, as 8-bit RGB on white."""
    try:
        with warnings.catch_warnings():
            # Opening reads only the header. Our own ceiling, checked next, is the same as
            # Pillow's bomb threshold but can name the size; decoding then runs with the
            # bomb warning as an error.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
        width, height = image.size
        if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
            raise PhotoError(f"the photo is {width}x{height} pixels, larger than we can take "
                             f"({MAX_SIDE:,} a side, {MAX_PIXELS // 1_000_000} megapixels)")
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.seek(0)
            image.load()
            upright = ImageOps.exif_transpose(image)
    except PhotoError:
        raise
    except Image.DecompressionBombError as error:
        raise PhotoError(f"the photo has more pixels than we can take ({MAX_PIXELS // 1_000_000} megapixels at most)"
                         ) from error
    except Image.UnidentifiedImageError as error:
        raise PhotoError("the file is not a JPEG, PNG or WebP image (HEIC and SVG are not supported)") from error
    except Exception as error:  # noqa: BLE001 - a hostile file can raise anything; it is a content problem
        raise PhotoError(f"the image cannot be read ({type(error).__name__}: {error})") from error
    return to_rgb(upright)


def to_rgb(image: Image.Image) -> Image.Image:
    """Convert any mode to 8-bit RGB: 16-bit scaled down, transparency laid on white, CMYK converted."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        high = image.getextrema()[1] if image.mode == "I" else 65535
        scale = 255 / high if high and high > 255 else 1
        image = image.convert("I").point(lambda value: value * scale).convert("L")
    if image.mode in ("P", "PA", "LA", "La", "RGBa", "RGBA"):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    return image.convert("RGB")


def encode_square(image: Image.Image, side: int) -> bytes:
    """Crop to a square around the face, resize, and encode as a JPEG with no metadata."""
    square = image.crop(square_crop_box(*image.size))
    if square.size[0] != side:
        square = square.resize((side, side), Image.Resampling.LANCZOS, reducing_gap=3.0)
    # A new image from the pixels alone: no EXIF, ICC, XMP or comment can follow it out.
    clean = Image.new("RGB", square.size)
    clean.paste(square)
    buffer = io.BytesIO()
    clean.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


def _atomic_write(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
