"""The dev server's file watcher: each kind of save is one burst of changes; its own writes are none."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mentordir.serve.watch import Watcher, is_ignored

# Long enough for a loaded machine to deliver the events; a burst ends the wait as soon as it comes.
WAIT = 5.0


@pytest.fixture
def site(tmp_path: Path):
    """A site root with a bio, an output folder and a cache, watched as the dev server watches it."""
    root = tmp_path / "site"
    (root / "content" / "mentors").mkdir(parents=True)
    (root / "content" / "mentors" / "jane-doe.md").write_text("---\nname: Dr Jane Doe\n---\n")
    out = root / "content" / "_preview"  # inside a watched folder, to show it is left out all the same
    out.mkdir()
    cache = root / "content" / ".cache" / "mentordir"
    cache.mkdir(parents=True)
    watcher = Watcher([root / "content"], ignore=[out, cache])
    yield root.resolve(), out.resolve(), cache.resolve(), watcher
    watcher.close()


def bursts(watcher: Watcher) -> list[frozenset[Path]]:
    """Every burst until the folders have been quiet for a while."""
    found = []
    while burst := watcher.changes(0.5 if found else WAIT):
        found.append(burst)
    return found


def test_an_edit_is_one_change(site):
    root, _, _, watcher = site
    bio = root / "content" / "mentors" / "jane-doe.md"
    bio.write_text("---\nname: Dr Jane Edited\n---\n")
    assert bursts(watcher) == [{bio}]


def test_a_new_file_is_one_change(site):
    root, _, _, watcher = site
    photo = root / "content" / "mentors" / "jane-doe.jpg"
    photo.write_bytes(b"\xff\xd8" + bytes(50_000))
    assert bursts(watcher) == [{photo}]


def test_a_deletion_is_one_change(site):
    root, _, _, watcher = site
    bio = root / "content" / "mentors" / "jane-doe.md"
    bio.unlink()
    assert bursts(watcher) == [{bio}]


def test_an_editors_save_by_rename_is_one_change_to_the_file_saved(site):
    root, _, _, watcher = site
    bio = root / "content" / "mentors" / "jane-doe.md"
    # As vim and many IDEs save: write a temporary copy beside the file, keep a backup, rename over.
    temporary = bio.with_name(".jane-doe.md.swp")
    temporary.write_text("---\nname: Dr Jane Renamed\n---\n")
    os.link(bio, bio.with_name("jane-doe.md~"))
    os.replace(temporary, bio)
    bio.with_name("jane-doe.md~").unlink()
    assert bursts(watcher) == [{bio}]


def test_a_new_folder_wakes_the_watcher_and_is_watched_from_then_on(site):
    root, _, _, watcher = site
    page = root / "content" / "schemes" / "returners" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: Returners\n---\n")
    # The file may be written before the new folder is watched: the folder's creation is what
    # wakes the server then, and its rebuild reads the file from disk.
    assert bursts(watcher)
    page.write_text("---\ntitle: Returners, edited\n---\n")
    assert bursts(watcher) == [{page}]


def test_writes_under_the_output_and_the_cache_are_no_change(site):
    root, out, cache, watcher = site
    (out / "mentors" / "jane-doe").mkdir(parents=True)
    (out / "mentors" / "jane-doe" / "index.html").write_text("<h1>Dr Jane Doe</h1>")
    (out / "index.html").write_text("<h1>Mentors</h1>")
    (cache / "build-state.json").write_text("{}")
    (cache / "photos").mkdir()
    (cache / "photos" / "abc.webp").write_bytes(b"RIFF")
    assert watcher.changes(1.0) == frozenset()


def test_nothing_changed_is_no_change_after_the_wait(site):
    _, _, _, watcher = site
    assert watcher.changes(0.2) == frozenset()


@pytest.mark.parametrize("name, ignored", [
    ("content/mentors/jane-doe.md", False),
    ("content/mentors/jane-doe.jpg", False),
    ("content/mentors/.jane-doe.md.swp", True),
    ("content/mentors/jane-doe.md~", True),
    ("content/mentors/.jane-doe.md.123.tmp", True),
    ("content/.git/index", True),
    ("content/__pycache__/x.pyc", True),
    ("content/_preview/index.html", True),
    ("other/jane-doe.md", True),
])
def test_what_counts_as_a_change(name, ignored):
    root = Path("/site")
    assert is_ignored(root / name, [root / "content"], [root / "content" / "_preview"]) is ignored
