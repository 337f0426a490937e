"""Tests for generator/output/shelf.py: the record of what the output and its spare hold."""

from __future__ import annotations

import os
import pickle

import pytest

from mentordir.output.shelf import SHELF_FILE, Shelf, forget_shelf, holds, load_shelf, save_shelf, walk


def test_a_saved_shelf_is_loaded_as_it_was(tmp_path):
    shelf = Shelf(out=str(tmp_path / "out"), published={"index.html": (4, 17, "babc")},
                  spare={"index.html": (3, 12, "bdef"), "photos/a.webp": (9, 5, "la.webp")})
    save_shelf(tmp_path / "cache", shelf)
    assert load_shelf(tmp_path / "cache", tmp_path / "out") == shelf


def test_a_shelf_of_another_output_folder_is_not_used(tmp_path):
    save_shelf(tmp_path, Shelf(out=str(tmp_path / "out"), published={"index.html": (4, 17, "babc")}))
    assert load_shelf(tmp_path, tmp_path / "elsewhere") == Shelf(out=str(tmp_path / "elsewhere"))


@pytest.mark.parametrize("data", [b"not a pickle", {"out": 1}, ("OUT", {"a": (1, 2, 3)}, {}), ("OUT", {"a": (1, 2)}, {}),
                                  ("OUT", [], {}), ("OUT", {}, {"a": [1, 2, "b"]}), ("elsewhere", {"a": (1, 2, "b")}, {})])
def test_a_damaged_missing_or_malformed_shelf_is_an_empty_one(tmp_path, data):
    out = tmp_path / "out"
    if not isinstance(data, bytes):
        data = pickle.dumps(tuple(str(out) if part == "OUT" else part for part in data)
                            if isinstance(data, tuple) else data)
    (tmp_path / SHELF_FILE).write_bytes(data)
    assert load_shelf(tmp_path, out) == Shelf(out=str(out))
    forget_shelf(tmp_path)
    assert load_shelf(tmp_path, out) == Shelf(out=str(out))


def test_a_planted_shelf_cannot_run_anything(tmp_path):
    out = tmp_path / "out"
    (tmp_path / SHELF_FILE).write_bytes(pickle.dumps((str(out), {"a": (1, 2, os.system)}, {})))
    assert load_shelf(tmp_path, out) == Shelf(out=str(out))


def test_a_walk_lists_every_file_with_its_size_and_time_and_no_folders(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "page.html").write_bytes(b"12345")
    (tmp_path / "top.html").write_bytes(b"")
    os.utime(tmp_path / "top.html", ns=(7, 7))
    (tmp_path / "skipped").mkdir()
    (tmp_path / "skipped" / "x").write_bytes(b"x")
    found = walk(tmp_path, skip="skipped")
    assert found.keys() == {"a/b/page.html", "top.html"}
    assert found["a/b/page.html"][0] == 5 and found["top.html"] == (0, 7)


def test_a_link_is_listed_as_a_file_not_followed(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "inside.html").write_bytes(b"x")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "link").symlink_to(tmp_path / "real")
    assert list(walk(tmp_path / "site")) == ["link"]


def recorded_folder(tmp_path):
    """A folder with a page and a photo linked from a cache file, and the holding that records it."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / "photos").mkdir(parents=True)
    cache.mkdir()
    (site / "index.html").write_bytes(b"home")
    (cache / "k-96.webp").write_bytes(b"photo")
    os.link(cache / "k-96.webp", site / "photos" / "a.webp")
    page, photo = os.lstat(site / "index.html"), os.lstat(site / "photos" / "a.webp")
    holding = {"index.html": (page.st_size, page.st_mtime_ns, "bhome"),
               "photos/a.webp": (photo.st_size, photo.st_ino, "lk-96.webp")}
    return site, cache, holding


def test_a_folder_holds_what_was_recorded_of_it(tmp_path):
    site, _, holding = recorded_folder(tmp_path)
    assert holds(site, holding)


@pytest.mark.parametrize("change", ["page edited", "file added", "file removed", "photo replaced", "photo a folder"])
def test_a_folder_changed_since_it_was_recorded_does_not_hold_it(tmp_path, change):
    site, _, holding = recorded_folder(tmp_path)
    photo = site / "photos" / "a.webp"
    if change == "page edited":
        (site / "index.html").write_bytes(b"hand")
        os.utime(site / "index.html", ns=(1, 1))
    elif change == "file added":
        (site / "photos" / "extra.webp").write_bytes(b"x")
    elif change == "file removed":
        (site / "index.html").unlink()
    elif change == "photo replaced":  # same name, same size, another file
        photo.unlink()
        photo.write_bytes(b"other")
    else:
        photo.unlink()
        photo.mkdir()
    assert not holds(site, holding)


def test_a_linked_photo_is_known_by_its_inode_not_its_time(tmp_path):
    site, cache, holding = recorded_folder(tmp_path)
    os.utime(cache / "k-96.webp", ns=(1, 1))  # the cache file the photo shares
    assert holds(site, holding)


def test_a_missing_folder_holds_nothing(tmp_path):
    assert not holds(tmp_path / "missing", {"index.html": (1, 2, "bx")})
