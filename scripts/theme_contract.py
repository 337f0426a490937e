"""Write the template contract in docs/THEMES.md from generator/site/pages.py.

Run `python scripts/theme_contract.py` after changing a page dataclass; a test fails
while docs/THEMES.md and pages.py disagree.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = REPO / "generator" / "site" / "pages.py"
THEMES = REPO / "docs" / "THEMES.md"
START = "<!-- contract: written by scripts/theme_contract.py from generator/site/pages.py; do not edit -->"
END = "<!-- end of contract -->"
# The values that pages are made of, in the order a theme author meets them.
PARTS = ("SiteView", "MentorView", "Avatar", "DirectorySearch", "FilterGroup", "FilterOption")


def _classes(source: str) -> dict[str, tuple[str, list[tuple[str, str, str, str | None]]]]:
    """Each dataclass of pages.py: its first docstring line and (field, type, docstring, default) for each field."""
    classes = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields = []
        for index, item in enumerate(node.body):
            if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                after = node.body[index + 1] if index + 1 < len(node.body) else None
                doc = (" ".join(after.value.value.split()) if isinstance(after, ast.Expr)
                       and isinstance(after.value, ast.Constant) and isinstance(after.value.value, str) else "")
                default = ast.literal_eval(item.value) if isinstance(item.value, ast.Constant) else None
                fields.append((item.target.id, ast.unparse(item.annotation), doc, default))
        classes[node.name] = ((ast.get_docstring(node) or "").split("\n")[0], fields)
    return classes


def _table(fields: list[tuple[str, str, str, str | None]]) -> list[str]:
    rows = ["| field | type | what it is |", "| --- | --- | --- |"]
    return rows + [f"| `{name}` | `{kind}` | {doc} |" for name, kind, doc, _ in fields if name != "template"]


def contract(source: str) -> str:
    """The contract section: each template with the page it receives, then the values pages hold."""
    classes = _classes(source)
    lines = [START, "", "### Pages: what each template receives as `page`", ""]
    for name, (doc, fields) in classes.items():
        template = next((default for field, _, _, default in fields if field == "template"), None)
        if template:
            lines += [f"#### `{template}`: `page` is a `{name}`", "", doc, "", *_table(fields), ""]
    lines += ["### The values pages are made of", ""]
    for name in (part for part in PARTS if part in classes):
        doc, fields = classes[name]
        lines += [f"#### `{name}`", "", doc, "", *_table(fields), ""]
    return "\n".join(lines + [END])


def written(document: str, source: str) -> str:
    """The document with its contract section replaced by the one pages.py gives."""
    before, _, rest = document.partition(START)
    _, _, after = rest.partition(END)
    return before + contract(source) + after


if __name__ == "__main__":
    THEMES.write_text(written(THEMES.read_text(encoding="utf-8"), PAGES.read_text(encoding="utf-8")),
                      encoding="utf-8")
    sys.stdout.write(f"Wrote the template contract into {THEMES.relative_to(REPO)}\n")
