"""Tests for generator/serve/preview.py: the dev server's preview folder, updated file by file."""

from __future__ import annotations

import pytest

from mentordir.output.write import OutputError
from mentordir.serve.preview import Published, update_site


def test_the_first_update_writes_everything_and_says_so(tmp_path):
    published = Published()
    changed = update_site(tmp_path, {"index.html": b"home", "mentors/a/index.html": b"a"}, {}, published)
    assert changed == ["index.html", "mentors/a/index.html"]
    assert (tmp_path / "mentors" / "a" / "index.html").read_bytes() == b"a"


def test_only_what_changed_is_written_and_what_is_gone_is_deleted(tmp_path):
    published = Published()
    update_site(tmp_path, {"index.html": b"home", "old.html": b"old", "same.html": b"same"}, {}, published)
    before = (tmp_path / "same.html").stat().st_mtime_ns
    changed = update_site(tmp_path, {"index.html": b"new home", "same.html": b"same"}, {}, published)
    assert changed == ["index.html", "old.html"]
    assert not (tmp_path / "old.html").exists() and (tmp_path / "same.html").stat().st_mtime_ns == before


def test_pages_a_build_left_unchanged_are_neither_written_nor_deleted(tmp_path):
    published = Published()
    update_site(tmp_path, {"index.html": b"home", "mentors/a/index.html": b"a"}, {}, published)
    changed = update_site(tmp_path, {"index.html": b"new home"}, {}, published,
                          unchanged={"mentors/a/index.html": "bsomething"})
    assert changed == ["index.html"] and (tmp_path / "mentors" / "a" / "index.html").read_bytes() == b"a"
    # Still known as published: a later build that drops the page deletes it.
    assert update_site(tmp_path, {"index.html": b"new home"}, {}, published) == ["mentors/a/index.html"]


def test_a_linked_photo_is_copied_once_by_its_cache_name(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "k-96.webp").write_bytes(b"photo")
    out, published = tmp_path / "out", Published()
    out.mkdir()
    assert update_site(out, {}, {}, published, linked={"photos/a.webp": str(cache / "k-96.webp")}) == ["photos/a.webp"]
    assert update_site(out, {}, {}, published, linked={"photos/a.webp": str(cache / "k-96.webp")}) == []


def test_a_path_that_leaves_the_preview_folder_is_refused(tmp_path):
    with pytest.raises(OutputError):
        update_site(tmp_path / "out", {"../outside.html": b"x"}, {}, Published())
    assert not (tmp_path / "outside.html").exists()
