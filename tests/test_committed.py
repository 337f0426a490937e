"""Tests for generator/content/committed.py: nothing of mentordir's cache is ever committed."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from conftest import THEME, bio_text
from mentordir.cli import main
from mentordir.content.committed import committed_cache_problems

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="these tests need git")

GIT = {**os.environ, "GIT_AUTHOR_NAME": "Team", "GIT_AUTHOR_EMAIL": "team@example.org",
       "GIT_COMMITTER_NAME": "Team", "GIT_COMMITTER_EMAIL": "team@example.org"}


def repository(make_site, files: dict[str, bytes]):
    """A site in a git repository whose one commit holds a bio and `files`, forced past any .gitignore."""
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    subprocess.run(["git", "add", "-A", "-f"], cwd=root, check=True, env=GIT)
    subprocess.run(["git", "commit", "-q", "-m", "bios"], cwd=root, check=True, env=GIT)
    return root


def test_a_picture_committed_into_the_photo_cache_fails_the_check_and_stops_the_build(make_site, tmp_path, capsys):
    root = repository(make_site, {".cache/mentordir/photos/0123456789abcdef-96.jpg": b"not reviewed"})
    assert main(["check", "--root", str(root), "--theme", str(THEME)]) == 1
    error = capsys.readouterr().err
    assert ".cache/mentordir/photos/0123456789abcdef-96.jpg: is committed to the repository inside mentordir's " \
        "cache; the cache is made by each build" in error and "git rm -r --cached .cache" in error
    assert main(["build", "--root", str(root), "--theme", str(THEME), "--out", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()


def test_a_cache_made_by_builds_and_not_committed_is_no_problem(make_site):
    root = repository(make_site, {})
    (root / ".cache" / "mentordir").mkdir(parents=True)
    (root / ".cache" / "mentordir" / "build-memory.pickle").write_bytes(b"made here")
    assert committed_cache_problems(root) == []


def test_outside_a_repository_nothing_is_asked(make_site):
    root = make_site({"content/mentors/jane-doe.md": bio_text(), ".cache/mentordir/x": "made here"})
    assert committed_cache_problems(root) == []
