"""What one process remembers between builds of the same site (the dev server keeps one).

Each table is keyed by everything its result depends on, so a stale entry can never
match: a bio by its bytes and a fingerprint of what validation reads besides them, a
photo by its file's size and modification time, a profile page by the very objects it
was rendered from (kept alive in the entry, so their identity cannot be reused) and a
fingerprint of the templates and settings. When in doubt a key includes more, and the
build does more work; it never serves stale output.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass
class BuildMemo:
    """Results kept between builds in one process; empty means a full build."""

    bios: dict[tuple[str, bytes, bytes], tuple[Any, list[Any]]] = field(default_factory=dict)
    """(file, digest of its bytes, context fingerprint) -> (Mentor or None, the problems it produced)."""
    photos: dict[tuple[str, int, int, float], Any] = field(default_factory=dict)
    """(photo path, size, mtime_ns, focus) -> its PhotoSet, while the last photo stage found no problem."""
    pages: dict[str, tuple[tuple[Any, ...], bytes]] = field(default_factory=dict)
    """Output path -> (the objects and fingerprint it was rendered from, the bytes)."""
    environment: tuple[bytes, Any] | None = None
    """(fingerprint of templates, settings and assets, the Jinja environment with its compiled templates)."""


def fingerprint(*parts: object) -> bytes:
    """A digest of the parts' reprs: for settings, rules and other small values."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.digest()
