"""Problems found in content: one type for every stage, reported all at once."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Iterable


class Severity(str, Enum):
    """How serious a problem is: errors fail `check` and `build`, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, said so that a mentor can fix it."""

    file: str
    """The file, relative to the site root, with forward slashes (`content/mentors/jane-doe.md`)."""
    line: int | None
    """The 1-based line of the offending key, or None when the problem is about the whole file."""
    field: str | None
    """The front-matter field (`contact.email`), or None for the file as a whole."""
    message: str
    """What is wrong, in plain words."""
    fix: str
    """How to put it right, in plain words."""
    severity: Severity = Severity.ERROR
    """Whether the problem stops the build."""

    def sort_key(self) -> tuple[str, int, str, str]:
        """Order problems by file, then line, so a mentor reads them top to bottom."""
        return (self.file, self.line or 0, self.field or "", self.message)

    def as_text(self) -> str:
        """Render as `file:line: field: what is wrong - how to fix it`, control characters shown as escapes."""
        where = shown(self.file) if self.line is None else f"{shown(self.file)}:{self.line}"
        label = f"{shown(self.field)}: " if self.field else ""
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {prefix}{label}{shown(self.message)} - {shown(self.fix)}"

    def as_github(self) -> str:
        """Render as a GitHub Actions annotation on the file and line."""
        command = "warning" if self.severity is Severity.WARNING else "error"
        # CR and LF are left to GitHub's own escaping (%0D, %0A), which keeps them in the message.
        place = "file=" + _escape_property(shown(self.file, keep=_LINE_ENDS))
        if self.line is not None:
            place += f",line={self.line}"
        title = _escape_property(shown(self.field or "file", keep=_LINE_ENDS))
        body = _escape_data(shown(f"{self.message} - {self.fix}", keep=_LINE_ENDS))
        return f"::{command} {place},title={title}::{body}"


class ContentError(Exception):
    """Raised when content has errors; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=Problem.sort_key))
        super().__init__(f"{len(self.problems)} problem(s) in content")


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that stop a build."""
    return [problem for problem in problems if problem.severity is Severity.ERROR]


def relative_name(path: Path, root: Path) -> str:
    """A path as the user knows it: relative to the site root when it is inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ` (did you mean "x"?)` hint when a choice is close to what was typed, else ""."""
    options = list(choices)
    lowered = {option.lower(): option for option in options}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f' (did you mean "{lowered[close[0]]}"?)' if close else ""


def shown(text: str, keep: str = "") -> str:
    """Text safe to print: control, format and line-separator characters become visible escapes (`\\x1b`).

    File names, field names and values come from content; printed raw, an escape sequence
    in a bio could clear the terminal and print a fake "No problems" line. `keep` names
    characters to leave as they are.
    """
    if text.isascii() and text.isprintable():
        return text  # nearly every message: no control character can be in it (a quick check in C)
    return "".join(_escape_char(char) if unicodedata.category(char) in _HIDDEN and char not in keep else char
                   for char in text)


_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs"}
_LINE_ENDS = "\r\n"


def _escape_char(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping: %, CR and LF would end the message.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
