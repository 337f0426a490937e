"""The scheme team's pages built from mini-sites: away mentors, the capacity page and the booklets."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import bio_text, line_of, options_for
from mentordir.build import build, generate_site
from mentordir.model.problems import ContentError


def built(make_site, files: dict[str, str], tmp_path, today: dt.date = dt.date(2026, 11, 22)):
    """Build a mini-site and return its output folder."""
    root = make_site(files)
    out = tmp_path / "out"
    build(options_for(root, today=today), out)
    return out


def test_an_away_mentor_shows_away_until_the_month_and_is_listed_after_the_full_ones(make_site, tmp_path):
    out = built(make_site, {
        "content/mentors/abel-away.md": bio_text({"name": "Dr Abel Away", "mentees": "0"},
                                                 extra=["away_until: 2027-03-01"]),
        "content/mentors/fay-full.md": bio_text({"name": "Dr Fay Full", "mentees": "2"}),
        "content/mentors/tom-taking.md": bio_text({"name": "Dr Tom Taking", "mentees": "0"}),
    }, tmp_path)
    directory = (out / "index.html").read_text()
    assert directory.index("mentor-tom-taking") < directory.index('id="full-heading"') \
        < directory.index("mentor-fay-full") < directory.index("mentor-abel-away")
    card = directory[directory.index("mentor-abel-away"):]
    assert "Away until March 2027" in card[:card.index("</li>")]
    assert "2027-03-01" not in directory
    assert '<h2 id="full-heading">At full capacity or away <span class="count">(2)</span></h2>' in directory
    profile = (out / "mentors" / "abel-away" / "index.html").read_text()
    assert "<strong>Away until March 2027.</strong>" in profile


def test_an_away_date_that_has_passed_ends_by_itself(make_site, tmp_path):
    out = built(make_site, {"content/mentors/abel-away.md": bio_text({"mentees": "0"},
                                                                     extra=["away_until: 2026-11-21"])}, tmp_path)
    directory = (out / "index.html").read_text()
    assert "Away until" not in directory and "Taking mentees: 2 places left" in directory
    assert "or away" not in directory


def test_a_wrong_away_date_is_reported_on_its_line(make_site):
    bio = bio_text(extra=["away_until: March 2027"])
    root = make_site({"content/mentors/jane-doe.md": bio})
    with pytest.raises(ContentError) as raised:
        generate_site(options_for(root))
    assert [p.as_text() for p in raised.value.problems] == [
        f'content/mentors/jane-doe.md:{line_of(bio, "away_until")}: away_until: "March 2027" is not a date in '
        "the form YYYY-MM-DD - write it like `away_until: 2027-03-01`"]


FOUNDATION = "---\ntitle: Foundation\ncontact: Ask the foundation team.\n---\nAbout it.\n"


def test_each_scheme_has_its_own_booklet_and_one_lists_every_scheme(make_site, tmp_path):
    root = make_site({
        "content/site.yaml": "title: T\nbase_url: https://example.org/mentors/\nteam:\n  name: The Team\n"
                             "  email: team@example.org\n",
        "content/schemes/foundation.md": FOUNDATION,
        "content/mentors/ada-quill.md": bio_text({"name": "Dr Ada Quill", "mentees": "0"}),
        "content/mentors/bo-tern.md": bio_text({"name": "Dr Bo Tern", "mentees": "0", "schemes": "[foundation]"}),
        "content/mentors/cy-wren.md": bio_text({"name": "Dr Cy Wren", "mentees": "2", "schemes": "[foundation]"}),
    })
    out = tmp_path / "out"
    build(options_for(root), out)
    every = (out / "booklet" / "index.html").read_text()
    returners = (out / "booklet" / "returners" / "index.html").read_text()
    foundation = (out / "booklet" / "foundation" / "index.html").read_text()
    assert "Dr Ada Quill" in every and "Dr Bo Tern" in every and "Dr Cy Wren" not in every  # Cy is full
    assert "Dr Ada Quill" in returners and "Dr Bo Tern" not in returners
    assert "<h1>Foundation: mentor booklet</h1>" in foundation and "Dr Bo Tern" in foundation
    assert ('<div><dt>Scheme team</dt><dd>The Team, <a href="mailto:team@example.org">team@example.org</a>. '
            "Ask the foundation team.</dd></div>") in foundation
    assert '<dd><a href="https://example.org/mentors/">https://example.org/mentors/</a></dd>' in foundation
    assert "<div><dt>Up to date on</dt><dd>22 November 2026</dd></div>" in foundation
    assert '<a href="/mentors/booklet/foundation/" aria-current="page">Foundation</a>' in foundation


def test_with_one_scheme_the_booklet_is_that_schemes(make_site, tmp_path):
    out = built(make_site, {"content/mentors/ada-quill.md": bio_text({"name": "Dr Ada Quill", "mentees": "0"})},
                tmp_path)
    booklet = (out / "booklet" / "index.html").read_text()
    assert "<h1>Returners: mentor booklet</h1>" in booklet and 'class="booklet-list' not in booklet
    assert not (out / "booklet" / "returners").exists()
