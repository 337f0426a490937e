"""What one `mentordir build` leaves on disk for the next: the stages' reusable results, in one file.

The file starts with a key (the generator's version, a digest of its own source and the
versions of the libraries that shape its output); a file under another key, or one that
cannot be read whole, is ignored and the build starts from nothing. It is written to a
temporary name and renamed, so a killed build leaves the old file or the new one.

The results become pages, and the cache folder is inside the site's repository, where a
pull request can add files: a planted file could claim that a bio was checked and made
into whatever HTML it likes. So the file is signed (HMAC-SHA256) under the key in the
user's own cache folder (model/signing_key.py), and a file whose signature does not verify
is ignored. Pickles can also run code while loading: the loader accepts only mentordir's
own dataclasses and enums and a few plain standard types, whoever wrote the file.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import gc
import hashlib
import hmac
import io
import logging
import os
import pickle
import stat
import sys
from pathlib import Path

# The libraries whose versions change what a build makes from the same input. Whoever
# saves or loads a build's results has loaded them already; asking them costs nothing.
import jinja2
import markdown
import nh3
import PIL
import yaml

from mentordir.model.files import write_atomically

log = logging.getLogger(__name__)

MEMORY_FILE = "build-memory.pickle"
MAC_BYTES = 32
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
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
    """What the last build saved under `key` and signed with `secret`, or None when there is nothing usable."""
    if secret is None:
        return None
    collecting = gc.isenabled()
    # Unpickling makes some hundred thousand objects, none of them garbage: the collector,
    # run again and again as they appear, took a third of the time. It is paused meanwhile.
    gc.disable()
    try:
        data = _read_plain_file(cache / MEMORY_FILE)
        header = len(key) + MAC_BYTES
        if data[:len(key)] != key or not hmac.compare_digest(data[len(key):header],
                                                             _signature(secret, key, memoryview(data)[header:])):
            log.info("Ignoring the build cache: it was kept by another mentordir or not signed by this user.")
            return None
        file = io.BytesIO(data)  # shares `data`, no copy
        file.seek(header)
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
    """Keep `memory` for the next build under `key`, signed with `secret`, replacing the old file in one step.

    Without a secret nothing is kept. A cache that cannot be written costs the next build
    its head start, nothing more: it is said in the log, never raised.
    """
    if secret is None:
        return
    try:
        cache.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(memory, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomically(cache / MEMORY_FILE, key + _signature(secret, key, data) + data)
    except OSError as error:
        log.warning("Could not keep the build cache in %s (%s); the next build will start from nothing.",
                    cache, error)


def _signature(secret: bytes, key: bytes, pickled: bytes | memoryview) -> bytes:
    """The HMAC of the generator key and the pickled results (OpenSSL's: 4 ms for a 1,000-mentor site's 8 MB)."""
    signing = hmac.new(secret, key, "sha256")
    signing.update(pickled)
    return signing.digest()


def _read_plain_file(path: Path) -> bytes:
    # Not through a link, not from a pipe or a device: a planted one would hang the build or fill the memory.
    descriptor = os.open(path, os.O_RDONLY | _NO_FOLLOW)
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ValueError(f"{path.name} is not a plain file")
        return file.read()


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
