"""Notice changed files under the folders the dev server watches, by comparing snapshots.

Comparing snapshots sees edits made by any editor or by git, and a snapshot of a few
thousand files takes a few milliseconds. On Linux the Watcher sleeps on inotify and
wakes as soon as a file is written; elsewhere it polls every 50 ms.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import sys
import time
from dataclasses import dataclass
from pathlib import Path

Snapshot = dict[Path, tuple[int, int]]


@dataclass(frozen=True)
class Changes:
    """What differs between two snapshots."""

    changed: frozenset[Path]
    """Files added, removed or modified."""

    def __bool__(self) -> bool:
        return bool(self.changed)


def snapshot(folders: list[Path]) -> Snapshot:
    """Size and modification time of every file under `folders` (hidden files and caches left out)."""
    found: Snapshot = {}
    pending = [str(folder) for folder in folders]
    while pending:
        try:
            entries = os.scandir(pending.pop())
        except OSError:
            continue  # removed while we looked
        with entries:
            for entry in entries:
                name = entry.name
                if name.startswith(".") or name == "__pycache__" or name.endswith(("~", ".swp", ".tmp")):
                    continue  # hidden files, caches, and editors' and our own temporary files
                try:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                    else:
                        status = entry.stat(follow_symlinks=False)
                        found[Path(entry.path)] = (status.st_mtime_ns, status.st_size)
                except OSError:
                    continue
    return found


def compare(before: Snapshot, after: Snapshot) -> Changes:
    """The files that were added, removed or modified between two snapshots."""
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    return Changes(changed=frozenset(changed))


class Watcher:
    """Waits for a change under `folders`: inotify where the system has it (Linux), else polling.

    With inotify the dev server wakes the moment an editor writes, instead of up to one
    polling interval later; either way the snapshot comparison decides what changed.
    """

    _MASK = 0x2 | 0x8 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800  # modify, close-write, moves, create, delete

    def __init__(self, folders: list[Path], interval: float = 0.05) -> None:
        self.folders = folders
        self.interval = interval
        self._fd = _inotify_init()
        self._watched: set[str] = set()
        self._add_watches()

    def wait(self) -> bool:
        """Block until something may have changed (or one polling interval); whether inotify said so."""
        if self._fd is None:
            time.sleep(self.interval)
            return False
        ready, _, _ = select.select([self._fd], [], [], 1.0)
        if not ready:
            return False
        time.sleep(0.005)  # let a burst of events from one save arrive together
        try:
            while os.read(self._fd, 65536):
                pass
        except BlockingIOError:
            pass
        self._add_watches()  # new folders need watches of their own
        return True

    def close(self) -> None:
        """Release the inotify descriptor."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _add_watches(self) -> None:
        if self._fd is None:
            return
        for folder in self.folders:
            for directory, subfolders, _ in os.walk(folder):
                subfolders[:] = [name for name in subfolders if not name.startswith(".") and name != "__pycache__"]
                if directory not in self._watched and _LIBC is not None:
                    if _LIBC.inotify_add_watch(self._fd, os.fsencode(directory), self._MASK) >= 0:
                        self._watched.add(directory)


def _inotify_init() -> int | None:
    if _LIBC is None:
        return None
    descriptor = _LIBC.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
    return descriptor if descriptor >= 0 else None


def _load_libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.inotify_init1.argtypes = [ctypes.c_int]
        libc.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
        return libc
    except (OSError, AttributeError):
        return None


_LIBC = _load_libc()
