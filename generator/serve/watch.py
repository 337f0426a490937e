"""Tell the dev server which files changed under the folders it watches, one burst of changes at a time.

The watching itself is `watchfiles` (the Rust `notify` crate: inotify on Linux, FSEvents on
macOS, ReadDirectoryChangesW on Windows). This module only decides what counts: hidden
files and folders (the cache under `.cache`, `.git`), editors' temporary files, and the
folders the server writes to itself are left out, so the server's own writes never wake it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Generator, Sequence
from pathlib import Path

from watchfiles import Change, watch

# After the first event of a save, how long the folders must stay quiet before the burst is
# handed over: an editor's write-rename-delete takes well under a millisecond, and every
# millisecond here is added to the edit-to-reload time (about 2x this, by bench/watch.py:
# 10 ms median at 5 ms, 17 ms at 10, 48 ms at 20).
QUIET_MS = 5
# The longest a burst is gathered for (a `git checkout` of many files), before it is handed over anyway.
BURST_MS = 1000
# How often a wait wakes to check its deadline; a wait shorter than this is rounded up to it.
TICK_MS = 50

TEMPORARY_ENDINGS = ("~", ".swp", ".swx", ".tmp")
"""Name endings of editors' backups and swap files, and of our own atomic writes."""


def is_ignored(path: Path, folders: Sequence[Path], ignore: Sequence[Path]) -> bool:
    """Whether a change to `path` should leave the site alone: outside `folders`, inside `ignore`, hidden or temporary."""
    if any(path.is_relative_to(folder) for folder in ignore):
        return True
    inside = [path.relative_to(folder) for folder in folders if path.is_relative_to(folder)]
    if not inside:
        return True
    parts = inside[0].parts
    return (any(part.startswith(".") or part == "__pycache__" for part in parts)
            or path.name.endswith(TEMPORARY_ENDINGS))


def _nearest_existing(folder: Path) -> Path:
    while not folder.is_dir() and folder.parent != folder:
        folder = folder.parent
    return folder


class Watcher:
    """Watches `folders` from the moment it is made, and hands over the changed files a burst at a time."""

    def __init__(self, folders: Sequence[Path], ignore: Sequence[Path] = ()) -> None:
        self.folders = tuple(folder.resolve() for folder in folders)
        self.ignore = tuple(folder.resolve() for folder in ignore)
        self._stop = threading.Event()
        self._pending: frozenset[Path] = frozenset()
        # A folder that does not exist yet (a site's first theme/ override) is watched through the
        # nearest folder above it that does: watchfiles refuses a missing path, and the filter
        # still counts only changes inside the folders asked for.
        roots = tuple(dict.fromkeys(_nearest_existing(folder) for folder in self.folders))
        self._bursts: Generator[set[tuple[Change, str]], None, None] = watch(
            *roots, watch_filter=lambda _, path: not is_ignored(Path(path), self.folders, self.ignore),
            debounce=BURST_MS, step=QUIET_MS, rust_timeout=TICK_MS, yield_on_timeout=True,
            stop_event=self._stop)
        # The generator starts watching on its first step: take that step now, so that an edit
        # made while the first build runs is not missed (and keep what it saw, if anything).
        self._pending = self.changes(0)

    def changes(self, timeout: float) -> frozenset[Path]:
        """The files changed in the next burst, waiting up to `timeout` seconds for one; empty if none came."""
        if self._pending:
            pending, self._pending = self._pending, frozenset()
            return pending
        deadline = time.monotonic() + timeout
        while not self.closed:
            burst = next(self._bursts, None)
            if burst is None:
                self._stop.set()  # the watch has ended
            elif burst:
                return frozenset(Path(path) for _, path in burst)
            elif time.monotonic() >= deadline:
                break
        return frozenset()

    @property
    def closed(self) -> bool:
        """Whether watching has stopped."""
        return self._stop.is_set()

    def close(self) -> None:
        """Stop watching."""
        self._stop.set()
        try:
            self._bursts.close()
        except ValueError:
            pass  # waiting in another thread: it sees the stop within one tick and ends there
