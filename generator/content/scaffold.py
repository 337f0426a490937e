"""`mentordir new`: start a bio from the template, never overwriting one."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from mentordir.model.models import COURTESY_TITLES

TEMPLATE = Path("content") / "mentors" / "_template.md"
# Curly apostrophes (what phones and word processors type) separate words as ' does; without
# this they would vanish in the ASCII step, so "O’Brien" gave obrien but "O'Brien" o-brien.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


class ScaffoldError(Exception):
    """The bio cannot be created; the message says why."""


def slug_for(name: str) -> str:
    """The file name for a mentor: lower-case ASCII words joined by hyphens, titles left out."""
    ascii_name = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES)).encode("ascii", "ignore").decode()
    words = [word for word in re.split(r"[^a-z0-9]+", ascii_name.lower()) if word and word not in COURTESY_TITLES]
    return "-".join(words)


def scaffold_bio(root: Path, name: str, today: dt.date) -> Path:
    """Write `content/mentors/<slug>.md` from the template with the name and today's date filled in."""
    name = " ".join(name.split())
    slug = slug_for(name)
    if len(name) > 120:
        raise ScaffoldError(f"the name is {len(name)} characters long, more than 120; give a shorter form of it")
    if not slug:  # no Latin letters or digits to make a file name of (a name written only in 王伟, say)
        raise ScaffoldError(f'cannot make a file name from "{name}"; create content/mentors/<name-in-latin-letters>.md '
                            "yourself by copying content/mentors/_template.md")
    template = root / TEMPLATE
    if not template.is_file():
        raise ScaffoldError(f"there is no bio template at {template}; run this in the directory's repository "
                            "or pass --root")
    target = root / "content" / "mentors" / f"{slug}.md"
    if target.exists():
        raise ScaffoldError(f"{target} already exists; edit it instead (nothing was changed)")
    text = template.read_text(encoding="utf-8")
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    text = re.sub(r"(?m)^name:.*$", f'name: "{quoted}"', text, count=1)
    text = re.sub(r"(?m)^(#\s*)?photo:.*$", f"# photo: {slug}.jpg", text, count=1)
    text = re.sub(r"(?m)^updated:[^#\n]*", f"updated: {today.isoformat()}  ", text, count=1)
    with open(target, "x", encoding="utf-8") as handle:  # "x": fail rather than overwrite, even in a race
        handle.write(text)
    return target
