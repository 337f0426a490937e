"""Tests for generator/content/config.py: site.yaml is optional, checked like a bio, and its lines count from 1."""

from __future__ import annotations

import pytest

from conftest import MakeSite
from mentordir.content.config import DEFAULT_GRADES, KNOWN_KEYS, SiteConfig, TeamContact, load_config
from mentordir.model.problems import Problem

SITE = "content/site.yaml"


def config_of(make_site: MakeSite, site_yaml: str | bytes) -> tuple[SiteConfig, list[tuple[int | None, str | None, str, str]]]:
    """Load a site whose site.yaml is `site_yaml`; problems as (line, field, message, fix)."""
    config, problems = load_config(make_site({SITE: site_yaml}))
    assert all(problem.file == SITE for problem in problems)
    return config, [(problem.line, problem.field, problem.message, problem.fix) for problem in problems]


# --- defaults -----------------------------------------------------------------------------------

def test_without_site_yaml_every_setting_has_its_default(make_site: MakeSite) -> None:
    config, problems = load_config(make_site({SITE: None}))
    assert (config, problems) == (SiteConfig(), [])
    assert config.grades[:2] == ("F1", "F2")
    assert "Consultant" in config.grades
    assert (config.indexing, config.base_url, config.base_path, config.origin) == (False, "/", "/", None)
    assert (config.team, config.matching, config.language) == (None, None, "en-GB")


def test_an_empty_site_yaml_gives_the_defaults(make_site: MakeSite) -> None:
    assert config_of(make_site, "") == (SiteConfig(), [])


def test_reads_the_title_and_team(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "title: Test directory\nteam:\n  name: The Team\n  email: team@example.org\n")
    assert problems == []
    assert (config.title, config.team) == ("Test directory", TeamContact("The Team", "team@example.org", None))


# --- unknown and mistyped settings ----------------------------------------------------------------

def test_reports_an_unknown_setting_with_did_you_mean(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "titel: Returners\n")
    assert config.title == SiteConfig().title
    assert problems == [(1, "titel", 'is not a field we know (did you mean "title"?)',
                         "fix the spelling or remove the line; the fields are: " + ", ".join(KNOWN_KEYS))]


def test_reports_a_title_that_yaml_reads_as_a_yes_no_value(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "title: NO\n")
    assert config.title == SiteConfig().title
    assert problems == [(1, "title", "NO is read by YAML as a yes/no value, not as text",
                         'put it in quotes: `title: "NO"`')]


# --- base_url -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "base_url", "base_path", "origin"), [
    ("https://example.org/my-scheme", "https://example.org/my-scheme/", "/my-scheme/", "https://example.org"),
    ("https://example.org/my-scheme///", "https://example.org/my-scheme/", "/my-scheme/", "https://example.org"),
    ("https://example.org", "https://example.org/", "/", "https://example.org"),
    ("/mentors", "/mentors/", "/mentors/", None),
])
def test_normalises_the_base_url_and_derives_path_and_origin(make_site: MakeSite, written: str, base_url: str,
                                                             base_path: str, origin: str | None) -> None:
    config, problems = config_of(make_site, f"base_url: {written}\n")
    assert problems == []
    assert (config.base_url, config.base_path, config.origin) == (base_url, base_path, origin)


def test_a_base_url_without_a_leading_slash_still_gives_a_path_from_the_root(make_site: MakeSite) -> None:
    config, _ = config_of(make_site, "base_url: mentors\n")
    assert config.base_path.startswith("/")


@pytest.mark.parametrize("written", ["javascript:alert(1)", "https://example.org/a b", "https://example.org/?q=1"])
def test_refuses_a_base_url_that_is_not_an_address_or_path(make_site: MakeSite, written: str) -> None:
    config, problems = config_of(make_site, f"base_url: '{written}'\n")
    assert config.base_url == "/"
    assert problems == [(1, "base_url", f'"{written}" is not a web address or a path',
                         "write the address the site is published at, like https://example.github.io/mentors/")]


def test_with_base_url_publishes_the_same_settings_elsewhere() -> None:
    config = SiteConfig(title="T").with_base_url("https://example.org/my-scheme")
    assert (config.title, config.base_url, config.base_path) == ("T", "https://example.org/my-scheme/", "/my-scheme/")


# --- grades -------------------------------------------------------------------------------------

def test_reads_a_custom_grade_ladder_in_order(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "grades: [FY1, FY2, StR, Consultant]\n")
    assert (config.grades, problems) == (("FY1", "FY2", "StR", "Consultant"), [])


def test_refuses_a_grade_listed_twice_and_keeps_the_default_ladder(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "title: T\ngrades:\n  - FY1\n  - fy1\n")
    assert config.grades == DEFAULT_GRADES
    assert problems == [(2, "grades", "lists a grade twice", "list each grade once, most junior first")]


def test_the_default_ladder_puts_equally_senior_grades_on_one_level(make_site: MakeSite) -> None:
    config, _ = config_of(make_site, "title: T\n")
    assert config.ladder.levels[:3] == (("F1",), ("F2",), ("CT1", "ST1"))
    assert config.ladder.levels[-1] == ("SAS", "Specialty doctor", "GP", "Consultant")
    assert config.level_of("CT1") == config.level_of("ST1") == 2
    assert config.level_of("GP") == config.level_of("Consultant") == len(config.ladder.levels) - 1


def test_a_plain_list_of_grades_gives_one_grade_a_level(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "grades: [FY1, FY2, StR, Consultant]\n")
    assert (config.ladder.levels, problems) == ((("FY1",), ("FY2",), ("StR",), ("Consultant",)), [])
    assert config.ladder.find("fy2") == "FY2"


def test_reads_levels_and_aliases_from_site_yaml(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "grades: [F1, F2, [CT1, ST1], [GP, Consultant]]\n"
                                            "grade_aliases:\n  Registrar: ST1\n")
    assert problems == []
    assert config.ladder.levels == (("F1",), ("F2",), ("CT1", "ST1"), ("GP", "Consultant"))
    assert [config.ladder.find(text) for text in ("FY2", "Foundation Year 1", "registrar", "ST9")] == \
        ["F2", "F1", "ST1", None]


def test_reports_an_alias_for_a_grade_the_ladder_does_not_have(make_site: MakeSite) -> None:
    _, problems = config_of(make_site, "grade_aliases:\n  SpR: ST9\n")
    assert problems == [(2, "grade_aliases.SpR", 'names "ST9", which is not a grade on this site\'s ladder '
                            '(did you mean "ST8"?)', "use one of: " + ", ".join(DEFAULT_GRADES))]


def test_reports_a_level_that_is_not_a_grade_or_a_list_of_grades(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "grades:\n  - F1\n  - {name: F2}\n")
    assert config.grades == DEFAULT_GRADES
    assert problems == [(1, "grades", "has an entry that is neither a grade nor a list of grades",
                         "write each level as a grade, or equally senior grades in brackets: "
                         "`grades: [F1, F2, [CT1, ST1], Consultant]`")]


# --- labels and synonyms ------------------------------------------------------------------------

def test_labels_in_site_yaml_replace_the_shipped_ones_and_acronyms_come_out_right(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "labels:\n  carer: Carer or parent of a disabled child\n"
                                            "  video: Video call\n")
    assert problems == []
    assert [config.label_of(word) for word in ("carer", "video", "lgbtq", "less-than-full-time", "research-break")] \
        == ["Carer or parent of a disabled child", "Video call", "LGBTQ+", "Less than full time (LTFT)",
            "Research break"]


def test_reads_a_sites_own_synonyms_and_reports_a_group_of_one(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "synonyms:\n  - [SpR, registrar]\n  - [StR, specialty registrar]\n")
    assert (config.synonyms, problems) == ((("SpR", "registrar"), ("StR", "specialty registrar")), [])
    _, problems = config_of(make_site, "synonyms:\n  - [SpR]\n")
    assert problems == [(1, "synonyms", "has an entry that is not a list of two or more words or phrases",
                         "write each group in brackets: `synonyms:` with lines under it like `- [SpR, registrar]`")]


# --- indexing -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "indexing"), [("true", True), ("false", False)])
def test_reads_indexing_true_or_false(make_site: MakeSite, written: str, indexing: bool) -> None:
    config, problems = config_of(make_site, f"indexing: {written}\n")
    assert (config.indexing, problems) == (indexing, [])


@pytest.mark.parametrize("written", ["yes", "on"])
def test_refuses_indexing_yes_and_keeps_search_engines_out(make_site: MakeSite, written: str) -> None:
    config, problems = config_of(make_site, f"indexing: {written}\n")
    assert config.indexing is False
    assert problems == [(1, "indexing", f'"{written}" is not true or false', "write `indexing: true` or `indexing: false`")]


# --- team ---------------------------------------------------------------------------------------

def test_refuses_a_team_without_email_or_url(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "title: T\nteam:\n  name: The Team\n")
    assert config.team == TeamContact("The Team", None, None)
    assert problems == [(3, "team", "gives no way to reach the team", "add `email:` or `url:` under `team:`")]


def test_accepts_a_team_with_only_a_url(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "team:\n  name: The Team\n  url: https://example.org/contact\n")
    assert (config.team, problems) == (TeamContact("The Team", None, "https://example.org/contact"), [])


def test_names_team_fields_in_full_on_their_lines(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "title: T\n\nteam:\n  name: The Team\n  email: nope\n  phone: '0123'\n")
    assert sorted(problems) == [
        (4, "team", "gives no way to reach the team", "add `email:` or `url:` under `team:`"),
        (5, "team.email", '"nope" is not an e-mail address', "write it like `jane.doe@example.org`"),
        (6, "team.phone", "is not a field we know", "fix the spelling or remove the line; the fields are: name, email, url, github"),
    ]


# --- matching and language ----------------------------------------------------------------------

def test_reads_the_matching_words(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "matching: [parent, less-than-full-time]\n")
    assert (config.matching, problems) == (("parent", "less-than-full-time"), [])


def test_refuses_a_language_that_is_not_a_tag(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "title: T\nlanguage: english\n")
    assert config.language == "en-GB"
    assert problems == [(2, "language", '"english" is not a language tag', "write a tag like en-GB")]


# --- lines and encodings ------------------------------------------------------------------------

def test_counts_lines_from_the_first_line_of_site_yaml(make_site: MakeSite) -> None:
    _, problems = config_of(make_site, "# Settings\ntitle: T\ndescription: D\ncapcity: 3\n")
    assert [(line, field) for line, field, _, _ in problems] == [(4, "capcity")]


def test_reports_a_syntax_error_on_its_line_and_keeps_the_defaults(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "title: T\ngrades: [F1, F2\nindexing: true\n")
    assert config == SiteConfig()
    assert [(line, field) for line, field, _, _ in problems] == [(3, None)]


def test_tolerates_a_byte_order_mark(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, b"\xef\xbb\xbftitle: T\n")
    assert (config.title, problems) == ("T", [])


def test_refuses_a_site_yaml_saved_as_utf16(make_site: MakeSite) -> None:
    config, problems = load_config(make_site({SITE: "title: T\n".encode("utf-16")}))
    assert config == SiteConfig()
    assert problems == [Problem(SITE, 1, None, "the file is saved as UTF-16, not UTF-8",
                                "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)")]


# --- scheme rules -------------------------------------------------------------------------------

def test_trainees_are_f1_to_st8_and_have_no_limit_by_default(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "title: T\n")
    assert problems == []
    assert config.trainee_grades == ("F1", "F2", "CT1", "ST1", "CT2", "ST2", "CT3", "ST3", "ST4", "ST5", "ST6",
                                     "ST7", "ST8")
    assert (config.trainee_max_capacity, config.email_domains) == (None, None)


def test_reads_the_trainee_limit_and_grades_spelt_as_the_ladder_spells_them(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "trainee_max_capacity: 2\ntrainee_grades: [f1, F2, ct1]\n")
    assert problems == []
    assert (config.trainee_max_capacity, config.trainee_grades) == (2, ("F1", "F2", "CT1"))


def test_default_trainee_grades_follow_a_custom_ladder(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "grades: [F1, F2, StR, Consultant]\n")
    assert (config.trainee_grades, problems) == (("F1", "F2"), [])


def test_refuses_a_trainee_grade_that_is_not_on_the_ladder(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "trainee_grades: [F1, ST9]\n")
    assert config.trainee_grades == ("F1",)
    assert problems == [(1, "trainee_grades", '"ST9" is not a grade on this site\'s ladder (did you mean "ST8"?)',
                         "use grades from: " + ", ".join(DEFAULT_GRADES))]


def test_a_trainee_limit_that_applies_to_no_grade_is_reported(make_site: MakeSite) -> None:
    _, problems = config_of(make_site, "grades: [FY1, FY2, StR, Consultant]\ntrainee_max_capacity: 2\n")
    assert problems == [(2, "trainee_max_capacity", "applies to no grade: none of F1 to ST8 is on this site's ladder",
                         "say which grades are trainees, like `trainee_grades: [FY1, FY2, StR]`")]


@pytest.mark.parametrize(("written", "message"), [
    ("0", "is 0, but must be between 1 and 50"),
    ("two", '"two" is not a whole number'),
])
def test_refuses_a_trainee_limit_that_is_not_a_whole_number_of_at_least_1(make_site: MakeSite, written: str,
                                                                          message: str) -> None:
    config, problems = config_of(make_site, f"trainee_max_capacity: {written}\n")
    assert config.trainee_max_capacity is None
    assert [(line, field, text) for line, field, text, _ in problems] == [(1, "trainee_max_capacity", message)]


def test_reads_email_domains_in_lower_case(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "email_domains: [NHS.net, example.nhs.uk]\n")
    assert (config.email_domains, problems) == (("nhs.net", "example.nhs.uk"), [])


@pytest.mark.parametrize(("written", "fix"), [
    ("'@nhs.net'", "write just the part after the @, like nhs.net"),
    ("jane@example.nhs.uk", "write just the part after the @, like example.nhs.uk"),
    ("nhs", "write just the part after the @, like nhs.net"),
])
def test_refuses_an_email_domain_that_is_not_a_domain(make_site: MakeSite, written: str, fix: str) -> None:
    config, problems = config_of(make_site, f"email_domains: [{written}]\n")
    assert config.email_domains is None
    value = written.strip("'")
    assert problems == [(1, "email_domains", f'"{value}" is not an e-mail domain', fix)]


def test_says_on_which_line_each_setting_is_written(make_site: MakeSite) -> None:
    config, _ = config_of(make_site, "# Rules\ntitle: T\nmatching: [parent]\ntrainee_max_capacity: 2\n")
    assert (config.place_of("matching"), config.place_of("trainee_max_capacity")) == (
        "content/site.yaml:3", "content/site.yaml:4")
    assert config.place_of("email_domains") == "content/site.yaml"


# --- brand --------------------------------------------------------------------------------------

def test_reads_a_brand_colour_and_logo_and_writes_a_short_colour_in_full(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, 'brand:\n  colour: "#05A"\n  logo: logo.svg\n')
    assert problems == []
    assert (config.brand.colour, config.brand.logo) == ("#0055aa", "logo.svg")


def test_reports_a_brand_colour_too_light_for_white_text_with_its_contrast(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, 'title: T\nbrand:\n  colour: "#ffdd00"\n')
    assert problems == [(3, "brand.colour", "#ffdd00 is too light for the white text on it (contrast 1.3 to 1, "
                                            "and 4.5 to 1 is needed to read it easily)",
                         "choose a darker shade of your colour")]
    assert config.brand is None


def test_reports_a_brand_colour_that_is_not_a_colour(make_site: MakeSite) -> None:
    _, problems = config_of(make_site, "brand:\n  colour: navy blue\n")
    assert problems == [(2, "brand.colour", '"navy blue" is not a colour we can read',
                         'write it as # and six hexadecimal digits, in quotes, like "#005eb8"')]


def test_reports_a_logo_in_another_folder(make_site: MakeSite) -> None:
    _, problems = config_of(make_site, "brand:\n  logo: ../secrets/logo.svg\n")
    assert problems == [(2, "brand.logo", '"../secrets/logo.svg" is not the name of an image file',
                         "save the logo as an .svg, .png, .webp or .jpg file beside site.yaml and write just its "
                         "name, like logo.svg")]


@pytest.mark.parametrize(("colour", "accepted"), [("#767676", True), ("#777777", False), ("#005eb8", True)])
def test_a_brand_colour_needs_a_contrast_of_four_and_a_half_to_one_with_white(make_site: MakeSite, colour: str,
                                                                               accepted: bool) -> None:
    config, problems = config_of(make_site, f'brand:\n  colour: "{colour}"\n')
    assert (config.brand is not None, problems == []) == (accepted, accepted)


def test_an_oversized_site_yaml_is_not_told_about_bios(make_site: MakeSite) -> None:
    _, problems = config_of(make_site, "title: T\n" + "# padding\n" * 12_000)
    assert problems == [(None, None, "the file is 120,009 bytes, more than the 100,000 allowed",
                         "shorten the text, or split it into more files")]


def test_trainee_grades_may_be_given_by_an_alias(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "trainee_max_capacity: 2\ntrainee_grades: [FY1, FY2, ct1]\n")
    assert (config.trainee_grades, problems) == (("F1", "F2", "CT1"), [])


def test_a_label_for_a_word_bios_cannot_write_is_reported(make_site: MakeSite) -> None:
    config, problems = config_of(make_site, "labels:\n  Less than full time: LTFT\n")
    assert config.labels == ()
    assert problems == [(2, "labels.Less than full time", "is not a matching word or working mode as bios write them",
                         'write the word in lower case with hyphens, like "less-than-full-time"')]
