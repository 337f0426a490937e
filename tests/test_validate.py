"""Validation rules, one inline mini-site each, asserting the exact message a mentor reads."""

from __future__ import annotations

import pytest

from conftest import TODAY, bio_text, options_for
from mentordir.build import generate_site
from mentordir.model.problems import ContentError

BIO = "content/mentors/jane-doe.md"


def messages_for(make_site, files: dict[str, str | bytes | None]) -> list[str]:
    """The messages `check` prints for a mini-site (empty when it is clean)."""
    root = make_site(files)
    try:
        site = generate_site(options_for(root))
    except ContentError as error:
        return [problem.as_text() for problem in error.problems]
    return [problem.as_text() for problem in site.warnings]


def test_a_valid_bio_has_no_problems(make_site):
    assert messages_for(make_site, {BIO: bio_text()}) == []


@pytest.mark.parametrize("changes, expected", [
    ({"name": None},
     "content/mentors/jane-doe.md:2: name: is missing - add a line like `name: Dr Jane Doe`"),
    ({"grade": "ST9"},
     'content/mentors/jane-doe.md:4: grade: "ST9" is not a grade on this site\'s ladder (did you mean "ST8"?) - '
     "use one of: F1, F2, CT1, CT2, CT3, ST1, ST2, ST3, ST4, ST5, ST6, ST7, ST8, SAS, Specialty doctor, GP, Consultant"),
    ({"region": "NO"},
     'content/mentors/jane-doe.md:6: region: NO is read by YAML as a yes/no value, not as text - '
     'put it in quotes: `region: "NO"`'),
    ({"region": "2024-01-05"},
     'content/mentors/jane-doe.md:6: region: 2024-01-05 is read by YAML as a date, not as text - '
     'put it in quotes: `region: "2024-01-05"`'),
    ({"style": "1:1"},
     'content/mentors/jane-doe.md:8: style: 1:1 is read by YAML as a number, not as text - '
     'put it in quotes: `style: "1:1"`'),
    ({"style": "One. Two. Three. Four."},
     "content/mentors/jane-doe.md:8: style: has 4 sentences - keep it to 1-3 sentences; say more in the bio below"),
    ({"schemes": "[returnees]"},
     'content/mentors/jane-doe.md:7: schemes: "returnees" is not a scheme on this site (did you mean "returners"?) - '
     "use one of: returners (the schemes in content/schemes/)"),
    ({"working": "[face-to-face, zoom]"},
     'content/mentors/jane-doe.md:9: working: "zoom" is not a way of meeting we list - '
     "use one of: face-to-face, video, phone, messaging"),
    ({"capacity": "0"},
     "content/mentors/jane-doe.md:10: capacity: is 0, but must be between 1 and 50 - write a number from 1 to 50"),
    ({"capacity": "two"},
     'content/mentors/jane-doe.md:10: capacity: "two" is not a whole number - write a number like `capacity: 2`'),
    ({"capacity": "true"},
     'content/mentors/jane-doe.md:10: capacity: "true" is not a whole number - write a number like `capacity: 2`'),
    ({"mentees": "3"},
     "content/mentors/jane-doe.md:11: mentees: is 3, more than capacity (2) - "
     "mentees counts your current mentees, from 0 up to your capacity"),
    ({"updated": "2025-02-30"},
     "content/mentors/jane-doe.md:15: updated: 2025-02-30 is not a real date - check the day and the month"),
    ({"full_until": "March 2027"},
     'content/mentors/jane-doe.md:16: full_until: "March 2027" is not a date in the form YYYY-MM-DD - '
     "write it like `full_until: 2027-03-01`"),
    ({"capcity": "2"},
     'content/mentors/jane-doe.md:16: capcity: is not a field we know (did you mean "capacity"?) - fix the spelling '
     "or remove the line; the fields are: name, pronouns, photo, grade, specialty, region, organisation, schemes, "
     "style, working, capacity, mentees, full_until, contact, matching, updated, photo_focus, away_until"),
    ({"photo": "jane-doe.jpg"},
     'content/mentors/jane-doe.md:16: photo: "jane-doe.jpg" is not in content/mentors/ - '
     "upload the photo beside your bio with exactly this name, or remove the photo line"),
    ({"photo": "https://example.org/me.jpg"},
     'content/mentors/jane-doe.md:16: photo: "https://example.org/me.jpg" is not the name of a photo file beside the '
     "bio - write just the file name, in lower case, like `photo: jane-doe.jpg` (no folders or web addresses)"),
    ({"photo": "../../secrets.png"},
     'content/mentors/jane-doe.md:16: photo: "../../secrets.png" is not the name of a photo file beside the '
     "bio - write just the file name, in lower case, like `photo: jane-doe.jpg` (no folders or web addresses)"),
    ({"matching": "[Parent]"},
     'content/mentors/jane-doe.md:16: matching: "Parent" is not a lower-case hyphenated word - write it like "parent"'),
    ({"contact": "\n  preferred: phone\n  email: jane.doe@example.org"},
     "content/mentors/jane-doe.md:13: contact.preferred: is phone, but no phone is given - "
     "add `phone:` under contact, or choose a way you did give"),
    ({"contact": "\n  preferred: email\n  email: jane.doe@example.org\n  phone: +447700900123"},
     "content/mentors/jane-doe.md:15: contact.phone: +447700900123 is read by YAML as a number, so a leading 0 or + "
     'would be lost - put it in quotes: `phone: "+447700900123"`'),
    ({"contact": "\n  preferred: url\n  url: javascript:alert(1)"},
     'content/mentors/jane-doe.md:14: contact.url: "javascript:alert(1)" is not a web address starting with https:// - '
     "write the full address, like `https://example.org/book`"),
    ({"contact": "\n  preferred: email\n  email: jane?bcc=all@example.org"},
     'content/mentors/jane-doe.md:14: contact.email: "jane?bcc=all@example.org" is not an e-mail address - '
     "write it like `jane.doe@example.org`"),
    ({"contact": None},
     "content/mentors/jane-doe.md:2: contact: is missing - add `contact:` with indented lines under it, "
     "like `preferred: email` and `email: jane.doe@example.org`"),
])
def test_reports_each_rule_with_file_line_field_and_fix(make_site, changes, expected):
    assert messages_for(make_site, {BIO: bio_text(changes)}) == [expected]


def test_reports_a_duplicate_field_with_both_lines(make_site):
    text = bio_text(extra=["grade: ST7"])
    assert messages_for(make_site, {BIO: text}) == [
        "content/mentors/jane-doe.md:16: grade: the field appears twice (first on line 4) - "
        "keep one of them and delete the other"]


def test_reports_an_empty_bio_body(make_site):
    assert messages_for(make_site, {BIO: bio_text(body="\n")}) == [
        "content/mentors/jane-doe.md:17: bio: the bio text below the front matter is empty - "
        "write a few paragraphs: who you are, why you mentor, how you like to work"]


def test_team_contact_needs_a_team_in_site_settings(make_site):
    text = bio_text({"contact": "\n  preferred: team"})
    assert messages_for(make_site, {BIO: text, "content/site.yaml": "title: No team here\n"}) == [
        "content/mentors/jane-doe.md:13: contact.preferred: is team, but content/site.yaml names no scheme team - "
        "choose email, phone or url, or ask the scheme team to add `team:` to site.yaml"]


def test_team_contact_is_valid_when_the_site_names_a_team(make_site):
    assert messages_for(make_site, {BIO: bio_text({"contact": "\n  preferred: team"})}) == []


def test_matching_words_must_come_from_the_sites_list_when_it_has_one(make_site):
    site_yaml = "team:\n  name: T\n  email: t@example.org\nmatching: [parent, carer]\n"
    text = bio_text({"matching": "[parnet]"})
    assert messages_for(make_site, {BIO: text, "content/site.yaml": site_yaml}) == [
        'content/mentors/jane-doe.md:16: matching: "parnet" is not one of the site\'s matching words '
        '(did you mean "parent"?) - use one of: parent, carer (set by `matching` in content/site.yaml:4)']


def test_grades_match_the_ladder_without_regard_to_case(make_site):
    root = make_site({BIO: bio_text({"grade": "st6"})})
    site = generate_site(options_for(root))
    assert site.mentors == 1


def test_reports_every_problem_in_every_file_at_once(make_site):
    messages = messages_for(make_site, {
        BIO: bio_text({"grade": "ST9", "capacity": "0"}),
        "content/mentors/john-smith.md": bio_text({"name": None}),
    })
    assert [message.split(":")[0] + ":" + message.split(":")[1] for message in messages] == [
        "content/mentors/jane-doe.md:4", "content/mentors/jane-doe.md:10", "content/mentors/john-smith.md:2"]


def test_reports_a_scheme_without_a_title(make_site):
    assert messages_for(make_site, {"content/schemes/returners.md": "---\nsummary: x\n---\nBody\n"}) == [
        "content/schemes/returners.md:2: title: is missing - add a line like `title: Returning to Training Mentoring`"]


def test_reports_a_handbook_page_with_an_unknown_field(make_site):
    messages = messages_for(make_site, {
        "content/schemes/returners.md": None,
        "content/schemes/returners/index.md": "---\ntitle: Returners\n---\nFirst page\n",
        "content/schemes/returners/pairing.md": "---\ntitle: Pairing\nordr: 1\n---\nHow pairing works\n",
    })
    assert messages == [
        'content/schemes/returners/pairing.md:3: ordr: is not a field we know (did you mean "order"?) - '
        "fix the spelling or remove the line; the fields are: title, order"]


def test_handbook_pages_follow_their_order_after_the_first_page(make_site):
    root = make_site({
        "content/schemes/returners.md": None,
        "content/schemes/returners/index.md": "---\ntitle: Returners\n---\nFirst\n",
        "content/schemes/returners/zeta.md": "---\ntitle: Zeta\norder: 1\n---\nZ\n",
        "content/schemes/returners/alpha.md": "---\ntitle: Alpha\norder: 2\n---\nA\n",
    })
    from mentordir.content.config import load_config
    from mentordir.content.load import load_sources
    from mentordir.content.validate import validate_content
    config, _ = load_config(root)
    sources, _ = load_sources(root)
    content, problems = validate_content(sources, config, TODAY)
    assert problems == []
    assert [page.title for page in content.schemes[0].pages] == ["Returners", "Zeta", "Alpha"]


def test_an_updated_date_in_the_future_is_a_warning_and_the_mentor_is_still_listed(make_site):
    root = make_site({BIO: bio_text({"updated": "2027-01-01"})})
    site = generate_site(options_for(root))
    assert site.mentors == 1
    assert [problem.as_text() for problem in site.warnings] == [
        "content/mentors/jane-doe.md:15: warning: updated: 2027-01-01 is in the future - "
        "write the date you last reviewed the bio"]


def test_a_photo_no_bio_uses_is_a_warning(make_site):
    root = make_site({BIO: bio_text(), "content/mentors/img-1234.jpg": b"not even an image"})
    site = generate_site(options_for(root))
    assert [problem.as_text() for problem in site.warnings] == [
        "content/mentors/img-1234.jpg: warning: is not the photo of any bio - "
        "name it in a bio as `photo: img-1234.jpg`, or remove the file"]


def test_a_broken_scheme_is_reported_once_not_again_on_every_bio_that_lists_it(make_site):
    messages = messages_for(make_site, {BIO: bio_text(), "content/schemes/returners.md": "---\nsummary: x\n---\nB\n"})
    assert messages == [
        "content/schemes/returners.md:2: title: is missing - add a line like `title: Returning to Training Mentoring`"]
