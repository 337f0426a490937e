"""The secret that signs what a build keeps for the next: made once, kept in the user's own cache folder.

A build keeps compiled templates (Python code) and its memory (pickled results, which
become pages) in its cache folder, which sits inside the site's repository, where a pull
request can add files. Neither is used unless its signature verifies under this key, so
the key must be somewhere a pull request cannot reach: the user's cache folder
(`$XDG_CACHE_HOME/mentordir`, `~/.cache/mentordir`, `~/Library/Caches/mentordir`,
`%LOCALAPPDATA%\\mentordir\\Cache`), never under the site's root. It is 32 random bytes,
readable by its owner only (0600), written whole under a temporary name and linked into
place, so two builds at once agree on one key.

Whenever the key cannot be made or read (no home folder, a read-only one, a key file that
others may read), nothing is kept between builds, which then start from nothing: said at
INFO, never raised. The key itself is never logged.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
import sys
from pathlib import Path
from typing import Mapping

from mentordir.model.files import NEW_FILE, open_plain

log = logging.getLogger(__name__)

KEY_FILE = "build-key"
KEY_BYTES = 32


def user_cache_folder(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> Path | None:
    """mentordir's folder in the user's cache, where the platform keeps such things; None without a home."""
    try:
        if platform == "win32":
            local = environ.get("LOCALAPPDATA", "")
            base = Path(local) if local and Path(local).is_absolute() else Path.home() / "AppData" / "Local"
            return base / "mentordir" / "Cache"
        if platform == "darwin":
            return Path.home() / "Library" / "Caches" / "mentordir"
        xdg = environ.get("XDG_CACHE_HOME", "")
        # The XDG rule: a relative XDG_CACHE_HOME is invalid and ignored.
        return (Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache") / "mentordir"
    except (RuntimeError, KeyError):  # no HOME and no password entry to find it in
        return None


def signing_key(root: Path, folder: Path | None = None) -> bytes | None:
    """The key from `folder` (the user's cache folder), made on first use; None when there can be none.

    `root` is the site's folder: a key found or made under it (say XDG_CACHE_HOME points
    into the repository) would be one a pull request could plant, so it is refused.
    """
    folder = folder if folder is not None else user_cache_folder()
    if folder is None:
        log.info("Nothing is kept between builds: there is no home folder to keep the key that signs it in.")
        return None
    try:
        if folder.resolve().is_relative_to(root.resolve()):
            log.info("Nothing is kept between builds: the folder %s of the key that signs it is inside the site's "
                     "folder.", folder)
            return None
        return _read_key(folder / KEY_FILE) or _make_key(folder)
    except (OSError, ValueError) as error:  # ValueError: a NUL in a path from the environment
        log.info("Nothing is kept between builds: the key that signs it, in %s, cannot be made or read (%s).",
                 folder, getattr(error, "strerror", None) or error)
        return None


def _read_key(path: Path) -> bytes | None:
    # A link, a pipe or a file others could read or write is no key of ours.
    try:
        file, status = open_plain(path)
    except FileNotFoundError:
        return None
    with file:
        if not stat.S_ISREG(status.st_mode) or status.st_size != KEY_BYTES:
            raise ValueError(f"{path.name} is not a {KEY_BYTES}-byte file")
        if os.name == "posix" and (status.st_uid != os.geteuid() or status.st_mode & 0o077):
            raise ValueError(f"{path.name} belongs to someone else or others may read it; remove it to make a new one")
        key = file.read(KEY_BYTES + 1)
    if len(key) != KEY_BYTES:
        raise ValueError(f"{path.name} changed while it was read")
    return key


def _make_key(folder: Path) -> bytes | None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Written whole under a name no one else uses, then linked to the key's name: a link
    # fails if the name exists, so when two builds make a key at once, the first one wins
    # and both read it back.
    temporary = folder / f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(8)}.tmp"
    descriptor = os.open(temporary, NEW_FILE, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(secrets.token_bytes(KEY_BYTES))
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(temporary, folder / KEY_FILE)
        except FileExistsError:
            pass
    finally:
        temporary.unlink(missing_ok=True)
    return _read_key(folder / KEY_FILE)
