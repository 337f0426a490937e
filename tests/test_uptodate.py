"""When `mentordir build` may skip the work: a wrong skip publishes a stale site, so every input must count."""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

import mentordir
from conftest import THEME, bio_text, options_for
from mentordir.build import build
from mentordir.model.problems import ContentError
from mentordir.output import uptodate

BIO = "content/mentors/jane-doe.md"


def jpeg(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 400), colour).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def built(make_site, tmp_path, monkeypatch):
    """A site with a photo and its own copy of the theme, built once into `out`; the generator's code is a copy too."""
    root = make_site({BIO: bio_text({"photo": "jane-doe.jpg"}), "content/mentors/jane-doe.jpg": jpeg((200, 30, 30))})
    theme = tmp_path / "theme"
    theme.mkdir()
    for path in THEME.rglob("*"):
        if path.is_file():
            (theme / path.relative_to(THEME)).parent.mkdir(parents=True, exist_ok=True)
            (theme / path.relative_to(THEME)).write_bytes(path.read_bytes())
    # Stands in for the installed generator, so that a test can change "our code".
    code = tmp_path / "generator"
    (code / "site").mkdir(parents=True)
    (code / "site" / "render.py").write_text("VERSION = 1\n")
    monkeypatch.setattr(uptodate, "GENERATOR", code)
    options = replace(options_for(root), theme=theme)
    out = tmp_path / "out"
    assert not build(options, out).up_to_date
    return options, out, code


def skipped(options, out: Path) -> bool:
    """Whether a build with `options` into `out` skipped the work."""
    return build(options, out).up_to_date


def test_nothing_changed_is_skipped_and_says_what_the_last_build_said(built):
    options, out, _ = built
    site = build(options, out)
    assert site.up_to_date and site.mentors == 1 and site.photos.reused == 1


def test_a_second_skip_is_still_a_skip(built):
    options, out, _ = built
    assert skipped(options, out) and skipped(options, out)


@pytest.mark.parametrize("change", [
    pytest.param(lambda root, theme: (root / BIO).write_text(bio_text({"photo": "jane-doe.jpg", "mentees": "2"})
                                                             + "More.\n"), id="a changed bio"),
    pytest.param(lambda root, theme: (root / "content/mentors/ann-lee.md").write_text(bio_text({"name": "Dr Ann Lee"})),
                 id="a new bio"),
    pytest.param(lambda root, theme: (root / "content/mentors/jane-doe.jpg").write_bytes(jpeg((30, 30, 200)) + b"\0"),
                 id="a changed photo"),
    pytest.param(lambda root, theme: (root / "content/site.yaml").write_text("title: Renamed directory\n"),
                 id="a changed setting"),
    pytest.param(lambda root, theme: (theme / "templates/profile.html").write_text(
        (theme / "templates/profile.html").read_text() + "\n"), id="a changed template"),
    pytest.param(lambda root, theme: (theme / "static/style.css").write_text("body { color: black; }\n"),
                 id="a changed stylesheet"),
])
def test_a_changed_input_rebuilds(built, change):
    options, out, _ = built
    change(options.root, options.theme)
    assert not skipped(options, out)
    assert skipped(options, out)  # and the build after that one has nothing to do


@pytest.mark.parametrize("option", [
    pytest.param({"today": dt.date(2026, 11, 23)}, id="another date"),
    pytest.param({"base_url": "https://example.org/elsewhere/"}, id="another base URL"),
    pytest.param({"hash_assets": False}, id="plain asset names"),
])
def test_a_changed_option_rebuilds(built, option):
    options, out, _ = built
    assert not skipped(replace(options, **option), out)


def test_a_change_to_the_generators_code_rebuilds(built):
    options, out, code = built
    (code / "site" / "render.py").write_text("VERSION = 22\n")
    assert not skipped(options, out)


def test_the_generators_code_is_the_whole_package_not_one_wing():
    assert uptodate.GENERATOR == Path(mentordir.__file__).resolve().parent


def test_another_output_folder_rebuilds(built, tmp_path):
    options, _, _ = built
    assert not skipped(options, tmp_path / "elsewhere")


def test_a_touched_output_file_rebuilds_and_is_put_right(built):
    options, out, _ = built
    page = out / "mentors" / "jane-doe" / "index.html"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"Dr Jane Doe", b"Dr Jane Typo"))
    assert not skipped(options, out)
    assert page.read_bytes() == good


def test_a_file_touched_without_a_change_still_rebuilds(built):
    options, out, _ = built
    page = out / "index.html"
    status = page.stat()
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
    assert not skipped(options, out)


def test_a_deleted_output_file_rebuilds_and_is_put_back(built):
    options, out, _ = built
    (out / "mentors" / "jane-doe" / "index.html").unlink()
    assert not skipped(options, out)
    assert (out / "mentors" / "jane-doe" / "index.html").is_file()


def test_a_failed_build_leaves_nothing_to_skip_with(built):
    options, out, _ = built
    (options.root / BIO).write_text(bio_text({"photo": "jane-doe.jpg", "grade": "ST99"}))
    with pytest.raises(ContentError):
        build(options, out)
    (options.root / BIO).write_text(bio_text({"photo": "jane-doe.jpg"}))  # back as it was when last built
    assert not skipped(options, out)


def test_a_damaged_state_file_means_a_rebuild(built):
    options, out, _ = built
    (options.cache / uptodate.STATE_FILE).write_text("{not json")
    assert not skipped(options, out)
