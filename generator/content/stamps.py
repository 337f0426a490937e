"""Whether a bio is as it was when last read, from one lstat and no read: the rule git's index follows.

A one-edit build read all thousand bios again to find the one that changed. Instead each
bio's bytes are kept with its stamp (size, modification and change times, inode), and a
bio whose stamp is the same is taken to hold the same bytes. A stamp can stay the same
across a change only when the change falls within one tick of the file system's clock
(same size, same times: "racily clean" in git's words), so a stamp is trusted only when
its times are older, by more than a tick, than the moment the load that read it began.
A bio written just before that load is read once more by the next one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping

from mentordir.model.problems import Problem

Stamp = tuple[int, int, int, int]
"""A file's (st_size, st_mtime_ns, st_ctime_ns, st_ino): a plain tuple, cheap to keep and to load again."""

BioRead = tuple[Stamp, bytes | None, tuple[Problem, ...]]
"""A bio's stamp just before it was read, the bytes read (None when it was refused) and the problems reading it gave."""

# More than a tick of any file system's clock: FAT keeps times to 2 s, ext3 and HFS+ to
# 1 s, and ext4 and its kind take them from a clock that lags time.time_ns() by up to a
# scheduler tick. The change time counts as much as the modification time: a program
# can set the modification time back (`touch -d`, `cp -p`, `tar`), never the change time.
TICK_NS = 3_000_000_000


def stamp_of(status: os.stat_result) -> Stamp:
    """The stamp of a file from its lstat."""
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def unchanged(before: Stamp, now: Stamp, read_from: int) -> bool:
    """Whether a file stamped `before` by a load that began at `read_from` (ns) holds what that load read."""
    return now == before and max(now[1], now[2]) < read_from - TICK_NS


@dataclass(frozen=True)
class KnownBios:
    """The bios one load read, for the next load to take each unchanged one from instead of reading it again."""

    files: Mapping[str, BioRead] = field(default_factory=dict)
    """Bio file (relative to the site root) -> how it was read; its problems come back with it every build."""
    read_from: int = 0
    """When that load began (time.time_ns()); 0 trusts nothing."""
