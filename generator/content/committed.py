"""Files committed where mentordir keeps what it makes for itself: its cache is never part of the site's repository.

A pull request can add files anywhere, `.cache/` included. What a build keeps there is
checked before it is used (signed stamps and signatures, see output/remember.py and
site/compiled_templates.py), but processed photos are named by the photo's content, which
anyone can work out: a picture committed under the right name would be published as a
mentor's photo without having been processed, or seen in review as a photo. So a repository
that commits anything under `.cache/` is an error that stops the build and fails the check.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mentordir.content.git import git_output
from mentordir.model.problems import Problem

CACHE_FOLDER = ".cache"


def committed_cache_problems(root: Path) -> list[Problem]:
    """An error when git tracks files under ROOT/.cache; none outside a repository or without git."""
    if not (root / CACHE_FOLDER).exists() or shutil.which("git") is None:
        return []  # nothing there, or no git to ask (said once already by the history, if at all)
    listed = git_output(root, "ls-files", "-z", "--", CACHE_FOLDER) or ""
    files = sorted(name for name in listed.split("\0") if name)
    if not files:
        return []
    others = len(files) - 1
    more = "" if not others else f", as {'is 1 more file' if others == 1 else f'are {others} more files'} under " \
        f"{CACHE_FOLDER}/"
    # Named by its first file, so that a pull request's check points at it in the diff.
    return [Problem(files[0], None, None,
                    f"is committed to the repository inside mentordir's cache{more}; the cache is made by each "
                    "build and never committed, and a file put there could reach the site without anyone "
                    "reviewing it",
                    f"take the cache out of the repository with `git rm -r --cached {CACHE_FOLDER}` and commit; "
                    f"{CACHE_FOLDER}/ belongs in .gitignore")]
