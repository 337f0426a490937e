"""Reading one content file at the repository's edge: no links, no special files, no more than its limit.

A named pipe called `jane-doe.md` would make a plain read wait for ever, and a 2 GB file
would be read whole before any size check; so a file is looked at with lstat first, opened
without following links or waiting on pipes, and read only up to its limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from mentordir.content.frontmatter import MAX_FILE_BYTES
from mentordir.model.files import open_plain
from mentordir.model.problems import Problem

_SPECIAL_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                  (stat.S_ISBLK, "a device"))


def read_inside(root: Path, path: Path, file: str, limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, list[Problem]]:
    """A content file's bytes, read only when it is an ordinary file reached without links from `root`."""
    # No link anywhere on the way: the path resolved must be the path as written.
    if path.resolve() != root.resolve() / path.relative_to(root):
        return None, [Problem(file, None, None, "is reached through a symbolic link",
                              "replace the link with the real file")]
    return read_plain(path, file, limit)


def read_plain(path: Path, file: str, limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, refusing links and special files without opening them, and reading at most `limit`+1 bytes."""
    status = os.lstat(path)
    if (problem := not_plain(status.st_mode, file)) is not None:
        return None, [problem]
    if status.st_size > limit:
        return None, [_too_big(status.st_size, limit, file)]
    # A file swapped for a link or a pipe since lstat is neither followed nor waited on.
    handle, opened = open_plain(path)
    with handle:
        if (problem := not_plain(opened.st_mode, file)) is not None:
            return None, [problem]
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew since lstat
        return None, [_too_big(len(data), limit, file)]
    return data, []


def not_plain(mode: int, file: str) -> Problem | None:
    """The problem with a file that is not an ordinary file (a link, pipe, device or socket), else None."""
    return None if stat.S_ISREG(mode) else special_file(mode, file)


def special_file(mode: int, file: str) -> Problem:
    """The problem with a link, named pipe, device or socket where an ordinary file belongs."""
    if stat.S_ISLNK(mode):
        return Problem(file, None, None, "is a symbolic link; links are not allowed under content/",
                       "replace the link with the real file")
    kind = next((f"is {name}, not" for test, name in _SPECIAL_KINDS if test(mode)), "is not")
    return Problem(file, None, None, f"{kind} an ordinary file", "replace it with an ordinary file, or remove it")


def _too_big(size: int, limit: int, file: str) -> Problem:
    return Problem(file, None, None, f"the file is {size:,} bytes, more than the {limit:,} allowed",
                   "shorten the text; a bio needs only a few paragraphs" if "/mentors/" in file
                   else "shorten the text, or split it into more files")
