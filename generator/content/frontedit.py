"""Change a few front-matter values of a bio in place, leaving every other byte of the file as it was.

`mentordir import --update` uses this for capacity, mentees and contact details: rewriting the
whole file from its parsed values would lose the mentor's comments, order and spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mentordir.content.frontmatter import Mapping, Scalar

_LINE = re.compile(r"^(?P<lead>[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*:[ \t]*)(?P<rest>.*?)(?P<end>\r?\n?)$", re.S)


@dataclass(frozen=True)
class Change:
    """One value to set: `capacity` to `3`, or `contact.email` to `"a@example.org"`."""

    field: str
    """The field's full name; one dot for a field inside `contact:`."""
    value: str
    """The value as YAML text, quoted where it needs to be."""
    after: str = "capacity"
    """Where a top-level field that is missing goes: on the line after this one (a one-line field)."""


class EditError(Exception):
    """The file is written in a shape that cannot be changed line by line; the message says which field."""


def apply_changes(text: str, front: Mapping, changes: list[Change]) -> str:
    """The file's text with each change made on its own line, or on a new line after its neighbours."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    inserts: dict[int, list[str]] = {}  # after which 1-based line, which new lines
    for change in changes:
        parent, _, key = change.field.rpartition(".")
        mapping = front
        indent = ""
        if parent:
            entry = front.get(parent)
            if entry is None or not isinstance(entry.value, Mapping):
                raise EditError(f"{parent} is not a group of indented fields")
            mapping = entry.value
            if any(child.line == entry.line for child in mapping.entries):
                raise EditError(f"{parent} is written on one line; write each of its fields on its own line")
            indent = _indent(lines[mapping.entries[0].line - 1]) if mapping.entries else "  "
        existing = mapping.get(key)
        if existing is not None:
            if not isinstance(existing.value, Scalar) or existing.value.line != existing.line:
                raise EditError(f"{change.field} is not a value on one line")
            lines[existing.line - 1] = _replace_value(lines[existing.line - 1], change.value, change.field)
        else:
            inserts.setdefault(_insert_after(front, mapping, parent, change), []).append(
                f"{indent}{key}: {change.value}{newline}")
    for after in sorted(inserts, reverse=True):
        lines[after:after] = inserts[after]
    return "".join(lines)


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _insert_after(front: Mapping, mapping: Mapping, parent: str, change: Change) -> int:
    # A field inside a group goes after the group's last field (each on one line: checked
    # above for the ones we change); a top-level one after its neighbour.
    if parent:
        group = front.get(parent)
        return max((entry.line for entry in mapping.entries), default=group.line if group else mapping.line)
    neighbour = front.get(change.after)
    if neighbour is None or not isinstance(neighbour.value, Scalar):
        raise EditError(f"{change.field} is missing and there is no `{change.after}:` line to put it after")
    return neighbour.line


def _replace_value(line: str, value: str, field: str) -> str:
    match = _LINE.match(line)
    if match is None:
        raise EditError(f"{field} is not written as `{field.rpartition('.')[2]}: value`")
    rest = match["rest"]
    comment = ""
    if rest[:1] in "\"'":
        close = rest.find(rest[0], 1)
        comment = rest[close + 1:] if close > 0 else ""
    elif (hash_mark := re.search(r"[ \t]+#", rest)) is not None:
        comment = rest[hash_mark.start():]
    return f"{match['lead']}{value}{comment}{match['end']}"
