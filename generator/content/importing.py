"""`mentordir import`: one bio per spreadsheet row, checked by the same rules as `mentordir check`.

Planning is pure: rows in, an ImportPlan out (the bios to write, the changes to make, every
problem with its row and column). Each row becomes a bio's text, which is then validated as
the file it would be, so an import can never write a bio that `check` would refuse. Only
`apply_import` writes, and only when no row has an error.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from mentordir.content.config import SiteConfig
from mentordir.content.frontedit import Change, EditError, apply_changes
from mentordir.content.frontmatter import Mapping, Scalar, parse_document
from mentordir.content.sources import SourceFile, Sources
from mentordir.content.rules import SchemeRules
from mentordir.content.scaffold import slug_for
from mentordir.content.rowtext import bio_text, field_value
from mentordir.content.spreadsheet import Cell, Row, Table
from mentordir.content.validate import validate_mentor, validate_scheme
from mentordir.model.problems import Problem, errors_in

CONTACT_FIELDS = ("preferred", "email", "phone", "url")
UPDATABLE = ("capacity", "mentees", *CONTACT_FIELDS)
"""What `--update` may change in a bio that exists: the team's figures and the contact details."""
_FIELD_EXAMPLE = re.compile(r"`(?:[a-z_]+\.)?[a-z_]+: ([^`]*)`")


@dataclass(frozen=True)
class NewBio:
    """A bio the import writes."""

    row: int
    """The spreadsheet row it comes from."""
    file: str
    """Where it goes, relative to the site root (`content/mentors/jane-doe.md`)."""
    text: str
    """The whole bio."""
    photo: tuple[Path, str] | None
    """A photo to copy beside it: from where, and the file name it takes."""


@dataclass(frozen=True)
class BioUpdate:
    """Values `--update` changes in a bio that exists."""

    row: int
    """The spreadsheet row it comes from."""
    file: str
    """The bio, relative to the site root."""
    before: bytes
    """The file as it was read, so nothing written since is overwritten."""
    text: str
    """The file with the changed lines."""
    changes: tuple[str, ...]
    """What changes, in words: `capacity 2 -> 3`."""


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do, and every problem that stops it."""

    new: tuple[NewBio, ...]
    """Bios to write."""
    updates: tuple[BioUpdate, ...]
    """Bios to change (with `--update` only)."""
    kept: tuple[str, ...]
    """Bios that exist and stay as they are, with why, in words."""
    problems: tuple[Problem, ...]
    """Every problem, by row; any error means nothing is written."""


def plan_import(table: Table, fields: tuple[str | None, ...], sources: Sources, config: SiteConfig,
                today: dt.date, photos: dict[str, Path] | None = None, update: bool = False) -> ImportPlan:
    """Turn every row into a bio (or, with `update`, into changes to one) and check it as `check` would."""
    rules = _scheme_rules(sources, config)
    existing = {source.slug: source for source in sources.mentors}
    titles = _scheme_titles(sources)
    columns = {field: heading for field, heading in zip(fields, table.headings) if field}
    new: list[NewBio] = []
    updates: list[BioUpdate] = []
    kept: list[str] = []
    problems: list[Problem] = []
    rows_of: dict[str, int] = {}
    for row in table.rows:
        where = f"{table.file}:row {row.number}"
        values = {field: cell for field, cell in zip(fields, row.cells) if field and cell.text}
        found: list[Problem] = []
        name = values["name"].text if "name" in values else ""
        slug = slug_for(name)
        if not slug:
            fix = "fill it in" if not name else "write the name in Latin letters as well, so it can name the file"
            found.append(Problem(where, None, columns.get("name", "name"), "is empty" if not name
                                 else f'"{name}" cannot make a file name', fix))
        elif slug in rows_of:
            found.append(Problem(where, None, columns["name"], f"{name} is the same mentor as row {rows_of[slug]}",
                                 "keep one row per mentor"))
        elif "phone" in values and values["phone"].number:
            found.append(Problem(where, None, columns["phone"], "is stored as a number in the spreadsheet, so a "
                                 "leading 0 or + is lost", "format the column as Text and type the number again"))
        elif slug in existing and update:
            change = _update(row, slug, values, columns, existing[slug], sources, config, rules, today, found, where)
            if change is not None and change.changes:
                updates.append(change)
            elif change is not None:
                kept.append(f"{change.file} is up to date (row {row.number})")
        elif slug in existing:
            kept.append(f"{existing[slug].file} exists already and was left as it is (row {row.number}); "
                        "--update changes its capacity, mentees and contact details")
        else:
            bio = _new_bio(row, slug, values, columns, titles, sources, config, rules, today, photos, found, where)
            if bio is not None:
                new.append(bio)
        if slug:
            rows_of.setdefault(slug, row.number)
        problems += found
    return ImportPlan(new=tuple(new), updates=tuple(updates), kept=tuple(kept), problems=tuple(problems))


def _new_bio(row: Row, slug: str, values: dict[str, Cell], columns: dict[str, str], titles: dict[str, str],
             sources: Sources, config: SiteConfig, rules: dict[str, SchemeRules], today: dt.date,
             photos: dict[str, Path] | None, problems: list[Problem], where: str) -> NewBio | None:
    photo = _photo(slug, values, columns, photos, problems, where)
    text = bio_text(values, titles, photo[1] if photo else None)
    file = f"content/mentors/{slug}.md"
    known = dict(sources.photos)
    if photo:
        known[photo[1]] = photo[0]
    checked = Sources(mentors=sources.mentors, photos=known, schemes=sources.schemes)
    source = SourceFile(path=Path(file), file=file, slug=slug, data=text.encode("utf-8"))
    found: list[Problem] = []
    validate_mentor(source, checked, config, rules, today, found)
    problems += [_in_row(problem, where, columns) for problem in found]
    return None if errors_in(found) else NewBio(row=row.number, file=file, text=text, photo=photo)


def _photo(slug: str, values: dict[str, Cell], columns: dict[str, str], photos: dict[str, Path] | None,
           problems: list[Problem], where: str) -> tuple[Path, str] | None:
    if photos is None:
        return None
    by_name = {name.casefold(): path for name, path in photos.items()}
    wanted = values["photo"].text if "photo" in values else None
    candidates = [wanted] if wanted else [f"{slug}{suffix}" for suffix in (".jpg", ".jpeg", ".png", ".webp")]
    for candidate in candidates:
        path = by_name.get(candidate.casefold())
        if path is not None:
            return path, f"{slug}{path.suffix.lower()}"
    if wanted:
        problems.append(Problem(where, None, columns["photo"], f'"{wanted}" is not in the photos folder',
                                "check the file name, or leave the cell empty"))
    return None


def _update(row: Row, slug: str, values: dict[str, Cell], columns: dict[str, str], source: SourceFile, sources: Sources,
            config: SiteConfig, rules: dict[str, SchemeRules], today: dt.date, problems: list[Problem],
            where: str) -> BioUpdate | None:
    document, found = parse_document(source.data, source.file)
    if document is None:
        problems.append(Problem(where, None, None, f"{source.file} has mistakes of its own, so it was not changed",
                                "run mentordir check and fix them first"))
        return None
    wanted = [(field, field_value(field, values[field].text, {})) for field in UPDATABLE if field in values]
    changes: list[Change] = []
    said: list[str] = []
    for field, value in wanted:
        key = f"contact.{field}" if field in CONTACT_FIELDS else field
        now, new = _current(document.front, key), yaml.safe_load(f"k: {value}")["k"]
        if now is None or now != new:
            changes.append(Change(field=key, value=value, after="capacity"))
            said.append(f"{key} {now if now is not None else '(none)'} -> {new}")
    if not changes:
        return BioUpdate(row=row.number, file=source.file, before=source.data, text="", changes=())
    text = source.data.decode("utf-8")
    try:
        text = apply_changes(text, document.front, changes)
    except EditError as error:
        problems.append(Problem(where, None, None, f"{source.file} cannot be changed line by line: {error}",
                                "make this change in the file by hand"))
        return None
    checked: list[Problem] = []
    changed = SourceFile(path=source.path, file=source.file, slug=slug, data=text.encode("utf-8"))
    validate_mentor(changed, sources, config, rules, today, checked)
    problems += [_in_row(problem, where, columns) for problem in errors_in(checked)]
    if errors_in(checked):
        return None
    return BioUpdate(row=row.number, file=source.file, before=source.data, text=text, changes=tuple(said))


def _current(front: Mapping, key: str) -> object:
    parent, _, name = key.rpartition(".")
    mapping = front
    if parent:
        entry = front.get(parent)
        if entry is None or not isinstance(entry.value, Mapping):
            return None
        mapping = entry.value
    entry = mapping.get(name)
    if entry is None or not isinstance(entry.value, Scalar):
        return None
    return int(entry.value.text) if entry.value.kind == "int" else entry.value.text


def _in_row(problem: Problem, where: str, columns: dict[str, str]) -> Problem:
    # A bio's problem said about the spreadsheet: its row and the column it came from, and
    # the fix without front-matter syntax, which the team never sees here.
    field = (problem.field or "").removeprefix("contact.")
    column = columns.get(field) or (problem.field if problem.field else None)
    fix = problem.fix
    if field == "bio" and "is empty" in problem.message:
        return Problem(where, None, column, "is empty", "write a few sentences: who they are, why they mentor, "
                       "how they like to work", problem.severity)
    message = problem.message
    if message in ("is missing", "is empty") and field in columns:
        message, fix = "is empty", f"fill in the {column} column"
    elif message in ("is missing", "is empty"):
        fix = f'add a column for {field}, or name one with --map "COLUMN={field}"'
    else:
        fix = _FIELD_EXAMPLE.sub(r"\1", fix)
    return Problem(where, None, column, message, fix, problem.severity)


def _scheme_rules(sources: Sources, config: SiteConfig) -> dict[str, SchemeRules]:
    ignored: list[Problem] = []  # a scheme's own mistakes are `check`'s to report, not the import's
    return {scheme.slug: rules for source in sources.schemes
            if (found := validate_scheme(source, config, ignored)) for scheme, rules in [found]}


def _scheme_titles(sources: Sources) -> dict[str, str]:
    # A scheme may be given by its title ("Returning to Training") as well as by its slug.
    titles = {}
    for source in sources.schemes:
        document, _ = parse_document(source.settings.data, source.settings.file)
        entry = document.front.get("title") if document else None
        if entry is not None and isinstance(entry.value, Scalar):
            titles[entry.value.text.strip().casefold()] = source.slug
    return titles


def photo_folder(folder: Path) -> dict[str, Path]:
    """The photos in a folder, by file name (`--photos DIR`); subfolders and other files are left out."""
    return {path.name: path for path in sorted(folder.iterdir())
            if path.is_file() and not path.is_symlink() and path.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp")}


def apply_import(plan: ImportPlan, root: Path) -> None:
    """Write the new bios and photos and make the updates; never overwrites a file it did not plan to change."""
    if errors_in(plan.problems):
        raise ValueError("an import with errors must not be applied")
    for bio in plan.new:
        target = root / bio.file
        if bio.photo is not None:
            with open(bio.photo[0], "rb") as source, open(target.with_name(bio.photo[1]), "xb") as copy:
                copy.write(source.read())
        with open(target, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite, even in a race
            handle.write(bio.text)
    for change in plan.updates:
        target = root / change.file
        if target.read_bytes() != change.before:
            raise FileExistsError(f"{change.file} changed while importing; run the import again")
        staging = target.with_name(f".{target.name}.importing")
        staging.write_bytes(change.text.encode("utf-8"))
        staging.replace(target)
