"""Plain-English causes for the YAML mistakes people really make, found where YAML's own message misleads.

PyYAML reports where it gave up, which is often the line after the mistake, in its own
terms ("could not find expected ':'"). These checks look at the text up to that line for
three mistakes it describes badly, and name the line to change and how.
"""

from __future__ import annotations

import re

_SINGLE_QUOTED = re.compile(r"^(\s*[A-Za-z_][\w-]*):\s*'([^']*)'(\S.*)$")
_NO_SPACE = re.compile(r"^(\s*)([A-Za-z_][\w-]*):([^\s/'\"#].*)$")
_KEY = re.compile(r"^([A-Za-z_][\w-]*):(.*)$")


def explain(lines: list[str], index: int) -> tuple[int, str, str] | None:
    """(0-based line, what is wrong, how to fix it) for a known mistake at or before line `index`, or None."""
    before = lines[:index + 1]
    for number, line in enumerate(before):
        quoted = _SINGLE_QUOTED.match(line)
        if quoted:
            key, start, rest = quoted.groups()
            value = f"{start}'{rest.rstrip()}".removesuffix("'")
            fix = f'put the value in double quotes instead: `{key.strip()}: "{value}"`' if '"' not in value else \
                f"write the apostrophe twice: `{key.strip()}: '{value.replace(chr(39), chr(39) * 2)}'`"
            return number, "the value starts with a ' quote, so the apostrophe inside it ends the value early", fix
    for number, line in enumerate(before):
        glued = _NO_SPACE.match(line)
        if glued:
            indent, key, value = glued.groups()
            return number, f"`{key}:{value.rstrip()}` has no space after the colon, so it is not read as a field", \
                f"put a space after the colon: `{indent}{key}: {value.strip()}`"
    return _unindented(lines, index)


def _unindented(lines: list[str], index: int) -> tuple[int, str, str] | None:
    # contact:            <- a group with nothing after its colon
    # preferred: email    <- should have been indented under it
    #   email: ...        <- YAML stops here, indented under a line that has a value
    if index >= len(lines) or not lines[index].startswith(" "):
        return None
    previous = [number for number in range(index)
                if lines[number].strip() and not lines[number].lstrip().startswith("#")]
    if len(previous) < 2:
        return None
    field, group = lines[previous[-1]], lines[previous[-2]]
    field_key, group_key = _KEY.match(field), _KEY.match(group)
    if not (field_key and group_key and field_key.group(2).strip() and not group_key.group(2).split("#")[0].strip()):
        return None
    key, parent = field_key.group(1), group_key.group(1)
    return previous[-1], f"`{key}:` is not indented under `{parent}:`", \
        f"put two spaces before `{key}:`, as before the other lines under `{parent}:`"
