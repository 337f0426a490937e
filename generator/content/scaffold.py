"""`mentordir new`: start a bio from the template, never overwriting one.

A site's own `content/mentors/_template.md` is used when there is one; otherwise the
built-in template, filled in from the site's settings (its grades, schemes, rules).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from mentordir.content.config import SiteConfig, load_config
from mentordir.content.frontmatter import yaml_quoted
from mentordir.content.slugs import slug_for

BUILT_IN_TEMPLATE = Path(__file__).resolve().parent / "bio_template.md"
TEMPLATE = Path("content") / "mentors" / "_template.md"


@dataclass(frozen=True)
class BioDraft:
    """What a mentor told `new` about themselves; None leaves the template's line for them to fill in."""

    name: str
    """The name as it should appear, e.g. `Dr Jane Doe`."""
    grade: str | None = None
    """The grade, as the site's ladder spells it."""
    specialty: str | None = None
    """One specialty (more can be added as a list later)."""
    region: str | None = None
    """The training region or nation."""
    organisation: str | None = None
    """Trust, hospital or practice."""
    email: str | None = None
    """The e-mail address mentees write to."""
    phone: str | None = None
    """A telephone number."""
    pronouns: str | None = None
    """Pronouns, e.g. she/her."""
    github: str | None = None
    """The mentor's GitHub username, so that only they and the team may change the bio."""


# Fields `new` fills in from a draft: (field, indented under contact:).
_FIELDS = (("grade", False), ("specialty", False), ("region", False), ("organisation", False),
           ("pronouns", False), ("email", True), ("phone", True))
# Optional lines whose template value is a placeholder: left out (commented) when not given,
# so that a bio from `new` holds nothing a mentor has to delete before it can pass.
_OPTIONAL_PLACEHOLDERS = ("organisation", "phone", "url")


class ScaffoldError(Exception):
    """The bio cannot be created; the message says why."""


def scaffold_bio(root: Path, draft: BioDraft, today: dt.date) -> Path:
    """Write `content/mentors/<slug>.md` from the template with the draft's values and today's date filled in."""
    name = " ".join(draft.name.split())
    slug = slug_for(name)
    if len(name) > 120:
        raise ScaffoldError(f"the name is {len(name)} characters long, more than 120; give a shorter form of it")
    if not slug:  # no letters that can be written in Latin ones (a name of emoji only, say)
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
    text = _set(text, "name", name, indented=False)
    for field, indented in _FIELDS:
        value = getattr(draft, field)
        if value:
            text = _set(text, field, value, indented)
        elif field in _OPTIONAL_PLACEHOLDERS:
            text = _comment_out(text, field)
    text = _comment_out(text, "url")
    if draft.github:
        text = re.sub(r"(?m)^#\s*github:[^#\n]*", f"github: {draft.github}  ", text, count=1)
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


def _set(text: str, field: str, value: str, indented: bool) -> str:
    # The value in double quotes, so that nothing a mentor types (a colon, "NO", a leading 0)
    # changes what YAML reads; the line's comment is kept.
    quoted = yaml_quoted(value)
    indent = "  " if indented else ""
    pattern = rf"(?m)^{indent}{field}:[ \t]*(?:\"[^\"\n]*\"|[^#\n]*?)(?=[ \t]*(?:#|$))"
    return re.sub(pattern, lambda _: f"{indent}{field}: {quoted}", text, count=1)


def _comment_out(text: str, field: str) -> str:
    return re.sub(rf"(?m)^(\s*)({field}:)", r"\1# \2", text, count=1)
