"""Replacing a file so that a reader sees the old bytes or the new ones, never half a file."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path` in one step."""
    # The temporary name is hidden, ends in .tmp and carries our process id: the dev server's
    # watcher ignores it, and two builds at once never write the same temporary file.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException as error:
        temporary.unlink(missing_ok=True)  # a full disk must not keep half-written files for ever
        if isinstance(error, OSError) and error.filename is None:  # a failed write does not say which file
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise
