"""Asking the site's git repository a question: one runner, never through a shell, with a time limit."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)

GIT_TIMEOUT_SECONDS = 30


def run_git(where: Path, *arguments: str, timeout: float = GIT_TIMEOUT_SECONDS) -> subprocess.CompletedProcess[bytes]:
    """Run `git -C where arguments...`, its output captured; OSError without git, TimeoutExpired when too long.

    A list of arguments and no shell: a ref or a file name is never read as a command.
    """
    return subprocess.run(["git", "-C", str(where), *arguments], capture_output=True, timeout=timeout, check=False)


def git_output(where: Path, *arguments: str) -> str | None:
    """What `git -C where arguments...` prints, or None when git is missing, fails or takes too long."""
    try:
        result = run_git(where, *arguments)
    except (OSError, subprocess.TimeoutExpired) as error:
        log.warning("git %s failed: %s", arguments[0], error)
        return None
    return result.stdout.decode("utf-8", "replace") if result.returncode == 0 else None
