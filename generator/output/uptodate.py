"""Whether a build would change nothing: a fingerprint of every input, and the state of the output.

`mentordir build` with nothing changed should do almost no work. The fingerprint covers
the size and modification time of every file under `content/` and the theme, the build
options and date, and the generator's own code and image library; the output folder's
files must still be exactly as the last build left them. Any difference means a full
build: when in doubt, rebuild.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import astuple
from pathlib import Path

import PIL

from mentordir.model.problems import Problem, Severity

STATE_FILE = "build-state.json"
GENERATOR = Path(__file__).resolve().parent


def input_fingerprint(root: Path, theme: Path, settings: tuple[object, ...]) -> str:
    """A digest of every input file's size and modification time, the settings and our own code."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((settings, sys.version, PIL.__version__)).encode())
    for folder in (root / "content", theme, GENERATOR):
        for path, size, mtime in _files(folder):
            digest.update(f"{path}\0{size}\0{mtime}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def output_state(out: Path) -> dict[str, list[int]]:
    """Every file in the output folder with its size and modification time."""
    return {path: [size, mtime] for path, size, mtime in _files(out, relative_to=out)}


def save_state(cache: Path, fingerprint: str, out: Path, summary: dict[str, int],
               warnings: tuple[Problem, ...]) -> None:
    """Remember what the build that just finished was built from and what it left in `out`."""
    state = {"fingerprint": fingerprint, "out": str(out), "outputs": output_state(out), "summary": summary,
             "warnings": [list(astuple(problem)[:5]) + [problem.severity.value] for problem in warnings]}
    cache.mkdir(parents=True, exist_ok=True)
    temporary = cache / f".{STATE_FILE}.{os.getpid()}.tmp"
    try:
        temporary.write_text(json.dumps(state), encoding="utf-8")
        os.replace(temporary, cache / STATE_FILE)
    except BaseException as error:
        temporary.unlink(missing_ok=True)  # a full cache must not keep half-written files
        if isinstance(error, OSError) and error.filename is None:  # a failed write does not say which file
            raise OSError(error.errno, error.strerror, str(cache / STATE_FILE)) from error
        raise


def unchanged_build(cache: Path, fingerprint: str, out: Path) -> tuple[dict[str, int], tuple[Problem, ...]] | None:
    """The last build's summary and warnings when nothing has changed since it, else None."""
    try:
        state = json.loads((cache / STATE_FILE).read_text(encoding="utf-8"))
        if state["fingerprint"] != fingerprint or state["out"] != str(out) or output_state(out) != state["outputs"]:
            return None
        warnings = tuple(Problem(*fields[:5], Severity(fields[5])) for fields in state["warnings"])
        return state["summary"], warnings
    except (OSError, ValueError, KeyError, TypeError):
        return None


def forget_state(cache: Path) -> None:
    """Drop the remembered state (a build failed or was interrupted)."""
    (cache / STATE_FILE).unlink(missing_ok=True)


def _files(folder: Path, relative_to: Path | None = None) -> list[tuple[str, int, int]]:
    found = []
    for directory, subfolders, files in os.walk(folder):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(files):
            path = Path(directory) / name
            try:
                status = path.lstat()
            except OSError:
                continue
            label = path.relative_to(relative_to).as_posix() if relative_to else str(path)
            found.append((label, status.st_size, status.st_mtime_ns))
    return found
