"""Image arithmetic and codecs: bytes in, bytes out, nothing on disk.

Photos come from phones: rotated by an EXIF flag, full of GPS coordinates, sometimes
huge, sometimes not what their name says. `decode_photo_and_size` opens one with a format
allowlist and size ceilings, turns it upright, and converts it to sRGB 8-bit RGB;
`encode_renditions` crops it square with a bias towards where a portrait's face is and
encodes each size as WebP and JPEG from pixels alone, so nothing but the picture is
published. The crop and size arithmetic are plain functions, tested as arithmetic.
"""

from __future__ import annotations

import io
import logging
import math
import warnings

from PIL import Image, ImageCms, ImageOps

from mentordir.model.models import FOCUS_Y

log = logging.getLogger(__name__)

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
MAX_SIDE = 12_000
DAMAGED = "the photo is damaged or cut short (often an upload that did not finish), so it cannot be read"
# The pixel ceiling is Pillow's decompression-bomb threshold, Image.MAX_IMAGE_PIXELS, read at
# each call (see max_pixels), so lowering it for a run lowers ours. This is Pillow's default
# (about 89 megapixels, above any phone photo), used only if that threshold is switched off.
PILLOW_DEFAULT_MAX_PIXELS = 89_478_485
SHRINK_ROWS = 512  # rows of the source turned into a reducible mode at once while shrinking
JPEG_QUALITY = 82
WEBP_QUALITY = 80
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


def draft_request(width: int, height: int, smallest_side: int) -> tuple[int, int]:
    """The size to ask the JPEG decoder for, so its shorter side stays at least `smallest_side`."""
    scale = max(smallest_side / min(width, height), 0.0)
    return (math.ceil(width * scale), math.ceil(height * scale))


def max_pixels() -> int:
    """The most pixels a photo may have: Pillow's decompression-bomb threshold as it is now."""
    return Image.MAX_IMAGE_PIXELS or PILLOW_DEFAULT_MAX_PIXELS


def shrink_factor(width: int, height: int, smallest_side: int | None) -> int:
    """The whole factor a decoded image can be divided by while its shorter side stays at least `smallest_side`."""
    return max(1, min(width, height) // smallest_side) if smallest_side else 1


def decode_photo_and_size(data: bytes, smallest_side: int | None = None) -> tuple[Image.Image, tuple[int, int]]:
    """Open an upload safely: upright, first frame only, as 8-bit sRGB on white; and its own upright size in pixels.

    With `smallest_side`, the decoded pixels are shrunk by a whole factor as soon as they are
    read, keeping the shorter side at least that many pixels: a JPEG is decoded at a reduced
    scale (DCT scaling), anything else is box-averaged (see `shrink`). Much faster and far
    smaller in memory, and the renditions are the same.
    """
    try:
        with warnings.catch_warnings(record=True) as caught:
            # Opening reads only the header. Pillow checks the size there: a warning above its
            # threshold, DecompressionBombError above twice it. The warning is recorded here,
            # not shown, and refused below with a sentence that names the size.
            warnings.simplefilter("always", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
        bomb = False
        for warning in caught:
            if issubclass(warning.category, Image.DecompressionBombWarning):
                bomb = True
            else:  # anything else (corrupt EXIF, say) is Pillow's aside, not a mentor's problem
                log.debug("Pillow warned while opening a photo: %s", warning.message)
        width, height = image.size
        if bomb or width > MAX_SIDE or height > MAX_SIDE or width * height > max_pixels():
            raise PhotoError(f"the photo is {width}x{height} pixels, larger than we can take "
                             f"({MAX_SIDE:,} a side, {_pixel_count(max_pixels())})")
        with warnings.catch_warnings():
            # Nothing below is expected to warn (the size was checked above, and shrinking crops
            # bands far under the threshold); if a Pillow release checks more while decoding,
            # the warning stops the photo rather than passing unseen. Any other warning is
            # silenced: its raw text would reach a mentor's screen and mean nothing to them.
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.seek(0)
            if smallest_side and image.format == "JPEG" and min(width, height) > smallest_side:
                image.draft(None, draft_request(width, height, smallest_side))
            turned = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            image.load()
            factor = shrink_factor(*image.size, smallest_side) if image.format != "JPEG" else 1
            decoded = shrink(image, factor) if factor >= 2 else image
            upright = ImageOps.exif_transpose(decoded)
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PhotoError(f"the photo has more pixels than we can take ({_pixel_count(max_pixels())} at most)"
                         ) from error
    except Image.UnidentifiedImageError as error:
        if _looks_like_a_photo(data):  # one wrong byte in a PNG's header fails its checksum
            raise PhotoError(DAMAGED) from error
        raise PhotoError("the file is not a JPEG, PNG or WebP image (HEIC and SVG are not supported)") from error
    except Exception as error:  # noqa: BLE001 - a hostile file can raise anything; it is a content problem
        # Pillow's own words ("image file is truncated (67 bytes not processed)") mean
        # nothing to a mentor; they are logged for whoever debugs, not shown.
        log.debug("a photo could not be decoded: %s: %s", type(error).__name__, error)
        raise PhotoError(DAMAGED) from error
    return to_srgb(upright, image.info.get("icc_profile")), ((height, width) if turned else (width, height))


def _looks_like_a_photo(data: bytes) -> bool:
    """Whether the file starts as a JPEG, PNG or WebP does, whatever follows."""
    return data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def _pixel_count(pixels: int) -> str:
    return f"{pixels // 1_000_000} megapixels" if pixels >= 1_000_000 else f"{pixels:,} pixels"


def shrink(image: Image.Image, factor: int) -> Image.Image:
    """The image divided by a whole `factor` on each side, each new pixel the average of a block.

    `Image.reduce` on a whole RGBA image first copies all of it into premultiplied RGBa, and
    cannot reduce palette, 1-bit or 16-bit images at all. Here a band of rows at a time is
    made reducible (`_reducible`) and reduced, so the decoded image is the only full-size copy.
    Bands are a multiple of `factor` rows high, so the result is the same as in one go.
    """
    width, height = image.size
    rows = factor * max(1, SHRINK_ROWS // factor)
    scale = sixteen_bit_scale(image)
    bands = [_reducible(image.crop((0, top, width, min(top + rows, height))), scale).reduce(factor)
             for top in range(0, height, rows)]
    shrunk = Image.new(bands[0].mode, (math.ceil(width / factor), math.ceil(height / factor)))
    for index, band in enumerate(bands):
        shrunk.paste(band, (0, index * rows // factor))
    shrunk.info = dict(image.info)  # EXIF (for turning upright) and the colour profile
    shrunk.info.pop("transparency", None)  # now in an alpha channel, if there was any
    return shrunk


def _reducible(band: Image.Image, scale: float) -> Image.Image:
    # A mode Image.reduce averages correctly: 8-bit grey, colours with (non-palette) alpha.
    if band.mode in _SIXTEEN_BIT:
        return _eight_bit(band, scale)
    if band.mode in ("P", "PA") or _has_transparency_key(band):
        return band.convert("RGBA")
    return band.convert("L") if band.mode == "1" else band


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
    if image.mode in _SIXTEEN_BIT:
        image = _eight_bit(image, sixteen_bit_scale(image))
    if image.mode in ("P", "PA", "LA", "La", "RGBa", "RGBA") or _has_transparency_key(image):
        # Pasting through the alpha channel onto white blends exactly as compositing onto an
        # opaque white background does, without two more full-size RGBA copies. LA and RGBA
        # paste as they are; premultiplied and palette modes are turned into RGBA first.
        coloured = image if image.mode in ("LA", "RGBA") else image.convert("RGBA")
        white = Image.new("RGB", image.size, "white")
        white.paste(coloured, mask=coloured)
        return white
    return image.convert("RGB")


_SIXTEEN_BIT = ("I;16", "I;16B", "I;16L", "I;16N", "I")


def sixteen_bit_scale(image: Image.Image) -> float:
    """The factor that brings a 16-bit (or 32-bit) grey image's values into 0-255; 1 for other modes."""
    if image.mode not in _SIXTEEN_BIT:
        return 1
    high = image.getextrema()[1] if image.mode == "I" else 65535
    return 255 / high if high and high > 255 else 1


def _eight_bit(image: Image.Image, scale: float) -> Image.Image:
    return image.convert("I").point(lambda value: value * scale).convert("L")


def _has_transparency_key(image: Image.Image) -> bool:
    # A grey or RGB PNG can name one colour as transparent (tRNS) instead of carrying alpha.
    return image.mode in ("L", "RGB") and "transparency" in image.info


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
