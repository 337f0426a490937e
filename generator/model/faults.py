"""Faults of the machine, said in plain words: a full disk, a read-only one, a name too long.

The command line turns every `OSError` into one line that names the path, says what is
wrong and what to do, as content problems do: `<path>: <what is wrong> - <how to fix it>`.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from mentordir.model.problems import shown

_AGAIN = "then run the command again"
# What each error number means to someone who is not a programmer, and what to do about it.
# `moves` marks the faults that writing somewhere else would avoid (see Place.hint).
_MEANINGS: dict[int, tuple[str, str, bool]] = {
    errno.ENOSPC: ("there is no space left on the disk", f"free some space on it, {_AGAIN}", True),
    errno.EDQUOT: ("your share of the disk (quota) is used up", f"free some space on it, {_AGAIN}", True),
    errno.EFBIG: ("the file is too large for this disk", f"free some space or use another disk, {_AGAIN}", True),
    errno.EROFS: ("the disk is read-only", f"make it writable, {_AGAIN}", True),
    errno.EACCES: ("permission denied", f"give yourself permission to read and write it, {_AGAIN}", True),
    errno.EPERM: ("the system does not allow this", f"give yourself permission to change it, {_AGAIN}", True),
    errno.EBUSY: ("it is in use (another program holds it open, or it is a mount point)",
                  f"close the program that uses it, {_AGAIN}", True),
    errno.ETXTBSY: ("it is in use by another program", f"close the program that uses it, {_AGAIN}", True),
    errno.ENAMETOOLONG: ("the name is too long for this file system",
                         f"use a shorter folder path or file name, {_AGAIN}", True),
    errno.EMFILE: ("too many files are open at once", f"close other programs, {_AGAIN}", False),
    errno.ENFILE: ("too many files are open at once", f"close other programs, {_AGAIN}", False),
    errno.EIO: ("the disk failed to read or write it", f"check the disk (it may be failing or unplugged), {_AGAIN}",
                False),
    errno.ENOENT: ("it does not exist, or disappeared while it was in use", f"check the path, {_AGAIN}", False),
    errno.ENOTDIR: ("part of the path is a file, not a folder", f"check the path, {_AGAIN}", False),
    errno.EISDIR: ("it is a folder where a file was expected", f"check the path, {_AGAIN}", False),
    errno.ENOTEMPTY: ("the folder is not empty", f"check what is in it, {_AGAIN}", False),
    errno.ELOOP: ("it is a symbolic link, or a loop of links", f"replace the link with the real file or folder, {_AGAIN}",
                  False),
    errno.EXDEV: ("it is on another disk than the folder it must move to", f"keep both on one disk, {_AGAIN}", False),
    errno.EPIPE: ("the program reading the output stopped", "run the command again without cutting its output short",
                  False),
}


@dataclass(frozen=True)
class Place:
    """A folder the command writes or reads, and how to choose another one."""

    folder: Path
    """The folder; a path inside it (or beside it, for the output's staging folders) is in this place."""
    hint: str
    """How to use another folder instead, e.g. `or write the site somewhere else with --out`."""


def describe(error: OSError, places: Sequence[Place] = ()) -> str:
    """One line for a fault of the machine: `<path>: <what is wrong> - <how to fix it>`, escaped for a terminal."""
    what, fix, moves = _MEANINGS.get(error.errno or 0, (None, f"check the path and the disk, {_AGAIN}", False))
    what = what or (error.strerror or str(error)).lower() or "it could not be used"
    if error.filename is None:
        return shown(f"{what} - {fix}")
    path = Path(str(error.filename))
    if moves:
        hint = next((place.hint for place in places if _within(path, place.folder)), None)
        if hint is not None:
            fix = f"{fix.removesuffix(', ' + _AGAIN)}, {hint}, {_AGAIN}"
    return shown(f"{path}: {what} - {fix}")


def _within(path: Path, folder: Path) -> bool:
    if path == folder or path.is_relative_to(folder):
        return True
    # The output's staging and set-aside folders sit beside it (`.<name>.staging-<pid>`).
    if path.parent != path and path.is_relative_to(folder.parent) and path != folder.parent:
        return path.relative_to(folder.parent).parts[0].startswith(f".{folder.name}.")
    return False
