"""The package is the product: the built wheel, installed in a clean virtual environment, starts and builds a site.

The wheel is built once per test session and installed once into a virtual environment
outside the checkout, with its dependencies from the package index; where either cannot
be done (no network, no build backend), the tests that need it are skipped and say why.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import REPO
from mentordir import __version__
from sitewalk import broken_links

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
SUB_PATH = "https://example.org/my-scheme/"


def run(command: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """Run a command with colour off, capturing its output."""
    environment = {**os.environ, "NO_COLOR": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    environment.pop("PYTHONPATH", None)  # nothing from the checkout may leak in
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=environment,
                          stdin=subprocess.DEVNULL)


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from the checkout once per session."""
    out = tmp_path_factory.mktemp("wheel")
    result = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(REPO)],
                 cwd=out)
    wheels = sorted(out.glob("mentordir-*.whl"))
    if result.returncode != 0 or len(wheels) != 1:
        pytest.skip(f"cannot build the wheel here (pip wheel needs setuptools>=77 from the package index): "
                    f"{result.stderr.strip().splitlines()[-1:] or result.returncode}")
    return wheels[0]


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the `mentordir` command in a clean virtual environment with only the wheel installed."""
    environment = tmp_path_factory.mktemp("clean-venv")
    venv.create(environment, with_pip=True)
    scripts = environment / ("Scripts" if os.name == "nt" else "bin")
    result = run([str(scripts / "python"), "-m", "pip", "install", "--quiet", str(wheel)], cwd=environment)
    if result.returncode != 0:
        pytest.skip(f"cannot install the wheel's dependencies here (no package index?): "
                    f"{result.stderr.strip().splitlines()[-1:]}")
    return scripts


@pytest.fixture(scope="session")
def scheme(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new scheme's repository, written by the installed `mentordir init`, outside the checkout."""
    workspace = tmp_path_factory.mktemp("new-scheme")
    result = run([str(installed / "mentordir"), "init", "my-scheme", "--title", "Test Scheme",
                  "--base-url", SUB_PATH], cwd=workspace)
    assert result.returncode == 0, result.stderr
    return workspace / "my-scheme"


def mentordir(installed: Path, site: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run the installed command in a site's folder."""
    return run([str(installed / "mentordir"), *arguments], cwd=site)


def copy_of(scheme: Path, tmp_path: Path, files: dict[str, str]) -> Path:
    """A copy of the new scheme's content with extra files (a theme/ of its own, a site.yaml)."""
    site = tmp_path / "site"
    for source in sorted(scheme.rglob("*")):
        relative = source.relative_to(scheme)
        if source.is_file() and relative.parts[0] not in ("_site", ".cache"):
            (site / relative).parent.mkdir(parents=True, exist_ok=True)
            (site / relative).write_bytes(source.read_bytes())
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


# --- what is declared -----------------------------------------------------------------------------

def test_pyproject_names_every_folder_of_the_package_code_and_data_alike():
    # Every folder Python could import: those with an __init__.py, and the data folders, which setuptools
    # otherwise picks up as namespace packages by accident (and warns it may stop). A folder whose name
    # is not an identifier (peer-mentoring) is carried by its parent's package-data instead.
    package = REPO / "generator"
    folders = [package] + [path for path in package.rglob("*") if path.is_dir() and path.name != "__pycache__"]
    importable = [folder.relative_to(package).parts for folder in folders
                  if all(part.isidentifier() for part in folder.relative_to(package).parts)]
    expected = sorted(".".join(("mentordir", *parts)) for parts in importable)
    assert sorted(PYPROJECT["tool"]["setuptools"]["packages"]) == expected
    code = {path.parent for path in package.rglob("__init__.py")}
    assert all(folder in code or not list(folder.glob("*.py")) for folder in folders), "a code folder lacks __init__"


def test_the_version_is_read_from_one_place():
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "mentordir.__version__"}
    assert "version" not in PYPROJECT["project"]


def test_the_licence_is_an_spdx_expression_with_its_file():
    assert (PYPROJECT["project"]["license"], PYPROJECT["project"]["license-files"]) == ("MIT", ["LICENSE"])
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


# --- the wheel --------------------------------------------------------------------------------------

@pytest.mark.wheel
def test_the_wheel_holds_the_theme_bio_template_schema_starter_and_live_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = REPO / "generator" / "theme"
    expected = {f"mentordir/theme/{path.relative_to(theme).as_posix()}" for path in theme.rglob("*") if path.is_file()}
    starter = REPO / "generator" / "starter" / "files"
    expected |= {f"mentordir/starter/files/{path.relative_to(starter).as_posix()}"
                 for path in starter.rglob("*") if path.is_file()}
    expected |= {"mentordir/content/bio_template.md", "mentordir/site/mentors.schema.json",
                 "mentordir/serve/live/live.js", "mentordir/serve/live/live.css"}
    assert expected - names == set()
    assert "mentordir/theme/templates/base.html" in names and "mentordir/theme/static/style.css" in names
    assert not any(name.startswith(("generator/", "tests/", "content/")) for name in names)


@pytest.mark.wheel
def test_the_installed_command_prints_its_version(installed, tmp_path):
    result = mentordir(installed, tmp_path, "--version")
    assert (result.returncode, result.stdout) == (0, f"mentordir {__version__}\n")


@pytest.mark.wheel
def test_init_writes_a_site_that_checks_and_builds_with_no_edits_and_every_link_resolves(installed, scheme):
    check = mentordir(installed, scheme, "check")
    assert (check.returncode, check.stdout) == (0, "No problems: 1 mentor is ready to publish.\n"), check.stderr
    built = mentordir(installed, scheme, "build")
    assert built.returncode == 0, built.stderr
    assert broken_links(scheme / "_site", "/my-scheme/") == []
    assert (scheme / "_site" / "schemes" / "peer-mentoring" / "confidentiality" / "index.html").is_file()


@pytest.mark.wheel
def test_the_workflows_init_writes_install_the_release_that_wrote_them(scheme):
    pins = [line for line in (scheme / "requirements.txt").read_text().splitlines() if not line.startswith("#")]
    assert pins == [f"mentordir=={__version__}"]
    for workflow in ("check.yml", "pages.yml"):
        text = (scheme / ".github" / "workflows" / workflow).read_text()
        assert "requirements.txt" in text and "pip install ." not in text


@pytest.mark.wheel
def test_a_theme_with_only_a_changed_stylesheet_shows_it_with_the_built_in_templates(installed, scheme, tmp_path):
    site = copy_of(scheme, tmp_path, {"theme/static/style.css": "body { background: rebeccapurple; }\n"})
    assert mentordir(installed, site, "build", "--quiet").returncode == 0
    [style] = (site / "_site" / "assets").glob("style.*.css")
    assert style.read_text() == "body { background: rebeccapurple; }\n"
    page = (site / "_site" / "index.html").read_text()
    assert 'class="site-header"' in page and f'href="/my-scheme/assets/{style.name}"' in page
    assert broken_links(site / "_site", "/my-scheme/") == []


@pytest.mark.wheel
def test_a_theme_with_only_one_changed_template_shows_it_with_the_built_in_rest(installed, scheme, tmp_path):
    override = "{% extends 'builtin/404.html' %}{% block main %}<p>Lost? Ask the team.</p>{% endblock %}\n"
    site = copy_of(scheme, tmp_path, {"theme/templates/404.html": override})
    assert mentordir(installed, site, "build", "--quiet").returncode == 0
    assert "<p>Lost? Ask the team.</p>" in (site / "_site" / "404.html").read_text()
    assert "Lost? Ask the team." not in (site / "_site" / "index.html").read_text()
    assert list((site / "_site" / "assets").glob("style.*.css"))


@pytest.mark.wheel
def test_a_brand_colour_in_site_yaml_appears_in_the_built_css(installed, scheme, tmp_path):
    settings = (scheme / "content" / "site.yaml").read_text() + 'brand:\n  colour: "#005eb8"\n'
    site = copy_of(scheme, tmp_path, {"content/site.yaml": settings})
    assert mentordir(installed, site, "build", "--quiet").returncode == 0
    [brand] = (site / "_site" / "assets").glob("brand.*.css")
    assert "--brand: #005eb8;" in brand.read_text()
    assert f'href="/my-scheme/assets/{brand.name}"' in (site / "_site" / "index.html").read_text()
