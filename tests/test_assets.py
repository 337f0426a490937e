"""Tests for generator/site/assets.py and the template loader: a site's theme replaces one file at a time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import TODAY, MakeSite, bio_text
from mentordir.build import BuildOptions, generate_site
from mentordir.model.problems import ContentError
from mentordir.site.assets import BUILT_IN_THEME, brand_stylesheet

BIO = {"content/mentors/jane-doe.md": bio_text()}


def site_files(root: Path) -> tuple[dict[str, bytes], dict[str, Path]]:
    """Generate the site with the site's own theme/ (present or not), as the command line does."""
    options = BuildOptions(root=root, theme=root / "theme", cache=root / ".cache" / "mentordir", today=TODAY)
    site = generate_site(options)
    return site.files, site.copies


def stylesheet(files: dict[str, bytes], html: str = "index.html") -> list[str]:
    """The addresses of the stylesheets a page links, in order."""
    return re.findall(r'<link rel="stylesheet" href="/([^"]+)"', files[html].decode())


def test_a_site_with_no_theme_folder_builds_with_the_built_in_theme(make_site: MakeSite) -> None:
    files, copies = site_files(make_site(BIO))
    published = {path: source for path, source in copies.items() if path.startswith("assets/")}
    assert {source.name for source in published.values()} >= {"style.css", "site.js", "favicon.svg"}
    assert all(source.is_relative_to(BUILT_IN_THEME) for source in published.values())
    assert "mentors/jane-doe/index.html" in files


def test_a_changed_stylesheet_replaces_only_the_built_in_stylesheet(make_site: MakeSite) -> None:
    root = make_site({**BIO, "theme/static/style.css": "body { background: rebeccapurple; }\n"})
    files, copies = site_files(root)
    [style] = [path for path in stylesheet(files) if "/style." in path]
    assert copies[style] == root / "theme" / "static" / "style.css"
    assert copies[next(path for path in copies if "/site." in path)] == BUILT_IN_THEME / "static" / "site.js"
    # Every template is still the built-in one.
    assert 'class="site-header"' in files["index.html"].decode()


def test_a_changed_template_replaces_only_that_template(make_site: MakeSite) -> None:
    root = make_site({**BIO, "theme/templates/404.html": "<p>Lost? Ask the team.</p>\n"})
    files, _ = site_files(root)
    assert files["404.html"].decode() == "<p>Lost? Ask the team.</p>\n"
    assert 'class="site-header"' in files["mentors/jane-doe/index.html"].decode()


def test_a_replaced_template_can_extend_the_built_in_one_it_replaces(make_site: MakeSite) -> None:
    override = ("{% extends 'builtin/404.html' %}{% block main %}<p>Lost? Ask the team.</p>{% endblock %}\n")
    files, _ = site_files(make_site({**BIO, "theme/templates/404.html": override}))
    page = files["404.html"].decode()
    assert "<p>Lost? Ask the team.</p>" in page and 'class="site-header"' in page


def test_a_brand_colour_is_a_stylesheet_loaded_after_the_built_in_one(make_site: MakeSite) -> None:
    root = make_site({**BIO, "content/site.yaml": 'title: T\nbrand:\n  colour: "#005eb8"\n'})
    files, _ = site_files(root)
    sheets = stylesheet(files)
    assert [re.sub(r"\.[0-9a-f]{10}\.", ".", sheet) for sheet in sheets][:2] == ["assets/style.css", "assets/brand.css"]
    assert files[sheets[1]] == brand_stylesheet("#005eb8")
    assert b"--brand: #005eb8;" in files[sheets[1]]


def test_the_soft_tint_is_a_tenth_of_the_brand_colour_over_white() -> None:
    assert b"--brand-soft: #e6eff8;" in brand_stylesheet("#005eb8")


def test_a_logo_beside_site_yaml_is_published_and_shown_in_the_header(make_site: MakeSite) -> None:
    logo = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>\n'
    root = make_site({**BIO, "content/site.yaml": "title: T\nbrand:\n  logo: logo.svg\n", "content/logo.svg": logo})
    files, copies = site_files(root)
    [address] = re.findall(r'<img class="site-logo" src="/([^"]+)" alt="">', files["index.html"].decode())
    assert copies[address] == root / "content" / "logo.svg"


def test_a_missing_logo_is_reported_on_the_brand_line(make_site: MakeSite) -> None:
    root = make_site({**BIO, "content/site.yaml": "title: T\nbrand:\n  logo: logo.png\n"})
    with pytest.raises(ContentError) as raised:
        site_files(root)
    assert [problem.as_text() for problem in raised.value.problems] == [
        "content/site.yaml:2: brand.logo: there is no logo.png beside site.yaml or in theme/static/ - "
        "save the logo as content/logo.png, or correct its name in site.yaml"]


def test_an_svg_logo_with_a_script_is_refused(make_site: MakeSite) -> None:
    logo = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n'
    root = make_site({**BIO, "content/site.yaml": "title: T\nbrand:\n  logo: logo.svg\n", "content/logo.svg": logo})
    with pytest.raises(ContentError) as raised:
        site_files(root)
    assert [problem.as_text() for problem in raised.value.problems] == [
        "content/logo.svg: brand.logo: is an SVG with scripts or event handlers in it - "
        "export the logo again as a plain SVG or a PNG, without scripts"]


def test_this_repository_s_theme_folder_only_replaces_files_the_built_in_theme_has():
    # The default theme lives in generator/theme/ and ships in the wheel; a file added to the demo's
    # theme/ instead would be missing from every installed site. Move new theme files to generator/theme/.
    from conftest import REPO
    demo = REPO / "theme"
    extra = [path.relative_to(demo).as_posix() for path in sorted(demo.rglob("*"))
             if path.is_file() and path.name != "README.md" and not (BUILT_IN_THEME / path.relative_to(demo)).is_file()]
    assert extra == []


def test_the_theme_guide_holds_the_template_contract_that_pages_py_gives():
    import runpy
    from conftest import REPO
    writer = runpy.run_path(str(REPO / "scripts" / "theme_contract.py"))
    guide = (REPO / "docs" / "THEMES.md").read_text(encoding="utf-8")
    pages = (REPO / "generator" / "site" / "pages.py").read_text(encoding="utf-8")
    assert guide == writer["written"](guide, pages), "run: python scripts/theme_contract.py"
    assert "#### `profile.html`: `page` is a `ProfilePage`" in guide


def test_every_built_in_template_is_named_in_the_theme_guide():
    from conftest import REPO
    guide = (REPO / "docs" / "THEMES.md").read_text(encoding="utf-8")
    templates = [path.relative_to(BUILT_IN_THEME / "templates").as_posix()
                 for path in sorted((BUILT_IN_THEME / "templates").rglob("*.html"))]
    assert [name for name in templates if f"`{name}`" not in guide] == []
