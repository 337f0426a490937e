"""A mentor's photo as pages show it: the published renditions and the two sizes the theme uses."""

from __future__ import annotations

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
    """The pictures of one mentor that the theme shows."""

    card: Picture
    """The directory card's picture."""
    profile: Picture
    """The profile page's picture."""

    def files(self) -> set[Rendition]:
        """Every distinct file in the set."""
        return {*self.card.webp, *self.card.jpeg, *self.profile.webp, *self.profile.jpeg}
