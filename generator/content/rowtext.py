"""A spreadsheet row written as a bio: the front matter in the bio format, quoted where YAML would misread it."""

from __future__ import annotations

import re

import yaml

from mentordir.content.frontmatter import yaml_quoted
from mentordir.content.spreadsheet import Cell
from mentordir.model.models import CONTACT_ROUTES

LIST_FIELDS = ("specialty", "schemes", "working", "matching")
WORD_FIELDS = ("schemes", "working", "matching")
_ROUTE_WORDS = {"email": "email", "e-mail": "email", "mail": "email", "phone": "phone", "telephone": "phone",
                "mobile": "phone", "tel": "phone", "url": "url", "website": "url", "web": "url", "link": "url",
                "team": "team", "scheme team": "team", "via the team": "team", "through the team": "team"}
_UK_DATE = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")


def bio_text(values: dict[str, Cell], titles: dict[str, str], photo: str | None) -> str:
    """A bio in the bio format from one row's cells (by field), quoting whatever YAML would misread."""
    lines = ["---"]
    for field in ("name", "pronouns", "grade", "specialty", "region", "organisation", "schemes", "style", "working",
                  "capacity", "mentees", "full_until", "away_until"):
        if field in values:
            lines.append(f"{field}: {field_value(field, values[field].text, titles)}")
    route = _route(values)
    lines += ["contact:", f"  preferred: {route}"]
    lines += [f"  {field}: {field_value(field, values[field].text, titles)}"
              for field in ("email", "phone", "url") if field in values]
    for field in ("matching", "updated", "github"):
        if field in values:
            lines.append(f"{field}: {field_value(field, values[field].text, titles)}")
    if photo:
        lines.append(f"photo: {photo}")
    body = values["bio"].text.replace("\r\n", "\n").strip() if "bio" in values else ""
    return "\n".join(lines) + "\n---\n" + (body + "\n" if body else "")


def field_value(field: str, text: str, titles: dict[str, str]) -> str:
    """One cell's text as the YAML value of `field`: lists split on `;` or `,`, UK dates turned round."""
    if field in LIST_FIELDS:
        items = [item.strip() for item in re.split(r"[;,\n]", text) if item.strip()]
        if field in WORD_FIELDS:
            items = [titles.get(item.casefold(), item) if field == "schemes" else item for item in items]
            items = [re.sub(r"[\s_]+", "-", item.strip().lower()) for item in items]
        quoted = [_yaml(item, flow=True) for item in items]
        return quoted[0] if field == "specialty" and len(quoted) == 1 else "[" + ", ".join(quoted) + "]"
    if field in ("full_until", "away_until", "updated"):
        match = _UK_DATE.match(text)  # UK spreadsheets write 01/03/2027 for 1 March
        if match:
            text = f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"
        return text if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) else _yaml(text)
    if field in ("capacity", "mentees") and text.isdigit():
        return text
    if field == "phone":
        return yaml_quoted(text)
    if field == "preferred":
        return _ROUTE_WORDS.get(text.casefold(), _yaml(text))
    return _yaml(text)


def _yaml(text: str, flow: bool = False) -> str:
    # Plain when YAML reads it back as the same text, in double quotes (JSON's escapes are
    # YAML's) otherwise: `NO`, `1:1`, `07700...` and `Smith, J` all come back as written.
    plain = re.fullmatch(r"[A-Za-z][^\n#:\"'\[\]{}&*!|>%`]*", text) and text == text.strip()
    if plain and (not flow or "," not in text):
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return yaml_quoted(text)


def _route(values: dict[str, Cell]) -> str:
    if "preferred" in values:
        return field_value("preferred", values["preferred"].text, {})
    return next((route for route in CONTACT_ROUTES if route in values), "team")
