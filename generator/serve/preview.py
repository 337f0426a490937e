"""The dev server's preview folder, brought up to date file by file after each rebuild.

`mentordir build` swaps a whole new site in (output/write.py); the preview is served while
it changes, so each file is replaced on its own, atomically, and only files that changed
are touched: a page being served is always a whole old or whole new page, and the
browser is told exactly which paths changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mentordir.model.files import write_atomically
from mentordir.output.write import OutputError


@dataclass
class Published:
    """What the dev server last wrote into its preview folder, so the next build writes only changes."""

    files: dict[str, bytes] = field(default_factory=dict)
    """Rendered files as written, by path."""
    copies: dict[str, tuple[Path, int, int]] = field(default_factory=dict)
    """Copied files by path: (source, size, modification time) of the source when copied."""
    linked: dict[str, str] = field(default_factory=dict)
    """Files named by their content (processed photos) by path: the cache file each was copied from."""


def update_site(out: Path, files: dict[str, bytes], copies: dict[str, Path], published: Published,
                linked: dict[str, str] | None = None, unchanged: dict[str, str] | None = None) -> list[str]:
    """Bring `out` from what `published` says it holds to `files`, `copies` and `linked`; the paths changed, sorted.

    For the dev server: one file at a time, each replaced atomically, so a page being served
    is always a whole old or whole new page; unchanged files are not touched. `linked` files
    (as for write_site) are named by their content, so an unchanged one is not even looked at;
    `unchanged` pages are those the last update wrote, which `out` holds already.
    """
    out = out.resolve()
    linked, unchanged = linked or {}, unchanged or {}
    changed: list[str] = []
    for path, data in files.items():
        before = published.files.get(path)
        if before is not data and before != data:
            write_atomically(_target(out, path), data)
            changed.append(path)
    stamps: dict[str, tuple[Path, int, int]] = {}
    for path, source in copies.items():
        status = source.stat()
        stamps[path] = (source, status.st_size, status.st_mtime_ns)
        if published.copies.get(path) != stamps[path]:
            write_atomically(_target(out, path), source.read_bytes())
            changed.append(path)
    for path, cached in linked.items():
        if published.linked.get(path) != cached:  # same name, same bytes
            write_atomically(_target(out, path), Path(cached).read_bytes())
            changed.append(path)
    gone = (published.files.keys() | published.copies.keys() | published.linked.keys()) - \
        (files.keys() | unchanged.keys() | copies.keys() | linked.keys())
    for path in gone:
        _target(out, path).unlink(missing_ok=True)
        changed.append(path)
    kept = {path: published.files[path] for path in unchanged if path in published.files}
    published.files, published.copies, published.linked = kept | files, stamps, dict(linked)
    return sorted(changed)


def _target(out: Path, path: str) -> Path:
    target = (out / path).resolve()
    if not target.is_relative_to(out):
        raise OutputError(f"refusing to write {path!r} outside the output folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    return target
