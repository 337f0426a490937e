"""Faults of the machine and of the repository's edges: each one a message, exit 1, and nothing lost.

Tests for generator/model/faults.py (errno to plain words), and the fault suite that runs
the command line against a full disk, a read-only one, a busy folder, a name too long, a
folder someone else made, a linked `content`, a named pipe and a terminal-rewriting bio.
Full and read-only disks are small tmpfs mounts where the machine allows it (root on
Linux); elsewhere the same faults are simulated by raising the errors a disk would.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from PIL import Image

from conftest import REPO, THEME, TODAY, MakeSite, bio_text, options_for
from mentordir.cli import main
from mentordir.model.faults import Place, describe
from mentordir.output.write import OutputError
from mentordir.serve.server import DevServer

AGAIN = "then run the command again"


@pytest.fixture(autouse=True)
def build_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command runs on the tests' fixed day."""
    moment = dt.datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=dt.timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))


def run(command: str, root: Path, *arguments: str) -> int:
    """`mentordir <command> --root ROOT --theme THEME ...` in this process."""
    return main([command, "--root", str(root), "--theme", str(THEME), *arguments])


def digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the SHA-256 of its bytes."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file() and not path.is_symlink()}


def temporary_files(*folders: Path) -> list[str]:
    """Half-written files (`.<name>.<pid>.tmp`) and staging folders left in or beside `folders`."""
    found = []
    for folder in folders:
        for path in [*folder.parent.iterdir(), *folder.rglob("*")] if folder.exists() else []:
            if path.name.endswith(".tmp") or ".staging-" in path.name or ".previous-" in path.name:
                found.append(path.name)
    return found


def photo(seed: int) -> bytes:
    """A JPEG of noise (it compresses badly, so its renditions take real space)."""
    image = Image.frombytes("RGB", (700, 700), bytes((seed * 7 + i * 31) % 251 for i in range(700 * 700 * 3)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


# --- a disk that fills up or turns read-only ----------------------------------------------------------

class Disk:
    """A small disk at `folder`: a real tmpfs where mounting works, else one simulated with the same errors."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder
        self.monkeypatch = monkeypatch
        folder.mkdir(parents=True)
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)],
                                 capture_output=True)
        self.real = mounted.returncode == 0
        self.fault: int | None = None

    def fill(self) -> None:
        """Leave no free space."""
        if not self.real:
            return self._simulate(errno.ENOSPC)
        with open(self.folder / "filler", "wb") as filler:
            with contextlib.suppress(OSError):
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
        with contextlib.suppress(OSError):  # and no inode either: tmpfs counts them apart
            for number in range(100_000):
                (self.folder / f"inode-{number}").touch()

    def make_read_only(self) -> None:
        """Turn the disk read-only."""
        if not self.real:
            return self._simulate(errno.EROFS)
        subprocess.run(["mount", "-o", "remount,ro", str(self.folder)], check=True)

    def free(self) -> None:
        """Undo fill() and make_read_only()."""
        if not self.real:
            self.fault = None
            return
        subprocess.run(["mount", "-o", "remount,rw", str(self.folder)], check=True)
        for path in self.folder.iterdir():
            if path.name == "filler" or path.name.startswith("inode-"):
                path.unlink()

    def unmount(self) -> None:
        """Remove the tmpfs."""
        if self.real:
            subprocess.run(["umount", "-l", str(self.folder)], check=True)

    def _simulate(self, code: int) -> None:
        # Writing anything under the disk raises what a real disk would, naming the path.
        self.fault = code
        disk = self

        def failing(real: Callable[..., Any], target: int = 0) -> Callable[..., Any]:
            # `target` is the argument that names the file written (copyfile's is the second).
            def write(*arguments: Any, **keywords: Any) -> Any:
                path = Path(arguments[target])
                if disk.fault is not None and path.resolve().is_relative_to(disk.folder.resolve()):
                    raise OSError(disk.fault, os.strerror(disk.fault), str(path))
                return real(*arguments, **keywords)
            return write

        for name in ("write_bytes", "write_text", "mkdir", "touch"):
            self.monkeypatch.setattr(Path, name, failing(getattr(Path, name)))
        self.monkeypatch.setattr(shutil, "copyfile", failing(shutil.copyfile, target=1))
        real_open = os.open

        def opening(path: Any, flags: int, *arguments: Any, **keywords: Any) -> int:  # a file made by os.open
            if flags & os.O_CREAT:
                return failing(real_open)(path, flags, *arguments, **keywords)
            return real_open(path, flags, *arguments, **keywords)
        self.monkeypatch.setattr(os, "open", opening)


@pytest.fixture
def disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Disk]:
    """A small disk for one test, removed afterwards."""
    made = Disk(tmp_path / "disk", monkeypatch)
    yield made
    made.unmount()


def a_site(make_site: MakeSite, photos: int = 0) -> Path:
    """A mini-site with one bio, or `photos` bios each with a photo."""
    files: dict[str, str | bytes | None] = {"content/mentors/jane-doe.md": bio_text()}
    for number in range(photos):
        files[f"content/mentors/mentor-{number}.md"] = bio_text({"photo": f"mentor-{number}.jpg"})
        files[f"content/mentors/mentor-{number}.jpg"] = photo(number)
    return make_site(files)


def test_a_full_output_disk_is_a_message_and_the_previous_site_stays_whole(make_site, disk, tmp_path, capsys):
    root, out = a_site(make_site), disk.folder / "site"
    assert run("build", root, "--out", str(out)) == 0
    before = digest(out)
    disk.fill()
    (root / "content" / "mentors" / "jane-doe.md").write_text(bio_text({"name": "Dr Jane Smith"}))
    capsys.readouterr()
    assert run("build", root, "--out", str(out)) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {disk.folder}/.site.staging-")
    assert error.endswith(": there is no space left on the disk - free some space on it, or write the site "
                          f"somewhere else with --out, {AGAIN}\n")
    assert digest(out) == before and temporary_files(out) == []
    disk.free()
    assert run("build", root, "--out", str(out)) == 0
    assert "Dr Jane Smith" in (out / "index.html").read_text()


def test_a_full_photo_cache_is_a_message_and_leaves_no_half_written_files(make_site, disk, tmp_path, capsys):
    root, out, cache = a_site(make_site, photos=3), tmp_path / "out", disk.folder / "cache"
    assert run("build", root, "--out", str(out), "--cache", str(cache)) == 0
    before = digest(out)
    disk.fill()
    for number in range(3):
        (root / "content" / "mentors" / f"mentor-{number}.jpg").write_bytes(photo(number + 10))
    capsys.readouterr()
    assert run("build", root, "--out", str(out), "--cache", str(cache)) == 1
    error = capsys.readouterr().err.splitlines()[-1] + "\n"  # after the progress lines
    assert error.startswith(f"error: {cache}/")
    assert error.endswith(": there is no space left on the disk - free some space on it, or keep the photo cache "
                          f"somewhere else with --cache, {AGAIN}\n")
    assert digest(out) == before and temporary_files(cache) == []
    disk.free()
    assert run("build", root, "--out", str(out), "--cache", str(cache)) == 0


def test_a_read_only_output_disk_is_a_message_and_the_previous_site_stays_whole(make_site, disk, capsys):
    root, out = a_site(make_site), disk.folder / "site"
    assert run("build", root, "--out", str(out)) == 0
    before = digest(out)
    disk.make_read_only()
    (root / "content" / "mentors" / "jane-doe.md").write_text(bio_text({"name": "Dr Jane Smith"}))
    capsys.readouterr()
    assert run("build", root, "--out", str(out)) == 1
    assert capsys.readouterr().err == (f"error: {disk.folder}/.site.staging-{os.getpid()}: the disk is read-only - "
                                       f"make it writable, or write the site somewhere else with --out, {AGAIN}\n")
    assert digest(out) == before
    disk.free()
    assert run("build", root, "--out", str(out)) == 0 and temporary_files(out) == []


def test_a_read_only_photo_cache_is_a_message(make_site, disk, tmp_path, capsys):
    root, cache = a_site(make_site, photos=1), disk.folder / "cache"
    disk.make_read_only()
    assert run("build", root, "--out", str(tmp_path / "out"), "--cache", str(cache)) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {cache}")  # the cache folder, or the folder inside it that was to be made
    assert error.endswith(": the disk is read-only - make it writable, or keep the photo cache somewhere else "
                          f"with --cache, {AGAIN}\n")
    assert not (tmp_path / "out").exists()


def test_an_output_folder_that_is_a_mount_point_is_busy_and_kept(make_site, disk, capsys):
    if not disk.real:
        pytest.skip("needs a real mount point (root on Linux)")
    root, out = a_site(make_site), disk.folder
    (out / "keep.txt").write_text("mine")
    assert run("build", root, "--out", str(out)) == 1  # not ours: refused before anything is written
    (out / "keep.txt").unlink()
    assert run("build", root, "--out", str(out)) == 1  # empty, but a mount point cannot be swapped
    assert capsys.readouterr().err.endswith(
        f"error: {out}: it is in use (another program holds it open, or it is a mount point) - close the program "
        f"that uses it, or write the site somewhere else with --out, {AGAIN}\n")
    assert list(out.iterdir()) == [] and temporary_files(out) == []


def test_permission_denied_on_the_output_is_a_message(make_site, tmp_path, monkeypatch, capsys):
    # Root may write anywhere, so the refusal a locked folder gives is simulated.
    root, out = a_site(make_site), tmp_path / "locked" / "site"
    real_mkdir = Path.mkdir

    def refuse(path: Path, *arguments, **keywords) -> None:
        if path.parent == out.parent:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        real_mkdir(path, *arguments, **keywords)
    monkeypatch.setattr(Path, "mkdir", refuse)
    assert run("build", root, "--out", str(out)) == 1
    assert capsys.readouterr().err == (f"error: {out.parent}/.site.staging-{os.getpid()}: permission denied - give "
                                       "yourself permission to read and write it, or write the site somewhere else "
                                       f"with --out, {AGAIN}\n")


def test_an_output_folder_name_too_long_for_the_disk_is_a_message(make_site, tmp_path, capsys):
    root, out = a_site(make_site), tmp_path / ("s" * 250)
    assert run("build", root, "--out", str(out)) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {tmp_path}/.{'s' * 250}.")  # its staging folder or its spare
    assert error.endswith(f": the name is too long for this file system - use a shorter folder path or file name, "
                          f"or write the site somewhere else with --out, {AGAIN}\n")
    assert temporary_files(out) == []


# --- what check passes, build builds ---------------------------------------------------------------

def test_a_250_character_bio_name_with_a_photo_is_refused_by_check_and_build(make_site, tmp_path, capsys):
    slug = "a" * 247
    root = make_site({f"content/mentors/{slug}.md": bio_text({"photo": f"{slug[:90]}.jpg"}),
                      f"content/mentors/{slug[:90]}.jpg": photo(1)})
    message = (f"content/mentors/{slug}.md: the name is 247 characters long, more than the 120 a page of the site "
               f"can be named - rename it to something shorter, like {'a' * 40}.md")
    assert run("check", root) == 1
    assert message in capsys.readouterr().err.splitlines()
    assert run("build", root, "--out", str(tmp_path / "out")) == 1
    assert message in capsys.readouterr().err.splitlines()
    assert not (tmp_path / "out").exists()


def test_serve_shows_a_name_too_long_as_a_problem_and_keeps_serving(make_site):
    slug = "a" * 247
    root = make_site({f"content/mentors/{slug}.md": bio_text({"photo": "jane.jpg"}),
                      "content/mentors/jane.jpg": photo(1)})
    reported: list[str] = []
    server = DevServer(options_for(root), 0, report=lambda problems: reported.extend(p.as_text() for p in problems))
    server.start()
    try:
        assert any("the name is 247 characters long" in line for line in reported)
        assert b"The site has not built yet" in (server.out / "index.html").read_bytes()
        (root / "content" / "mentors" / f"{slug}.md").rename(root / "content" / "mentors" / "jane-doe.md")
        server.rebuild()
        assert "Dr Jane Doe" in (server.out / "index.html").read_text()
    finally:
        server.stop()


def test_serve_says_a_full_disk_and_keeps_the_last_good_site(make_site, monkeypatch, caplog):
    root = a_site(make_site)
    server = DevServer(options_for(root), 0, report=lambda problems: None)
    server.start()
    try:
        before = digest(server.out)

        def full(*arguments: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device", str(server.out / "index.html"))
        monkeypatch.setattr("mentordir.serve.server.update_site", full)
        (root / "content" / "mentors" / "jane-doe.md").write_text(bio_text({"name": "Dr Jane Smith"}))
        assert server.rebuild() == []
        assert digest(server.out) == before
        assert f"error: {server.out}/index.html: there is no space left on the disk - free some space on it, or use " \
               f"another --cache, {AGAIN}" in caplog.text
    finally:
        server.stop()


# --- folders that are not ours ---------------------------------------------------------------------

def test_a_pages_checkout_with_nojekyll_and_git_is_refused_and_nothing_in_it_is_lost(make_site, tmp_path, capsys):
    root, out = a_site(make_site), tmp_path / "my-pages"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (out / ".nojekyll").write_bytes(b"")
    (out / "CNAME").write_text("mentors.example.org\n")
    before = digest(out)
    assert run("build", root, "--out", str(out)) == 1
    assert capsys.readouterr().err == (f"error: {out} holds a git repository (.git), which mentordir never replaces; "
                                       "choose another folder with --out (e.g. _site)\n")
    assert digest(out) == before


def test_a_folder_with_only_nojekyll_and_files_of_its_own_is_refused(make_site, tmp_path, capsys):
    root, out = a_site(make_site), tmp_path / "docs"
    out.mkdir()
    (out / ".nojekyll").write_bytes(b"")
    (out / "index.md").write_text("# My own page\n")
    assert run("build", root, "--out", str(out)) == 1
    assert "is not a site built by mentordir (it has no .mentordir-build file)" in capsys.readouterr().err
    assert (out / "index.md").read_text() == "# My own page\n"


def test_a_preview_folder_serve_did_not_build_is_refused_with_how_to_move_it(make_site, tmp_path):
    root = a_site(make_site)
    preview = root / ".cache" / "mentordir" / "preview"
    preview.mkdir(parents=True)
    (preview / ".nojekyll").write_bytes(b"")
    (preview / "index.html").write_text("<p>an older preview</p>")
    server = DevServer(options_for(root), 0, report=lambda problems: None)
    try:
        with pytest.raises(OutputError) as refused:
            server.start()
    finally:
        server.server.server_close()
    assert str(refused.value) == (f"{preview} already exists and is not a site built by mentordir (it has no "
                                  ".mentordir-build file); choose an empty or new folder for the preview with --cache "
                                  "(serve previews into CACHE/preview), or move your files out of it and delete it "
                                  "yourself")
    assert (preview / "index.html").read_text() == "<p>an older preview</p>"


# --- the repository's edges ------------------------------------------------------------------------

def test_a_linked_content_folder_is_refused_and_nothing_from_elsewhere_is_published(make_site, tmp_path, capsys):
    elsewhere = a_site(make_site)  # a whole valid content tree, outside the repository
    root = tmp_path / "repo"
    root.mkdir()
    (root / "content").symlink_to(elsewhere / "content", target_is_directory=True)
    assert run("check", root) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content: is a symbolic link; the content folder must be a real folder inside the site - replace the link "
        "with the real folder", "1 problem to fix in 1 file."]
    assert run("build", root, "--out", str(tmp_path / "out")) == 1
    assert not (tmp_path / "out").exists()


def test_a_linked_site_yaml_is_reported_once_and_its_settings_not_used(make_site, tmp_path, capsys):
    (tmp_path / "elsewhere.yaml").write_text("title: Someone else's directory\n")
    root = make_site({"content/mentors/jane-doe.md": bio_text(), "content/site.yaml": None})
    (root / "content" / "site.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    assert run("check", root) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/site.yaml: is a symbolic link; links are not allowed under content/ - replace the link with the "
        "real file")


@pytest.mark.parametrize("name", ["jane-doe.md", "jane-doe.jpg", "../site.yaml"])
def test_a_named_pipe_is_a_message_not_a_hang(make_site, tmp_path, name):
    root = make_site({"content/mentors/jane-doe.md": None if name == "jane-doe.md" else bio_text(),
                      "content/site.yaml": None})
    os.mkfifo(root / "content" / "mentors" / name)
    shown = "content/site.yaml" if name.startswith("..") else f"content/mentors/{name}"
    finished = subprocess.run([sys.executable, "-m", "mentordir", "check", "--root", str(root), "--theme", str(THEME)],
                              capture_output=True, text=True, timeout=60)
    assert finished.returncode == 1
    assert (f"{shown}: is a named pipe, not an ordinary file - replace it with an ordinary file, or remove it"
            in finished.stderr.splitlines())
    assert "Traceback" not in finished.stderr


# --- output that cannot lie ------------------------------------------------------------------------

def test_a_bio_cannot_clear_the_terminal_or_fake_a_clean_check(make_site, capsys):
    # YAML's own escapes put the bytes in the value: ESC [2J clears the screen, ESC [H goes home.
    fake = r"\e[2J\e[H\rNo problems: 1 mentor is ready to publish.\e[8m"
    root = make_site({"content/mentors/jane-doe.md": bio_text(extra=[f'"{fake}": 1']),  # an unknown field
                      "content/mentors/x\x1b[1A.md": bio_text()})
    for arguments, carriage_return in (((), "\\x0d"), (("--format", "github"), "%0D")):
        assert run("check", root, *arguments) == 1
        printed = capsys.readouterr()
        for stream in (printed.out, printed.err):
            assert "\x1b" not in stream and "\r" not in stream
        assert f"\\x1b[2J\\x1b[H{carriage_return}No problems" in printed.out + printed.err
        assert "content/mentors/x\\x1b[1A.md" in printed.out + printed.err


# --- errno in plain words ----------------------------------------------------------------------------

OUT = Place(Path("/site/_site"), "or write the site somewhere else with --out")
CACHE = Place(Path("/site/.cache/mentordir"), "or keep the photo cache somewhere else with --cache")


@pytest.mark.parametrize(("code", "path", "expected"), [
    (errno.ENOSPC, "/site/_site/index.html", "/site/_site/index.html: there is no space left on the disk - free some "
     f"space on it, or write the site somewhere else with --out, {AGAIN}"),
    (errno.ENOSPC, "/site/._site.staging-7/a.html", "/site/._site.staging-7/a.html: there is no space left on the "
     f"disk - free some space on it, or write the site somewhere else with --out, {AGAIN}"),
    (errno.EROFS, "/site/.cache/mentordir/photos/x.webp", "/site/.cache/mentordir/photos/x.webp: the disk is "
     f"read-only - make it writable, or keep the photo cache somewhere else with --cache, {AGAIN}"),
    (errno.EACCES, "/site/content/mentors/jane-doe.md", "/site/content/mentors/jane-doe.md: permission denied - "
     f"give yourself permission to read and write it, {AGAIN}"),
    (errno.EIO, "/site/_site/index.html", "/site/_site/index.html: the disk failed to read or write it - check the "
     f"disk (it may be failing or unplugged), {AGAIN}"),
    (errno.EBADF, "/site/x\x1b[2J", f"/site/x\\x1b[2J: bad file descriptor - check the path and the disk, {AGAIN}"),
])
def test_an_os_error_names_the_path_what_is_wrong_and_what_to_do(code, path, expected):
    assert describe(OSError(code, os.strerror(code), path), [OUT, CACHE]) == expected


def test_an_os_error_without_a_path_still_says_what_to_do():
    assert describe(OSError(errno.EMFILE, "Too many open files")) == (
        f"too many files are open at once - close other programs, {AGAIN}")


def test_new_on_a_read_only_disk_is_a_message(make_site, monkeypatch, capsys):
    template = (REPO / "content" / "mentors" / "_template.md").read_text(encoding="utf-8")
    root = make_site({"content/mentors/_template.md": template})
    target = root / "content" / "mentors" / "jane-doe.md"

    def read_only(*arguments: Any, **keywords: Any) -> Any:
        raise OSError(errno.EROFS, "Read-only file system", str(target))
    monkeypatch.setattr("mentordir.content.scaffold.open", read_only, raising=False)
    assert main(["new", "Dr Jane Doe", "--root", str(root)]) == 1
    assert capsys.readouterr().err == f"error: {target}: the disk is read-only - make it writable, {AGAIN}\n"
    assert not target.exists()
