"""What one `mentordir build` leaves on disk for the next: the stages' reusable results, in one file.

The file starts with a key (the generator's version, a digest of its own source and the
versions of the libraries that shape its output); a file under another key, or one that
cannot be read whole, is ignored and the build starts from nothing. It is written to a
temporary name and renamed, so a killed build leaves the old file or the new one.

The results are pickled, which can run code while loading: the loader accepts only
mentordir's own dataclasses and enums and a few plain standard types, so a file planted
in the cache folder (say by a pull request that adds `.cache/`) can build values but can
never call anything else.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import gc
import hashlib
import logging
import pickle
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


def load_memory(cache: Path, key: bytes) -> object | None:
    """What the last build saved under `key`, or None when there is nothing usable."""
    collecting = gc.isenabled()
    # Unpickling makes some hundred thousand objects, none of them garbage: the collector,
    # run again and again as they appear, took a third of the time. It is paused meanwhile.
    gc.disable()
    try:
        with open(cache / MEMORY_FILE, "rb") as file:
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


def save_memory(cache: Path, key: bytes, memory: object) -> None:
    """Keep `memory` for the next build under `key`, replacing the old file in one step.

    A cache that cannot be written costs the next build its head start, nothing more: it
    is said in the log, never raised.
    """
    try:
        cache.mkdir(parents=True, exist_ok=True)
        write_atomically(cache / MEMORY_FILE, key + pickle.dumps(memory, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as error:
        log.warning("Could not keep the build cache in %s (%s); the next build will start from nothing.",
                    cache, error)


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
