"""Write the built site: everything goes into a staging folder that replaces the output only on success.

A build can be killed at any moment (Ctrl-C twice, an out-of-memory kill, a CI timeout). The
published folder must then be either the previous complete site or the new complete one, never
a mixture, and whatever the killed build left beside it must not break the next build:

* pages are written into `.<out>.staging-<pid>` next to the output, so nothing a visitor or
  `serve` reads changes until the site is complete;
* the new site is swapped in with one `renameat2(RENAME_EXCHANGE)` where the system has it
  (Linux), so the output folder always exists; elsewhere with two renames, keeping the previous
  site whole at `.<out>.previous-<pid>` in between;
* before anything else, a build puts back a previous site that a build killed between those two
  renames left aside, and deletes the staging folders of builds that are no longer running.

A folder is replaced only when it is provably ours: it holds our own marker file with our own
words in it (`.nojekyll` is no proof: every GitHub Pages checkout has one), and never when it
holds a `.git` folder. Anything else is refused with a message, never emptied.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import re
import shutil
from pathlib import Path

from mentordir.output.shelf import Entry, Holding, Shelf
from mentordir.output.staging import fill, seed_spare, take_spare

log = logging.getLogger(__name__)

SITE_MARKER = ".mentordir-build"
MARKER_TEXT = (b"This folder was built by mentordir. The next `mentordir build` replaces all of it,\n"
               b"so keep nothing of your own here.\n")
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class OutputError(Exception):
    """The output folder cannot be written; the message says why and what to do."""


class OutputChanged(Exception):
    """The output no longer holds, as it was written, a page the build left unchanged: render it again."""


OUT_OPTION = "with --out (e.g. _site)"


def check_output_folder(out: Path, root: Path, option: str = OUT_OPTION) -> None:
    """Refuse output folders that would overwrite content, the theme, or a folder we did not build.

    First puts back a published site that a killed build left aside (see recover_output).
    `option` says how to choose another folder: `with --out (e.g. _site)` for build.
    """
    out, root = out.resolve(), root.resolve()
    protected = [root, root / "content", root / "theme", root / "generator"]
    if out in protected or any(out.is_relative_to(folder) for folder in protected[1:]) or root.is_relative_to(out):
        raise OutputError(f"{out} holds your content or code; choose another output folder with --out (e.g. _site)")
    recover_output(out)
    _refuse_foreign(out, option)


def _refuse_foreign(out: Path, option: str = OUT_OPTION) -> None:
    """Refuse `out` unless it is missing, empty, or a site we built (never one holding `.git`)."""
    if not os.path.lexists(out):
        return
    if out.is_symlink() or not out.is_dir():
        raise OutputError(f"{out} already exists and is not a folder; choose a new folder {option}")
    if os.path.lexists(out / ".git"):
        raise OutputError(f"{out} holds a git repository (.git), which mentordir never replaces; "
                          f"choose another folder {option}")
    if any(out.iterdir()) and not built_by_us(out):
        raise OutputError(f"{out} already exists and is not a site built by mentordir (it has no {SITE_MARKER} "
                          f"file); choose an empty or new folder {option}, or move your files out of it "
                          "and delete it yourself")


def built_by_us(folder: Path) -> bool:
    """Whether `folder` carries our marker: a plain file (not a link) holding our own words."""
    marker = folder / SITE_MARKER
    try:
        if not marker.is_file() or marker.is_symlink():
            return False
        with open(marker, "rb") as handle:
            return handle.read(len(MARKER_TEXT) + 1) == MARKER_TEXT
    except OSError:
        return False


def write_site(out: Path, files: dict[str, bytes], copies: dict[str, Path], linked: dict[str, str] | None = None,
               unchanged: dict[str, str] | None = None, shelf: Shelf = Shelf(), spare: Path | None = None) -> Shelf:
    """Write `files` (bytes by path), `copies` and `linked` (source file by path) as the new contents of `out`.

    `linked` files are hard-linked to their source where the file system allows, instead of
    copied: processed photos, whose cache files are named by their content and only ever
    replaced by a rename, so a link can never see them change. `unchanged` pages (what
    their bytes are, by path) are taken from `out` as the last write left them, which
    `shelf` records; OutputChanged when `out` no longer holds one so.

    With a `spare` folder (in the build's cache, so never committed), the site `out` held is
    kept there, and the next write starts from it when `shelf` (what the last write recorded,
    see shelf.py) says exactly what it holds, writing only what differs. Returns what to
    record for the next write.
    """
    out = out.resolve()
    recover_output(out)
    staging = _sibling(out, "staging", os.getpid())
    shutil.rmtree(staging, ignore_errors=True)
    wanted = {SITE_MARKER: MARKER_TEXT, **files}
    linked, unchanged = linked or {}, unchanged or {}
    held = take_spare(spare, staging, shelf.spare, ours=built_by_us(spare)) if spare else {}
    if not held:
        staging.mkdir(parents=True, exist_ok=True)
    try:
        try:
            holding = fill(staging, wanted, copies, linked, held, _from_output(out, unchanged, held, shelf))
        except ValueError as error:
            raise OutputError(str(error)) from None
        except OSError:
            if not held:
                raise
            # The spare did not take the new site (a file where a folder is now wanted, say): write it all.
            log.info("writing the whole site: the spare could not be updated in place")
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
            holding = fill(staging, wanted, copies, linked, {}, _from_output(out, unchanged, {}, shelf))
        _refuse_foreign(out)  # checked again: the folder may have changed while the site was built
        kept = _swap_in(staging, out, spare if shelf.published else None)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("wrote %d files to %s (%d unchanged)", len(wanted) + len(copies) + len(linked) + len(unchanged), out,
             sum(1 for path, entry in holding.items() if held.get(path) == entry))
    if kept:
        return Shelf(out=str(out), published=holding, spare=shelf.published)
    # Nothing was set aside (a first build, or a spare that could not be used): the new site,
    # linked file by file, is the spare, so that the next build writes only what it changes.
    return Shelf(out=str(out), published=holding, spare=seed_spare(out, spare, holding) if spare else {})


def _from_output(out: Path, unchanged: dict[str, str], held: Holding, shelf: Shelf) -> dict[str, tuple[str, str]]:
    """Each unchanged page as (what it is, the published file to take it from); OutputChanged if one is not as written.

    A page the staging folder already holds as it should (`held`) is not looked at.
    """
    root, found = str(out), {}
    for path, identity in unchanged.items():
        source = os.path.join(root, path)
        if held.get(path, _NOTHING)[2] != identity:
            recorded = shelf.published.get(path, _NOTHING)
            try:
                status = os.lstat(source)
            except OSError:
                raise OutputChanged(f"{source} is missing") from None
            if recorded[2] != identity or (status.st_size, status.st_mtime_ns) != recorded[:2]:
                raise OutputChanged(f"{source} is not as the last build wrote it")
        found[path] = (identity, source)
    return found


_NOTHING: Entry = (-1, -1, "")


def recover_output(out: Path) -> None:
    """Undo what killed builds left beside `out`: put a set-aside site back, delete their staging folders.

    Only folders of processes that are no longer running are touched, so a build running at
    the same time keeps its own.
    """
    if not out.parent.is_dir():
        return
    stopped = []
    for path in out.parent.iterdir():
        found = _leftover(out, path)
        if found is not None and found[1] != os.getpid() and not _running(found[1]):
            stopped.append((path.stat().st_mtime, path, found[0]))
    for _, path, kind in sorted(stopped, reverse=True):  # newest first
        if kind == "previous" and not out.exists():
            # Killed between the two renames: the previous site is complete and nothing is
            # published. The newest set-aside site goes back; any older one is deleted.
            os.replace(path, out)
            log.warning("put back the site a stopped build had set aside at %s", path)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _swap_in(staging: Path, out: Path, spare: Path | None) -> bool:
    """Publish `staging` at `out`; whether the site it replaced was kept as `spare` (else it is deleted)."""
    if not out.exists():
        os.replace(staging, out)
        return False
    if _exchange(staging, out):
        # `out` is the new site in one step; `staging` now holds the previous one.
        return _set_aside(staging, spare)
    # Until the second rename the previous site is kept whole (at `out` or `previous`); a
    # build killed in between is repaired by the next one (recover_output).
    previous = _sibling(out, "previous", os.getpid())
    os.replace(out, previous)
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(previous, out)
        raise
    return _set_aside(previous, spare)


def _set_aside(previous: Path, spare: Path | None) -> bool:
    if spare is not None:
        try:
            spare.parent.mkdir(parents=True, exist_ok=True)
            os.replace(previous, spare)
            return True
        except OSError:  # something in the way, or another file system: the next build writes everything
            pass
    shutil.rmtree(previous, ignore_errors=True)
    return False


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically with Linux's renameat2; False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV, errno.EPERM):
        return False  # a file system or kernel without exchange: fall back to two renames
    raise OSError(code, os.strerror(code), str(second))


def _sibling(out: Path, kind: str, pid: int) -> Path:
    return out.with_name(f".{out.name}.{kind}-{pid}")


def _leftover(out: Path, path: Path) -> tuple[str, int] | None:
    match = re.fullmatch(rf"\.{re.escape(out.name)}\.(staging|previous)-([0-9]+)", path.name)
    return (match.group(1), int(match.group(2))) if match and path.is_dir() and not path.is_symlink() else None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: leave its folders alone
    return True
