"""Tests for generator/output/write.py: the output is always a complete site, whenever a build stops."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, THEME
from mentordir.output import write
from mentordir.output.write import MARKER_TEXT, SITE_MARKER, OutputError, check_output_folder, recover_output, write_site


def _bench_module(name: str):
    """A module of bench/, loaded by path (bench/ is scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


write_directory = _bench_module("synthetic").write_directory
kill_bench = _bench_module("kill")
running_with = kill_bench.strays  # live processes whose command line holds a marker
digest = kill_bench.digest  # every file under a folder with the SHA-256 of its bytes

KILLS = 10
SEED = 2026
BUILD_DATE = {"SOURCE_DATE_EPOCH": "1795305600"}  # 2026-11-22, so every build is byte-identical


def leftovers(out: Path) -> list[str]:
    """Staging and set-aside folders beside `out`."""
    return sorted(path.name for path in out.parent.iterdir() if path.name.startswith(f".{out.name}."))


def site(version: str) -> dict[str, bytes]:
    """A small site's files; `version` changes every page, and one page exists only in version "a"."""
    files = {".nojekyll": b"", "index.html": f"<p>{version}</p>".encode(), "mentors/x/index.html": version.encode()}
    if version == "a":
        files["mentors/gone/index.html"] = b"only in a"
    return files


def dead_pid() -> int:
    """The id of a process that has finished."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


# --- writing and swapping ----------------------------------------------------------------------------

def test_writes_pages_and_copies_into_a_new_output_folder(tmp_path):
    source = tmp_path / "style.css"
    source.write_text("p{}")
    write_site(tmp_path / "out", site("a"), {"assets/style.1234.css": source})
    assert digest(tmp_path / "out").keys() == {".nojekyll", "index.html", "mentors/x/index.html",
                                              "mentors/gone/index.html", "assets/style.1234.css", SITE_MARKER}
    assert leftovers(tmp_path / "out") == []


def test_a_new_site_replaces_the_old_one_whole_so_removed_pages_go(tmp_path):
    write_site(tmp_path / "out", site("a"), {})
    write_site(tmp_path / "out", site("b"), {})
    assert (tmp_path / "out" / "index.html").read_text() == "<p>b</p>"
    assert not (tmp_path / "out" / "mentors" / "gone").exists()
    assert leftovers(tmp_path / "out") == []


@pytest.mark.parametrize("path", ["../escaped.html", "mentors/../../escaped.html", "a/b/../../../escaped.html",
                                  "{tmp}/escaped.html"])
def test_refuses_a_path_outside_the_output_folder_and_keeps_the_previous_site(tmp_path, path):
    out = tmp_path / "out"
    write_site(out, site("a"), {})
    before = digest(out)
    with pytest.raises(OutputError, match="outside the output folder"):
        write_site(out, {**site("b"), path.format(tmp=tmp_path): b"x"}, {})
    assert digest(out) == before
    assert not list(tmp_path.rglob("escaped.html"))
    assert leftovers(out) == []


def test_a_path_with_dots_that_stays_inside_is_written_where_it_points(tmp_path):
    write_site(tmp_path / "out", {"a/./b/../c.html": b"c"}, {})
    assert (tmp_path / "out" / "a" / "c.html").read_bytes() == b"c"


def test_a_copy_that_fails_leaves_the_previous_site_and_no_staging_folder(tmp_path):
    out = tmp_path / "out"
    write_site(out, site("a"), {})
    before = digest(out)
    with pytest.raises(FileNotFoundError):
        write_site(out, site("b"), {"photos/missing.jpg": tmp_path / "missing.jpg"})
    assert digest(out) == before
    assert leftovers(out) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2(RENAME_EXCHANGE) is Linux only")
def test_on_linux_the_new_site_is_exchanged_in_one_step_so_the_output_never_goes_missing(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_site(out, site("a"), {})
    renamed = []
    real_replace = os.replace
    monkeypatch.setattr(write.os, "replace", lambda a, b: (renamed.append((Path(a).name, Path(b).name)),
                                                           real_replace(a, b)))
    write_site(out, site("b"), {})
    assert renamed == [] and (out / "index.html").read_text() == "<p>b</p>"


def test_without_an_exchange_the_previous_site_is_set_aside_then_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(write, "_exchange", lambda first, second: False)
    out = tmp_path / "out"
    write_site(out, site("a"), {})
    write_site(out, site("b"), {})
    expected = {**site("b"), SITE_MARKER: MARKER_TEXT}
    assert digest(out) == {name: hashlib.sha256(data).hexdigest() for name, data in expected.items()}
    assert leftovers(out) == []


# --- whose folder it is ------------------------------------------------------------------------------

def a_pages_checkout(folder: Path) -> dict[str, str]:
    """A folder like a GitHub Pages checkout: `.nojekyll`, `.git` and the owner's own page; its digest."""
    (folder / ".git" / "refs").mkdir(parents=True)
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (folder / ".nojekyll").write_bytes(b"")
    (folder / "index.html").write_text("<p>my own page</p>")
    return digest(folder)


def test_a_folder_with_nojekyll_that_mentordir_did_not_build_is_refused_and_kept_whole(tmp_path):
    out = tmp_path / "pages"
    out.mkdir()
    before = a_pages_checkout(out)
    with pytest.raises(OutputError, match=r"holds a git repository \(\.git\), which mentordir never replaces"):
        check_output_folder(out, tmp_path / "root")
    with pytest.raises(OutputError, match="holds a git repository"):
        write_site(out, site("a"), {})
    assert digest(out) == before and leftovers(out) == []


def test_a_folder_with_nojekyll_but_no_marker_is_refused_with_what_to_do(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".nojekyll").write_bytes(b"")
    (out / "notes.txt").write_text("mine")
    with pytest.raises(OutputError) as refused:
        check_output_folder(out, tmp_path / "root")
    assert str(refused.value) == (f"{out} already exists and is not a site built by mentordir (it has no "
                                  ".mentordir-build file); choose an empty or new folder with --out (e.g. _site), "
                                  "or move "
                                  "your files out of it and delete it yourself")
    assert (out / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("marker", [b"", b"built by someone else\n", MARKER_TEXT + b"and more"])
def test_a_marker_without_our_exact_words_is_no_proof(tmp_path, marker):
    out = tmp_path / "out"
    out.mkdir()
    (out / SITE_MARKER).write_bytes(marker)
    (out / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match="is not a site built by mentordir"):
        check_output_folder(out, tmp_path / "root")


def test_a_marker_that_is_a_link_to_ours_is_no_proof(tmp_path):
    write_site(tmp_path / "ours", site("a"), {})
    out = tmp_path / "out"
    out.mkdir()
    (out / SITE_MARKER).symlink_to(tmp_path / "ours" / SITE_MARKER)
    with pytest.raises(OutputError, match="is not a site built by mentordir"):
        check_output_folder(out, tmp_path / "root")


def test_a_site_we_built_is_refused_once_someone_puts_a_git_folder_in_it(tmp_path):
    out = tmp_path / "out"
    write_site(out, site("a"), {})
    (out / ".git").mkdir()
    with pytest.raises(OutputError, match="holds a git repository"):
        write_site(out, site("b"), {})
    assert (out / ".git").is_dir() and (out / "index.html").read_text() == "<p>a</p>"


def test_every_site_carries_the_marker_so_the_next_build_may_replace_it(tmp_path):
    out = tmp_path / "out"
    write_site(out, site("a"), {})
    assert (out / SITE_MARKER).read_bytes() == MARKER_TEXT
    check_output_folder(out, tmp_path / "root")
    write_site(out, site("b"), {})
    assert (out / "index.html").read_text() == "<p>b</p>"


def test_an_empty_folder_or_a_missing_one_may_be_built_into(tmp_path):
    (tmp_path / "empty").mkdir()
    for out in (tmp_path / "empty", tmp_path / "new"):
        check_output_folder(out, tmp_path / "root")
        write_site(out, site("a"), {})
        assert (out / "index.html").read_text() == "<p>a</p>"


# --- what a killed build leaves behind ----------------------------------------------------------------

def test_a_site_set_aside_by_a_build_killed_between_the_renames_is_put_back_before_the_next_build(tmp_path):
    out = tmp_path / "out"
    write_site(out, site("a"), {})
    before = digest(out)
    pid = dead_pid()
    out.rename(tmp_path / f".out.previous-{pid}")  # the state after the first of the two renames
    (tmp_path / f".out.staging-{pid}" / "mentors").mkdir(parents=True)  # the new site, not swapped in
    check_output_folder(out, tmp_path / "root")
    assert digest(out) == before
    assert leftovers(out) == []


def test_a_set_aside_site_is_deleted_when_the_new_site_was_already_published(tmp_path):
    out = tmp_path / "out"
    write_site(out, site("b"), {})
    stale = tmp_path / f".out.previous-{dead_pid()}"
    write_site(stale, site("a"), {})
    recover_output(out)
    assert (out / "index.html").read_text() == "<p>b</p>"
    assert leftovers(out) == []


def test_the_staging_folder_of_a_build_still_running_is_left_alone(tmp_path):
    out = tmp_path / "out"
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as running:
        try:
            (tmp_path / f".out.staging-{running.pid}").mkdir()
            (tmp_path / f".out.staging-{dead_pid()}").mkdir()
            write_site(out, site("a"), {})
            assert leftovers(out) == [f".out.staging-{running.pid}"]
        finally:
            running.kill()


def test_folders_that_only_look_like_leftovers_are_not_touched(tmp_path):
    out = tmp_path / "out"
    for name in (".out.staging-notapid", ".out.previousx-1", ".other.staging-1", "out.staging-1"):
        (tmp_path / name).mkdir()
    write_site(out, site("a"), {})
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [".out.staging-notapid", ".out.previousx-1", ".other.staging-1", "out.staging-1", "out"])


# --- killing real builds -----------------------------------------------------------------------------

def no_process_left(marker: str) -> bool:
    """Whether every process of a killed build (its photo workers) ends within 5 seconds."""
    deadline = time.monotonic() + 5
    while running_with(marker):
        if time.monotonic() > deadline:
            for pid in running_with(marker):
                os.kill(pid, signal.SIGKILL)  # do not leave them to the rest of the suite
            return False
        time.sleep(0.05)
    return True


def start_build(root: Path, out: Path) -> subprocess.Popen:
    """`python -m mentordir build` on a synthetic directory, as CI runs it."""
    command = [sys.executable, "-m", "mentordir", "build", "--root", str(root), "--theme", str(THEME),
               "--cache", str(root / ".cache"), "--out", str(out)]
    return subprocess.Popen(command, env={**os.environ, **BUILD_DATE}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def complete_build(root: Path, out: Path) -> float:
    """Build to the end; the seconds it took."""
    started = time.perf_counter()
    process = start_build(root, out)
    _, errors = process.communicate(timeout=300)
    assert process.returncode == 0, errors.decode()
    return time.perf_counter() - started


def test_a_build_killed_at_any_moment_leaves_the_previous_site_or_the_new_one_never_a_mixture(tmp_path):
    root, out = tmp_path / "root", tmp_path / "out"
    expected = {}
    seconds = 0.0
    for version, seed in (("a", 1), ("b", 2)):
        write_directory(root, 200, photo_share=0.05, seed=seed)
        seconds = max(seconds, complete_build(root, tmp_path / f"expected-{version}"))
        expected[version] = digest(tmp_path / f"expected-{version}")
    assert expected["a"] != expected["b"] and expected["a"].keys() != expected["b"].keys()
    complete_build(root, out)  # out now holds version b
    published = "b"
    rng = random.Random(SEED)
    outcomes = []
    for kill in range(KILLS):
        target = "a" if published == "b" else "b"
        write_directory(root, 200, photo_share=0.05, seed=1 if target == "a" else 2)
        process = start_build(root, out)
        if kill % 2 == 0:
            time.sleep(rng.uniform(0.05, 1.0) * seconds)  # anywhere in the build
        else:
            # Just after the staging folder appears: while pages are written and swapped in.
            deadline = time.monotonic() + 120
            while not (tmp_path / f".out.staging-{process.pid}").exists() and process.poll() is None:
                assert time.monotonic() < deadline
            time.sleep(rng.uniform(0.0, 0.01))  # made from the spare, a site is written in milliseconds
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert no_process_left(str(root)), f"kill {kill}: the build's photo workers outlived it"
        writing = (tmp_path / f".out.staging-{process.pid}").exists()  # stopped while writing pages
        now = digest(out)
        assert now in (expected[published], expected[target]), f"kill {kill}: a partial site was published"
        published = target if now == expected[target] else published
        outcomes.append("new" if published == target else "old while writing" if writing else "old")
    # Whatever the killed builds left beside the output, the next build finishes and tidies up.
    target = "a" if published == "b" else "b"
    write_directory(root, 200, photo_share=0.05, seed=1 if target == "a" else 2)
    complete_build(root, out)
    assert digest(out) == expected[target]
    assert leftovers(out) == []
    spare = root / ".cache" / "spare-site"
    assert not spare.exists() or digest(spare) in expected.values()  # kept only whole
    assert "old while writing" in outcomes, outcomes  # some kills really did land half-way through writing


def test_linked_files_are_linked_to_their_source_and_copies_are_copied(tmp_path):
    photo, stylesheet = tmp_path / "photo.webp", tmp_path / "style.css"
    photo.write_bytes(b"photo"), stylesheet.write_bytes(b"css")
    out = tmp_path / "out"
    write_site(out, {"index.html": b"hi"}, {"assets/style.css": stylesheet}, {"photos/a.webp": str(photo)})
    assert (out / "photos" / "a.webp").stat().st_ino == photo.stat().st_ino
    assert (out / "assets" / "style.css").stat().st_ino != stylesheet.stat().st_ino
    assert (out / "assets" / "style.css").read_bytes() == b"css"


def test_a_linked_file_is_copied_where_links_are_refused(tmp_path, monkeypatch):
    photo = tmp_path / "photo.webp"
    photo.write_bytes(b"photo")

    def refuse(source, target):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr("os.link", refuse)
    write_site(tmp_path / "out", {}, {}, {"photos/a.webp": str(photo)})
    assert (tmp_path / "out" / "photos" / "a.webp").read_bytes() == b"photo"
    assert (tmp_path / "out" / "photos" / "a.webp").stat().st_ino != photo.stat().st_ino


# --- building from the spare -------------------------------------------------------------------------

def test_the_replaced_site_is_kept_as_the_spare_and_the_next_site_is_made_from_it(tmp_path):
    out, spare = tmp_path / "out", tmp_path / "cache" / "spare-site"
    first = write_site(out, site("a"), {}, spare=spare)
    # Nothing was replaced: the first site itself, linked file by file, is the spare.
    assert digest(spare) == digest(out) and first.spare == first.published
    assert (spare / "index.html").stat().st_ino == (out / "index.html").stat().st_ino
    second = write_site(out, site("b"), {}, shelf=first, spare=spare)
    assert (out / ".nojekyll").stat().st_ino == (spare / ".nojekyll").stat().st_ino  # made from the spare
    assert (out / "index.html").read_bytes() == b"<p>b</p>" and (spare / "index.html").read_bytes() == b"<p>a</p>"
    assert digest(spare) == digest_of(site("a")) and second.spare == first.published
    unchanged = (spare / ".nojekyll").stat().st_ino
    third = write_site(out, {**site("b"), "index.html": b"<p>c</p>"}, {}, shelf=second, spare=spare)
    assert digest(out) == digest_of({**site("b"), "index.html": b"<p>c</p>"})
    assert (out / ".nojekyll").stat().st_ino == unchanged  # taken from the spare, not written again
    assert digest(spare) == digest_of(site("b")) and third.spare == second.published
    assert leftovers(out) == []


def test_a_stale_record_costs_a_full_write_never_a_wrong_site(tmp_path):
    out, spare = tmp_path / "out", tmp_path / "cache" / "spare-site"
    first = write_site(out, site("a"), {}, spare=spare)
    second = write_site(out, site("b"), {}, shelf=first, spare=spare)
    write_site(out, site("a"), {}, shelf=second, spare=spare)
    # The record of two builds ago describes neither folder now: a killed build's, say.
    write_site(out, site("b"), {}, shelf=second, spare=spare)
    assert digest(out) == digest_of(site("b"))
    write_site(out, site("a"), {}, shelf=first, spare=spare)
    assert digest(out) == digest_of(site("a"))


def test_a_hand_edited_spare_is_not_published(tmp_path):
    out, spare = tmp_path / "out", tmp_path / "cache" / "spare-site"
    shelf = write_site(out, site("a"), {}, spare=spare)
    shelf = write_site(out, site("b"), {}, shelf=shelf, spare=spare)
    (spare / ".nojekyll").write_bytes(b"planted")
    write_site(out, site("a"), {}, shelf=shelf, spare=spare)
    assert digest(out) == digest_of(site("a"))


def test_without_a_spare_folder_the_replaced_site_is_deleted(tmp_path):
    out = tmp_path / "out"
    shelf = write_site(out, site("a"), {})
    shelf = write_site(out, site("b"), {}, shelf=shelf)
    assert digest(out) == digest_of(site("b")) and shelf.spare == {} and leftovers(out) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]


def test_a_spare_that_cannot_be_moved_next_to_the_output_costs_a_full_write(tmp_path, monkeypatch):
    out, spare = tmp_path / "out", tmp_path / "cache" / "spare-site"
    shelf = write_site(out, site("a"), {}, spare=spare)
    real_replace = os.replace

    def across_file_systems(source, target):
        if Path(source) == spare or Path(target) == spare:
            raise OSError(18, "Invalid cross-device link")  # EXDEV: a --cache on another disk
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", across_file_systems)
    monkeypatch.setattr(os, "link", lambda source, target: across_file_systems(spare, target))
    shelf = write_site(out, site("b"), {}, shelf=shelf, spare=spare)
    assert digest(out) == digest_of(site("b")) and shelf.spare == {} and not spare.exists()
    shelf = write_site(out, site("a"), {}, shelf=shelf, spare=spare)
    assert digest(out) == digest_of(site("a")) and leftovers(out) == []


def digest_of(files: dict[str, bytes]) -> dict[str, str]:
    """What digest() gives for a site written from `files` (with the marker every site carries)."""
    return {path: hashlib.sha256(data).hexdigest() for path, data in sorted({**files, SITE_MARKER: MARKER_TEXT}.items())}
