"""`mentordir new`: start a bio from the template, never overwriting one.

A site's own `content/mentors/_template.md` is used when there is one; otherwise the
built-in template, filled in from the site's settings (its grades, schemes, rules).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Sequence

from mentordir.content.config import SiteConfig, load_config

BUILT_IN_TEMPLATE = Path(__file__).resolve().parent / "bio_template.md"
TEMPLATE = Path("content") / "mentors" / "_template.md"
_TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx"}
# Curly apostrophes (what phones and word processors type) separate words as ' does; without
# this they would vanish in the ASCII step, so "O’Brien" gave obrien but "O'Brien" o-brien.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


class ScaffoldError(Exception):
    """The bio cannot be created; the message says why."""


def slug_for(name: str) -> str:
    """The file name for a mentor: lower-case ASCII words joined by hyphens, titles left out."""
    ascii_name = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES)).encode("ascii", "ignore").decode()
    words = [word for word in re.split(r"[^a-z0-9]+", ascii_name.lower()) if word and word not in _TITLES]
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
    mentors = root / "content" / "mentors"
    if not mentors.is_dir():
        raise ScaffoldError(f"there is no {mentors} folder; run this in the directory's repository or pass --root")
    target = mentors / f"{slug}.md"
    if target.exists():
        raise ScaffoldError(f"{target} already exists; edit it instead (nothing was changed)")
    template = root / TEMPLATE
    if template.is_file():
        text = template.read_text(encoding="utf-8")
    else:
        text = bio_template(load_config(root)[0], scheme_slugs(root), today)
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    text = re.sub(r"(?m)^name:.*$", f'name: "{quoted}"', text, count=1)
    text = re.sub(r"(?m)^(#\s*)?photo:.*$", f"# photo: {slug}.jpg", text, count=1)
    text = re.sub(r"(?m)^updated:[^#\n]*", f"updated: {today.isoformat()}  ", text, count=1)
    with open(target, "x", encoding="utf-8") as handle:  # "x": fail rather than overwrite, even in a race
        handle.write(text)
    return target


def scheme_slugs(root: Path) -> list[str]:
    """The schemes a bio may name: each `content/schemes/<slug>.md` or `<slug>/` folder, sorted."""
    folder = root / "content" / "schemes"
    entries = sorted(folder.iterdir()) if folder.is_dir() else []
    return [entry.stem if entry.is_file() else entry.name for entry in entries
            if not entry.name.startswith(("_", ".")) and (entry.is_dir() or entry.suffix == ".md")]


def bio_template(config: SiteConfig, schemes: Sequence[str], today: dt.date) -> str:
    """The built-in bio template, with this site's grades, schemes, matching words and e-mail domains."""
    grades = config.grades
    grade = "ST4" if "ST4" in grades else grades[len(grades) // 2]
    if schemes:
        scheme_line = (f"schemes: [{schemes[0]}]".ljust(34) + "# optional: the schemes you mentor for, from: "
                       + ", ".join(schemes))
    else:
        scheme_line = "# schemes: []                   # optional: the schemes you mentor for (this site has none yet)"
    rule = (f" (doctors in training at most {config.trainee_max_capacity})"
            if config.trainee_max_capacity else "")
    domains = config.email_domains
    words = config.matching
    return BUILT_IN_TEMPLATE.read_text(encoding="utf-8").format(
        grade=f"grade: {grade}".ljust(34),
        grades=", ".join(grades),
        schemes=scheme_line,
        capacity_rule=rule,
        email=f"your.name@{domains[0] if domains else 'example.nhs.uk'}",
        email_rule=f", at {' or '.join(domains)}" if domains else "",
        matching_example=", ".join(words[:2]) if words else "parent, less-than-full-time",
        matching=", ".join(words) if words else "any words of your own in lower case, joined by hyphens",
        today=today.isoformat(),
    )
