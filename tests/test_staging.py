"""Tests for generator/output/staging.py: a staging folder made from the spare holds exactly the new site."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mentordir.model.fingerprint import bytes_identity
from mentordir.output.shelf import holds
from mentordir.output.staging import fill, seed_spare, site_path, take_spare


def contents(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_a_fresh_staging_folder_gets_every_file_and_a_record_of_each(tmp_path):
    staging = tmp_path / "staging"
    staging.mkdir()
    holding = fill(staging, {"index.html": b"home", "mentors/a/index.html": b"a"}, {}, {}, {})
    assert contents(staging) == {"index.html": b"home", "mentors/a/index.html": b"a"}
    assert holds(staging, holding)
    assert holding["index.html"][2] == bytes_identity(b"home")


def test_only_files_whose_bytes_differ_are_written_again(tmp_path):
    staging = tmp_path / "staging"
    staging.mkdir()
    held = fill(staging, {"same.html": b"same", "changed.html": b"old"}, {}, {}, {})
    same_inode = (staging / "same.html").stat().st_ino
    holding = fill(staging, {"same.html": b"same", "changed.html": b"new"}, {}, {}, held)
    assert contents(staging) == {"same.html": b"same", "changed.html": b"new"}
    assert (staging / "same.html").stat().st_ino == same_inode
    assert holding["same.html"] == held["same.html"] and holding["changed.html"] != held["changed.html"]
    assert holds(staging, holding)


def test_files_no_longer_wanted_go_with_the_folders_they_leave_empty(tmp_path):
    staging = tmp_path / "staging"
    staging.mkdir()
    held = fill(staging, {"index.html": b"i", "mentors/gone/index.html": b"g", "mentors/kept/index.html": b"k"}, {},
                {}, {})
    fill(staging, {"index.html": b"i", "mentors/kept/index.html": b"k"}, {}, {}, held)
    assert not (staging / "mentors" / "gone").exists()
    assert contents(staging) == {"index.html": b"i", "mentors/kept/index.html": b"k"}


def test_a_file_that_becomes_a_folder_and_a_folder_that_becomes_a_file_are_both_written(tmp_path):
    staging = tmp_path / "staging"
    staging.mkdir()
    held = fill(staging, {"page": b"a file", "folder/index.html": b"in a folder"}, {}, {}, {})
    fill(staging, {"page/index.html": b"now a folder", "folder": b"now a file"}, {}, {}, held)
    assert contents(staging) == {"page/index.html": b"now a folder", "folder": b"now a file"}


def test_a_changed_linked_photo_is_replaced_never_written_into(tmp_path):
    old, new = tmp_path / "old.webp", tmp_path / "new.webp"
    old.write_bytes(b"old photo"), new.write_bytes(b"new photo")
    staging = tmp_path / "staging"
    staging.mkdir()
    held = fill(staging, {}, {}, {"photos/a.webp": str(old)}, {})
    assert (staging / "photos" / "a.webp").stat().st_ino == old.stat().st_ino
    fill(staging, {}, {}, {"photos/a.webp": str(new)}, held)
    assert (staging / "photos" / "a.webp").read_bytes() == b"new photo"
    assert old.read_bytes() == b"old photo"  # the cache file the old link shared is untouched


def test_a_copied_file_is_copied_again_when_its_source_changes(tmp_path):
    source = tmp_path / "style.css"
    source.write_bytes(b"a {}")
    staging = tmp_path / "staging"
    staging.mkdir()
    held = fill(staging, {}, {"assets/style.css": source}, {}, {})
    source.write_bytes(b"b {}")
    os.utime(source, ns=(1, 1))
    fill(staging, {}, {"assets/style.css": source}, {}, held)
    assert (staging / "assets" / "style.css").read_bytes() == b"b {}"


def test_the_spare_is_taken_only_when_it_holds_exactly_what_the_record_says(tmp_path):
    spare, staging = tmp_path / "spare", tmp_path / "staging"
    spare.mkdir()
    held = fill(spare, {"index.html": b"home"}, {}, {}, {})
    assert take_spare(spare, staging, held, ours=True) == held
    assert contents(staging) == {"index.html": b"home"} and not spare.exists()


@pytest.mark.parametrize("meddle", ["edit", "add", "remove", "not ours", "no record"])
def test_a_spare_that_differs_from_its_record_is_deleted_and_staging_starts_empty(tmp_path, meddle):
    spare, staging = tmp_path / "spare", tmp_path / "staging"
    spare.mkdir()
    held = fill(spare, {"index.html": b"home", "about.html": b"about"}, {}, {}, {})
    if meddle == "edit":
        (spare / "index.html").write_bytes(b"hand-edited")
    elif meddle == "add":
        (spare / "extra.html").write_bytes(b"")
    elif meddle == "remove":
        (spare / "about.html").unlink()
    if meddle == "no record":
        held = {}
    assert take_spare(spare, staging, held, ours=meddle != "not ours") == {}
    assert not spare.exists() and staging.is_dir() and not any(staging.iterdir())


def test_a_spare_that_is_a_link_is_never_taken_or_followed(tmp_path):
    real, spare, staging = tmp_path / "real", tmp_path / "spare", tmp_path / "staging"
    real.mkdir()
    held = fill(real, {"index.html": b"home"}, {}, {}, {})
    spare.symlink_to(real)
    assert take_spare(spare, staging, held, ours=True) == {}
    assert (real / "index.html").read_bytes() == b"home" and not spare.exists()


@pytest.mark.parametrize("path, expected", [("index.html", "index.html"), ("a/../b.html", "b.html"),
                                            ("./c.html", "c.html"), (".nojekyll", ".nojekyll"),
                                            ("a//b.html", "a/b.html")])
def test_site_paths_are_worked_out_inside_the_folder(path, expected):
    assert site_path(path) == expected


@pytest.mark.parametrize("path", ["../x", "/etc/passwd", "a/../../x", "..", "", "a/"])
def test_site_paths_that_leave_the_folder_are_refused(path):
    with pytest.raises(ValueError):
        site_path(path)


def test_a_seeded_spare_shares_every_file_with_the_site_or_is_not_made_at_all(tmp_path):
    site, spare = tmp_path / "site", tmp_path / "cache" / "spare"
    site.mkdir()
    holding = fill(site, {"index.html": b"home", "mentors/a/index.html": b"a"}, {}, {}, {})
    assert seed_spare(site, spare, holding) == holding and holds(spare, holding)
    assert (spare / "mentors" / "a" / "index.html").stat().st_ino == (site / "mentors" / "a" / "index.html").stat().st_ino
    (site / "index.html").unlink()  # a file the record names is gone: no half-made spare is left
    assert seed_spare(site, spare, holding) == {} and not spare.exists()
