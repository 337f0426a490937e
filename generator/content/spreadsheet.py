"""Read the scheme team's spreadsheet (CSV or Excel .xlsx) into rows of text, and name its columns.

The one place `mentordir import` touches the spreadsheet file. Cells come back as the text a
person sees, except where a spreadsheet's own types would lose something: a date cell becomes
YYYY-MM-DD, and a telephone number stored as a number is kept as a number so the importer can
say that its leading 0 is gone.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

MAX_ROWS = 5_000
MAX_BYTES = 20_000_000

# Bio fields a column can fill, with the headings spreadsheets commonly give them (compared in
# lower case with spaces, dashes and underscores removed). `--map` names any other heading.
FIELD_HEADINGS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "mentor", "mentor name", "display name"),
    "pronouns": ("pronouns",),
    "grade": ("grade", "current grade", "level"),
    "specialty": ("specialty", "speciality", "specialties", "specialities"),
    "region": ("region", "deanery", "training region", "area"),
    "organisation": ("organisation", "organization", "trust", "hospital", "employer", "practice"),
    "schemes": ("schemes", "scheme", "programme", "program"),
    "style": ("style", "mentoring style", "how i mentor"),
    "working": ("working", "meets by", "meeting", "how to meet", "meeting preference"),
    "capacity": ("capacity", "max mentees", "maximum mentees", "places"),
    "mentees": ("mentees", "current mentees", "mentees now"),
    "full_until": ("full until",),
    "away_until": ("away until", "back on", "away"),
    "preferred": ("preferred contact", "contact by", "preferred", "contact preference"),
    "email": ("email", "e mail", "email address", "e mail address", "work email"),
    "phone": ("phone", "telephone", "mobile", "phone number", "mobile number", "tel"),
    "url": ("url", "website", "booking link", "web address"),
    "matching": ("matching", "matched on", "match on"),
    "updated": ("updated", "last reviewed", "reviewed"),
    "photo": ("photo", "photo file", "picture"),
    "github": ("github", "github username", "github user"),
    "bio": ("bio", "biography", "about", "about me"),
}
IGNORE = "ignore"
"""The field a `--map` gives a column to leave it out on purpose."""


@dataclass(frozen=True)
class Cell:
    """One cell as the spreadsheet holds it."""

    text: str
    """What a person sees, trimmed; dates as YYYY-MM-DD."""
    number: bool = False
    """True when an Excel cell held a number rather than text (a telephone number loses its 0 so)."""


@dataclass(frozen=True)
class Row:
    """One mentor's row."""

    number: int
    """The row's number as the spreadsheet shows it (the headings are row 1)."""
    cells: tuple[Cell, ...]
    """The cells, one per heading, in column order."""


@dataclass(frozen=True)
class Table:
    """A spreadsheet's first sheet: headings and the rows under them that are not empty."""

    file: str
    """The spreadsheet as the user named it, for messages."""
    headings: tuple[str, ...]
    """Row 1, trimmed."""
    rows: tuple[Row, ...]
    """Every row with anything in it, in order."""


class SpreadsheetError(Exception):
    """The file cannot be read as a spreadsheet; the message says why and what to do."""


def read_table(path: Path, shown_as: str) -> Table:
    """Read a .csv (UTF-8, or Excel's UTF-8 with a byte-order mark) or an .xlsx file's first sheet."""
    if not path.is_file():
        raise SpreadsheetError(f"{shown_as}: there is no such file")
    if path.stat().st_size > MAX_BYTES:
        raise SpreadsheetError(f"{shown_as}: the file is larger than {MAX_BYTES // 1_000_000} MB; "
                               "save only the mentors' sheet")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        grid = _csv_grid(path, shown_as)
    elif suffix == ".xlsx":
        grid = _xlsx_grid(path, shown_as)
    else:
        raise SpreadsheetError(f"{shown_as}: is not a .csv or .xlsx file; save the sheet as CSV (UTF-8) or "
                               "Excel Workbook (.xlsx)")
    if not grid:
        raise SpreadsheetError(f"{shown_as}: the sheet is empty; put the headings in row 1 and a mentor in each row")
    headings = tuple(cell.text for cell in grid[0])
    width = len(headings)
    rows = tuple(Row(number=index, cells=tuple(cells[:width]) + (Cell(""),) * (width - len(cells)))
                 for index, cells in enumerate(grid[1:], start=2) if any(cell.text for cell in cells))
    if len(rows) > MAX_ROWS:
        raise SpreadsheetError(f"{shown_as}: has {len(rows)} rows, more than {MAX_ROWS}; import it in parts")
    return Table(file=shown_as, headings=headings, rows=rows)


def heading_key(heading: str) -> str:
    """A heading compared loosely: lower case, without spaces, dashes, underscores or a trailing colon."""
    return re.sub(r"[\s_\-:.()]+", "", heading.casefold())


def field_for_heading(heading: str) -> str | None:
    """The bio field a common heading names (`E-mail address` -> email), or None."""
    key = heading_key(heading)
    for field, names in FIELD_HEADINGS.items():
        if key == heading_key(field) or key in (heading_key(name) for name in names):
            return field
    return None


def _csv_grid(path: Path, shown_as: str) -> list[list[Cell]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(f"{shown_as}: is not UTF-8 text (byte {error.start + 1}); in Excel choose "
                               "Save As > CSV UTF-8 (Comma delimited)") from error
    # Excel in many European locales saves CSV with semicolons; the heading row shows which.
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [[Cell(value.strip()) for value in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_grid(path: Path, shown_as: str) -> list[list[Cell]]:
    # Imported here so that building a site never loads it.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as error:
        raise SpreadsheetError(f"{shown_as}: cannot be read as an Excel workbook ({error}); save it again "
                               "as Excel Workbook (.xlsx) or as CSV UTF-8") from error
    try:
        sheet = workbook.worksheets[0]
        grid = []
        for values in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2):
            grid.append([_xlsx_cell(value) for value in values])
    finally:
        workbook.close()
    while grid and not any(cell.text for cell in grid[-1]):
        grid.pop()
    return grid


def _xlsx_cell(value: object) -> Cell:
    if value is None:
        return Cell("")
    if isinstance(value, dt.datetime):
        return Cell(value.date().isoformat())
    if isinstance(value, dt.date):
        return Cell(value.isoformat())
    if isinstance(value, bool):
        return Cell("yes" if value else "no")
    if isinstance(value, float) and value.is_integer():
        return Cell(str(int(value)), number=True)
    if isinstance(value, (int, float)):
        return Cell(str(value), number=True)
    return Cell(str(value).strip())
