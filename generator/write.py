"""Write the built site: everything goes into a staging folder that replaces the output only on success."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

log = logging.getLogger(__name__)

SITE_MARKER = ".nojekyll"  # every site we build has one; a folder without it is not ours to replace


class OutputError(Exception):
    """The output folder cannot be written; the message says why and what to do."""


def check_output_folder(out: Path, root: Path) -> None:
    """Refuse output folders that would overwrite content, the theme, or a folder we did not build."""
    out, root = out.resolve(), root.resolve()
    protected = [root, root / "content", root / "theme", root / "generator"]
    if out in protected or any(out.is_relative_to(folder) for folder in protected[1:]) or root.is_relative_to(out):
        raise OutputError(f"{out} holds your content or code; choose another output folder with --out (e.g. _site)")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / SITE_MARKER).exists())):
        raise OutputError(f"{out} already exists and is not a site built by mentordir; "
                          "choose an empty or new folder with --out, or remove it yourself")


def write_site(out: Path, files: dict[str, bytes], copies: dict[str, Path]) -> None:
    """Write `files` (bytes by path) and `copies` (source file by path) as the new contents of `out`."""
    out = out.resolve()
    staging = out.with_name(f".{out.name}.staging-{os.getpid()}")
    previous = out.with_name(f".{out.name}.previous-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        for path, data in sorted(files.items()):
            _target(staging, path).write_bytes(data)
        for path, source in sorted(copies.items()):
            shutil.copyfile(source, _target(staging, path))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # Swap in the new site. Until the second rename the previous site is kept whole
    # (at `out` or `previous`), so a killed build never leaves a half-written site.
    if out.exists():
        os.replace(out, previous)
    os.replace(staging, out)
    shutil.rmtree(previous, ignore_errors=True)
    log.info("wrote %d files to %s", len(files) + len(copies), out)


def _target(staging: Path, path: str) -> Path:
    target = (staging / path).resolve()
    if not target.is_relative_to(staging):
        raise OutputError(f"refusing to write {path!r} outside the output folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    return target
