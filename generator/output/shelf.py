"""What the published site and the spare site beside it hold, so that a build writes only what changed.

A build swaps a whole new site in (see write.py), and keeps the site it replaced as a spare
in its cache folder (`.cache/mentordir/spare-site/`: never committed, never published). The
next build starts its staging folder from that spare instead of from nothing: it writes only
the files whose bytes differ and deletes those no longer wanted, so a one-line edit of a
1,000-mentor site writes a few pages, not 9,000 files.

The shelf records, for each of the two folders, every file's size and modification time (for
a linked photo, its inode) and what the file is (a digest of its bytes, or the file it was
linked from). The spare is reused only when a walk of it finds exactly what the shelf
recorded (holds()); anything else (a file edited, added or removed by hand, a build killed
before it recorded what it wrote) means the spare is deleted and the site is written from
nothing. When in doubt, write everything.

The shelf is kept in the cache folder, written after the swap; a stale shelf can only cause a
full write, never a wrong site, since the folders are checked against it before use. It is
pickled (twice as quick as JSON for 9,000 files each way) and read back by an unpickler that
builds only strings, numbers, tuples and dicts, so a planted file can run nothing.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from mentordir.model.files import write_atomically

SHELF_FILE = "site-shelf.pickle"
SPARE_FOLDER = "spare-site"
"""The spare's name in the cache folder, which is never committed and never published."""

Entry = tuple[int, int, str]
"""One file of a site folder: size, a stamp, and what it is (see bytes_identity, link_identity).

The stamp is the modification time (ns), or for a linked file (a processed photo) its inode
number: see holds().
"""
Holding = dict[str, Entry]
"""Every file of a site folder, by path relative to it."""


@dataclass(frozen=True)
class Shelf:
    """What the output folder and its spare held after the last successful write."""

    out: str = ""
    """The output folder these records are of."""
    published: Holding = field(default_factory=dict)
    """What the output folder holds."""
    spare: Holding = field(default_factory=dict)
    """What the spare beside it holds (empty when there is none)."""


def link_identity(source: str) -> str:
    """What a processed photo is: the cache file it came from, which is named by its content."""
    return "l" + os.path.basename(source)


def copy_identity(source: Path, status: os.stat_result) -> str:
    """What a copied file is: its source, as it was when copied."""
    return f"c{status.st_size}:{status.st_mtime_ns}:{source}"


def is_linked(identity: str) -> bool:
    """Whether a file is a link to a processed photo in the cache (see link_identity)."""
    return identity.startswith("l")


def holds(folder: Path, holding: Holding) -> bool:
    """Whether `folder` holds exactly the files `holding` records, each as it was recorded.

    Each file's size and modification time are compared, except a linked file's: it is a
    hard link to a cache file named by its content, which is only ever replaced, never
    written into, so only its inode (which the folder listing gives without looking at the
    file) is compared. A large site has 8,000 of them; looking at each took 15 ms.
    """
    prefix = len(str(folder)) + 1
    pending, found = [str(folder)], 0
    try:
        while pending:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                        continue
                    recorded = holding.get(entry.path[prefix:].replace(os.sep, "/"))
                    if recorded is None:
                        return False
                    if is_linked(recorded[2]):
                        if not entry.is_file(follow_symlinks=False) or entry.inode() != recorded[1]:
                            return False
                    else:
                        status = entry.stat(follow_symlinks=False)
                        if (status.st_size, status.st_mtime_ns) != recorded[:2]:
                            return False
                    found += 1
    except OSError:  # missing, unreadable or changing under us: not as recorded
        return False
    return found == len(holding)


def walk(folder: Path, skip: str = "") -> dict[str, tuple[int, int]]:
    """Every file under `folder` (links not followed) with its size and modification time; {} if missing.

    Folders named `skip` are left out. Paths are relative to `folder`, with forward slashes.
    """
    # os.scandir and plain strings: a site has thousands of files, and a Path for each would
    # cost more than the walk itself.
    found: dict[str, tuple[int, int]] = {}
    prefix = len(str(folder)) + 1
    pending = [str(folder)]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != skip:
                    pending.append(entry.path)
                continue
            try:
                status = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            found[entry.path[prefix:].replace(os.sep, "/")] = (status.st_size, status.st_mtime_ns)
    return found


def load_shelf(cache: Path, out: Path) -> Shelf:
    """What the last write into `out` recorded; an empty shelf when there is none or it is unreadable."""
    try:
        with open(cache / SHELF_FILE, "rb") as file:
            data = _PlainLoader(file).load()
        if not (isinstance(data, tuple) and len(data) == 3 and data[0] == str(out)
                and all(_is_holding(holding) for holding in data[1:])):
            return Shelf(out=str(out))
        return Shelf(out=str(out), published=data[1], spare=data[2])
    except Exception:  # noqa: BLE001 - any unreadable record means writing everything, never a traceback
        return Shelf(out=str(out))


def save_shelf(cache: Path, shelf: Shelf) -> None:
    """Record `shelf` for the next build, replacing the old record in one step."""
    cache.mkdir(parents=True, exist_ok=True)
    data = (shelf.out, dict(shelf.published), dict(shelf.spare))
    write_atomically(cache / SHELF_FILE, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def forget_shelf(cache: Path) -> None:
    """Drop the record: the folders no longer match it (their next use writes everything)."""
    (cache / SHELF_FILE).unlink(missing_ok=True)


def _is_holding(holding: object) -> bool:
    # Checked a column at a time (a set of types each), since a record has 9,000 rows.
    if not isinstance(holding, dict) or not holding:
        return isinstance(holding, dict)
    entries = holding.values()
    if set(map(type, holding)) != {str} or set(map(type, entries)) != {tuple} or set(map(len, entries)) != {3}:
        return False
    sizes, times, identities = zip(*entries)
    return set(map(type, sizes)) == set(map(type, times)) == {int} and set(map(type, identities)) == {str}


class _PlainLoader(pickle.Unpickler):
    """An unpickler for plain data only: it builds no class and calls nothing, whoever wrote the file."""

    def find_class(self, module: str, name: str) -> type:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the site shelf")
