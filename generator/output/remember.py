"""What one `mentordir build` leaves on disk for the next: the stages' reusable results, in one file.

The file starts with a key (the generator's version, a digest of its own source and the
versions of the libraries that shape its output); a file under another key, or one that
cannot be read whole, is ignored and the build starts from nothing. It is written to a
temporary name and renamed, so a killed build leaves the old file or the new one.

The results become pages, and the cache folder is inside the site's repository, where a
pull request can add files: a planted file could claim that a bio was checked and made
into whatever HTML it likes. So a build trusts the file only when a stamp beside it,
signed (HMAC-SHA256) under the key in the user's own cache folder (model/signing_key.py),
names that very file: its inode, size and times, which a checkout or a copy cannot give
another file. Pickles can also run code while loading: the loader accepts only
mentordir's own dataclasses and enums and a few plain standard types, whoever wrote the file.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import gc
import hashlib
import hmac
import logging
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import BinaryIO

# The libraries whose versions change what a build makes from the same input. Whoever
# saves or loads a build's results has loaded them already; asking them costs nothing.
import jinja2
import markdown
import nh3
import PIL
import yaml

from mentordir.model.files import open_plain, write_atomically, write_atomically_with

log = logging.getLogger(__name__)

MEMORY_FILE = "build-memory.pickle"
STAMP_FILE = "build-memory.stamp"
"""Which file the last build kept, signed: see _signed_stamp."""
PACKAGE = Path(__file__).resolve().parents[1]
# Plain types the stages' results are made of, besides mentordir's own.
ALLOWED_GLOBALS = {("builtins", "set"), ("builtins", "frozenset"), ("datetime", "date"), ("pathlib", "PosixPath"),
                   ("pathlib", "WindowsPath"), ("markupsafe", "Markup")}


@functools.lru_cache(maxsize=1)
def generator_key() -> bytes:
    """A digest of the generator's own source (so its version) and of the libraries that shape its output.

    Worked out once per process: the code running is the code that was imported, whatever
    happens to the files later (a dev server left running while mentordir is upgraded).
    """
    return source_key(PACKAGE)


def source_key(package: Path) -> bytes:
    """A digest of every source file of `package` and of the libraries that shape the output."""
    digest = hashlib.blake2b(digest_size=16)
    libraries = (jinja2.__version__, markdown.__version__, nh3.__version__, PIL.__version__, yaml.__version__)
    digest.update(repr((sys.version, libraries)).encode())
    # Every source file of the package, its __init__.py (with __version__) included.
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def load_memory(cache: Path, key: bytes, secret: bytes | None) -> object | None:
    """What the last build saved under `key`, or None when there is nothing usable.

    Usable means: the file is the very one a build of this user's saved, as its stamp
    (signed with `secret`) says, and it starts with `key`.
    """
    if secret is None:
        return None
    collecting = gc.isenabled()
    # Unpickling makes some hundred thousand objects, none of them garbage: the collector,
    # run again and again as they appear, took a third of the time. It is paused meanwhile.
    gc.disable()
    try:
        # Neither file through a link, nor from a pipe or a device: a planted one would hang the build.
        stamp_file, status = open_plain(cache / STAMP_FILE)
        with stamp_file:
            stamp = stamp_file.read(1024) if stat.S_ISREG(status.st_mode) else b""
        file, status = open_plain(cache / MEMORY_FILE)
        with file:
            if not hmac.compare_digest(stamp, _signed_stamp(status, secret)):
                log.info("Ignoring the build cache: it is not the file this user's last build kept.")
                return None
            if file.read(len(key)) != key:
                return None
            return _Loader(file).load()
    except FileNotFoundError:
        return None
    except Exception as error:  # noqa: BLE001 - any unreadable cache means a full build, never a traceback
        log.info("Ignoring the build cache (%s: %s); building everything.", type(error).__name__, error)
        return None
    finally:
        if collecting:
            gc.enable()


def save_memory(cache: Path, key: bytes, memory: object, secret: bytes | None) -> None:
    """Keep `memory` for the next build under `key`, replacing the old file in one step, and stamp it with `secret`.

    Without a secret nothing is kept. A cache that cannot be written costs the next build
    its head start, nothing more: it is said in the log, never raised.
    """
    if secret is None:
        return
    def write(file: BinaryIO) -> None:  # pickled straight into the file: 10 MB need not be joined first
        file.write(key)
        pickle.dump(memory, file, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        cache.mkdir(parents=True, exist_ok=True)
        # A save stopped before the stamp leaves the old stamp, which names the old file only.
        write_atomically_with(cache / MEMORY_FILE, write)
        write_atomically(cache / STAMP_FILE, _signed_stamp(os.stat(cache / MEMORY_FILE, follow_symlinks=False),
                                                           secret))
    except OSError as error:
        log.warning("Could not keep the build cache in %s (%s); the next build will start from nothing.",
                    cache, error)


def _signed_stamp(status: os.stat_result, secret: bytes) -> bytes:
    """What identifies one file on this machine (device, inode, size, times), with its HMAC under `secret`.

    No one can give another file the same: an inode and a change time are the system's to
    set, and a checkout or a copy makes new ones. So a stamp signed when the file was
    written proves it is that file, unchanged, without reading its 10 MB (signing those
    took 7 ms each way).
    """
    if not stat.S_ISREG(status.st_mode):
        raise ValueError("the build cache is not a plain file")
    identity = repr((status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)).encode()
    return identity + b"\n" + hmac.new(secret, identity, "sha256").hexdigest().encode()


class _Loader(pickle.Unpickler):
    """An unpickler that builds only mentordir's dataclasses and enums and the plain types above."""

    def find_class(self, module: str, name: str) -> type:
        # Checked before anything is imported: importing a module can run code too.
        if (module, name) in ALLOWED_GLOBALS:
            return super().find_class(module, name)
        if module.startswith("mentordir."):
            found = super().find_class(module, name)
            if isinstance(found, type) and (dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the build cache")
