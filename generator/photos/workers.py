"""The photo pool's workers end with the build that started them, however the build ends.

A build killed with SIGKILL cannot shut its pool down, and its workers would wait for
work for ever (the issue saw them alive 13 minutes later). On Linux the kernel sends a
forked worker SIGKILL the moment its parent dies (prctl PR_SET_PDEATHSIG); everywhere, a
watchdog thread in each worker ends it within a second of its build being gone.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import threading
import time

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_SECONDS = 1.0


def die_with_parent(parent: int) -> None:
    """Pool initializer: end this worker as soon as process `parent` (the build) has ended."""
    # With the fork start method the build is our parent. With forkserver or spawn a helper
    # sits between, so only the watchdog's look at the build's pid can tell.
    forked = os.getppid() == parent
    if forked and sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (AttributeError, OSError):
            log.debug("prctl is not available; the watchdog alone ends this worker")
    if not _alive(parent, forked):  # the build died before prctl took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent, forked), name="parent-watchdog", daemon=True).start()


def _watch(parent: int, forked: bool) -> None:
    while _alive(parent, forked):
        time.sleep(WATCH_SECONDS)
    os._exit(1)  # no clean-up to do: a worker writes each rendition to a temporary file first


def _alive(parent: int, forked: bool) -> bool:
    if forked:
        return os.getppid() == parent  # an orphan is adopted at once, so a new parent means ours died
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True
