"""Tests for generator/model/files.py: replacing a file in one step."""

from __future__ import annotations

import os

import pytest

from mentordir.model.files import write_atomically


def test_a_file_is_written_whole_and_no_temporary_file_stays(tmp_path):
    (tmp_path / "memory").write_bytes(b"old")
    write_atomically(tmp_path / "memory", b"new")
    assert (tmp_path / "memory").read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["memory"]


def test_a_link_planted_at_the_temporary_name_is_never_written_through(tmp_path):
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / f".memory.{os.getpid()}.tmp").symlink_to(victim)
    write_atomically(cache / "memory", b"cache bytes")
    assert victim.read_bytes() == b"precious"
    assert (cache / "memory").read_bytes() == b"cache bytes" and not (cache / "memory").is_symlink()


def test_a_temporary_file_a_killed_process_left_is_replaced(tmp_path):
    (tmp_path / f".memory.{os.getpid()}.tmp").write_bytes(b"half")
    write_atomically(tmp_path / "memory", b"whole")
    assert os.listdir(tmp_path) == ["memory"] and (tmp_path / "memory").read_bytes() == b"whole"


def test_a_failed_write_names_the_file_and_leaves_nothing_behind(tmp_path):
    with pytest.raises(OSError) as raised:
        write_atomically(tmp_path / "missing-folder" / "memory", b"x")
    assert "memory" in str(raised.value)
    assert os.listdir(tmp_path) == []
