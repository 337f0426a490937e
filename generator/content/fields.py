"""Typed readers for front-matter fields: each returns a value or records a problem that says how to fix it."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from typing import Iterable

from mentordir.model.characters import LETTERS, hidden_character
from mentordir.content.frontmatter import Entry, Mapping, Node, Scalar, Sequence
from mentordir.content.addresses import PHONE, AddressChecks
from mentordir.model.problems import Problem, Severity, did_you_mean

WORD = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
GITHUB_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")

_KIND_WORDS = {
    "bool": "a yes/no value",
    "int": "a number",
    "float": "a number",
    "timestamp": "a date",
    "null": "an empty value",
}


class FieldReader:
    """Reads the fields of one mapping in one file, collecting problems instead of raising."""

    def __init__(self, file: str, mapping: Mapping, problems: list[Problem], prefix: str = "",
                 addresses: AddressChecks | None = None) -> None:
        self.file = file
        self.mapping = mapping
        self.problems = problems
        self.prefix = prefix
        # Shared with the readers of nested groups (`contact:`), so one bio's checks are kept together.
        self.addresses = addresses if addresses is not None else AddressChecks()
        self._misspelt: set[str] = set()  # known fields that an unknown one is a misspelling of

    def name_of(self, key: str) -> str:
        """The field's full name as a mentor sees it (`contact.email`)."""
        return f"{self.prefix}{key}"

    def has(self, key: str) -> bool:
        """Whether the field is present and not empty."""
        entry = self.mapping.get(key)
        return entry is not None and not _is_empty(entry.value)

    def line_of(self, key: str) -> int:
        """The line of the field, or of the mapping when the field is absent."""
        entry = self.mapping.get(key)
        return entry.line if entry else self.mapping.line

    def report(self, key: str | None, message: str, fix: str, severity: Severity = Severity.ERROR) -> None:
        """Record a problem with the field (or the mapping when key is None)."""
        line = self.line_of(key) if key else self.mapping.line
        self.problems.append(Problem(self.file, line, self.name_of(key) if key else self.prefix.rstrip(".") or None,
                                     message, fix, severity))

    def reject_unknown(self, known: Iterable[str]) -> None:
        """Report every field that is not one of `known`, suggesting the closest one."""
        known = list(known)
        for entry in self.mapping.entries:
            if entry.key not in known:
                hint = did_you_mean(entry.key, known)
                # `capcity:` is one mistake: "capacity is missing" as well would send the mentor
                # to add a second line beside the misspelt one.
                self._misspelt.update(difflib.get_close_matches(entry.key.lower(), known, n=1, cutoff=0.6))
                self.report(entry.key, f"is not a field we know{hint}",
                            "fix the spelling or remove the line; the fields are: " + ", ".join(known))

    def _entry(self, key: str, required: bool, example: str) -> Entry | None:
        entry = self.mapping.get(key)
        if entry is None:
            if required and key not in self._misspelt:
                self.report(key, "is missing", f"add a line like `{key}: {example}`")
            return None
        if _is_empty(entry.value):
            # `[]` says "none" on purpose; a blank or null value is reported (a list only when required).
            if required or isinstance(entry.value, Scalar):
                self._report_empty(entry, required, f"add a line like `{key}: {example}`")
            return None
        return entry

    def _report_empty(self, entry: Entry, required: bool, fix: str) -> None:
        # An empty or null value is never dropped in silence: `region: Null` or `~` would
        # otherwise publish a bio without the region its author believes they gave.
        value = entry.value
        written = value.text.strip() if isinstance(value, Scalar) else ""
        if not required:
            fix = "write the value, or delete the line to leave it out"
        if written and isinstance(value, Scalar) and value.kind == "null":
            self.report(entry.key, f'is "{written}", which YAML reads as no value',
                        f'{fix}; if you mean the word, put it in quotes: `{entry.key}: "{written}"`')
        else:
            self.report(entry.key, "is empty", fix)

    def _scalar(self, entry: Entry, expected: str, example: str) -> Scalar | None:
        if isinstance(entry.value, Scalar):
            return entry.value
        shape = "a list" if isinstance(entry.value, Sequence) else "a group of fields"
        self.report(entry.key, f"should be {expected}, not {shape}", f"write it like `{entry.key}: {example}`")
        return None

    def text(self, key: str, *, required: bool = False, example: str = "...", max_length: int = 200,
             single_line: bool = True, needs_letter: bool = False) -> str | None:
        """A piece of text; YAML's other readings (yes/no, numbers, dates) are reported, not converted.

        With `needs_letter`, text without a single letter (only digits, punctuation or emoji) is refused.
        """
        entry = self._entry(key, required, example)
        if entry is None:
            return None
        scalar = self._scalar(entry, "text", example)
        value = None if scalar is None else self._text_of(entry.key, scalar, max_length, single_line)
        if value and needs_letter and not any(unicodedata.category(char) in LETTERS for char in value):
            self.report(key, f'"{value}" has no letters', f"write it in letters, like `{key}: {example}`")
            return None
        return value

    def _text_of(self, key: str, scalar: Scalar, max_length: int, single_line: bool, label: str = "") -> str | None:
        if scalar.kind != "str" and not scalar.quoted:
            reading = _KIND_WORDS.get(scalar.kind, scalar.kind)
            self.report(key, f'{label}{scalar.text} is read by YAML as {reading}, not as text',
                        f'put it in quotes: `{key}: "{scalar.text}"`')
            return None
        value = unicodedata.normalize("NFC", scalar.text.strip())
        if single_line and "\n" in value:
            self.report(key, f"{label}should be on one line", "join the lines into one")
            return None
        hidden = hidden_character(value, single_line)
        if hidden:
            self.report(key, f"{label}contains an invisible or control character ({hidden})",
                        "delete it; retype the value if you cannot see where it is")
            return None
        if len(value) > max_length:
            self.report(key, f"{label}is {len(value)} characters long, more than {max_length}", "shorten it")
            return None
        return value

    def texts(self, key: str, *, required: bool = False, example: str = "...", max_items: int = 12,
              max_length: int = 100) -> tuple[str, ...]:
        """One text or a list of texts, in the order written."""
        entry = self._entry(key, required, example)
        if entry is None:
            return ()
        items = entry.value.items if isinstance(entry.value, Sequence) else (entry.value,)
        if len(items) > max_items:
            self.report(key, f"has {len(items)} entries, more than {max_items}", "keep the most important ones")
            return ()
        values: list[str] = []
        for item in items:
            if not isinstance(item, Scalar):
                self.report(key, "should be a simple list of words", f"write it like `{key}: {example}`")
                return ()
            value = self._text_of(key, item, max_length, True, label="an entry " if len(items) > 1 else "")
            if value == "":
                self.report(key, "has an empty entry", "fill it in or remove it")
            elif value:
                values.append(value)
        return tuple(values)

    def words(self, key: str, *, allowed: Iterable[str] | None = None, example: str = "[word, other-word]",
              max_items: int = 12, allowed_from: str = "", unknown: str = "is not one of the allowed words"
              ) -> tuple[str, ...]:
        """A list of lower-case hyphenated words, optionally from a fixed list."""
        allowed = list(allowed) if allowed is not None else None
        values = self.texts(key, example=example, max_items=max_items, max_length=40)
        kept: list[str] = []
        for value in values:
            if allowed is not None and value not in allowed:
                choices = f"use one of: {', '.join(allowed)}{allowed_from}" if allowed else \
                    f"remove it: there are none to choose from{allowed_from}"
                self.report(key, f'"{value}" {unknown}{did_you_mean(value, allowed)}', choices)
            elif allowed is None and not WORD.match(value):
                self.report(key, f'"{value}" is not a lower-case hyphenated word',
                            f'write it like "{_as_word(value)}"')
            elif value in kept:
                self.report(key, f'"{value}" is listed twice', "list it once")
            else:
                kept.append(value)
        return tuple(kept)

    def choice(self, key: str, options: Iterable[str], *, required: bool = False, example: str = "",
               unknown: str = "is not one of the choices") -> str | None:
        """One of a fixed set of words, matched without regard to case."""
        options = list(options)
        value = self.text(key, required=required, example=example or options[0])
        if value is None:
            return None
        for option in options:
            if option.lower() == value.lower():
                return option
        self.report(key, f'"{value}" {unknown}{did_you_mean(value, options)}',
                    f"use one of: {', '.join(options)}")
        return None

    def whole_number(self, key: str, *, required: bool = False, minimum: int = 0, maximum: int = 1000,
                     example: str = "1") -> int | None:
        """A whole number within bounds (true/false and 1.5 are refused)."""
        entry = self._entry(key, required, example)
        if entry is None:
            return None
        scalar = self._scalar(entry, "a whole number", example)
        if scalar is None:
            return None
        if scalar.kind != "int" or not re.fullmatch(r"[0-9]+", scalar.text.strip()):
            self.report(key, f'"{scalar.text}" is not a whole number', f"write a number like `{key}: {example}`")
            return None
        number = int(scalar.text)
        if not minimum <= number <= maximum:
            self.report(key, f"is {number}, but must be between {minimum} and {maximum}",
                        f"write a number from {minimum} to {maximum}")
            return None
        return number

    def date(self, key: str, *, required: bool = False, example: str = "2026-10-01") -> dt.date | None:
        """A calendar date written as YYYY-MM-DD."""
        entry = self._entry(key, required, example)
        if entry is None:
            return None
        scalar = self._scalar(entry, "a date", example)
        if scalar is None:
            return None
        text = scalar.text.strip()
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            self.report(key, f'"{text}" is not a date in the form YYYY-MM-DD', f"write it like `{key}: {example}`")
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.report(key, f"{text} is not a real date", "check the day and the month")
            return None

    def flag(self, key: str, *, example: str = "true") -> bool | None:
        """A true/false setting."""
        entry = self._entry(key, False, example)
        if entry is None:
            return None
        scalar = self._scalar(entry, "true or false", example)
        if scalar is None:
            return None
        if scalar.kind != "bool" or scalar.text.lower() not in ("true", "false"):
            self.report(key, f'"{scalar.text}" is not true or false', f"write `{key}: true` or `{key}: false`")
            return None
        return scalar.text.lower() == "true"

    def email(self, key: str, *, required: bool = False) -> str | None:
        """An e-mail address, with nothing that could inject a header or a second address."""
        value = self.text(key, required=required, example="jane.doe@example.org", max_length=254)
        if value is not None and not self.addresses.is_email(value):
            self.report(key, f'"{value}" is not an e-mail address', "write it like `jane.doe@example.org`")
            return None
        return value

    def phone(self, key: str, *, required: bool = False) -> str | None:
        """A telephone number of digits, spaces, brackets and dashes, with an optional leading +."""
        entry = self.mapping.get(key)
        if entry is not None and isinstance(entry.value, Scalar) and entry.value.kind == "int" \
                and not entry.value.quoted:
            self.report(key, f"{entry.value.text} is read by YAML as a number, so a leading 0 or + would be lost",
                        f'put it in quotes: `{key}: "{entry.value.text}"`')
            return None
        value = self.text(key, required=required, example='"07700 900123"', max_length=30)
        if value is not None and not PHONE.match(value):
            self.report(key, f'"{value}" is not a telephone number',
                        'use digits, spaces and an optional leading +, like "07700 900123"')
            return None
        if value is not None and not self.addresses.is_phone(value):
            self.report(key, f'"{value}" is not a telephone number we can dial',
                        'check the digits: a UK number has 11 digits, like "07700 900123"; '
                        'write a number from abroad with its country code, like "+353 1 234 5678"')
            return None
        return value

    def github_login(self, key: str, login: str) -> bool:
        """Whether `login` is a GitHub username; reports it when it is not."""
        if GITHUB_LOGIN.match(login):
            return True
        self.report(key, f'"{login}" is not a GitHub username',
                    "write just the username you sign in to GitHub with, like `jane-doe` (no @ or web address)")
        return False

    def https_url(self, key: str, *, required: bool = False) -> str | None:
        """A web address that starts with https:// and points at a host."""
        value = self.text(key, required=required, example="https://example.org/book", max_length=500)
        if value is None:
            return None
        if not re.fullmatch(r"https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][^\s\"'<>\\]*)?", value):
            self.report(key, f'"{value}" is not a web address starting with https://',
                        "write the full address, like `https://example.org/book`")
            return None
        return value

    def mapping_of(self, key: str, *, required: bool = False, example: str = "") -> "FieldReader | None":
        """A reader for a group of fields nested under `key`; `example` describes the group in one line."""
        entry = self.mapping.get(key)
        if entry is None:
            if required and key not in self._misspelt:
                self.report(key, "is missing", f"add {example}")
            return None
        if _is_empty(entry.value):
            if required or isinstance(entry.value, Scalar):
                self._report_empty(entry, required, f"add {example}")
            return None
        if not isinstance(entry.value, Mapping):
            self.report(key, "should be a group of indented fields", f"write {example}")
            return None
        return FieldReader(self.file, entry.value, self.problems, prefix=f"{self.name_of(key)}.",
                           addresses=self.addresses)


def _is_empty(node: Node) -> bool:
    if isinstance(node, Sequence):
        return not node.items
    return isinstance(node, Scalar) and ((node.kind == "null" and not node.quoted) or not node.text.strip())


def _as_word(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "word"
