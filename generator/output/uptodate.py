"""Whether a build would change nothing: a fingerprint of every input, and the state of the output.

`mentordir build` with nothing changed should do almost no work. The fingerprint covers
the size and modification time of every file under `content/` and the theme, the build
options and date, and the generator's own code and image library; the output folder's
files must still be exactly as the last build left them. Any difference means a full
build: when in doubt, rebuild.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
from dataclasses import astuple
from pathlib import Path

import PIL

from mentordir.model.files import write_atomically
from mentordir.model.problems import Problem, Severity

STATE_FILE = "build-state.json"
# The whole package, the built-in theme inside it included: a new release or an edited template rebuilds.
GENERATOR = Path(__file__).resolve().parents[1]


def input_fingerprint(root: Path, theme: Path, settings: tuple[object, ...]) -> str:
    """A digest of every input file's size and modification time, the settings and our own code."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((settings, sys.version, PIL.__version__)).encode())
    for folder in (root / "content", theme, GENERATOR):
        for path, size, mtime in _files(folder):
            digest.update(f"{path}\0{size}\0{mtime}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def build_inputs(root: Path, theme: Path, cache: Path, today: dt.date, base_url: str | None,
                 hash_assets: bool, seal: bool = True, access: str | None = None) -> str:
    """The input fingerprint of a build with these options (the command line asks before loading the build).

    `access` is a fingerprint of a private site's access code (never the code), so a new code rebuilds.
    """
    return input_fingerprint(root, theme, (str(root), str(theme), base_url, today, hash_assets, str(cache), seal,
                                           access))


def output_state(out: Path) -> dict[str, list[int]]:
    """Every file in the output folder with its size and modification time."""
    return {path: [size, mtime] for path, size, mtime in _files(out, relative_to=out)}


def save_state(cache: Path, fingerprint: str, out: Path, summary: dict[str, int],
               warnings: tuple[Problem, ...]) -> None:
    """Remember what the build that just finished was built from and what it left in `out`."""
    state = {"fingerprint": fingerprint, "out": str(out), "outputs": output_state(out), "summary": summary,
             "warnings": [list(astuple(problem)[:5]) + [problem.severity.value] for problem in warnings]}
    cache.mkdir(parents=True, exist_ok=True)
    write_atomically(cache / STATE_FILE, json.dumps(state).encode("utf-8"))


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
    # os.scandir and plain strings: a no-op build walks thousands of files, and Path
    # objects for each would cost more than the walk itself.
    found: list[tuple[str, int, int]] = []
    prefix = len(str(relative_to)) + 1 if relative_to else 0
    pending = [str(folder)]
    while pending:
        try:
            entries = sorted(os.scandir(pending.pop()), key=lambda entry: entry.name)
        except OSError:
            continue
        folders = []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    folders.append(entry.path)
                continue
            try:
                status = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            found.append((entry.path[prefix:] if prefix else entry.path, status.st_size, status.st_mtime_ns))
        pending += reversed(folders)
    return found
