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
import sys
from pathlib import Path

import PIL

from mentordir.model.files import write_atomically
from mentordir.model.problems import Problem, Severity
from mentordir.output.shelf import holds, load_shelf, walk

STATE_FILE = "build-state.json"
# The whole package, the built-in theme inside it included: a new release or an edited template rebuilds.
GENERATOR = Path(__file__).resolve().parents[1]


def input_fingerprint(root: Path, theme: Path, settings: tuple[object, ...]) -> str:
    """A digest of every input file's size and modification time, the settings and our own code."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((settings, sys.version, PIL.__version__)).encode())
    for folder in (root / "content", theme, GENERATOR):
        for path, (size, mtime) in sorted(walk(folder, skip="__pycache__").items()):
            digest.update(f"{folder}/{path}\0{size}\0{mtime}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def build_inputs(root: Path, theme: Path, cache: Path, today: dt.date, base_url: str | None,
                 hash_assets: bool, seal: bool = True, access: str | None = None) -> str:
    """The input fingerprint of a build with these options (the command line asks before loading the build).

    `access` is a fingerprint of a private site's access code (never the code), so a new code rebuilds.
    """
    return input_fingerprint(root, theme, (str(root), str(theme), base_url, today, hash_assets, str(cache), seal,
                                           access))


def save_state(cache: Path, fingerprint: str, out: Path, summary: dict[str, int],
               warnings: tuple[Problem, ...]) -> None:
    """Remember what the build that just finished was built from (what it left in `out` is on the shelf)."""
    state = {"fingerprint": fingerprint, "out": str(out), "summary": summary,
             # Field by field: dataclasses.astuple deep-copies each value: 5 ms for a thousand warnings.
             "warnings": [[problem.file, problem.line, problem.field, problem.message, problem.fix,
                           problem.severity.value] for problem in warnings]}
    cache.mkdir(parents=True, exist_ok=True)
    write_atomically(cache / STATE_FILE, json.dumps(state).encode("utf-8"))


def unchanged_build(cache: Path, fingerprint: str, out: Path) -> tuple[dict[str, int], tuple[Problem, ...]] | None:
    """The last build's summary and warnings when nothing has changed since it, else None."""
    try:
        state = json.loads((cache / STATE_FILE).read_text(encoding="utf-8"))
        if state["fingerprint"] != fingerprint or state["out"] != str(out):
            return None
        published = load_shelf(cache, out).published
        if not published or not holds(out, published):  # the output as the last build left it
            return None
        warnings = tuple(Problem(*fields[:5], Severity(fields[5])) for fields in state["warnings"])
        return state["summary"], warnings
    except (OSError, ValueError, KeyError, TypeError):
        return None


def forget_state(cache: Path) -> None:
    """Drop the remembered state (a build failed or was interrupted)."""
    (cache / STATE_FILE).unlink(missing_ok=True)
