"""The package's wings and the one direction their imports may point."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator"

# Which of mentordir's wings each wing may import. A wing is a sub-package, or one of the
# top-level modules; everything a wing may import sits to its left in the pipeline.
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "content": {"model"},
    "photos": {"model"},
    "output": {"model"},
    "site": {"model", "content", "photos"},
    "private": {"model", "content"},
    "build": {"model", "content", "photos", "site", "private", "output"},
    "serve": {"model", "content", "photos", "site", "private", "output", "build"},
    "starter": {"model", "content"},
    "terminal": {"model"},
    "cli": {"model", "content", "photos", "site", "private", "output", "build", "serve", "starter", "terminal",
            "__init__"},
    "__main__": {"cli"},
    "__init__": set(),
}


def wing_of(module: Path, root: Path) -> str:
    """The wing a module belongs to: its sub-package, or its own name at the top."""
    parts = module.relative_to(root).parts
    return parts[0] if len(parts) > 1 else module.stem


def wrong_way_imports(root: Path) -> list[str]:
    """Every import of mentordir's own code that its wing may not make, as `file:line: a -> b`."""
    found = []
    for module in sorted(root.rglob("*.py")):
        wing = wing_of(module, root)
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = ([node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level
                     else [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            for name in names:
                parts = name.split(".")
                if parts[0] != "mentordir":
                    continue
                target = parts[1] if len(parts) > 1 else "__init__"
                if target != wing and target not in ALLOWED.get(wing, set()):
                    found.append(f"{module.relative_to(root)}:{node.lineno}: {wing} -> {target}")
    return found


def test_every_wing_is_named_in_the_rules() -> None:
    wings = {wing_of(module, PACKAGE) for module in PACKAGE.rglob("*.py")}
    assert wings <= ALLOWED.keys(), wings - ALLOWED.keys()


def test_no_import_points_the_wrong_way() -> None:
    assert wrong_way_imports(PACKAGE) == []


def test_a_stage_that_imports_the_dev_server_is_caught(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "validate.py").write_text("import os\nfrom mentordir.serve.memo import BuildMemo\n")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "render.py").write_text("import mentordir.content.config\nimport mentordir.output\n")
    assert wrong_way_imports(tmp_path) == ["content/validate.py:2: content -> serve",
                                           "site/render.py:2: site -> output"]


@pytest.mark.parametrize("package", sorted(path.parent.name for path in PACKAGE.glob("*/__init__.py")))
def test_each_package_opens_with_a_docstring_saying_what_it_owns(package: str) -> None:
    docstring = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8")))
    assert docstring and "Owns" in docstring
