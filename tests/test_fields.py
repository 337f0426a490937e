"""Tests for generator/content/fields.py: typed readers that turn YAML's surprises into sentences a mentor can act on."""

from __future__ import annotations

import datetime as dt

import pytest

from mentordir.content.addresses import tel_uri
from mentordir.content.fields import FieldReader
from mentordir.content.frontmatter import parse_front_matter
from mentordir.model.problems import Problem


def reader(yaml_text: str) -> tuple[FieldReader, list[Problem]]:
    """A reader over front matter written as it would be in a bio (its first line is file line 2)."""
    mapping, problems = parse_front_matter(yaml_text, "f.md", first_line=2)
    assert problems == [] and mapping is not None
    found: list[Problem] = []
    return FieldReader("f.md", mapping, found), found


def said(problems: list[Problem]) -> list[tuple[int | None, str | None, str, str]]:
    """Each problem as (line, field, message, fix)."""
    return [(problem.line, problem.field, problem.message, problem.fix) for problem in problems]


# --- text ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "reading"), [
    ("NO", "a yes/no value"),
    ("yes", "a yes/no value"),
    ("Off", "a yes/no value"),
    ("1:1", "a number"),
    ("12", "a number"),
    ("1.0e+3", "a number"),
    ("2024-01-05", "a date"),
])
def test_text_refuses_what_yaml_reads_as_something_else(written: str, reading: str) -> None:
    fields, problems = reader(f"name: Jane\nregion: {written}\n")
    assert fields.text("region") is None
    assert said(problems) == [(3, "region", f"{written} is read by YAML as {reading}, not as text",
                               f'put it in quotes: `region: "{written}"`')]


@pytest.mark.parametrize("written", ['"NO"', "'NO'"])
def test_text_accepts_the_quoted_form(written: str) -> None:
    fields, problems = reader(f"region: {written}\n")
    assert (fields.text("region"), problems) == ("NO", [])


def test_text_strips_surrounding_spaces() -> None:
    fields, problems = reader('name: "  Dr Jane Doe  "\n')
    assert (fields.text("name"), problems) == ("Dr Jane Doe", [])


def test_text_reports_a_missing_required_field_with_an_example() -> None:
    fields, problems = reader("region: Wessex\n")
    assert fields.text("name", required=True, example="Dr Jane Doe") is None
    assert said(problems) == [(2, "name", "is missing", "add a line like `name: Dr Jane Doe`")]


def test_text_reports_an_empty_required_field_on_its_line() -> None:
    fields, problems = reader("region: Wessex\nname:\n")
    assert fields.text("name", required=True, example="Dr Jane Doe") is None
    assert said(problems) == [(3, "name", "is empty", "add a line like `name: Dr Jane Doe`")]


def test_text_returns_none_quietly_for_an_absent_optional_field() -> None:
    fields, problems = reader("name: Jane\n")
    assert (fields.text("region"), problems) == (None, [])


@pytest.mark.parametrize("written", ['""', '"   "'])
def test_text_reports_a_required_field_given_as_empty_quotes(written: str) -> None:
    fields, problems = reader(f"name: {written}\n")
    assert fields.text("name", required=True, example="Dr Jane Doe") is None
    assert said(problems) == [(2, "name", "is empty", "add a line like `name: Dr Jane Doe`")]


def test_texts_reports_a_required_list_given_as_empty_quotes() -> None:
    fields, problems = reader('specialty: ""\n')
    assert fields.texts("specialty", required=True, example="Anaesthetics") == ()
    assert said(problems) == [(2, "specialty", "is empty", "add a line like `specialty: Anaesthetics`")]


def test_text_refuses_a_list_where_text_is_expected() -> None:
    fields, problems = reader("name: [Jane, Doe]\n")
    assert fields.text("name", example="Dr Jane Doe") is None
    assert said(problems) == [(2, "name", "should be text, not a list", "write it like `name: Dr Jane Doe`")]


@pytest.mark.parametrize(("written", "named"), [
    (r'"Jane\x07Doe"', "U+0007 control character"),
    (r'"Jane\tDoe"', "U+0009 control character"),
    ('"Dr Jane \u202eeoD"', "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ('"jane\u200b@example.org"', "U+200B ZERO WIDTH SPACE"),
    ('"Jane\u00adDoe"', "U+00AD SOFT HYPHEN"),
])
def test_text_refuses_control_bidi_and_invisible_characters(written: str, named: str) -> None:
    fields, problems = reader(f"name: {written}\n")
    assert fields.text("name") is None
    assert said(problems) == [(2, "name", f"contains an invisible or control character ({named})",
                               "delete it; retype the value if you cannot see where it is")]


@pytest.mark.parametrize("value", [
    "Dr Jane Doe \U0001F469\u200d\u2695\ufe0f",   # woman health worker: ZWJ and variation selector
    "\U0001F3F3\ufe0f\u200d\U0001F308",            # rainbow flag
    "\U0001F44B\U0001F3FD",                        # waving hand, medium skin tone
    "Zo\u00eb Nguy\u1ec5n",                        # precomposed accents
    "\u0928\u092e\u0938\u094d\u0924\u0947",        # Devanagari with combining vowel signs and virama
    "Jane 1\ufe0f\u20e3",                          # keycap one: variation selector after a digit
    "Jane \u2764\ufe0e",                           # heart asked for in text style
])
def test_text_keeps_emoji_sequences_and_combining_marks(value: str) -> None:
    fields, problems = reader(f'name: "{value}"\n')
    assert (fields.text("name"), problems) == (value, [])


@pytest.mark.parametrize(("value", "named"), [
    ("\u3164", "U+3164 HANGUL FILLER"),
    ("\u115f", "U+115F HANGUL CHOSEONG FILLER"),
    ("\u1160\u1160", "U+1160 HANGUL JUNGSEONG FILLER"),
    ("\uffa0", "U+FFA0 HALFWIDTH HANGUL FILLER"),
    ("\u2800", "U+2800 BRAILLE PATTERN BLANK"),
    ("\u034f", "U+034F COMBINING GRAPHEME JOINER"),
    ("Jane\u3164Doe", "U+3164 HANGUL FILLER"),
    ("Jane Doe\ufe0f", "U+FE0F VARIATION SELECTOR-16"),
    ("Jane\ufe00 Doe", "U+FE00 VARIATION SELECTOR-1"),
    ("Jane \u17b4Doe", "U+17B4 KHMER VOWEL INHERENT AQ"),
    ("Jane\u180b Doe", "U+180B MONGOLIAN FREE VARIATION SELECTOR ONE"),
    ("Jane Doe\U000e0100", "U+E0100 VARIATION SELECTOR-17"),
    ("Jane Doe\U000e0000", "U+E0000 unassigned character"),
])
def test_text_refuses_characters_that_show_nothing_in_a_one_line_field(value: str, named: str) -> None:
    # A name made of these looks blank, or exactly like another mentor's name.
    fields, problems = reader(f'name: "{value}"\n')
    assert fields.text("name") is None
    assert said(problems) == [(2, "name", f"contains an invisible or control character ({named})",
                               "delete it; retype the value if you cannot see where it is")]


@pytest.mark.parametrize("written", ['"123"', '"..."', '"\U0001F49C"', '"- - -"', '"\u02bb\u02bb"'])
def test_text_that_needs_a_letter_refuses_a_value_without_one(written: str) -> None:
    fields, problems = reader(f"name: {written}\n")
    assert fields.text("name", example="Dr Jane Doe", needs_letter=True) is None
    value = fields.mapping.get("name").value.text
    assert said(problems) == [(2, "name", f'"{value}" has no letters', "write it in letters, like `name: Dr Jane Doe`")]


@pytest.mark.parametrize("value", ["Dr \u738b\u4f1f", "Zo\u00eb", "J", "Dr Jane Doe \U0001F49C"])
def test_text_that_needs_a_letter_accepts_any_script(value: str) -> None:
    fields, problems = reader(f'name: "{value}"\n')
    assert (fields.text("name", needs_letter=True), problems) == (value, [])


def test_text_refuses_a_joiner_between_letters() -> None:
    fields, problems = reader('name: "Ja\u200dne"\n')
    assert fields.text("name") is None
    assert said(problems)[0][2] == "contains an invisible or control character (U+200D ZERO WIDTH JOINER)"


def test_text_refuses_text_over_the_maximum_length() -> None:
    fields, problems = reader("name: " + "a" * 121 + "\n")
    assert fields.text("name", max_length=120) is None
    assert said(problems) == [(2, "name", "is 121 characters long, more than 120", "shorten it")]


def test_text_accepts_text_at_the_maximum_length() -> None:
    fields, problems = reader("name: " + "a" * 120 + "\n")
    assert (fields.text("name", max_length=120), problems) == ("a" * 120, [])


def test_text_counts_characters_not_bytes() -> None:
    fields, problems = reader("name: " + "\u00e9" * 10 + "\n")
    assert (fields.text("name", max_length=10), problems) == ("\u00e9" * 10, [])


def test_text_refuses_a_second_line_in_a_single_line_field() -> None:
    fields, problems = reader("style: |\n  one\n  two\n")
    assert fields.text("style") is None
    assert said(problems) == [(2, "style", "should be on one line", "join the lines into one")]


def test_text_keeps_lines_when_several_are_allowed() -> None:
    fields, problems = reader("style: |\n  one\n  two\n")
    assert (fields.text("style", single_line=False), problems) == ("one\ntwo", [])


# --- texts --------------------------------------------------------------------------------------

def test_texts_takes_a_single_value_as_a_list_of_one() -> None:
    fields, problems = reader("specialty: Anaesthetics\n")
    assert (fields.texts("specialty"), problems) == (("Anaesthetics",), [])


def test_texts_keeps_a_list_in_the_order_written() -> None:
    fields, problems = reader("specialty: [Paediatrics, Anaesthetics]\n")
    assert (fields.texts("specialty"), problems) == (("Paediatrics", "Anaesthetics"), [])


def test_texts_names_an_entry_that_yaml_reads_as_something_else() -> None:
    fields, problems = reader("region:\n  - Wessex\n  - NO\n")
    assert fields.texts("region") == ("Wessex",)
    assert said(problems) == [(2, "region", "an entry NO is read by YAML as a yes/no value, not as text",
                               'put it in quotes: `region: "NO"`')]


def test_texts_refuses_more_entries_than_allowed() -> None:
    fields, problems = reader("specialty: [a, b, c]\n")
    assert fields.texts("specialty", max_items=2) == ()
    assert said(problems) == [(2, "specialty", "has 3 entries, more than 2", "keep the most important ones")]


def test_texts_refuses_a_nested_list() -> None:
    fields, problems = reader("specialty: [[a, b]]\n")
    assert fields.texts("specialty", example="[Anaesthetics]") == ()
    assert said(problems) == [(2, "specialty", "should be a simple list of words",
                               "write it like `specialty: [Anaesthetics]`")]


# --- words --------------------------------------------------------------------------------------

MODES = ("face-to-face", "video", "phone", "messaging")


def test_words_suggests_the_allowed_word_that_was_meant() -> None:
    fields, problems = reader("working: [video, vidoe]\n")
    assert fields.words("working", allowed=MODES) == ("video",)
    assert said(problems) == [(2, "working", '"vidoe" is not one of the allowed words (did you mean "video"?)',
                               "use one of: face-to-face, video, phone, messaging")]


def test_words_reports_a_word_listed_twice() -> None:
    fields, problems = reader("working: [video, phone, video]\n")
    assert fields.words("working", allowed=MODES) == ("video", "phone")
    assert said(problems) == [(2, "working", '"video" is listed twice', "list it once")]


def test_words_suggests_the_hyphenated_form_of_free_words() -> None:
    fields, problems = reader("matching: [parent, Less Than Full Time]\n")
    assert fields.words("matching") == ("parent",)
    assert said(problems) == [(2, "matching", '"Less Than Full Time" is not a lower-case hyphenated word',
                               'write it like "less-than-full-time"')]


def test_words_accepts_lower_case_hyphenated_words() -> None:
    fields, problems = reader("matching: [parent, less-than-full-time, carer2]\n")
    assert (fields.words("matching"), problems) == (("parent", "less-than-full-time", "carer2"), [])


# --- choice -------------------------------------------------------------------------------------

GRADES = ("F1", "ST6", "Specialty doctor", "Consultant")


@pytest.mark.parametrize(("written", "canonical"), [("st6", "ST6"), ("CONSULTANT", "Consultant"),
                                                    ("specialty Doctor", "Specialty doctor")])
def test_choice_ignores_case_and_returns_the_canonical_spelling(written: str, canonical: str) -> None:
    fields, problems = reader(f"grade: {written}\n")
    assert (fields.choice("grade", GRADES), problems) == (canonical, [])


def test_choice_suggests_the_closest_option() -> None:
    fields, problems = reader("grade: Consultent\n")
    assert fields.choice("grade", GRADES) is None
    assert said(problems) == [(2, "grade", '"Consultent" is not one of the choices (did you mean "Consultant"?)',
                               "use one of: F1, ST6, Specialty doctor, Consultant")]


# --- whole_number -------------------------------------------------------------------------------

def test_whole_number_reads_a_number_in_range() -> None:
    fields, problems = reader("capacity: 3\n")
    assert (fields.whole_number("capacity", minimum=1, maximum=50), problems) == (3, [])


@pytest.mark.parametrize("written", ["true", "1.5", "-1", "two", '"3"', "0x1F"])
def test_whole_number_refuses_what_is_not_a_whole_number(written: str) -> None:
    fields, problems = reader(f"capacity: {written}\n")
    assert fields.whole_number("capacity", example="2") is None
    shown = written.strip('"')
    assert said(problems) == [(2, "capacity", f'"{shown}" is not a whole number',
                               "write a number like `capacity: 2`")]


@pytest.mark.parametrize("written", ["0", "51"])
def test_whole_number_refuses_a_number_out_of_range(written: str) -> None:
    fields, problems = reader(f"capacity: {written}\n")
    assert fields.whole_number("capacity", minimum=1, maximum=50) is None
    assert said(problems) == [(2, "capacity", f"is {written}, but must be between 1 and 50",
                               "write a number from 1 to 50")]


# --- date ---------------------------------------------------------------------------------------

def test_date_reads_an_iso_date() -> None:
    fields, problems = reader("updated: 2026-10-01\n")
    assert (fields.date("updated"), problems) == (dt.date(2026, 10, 1), [])


def test_date_refuses_a_day_that_does_not_exist() -> None:
    fields, problems = reader("updated: 2025-02-30\n")
    assert fields.date("updated") is None
    assert said(problems) == [(2, "updated", "2025-02-30 is not a real date", "check the day and the month")]


def test_date_refuses_a_date_written_in_words() -> None:
    fields, problems = reader("updated: 1 March 2026\n")
    assert fields.date("updated", example="2026-10-01") is None
    assert said(problems) == [(2, "updated", '"1 March 2026" is not a date in the form YYYY-MM-DD',
                               "write it like `updated: 2026-10-01`")]


# --- flag ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "value"), [("true", True), ("false", False), ("False", False)])
def test_flag_reads_true_and_false(written: str, value: bool) -> None:
    fields, problems = reader(f"indexing: {written}\n")
    assert (fields.flag("indexing"), problems) == (value, [])


@pytest.mark.parametrize("written", ["yes", "off", '"true"', "1"])
def test_flag_refuses_anything_but_true_or_false(written: str) -> None:
    fields, problems = reader(f"indexing: {written}\n")
    assert fields.flag("indexing") is None
    shown = written.strip('"')
    assert said(problems) == [(2, "indexing", f'"{shown}" is not true or false',
                               "write `indexing: true` or `indexing: false`")]


# --- email --------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["a?bcc=x@example.org", "a b@x.org", "jane@", "jane.example.org",
                                     "jane@example.org&cc=x@example.org"])
def test_email_refuses_what_could_add_a_recipient_or_is_not_an_address(written: str) -> None:
    fields, problems = reader(f'email: "{written}"\n')
    assert fields.email("email") is None
    assert said(problems) == [(2, "email", f'"{written}" is not an e-mail address',
                               "write it like `jane.doe@example.org`")]


def test_email_accepts_a_tagged_nhs_address() -> None:
    fields, problems = reader("email: jane.doe+tag@example.nhs.uk\n")
    assert (fields.email("email"), problems) == ("jane.doe+tag@example.nhs.uk", [])


# --- phone --------------------------------------------------------------------------------------

def test_phone_refuses_an_unquoted_international_number() -> None:
    fields, problems = reader("phone: +447700900123\n")
    assert fields.phone("phone") is None
    assert said(problems) == [(2, "phone",
                               "+447700900123 is read by YAML as a number, so a leading 0 or + would be lost",
                               'put it in quotes: `phone: "+447700900123"`')]


@pytest.mark.parametrize("written", ['"07700 900123"', '"+44 7700 900123"', "07700 900123", '"01632 960-001"'])
def test_phone_accepts_a_number_as_text(written: str) -> None:
    fields, problems = reader(f"phone: {written}\n")
    assert (fields.phone("phone"), problems) == (written.strip('"'), [])


def test_phone_accepts_an_area_code_in_brackets() -> None:
    fields, problems = reader('phone: "(01632) 960001"\n')
    assert (fields.phone("phone"), problems) == ("(01632) 960001", [])


@pytest.mark.parametrize(("phone", "uri"), [
    ("+44 (0)7700 900123", "tel:+447700900123"),
    ("+44(0)20 7946 0000", "tel:+442079460000"),
    ("+353 ( 0 ) 1 234 5678", "tel:+35312345678"),
    ("+44 7700 900123", "tel:+447700900123"),
    ("07700 900123", "tel:+447700900123"),
    ("(01632) 960-001", "tel:+441632960001"),
])
def test_tel_uri_dials_every_number_in_e164_without_its_trunk_zero(phone: str, uri: str) -> None:
    # "+44 (0)7700 900123" dialled as +4407700900123 reaches the wrong number, or none.
    assert tel_uri(phone) == uri


def test_phone_refuses_words() -> None:
    fields, problems = reader("phone: call me\n")
    assert fields.phone("phone") is None
    assert said(problems) == [(2, "phone", '"call me" is not a telephone number',
                               'use digits, spaces and an optional leading +, like "07700 900123"')]


# --- https_url ----------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["http://example.org/book", "javascript:alert(1)",
                                     'https://x.org/"onmouseover=alert(1)', "https://x.org/a b",
                                     "https://user@evil.org/", "//example.org/book"])
def test_https_url_refuses_other_schemes_and_attribute_breakouts(written: str) -> None:
    fields, problems = reader(f"url: '{written}'\n")
    assert fields.https_url("url") is None
    assert said(problems) == [(2, "url", f'"{written}" is not a web address starting with https://',
                               "write the full address, like `https://example.org/book`")]


@pytest.mark.parametrize("written", ["https://example.org/book?x=1", "https://example.org",
                                     "https://calendly.com/jane-doe/30min#top", "https://example.org:8443/a"])
def test_https_url_accepts_an_https_address(written: str) -> None:
    fields, problems = reader(f"url: {written}\n")
    assert (fields.https_url("url"), problems) == (written, [])


# --- unknown fields and groups ------------------------------------------------------------------

def test_reject_unknown_suggests_the_field_that_was_meant() -> None:
    fields, problems = reader("name: Jane\ncapcity: 2\n")
    fields.reject_unknown(["name", "capacity", "mentees"])
    assert said(problems) == [(3, "capcity", 'is not a field we know (did you mean "capacity"?)',
                               "fix the spelling or remove the line; the fields are: name, capacity, mentees")]


def test_reject_unknown_gives_no_suggestion_when_nothing_is_close() -> None:
    fields, problems = reader("favourite_colour: blue\n")
    fields.reject_unknown(["name", "capacity"])
    assert [problem.message for problem in problems] == ["is not a field we know"]


def test_mapping_of_prefixes_the_names_of_nested_fields() -> None:
    fields, problems = reader("name: Jane\ncontact:\n  preferred: email\n  email: nope\n  fax: 0\n")
    contact = fields.mapping_of("contact")
    assert contact is not None
    assert contact.email("email") is None
    contact.reject_unknown(["preferred", "email"])
    assert said(problems) == [
        (5, "contact.email", '"nope" is not an e-mail address', "write it like `jane.doe@example.org`"),
        (6, "contact.fax", "is not a field we know", "fix the spelling or remove the line; the fields are: preferred, email"),
    ]


def test_mapping_of_refuses_a_value_that_is_not_a_group() -> None:
    fields, problems = reader("contact: jane@example.org\n")
    assert fields.mapping_of("contact", example="`contact:` with `email:` indented under it") is None
    assert said(problems) == [(2, "contact", "should be a group of indented fields",
                               "write `contact:` with `email:` indented under it")]


def test_mapping_of_reports_a_missing_required_group() -> None:
    fields, problems = reader("name: Jane\n")
    assert fields.mapping_of("contact", required=True, example="`contact:` with `email:` indented under it") is None
    assert said(problems) == [(2, "contact", "is missing", "add `contact:` with `email:` indented under it")]


def test_report_without_a_key_names_the_group() -> None:
    fields, problems = reader("contact:\n  preferred: email\n")
    contact = fields.mapping_of("contact")
    assert contact is not None
    contact.report(None, "gives no way to get in touch", "add an email")
    assert said(problems) == [(3, "contact", "gives no way to get in touch", "add an email")]
