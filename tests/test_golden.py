"""The demo site, built on a fixed day under a sub-path, compared with the copy committed in tests/golden/.

Any change to what the generator publishes shows up here, and in review as a diff of
tests/golden/. The copy holds every page and text file (HTML, JSON, XML, TXT); photos,
stylesheets and scripts are listed by name only, and their names carry a hash of their
content. JSON is stored indented, and a text file with a hashed name (the search index)
under its plain name, so that a change reads as a diff of a few lines.

To accept a change in the output, regenerate the copy and commit it with the change:

    python tests/test_golden.py
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
COPY = GOLDEN / "demo"
LISTING = GOLDEN / "files.txt"
TEXT_SUFFIXES = (".html", ".json", ".xml", ".txt")
HASHED = re.compile(r"\.[0-9a-f]{10}(?=\.[a-z]+$)")
REGENERATE = "python tests/test_golden.py"


def golden_view(site: Path) -> dict[str, str]:
    """What the golden copy holds for a built site: its text files by stored name, and the listing of every file."""
    view = {LISTING.name: "".join(f"{path.relative_to(site).as_posix()}\n"
                                  for path in sorted(site.rglob("*")) if path.is_file())}
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".json":
                text = json.dumps(json.loads(text), indent=1, ensure_ascii=False) + "\n"
            view["demo/" + HASHED.sub("", path.relative_to(site).as_posix())] = text
    return view


def committed_view() -> dict[str, str]:
    """The golden copy as committed."""
    files = [LISTING, *sorted(path for path in COPY.rglob("*") if path.is_file())]
    return {path.relative_to(GOLDEN).as_posix(): path.read_text(encoding="utf-8") for path in files if path.exists()}


def differences(built: dict[str, str], committed: dict[str, str], limit: int = 60) -> str:
    """The files that differ, and the first lines of a diff of them."""
    lines = [f"new file: {name}" for name in sorted(built.keys() - committed.keys())]
    lines += [f"no longer built: {name}" for name in sorted(committed.keys() - built.keys())]
    diff: list[str] = []
    for name in sorted(built.keys() & committed.keys()):
        if built[name] != committed[name]:
            lines.append(f"changed: {name}")
            diff += difflib.unified_diff(committed[name].splitlines(), built[name].splitlines(),
                                         f"committed/{name}", f"built/{name}", n=1, lineterm="")
    return "\n".join(lines + diff[:limit] + (["..."] if len(diff) > limit else []))


def test_the_demo_site_is_built_exactly_as_the_golden_copy(demo_site):
    built, committed = golden_view(demo_site), committed_view()
    assert built == committed, (
        f"The demo site's output differs from tests/golden/:\n{differences(built, committed)}\n\n"
        f"If the change is intended, regenerate the copy with `{REGENERATE}` and commit tests/golden/ with it.")


def test_the_golden_view_lists_photos_by_name_and_stores_hashed_text_under_its_plain_name(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "search.0123456789.json").write_text('{"a":[1,2]}')
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "jane-96-abcdef0123.webp").write_bytes(b"RIFF")
    (tmp_path / "index.html").write_text("<h1>Hi</h1>\n")
    assert golden_view(tmp_path) == {
        "files.txt": "assets/search.0123456789.json\nindex.html\nphotos/jane-96-abcdef0123.webp\n",
        "demo/assets/search.json": '{\n "a": [\n  1,\n  2\n ]\n}\n',
        "demo/index.html": "<h1>Hi</h1>\n",
    }


def regenerate() -> None:
    """Build the demo site and write its golden copy over the committed one."""
    from conftest import build_demo
    with tempfile.TemporaryDirectory() as workspace:
        view = golden_view(build_demo(Path(workspace)))
    shutil.rmtree(COPY, ignore_errors=True)
    for name, text in view.items():
        (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
        (GOLDEN / name).write_text(text, encoding="utf-8")
    print(f"Wrote {len(view)} files to {GOLDEN}; review them with `git diff {GOLDEN.relative_to(Path.cwd())}`"
          if GOLDEN.is_relative_to(Path.cwd()) else f"Wrote {len(view)} files to {GOLDEN}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    regenerate()
