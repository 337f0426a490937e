"""Tests for generator/site/signing_key.py: the key that signs compiled templates, outside the site, owner-only."""

from __future__ import annotations

import logging
import os
import stat
import threading
from pathlib import Path

import pytest

import mentordir.build as build_module
from conftest import TODAY, MakeSite, bio_text
from mentordir.build import BuildOptions, generate_site
from mentordir.model.signing_key import KEY_BYTES, KEY_FILE, signing_key, user_cache_folder

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes and owners are POSIX")


def test_a_build_makes_the_key_in_the_users_cache_folder_readable_by_its_owner_only(
        make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    build_module._environment.cache_clear()
    generate_site(BuildOptions(root=root, theme=root / "theme", cache=root / ".cache" / "mentordir", today=TODAY))
    key = tmp_path / "user-cache" / "mentordir" / KEY_FILE
    assert key.stat().st_size == KEY_BYTES
    assert not key.resolve().is_relative_to(root.resolve())
    assert not [path for path in root.rglob("*") if KEY_FILE in path.name]
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_the_key_is_made_once_and_read_back_after(tmp_path: Path) -> None:
    first = signing_key(tmp_path / "site", tmp_path / "keys")
    assert first is not None and len(first) == KEY_BYTES
    assert signing_key(tmp_path / "site", tmp_path / "keys") == first
    assert [path.name for path in (tmp_path / "keys").iterdir()] == [KEY_FILE]  # no temporary file left


def test_builds_making_the_key_at_once_agree_on_one(tmp_path: Path) -> None:
    keys: list[bytes | None] = []
    threads = [threading.Thread(target=lambda: keys.append(signing_key(tmp_path / "site", tmp_path / "keys")))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 8 and len(set(keys)) == 1 and keys[0] is not None


def test_a_key_folder_inside_the_site_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    assert signing_key(root, root / ".cache" / "mentordir") is None
    assert list(root.iterdir()) == []


@posix_only
def test_a_key_that_others_may_read_is_not_used(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert signing_key(tmp_path / "site", tmp_path / "keys") is not None
    (tmp_path / "keys" / KEY_FILE).chmod(0o644)
    with caplog.at_level(logging.INFO, logger="mentordir"):
        assert signing_key(tmp_path / "site", tmp_path / "keys") is None
    assert "others may read it" in caplog.text


def test_a_key_of_the_wrong_size_is_not_used(tmp_path: Path) -> None:
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / KEY_FILE).write_bytes(b"short")
    assert signing_key(tmp_path / "site", tmp_path / "keys") is None


@posix_only
def test_a_linked_key_is_not_followed(tmp_path: Path) -> None:
    assert signing_key(tmp_path / "site", tmp_path / "elsewhere") is not None
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / KEY_FILE).symlink_to(tmp_path / "elsewhere" / KEY_FILE)
    assert signing_key(tmp_path / "site", tmp_path / "keys") is None


def test_a_folder_that_cannot_be_made_turns_the_key_off_with_no_warning_and_no_key_shown(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "home").write_text("a file, where the home folder should be")
    with caplog.at_level(logging.DEBUG, logger="mentordir"):
        assert signing_key(tmp_path / "site", tmp_path / "home" / ".cache" / "mentordir") is None
    [record] = caplog.records
    assert record.levelno == logging.INFO and "cannot be made or read" in record.getMessage()


def test_without_a_home_folder_there_is_no_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               caplog: pytest.LogCaptureFixture) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert user_cache_folder() is None
    with caplog.at_level(logging.INFO, logger="mentordir"):
        assert signing_key(tmp_path) is None
    assert "no home folder" in caplog.text


def test_a_key_never_appears_in_the_log(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        key = signing_key(tmp_path / "site", tmp_path / "keys")
        (tmp_path / "keys" / KEY_FILE).chmod(0o644)
        signing_key(tmp_path / "site", tmp_path / "keys")
    assert key is not None
    assert key.hex() not in caplog.text and repr(key) not in caplog.text


@pytest.mark.parametrize(("platform", "environ", "expected"), [
    ("linux", {"XDG_CACHE_HOME": "/var/cache/jane"}, Path("/var/cache/jane/mentordir")),
    ("linux", {"XDG_CACHE_HOME": "relative/ignored"}, Path.home() / ".cache" / "mentordir"),
    ("linux", {}, Path.home() / ".cache" / "mentordir"),
    ("darwin", {"XDG_CACHE_HOME": "/var/cache/jane"}, Path.home() / "Library" / "Caches" / "mentordir"),
    ("win32", {"LOCALAPPDATA": str(Path.home() / "AppData" / "Local")},
     Path.home() / "AppData" / "Local" / "mentordir" / "Cache"),
])
def test_the_users_cache_folder_is_where_each_platform_keeps_caches(platform: str, environ: dict[str, str],
                                                                    expected: Path) -> None:
    assert user_cache_folder(environ, platform) == expected
