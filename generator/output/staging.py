"""Make a staging folder hold a new site, starting from the spare: only what differs is written.

See shelf.py for what the spare is and how it is trusted, and write.py for how the staging
folder is then published.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from pathlib import Path

from mentordir.model.fingerprint import bytes_identity
from mentordir.output.shelf import Holding, copy_identity, holds, is_linked, link_identity


def take_spare(spare: Path, staging: Path, spare_holds: Holding, ours: bool) -> Holding:
    """Move `spare` to `staging` when it is `ours` and holds exactly `spare_holds`, and return that.

    Otherwise the spare is deleted, `staging` is made empty, and nothing is held.
    """
    if ours and spare_holds and spare.is_dir() and not spare.is_symlink() and holds(spare, spare_holds):
        try:
            os.replace(spare, staging)
            return spare_holds
        except OSError:  # on another file system than the output (a --cache elsewhere)
            pass
    _remove(spare)
    staging.mkdir(parents=True)
    return {}


def seed_spare(site: Path, spare: Path, holding: Holding) -> Holding:
    """Make `spare` hold what `site` holds, each file a hard link to the site's; what it holds, or {} if it cannot.

    Sharing files with the published site is safe because a file is never written into,
    only replaced (fill); an edit made by hand to one changes its time, so the spare is
    then not trusted.
    """
    _remove(spare)
    root, folders = str(site), set()
    try:
        for path in holding:
            name = os.path.join(spare, path)
            _make_folder(os.path.dirname(name), folders)
            os.link(os.path.join(root, path), name)
    except OSError:  # another file system, no hard links, a full disk: the next build writes everything
        _remove(spare)
        return {}
    return dict(holding)


def fill(staging: Path, files: dict[str, bytes], copies: dict[str, Path], linked: dict[str, str],
         held: Holding, published: dict[str, tuple[str, str]] | None = None) -> Holding:
    """Make `staging`, which holds `held`, hold `files`, `copies`, `linked` and `published`: write what differs, delete the rest.

    `linked` files (processed photos, by the cache file each is) and `published` ones (pages
    a build left unchanged, by what each is and the published file that holds it) are
    hard-linked where the file system allows, and copied elsewhere.
    """
    wanted: dict[str, tuple[str, bytes | Path | str]] = {}
    for path, data in files.items():
        wanted[site_path(path)] = (bytes_identity(data), data)
    for path, source in copies.items():
        wanted[site_path(path)] = (copy_identity(source, os.stat(source)), source)
    for path, cached in linked.items():
        wanted[site_path(path)] = (link_identity(cached), cached)
    for path, (identity, source) in (published or {}).items():
        wanted[site_path(path)] = (identity, source)
    root = str(staging)
    for path in held.keys() - wanted.keys():
        _delete(root, path)
    folders: set[str] = set()
    holding: Holding = {}
    for path, (identity, what) in wanted.items():
        before = held.get(path)
        if before is not None and before[2] == identity:
            holding[path] = before
            continue
        name = os.path.join(root, path)
        try:
            _make_folder(os.path.dirname(name), folders)
            if before is not None:
                os.unlink(name)  # never write into a file: it may be linked from the cache or the published site
            if isinstance(what, bytes):
                with open(name, "xb") as handle:
                    handle.write(what)
            elif isinstance(what, Path) or not _linked(what, name):  # a copy's source is a Path, a linked one's a str
                shutil.copyfile(what, name)
            status = os.lstat(name)
        except OSError as error:
            if error.filename is None:  # a failed write does not say which file
                raise OSError(error.errno, error.strerror, name) from error
            raise
        holding[path] = (status.st_size, status.st_ino if is_linked(identity) else status.st_mtime_ns, identity)
    return holding


def site_path(path: str) -> str:
    """`path` with `.` and `..` worked out; ValueError when it would leave the output folder."""
    if (path and not path.startswith("/") and not path.endswith("/") and "/." not in "/" + path
            and "//" not in path and "\\" not in path):
        return path  # nearly every path: nothing to work out (a check far quicker than normpath)
    normal = posixpath.normpath(path.replace("\\", "/"))
    if normal.startswith(("/", "../")) or normal in ("..", ".") or path.endswith("/"):
        raise ValueError(f"refusing to write {path!r} outside the output folder")
    return normal


def _make_folder(folder: str, made: set[str]) -> None:
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)


def _delete(root: str, path: str) -> None:
    """Delete a file no longer wanted, and the folders it leaves empty."""
    os.unlink(os.path.join(root, path))
    folder = posixpath.dirname(path)
    while folder:
        try:
            os.rmdir(os.path.join(root, folder))
        except OSError:  # not empty
            return
        folder = posixpath.dirname(folder)


def _remove(folder: Path) -> None:
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder, ignore_errors=True)


def _linked(source: str, target: str) -> bool:
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links: copy instead
        return False
    return True
