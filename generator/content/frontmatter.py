"""Turn the bytes of a content file into front matter (a typed YAML tree) and a Markdown body.

The YAML is never *constructed* into Python values: scalars keep their source text and
the type YAML 1.1 would have given them, so validation can say "`region: NO` was read as
false - put it in quotes" instead of silently publishing `False`. Anchors, aliases, tags,
deep nesting and duplicate keys are refused before anything else looks at the tree.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Union

import yaml

from mentordir.content.syntax import explain
from mentordir.model.problems import Problem

MAX_FILE_BYTES = 100_000
MAX_FRONT_MATTER_CHARS = 16_000
MAX_DEPTH = 10
FIRST_YAML_LINE = 2  # line 1 of the file is the opening `---`

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG_PREFIX = "tag:yaml.org,2002:"


@dataclass(frozen=True)
class Scalar:
    """A single YAML value, kept as written."""

    text: str
    """The value's text as written (quotes and escapes already resolved by YAML)."""
    kind: str
    """What YAML 1.1 would have made of it: str, bool, int, float, null or timestamp."""
    quoted: bool
    """True when the value was in quotes or a block (`|`, `>`), so it is text whatever it looks like."""
    line: int
    """1-based line in the file."""


@dataclass(frozen=True)
class Sequence:
    """A YAML list."""

    items: tuple["Node", ...]
    """The list's values in order."""
    line: int
    """1-based line in the file where the list starts."""


@dataclass(frozen=True)
class Entry:
    """One `key: value` pair of a mapping."""

    key: str
    """The key as written."""
    line: int
    """1-based line of the key."""
    value: "Node"
    """The value under the key."""


@dataclass(frozen=True)
class Mapping:
    """A YAML mapping, with keys unique and in file order."""

    entries: tuple[Entry, ...]
    """The pairs, in the order they were written."""
    line: int
    """1-based line where the mapping starts."""

    def get(self, key: str) -> Entry | None:
        """The entry for `key`, or None when it is absent."""
        for entry in self.entries:
            if entry.key == key:
                return entry
        return None


Node = Union[Scalar, Sequence, Mapping]


@dataclass(frozen=True)
class Document:
    """A content file split into its front matter and its Markdown body."""

    file: str
    """The file, relative to the site root."""
    front: Mapping
    """The front matter."""
    body: str
    """The Markdown after the closing `---`, NFC-normalised, with LF line ends."""
    body_line: int
    """1-based line where the body starts."""


def parse_document(data: bytes, file: str) -> tuple[Document | None, list[Problem]]:
    """Decode, split and parse one content file; on any problem the document is None."""
    text, problems = decode_text(data, file)
    if text is None:
        return None, problems
    parts = _split(text, file)
    if isinstance(parts, Problem):
        return None, [parts]
    front_text, body, body_line = parts
    front, problems = parse_front_matter(front_text, file)
    if front is None:
        return None, problems
    # Only the body is normalised here: NFC over the YAML could join a combining mark to the
    # last character of an escape (`"\U000261EA` + U+0300), changing what YAML reads. Field
    # values are normalised as they are read (generator/content/fields.py).
    return Document(file=file, front=front, body=unicodedata.normalize("NFC", body), body_line=body_line), problems


def decode_text(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Strict UTF-8 (one leading BOM allowed) with LF line ends; problems name the byte offset.

    The text is not NFC-normalised here: YAML must read exactly what was written.
    """
    save_as = "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)"
    if len(data) > MAX_FILE_BYTES:
        return None, [Problem(file, None, None,
                              f"the file is {len(data):,} bytes, more than the {MAX_FILE_BYTES:,} allowed",
                              "shorten the text; a bio needs only a few paragraphs" if "/mentors/" in file
                              else "shorten the text, or split it into more files")]
    if looks_like_utf16(data):
        return None, [Problem(file, 1, None, "the file is saved as UTF-16, not UTF-8", save_as)]
    if (nul := data.find(b"\x00")) >= 0:
        return None, [Problem(file, _line_at(data, nul), None,
                              f"byte {nul} is a NUL character, which text files never contain",
                              "save the file again as plain text (UTF-8)")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [Problem(file, _line_at(data, error.start), None,
                              f"byte {error.start} (0x{data[error.start]:02x}) is not valid UTF-8; "
                              "the file was probably saved as Latin-1 or Windows-1252", save_as)]
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), []


def looks_like_utf16(data: bytes) -> bool:
    """Whether the file starts with a UTF-16 byte-order mark, or has NULs at every other byte of its first 200.

    In UTF-16 every plain letter has a zero byte, always on the same side; a letter such as 王
    has none, so half of the even (or odd) bytes being NUL is taken as enough. A stray NUL
    in UTF-8 text is not UTF-16, and is reported as what it is.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = data[:200]
    return any(half and half.count(0) * 2 >= len(half) for half in (head[0::2], head[1::2]))


def _line_at(data: bytes, offset: int) -> int:
    return len(re.split(rb"\r\n|\r|\n", data[:offset]))


def _split(text: str, file: str) -> tuple[str, str, int] | Problem:
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return Problem(file, 1, None, "the file does not start with front matter",
                       "put a line with just --- first, then the fields, then another line with just ---")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return front, body, index + 2
    return Problem(file, 1, None, "the front matter has no closing ---",
                   "add a line with just --- after the last field, before the text of the page")


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted value that reads back as exactly that text.

    A JSON string is a YAML double-quoted string with the same escapes: no character of it
    (a colon, `NO`, a leading 0, a quote, a line break) can change what YAML reads.
    """
    return json.dumps(text, ensure_ascii=False)


def parse_front_matter(front_text: str, file: str, first_line: int = FIRST_YAML_LINE,
                       what: str = "the front matter") -> tuple[Mapping | None, list[Problem]]:
    """Parse front-matter YAML into a typed tree, refusing what front matter never needs.

    `first_line` is the file line of the YAML's first line: 2 in a Markdown file, 1 in site.yaml;
    `what` names the YAML in messages ("the front matter", "the settings").
    """
    if len(front_text) > MAX_FRONT_MATTER_CHARS:
        return None, [Problem(file, first_line, None,
                              f"{what} is {len(front_text):,} characters, more than {MAX_FRONT_MATTER_CHARS:,}",
                              "keep the fields short and put longer text in the body below the second ---")]
    too_deep = _flow_nesting_too_deep(front_text)
    if too_deep is not None:
        return None, [_too_deep(file, too_deep + first_line, what)]
    try:
        problems = _scan_events(front_text, file, first_line, what)
        if problems:
            return None, problems
        root = yaml.compose(front_text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, front_text, file, first_line, what)]
    except (yaml.YAMLError, RecursionError, ValueError) as error:
        return None, [Problem(file, first_line, None, f"{what} cannot be read ({error})",
                              "check the indentation and quoting of the fields")]
    if root is None:
        return Mapping(entries=(), line=first_line), []
    if not isinstance(root, yaml.MappingNode):
        return None, [Problem(file, _line(root, first_line), None, f"{what} is not a list of `field: value` lines",
                              "write one field per line, like `name: Dr Jane Doe`")]
    problems = []
    tree = _convert(root, file, first_line, problems)
    return (tree if not problems else None), problems  # type: ignore[return-value]


def _scan_events(front_text: str, file: str, first_line: int, what: str) -> list[Problem]:
    # An iterative pass over parser events, before composing: it bounds depth (the
    # pure-Python composer recurses) and refuses anchors, aliases and tags, which
    # front matter never needs and which enable alias bombs and object construction.
    problems: list[Problem] = []
    depth = 0
    for event in yaml.parse(front_text, Loader=_Loader):
        line = event.start_mark.line + first_line
        if isinstance(event, yaml.AliasEvent):
            problems.append(Problem(file, line, None, f"YAML aliases (*{event.anchor}) are not allowed",
                                    "write the value out in full"))
        elif isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if event.anchor is not None:
                problems.append(Problem(file, line, None, f"YAML anchors (&{event.anchor}) are not allowed",
                                        "remove the &name and write values out in full"))
            if event.tag is not None and event.tag != "!":
                problems.append(Problem(file, line, None, f"YAML tags ({event.tag}) are not allowed",
                                        "remove the tag; put the value in quotes if it is text"))
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return problems + [_too_deep(file, line, what)]
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return problems


def _too_deep(file: str, line: int, what: str) -> Problem:
    return Problem(file, line, None, f"{what} is nested more than {MAX_DEPTH} levels deep",
                   "use plain fields and short lists as in the template")


_BLOCK_SCALAR = re.compile(r"(?:^|[:\-?]\s)\s*[|>][0-9+-]*\s*(?:#.*)?$")


def _flow_nesting_too_deep(text: str) -> int | None:
    """The 0-based line where `[` and `{` nest deeper than MAX_DEPTH, or None.

    A lexical pass of our own, run before YAML sees the text: how deep brackets may nest must
    not depend on where a given PyYAML release's scanner gives up (6.0.4 stops earlier than
    6.0.3 and with its own words). Brackets count only where YAML would open a flow collection
    (at the start of a value, or inside one already open); quoted text, comments and block
    scalars (`|`, `>`) are skipped, so `style: I say [[this]]` is text, as YAML reads it.
    """
    depth = 0
    block_indent: int | None = None  # inside a `|` or `>` block scalar: the indent of its key
    for number, line in enumerate(text.split("\n")):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue
            block_indent = None
        quote = ""
        previous = ""  # the last character that was not a space, on this line
        index = 0
        while index < len(line):
            char = line[index]
            if quote:
                if char == "\\" and quote == '"':
                    index += 1
                elif char == quote:
                    if quote == "'" and line[index + 1:index + 2] == "'":
                        index += 1
                    else:
                        quote = ""
            elif char == "#" and (index == 0 or line[index - 1] in " \t"):
                break
            elif char in "'\"" and previous in ("", ":", "-", "?"):
                quote = char
            elif char in "[{" and (depth or previous in ("", ":", "-", "?")):
                depth += 1
                if depth + 1 > MAX_DEPTH:  # the front matter's own mapping is the first level
                    return number
            elif char in "]}" and depth:
                depth -= 1
            if char not in " \t":
                previous = char if not (depth and char in ",[{") else ""
            index += 1
        if not depth and _BLOCK_SCALAR.search(line):
            block_indent = indent
    return None


def _convert(node: yaml.Node, file: str, first_line: int, problems: list[Problem], prefix: str = "") -> Node:
    if isinstance(node, yaml.ScalarNode):
        kind = node.tag.removeprefix(_TAG_PREFIX)
        # Plain scalars have style None (pure-Python loader) or "" (libyaml loader).
        quoted = node.style in ("'", '"', "|", ">")
        return Scalar(text=node.value, kind=kind, quoted=quoted, line=_line(node, first_line))
    if isinstance(node, yaml.SequenceNode):
        items = tuple(_convert(item, file, first_line, problems, prefix) for item in node.value)
        return Sequence(items=items, line=_line(node, first_line))
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = _line(key_node, first_line)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(file, line, None, "a field name must be a plain word",
                                    "write fields as `name: value`"))
            continue
        key = key_node.value
        if key in seen:
            problems.append(Problem(file, line, prefix + key, f"the field appears twice (first on line {seen[key]})",
                                    "keep one of them and delete the other"))
            continue
        seen[key] = line
        entries.append(Entry(key=key, line=line,
                             value=_convert(value_node, file, first_line, problems, f"{prefix}{key}.")))
    return Mapping(entries=tuple(entries), line=_line(node, first_line))


def _line(node: yaml.Node, first_line: int) -> int:
    return node.start_mark.line + first_line


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, file: str, first_line: int, what: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    index = mark.line if mark is not None else 0
    line = index + first_line
    reason = error.problem or "the YAML is malformed"
    hint = "check this line: a value that contains ': ' or starts with a quote, [ or { must be in quotes"
    lines = text.split("\n")
    if "\t" in reason or "tab" in reason or (index < len(lines) and lines[index].lstrip(" ").startswith("\t")):
        hint = "indent with spaces, not tabs"
    elif (cause := explain(lines, index)) is not None:
        number, message, fix = cause
        return Problem(file, number + first_line, None, f"{what} cannot be read: {message}", fix)
    return Problem(file, line, None, f"{what} cannot be read: {reason}", hint)
