"""The dev server's file watcher: snapshots and what changed between them."""

from __future__ import annotations

import os

from mentordir.serve.watch import compare, snapshot


def test_a_snapshot_sees_files_and_leaves_out_hidden_and_temporary_ones(tmp_path):
    (tmp_path / "a.md").write_text("a")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.css").write_text("b")
    for name in (".a.md.swp", "a.md~", ".hidden", "x.tmp"):
        (tmp_path / name).write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "index").write_text("x")
    assert sorted(path.relative_to(tmp_path).as_posix() for path in snapshot([tmp_path])) == ["a.md", "sub/b.css"]


def test_compare_reports_added_removed_and_modified_files(tmp_path):
    kept, edited, removed = tmp_path / "kept.md", tmp_path / "edited.md", tmp_path / "removed.md"
    for path in (kept, edited, removed):
        path.write_text("x")
    before = snapshot([tmp_path])
    edited.write_text("longer")
    os.utime(edited, ns=(1, 1))
    removed.unlink()
    added = tmp_path / "added.md"
    added.write_text("y")
    changes = compare(before, snapshot([tmp_path]))
    assert changes.changed == {edited, removed, added}
    assert not compare(snapshot([tmp_path]), snapshot([tmp_path]))
