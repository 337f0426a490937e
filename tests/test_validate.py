"""Validation rules, one inline mini-site each, asserting the exact message a mentor reads."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import THEME, TODAY, bio_text, options_for
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
     "use one of: F1, F2, CT1, ST1, CT2, ST2, CT3, ST3, ST4, ST5, ST6, ST7, ST8, SAS, Specialty doctor, GP, Consultant"),
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
     "style, working, capacity, mentees, full_until, contact, matching, updated, photo_focus, github, away_until"),
    ({"photo": "jane-doe.jpg"},
     'content/mentors/jane-doe.md:16: photo: "jane-doe.jpg" is not in content/mentors/ - '
     "upload the photo beside your bio with exactly this name, or remove the photo line"),
    ({"photo": "https://example.org/me.jpg"},
     'content/mentors/jane-doe.md:16: photo: "https://example.org/me.jpg" is not the name of a photo file beside the '
     "bio - write just the file name, like `photo: jane-doe.jpg` (no folders or web addresses); the name before "
     "the dot in lower-case letters, digits and hyphens"),
    ({"photo": "../../secrets.png"},
     'content/mentors/jane-doe.md:16: photo: "../../secrets.png" is not the name of a photo file beside the '
     "bio - write just the file name, like `photo: jane-doe.jpg` (no folders or web addresses); the name before "
     "the dot in lower-case letters, digits and hyphens"),
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


def test_a_grade_given_by_an_alias_is_accepted_and_shown_by_its_own_name(make_site, tmp_path):
    from mentordir.build import build
    root = make_site({BIO: bio_text({"grade": "FY2"})})
    build(options_for(root), tmp_path / "out")
    assert "<p class=\"card__role\">F2 · Anaesthetics</p>" in (tmp_path / "out" / "index.html").read_text()


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


def test_a_photo_no_bio_uses_is_an_error_as_the_mentor_thinks_it_is_shown(make_site):
    messages = messages_for(make_site, {BIO: bio_text(), "content/mentors/img-1234.jpg": b"not even an image"})
    assert messages == ["content/mentors/img-1234.jpg: is not the photo of any bio - "
                        "name it in a bio as `photo: img-1234.jpg`, or remove the file"]


def test_a_broken_scheme_is_reported_once_not_again_on_every_bio_that_lists_it(make_site):
    messages = messages_for(make_site, {BIO: bio_text(), "content/schemes/returners.md": "---\nsummary: x\n---\nB\n"})
    assert messages == [
        "content/schemes/returners.md:2: title: is missing - add a line like `title: Returning to Training Mentoring`"]


def portrait_bytes(extension: str) -> bytes:
    """An 800-pixel square photo, saved in the format its extension names (in any case)."""
    import io

    from PIL import Image
    formats = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
    buffer = io.BytesIO()
    Image.new("RGB", (800, 800), (180, 140, 120)).save(buffer, formats[extension.lower()])
    return buffer.getvalue()


# --- what a check lets through (issue 14): exact message, its line, and the exit status -----------

def check_run(make_site, files: dict[str, str | bytes | None], capsys, site_yaml: str | None = None) -> tuple[int, str]:
    """`mentordir check` on a mini-site: its exit status and what it printed about problems."""
    import datetime as dt
    import os

    from conftest import THEME
    from mentordir.cli import main
    if site_yaml is not None:
        files = {**files, "content/site.yaml": site_yaml}
    root = make_site(files)
    epoch = int(dt.datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=dt.timezone.utc).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        status = main(["check", "--root", str(root), "--theme", str(THEME)])
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    printed = capsys.readouterr().err
    return status, "".join(line for line in printed.splitlines(keepends=True) if not line.startswith("Photos: "))


@pytest.mark.parametrize(("changes", "expected"), [
    ({"region": "Null"}, 'content/mentors/jane-doe.md:6: region: is "Null", which YAML reads as no value - write the '
                         'value, or delete the line to leave it out; if you mean the word, put it in quotes: '
                         '`region: "Null"`'),
    ({"region": "~"}, 'content/mentors/jane-doe.md:6: region: is "~", which YAML reads as no value - write the '
                      'value, or delete the line to leave it out; if you mean the word, put it in quotes: '
                      '`region: "~"`'),
    ({"pronouns": "null"}, 'content/mentors/jane-doe.md:3: pronouns: is "null", which YAML reads as no value - '
                           'write the value, or delete the line to leave it out; if you mean the word, put it in '
                           'quotes: `pronouns: "null"`'),
    ({"region": ""}, "content/mentors/jane-doe.md:6: region: is empty - write the value, or delete the line to "
                     "leave it out"),
    ({"specialty": "General Practice, Medical Education"},
     'content/mentors/jane-doe.md:5: specialty: "General Practice, Medical Education" is several specialty names in '
     "one piece of text - write a list: [General Practice, Medical Education]"),
    ({"specialty": "Anaesthtics"},
     'content/mentors/jane-doe.md:5: specialty: "Anaesthtics" is not a specialty this site lists (did you mean '
     '"Anaesthetics"?) - write it as the site lists it, like `specialty: Anaesthetics`, or ask the scheme team to '
     "add it to `specialties` in content/site.yaml"),
    ({"region": "Wesex"},
     'content/mentors/jane-doe.md:6: region: "Wesex" is not a region this site lists (did you mean "Wessex"?) - '
     "write it as the site lists it, like `region: Wessex`, or ask the scheme team to add it to `regions` in "
     "content/site.yaml"),
    ({"specialty": "[Anaesthetics, anaesthesia]"},
     'content/mentors/jane-doe.md:5: specialty: "anaesthesia" is Anaesthetics, which is listed already - list it once'),
    ({"photo_focus": "middle"},
     'content/mentors/jane-doe.md:16: photo_focus: "middle" is not a place in the photo we know - use one of: top, '
     "upper, centre, center, lower, bottom"),
    ({"capacity": None, "capcity": "2"},
     'content/mentors/jane-doe.md:15: capcity: is not a field we know (did you mean "capacity"?) - fix the spelling '
     "or remove the line; the fields are: name, pronouns, photo, grade, specialty, region, organisation, schemes, "
     "style, working, capacity, mentees, full_until, contact, matching, updated, photo_focus, github, away_until"),
    ({"contact": "\n  preferred: email\n  email: jane..doe@example.org"},
     'content/mentors/jane-doe.md:14: contact.email: "jane..doe@example.org" is not an e-mail address - write it '
     "like `jane.doe@example.org`"),
    ({"contact": "\n  preferred: email\n  email: .jane@example.org"},
     'content/mentors/jane-doe.md:14: contact.email: ".jane@example.org" is not an e-mail address - write it '
     "like `jane.doe@example.org`"),
    ({"contact": "\n  preferred: email\n  email: jane.@example.org"},
     'content/mentors/jane-doe.md:14: contact.email: "jane.@example.org" is not an e-mail address - write it '
     "like `jane.doe@example.org`"),
    ({"contact": '\n  preferred: phone\n  phone: "0770 090 012"'},
     'content/mentors/jane-doe.md:14: contact.phone: "0770 090 012" is not a telephone number we can dial - check '
     'the digits: a UK number has 11 digits, like "07700 900123"; write a number from abroad with its country '
     'code, like "+353 1 234 5678"'),
    ({"contact": '\n  preferred: phone\n  phone: "07911 1234567"'},
     'content/mentors/jane-doe.md:14: contact.phone: "07911 1234567" is not a telephone number we can dial - check '
     'the digits: a UK number has 11 digits, like "07700 900123"; write a number from abroad with its country '
     'code, like "+353 1 234 5678"'),
    ({"github": '"@jane-doe"'},
     'content/mentors/jane-doe.md:16: github: "@jane-doe" is not a GitHub username - write just the username you '
     "sign in to GitHub with, like `jane-doe` (no @ or web address)"),
    ({"name": "Dr Your Name"},
     'content/mentors/jane-doe.md:2: name: still says "Dr Your Name", the example from the template - write your '
     "own name instead, or delete the line if it is optional"),
    ({"contact": '\n  preferred: email\n  email: jane.doe@example.org\n  phone: "07700 900000"'},
     'content/mentors/jane-doe.md:15: contact.phone: still says "07700 900000", the example from the template - '
     "write your own phone instead, or delete the line if it is optional"),
])
def test_check_refuses_what_used_to_slip_through_on_its_line(make_site, capsys, changes, expected):
    status, printed = check_run(make_site, {BIO: bio_text(changes)}, capsys)
    assert (status, printed.splitlines()[:-1]) == (1, [expected])


def test_a_misspelt_required_key_gives_one_message_not_two(make_site):
    messages = messages_for(make_site, {BIO: bio_text({"capacity": None, "capcity": "2"})})
    assert len(messages) == 1 and "capacity: is missing" not in messages[0]


def test_a_template_prompt_left_in_the_bio_is_an_error_on_its_line(make_site, capsys):
    body = "I am an anaesthetist.\n\nWhat draws you to mentoring? Was there someone who helped you, or a time?\n"
    status, printed = check_run(make_site, {BIO: bio_text(body=body)}, capsys)
    assert (status, printed.splitlines()[:-1]) == (1, [
        'content/mentors/jane-doe.md:19: bio: still holds the template\'s prompt "What draws you to mentoring? Was '
        'there someone who helped you ..." - replace the prompt with a few sentences of your own, in the first person'])


@pytest.mark.parametrize("written", ["anesthesiology", "Anaesthesia", "ANAESTHETICS", "anaesthetics"])
def test_any_alias_or_case_of_a_specialty_becomes_its_canonical_name(make_site, written):
    root = make_site({BIO: bio_text({"specialty": written, "region": "kss"})})
    site = generate_site(options_for(root))
    index = site.files["mentors/jane-doe/index.html"].decode()
    assert "Anaesthetics" in index and written not in index.replace("Anaesthetics", "")
    assert "Kent, Surrey and Sussex" in index


@pytest.mark.parametrize("extension", ["JPG", "JPEG", "PNG", "WEBP", "jpg"])
def test_a_photo_named_as_uploaded_in_any_case_is_accepted(make_site, capsys, extension):
    status, printed = check_run(make_site, {BIO: bio_text({"photo": f"jane-doe.{extension}"}),
                                            f"content/mentors/jane-doe.{extension}": portrait_bytes(extension)}, capsys)
    assert (status, printed) == (0, "")


def test_a_photo_line_in_another_case_than_the_file_names_the_file_as_it_is(make_site, capsys):
    status, printed = check_run(make_site, {BIO: bio_text({"photo": "jane-doe.jpg"}),
                                            "content/mentors/jane-doe.JPG": b"x"}, capsys)
    assert (status, printed.splitlines()[:-1]) == (1, [
        'content/mentors/jane-doe.md:16: photo: "jane-doe.jpg" is not in content/mentors/, but "jane-doe.JPG" is - '
        "write the name exactly as the file is: `photo: jane-doe.JPG`"])


@pytest.mark.parametrize("name", ["jane-doe.md.txt", "jane-doe.markdown", "jane-doe.MD", "jane-doe", "jane-doe.md ",
                                  "jane-doe.txt", "jane-doe.yaml", "_jane-doe.md", ".jane-doe.md"])
def test_a_bio_saved_under_another_name_fails_the_check_with_the_name_to_use(make_site, capsys, name):
    status, printed = check_run(make_site, {f"content/mentors/{name}": bio_text()}, capsys)
    assert (status, printed.splitlines()[:-1]) == (1, [
        f"content/mentors/{name}: the file name must be lower-case letters, digits and hyphens, ending in .md - "
        "rename it to jane-doe.md"])


def test_a_folder_where_site_yaml_should_be_fails_the_check(make_site, capsys):
    status, printed = check_run(make_site, {BIO: bio_text(), "content/site.yaml": None,
                                            "content/site.yaml/settings.yaml": "title: T\n"}, capsys)
    assert (status, printed.splitlines()[:-1]) == (1, [
        "content/site.yaml: is a folder, not the file of site settings - move the settings out of the folder into "
        "a file named content/site.yaml"])


def test_every_file_left_in_content_mentors_after_a_clean_check_is_published(make_site, capsys, tmp_path):
    from mentordir.build import build
    files = {BIO: bio_text({"photo": "jane-doe.JPG"}), "content/mentors/jane-doe.JPG": portrait_bytes("JPG"),
             "content/mentors/amir-ali.md": bio_text({"name": "Dr Amir Ali", "specialty": "Paeds"}),
             "content/mentors/_template.md": bio_text({"name": "Dr Your Name"})}
    status, printed = check_run(make_site, files, capsys)
    assert (status, printed) == (0, "")
    root = tmp_path / "site"
    build(options_for(root), tmp_path / "out")
    mentors = root / "content" / "mentors"
    for path in sorted(mentors.iterdir()):
        if path.name == "_template.md":
            continue
        if path.suffix == ".md":
            assert (tmp_path / "out" / "mentors" / path.stem / "index.html").is_file(), path.name
        else:  # a photo: some bio names it
            assert any(f"photo: {path.name}" in bio.read_text() for bio in mentors.glob("*.md")), path.name


def test_a_png_with_one_wrong_byte_is_called_damaged_naming_the_file(make_site, capsys):
    data = bytearray(portrait_bytes("PNG"))
    data[20] ^= 0xFF
    status, printed = check_run(make_site, {BIO: bio_text({"photo": "jane-doe.PNG"}),
                                            "content/mentors/jane-doe.PNG": bytes(data)}, capsys)
    assert (status, printed.splitlines()[:-1]) == (1, [
        "content/mentors/jane-doe.md:16: photo: jane-doe.PNG: the photo is damaged or cut short (often an upload "
        "that did not finish), so it cannot be read - export the photo again as a JPEG or PNG, under 20 MB, and "
        "upload it"])


def test_an_empty_list_says_none_and_is_not_an_error(make_site):
    assert messages_for(make_site, {BIO: bio_text({"working": "[]", "matching": "[]"})}) == []


# --- what an earlier build checked -----------------------------------------------------------------

ADDRESSES = "\n  preferred: email\n  email: jane.doe@example.org\n  phone: \"0770 090 012\""


def revalidated(root, earlier):
    """Content, problems as text and what to pass on, for the site at `root` after `earlier`."""
    from mentordir.build import read_content
    _, content, problems, checked = read_content(options_for(root), earlier)
    return content, [problem.as_text() for problem in problems], checked


@pytest.fixture
def address_checks(monkeypatch) -> list[str]:
    """The addresses email-validator and phonenumbers are asked about from now on."""
    from mentordir.content import addresses
    asked: list[str] = []
    real_email, real_phone = addresses.is_email, addresses.phone_number

    def email(text):
        asked.append(text)
        return real_email(text)

    def phone(text):
        asked.append(text)
        return real_phone(text)
    monkeypatch.setattr(addresses, "is_email", email)
    monkeypatch.setattr(addresses, "phone_number", phone)
    return asked


def test_an_unchanged_address_is_not_checked_again_and_its_problem_still_appears(make_site, address_checks):
    from mentordir.content.validate import CheckedContent
    root = make_site({BIO: bio_text({"contact": ADDRESSES})})
    _, first, checked = revalidated(root, CheckedContent())
    assert address_checks == ["team@example.org", "jane.doe@example.org", "0770 090 012"]
    (root / BIO).write_text(bio_text({"contact": ADDRESSES}, body="Edited below the contact.\n"))
    address_checks.clear()
    _, again, _ = revalidated(root, checked)
    assert address_checks == []
    assert again == first == [
        'content/mentors/jane-doe.md:15: contact.phone: "0770 090 012" is not a telephone number we can dial - '
        'check the digits: a UK number has 11 digits, like "07700 900123"; write a number from abroad with its '
        'country code, like "+353 1 234 5678"']


def test_an_edited_address_is_checked_and_the_result_equals_a_check_from_nothing(make_site, address_checks):
    from mentordir.content.validate import CheckedContent
    root = make_site({BIO: bio_text({"contact": ADDRESSES})})
    _, _, checked = revalidated(root, CheckedContent())
    (root / BIO).write_text(bio_text({"contact": ADDRESSES.replace("0770 090 012", "07700 900123")}))
    address_checks.clear()
    content, problems, _ = revalidated(root, checked)
    assert address_checks == ["07700 900123"]
    assert (content, problems) == revalidated(root, CheckedContent())[:2] == (content, [])
    assert content.mentors[0].contact.phone == "07700 900123"


def test_what_was_said_of_an_address_no_bio_gives_any_more_is_forgotten(make_site):
    from mentordir.content.validate import CheckedContent
    root = make_site({BIO: bio_text({"contact": ADDRESSES.replace("0770 090 012", "07700 900123")})})
    _, _, checked = revalidated(root, CheckedContent())
    assert (checked.addresses.emails, checked.addresses.phones) == (
        {"team@example.org": True, "jane.doe@example.org": True}, {"07700 900123": True})
    (root / BIO).write_text(bio_text({"contact": "\n  preferred: email\n  email: jane@example.org"}))
    _, _, checked = revalidated(root, checked)
    assert (checked.addresses.emails, checked.addresses.phones) == (
        {"team@example.org": True, "jane@example.org": True}, {})


def test_a_build_after_an_edit_that_leaves_the_contact_alone_does_not_load_email_validator(make_site, tmp_path):
    # (A profile that shows a telephone number still loads phonenumbers to render its `tel:` link.)
    root = make_site({BIO: bio_text()})
    out = tmp_path / "out"
    probe = ("import sys; from mentordir.cli import main; status = main(sys.argv[1:]); "
             "print('email_validator' in sys.modules)")
    command = [sys.executable, "-c", probe, "build", "--root", str(root), "--theme", str(THEME), "--out", str(out)]
    first = subprocess.run(command, capture_output=True, text=True, check=True)
    assert first.stdout.endswith("True\n")
    (root / BIO).write_text(bio_text(body="Edited below the contact.\n"))
    again = subprocess.run(command, capture_output=True, text=True, check=True)
    assert again.stdout.endswith("False\n")
    assert "Edited below the contact." in (out / "mentors/jane-doe/index.html").read_text()


def test_the_errors_and_warnings_of_bios_not_read_again_still_appear(make_site, monkeypatch):
    from mentordir.content import load, stamps
    from mentordir.content.validate import CheckedContent
    monkeypatch.setattr(stamps, "TICK_NS", 0)  # the files are older than the read that follows
    root = make_site({BIO: bio_text({"updated": "2025-01-01"}),
                      "content/mentors/john-smith.md": b"---\nname: Dr John Sm\xefth\n---\n",
                      "content/mentors/ann-lee.md": bio_text({"capacity": "many"})})
    _, first, checked = revalidated(root, CheckedContent())
    read_again: list[str] = []
    real = load.read_plain

    def counting(path, file, *rest):
        read_again.append(file)
        return real(path, file, *rest)
    monkeypatch.setattr(load, "read_plain", counting)
    _, again, _ = revalidated(root, checked)
    assert read_again == ["content/schemes/returners.md"]  # schemes are read every time
    assert again == first
    assert [message.split(" - ")[0] for message in first] == [
        'content/mentors/ann-lee.md:10: capacity: "many" is not a whole number',
        "content/mentors/jane-doe.md:15: warning: updated: 2025-01-01 is more than 12 months ago",
        "content/mentors/john-smith.md:2: byte 20 (0xef) is not valid UTF-8; the file was probably saved as Latin-1 "
        "or Windows-1252"]
