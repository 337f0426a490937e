"""Tests for generator/photos/workers.py: the photo pool's workers end with the build, however it ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from mentordir.photos.workers import die_with_parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="watches processes through /proc")

POOL_THEN_WAIT = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
from mentordir.photos.workers import die_with_parent
pool = ProcessPoolExecutor(2, initializer=die_with_parent, initargs=(os.getpid(),))
workers = {pool.submit(os.getpid).result() for _ in range(20)}
for _ in range(2):
    pool.submit(time.sleep, 600)  # both workers busy, as during a build
print(" ".join(map(str, sorted(workers))), flush=True)
time.sleep(600)
"""


def alive(pid: int) -> bool:
    """Whether process `pid` exists and is not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def gone_within(pids: set[int], seconds: float) -> set[int]:
    """The processes of `pids` still alive after waiting up to `seconds` for them to end."""
    deadline = time.monotonic() + seconds
    while (left := {pid for pid in pids if alive(pid)}) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def test_busy_workers_end_when_their_build_is_killed_with_sigkill():
    build = subprocess.Popen([sys.executable, "-c", POOL_THEN_WAIT], stdout=subprocess.PIPE, text=True)
    workers = {int(pid) for pid in build.stdout.readline().split()}
    assert len(workers) >= 1 and all(alive(pid) for pid in workers)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert gone_within(workers, 10) == set()


def test_the_watchdog_ends_a_worker_whose_build_is_not_its_parent():
    # As under forkserver or spawn: the build is not the worker's parent, so prctl does not
    # apply and only the watchdog, looking at the build's pid, can end the worker.
    build = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    pool = ProcessPoolExecutor(1, initializer=die_with_parent, initargs=(build.pid,))
    try:
        worker = pool.submit(os.getpid).result()
        pool.submit(time.sleep, 600)
        assert alive(worker)
        build.kill()
        build.wait()
        assert gone_within({worker}, 10) == set()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def test_a_worker_started_after_its_build_died_ends_at_once():
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    worker = subprocess.run([sys.executable, "-c", "import sys; from mentordir.photos.workers import "
                             f"die_with_parent; die_with_parent({finished.pid}); print('still here')"],
                            capture_output=True, text=True, timeout=60)
    assert (worker.returncode, worker.stdout) == (1, "")
