"""Which bio field each column of the spreadsheet fills: common headings, and `--map` for the rest."""

from __future__ import annotations

from mentordir.content.spreadsheet import FIELD_HEADINGS, IGNORE, Table, field_for_heading, heading_key
from mentordir.content.validate import BIO_FIELDS
from mentordir.model.problems import Problem, Severity, did_you_mean

REQUIRED_COLUMNS = ("name", "grade", "specialty", "style", "capacity", "bio")
"""Fields every bio needs, so the spreadsheet needs a column for each (the contact route defaults)."""

def parse_maps(maps: list[str], table: Table) -> tuple[dict[str, str], list[Problem]]:
    """`--map "Work phone=phone"` options as {heading key: field}, with problems for unknown names."""
    fields = (*FIELD_HEADINGS, IGNORE)
    found: dict[str, str] = {}
    problems: list[Problem] = []
    headings = {heading_key(heading): heading for heading in table.headings}
    for text in maps:
        column, equals, field = (part.strip() for part in text.partition("="))
        where = f"{table.file}:row 1"
        if not equals or not column or field not in fields:
            problems.append(Problem(where, None, column or None, f'--map "{text}" does not name a field we know'
                                    f"{did_you_mean(field, fields) if field else ''}",
                                    f"write --map \"COLUMN=FIELD\" with one of: {', '.join(fields)}"))
        elif heading_key(column) not in headings:
            problems.append(Problem(where, None, column, "is not a column heading in row 1" +
                                    did_you_mean(column, table.headings),
                                    "copy the heading exactly as it is written in the spreadsheet"))
        else:
            found[heading_key(column)] = field
    return found, problems


def column_fields(table: Table, maps: dict[str, str]) -> tuple[tuple[str | None, ...], list[Problem]]:
    """The field each column fills (None to leave it out), with problems for unknown and repeated ones."""
    problems: list[Problem] = []
    fields: list[str | None] = []
    seen: dict[str, str] = {}
    for heading in table.headings:
        field = maps.get(heading_key(heading)) or field_for_heading(heading)
        if field == IGNORE or (field is None and not heading):
            fields.append(None)
            continue
        if field is None:
            problems.append(Problem(f"{table.file}:row 1", None, heading, "is not a column we know",
                                    f'name the bio field it holds with --map "{heading}=FIELD" (or '
                                    f'--map "{heading}={IGNORE}" to leave it out)'))
        elif field in seen:
            problems.append(Problem(f"{table.file}:row 1", None, heading, f'fills {field}, as "{seen[field]}" does',
                                    f'keep one, or leave this one out with --map "{heading}={IGNORE}"'))
            field = None
        elif field == "github" and "github" not in BIO_FIELDS:
            problems.append(Problem(f"{table.file}:row 1", None, heading, "is left out: this site's bios have no "
                                    "github field", f'leave it out with --map "{heading}={IGNORE}"',
                                    Severity.WARNING))
            field = None
        else:
            seen[field] = heading
        fields.append(field)
    for required in REQUIRED_COLUMNS:
        if required not in seen:
            problems.append(Problem(f"{table.file}:row 1", None, None, f"no column holds the {required}",
                                    f'add a "{required.capitalize()}" column, or name it with '
                                    f'--map "COLUMN={required}"'))
    return tuple(fields), problems
