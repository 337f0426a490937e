"""Scheme rules and review dates: each broken rule names the rule and the file and line where it is set."""

from __future__ import annotations

import pytest

from conftest import SITE_YAML, bio_text, options_for
from mentordir.build import generate_site
from mentordir.model.problems import ContentError

BIO = "content/mentors/jane-doe.md"
FOUNDATION = "---\ntitle: Foundation\nmin_grade: F2\n---\nNear-peer support for new F1s.\n"
TRAINEE_LIMIT = SITE_YAML + "trainee_max_capacity: 2\n"  # the setting is on line 5
DOMAINS = SITE_YAML + "email_domains: [nhs.net, example.nhs.uk]\n"  # the setting is on line 5


def check(make_site, files: dict[str, str | bytes | None]) -> tuple[bool, list[str]]:
    """Whether `check` passes for a mini-site, and the messages it prints."""
    root = make_site(files)
    try:
        site = generate_site(options_for(root))
    except ContentError as error:
        return False, [problem.as_text() for problem in error.problems]
    return True, [problem.as_text() for problem in site.warnings]


# --- min_grade in a scheme's front matter -------------------------------------------------------

def test_a_mentor_below_a_schemes_minimum_grade_is_an_error_naming_the_rule_and_where_it_is_set(make_site):
    bio = bio_text({"grade": "F1", "schemes": "[foundation]"})
    assert check(make_site, {BIO: bio, "content/schemes/foundation.md": FOUNDATION}) == (False, [
        'content/mentors/jane-doe.md:7: schemes: "foundation" takes mentors at F2 or above, and your grade is F1 '
        "(set by `min_grade` in content/schemes/foundation.md:3) - "
        "remove foundation from schemes, or correct your grade if it is out of date"])


@pytest.mark.parametrize("grade", ["F2", "ST6", "Consultant"])
def test_mentors_at_or_above_the_minimum_grade_may_join_the_scheme(make_site, grade):
    bio = bio_text({"grade": grade, "schemes": "[foundation]"})
    assert check(make_site, {BIO: bio, "content/schemes/foundation.md": FOUNDATION}) == (True, [])


def test_the_minimum_grade_applies_only_to_its_own_scheme(make_site):
    bio = bio_text({"grade": "F1", "schemes": "[returners]"})
    assert check(make_site, {BIO: bio, "content/schemes/foundation.md": FOUNDATION}) == (True, [])


def test_a_scheme_folder_sets_its_minimum_grade_in_index_md(make_site):
    bio = bio_text({"grade": "F1", "schemes": "[returners]"})
    passed, messages = check(make_site, {
        BIO: bio,
        "content/schemes/returners.md": None,
        "content/schemes/returners/index.md": "---\ntitle: Returners\nsummary: Back.\nmin_grade: CT1\n---\nHi\n",
    })
    assert not passed
    assert messages == [
        'content/mentors/jane-doe.md:7: schemes: "returners" takes mentors at CT1 or above, and your grade is F1 '
        "(set by `min_grade` in content/schemes/returners/index.md:4) - "
        "remove returners from schemes, or correct your grade if it is out of date"]


def test_the_minimum_grade_follows_a_custom_ladder_without_regard_to_case(make_site):
    site_yaml = SITE_YAML + "grades: [FY1, FY2, StR, Consultant]\n"
    scheme = "---\ntitle: Foundation\nmin_grade: fy2\n---\nAbout.\n"
    bio = bio_text({"grade": "FY1", "schemes": "[foundation]"})
    assert check(make_site, {BIO: bio, "content/site.yaml": site_yaml, "content/schemes/foundation.md": scheme}) == (
        False, ['content/mentors/jane-doe.md:7: schemes: "foundation" takes mentors at FY2 or above, and your grade '
                "is FY1 (set by `min_grade` in content/schemes/foundation.md:3) - "
                "remove foundation from schemes, or correct your grade if it is out of date"])


def test_a_minimum_grade_takes_any_grade_of_its_level_and_its_aliases(make_site):
    scheme = "---\ntitle: Foundation\nmin_grade: ST1\n---\nAbout.\n"
    passed, _ = check(make_site, {BIO: bio_text({"grade": "CT1", "schemes": "[foundation]"}),
                                  "content/schemes/foundation.md": scheme})
    assert passed
    scheme = "---\ntitle: Foundation\nmin_grade: FY2\n---\nAbout.\n"
    passed, messages = check(make_site, {BIO: bio_text({"grade": "FY1", "schemes": "[foundation]"}),
                                         "content/schemes/foundation.md": scheme})
    assert messages == [
        'content/mentors/jane-doe.md:7: schemes: "foundation" takes mentors at F2 or above, and your grade is F1 '
        "(set by `min_grade` in content/schemes/foundation.md:3) - "
        "remove foundation from schemes, or correct your grade if it is out of date"]


def test_a_minimum_grade_not_on_the_ladder_is_reported_on_the_scheme_without_failing_its_mentors(make_site):
    scheme = "---\ntitle: Foundation\nmin_grade: FY3\n---\nAbout.\n"
    bio = bio_text({"grade": "F1", "schemes": "[foundation]"})
    passed, messages = check(make_site, {BIO: bio, "content/schemes/foundation.md": scheme})
    assert not passed
    assert messages == [
        'content/schemes/foundation.md:3: min_grade: "FY3" is not a grade on this site\'s ladder'
        " - use one of: F1, F2, CT1, ST1, CT2, ST2, CT3, ST3, ST4, ST5, ST6, ST7, ST8, SAS, Specialty doctor, GP, "
        "Consultant"]


# --- trainee_max_capacity in site.yaml ----------------------------------------------------------

def test_a_trainee_taking_more_than_the_limit_is_an_error_naming_the_rule_and_where_it_is_set(make_site):
    bio = bio_text({"capacity": "3"})
    assert check(make_site, {BIO: bio, "content/site.yaml": TRAINEE_LIMIT}) == (False, [
        "content/mentors/jane-doe.md:10: capacity: is 3, but a trainee mentor (ST6) takes at most 2 mentees "
        "(set by `trainee_max_capacity` in content/site.yaml:5) - lower capacity to 2"])


def test_a_trainee_at_the_limit_passes(make_site):
    assert check(make_site, {BIO: bio_text({"capacity": "2"}), "content/site.yaml": TRAINEE_LIMIT}) == (True, [])


@pytest.mark.parametrize("grade", ["SAS", "GP", "Consultant", "Specialty doctor"])
def test_the_trainee_limit_does_not_apply_to_senior_grades(make_site, grade):
    bio = bio_text({"grade": grade, "capacity": "4"})
    assert check(make_site, {BIO: bio, "content/site.yaml": TRAINEE_LIMIT}) == (True, [])


def test_without_the_setting_trainees_have_no_limit_beyond_the_format(make_site):
    assert check(make_site, {BIO: bio_text({"capacity": "5"})}) == (True, [])


def test_trainee_grades_in_site_yaml_say_who_the_limit_applies_to(make_site):
    site_yaml = TRAINEE_LIMIT.replace("trainee_max_capacity: 2", "trainee_max_capacity: 1\ntrainee_grades: [F1, F2]")
    assert check(make_site, {BIO: bio_text({"capacity": "3"}), "content/site.yaml": site_yaml}) == (True, [])
    bio = bio_text({"grade": "F2", "capacity": "3"})
    assert check(make_site, {BIO: bio, "content/site.yaml": site_yaml}) == (False, [
        "content/mentors/jane-doe.md:10: capacity: is 3, but a trainee mentor (F2) takes at most 1 mentee "
        "(set by `trainee_max_capacity` in content/site.yaml:5) - lower capacity to 1"])


# --- email_domains in site.yaml: a warning ------------------------------------------------------

def test_an_address_outside_the_sites_email_domains_is_a_warning_and_the_mentor_is_listed(make_site):
    root = make_site({BIO: bio_text(), "content/site.yaml": DOMAINS})
    site = generate_site(options_for(root))
    assert site.mentors == 1
    assert [problem.as_text() for problem in site.warnings] == [
        'content/mentors/jane-doe.md:14: warning: contact.email: "jane.doe@example.org" is not at one of the '
        "scheme's e-mail domains (set by `email_domains` in content/site.yaml:5) - "
        "use your work address at nhs.net or example.nhs.uk"]


@pytest.mark.parametrize("email", ["jane.doe@nhs.net", "Jane.Doe@NHS.NET", "jane.doe@example.nhs.uk",
                                   "jane.doe@wards.example.nhs.uk"])
def test_addresses_at_an_allowed_domain_or_its_subdomains_pass(make_site, email):
    bio = bio_text({"contact": f"\n  preferred: email\n  email: {email}"})
    assert check(make_site, {BIO: bio, "content/site.yaml": DOMAINS}) == (True, [])


def test_a_domain_that_only_ends_with_the_same_letters_is_not_allowed(make_site):
    bio = bio_text({"contact": "\n  preferred: email\n  email: jane@notnhs.net"})
    passed, messages = check(make_site, {BIO: bio, "content/site.yaml": DOMAINS})
    assert passed and len(messages) == 1 and '"jane@notnhs.net" is not at one of' in messages[0]


def test_a_mentor_who_gives_no_address_is_not_warned(make_site):
    bio = bio_text({"contact": "\n  preferred: team"})
    assert check(make_site, {BIO: bio, "content/site.yaml": DOMAINS}) == (True, [])


# --- review date: a warning ---------------------------------------------------------------------

def test_a_bio_reviewed_more_than_12_months_before_the_build_is_a_warning(make_site):
    assert check(make_site, {BIO: bio_text({"updated": "2025-11-21"})}) == (True, [
        "content/mentors/jane-doe.md:15: warning: updated: 2025-11-21 is more than 12 months ago - "
        "read your bio through, change what is out of date, and set updated to today's date"])


def test_a_bio_reviewed_exactly_12_months_before_the_build_is_fine(make_site):
    assert check(make_site, {BIO: bio_text({"updated": "2025-11-22"})}) == (True, [])


def test_a_bio_without_a_review_date_is_not_warned(make_site):
    assert check(make_site, {BIO: bio_text({"updated": None})}) == (True, [])


def test_every_rule_broken_at_once_is_reported_together(make_site):
    site_yaml = TRAINEE_LIMIT + "email_domains: [nhs.net]\n"
    bio = bio_text({"grade": "F1", "schemes": "[foundation]", "capacity": "3", "updated": "2024-01-01"})
    passed, messages = check(make_site, {BIO: bio, "content/site.yaml": site_yaml,
                                         "content/schemes/foundation.md": FOUNDATION})
    assert not passed
    assert [message.split(" ")[0] for message in messages] == [
        "content/mentors/jane-doe.md:7:", "content/mentors/jane-doe.md:10:", "content/mentors/jane-doe.md:14:",
        "content/mentors/jane-doe.md:15:"]
