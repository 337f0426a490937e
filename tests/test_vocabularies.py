"""Tests for generator/content/vocabularies.py: canonical specialties and regions, and how site.yaml changes them."""

from __future__ import annotations

import pytest

from conftest import MakeSite, bio_text, options_for
from mentordir.build import generate_site
from mentordir.content.config import load_config
from mentordir.content.vocabularies import DEFAULT_REGIONS, DEFAULT_SPECIALTIES, Term, Vocabulary, read_vocabulary
from mentordir.model.problems import ContentError

SITE = "content/site.yaml"
TEAM = "team:\n  name: The Team\n  email: team@example.org\n"


@pytest.mark.parametrize(("written", "canonical"), [
    ("Anesthesiology", "Anaesthetics"), ("anaesthesia", "Anaesthetics"), ("Paeds", "Paediatrics"),
    ("O&G", "Obstetrics and Gynaecology"), ("obs & gynae", "Obstetrics and Gynaecology"), ("GP", "General Practice"),
    ("General (Internal) Medicine", "General Internal Medicine"), ("T&O", "Trauma and Orthopaedic Surgery"),
    ("ENT", "Otolaryngology"), ("  emergency   medicine ", "Emergency Medicine"),
])
def test_a_specialty_is_known_by_any_alias_case_or_spacing(written: str, canonical: str) -> None:
    assert DEFAULT_SPECIALTIES.resolve(written) == canonical


@pytest.mark.parametrize(("written", "canonical"), [
    ("KSS", "Kent, Surrey and Sussex"), ("Kent Surrey and Sussex", "Kent, Surrey and Sussex"),
    ("Yorkshire", "Yorkshire and the Humber"), ("Peninsula", "South West"), ("HEIW", "Wales"),
    ("northern ireland", "Northern Ireland"), ("Oxford", "Thames Valley"),
])
def test_a_region_is_known_by_its_old_deanery_names_and_abbreviations(written: str, canonical: str) -> None:
    assert DEFAULT_REGIONS.resolve(written) == canonical


def test_a_near_miss_is_offered_its_canonical_name_and_a_placeholder_nothing() -> None:
    assert (DEFAULT_SPECIALTIES.closest("Anaesthtics"), DEFAULT_SPECIALTIES.closest("Paediatrcs"),
            DEFAULT_SPECIALTIES.closest("Your Specialty")) == ("Anaesthetics", "Paediatrics", None)


def test_no_alias_of_the_defaults_means_two_things() -> None:
    for vocabulary in (DEFAULT_SPECIALTIES, DEFAULT_REGIONS):
        problems: list = []
        read_vocabulary(SITE, "specialties", None, None, vocabulary, problems)
        assert problems == []


def test_site_yaml_replaces_the_specialties_with_its_own_names_and_aliases(make_site: MakeSite) -> None:
    config, problems = load_config(make_site({SITE: "specialties:\n  - Anaesthetics: [Gas, Anaesthesia]\n"
                                                    "  - Remote Medicine\n"}))
    assert problems == []
    assert config.specialties == Vocabulary(terms=(Term("Anaesthetics", ("Gas", "Anaesthesia")),
                                                   Term("Remote Medicine")))
    assert config.regions == DEFAULT_REGIONS


def test_site_yaml_adds_to_the_regions_and_opens_the_specialties(make_site: MakeSite) -> None:
    config, problems = load_config(make_site({SITE: "more_regions:\n  - Channel Islands: Jersey\n"
                                                    "specialties: any\n"}))
    assert problems == []
    assert config.regions.resolve("jersey") == "Channel Islands" and config.regions.resolve("KSS")
    assert config.specialties.open and config.specialties.resolve("Paeds") == "Paediatrics"


def test_reports_a_vocabulary_written_wrongly_on_its_line(make_site: MakeSite) -> None:
    _, problems = load_config(make_site({SITE: "title: T\nregions: Wessex\nmore_specialties:\n  - A: [B]\n"
                                               "  - C: [B]\n"}))
    assert [(p.line, p.field, p.message, p.fix) for p in problems] == [
        (4, "specialties", '"B" is listed under both A and C', "keep it under one of them"),
        (2, "regions", "should be any or a list of names",
         "write `regions: any` or a list, one per line: `- Anaesthetics` or "
         "`- Anaesthetics: [Anaesthesia, Anesthesiology]`"),
    ]


def site_with(make_site: MakeSite, site_yaml: str, **changes: str) -> list[str]:
    """What check says about one bio on a site with `site_yaml` (empty when it passes)."""
    root = make_site({SITE: TEAM + site_yaml, "content/mentors/jane-doe.md": bio_text(changes)})
    try:
        return [problem.as_text() for problem in generate_site(options_for(root)).warnings]
    except ContentError as error:
        return [problem.as_text() for problem in error.problems]


def test_a_site_of_its_own_refuses_a_specialty_it_does_not_list(make_site: MakeSite) -> None:
    assert site_with(make_site, "specialties: [Remote Medicine]\n", specialty="Anaesthetics") == [
        'content/mentors/jane-doe.md:5: specialty: "Anaesthetics" is not a specialty this site lists - write it as '
        "the site lists it, like `specialty: Anaesthetics`, or ask the scheme team to add it to `specialties` in "
        "content/site.yaml"]


def test_an_open_list_takes_any_text_and_still_makes_known_names_canonical(make_site: MakeSite) -> None:
    assert site_with(make_site, "specialties: any\nregions: any\n", specialty="[Space Medicine, paeds]",
                     region="Atlantis") == []
    root = make_site({SITE: TEAM + "specialties: any\n",
                      "content/mentors/jane-doe.md": bio_text({"specialty": "[Space Medicine, paeds]"})})
    page = generate_site(options_for(root)).files["mentors/jane-doe/index.html"].decode()
    assert "Space Medicine" in page and "Paediatrics" in page
