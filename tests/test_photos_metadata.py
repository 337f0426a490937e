"""Published photos carry pixels only: checked with a real metadata reader, exiftool.

The uploads are made in memory and loaded with everything a phone or an editor leaves in a file:
EXIF with GPS coordinates, the photographer and the camera's serial number, an XMP packet, a
JPEG comment (COM), PNG text chunks, an ICC profile, and bytes appended after the image. exiftool
must see all of that in the uploads (so the check can fail) and none of it in what the build
publishes; a byte search for the planted markers must find nothing anywhere in the site.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageDraw, PngImagePlugin

from conftest import bio_text, options_for
from mentordir.build import build

EXIFTOOL = shutil.which("exiftool")
pytestmark = pytest.mark.skipif(EXIFTOOL is None, reason="needs exiftool (Debian: apt-get install -y "
                                                         "libimage-exiftool-perl)")

MARKERS = {
    "artist": "planted-artist-Jane-Doe-7f3a",
    "serial": "PLANTEDSERIAL4471",
    "xmp": "planted-xmp-creator-91c2",
    "comment": "planted-jpeg-comment-55d0",
    "text": "planted-png-text-3b1e",
    "trailer": "planted-appended-bytes-e8a4",
}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"}
# exiftool -G1 groups and tag names that mean metadata survived.
PRIVATE_GROUPS = ("IFD0", "IFD1", "ExifIFD", "GPS", "XMP", "ICC", "IPTC", "Photoshop", "MakerNotes", "PNG-tEXt",
                  "PNG-iTXt", "PNG-zTXt")
PRIVATE_TAGS = ("GPS", "Artist", "SerialNumber", "XMP", "Comment", "Creator", "ProfileDescription")
XMP_PACKET = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
              f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq>'
              f'<rdf:li>{MARKERS["xmp"]}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>')


def phone_exif() -> Image.Exif:
    """EXIF as a phone writes it: who took it, with which camera, and where to a few metres."""
    exif = Image.Exif()
    exif[0x013B] = MARKERS["artist"]  # Artist
    exif[0x010F] = "ExamplePhone"  # Make
    exif.get_ifd(0x8769)[0xA431] = MARKERS["serial"]  # Exif IFD: BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (51.0, 30.0, 26.46)  # GPSLatitudeRef, GPSLatitude
    gps[3], gps[4] = "W", (0.0, 7.0, 39.12)  # GPSLongitudeRef, GPSLongitude
    return exif


def portrait() -> Image.Image:
    """A 900x1200 portrait with some structure, so that re-encoding has real work to do."""
    image = Image.new("RGB", (900, 1200), (180, 200, 220))
    ImageDraw.Draw(image).ellipse((250, 250, 650, 750), fill=(200, 150, 120))
    return image


def srgb_profile() -> bytes:
    """An ICC profile, as editors embed."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def uploads() -> dict[str, bytes]:
    """The same portrait as a JPEG, a PNG and a WebP, each loaded with metadata."""
    jpeg, png, webp = io.BytesIO(), io.BytesIO(), io.BytesIO()
    exif = phone_exif()
    portrait().save(jpeg, "JPEG", exif=exif, xmp=XMP_PACKET.encode(), comment=MARKERS["comment"],
                    icc_profile=srgb_profile())
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", MARKERS["text"])
    text.add_itxt("XML:com.adobe.xmp", XMP_PACKET)
    portrait().save(png, "PNG", exif=exif, pnginfo=text, icc_profile=srgb_profile())
    portrait().save(webp, "WEBP", exif=exif, xmp=XMP_PACKET.encode(), icc_profile=srgb_profile())
    return {"jane-doe.jpg": jpeg.getvalue() + MARKERS["trailer"].encode(), "john-smith.png": png.getvalue(),
            "ann-lee.webp": webp.getvalue()}


def exiftool(paths: list[Path]) -> list[dict[str, object]]:
    """exiftool's reading of each file: every tag, duplicates and unknown ones included, with its group."""
    result = subprocess.run([EXIFTOOL, "-j", "-G1", "-a", "-u", *map(str, paths)], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode in (0, 1), result.stderr  # 1: some file had a minor warning
    return json.loads(result.stdout)


def private_tags(reading: dict[str, object]) -> list[str]:
    """The tags in one exiftool reading that say something about the person, place or device."""
    found = []
    for key in reading:
        group, _, tag = key.rpartition(":")
        if group.startswith(PRIVATE_GROUPS) or any(name in tag for name in PRIVATE_TAGS):
            found.append(key)
    return found


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, Path]:
    """(the content folder with the uploads, the built site) for three mentors with loaded photos."""
    root = tmp_path_factory.mktemp("metadata") / "site"
    mentors = root / "content" / "mentors"
    mentors.mkdir(parents=True)
    (root / "content" / "site.yaml").write_text("title: Test directory\n")
    for name, data in uploads().items():
        (mentors / name).write_bytes(data)
        slug = name.rsplit(".", 1)[0]
        (mentors / f"{slug}.md").write_text(bio_text({"photo": name, "schemes": None}))
    out = root.parent / "out"
    build(options_for(root), out)
    return mentors, out


def test_exiftool_sees_every_planted_tag_in_the_uploads(published):
    mentors, _ = published
    readings = {Path(str(reading["SourceFile"])).name: reading
                for reading in exiftool(sorted(mentors.glob("*.[jpw]*[gp]")))}
    assert readings.keys() == {"jane-doe.jpg", "john-smith.png", "ann-lee.webp"}
    for name, reading in readings.items():
        keys = " ".join(private_tags(reading))
        for expected in ("GPSLatitude", "Artist", "SerialNumber", "XMP", "ICC"):
            assert expected in keys, (name, expected, keys)
    assert "File:Comment" in readings["jane-doe.jpg"]


def test_no_published_image_has_gps_artist_serial_xmp_comment_or_icc_tags(published):
    _, out = published
    images = sorted(path for path in out.rglob("*") if path.suffix.lower() in IMAGE_SUFFIXES)
    assert len(images) >= 6  # several renditions of each of the three photos
    leaks = {str(reading["SourceFile"]): private_tags(reading) for reading in exiftool(images)}
    assert {file: tags for file, tags in leaks.items() if tags} == {}


def test_no_planted_marker_is_anywhere_in_the_published_site(published):
    _, out = published
    found = [f"{path.relative_to(out)}: {name}" for path in sorted(out.rglob("*")) if path.is_file()
             for name, marker in MARKERS.items() if marker.encode() in path.read_bytes()]
    assert found == []
