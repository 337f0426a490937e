"""The content files a site is built from, as loading hands them on: bytes not yet decoded, slugs from names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceFile:
    """One content file's bytes, with the slug its name gives it."""

    path: Path
    """Where the file is on disk."""
    file: str
    """The file relative to the site root, as messages name it."""
    slug: str
    """The file name without its suffix."""
    data: bytes
    """The raw bytes, not yet decoded."""


@dataclass(frozen=True)
class SchemeSource:
    """A scheme's settings file and any further handbook pages."""

    slug: str
    """The scheme's slug, from `content/schemes/<slug>.md` or `content/schemes/<slug>/`."""
    settings: SourceFile
    """`<slug>.md`, or `<slug>/index.md` for a handbook of several pages."""
    pages: tuple[SourceFile, ...]
    """The other pages of a folder scheme, sorted by file name."""


@dataclass(frozen=True)
class Sources:
    """Every content file the site is built from."""

    mentors: tuple[SourceFile, ...]
    """Bios, sorted by slug."""
    photos: dict[str, Path]
    """Photo files beside the bios, by exact file name."""
    schemes: tuple[SchemeSource, ...]
    """Schemes, sorted by slug."""
