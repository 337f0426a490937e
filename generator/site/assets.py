"""The theme's static files (CSS, JavaScript, icons), published under names that carry their hash."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from mentordir.model.problems import Problem, relative_name


@dataclass(frozen=True)
class Asset:
    """One static file of the theme."""

    name: str
    """Its name within `theme/static/`, as templates ask for it: `asset('style.css')`."""
    source: Path
    """The file on disk."""
    path: str
    """Where it is published, relative to the site root, with a content hash so browsers can cache it forever."""


def collect_assets(theme: Path, root: Path, hashed: bool = True) -> tuple[dict[str, Asset], list[Problem]]:
    """Find every file under `theme/static/`, sorted, and give each a published name.

    Names carry a content hash so browsers can cache them forever; the dev server asks for
    plain names instead (`hashed=False`), so that a changed stylesheet is one changed file
    the browser can swap without reloading the page.
    """
    static = theme / "static"
    problems: list[Problem] = []
    if not (theme / "templates").is_dir():
        problems.append(Problem(relative_name(theme, root), None, None, "is not a theme: it has no templates/ folder",
                                "pass --theme with the folder that holds templates/ and static/"))
    assets: dict[str, Asset] = {}
    for source in sorted(static.rglob("*")) if static.is_dir() else []:
        if source.is_symlink():
            problems.append(Problem(relative_name(source, root), None, None, "is a symbolic link",
                                    "replace the link with the real file"))
            continue
        if not source.is_file() or source.name.startswith("."):
            continue
        name = source.relative_to(static).as_posix()
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:10]
        stem, dot, suffix = source.name.rpartition(".")
        name_out = (f"{stem}.{digest}.{suffix}" if dot else f"{source.name}.{digest}") if hashed else source.name
        folder = source.parent.relative_to(static).as_posix()
        published = f"assets/{name_out}" if folder == "." else f"assets/{folder}/{name_out}"
        assets[name] = Asset(name=name, source=source, path=published)
    return assets, problems
