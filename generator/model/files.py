"""Files at the repository's edge: read without following a link or waiting on a pipe, and replaced in one step.

A reader sees the old bytes of a replaced file or the new ones, never half a file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, Callable


# Never through a symbolic link, never waiting on a named pipe; bytes as they are (Windows), and
# not handed to the processes a build starts.
_NOT_FOLLOWED = (getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
                 | getattr(os, "O_CLOEXEC", 0))
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOT_FOLLOWED
"""Flags for os.open that make a new file only: never one already there, never through a link."""


def open_plain(path: Path) -> tuple[BinaryIO, os.stat_result]:
    """`path` opened for reading, never through a link nor waiting on a pipe, with the status of what was opened.

    The caller checks that the status is an ordinary file's (stat.S_ISREG) before reading:
    a link, pipe or device planted where a file belongs is then neither followed nor read.
    """
    descriptor = os.open(path, os.O_RDONLY | _NOT_FOLLOWED)
    try:
        return os.fdopen(descriptor, "rb"), os.fstat(descriptor)
    except BaseException:
        os.close(descriptor)
        raise


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path` in one step."""
    write_atomically_with(path, lambda file: file.write(data))


def write_atomically_with(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Have `write` write a temporary file beside `path`, then rename it over `path` in one step.

    For a large file made in pieces (a pickle), which then need not be joined in memory first.
    """
    # The temporary name is hidden, ends in .tmp and carries our process id: the dev server's
    # watcher ignores it, and two builds at once never write the same temporary file.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        try:
            descriptor = os.open(temporary, NEW_FILE, 0o644)
        except FileExistsError:
            # Left by a killed process that had our id, or planted: the cache folder is in the
            # site's repository, and a link there named for a likely id would otherwise have
            # us write through it. The name is removed (a link, not what it points to).
            temporary.unlink()
            descriptor = os.open(temporary, NEW_FILE, 0o644)
        with os.fdopen(descriptor, "wb") as file:
            write(file)
        os.replace(temporary, path)
    except BaseException as error:
        temporary.unlink(missing_ok=True)  # a full disk must not keep half-written files for ever
        if isinstance(error, OSError) and error.filename is None:  # a failed write does not say which file
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise
