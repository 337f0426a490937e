"""Rendering: what a rebuild renders again and what it reuses, the tel filter, dates, and the text files."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace

import pytest
from markupsafe import Markup

from conftest import SCHEME, THEME, TODAY, bio_text
from mentordir.build import BuildOptions, Remembered, SiteFiles, generate_site
from mentordir.content.config import SiteConfig
from mentordir.model.problems import ContentError
from mentordir.site.capacity import Attention
from mentordir.site.fragments import FragmentCall
from mentordir.site.pages import MentorView
from mentordir.model.models import Contact, Mentor
from mentordir.model.fingerprint import bytes_identity
from mentordir.site.render import make_environment, render_text_files

MENTOR = Mentor(slug="jane-doe", source="content/mentors/jane-doe.md", name="Dr Jane Doe", pronouns=None, photo=None,
                grade="ST6", grade_rank=10, specialties=("Anaesthetics",), region=None, organisation=None, schemes=(),
                style="I listen.", working=(), capacity=2, mentees=0, full_until=None,
                contact=Contact(preferred="email", email="j@example.org", phone=None, url=None), matching=(),
                updated=None, bio_html="<p>Hi</p>")


def test_the_tel_filter_dials_an_international_number_without_its_trunk_zero():
    environment = make_environment(THEME, SiteConfig(), {})
    assert environment.from_string('{{ "+44 (0)7700 900123"|tel }}').render() == "tel:+447700900123"


def test_robots_disallows_everything_unless_indexing_is_on():
    files = render_text_files({}, SiteConfig())
    assert files[".nojekyll"] == b""
    assert files["robots.txt"].endswith(b"User-agent: *\nDisallow: /\n")
    assert "sitemap.xml" not in files


def test_a_mentor_is_full_on_the_day_full_until_names_and_free_the_day_after():
    mentor = replace(MENTOR, full_until=TODAY)
    assert mentor.is_full(TODAY) and not mentor.is_full(TODAY + dt.timedelta(days=1))
    assert replace(MENTOR, mentees=2).is_full(TODAY)


# A site of two schemes, so that there is a booklet of every mentor and one per scheme, and one
# bio overdue a review, so that the capacity page lists it.
TWO_SCHEMES = {
    "content/schemes/leaders.md": SCHEME.replace("Returners", "Leaders"),
    "content/mentors/jane-doe.md": bio_text({"updated": "2024-01-01"}),
    "content/mentors/john-smith.md": bio_text({"name": "Dr John Smith", "schemes": "[returners, leaders]"}),
    "content/mentors/ann-lee.md": bio_text({"name": "Dr Ann Lee", "mentees": "2"}),
    "content/mentors/li-wei.md": bio_text({"name": "Dr Li Wei", "schemes": "[leaders]"}),
}
# The pages that show John Smith, taking mentees in both schemes.
JOHNS_PAGES = ("index.html", "booklet/index.html", "booklet/returners/index.html", "booklet/leaders/index.html")


@pytest.fixture
def two_schemes(make_site, tmp_path) -> tuple[BuildOptions, SiteFiles]:
    """The two-scheme site with its own copy of the theme, generated once."""
    root = make_site(TWO_SCHEMES)
    shutil.copytree(THEME, tmp_path / "theme")
    options = BuildOptions(root=root, theme=tmp_path / "theme", cache=root / ".cache" / "mentordir", today=TODAY)
    return options, generate_site(options)


def planted(remembered: Remembered) -> Remembered:
    """`remembered` with every kept fragment's text replaced by a marker that names it: a reused one shows."""
    fragments = {path: tuple((call, Markup(f"<!--kept {call[1]} {shown(call).mentor.slug}-->")) for call, _ in calls)
                 for path, calls in remembered.pages.fragments.items()}
    return replace(remembered, pages=replace(remembered.pages, fragments=fragments))


def shown(call: FragmentCall) -> MentorView | Attention:
    """What a kept card, booklet entry or capacity row shows: its macro's first argument."""
    _, _, arguments, _, _ = call
    return arguments[0]


def edit(options: BuildOptions, slug: str, fields: dict[str, str]) -> None:
    (options.root / "content/mentors" / f"{slug}.md").write_text(bio_text(fields))


def page(site: SiteFiles, path: str) -> str:
    return site.files[path].decode()


def as_written(site: SiteFiles, earlier: dict[str, bytes]) -> dict[str, bytes]:
    """Every page and file of `site`, its unchanged pages as `earlier` (what the build before wrote) has them."""
    assert all(bytes_identity(earlier[path]) == identity for path, identity in site.unchanged.items())
    return {path: earlier[path] for path in site.unchanged} | site.files


def test_after_one_bio_changed_every_other_card_and_entry_is_taken_from_the_earlier_build(two_schemes):
    options, first = two_schemes
    # A free place more changes the capacity page too; Jane's row there stays as it was.
    edit(options, "john-smith", {"name": "Dr John Smith", "schemes": "[returners, leaders]", "mentees": "0"})
    again = generate_site(options, planted(first.remembered))
    directory = page(again, "index.html")
    assert "<!--kept card jane-doe-->" in directory and "<!--kept card ann-lee-->" in directory
    assert "<!--kept card li-wei-->" in directory and "<!--kept card john-smith-->" not in directory
    assert "<!--kept entry jane-doe-->" in page(again, "booklet/returners/index.html")
    assert "<!--kept entry li-wei-->" in page(again, "booklet/leaders/index.html")
    assert "<!--kept attention_row jane-doe-->" in page(again, "capacity/index.html")


def test_a_changed_mentors_card_changes_in_every_page_that_shows_it(two_schemes):
    options, first = two_schemes
    edit(options, "john-smith", {"name": "Dr John Smith", "schemes": "[returners, leaders]", "style": "I ask."})
    again = generate_site(options, first.remembered)
    assert [page(again, path).count("I ask.") for path in JOHNS_PAGES] == [1, 1, 1, 1]


@pytest.mark.parametrize("change", ["template", "setting", "date"])
def test_a_changed_template_setting_or_date_renders_every_fragment_again(two_schemes, change):
    options, first = two_schemes
    if change == "template":
        card = options.theme / "templates/partials/mentor.html"
        card.write_text(card.read_text().replace('<article class="card__inner">', '<article class="card__inner card">'))
    elif change == "setting":
        settings = options.root / "content/site.yaml"
        settings.write_text(settings.read_text().replace("The Team", "The Scheme Team"))
    else:
        options = replace(options, today=TODAY + dt.timedelta(days=1))
    again = generate_site(options, planted(first.remembered))
    assert not any("<!--kept" in text.decode(errors="replace") for text in again.files.values())
    assert again.files == generate_site(options).files


def test_pages_rendered_from_kept_fragments_equal_pages_rendered_from_nothing(two_schemes):
    options, site = two_schemes
    changes = [
        ("john-smith", {"name": "Dr John Smith", "schemes": "[returners, leaders]", "style": "I ask."}),
        ("ann-lee", {"name": "Dr Ann Lee", "mentees": "0"}),  # moves from full to taking mentees
        ("jane-doe", {"mentees": "2"}),  # the other way
        ("li-wei", {"name": "Dr Li Wei", "schemes": "[returners]"}),  # into another booklet
        ("ben-ode", {"name": "Dr Ben Ode"}),  # a new mentor
    ]
    written = site.files
    for slug, fields in changes:
        edit(options, slug, fields)
        site = generate_site(options, site.remembered)
        written = as_written(site, written)
        assert written == generate_site(options).files, f"after the change to {slug}"


def test_only_the_fragments_of_this_build_are_kept_for_the_next(two_schemes):
    options, first = two_schemes
    (options.root / "content/mentors/john-smith.md").unlink()
    again = generate_site(options, first.remembered)
    kept = again.remembered.pages.fragments
    assert set(kept) == {"index.html", "booklet/index.html", "booklet/returners/index.html",
                         "booklet/leaders/index.html", "capacity/index.html"}
    directory = again.remembered.pages.pages["index.html"][0]
    assert [shown(call) for call, _ in kept["index.html"]] == [*directory.available, *directory.full]
    assert not any(shown(call).mentor.slug == "john-smith" for calls in kept.values() for call, _ in calls)


def test_a_page_taken_whole_from_the_earlier_build_keeps_its_fragments_for_the_next(two_schemes):
    options, first = two_schemes
    edit(options, "li-wei", {"name": "Dr Li Wei", "schemes": "[leaders]", "style": "I ask."})
    again = generate_site(options, first.remembered)
    booklet = "booklet/returners/index.html"
    assert again.remembered.pages.pages[booklet][2] is first.remembered.pages.pages[booklet][2]
    assert again.remembered.pages.fragments[booklet] is first.remembered.pages.fragments[booklet]


def test_an_entry_that_two_booklets_show_alike_is_kept_once(two_schemes):
    options, first = two_schemes
    kept = first.remembered.pages.fragments
    everyone = {shown(call).mentor.slug: text for call, text in kept["booklet/index.html"]}
    leaders = {shown(call).mentor.slug: text for call, text in kept["booklet/leaders/index.html"]}
    assert leaders["li-wei"] is everyone["li-wei"]


def test_a_fragment_that_writes_the_pages_path_is_kept_for_each_page(two_schemes):
    options, first = two_schemes
    entry = options.theme / "templates/partials/booklet.html"
    entry.write_text(entry.read_text().replace('<article class="booklet-entry"',
                                               '<article data-on="{{ site.page_path }}" class="booklet-entry"'))
    site = generate_site(options, first.remembered)
    edit(options, "ann-lee", {"name": "Dr Ann Lee", "mentees": "0"})
    site = generate_site(options, site.remembered)
    assert 'data-on="booklet/returners/"' in page(site, "booklet/returners/index.html")
    assert 'data-on="booklet/"' in page(site, "booklet/index.html")
    assert 'data-on="booklet/returners/"' not in page(site, "booklet/index.html")


def test_a_theme_whose_directory_calls_the_card_itself_still_works(two_schemes):
    options, _ = two_schemes
    (options.theme / "templates/directory.html").write_text(
        '{% from "partials/mentor.html" import card with context %}'
        "<ul>{% for view in page.available + page.full %}{{ card(view) }}{% endfor %}</ul>\n")
    site = generate_site(options)
    assert page(site, "index.html").count('<li class="card') == 4
    assert "index.html" not in site.remembered.pages.fragments


def test_a_card_that_reads_the_page_is_a_template_problem_that_names_the_card(two_schemes):
    options, _ = two_schemes
    card = options.theme / "templates/partials/mentor.html"
    card.write_text(card.read_text().replace('<article class="card__inner">', '<article title="{{ page.title }}">'))
    with pytest.raises(ContentError) as raised:
        generate_site(options)
    problem, = raised.value.problems
    assert "partials/mentor.html" in str(problem.file) and problem.line is not None
    assert "'page' is undefined in the macro card" in problem.message and "fragment()" in problem.message
