"""Each mentor's terms by best field: what they hold, and what a build after an edit reuses of them."""

from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

from mentordir.content.config import SiteConfig
from mentordir.content.ladder import GradeLadder
from mentordir.model.models import Contact, Mentor, Scheme
from mentordir.site.search_terms import FIELDS, all_field_terms, best_fields, field_terms, search_terms

MENTOR = Mentor(slug="jane-doe", source="content/mentors/jane-doe.md", name="Dr Jane Doe", pronouns=None,
                photo=None, grade="F2", grade_rank=1, specialties=("Anaesthetics",), region="Wessex",
                organisation="Example Hospital", schemes=("returners",), style="I listen first.",
                working=("video",), capacity=2, mentees=0, full_until=None,
                contact=Contact(preferred="email", email="jane@example.org", phone=None, url=None),
                matching=("parent",), updated=None, bio_html="<p>Back from parental leave in Wessex.</p>")
SCHEMES = (Scheme(slug="returners", source="content/schemes/returners.md", title="Returning to Training",
                  summary=None, audience=None, pages=()),)
MENTORS = (MENTOR, replace(MENTOR, slug="sam-roe", name="Dr Sam Roe", bio_html="<p>Surgery and on-call.</p>"),
           replace(MENTOR, slug="ann-lee", name="Dr Ann Lee", grade="ST6", grade_rank=10))


@pytest.fixture
def split(monkeypatch) -> list[str]:
    """The mentors whose own fields are split into words from now on, by slug."""
    seen: list[str] = []

    def counting(mentor: Mentor) -> tuple[tuple[str, ...], ...]:
        seen.append(mentor.slug)
        return field_terms.__wrapped__(mentor)
    monkeypatch.setattr("mentordir.site.search_terms.field_terms", counting)
    return seen


def test_each_term_is_kept_under_the_first_field_it_occurs_in():
    best = dict(zip(FIELDS, search_terms((MENTOR,), SiteConfig(), SCHEMES).of(MENTOR)))
    assert best["name"] == ("dr", "jane", "doe")
    assert "wessex" in best["region"] and "wessex" not in best["bio"]  # in the bio too, but the region comes first
    assert "parental" in best["bio"] and "parent" in best["tags"]
    assert best["grade"][:2] == ("f2", "fy2")  # the grade, then its aliases on the default ladder


def test_best_fields_are_all_field_terms_with_the_repeats_of_earlier_fields_left_out():
    fields = all_field_terms(MENTOR, SiteConfig(), {"returners": "Returning to Training"})
    best = best_fields(fields, {})
    assert [set(terms) for terms in best] == [set(terms) - set().union(*fields[:number])
                                              for number, terms in enumerate(fields)]


def test_an_unchanged_mentor_is_not_split_into_words_again(split):
    earlier = search_terms(MENTORS, SiteConfig(), SCHEMES)
    edited = replace(MENTORS[1], bio_html="<p>Surgery, nights and on-call.</p>")
    split.clear()
    again = search_terms((MENTORS[0], edited, MENTORS[2]), SiteConfig(), SCHEMES, earlier)
    assert split == ["sam-roe"]
    assert again.of(MENTORS[0]) is earlier.of(MENTORS[0])
    assert "nights" in again.of(edited)[FIELDS.index("bio")]


def test_terms_reused_after_edits_equal_terms_worked_out_from_scratch():
    earlier = search_terms(MENTORS, SiteConfig(), SCHEMES)
    now = (replace(MENTORS[0], name="Dr Jane Doe-Smith"), MENTORS[2],  # one edited, one removed,
           replace(MENTOR, slug="new-one", name="Dr New One"))  # one added
    assert search_terms(now, SiteConfig(), SCHEMES, earlier) == search_terms(now, SiteConfig(), SCHEMES)


@pytest.mark.parametrize("config, schemes", [
    (SiteConfig(labels=(("parent", "Parent or carer"),)), SCHEMES),
    (SiteConfig(ladder=GradeLadder(aliases=(("Foundation two", "F2"),))), SCHEMES),
    (SiteConfig(), (replace(SCHEMES[0], title="Back to Training"),)),
], ids=["labels", "grade aliases", "scheme titles"])
def test_settings_that_shape_the_grade_or_tags_work_out_every_mentors_terms_again(split, config, schemes):
    earlier = search_terms(MENTORS, SiteConfig(), SCHEMES)
    split.clear()
    again = search_terms(MENTORS, config, schemes, earlier)
    assert sorted(split) == ["ann-lee", "jane-doe", "sam-roe"]
    assert again == search_terms(MENTORS, config, schemes)
    assert again.of(MENTOR) != earlier.of(MENTOR)


def test_settings_that_do_not_shape_the_terms_keep_them(split):
    earlier = search_terms(MENTORS, SiteConfig(), SCHEMES)
    split.clear()
    again = search_terms(MENTORS, SiteConfig(title="Renamed directory", synonyms=(("SpR", "registrar"),)),
                         (replace(SCHEMES[0], summary="Now with a summary."),), earlier)
    assert split == []
    assert again.of(MENTOR) is earlier.of(MENTOR)


def test_remembered_terms_pickle_with_one_string_per_distinct_term():
    loaded = pickle.loads(pickle.dumps(search_terms(MENTORS, SiteConfig(), SCHEMES)))
    assert loaded == search_terms(MENTORS, SiteConfig(), SCHEMES)
    first, second = (dict(zip(FIELDS, loaded.of(mentor))) for mentor in MENTORS[:2])
    assert first["specialty"] == second["specialty"] == ("anaesthetics",)
    assert first["specialty"][0] is second["specialty"][0]  # so the cache stays small and loads fast

