"""Image arithmetic and codecs: bytes in, bytes out, nothing on disk.

Photos come from phones: rotated by an EXIF flag, full of GPS coordinates, sometimes
huge, sometimes not what their name says. `decode_photo` opens one with a format
allowlist and size ceilings, turns it upright, and converts it to sRGB 8-bit RGB;
`encode_renditions` crops it square with a bias towards where a portrait's face is and
encodes each size as WebP and JPEG from pixels alone, so nothing but the picture is
published. The crop and size arithmetic are plain functions, tested as arithmetic.
"""

from __future__ import annotations

import io
import math
import warnings

from PIL import Image, ImageCms, ImageOps

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
MAX_SIDE = 12_000
MAX_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485  # Pillow's decompression-bomb threshold: above any phone photo
JPEG_QUALITY = 82
WEBP_QUALITY = 80
FOCUS_Y = 0.38  # where a portrait's face usually is, as a fraction of its height
FOCUS_WORDS = {"top": 0.0, "upper": 0.3, "centre": 0.5, "center": 0.5, "lower": 0.7, "bottom": 1.0}
FORMATS = {"webp": "WEBP", "jpg": "JPEG"}  # published suffix -> Pillow format, preferred first
_SRGB = ImageCms.createProfile("sRGB")


class PhotoError(ValueError):
    """The image cannot be published; the message says why in plain words."""


def square_crop_box(width: int, height: int, focus_y: float = FOCUS_Y) -> tuple[int, int, int, int]:
    """The largest square in the image, centred across, centred on `focus_y` of the height down."""
    side = min(width, height)
    left = (width - side) // 2
    top = round(focus_y * height - side / 2)
    top = max(0, min(top, height - side))
    return (left, top, left + side, top + side)


def rendition_sides(source_side: int, display: int) -> tuple[int, int]:
    """The 1x and 2x sides for a display size, never larger than the source."""
    return (min(display, source_side), min(display * 2, source_side))


def draft_request(width: int, height: int, smallest_side: int) -> tuple[int, int]:
    """The size to ask the JPEG decoder for, so its shorter side stays at least `smallest_side`."""
    scale = max(smallest_side / min(width, height), 0.0)
    return (math.ceil(width * scale), math.ceil(height * scale))


def decode_photo(data: bytes, smallest_side: int | None = None) -> Image.Image:
    """Open an upload safely and return it upright, first frame only, as 8-bit sRGB on white."""
    return decode_photo_and_size(data, smallest_side)[0]


def decode_photo_and_size(data: bytes, smallest_side: int | None = None) -> tuple[Image.Image, tuple[int, int]]:
    """Like decode_photo, and also the photo's own upright size in pixels.

    With `smallest_side`, a JPEG is decoded at a reduced scale (DCT scaling) whose shorter
    side is still at least that many pixels: much faster, and the renditions are the same.
    """
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
            if smallest_side and image.format == "JPEG" and min(width, height) > smallest_side:
                image.draft(None, draft_request(width, height, smallest_side))
            turned = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
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
    return to_srgb(upright, image.info.get("icc_profile")), ((height, width) if turned else (width, height))


def to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Convert to 8-bit RGB, through the embedded colour profile when there is a usable one."""
    rgb = to_rgb(image)
    if not icc_profile or image.mode not in ("RGB", "CMYK"):
        return rgb
    try:
        # Phone photos are often Display P3: without the conversion, colours (and skin
        # tones) come out dull once the profile is dropped from the published file.
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError):
        return rgb  # a broken profile is ignored, not fatal


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


def encode_renditions(image: Image.Image, sides: list[int], focus_y: float = FOCUS_Y) -> dict[tuple[int, str], bytes]:
    """Crop once, then encode every side, largest first, in every published format."""
    square = image.crop(square_crop_box(*image.size, focus_y))
    encoded: dict[tuple[int, str], bytes] = {}
    for side in sorted(set(sides), reverse=True):
        if square.size[0] != side:
            square = square.resize((side, side), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for suffix in FORMATS:
            encoded[(side, suffix)] = encode(square, suffix)
    return encoded


def encode_square(image: Image.Image, side: int, suffix: str = "jpg") -> bytes:
    """One square rendition of `side` pixels in the format of `suffix`."""
    return encode_renditions(image, [side])[(side, suffix)]


def encode(square: Image.Image, suffix: str) -> bytes:
    """Encode pixels alone: no EXIF, ICC, XMP or comment can follow them out."""
    clean = Image.new("RGB", square.size)
    clean.paste(square)
    buffer = io.BytesIO()
    if suffix == "webp":
        clean.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    else:
        clean.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()
