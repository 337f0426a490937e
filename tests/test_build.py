"""Whole-site builds: the demo content, and mini-sites for what a build must never do."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, SUB_PATH_URL, TODAY, bio_text, options_for
from mentordir.build import build
from mentordir.model.problems import ContentError
from mentordir.output.write import OutputError
from sitewalk import broken_links, scan

DEMO_MENTORS = sorted(path.stem for path in (REPO / "content" / "mentors").glob("[!_]*.md"))


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the SHA-256 of its bytes."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_demo_build_writes_every_page(demo_site):
    expected = ["index.html", "404.html", ".nojekyll", "robots.txt", "agreement/index.html",
                "schemes/foundation/index.html", "schemes/returners/index.html",
                "schemes/returners/pairing/index.html", "schemes/returners/agreement/index.html"]
    expected += [f"mentors/{slug}/index.html" for slug in DEMO_MENTORS]
    missing = [path for path in expected if not (demo_site / path).is_file()]
    assert missing == []
    assert len(DEMO_MENTORS) >= 24


def test_a_mentor_with_as_many_mentees_as_places_is_flagged_full_on_card_and_profile(demo_site):
    bio = (REPO / "content" / "mentors" / "rhys-pritchard.md").read_text()
    assert "capacity: 2" in bio and "mentees: 2" in bio
    directory = (demo_site / "index.html").read_text()
    card = directory[directory.index('id="mentor-rhys-pritchard"'):]
    card = card[: card.index("</li>")]
    assert "At full capacity" in card
    profile = (demo_site / "mentors" / "rhys-pritchard" / "index.html").read_text()
    assert '<div class="banner banner--full">' in profile
    assert "<strong>At full capacity.</strong>" in profile


def test_full_mentors_are_listed_after_those_taking_mentees(demo_site):
    directory = (demo_site / "index.html").read_text()
    full_heading = directory.index('id="full-heading"')
    available = directory[:full_heading]
    full = directory[full_heading:]
    assert "Taking mentees:" in available and "At full capacity" not in available.split('id="available-heading"')[1]
    assert "Taking mentees:" not in full
    assert full.count('class="card card--full"') >= 5


def test_full_until_shows_the_date_on_the_profile(demo_site):
    profile = (demo_site / "mentors" / "eleanor-whitfield" / "index.html").read_text()
    assert "<strong>At full capacity until 1 March 2027.</strong>" in profile


def test_team_contact_shows_how_to_ask_the_team_for_an_introduction(demo_site):
    profile = (demo_site / "mentors" / "nadia-hussain" / "index.html").read_text()
    assert "ask The Mentoring Scheme Team to introduce you" in profile
    assert 'href="mailto:mentoring@example.org?subject=Introduction%20to%20Dr%20Nadia%20Hussain"' in profile


def test_contact_routes_come_in_the_mentors_preferred_order(demo_site):
    profile = (demo_site / "mentors" / "kwame-asante" / "index.html").read_text()
    routes = profile[profile.index('class="contact__routes"'):]
    assert routes.index("Online (preferred)") < routes.index("E-mail")


def test_every_internal_link_and_image_resolves_under_a_sub_path(demo_site):
    assert broken_links(demo_site, "/my-scheme/") == []


def test_the_link_walker_finds_a_broken_link(demo_site, tmp_path):
    page = tmp_path / "index.html"
    page.write_text('<a href="/my-scheme/mentors/nobody/">x</a><img src="/my-scheme/photos/none.jpg">')
    assert broken_links(tmp_path, "/my-scheme/") == [
        "index.html: /my-scheme/mentors/nobody/", "index.html: /my-scheme/photos/none.jpg"]


def test_every_page_starts_its_head_with_the_content_security_policy(demo_site):
    for page in demo_site.rglob("*.html"):
        first_tag, attributes = scan(page).head_elements[0]
        assert (first_tag, attributes.get("http-equiv")) == ("meta", "Content-Security-Policy"), page
        assert "script-src 'self'" in attributes["content"]


def test_pages_have_no_inline_script_style_or_event_handler(demo_site):
    for page in demo_site.rglob("*.html"):
        found = scan(page)
        assert (found.inline_scripts, found.style_attributes, found.event_handlers) == (0, 0, []), page


def test_pages_ask_not_to_be_indexed_by_default(demo_site):
    assert (demo_site / "robots.txt").read_text().endswith("User-agent: *\nDisallow: /\n")
    assert '<meta name="robots" content="noindex, nofollow">' in (demo_site / "index.html").read_text()
    assert not (demo_site / "sitemap.xml").exists()


def test_indexing_writes_a_sitemap_with_absolute_addresses(make_site, tmp_path):
    root = make_site({"content/mentors/jane-doe.md": bio_text(),
                      "content/site.yaml": "indexing: true\nbase_url: https://example.org/mentors/\n"})
    build(options_for(root), tmp_path / "out")
    sitemap = (tmp_path / "out" / "sitemap.xml").read_text()
    assert "<loc>https://example.org/mentors/mentors/jane-doe/</loc>" in sitemap
    assert "404" not in sitemap
    assert "Sitemap: https://example.org/mentors/sitemap.xml" in (tmp_path / "out" / "robots.txt").read_text()


def test_photos_are_published_as_renditions_and_never_as_the_upload(demo_site):
    uploads = {hashlib.sha256(path.read_bytes()).hexdigest() for path in (REPO / "content" / "mentors").glob("*.jpg")}
    published = {hashlib.sha256(path.read_bytes()).hexdigest() for path in (demo_site / "photos").iterdir()}
    assert published and not uploads & published


def test_content_cannot_become_a_template(make_site, tmp_path):
    root = make_site({"content/mentors/jane-doe.md": bio_text({"style": "'{{ 7*7 }} and {% raw %}'"},
                                                              body="{{ 7*7 }}\n")})
    build(options_for(root), tmp_path / "out")
    profile = (tmp_path / "out" / "mentors" / "jane-doe" / "index.html").read_text()
    text = re.sub(r'"[^"]*assets/[^"]*"', '""', profile)  # hashed asset names may hold any digits
    assert profile.count("{{ 7*7 }}") >= 2 and "49" not in text


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path):
    root = tmp_path / "repo"
    import shutil
    shutil.copytree(REPO / "content", root / "content")
    build(options_for(root, base_url=SUB_PATH_URL), tmp_path / "one")
    shutil.rmtree(root / ".cache")
    build(options_for(root, base_url=SUB_PATH_URL), tmp_path / "two")
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


def test_a_rebuild_removes_the_pages_of_deleted_mentors(make_site, tmp_path):
    root = make_site({"content/mentors/jane-doe.md": bio_text(),
                      "content/mentors/john-smith.md": bio_text({"name": "Dr John Smith"})})
    out = tmp_path / "out"
    build(options_for(root), out)
    assert (out / "mentors" / "john-smith" / "index.html").is_file()
    (root / "content" / "mentors" / "john-smith.md").unlink()
    build(options_for(root), out)
    assert not (out / "mentors" / "john-smith").exists()
    assert "john-smith" not in (out / "index.html").read_text()


def two_mentors_built(make_site, tmp_path) -> tuple[Path, Path]:
    """A site of two mentors built once; its root and output folder."""
    root = make_site({"content/mentors/jane-doe.md": bio_text(),
                      "content/mentors/john-smith.md": bio_text({"name": "Dr John Smith"})})
    build(options_for(root), tmp_path / "out")
    return root, tmp_path / "out"


def test_a_page_an_edit_leaves_as_it_was_is_the_published_file_not_a_new_one(make_site, tmp_path):
    root, out = two_mentors_built(make_site, tmp_path)
    janes = out / "mentors" / "jane-doe" / "index.html"
    before = janes.stat().st_ino
    (root / "content" / "mentors" / "john-smith.md").write_text(bio_text({"name": "Dr John Smith", "style": "I ask."}))
    site = build(options_for(root), out)
    assert "mentors/jane-doe/index.html" in site.unchanged and "mentors/john-smith/index.html" in site.files
    assert janes.stat().st_ino == before and "I ask." in (out / "mentors/john-smith/index.html").read_text()


@pytest.mark.parametrize("mishap", ["deleted", "edited in place", "replaced", "spare gone"])
def test_a_page_left_as_it_was_is_rendered_again_when_the_output_lost_it(make_site, tmp_path, mishap, caplog):
    root, out = two_mentors_built(make_site, tmp_path)
    build(options_for(root, today=TODAY + dt.timedelta(days=1)), out)  # so the output and its spare differ
    janes = out / "mentors" / "jane-doe" / "index.html"
    good = janes.read_bytes()
    spare = root / ".cache" / "mentordir" / "spare-site"
    if mishap == "deleted":
        janes.unlink()
        shutil.rmtree(spare)
    elif mishap == "edited in place":
        with open(janes, "ab") as page:
            page.write(b"<p>written by hand</p>")
    elif mishap == "replaced":
        janes.unlink()
        janes.write_bytes(good.replace(b"Jane", b"Joan"))
        shutil.rmtree(spare)
    else:
        shutil.rmtree(spare)
    (root / "content" / "mentors" / "john-smith.md").write_text(bio_text({"name": "Dr John Smith", "style": "I ask."}))
    with caplog.at_level(logging.INFO, logger="mentordir.build"):
        build(options_for(root, today=TODAY + dt.timedelta(days=1)), out)
    assert janes.read_bytes() == good
    # Without its spare, the build takes the unchanged pages from the output, as it was written.
    assert ("rendering every page again" in caplog.text) == (mishap != "spare gone")


def test_a_failed_build_leaves_the_previous_site_untouched(make_site, tmp_path):
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    out = tmp_path / "out"
    build(options_for(root), out)
    before = tree_digest(out)
    (root / "content" / "mentors" / "jane-doe.md").write_text(bio_text({"grade": "ST9"}))
    with pytest.raises(ContentError):
        build(options_for(root), out)
    assert tree_digest(out) == before
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".out.")]


def test_refuses_to_replace_a_folder_it_did_not_build(make_site, tmp_path):
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match="already exists and is not a site built by mentordir"):
        build(options_for(root), precious)
    assert (precious / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("inside", ["", "content", "content/mentors", "theme"])
def test_refuses_to_write_over_content_or_the_site_root(make_site, inside):
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    with pytest.raises(OutputError, match="holds your content or code"):
        build(options_for(root), root / inside)


def test_full_until_in_the_past_no_longer_marks_a_mentor_full(make_site, tmp_path):
    root = make_site({"content/mentors/jane-doe.md": bio_text({"full_until": "2026-11-21"})})
    build(options_for(root, today=TODAY), tmp_path / "out")
    assert "Taking mentees: 1 place left" in (tmp_path / "out" / "index.html").read_text()
    build(options_for(root, today=TODAY.replace(day=21)), tmp_path / "out")
    assert "At full capacity until 21 November 2026" in (tmp_path / "out" / "index.html").read_text()
