"""The theme's static files (CSS, JavaScript, icons), published under names that carry their hash.

The theme is two layers: the built-in one inside the package, and a site's own `theme/`
(optional) whose files replace the built-in files of the same name, one file at a time.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from mentordir.content.config import SiteConfig
from mentordir.model.problems import Problem, relative_name

BUILT_IN_THEME = Path(__file__).resolve().parents[1] / "theme"
# An SVG opened on its own runs its scripts on the site's address, so a logo may carry none.
_ACTIVE_SVG = re.compile(rb"<script|\son[a-z]+\s*=|javascript:|<foreignobject", re.IGNORECASE)


@dataclass(frozen=True)
class Asset:
    """One static file of the theme."""

    name: str
    """Its name within `theme/static/`, as templates ask for it: `asset('style.css')`."""
    source: Path | None
    """The file on disk; None for a file made by the build (`brand.css`)."""
    path: str
    """Where it is published, relative to the site root, with a content hash so browsers can cache it forever."""
    data: bytes | None = None
    """The contents of a file made by the build; None for a file copied from `source`."""


def theme_layers(theme: Path) -> tuple[Path, ...]:
    """The theme folders to look in, the site's own first: its files replace the built-in ones."""
    if theme.resolve() == BUILT_IN_THEME or not theme.is_dir():
        return (BUILT_IN_THEME,)
    return (theme, BUILT_IN_THEME)


def collect_assets(theme: Path, root: Path, hashed: bool = True,
                   config: SiteConfig | None = None) -> tuple[dict[str, Asset], list[Problem]]:
    """Find every static file of the built-in theme and the site's theme, sorted, and give each a published name.

    Names carry a content hash so browsers can cache them forever; the dev server asks for
    plain names instead (`hashed=False`), so that a changed stylesheet is one changed file
    the browser can swap without reloading the page.
    """
    problems: list[Problem] = []
    sources: dict[str, Path] = {}
    for layer in reversed(theme_layers(theme)):  # built-in first, so the site's own files replace its
        static = layer / "static"
        for source in sorted(static.rglob("*")) if static.is_dir() else []:
            if source.is_symlink():
                problems.append(Problem(relative_name(source, root), None, None, "is a symbolic link",
                                        "replace the link with the real file"))
                continue
            if source.is_file() and not source.name.startswith("."):
                sources[source.relative_to(static).as_posix()] = source
    brand = config.brand if config is not None else None
    if brand is not None and brand.logo is not None:
        logo = _logo(brand.logo, root, sources, dict(config.setting_lines).get("brand"), problems)
        if logo is not None:
            sources[brand.logo] = logo
    assets = {name: _asset(name, source.read_bytes(), hashed, source) for name, source in sorted(sources.items())}
    if brand is not None and brand.colour is not None:
        assets["brand.css"] = _asset("brand.css", brand_stylesheet(brand.colour), hashed)
    return assets, problems


def brand_stylesheet(colour: str) -> bytes:
    """The stylesheet that gives the theme the scheme's colour, loaded after style.css."""
    # The soft tint is the colour at a tenth of its strength over white, as the built-in pair is.
    channels = [int(colour[index:index + 2], 16) for index in (1, 3, 5)]
    soft = "#" + "".join(f"{round(255 - (255 - value) * 0.1):02x}" for value in channels)
    return (f"/* The scheme's colour, from `brand` in content/site.yaml. */\n"
            f":root {{\n  --brand: {colour};\n  --brand-soft: {soft};\n}}\n").encode()


def _asset(name: str, data: bytes, hashed: bool, source: Path | None = None) -> Asset:
    digest = hashlib.sha256(data).hexdigest()[:10]
    folder, _, file_name = name.rpartition("/")
    stem, dot, suffix = file_name.rpartition(".")
    name_out = (f"{stem}.{digest}.{suffix}" if dot else f"{file_name}.{digest}") if hashed else file_name
    published = f"assets/{folder}/{name_out}" if folder else f"assets/{name_out}"
    return Asset(name=name, source=source, path=published, data=None if source else data)


def _logo(name: str, root: Path, theme_files: dict[str, Path], line: int | None,
          problems: list[Problem]) -> Path | None:
    # Beside site.yaml first, then the theme's static files (which hold the built-in ones too).
    beside = root / "content" / name
    source = beside if beside.is_file() and not beside.is_symlink() else theme_files.get(name)
    if source is None:
        problems.append(Problem("content/site.yaml", line, "brand.logo",
                                f"there is no {name} beside site.yaml or in theme/static/",
                                f"save the logo as content/{name}, or correct its name in site.yaml"))
        return None
    if source.suffix.lower() == ".svg" and _ACTIVE_SVG.search(source.read_bytes()):
        problems.append(Problem(relative_name(source, root), None, "brand.logo",
                                "is an SVG with scripts or event handlers in it",
                                "export the logo again as a plain SVG or a PNG, without scripts"))
        return None
    return source
