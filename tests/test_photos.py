"""Tests for generator/photos/imaging.py and generator/photos/process.py: geometry as arithmetic, decoding on images made in
memory, renditions end to end through the cache."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from conftest import TODAY, MakeSite, bio_text, line_of
from mentordir.photos import imaging
from mentordir.content.config import load_config
from mentordir.model.pictures import PROFILE_SIZE, rendition_sides
from mentordir.photos.imaging import (PhotoError, decode_photo_and_size, draft_request, encode_renditions,
                                      square_crop_box)
from mentordir.content.load import load_sources
from mentordir.photos.process import PhotoSet, PhotoStats, process_photos
from mentordir.model.problems import Problem
from mentordir.content.validate import validate_content

RED = (255, 0, 0)
BLUE = (0, 0, 255)
WHITE = (255, 255, 255)
MARKER = b"SECRET-GPS-MARKER"
NOT_AN_IMAGE = "the file is not a JPEG, PNG or WebP image (HEIC and SVG are not supported)"
DAMAGED = "the photo is damaged or cut short (often an upload that did not finish), so it cannot be read"
PHOTO_FIX = "export the photo again as a JPEG or PNG, under 20 MB, and upload it"


def encoded(image: Image.Image, format: str, **options: object) -> bytes:
    """An image saved to bytes in memory."""
    buffer = io.BytesIO()
    image.save(buffer, format, **options)
    return buffer.getvalue()


def near(pixel: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 12) -> bool:
    """Whether two colours match within a tolerance on every channel (JPEG is lossy)."""
    return len(pixel) == len(expected) and all(abs(a - b) <= tolerance for a, b in zip(pixel, expected))


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size but holds no pixels: it can be opened but never loaded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def uniform_png(width: int, height: int, pixel: bytes, colour_type: int = 6) -> bytes:
    """A one-colour 8-bit PNG written row by row: small on disk, however many pixels it claims."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    compressor, row = zlib.compressobj(9), b"\x00" + pixel * width
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def marked_corner(size: tuple[int, int] = (60, 40)) -> Image.Image:
    """A blue image with a red square in its top-left corner."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, 12, 12))
    return image


def with_orientation(orientation: int) -> bytes:
    """The marked-corner image as a JPEG whose EXIF says how to turn it."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    return encoded(marked_corner(), "JPEG", quality=95, exif=exif.tobytes())


def secret_jpeg(size: tuple[int, int]) -> bytes:
    """A JPEG carrying the marker in EXIF (GPS, description, artist), a comment, an ICC profile and after its end."""
    exif = Image.Exif()
    exif[0x010E] = MARKER.decode()
    exif[0x013B] = MARKER.decode()
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 30.0, 0.0)
    gps[0x1B] = b"ASCII\x00\x00\x00" + MARKER
    data = encoded(Image.new("RGB", size, (30, 120, 200)), "JPEG", exif=exif, comment=MARKER, icc_profile=MARKER * 4)
    return data + MARKER


def secret_png(size: tuple[int, int]) -> bytes:
    """A PNG carrying the marker in a text chunk, XMP and EXIF."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", MARKER.decode())
    info.add_itxt("XML:com.adobe.xmp", MARKER.decode())
    exif = Image.Exif()
    exif[0x013B] = MARKER.decode()
    return encoded(Image.new("RGB", size, (30, 120, 200)), "PNG", pnginfo=info, exif=exif)


# --- geometry -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("size", "box"), [
    ((600, 800), (0, 4, 600, 604)),         # portrait: the square sits around 38% down
    ((100, 1000), (0, 330, 100, 430)),
    ((800, 600), (100, 0, 700, 600)),       # landscape: centred across
    ((801, 600), (100, 0, 700, 600)),       # an odd margin rounds down
    ((500, 500), (0, 0, 500, 500)),
])
def test_square_crop_box_takes_the_largest_square_around_the_face(size: tuple[int, int],
                                                                  box: tuple[int, int, int, int]) -> None:
    assert square_crop_box(*size) == box


@pytest.mark.parametrize(("focus", "box"), [
    (0.0, (0, 0, 100, 100)),
    (-1.0, (0, 0, 100, 100)),
    (1.0, (0, 900, 100, 1000)),
    (2.0, (0, 900, 100, 1000)),
    (0.5, (0, 450, 100, 550)),
])
def test_square_crop_box_keeps_the_square_inside_the_image(focus: float, box: tuple[int, int, int, int]) -> None:
    assert square_crop_box(100, 1000, focus) == box


@pytest.mark.parametrize(("source", "display", "sides"), [
    (1000, 96, (96, 192)),
    (1000, 320, (320, 640)),
    (150, 96, (96, 150)),
    (150, 320, (150, 150)),
    (50, 96, (50, 50)),
])
def test_rendition_sides_never_upscale(source: int, display: int, sides: tuple[int, int]) -> None:
    assert rendition_sides(source, display) == sides


def test_encode_renditions_makes_a_square_jpeg_of_the_side_asked() -> None:
    result = Image.open(io.BytesIO(encode_renditions(Image.new("RGB", (300, 200), RED), [96])[(96, "jpg")]))
    assert (result.format, result.size, result.mode) == ("JPEG", (96, 96), "RGB")
    assert near(result.getpixel((48, 48)), RED)


# --- decoding -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("orientation", "size", "red_at"), [
    (1, (60, 40), (3, 3)),
    (2, (60, 40), (56, 3)),    # mirrored left to right
    (3, (60, 40), (56, 36)),   # turned half round: the corner goes to the bottom right
    (4, (60, 40), (3, 36)),    # mirrored top to bottom
    (5, (40, 60), (3, 3)),     # mirrored across the diagonal through the top left
    (7, (40, 60), (36, 56)),   # mirrored across the other diagonal
    (6, (40, 60), (36, 3)),    # a phone held upright: top left goes to top right
    (8, (40, 60), (3, 56)),    # held the other way: top left goes to bottom left
])
def test_decoding_turns_the_image_upright_by_its_exif_orientation(
        orientation: int, size: tuple[int, int], red_at: tuple[int, int]) -> None:
    image = decode_photo_and_size(with_orientation(orientation))[0]
    assert (image.size, image.mode) == (size, "RGB")
    assert near(image.getpixel(red_at), RED, tolerance=40)
    far = (size[0] - 1 - red_at[0], size[1] - 1 - red_at[1])
    assert near(image.getpixel(far), BLUE, tolerance=40)


def test_decoding_lays_a_transparent_palette_png_on_white() -> None:
    palette = Image.new("P", (10, 10), 0)
    palette.putpalette([0, 0, 0, 255, 0, 0])
    palette.paste(1, (5, 0, 10, 10))
    image = decode_photo_and_size(encoded(palette, "PNG", transparency=0))[0]
    assert (image.getpixel((0, 0)), image.getpixel((9, 9))) == (WHITE, RED)


def test_decoding_lays_rgba_on_white_not_black() -> None:
    rgba = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    rgba.paste((0, 0, 0, 128), (5, 0, 10, 10))
    image = decode_photo_and_size(encoded(rgba, "PNG"))[0]
    assert image.getpixel((0, 0)) == WHITE
    assert near(image.getpixel((9, 9)), (127, 127, 127), tolerance=2)


def test_decoding_lays_a_png_with_one_transparent_colour_on_white() -> None:
    rgb = Image.new("RGB", (10, 10), (0, 0, 0))
    rgb.paste(RED, (5, 0, 10, 10))
    image = decode_photo_and_size(encoded(rgb, "PNG", transparency=(0, 0, 0)))[0]
    assert (image.getpixel((0, 0)), image.getpixel((9, 9))) == (WHITE, RED)


def test_decoding_lays_grey_with_alpha_on_white() -> None:
    assert decode_photo_and_size(encoded(Image.new("LA", (10, 10), (0, 0)), "PNG"))[0].getpixel((0, 0)) == WHITE


def test_decoding_keeps_a_16_bit_mid_grey_mid_grey() -> None:
    data = encoded(Image.new("I;16", (10, 10), 32768), "PNG")
    assert near(decode_photo_and_size(data)[0].getpixel((5, 5)), (128, 128, 128), tolerance=2)


def test_decoding_turns_a_cmyk_jpeg_into_rgb() -> None:
    image = decode_photo_and_size(encoded(Image.new("CMYK", (10, 10), (0, 255, 255, 0)), "JPEG", quality=95))[0]
    assert image.mode == "RGB"
    assert near(image.getpixel((5, 5)), RED)


def test_decoding_takes_the_first_frame_of_an_animated_webp() -> None:
    frames = [Image.new("RGB", (20, 20), colour) for colour in (RED, BLUE)]
    data = encoded(frames[0], "WEBP", save_all=True, append_images=frames[1:], lossless=True)
    assert Image.open(io.BytesIO(data)).n_frames == 2
    assert decode_photo_and_size(data)[0].getpixel((5, 5)) == RED


def test_decoding_takes_the_first_frame_of_an_animated_png() -> None:
    frames = [Image.new("RGB", (20, 20), colour) for colour in (RED, BLUE)]
    data = encoded(frames[0], "PNG", save_all=True, append_images=frames[1:])
    assert Image.open(io.BytesIO(data)).n_frames == 2
    assert decode_photo_and_size(data)[0].getpixel((5, 5)) == RED


@pytest.mark.parametrize("data", [
    pytest.param(encoded(Image.new("RGB", (10, 10)), "GIF"), id="gif"),
    pytest.param(encoded(Image.new("RGB", (10, 10)), "BMP"), id="bmp"),
    pytest.param(encoded(Image.new("RGB", (10, 10)), "TIFF"), id="tiff"),
    pytest.param(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n", id="eps"),
    pytest.param(b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', id="svg"),
    pytest.param(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64, id="heic"),
    pytest.param(b"", id="empty"),
])
def test_decoding_refuses_anything_but_jpeg_png_and_webp(data: bytes) -> None:
    with pytest.raises(PhotoError) as error:
        decode_photo_and_size(data)[0]
    assert str(error.value) == NOT_AN_IMAGE


def test_decoding_refuses_a_truncated_jpeg() -> None:
    data = encoded(Image.effect_noise((400, 400), 60).convert("RGB"), "JPEG")
    with pytest.raises(PhotoError) as error:
        decode_photo_and_size(data[: len(data) * 6 // 10])
    assert str(error.value) == DAMAGED


def test_decode_photo_calls_a_png_with_one_wrong_byte_damaged_not_another_format() -> None:
    data = bytearray(encoded(Image.new("RGB", (40, 40), (10, 20, 30)), "PNG"))
    data[20] ^= 0xFF  # inside the header chunk: its checksum no longer matches
    with pytest.raises(PhotoError) as error:
        decode_photo_and_size(bytes(data))
    assert str(error.value) == DAMAGED


def test_decode_photo_passes_on_no_warning_of_pillows_own(recwarn) -> None:
    data = encoded(Image.effect_noise((400, 400), 60).convert("RGB"), "JPEG")
    with pytest.raises(PhotoError):
        decode_photo_and_size(data[: len(data) * 6 // 10])
    assert [str(warning.message) for warning in recwarn] == []


@pytest.mark.parametrize(("width", "height"), [(13000, 100), (100, 13000)])
def test_decoding_refuses_a_side_over_the_ceiling_before_loading(width: int, height: int) -> None:
    # The file holds no pixels, so only a check made before load() can give this message.
    with pytest.raises(PhotoError) as error:
        decode_photo_and_size(png_header(width, height))[0]
    assert str(error.value) == (f"the photo is {width}x{height} pixels, larger than we can take "
                                "(12,000 a side, 89 megapixels)")


def test_decoding_refuses_too_many_pixels_with_the_size_sentence() -> None:
    with pytest.raises(PhotoError) as error:
        decode_photo_and_size(png_header(11000, 10000))[0]
    assert str(error.value).startswith("the photo is 11000x10000 pixels, larger than we can take (")


def test_decoding_takes_pillows_pixel_limit_as_it_is_when_called(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pillow only warns at open() (1,600 pixels is under twice the limit): the warning must refuse the photo.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(PhotoError) as error:
        decode_photo_and_size(encoded(Image.new("RGB", (40, 40), RED), "PNG"))[0]
    assert str(error.value) == "the photo is 40x40 pixels, larger than we can take (12,000 a side, 1,000 pixels)"


def test_decoding_refuses_twice_pillows_pixel_limit_naming_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(PhotoError) as error:
        decode_photo_and_size(encoded(Image.new("RGB", (50, 50), RED), "PNG"))[0]
    assert str(error.value) == "the photo has more pixels than we can take (1,000 pixels at most)"


# --- shrinking while decoding ---------------------------------------------------------------------

@pytest.mark.parametrize(("size", "smallest_side", "factor"), [
    ((9400, 9400), 640, 14),
    ((2000, 1300), 640, 2),
    ((1300, 2000), 640, 2),
    ((1279, 5000), 640, 1),   # halving would go under the smallest side asked for
    ((500, 400), 640, 1),     # never enlarged
    ((9400, 9400), None, 1),  # no smallest side: kept whole
])
def test_shrink_factor_keeps_the_shorter_side_at_least_as_asked(size: tuple[int, int], smallest_side: int | None,
                                                                 factor: int) -> None:
    assert imaging.shrink_factor(*size, smallest_side) == factor


def transparent_left_half(mode: str, size: tuple[int, int]) -> bytes:
    """A PNG whose left half is transparent and right half opaque red, in `mode`."""
    rgba = Image.new("RGBA", size, (0, 0, 0, 0))
    rgba.paste((*RED, 255), (size[0] // 2, 0, *size))
    if mode == "P":
        palette = Image.new("P", size, 0)
        palette.putpalette([0, 0, 0, *RED])
        palette.paste(1, (size[0] // 2, 0, *size))
        return encoded(palette, "PNG", transparency=0)
    return encoded(rgba if mode == "RGBA" else rgba.convert("LA") if mode == "LA" else rgba.convert(mode), "PNG")


@pytest.mark.parametrize("mode", ["RGBA", "P", "LA"])
def test_a_big_png_is_shrunk_as_it_is_decoded_and_still_laid_on_white(mode: str) -> None:
    image, size = imaging.decode_photo_and_size(transparent_left_half(mode, (2000, 1300)), smallest_side=640)
    assert (size, image.size, image.mode) == ((2000, 1300), (1000, 650), "RGB")  # 1300 // 640: halved
    expected_right = RED if mode != "LA" else (76, 76, 76)  # LA keeps red's luminance only
    assert image.getpixel((10, 325)) == WHITE and near(image.getpixel((990, 325)), expected_right, tolerance=1)
    assert image.getpixel((499, 325)) == WHITE and near(image.getpixel((500, 325)), expected_right, tolerance=1)


def test_a_big_16_bit_png_is_shrunk_and_keeps_its_grey() -> None:
    image, size = imaging.decode_photo_and_size(encoded(Image.new("I;16", (1400, 1300), 32768), "PNG"),
                                                smallest_side=640)
    assert (size, image.size) == ((1400, 1300), (700, 650))
    assert near(image.getpixel((350, 325)), (128, 128, 128), tolerance=2)


def test_a_big_png_is_shrunk_before_it_is_turned_upright() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    image, size = imaging.decode_photo_and_size(encoded(marked_corner((2400, 1600)), "PNG", exif=exif.tobytes()),
                                                smallest_side=640)
    assert (size, image.size) == ((1600, 2400), (800, 1200))
    assert near(image.getpixel((795, 3)), RED) and near(image.getpixel((3, 3)), BLUE)


def test_a_small_file_of_88_megapixels_decodes_in_well_under_a_gibibyte(tmp_path: Path) -> None:
    # SECURITY.md T10: peak memory under 1 GiB for any one adversarial file. A one-colour RGBA
    # PNG of 9,400x9,400 (under the pixel ceiling, a few hundred KB) took about 2 GiB
    # before decoding shrank it at once.
    photo = tmp_path / "huge.png"
    photo.write_bytes(uniform_png(9400, 9400, bytes((200, 80, 40, 180))))
    script = ("import resource, sys; from pathlib import Path; from mentordir.photos.imaging import decode_photo_and_size; "
              f"image, size = decode_photo_and_size(Path({str(photo)!r}).read_bytes(), smallest_side=640); "
              "print(image.size, size, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[1])
    *sizes, peak = result.stdout.split()
    peak_bytes = int(peak) * (1 if sys.platform == "darwin" else 1024)  # macOS gives bytes, Linux kilobytes
    assert " ".join(sizes) == "(672, 672) (9400, 9400)"
    assert peak_bytes < 2 ** 30


# --- renditions, end to end ---------------------------------------------------------------------

def site_with_photo(make_site: MakeSite, name: str, data: bytes) -> tuple[Path, str]:
    """A site whose one bio names a photo; returns its root and the bio's text."""
    bio = bio_text({"photo": name})
    root = make_site({"content/mentors/jane-doe.md": bio, f"content/mentors/{name}": data})
    return root, bio


def processed(root: Path, cache: Path) -> tuple[dict[str, PhotoSet], list[Problem]]:
    """Run the real pipeline up to and including photos; only the errors (not size warnings) are returned."""
    return processed_with_stats(root, cache)[::2]  # type: ignore[return-value]


def processed_with_stats(root: Path, cache: Path) -> tuple[dict[str, PhotoSet], PhotoStats, list[Problem]]:
    """Run the real pipeline up to and including photos, with the stage's counts."""
    config, problems = load_config(root)
    sources, found = load_sources(root)
    content, checked = validate_content(sources, config, TODAY)
    assert problems + found + checked == []
    photo_sets, stats, problems = process_photos(content.mentors, cache)
    return photo_sets, stats, [problem for problem in problems if problem.severity.value == "error"]


def all_renditions(photo_set: PhotoSet) -> list:
    """Card then profile renditions, 1x and 2x, JPEG then WebP."""
    return [*photo_set.card.jpeg, *photo_set.profile.jpeg, *photo_set.card.webp, *photo_set.profile.webp]


@pytest.mark.parametrize(("name", "data"), [
    ("jane-doe.jpg", secret_jpeg((800, 1000))),
    ("jane-doe.png", secret_png((800, 1000))),
])
def test_renditions_carry_no_metadata(make_site: MakeSite, tmp_path: Path, name: str, data: bytes) -> None:
    assert MARKER in data
    photo_sets, problems = processed(site_with_photo(make_site, name, data)[0], tmp_path / "cache")
    assert problems == []
    files = photo_sets["jane-doe"].published_files()
    assert len(files) == 8
    for path, cached in files.items():
        raw = Path(cached).read_bytes()
        image = Image.open(io.BytesIO(raw))
        assert image.format == ("WEBP" if path.endswith(".webp") else "JPEG")
        assert not {"exif", "icc_profile", "comment", "xmp", "XML:com.adobe.xmp", "Comment"} & set(image.info)
        assert dict(image.getexif()) == {}
        assert MARKER not in raw


def test_a_large_photo_gets_all_four_sizes(make_site: MakeSite, tmp_path: Path) -> None:
    photo_sets, problems = processed(site_with_photo(make_site, "jane-doe.jpg", secret_jpeg((800, 1000)))[0],
                                     tmp_path / "cache")
    assert problems == []
    photo_set = photo_sets["jane-doe"]
    assert [rendition.size for rendition in all_renditions(photo_set)] == [96, 192, 320, 640] * 2
    assert (photo_set.card.size, photo_set.profile.size) == (96, 320)
    for rendition in all_renditions(photo_set):
        assert Image.open(rendition.cached).size == (rendition.size, rendition.size)
        assert rendition.path.startswith(f"photos/jane-doe-{rendition.size}-")
        assert rendition.path.endswith((".jpg", ".webp"))
    assert photo_set.published_files() == {rendition.path: str(rendition.cached)
                                           for rendition in all_renditions(photo_set)}
    assert photo_set.cache_file(PROFILE_SIZE, "webp", 2) == str(photo_set.profile.webp[1].cached)


def test_a_small_photo_is_never_scaled_up(make_site: MakeSite, tmp_path: Path) -> None:
    data = encoded(Image.new("RGB", (150, 200), RED), "JPEG")
    photo_sets, problems = processed(site_with_photo(make_site, "jane-doe.jpg", data)[0], tmp_path / "cache")
    assert problems == []
    photo_set = photo_sets["jane-doe"]
    assert [rendition.size for rendition in all_renditions(photo_set)] == [96, 150, 150, 150] * 2
    assert sorted(Image.open(cached).size[0] for cached in photo_set.published_files().values()) == [96, 96, 150, 150]


def test_a_second_run_with_the_same_cache_decodes_nothing(make_site: MakeSite, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root = site_with_photo(make_site, "jane-doe.jpg", secret_jpeg((800, 1000)))[0]
    calls: list[int] = []
    original = imaging.decode_photo_and_size

    def counting(data: bytes, smallest_side: int | None = None):
        calls.append(len(data))
        return original(data, smallest_side)

    monkeypatch.setattr(imaging, "decode_photo_and_size", counting)
    first, first_stats, _ = processed_with_stats(root, tmp_path / "cache")
    assert (len(calls), first_stats) == (1, PhotoStats(processed=1, reused=0))
    second, second_stats, problems = processed_with_stats(root, tmp_path / "cache")
    assert (len(calls), second_stats, problems) == (1, PhotoStats(processed=0, reused=1), [])
    assert second == first


def test_a_photo_that_is_not_an_image_is_a_problem_on_the_photo_line(make_site: MakeSite, tmp_path: Path) -> None:
    root, bio = site_with_photo(make_site, "jane-doe.jpg", encoded(Image.new("RGB", (10, 10)), "GIF"))
    photo_sets, problems = processed(root, tmp_path / "cache")
    assert photo_sets == {}
    assert problems == [Problem("content/mentors/jane-doe.md", line_of(bio, "photo:"), "photo",
                                f"jane-doe.jpg: {NOT_AN_IMAGE}", PHOTO_FIX)]


def test_a_photo_over_20_mb_is_refused_before_decoding(make_site: MakeSite, tmp_path: Path) -> None:
    root, bio = site_with_photo(make_site, "jane-doe.jpg", b"\xff\xd8\xff" + b"\x00" * 24_999_997)
    photo_sets, problems = processed(root, tmp_path / "cache")
    assert photo_sets == {}
    assert problems == [Problem("content/mentors/jane-doe.md", line_of(bio, "photo:"), "photo",
                                "jane-doe.jpg: the photo is 25.0 MB, more than 20 MB", PHOTO_FIX)]


def test_a_photo_just_over_20_mb_says_by_how_much(make_site: MakeSite, tmp_path: Path) -> None:
    root = site_with_photo(make_site, "jane-doe.jpg", b"\xff\xd8\xff" + b"\x00" * 20_399_997)[0]
    _, problems = processed(root, tmp_path / "cache")
    assert [problem.message for problem in problems] == ["jane-doe.jpg: the photo is 20.4 MB, more than 20 MB"]


def test_draft_request_keeps_the_shorter_side_at_least_as_asked() -> None:
    assert draft_request(3024, 4032, 640) == (640, 854)
    assert draft_request(4032, 3024, 640) == (854, 640)


def test_a_big_jpeg_is_decoded_at_a_reduced_scale_that_still_covers_the_largest_rendition() -> None:
    data = encoded(Image.new("RGB", (3024, 4032), RED), "JPEG", quality=80)
    image, size = imaging.decode_photo_and_size(data, smallest_side=640)
    assert size == (3024, 4032)
    assert image.size == (756, 1008)


def test_the_original_size_is_reported_upright() -> None:
    image = Image.new("RGB", (600, 400), RED)
    exif = Image.Exif()
    exif[0x0112] = 6
    decoded, size = imaging.decode_photo_and_size(encoded(image, "JPEG", exif=exif.tobytes()))
    assert (decoded.size, size) == ((400, 600), (400, 600))


def test_a_broken_colour_profile_is_ignored_rather_than_fatal() -> None:
    data = encoded(Image.new("RGB", (20, 20), RED), "JPEG", quality=95, icc_profile=b"not a profile")
    assert near(decode_photo_and_size(data)[0].getpixel((10, 10)), RED, tolerance=4)


def test_an_srgb_profile_keeps_colours_as_they_are() -> None:
    from PIL import ImageCms
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encoded(Image.new("RGB", (20, 20), (200, 120, 40)), "PNG", icc_profile=profile)
    assert near(decode_photo_and_size(data)[0].getpixel((10, 10)), (200, 120, 40), tolerance=3)


def two_tone_portrait() -> Image.Image:
    image = Image.new("RGB", (100, 300), RED)
    image.paste(BLUE, (0, 200, 100, 300))
    return image


def test_photo_focus_moves_the_square_crop() -> None:
    top = Image.open(io.BytesIO(imaging.encode_renditions(two_tone_portrait(), [50], focus_y=0.0)[(50, "jpg")]))
    bottom = Image.open(io.BytesIO(imaging.encode_renditions(two_tone_portrait(), [50], focus_y=1.0)[(50, "jpg")]))
    assert near(top.getpixel((25, 25)), RED, tolerance=30)
    assert near(bottom.getpixel((25, 25)), BLUE, tolerance=30)


def test_photo_focus_in_a_bio_reaches_the_crop(make_site: MakeSite, tmp_path: Path) -> None:
    bio = bio_text({"photo": "jane-doe.png", "photo_focus": "bottom"})
    root = make_site({"content/mentors/jane-doe.md": bio,
                      "content/mentors/jane-doe.png": encoded(two_tone_portrait(), "PNG")})
    photo_sets, _ = processed(root, tmp_path / "cache")
    card = Image.open(photo_sets["jane-doe"].card.jpeg[0].cached)
    assert near(card.getpixel((48, 48)), BLUE, tolerance=30)


def test_an_unknown_photo_focus_is_reported(make_site: MakeSite) -> None:
    from conftest import options_for
    from mentordir.build import generate_site
    from mentordir.model.problems import ContentError
    bio = bio_text({"photo": "jane-doe.png", "photo_focus": "middle"})
    root = make_site({"content/mentors/jane-doe.md": bio,
                      "content/mentors/jane-doe.png": encoded(two_tone_portrait(), "PNG")})
    with pytest.raises(ContentError) as error:
        generate_site(options_for(root))
    assert [problem.as_text() for problem in error.value.problems] == [
        'content/mentors/jane-doe.md:17: photo_focus: "middle" is not a place in the photo we know - '
        "use one of: top, upper, centre, center, lower, bottom"]


def test_a_photo_smaller_than_the_largest_rendition_is_a_warning(make_site: MakeSite, tmp_path: Path) -> None:
    root, bio = site_with_photo(make_site, "jane-doe.jpg", encoded(Image.new("RGB", (480, 600), RED), "JPEG"))
    config, _ = load_config(root)
    sources, _ = load_sources(root)
    content, _ = validate_content(sources, config, TODAY)
    _, _, problems = process_photos(content.mentors, tmp_path / "cache")
    assert [problem.as_text() for problem in problems] == [
        f"content/mentors/jane-doe.md:{line_of(bio, 'photo:')}: warning: photo: the photo is 480x600 pixels, so it "
        "will look soft on the profile, which shows it at up to 640x640 - "
        "upload a photo at least 640 pixels on its shorter side"]


def test_renditions_of_a_removed_photo_are_pruned_from_the_cache(make_site: MakeSite, tmp_path: Path) -> None:
    root = site_with_photo(make_site, "jane-doe.jpg", secret_jpeg((800, 1000)))[0]
    cache = tmp_path / "cache"
    processed(root, cache)
    assert len(list((cache / "photos").glob("*.webp"))) == 4
    (root / "content" / "mentors" / "jane-doe.md").write_text(bio_text())
    (root / "content" / "mentors" / "jane-doe.jpg").unlink()
    processed(root, cache)
    assert sorted(path.name for path in (cache / "photos").iterdir()) == ["sources.json"]


def test_several_photos_are_processed_in_parallel_with_progress(make_site: MakeSite, tmp_path: Path) -> None:
    files: dict[str, str | bytes | None] = {}
    for index in range(4):
        files[f"content/mentors/m{index}.md"] = bio_text({"name": f"Dr M {index}", "photo": f"m{index}.jpg"})
        files[f"content/mentors/m{index}.jpg"] = encoded(Image.new("RGB", (700, 900), (index * 60, 0, 0)), "JPEG")
    root = make_site(files)
    config, _ = load_config(root)
    sources, _ = load_sources(root)
    content, _ = validate_content(sources, config, TODAY)
    seen: list[tuple[int, int]] = []
    photo_sets, stats, problems = process_photos(content.mentors, tmp_path / "cache",
                                                 lambda done, total: seen.append((done, total)))
    assert (stats, problems, sorted(photo_sets)) == (PhotoStats(processed=4, reused=0), [], ["m0", "m1", "m2", "m3"])
    assert seen == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]
    assert near(Image.open(photo_sets["m3"].card.jpeg[0].cached).getpixel((5, 5)), (180, 0, 0), tolerance=6)


def test_a_warm_build_decodes_no_image(make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import options_for
    from mentordir.build import build
    root = site_with_photo(make_site, "jane-doe.jpg", secret_jpeg((800, 1000)))[0]
    build(options_for(root), tmp_path / "out")

    def refuse(*arguments: object) -> None:
        raise AssertionError("a warm build decoded an image")

    monkeypatch.setattr(imaging, "decode_photo_and_size", refuse)
    site = build(options_for(root), tmp_path / "out")
    assert site.photos == PhotoStats(processed=0, reused=1)


def test_a_one_pixel_photo_still_gives_renditions(make_site: MakeSite, tmp_path: Path) -> None:
    data = encoded(Image.new("RGB", (1, 1), RED), "PNG")
    photo_sets, problems = processed(site_with_photo(make_site, "jane-doe.png", data)[0], tmp_path / "cache")
    assert problems == []
    assert {Image.open(cached).size for cached in photo_sets["jane-doe"].published_files().values()} == {(1, 1)}
