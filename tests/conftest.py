"""Shared test data: inline mini-sites written by a fixture, and the demo site built once per session."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Callable, Iterator

import pytest

from mentordir.build import BuildOptions, build

REPO = Path(__file__).resolve().parent.parent
# The built-in theme inside the package; the repository's own theme/ holds only the demo's overrides.
THEME = REPO / "generator" / "theme"
TODAY = dt.date(2026, 11, 22)
SUB_PATH_URL = "https://example.org/my-scheme/"

# A valid bio, one field per line, so tests can predict line numbers: line 1 is `---`,
# `name` is line 2, `grade` line 4 and so on (see bio_text).
VALID_BIO_FIELDS: list[tuple[str, str]] = [
    ("name", "Dr Jane Doe"),
    ("pronouns", "she/her"),
    ("grade", "ST6"),
    ("specialty", "Anaesthetics"),
    ("region", "Wessex"),
    ("schemes", "[returners]"),
    ("style", "I listen first and help you find your own plan."),
    ("working", "[face-to-face, video]"),
    ("capacity", "2"),
    ("mentees", "1"),
    ("contact", "\n  preferred: email\n  email: jane.doe@example.org"),
    ("updated", "2026-10-01"),
]
VALID_BODY = "I am an anaesthetist who came back from parental leave.\n"
SITE_YAML = "title: Test directory\nteam:\n  name: The Team\n  email: team@example.org\n"
SCHEME = "---\ntitle: Returners\nsummary: Mentoring for doctors coming back.\n---\nAbout the scheme.\n"


def bio_text(changes: dict[str, str | None] | None = None, body: str = VALID_BODY,
             extra: list[str] | None = None) -> str:
    """A bio from the valid one: `changes` replaces a field's value (None removes the line); `extra` adds lines."""
    changes = changes or {}
    lines = ["---"]
    for key, value in VALID_BIO_FIELDS:
        if key in changes:
            value = changes[key]
            if value is None:
                continue
        lines.append(f"{key}:{value}" if value.startswith("\n") else f"{key}: {value}")
    for key, value in changes.items():
        if key not in dict(VALID_BIO_FIELDS) and value is not None:
            lines.append(f"{key}: {value}")
    lines += extra or []
    lines.append("---")
    return "\n".join(lines) + "\n" + body


def line_of(text: str, prefix: str) -> int:
    """The 1-based line of the first line of `text` that starts with `prefix`."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(prefix):
            return number
    raise AssertionError(f"no line starts with {prefix!r}")


MakeSite = Callable[..., Path]


@pytest.fixture(scope="session", autouse=True)
def user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A user cache folder of the session's own, so builds never make a key in the real home's cache."""
    folder = tmp_path_factory.mktemp("user-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture
def make_site(tmp_path: Path) -> MakeSite:
    """Write an inline mini-site: `make_site({"content/mentors/jane-doe.md": "..."})` returns its root.

    A site.yaml with a team and a `returners` scheme are included unless given (or set to None).
    """
    def write(files: dict[str, str | bytes | None] | None = None) -> Path:
        root = tmp_path / "site"
        contents: dict[str, str | bytes | None] = {
            "content/site.yaml": SITE_YAML,
            "content/schemes/returners.md": SCHEME,
        }
        contents.update(files or {})
        for name, data in contents.items():
            if data is None:
                continue
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        (root / "content" / "mentors").mkdir(parents=True, exist_ok=True)
        return root
    return write


def options_for(root: Path, base_url: str | None = None, today: dt.date = TODAY) -> BuildOptions:
    """Build options for a test site, with the repository's theme and a cache inside the site."""
    return BuildOptions(root=root, theme=THEME, cache=root / ".cache" / "mentordir", today=today, base_url=base_url)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo content built once, published under a sub-path, on a fixed day."""
    return build_demo(tmp_path_factory.mktemp("demo"))


def build_demo(workspace: Path) -> Path:
    """Build a copy of the demo content in `workspace`, published under a sub-path on TODAY; the output folder."""
    root = workspace / "repo"
    shutil.copytree(REPO / "content", root / "content")
    out = workspace / "out"
    build(options_for(root, base_url=SUB_PATH_URL), out)
    return out


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for a module's browser tests (skipped where Chromium or Playwright is absent)."""
    from browsing import CHROMIUM, chromium
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium)")
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def demo_url(demo_site, tmp_path_factory):
    """The demo site served over HTTP at http://127.0.0.1:<port>/my-scheme/, as GitHub Pages would."""
    from browsing import served
    folder = tmp_path_factory.mktemp("served-demo")
    shutil.copytree(demo_site, folder / "my-scheme")
    with served(folder) as url:
        yield url + "my-scheme/"
