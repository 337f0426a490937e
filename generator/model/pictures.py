"""A mentor's photo as pages show it: the published renditions and the two sizes the theme uses."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

# Display sizes in CSS pixels, of photos and of initials avatars alike: the directory's
# cards and the profile page. Each photo is made at these sides and at twice them.
CARD_SIZE = 96
PROFILE_SIZE = 320


@dataclass(frozen=True)
class Rendition:
    """One processed image file, ready to publish."""

    path: str
    """Where it is published, relative to the site root (`photos/jane-doe-96-1a2b3c4d5e.webp`)."""
    cached: Path
    """The processed file in the cache."""
    size: int
    """Width and height in pixels (renditions are square)."""


@dataclass(frozen=True)
class Picture:
    """One image as a page shows it: a display size, at 1x and 2x, in WebP and JPEG."""

    size: int
    """The display size in CSS pixels (the `width` and `height` the page declares)."""
    webp: tuple[Rendition, Rendition]
    """WebP at 1x and 2x, for browsers that take it."""
    jpeg: tuple[Rendition, Rendition]
    """JPEG at 1x and 2x, the fallback."""


@dataclass(frozen=True)
class PhotoSet:
    """The pictures of one mentor that the theme shows, all named by the processed photo's content.

    Only what names the files is kept (a build remembers every mentor's set, and a thousand
    sets of eight renditions each took a tenth of a second to read back); the pictures are
    made from it when first asked for.
    """

    slug: str
    """The mentor's slug, the start of every published file name."""
    key: str
    """The processed photo's content key: its renditions' names in the cache, and the end of their published names."""
    side: int
    """The shorter side of the photo in pixels: no rendition is larger."""
    folder: Path
    """The cache folder of processed photos."""

    @functools.cached_property
    def card(self) -> Picture:
        """The directory card's picture."""
        return self._picture(CARD_SIZE)

    @functools.cached_property
    def profile(self) -> Picture:
        """The profile page's picture."""
        return self._picture(PROFILE_SIZE)

    def published_files(self) -> dict[str, str]:
        """Every distinct file in the set: its path in the site -> the processed file in the cache.

        Plain strings, not renditions: a build asks this of every mentor's set (8,000 files
        at 1,000 mentors), and a Path and a Rendition for each took 40 ms of a one-edit build.
        A small photo's 1x and 2x can be the same file.
        """
        folder = str(self.folder)
        names = (self._names(side, suffix) for display in (CARD_SIZE, PROFILE_SIZE)
                 for side in rendition_sides(self.side, display) for suffix in ("webp", "jpg"))
        return {path: os.path.join(folder, name) for path, name in names}

    def cache_file(self, display: int, suffix: str, scale: int) -> str:
        """Where the file for a display size, format and scale is in the cache (a string: asked of every set)."""
        return os.path.join(str(self.folder), self._names(rendition_sides(self.side, display)[scale - 1], suffix)[1])

    def rendition(self, display: int, suffix: str, scale: int) -> Rendition:
        """The file for a display size, in a format (`webp` or `jpg`), at 1x or 2x."""
        side = rendition_sides(self.side, display)[scale - 1]
        path, name = self._names(side, suffix)
        return Rendition(path=path, cached=self.folder / name, size=side)

    def _names(self, side: int, suffix: str) -> tuple[str, str]:
        # Where a rendition is published, and its name in the cache folder.
        return f"photos/{self.slug}-{side}-{self.key[:10]}.{suffix}", f"{self.key}-{side}.{suffix}"

    def _picture(self, display: int) -> Picture:
        return Picture(size=display, webp=(self.rendition(display, "webp", 1), self.rendition(display, "webp", 2)),
                       jpeg=(self.rendition(display, "jpg", 1), self.rendition(display, "jpg", 2)))

    def __getstate__(self) -> dict[str, object]:
        # The pictures made so far are left out: they are made again from the fields.
        return {name: self.__dict__[name] for name in ("slug", "key", "side", "folder")}


def rendition_sides(source_side: int, display: int) -> tuple[int, int]:
    """The 1x and 2x sides for a display size, never larger than the source."""
    return (min(display, source_side), min(display * 2, source_side))
