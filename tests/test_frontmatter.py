"""Tests for generator/content/frontmatter.py: bytes in, a typed YAML tree and a Markdown body out."""

from __future__ import annotations

import pytest

from mentordir.content.frontmatter import (
    MAX_FILE_BYTES,
    Document,
    Entry,
    Mapping,
    Scalar,
    Sequence,
    parse_document,
    parse_front_matter,
)
from mentordir.content.fields import FieldReader
from mentordir.model.problems import Problem

SAVE_AS_UTF8 = "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)"


def parsed(data: bytes) -> Document:
    """The document from bytes that must parse cleanly."""
    document, problems = parse_document(data, "content/mentors/jane-doe.md")
    assert problems == []
    assert document is not None
    return document


def refused(data: bytes) -> list[Problem]:
    """The problems from bytes that must not parse."""
    document, problems = parse_document(data, "content/mentors/jane-doe.md")
    assert document is None
    assert problems
    return problems


def only(problems: list[Problem]) -> Problem:
    """The single problem in a list."""
    assert len(problems) == 1, problems
    return problems[0]


def value_of(front: Mapping, key: str) -> Scalar:
    """A scalar field of the front matter."""
    entry = front.get(key)
    assert entry is not None
    assert isinstance(entry.value, Scalar)
    return entry.value


# --- a valid document ---------------------------------------------------------------------------

VALID = (
    b"---\n"                       # 1
    b"name: Dr Jane Doe\n"         # 2
    b"schemes:\n"                  # 3
    b"  - returners\n"             # 4
    b"  - less-than-full-time\n"   # 5
    b"contact:\n"                  # 6
    b"  email: jane@example.org\n"  # 7
    b"---\n"                       # 8
    b"I came back from leave.\n"   # 9
)


def test_builds_the_tree_of_a_valid_document_with_file_lines() -> None:
    document = parsed(VALID)
    assert document == Document(
        file="content/mentors/jane-doe.md",
        front=Mapping(entries=(
            Entry("name", 2, Scalar("Dr Jane Doe", "str", False, 2)),
            Entry("schemes", 3, Sequence((Scalar("returners", "str", False, 4),
                                          Scalar("less-than-full-time", "str", False, 5)), line=4)),
            Entry("contact", 6, Mapping((Entry("email", 7, Scalar("jane@example.org", "str", False, 7)),), line=7)),
        ), line=2),
        body="I came back from leave.\n",
        body_line=9,
    )


def test_mapping_get_returns_none_for_an_absent_field() -> None:
    assert parsed(VALID).front.get("pronouns") is None


@pytest.mark.parametrize(("written", "kind"), [
    ("NO", "bool"),
    ("yes", "bool"),
    ("1:1", "int"),
    ("+447700900123", "int"),
    ("2024-01-05", "timestamp"),
    ("1.5", "float"),
    ("~", "null"),
    ("Wessex", "str"),
])
def test_keeps_a_plain_value_as_written_with_the_kind_yaml_would_give_it(written: str, kind: str) -> None:
    front = parsed(f"---\nname: x\nvalue: {written}\n---\n".encode())
    assert value_of(front.front, "value") == Scalar(text=written, kind=kind, quoted=False, line=3)


@pytest.mark.parametrize("written", ['"NO"', "'NO'"])
def test_marks_a_quoted_value_as_quoted_text(written: str) -> None:
    front = parsed(f"---\nregion: {written}\n---\n".encode())
    assert value_of(front.front, "region") == Scalar(text="NO", kind="str", quoted=True, line=2)


def test_marks_a_block_value_as_quoted_text() -> None:
    front = parsed(b"---\nstyle: |\n  yes\n---\n")
    assert value_of(front.front, "style") == Scalar(text="yes", kind="str", quoted=True, line=2)


def test_gives_the_body_and_the_line_it_starts_on() -> None:
    document = parsed(b"---\nname: x\n---\nFirst line.\n\nSecond paragraph.\n")
    assert (document.body, document.body_line) == ("First line.\n\nSecond paragraph.\n", 4)


def test_empty_front_matter_gives_an_empty_mapping() -> None:
    document = parsed(b"---\n---\nBody")
    assert (document.front, document.body, document.body_line) == (Mapping(entries=(), line=2), "Body", 3)


def test_front_matter_of_only_a_comment_gives_an_empty_mapping() -> None:
    assert parsed(b"---\n# nothing yet\n---\n").front == Mapping(entries=(), line=2)


# --- encodings and line ends --------------------------------------------------------------------

def test_tolerates_a_utf8_byte_order_mark() -> None:
    document = parsed(b"\xef\xbb\xbf---\nname: Jane\n---\nBody\n")
    assert value_of(document.front, "name").text == "Jane"
    assert document.body == "Body\n"


def test_normalises_windows_line_ends() -> None:
    document = parsed(b"---\r\nname: Jane\r\nregion: Wessex\r\n---\r\nOne\r\nTwo\r\n")
    assert value_of(document.front, "region") == Scalar("Wessex", "str", False, 3)
    assert (document.body, document.body_line) == ("One\nTwo\n", 5)


def test_normalises_old_mac_line_ends() -> None:
    document = parsed(b"---\rname: Jane\rregion: Wessex\r---\rOne\rTwo")
    assert value_of(document.front, "region").line == 3
    assert (document.body, document.body_line) == ("One\nTwo", 5)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_refuses_utf16_with_the_fix(encoding: str) -> None:
    data = "---\nname: Jane\n---\nBody\n".encode(encoding)
    assert only(refused(data)) == Problem("content/mentors/jane-doe.md", 1, None,
                                          "the file is saved as UTF-16, not UTF-8", SAVE_AS_UTF8)


def test_refuses_a_latin1_byte_naming_its_offset_and_line() -> None:
    data = b"---\nname: Jane\nregion: Caf\xe9\n---\n"
    assert only(refused(data)) == Problem(
        "content/mentors/jane-doe.md", 3, None,
        "byte 26 (0xe9) is not valid UTF-8; the file was probably saved as Latin-1 or Windows-1252",
        SAVE_AS_UTF8)


def test_names_the_line_of_a_latin1_byte_in_a_file_with_old_mac_line_ends() -> None:
    data = b"---\rname: Jane\rregion: Caf\xe9\r---\r"
    assert only(refused(data)).line == 3


def test_normalises_decomposed_text_to_composed_form() -> None:
    # The body here; a field value as the field reader reads it (YAML itself sees the text as written).
    document = parsed("---\nname: Zoe\u0308\n---\nCafe\u0301\n".encode())
    assert FieldReader("content/mentors/jane-doe.md", document.front, []).text("name") == "Zo\u00eb"
    assert document.body == "Caf\u00e9\n"


def test_a_yaml_escape_followed_by_a_combining_mark_keeps_its_last_digit() -> None:
    # NFC over the whole file would make "A" + U+0300 into "À" and leave the escape a digit short.
    document = parsed('---\nname: "\\U000261EA\u0300"\n---\n'.encode())
    assert value_of(document.front, "name").text == "\U000261EA\u0300"


@pytest.mark.parametrize(("data", "byte", "line"), [
    (b"---\nname: Jane\x00\n---\n", 14, 2),
    (b"\x00---\nname: Jane\n---\n", 0, 1),
    (b"---\r\nname: Jane\r\n---\r\nBody\x00\r\n", 26, 4),
])
def test_refuses_a_nul_byte_as_what_it_is_naming_its_offset_and_line(data: bytes, byte: int, line: int) -> None:
    assert only(refused(data)) == Problem("content/mentors/jane-doe.md", line, None,
                                          f"byte {byte} is a NUL character, which text files never contain",
                                          "save the file again as plain text (UTF-8)")


def test_refuses_utf16_without_a_mark_even_with_letters_that_have_no_zero_byte() -> None:
    data = "---\nname: Dr 王伟\n---\nBody\n".encode("utf-16-le")
    assert only(refused(data)).message == "the file is saved as UTF-16, not UTF-8"


# --- the two --- lines --------------------------------------------------------------------------

def test_refuses_a_file_without_the_opening_line() -> None:
    assert only(refused(b"name: Jane\n---\nBody\n")) == Problem(
        "content/mentors/jane-doe.md", 1, None, "the file does not start with front matter",
        "put a line with just --- first, then the fields, then another line with just ---")


def test_refuses_a_file_without_the_closing_line() -> None:
    assert only(refused(b"---\nname: Jane\nBody\n")) == Problem(
        "content/mentors/jane-doe.md", 1, None, "the front matter has no closing ---",
        "add a line with just --- after the last field, before the text of the page")


# --- sizes --------------------------------------------------------------------------------------

def test_refuses_a_file_over_100000_bytes() -> None:
    data = b"---\nname: Jane\n---\n" + b"x" * (MAX_FILE_BYTES - 18)
    assert len(data) == 100_001
    assert only(refused(data)) == Problem("content/mentors/jane-doe.md", None, None,
                                          "the file is 100,001 bytes, more than the 100,000 allowed",
                                          "shorten the text; a bio needs only a few paragraphs")


def test_accepts_a_file_of_exactly_100000_bytes() -> None:
    data = b"---\nname: Jane\n---\n" + b"x" * (MAX_FILE_BYTES - 19)
    assert len(parsed(data).body) == MAX_FILE_BYTES - 19


def test_refuses_front_matter_over_16000_characters() -> None:
    front = "style: " + "a" * 15_994  # 16,001 characters
    assert only(refused(f"---\n{front}\n---\n".encode())) == Problem(
        "content/mentors/jane-doe.md", 2, None, "the front matter is 16,001 characters, more than 16,000",
        "keep the fields short and put longer text in the body below the second ---")


# --- YAML syntax --------------------------------------------------------------------------------

def test_reports_a_yaml_syntax_error_on_its_line() -> None:
    problem = only(refused(b"---\nname: Jane\nschemes: [returners\nregion: Wessex\n---\n"))
    assert (problem.line, problem.field) == (4, None)
    assert problem.message.startswith("the front matter cannot be read: ")
    assert problem.fix == ("check this line: a value that contains ': ' or starts with a quote, [ or { "
                           "must be in quotes")


def test_suggests_spaces_when_a_tab_breaks_a_value() -> None:
    problem = only(refused(b"---\ncontact:\n  email: a@example.org\n\tphone: '0123'\n---\n"))
    assert (problem.line, problem.fix) == (4, "indent with spaces, not tabs")


def test_suggests_spaces_when_a_tab_indents_a_field() -> None:
    problem = only(refused(b"---\nname: Jane\ncontact:\n\temail: a@example.org\n---\n"))
    assert (problem.line, problem.fix) == (4, "indent with spaces, not tabs")


# --- what front matter never needs --------------------------------------------------------------

def test_refuses_anchors_and_aliases_each_on_its_line() -> None:
    problems = refused(b"---\nname: &who Jane\nregion: Wessex\npronouns: *who\n---\n")
    assert problems == [
        Problem("content/mentors/jane-doe.md", 2, None, "YAML anchors (&who) are not allowed",
                "remove the &name and write values out in full"),
        Problem("content/mentors/jane-doe.md", 4, None, "YAML aliases (*who) are not allowed",
                "write the value out in full"),
    ]


def test_refuses_an_explicit_python_tag_on_its_line() -> None:
    problems = refused(b"---\nname: Jane\nregion: !!python/object/apply:os.system ['echo hacked']\n---\n")
    assert only(problems) == Problem(
        "content/mentors/jane-doe.md", 3, None,
        "YAML tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed",
        "remove the tag; put the value in quotes if it is text")


def test_refuses_a_str_tag_too() -> None:
    problem = only(refused(b"---\nregion: !!str NO\n---\n"))
    assert (problem.line, problem.message) == (2, "YAML tags (tag:yaml.org,2002:str) are not allowed")


def test_accepts_nesting_ten_levels_deep() -> None:
    # The front matter itself is the first level.
    assert parsed(b"---\na: " + b"[" * 9 + b"]" * 9 + b"\n---\n").front.get("a") is not None


def test_refuses_nesting_deeper_than_ten_levels() -> None:
    problems = refused(b"---\nname: Jane\na: " + b"[" * 10 + b"]" * 10 + b"\n---\n")
    assert only(problems) == Problem("content/mentors/jane-doe.md", 3, None,
                                     "the front matter is nested more than 10 levels deep",
                                     "use plain fields and short lists as in the template")


def test_five_thousand_open_brackets_give_a_problem_not_a_recursion_error() -> None:
    problem = only(refused(b"---\na: " + b"[" * 5000 + b"\n---\n"))
    assert (problem.line, problem.message) == (2, "the front matter is nested more than 10 levels deep")


def test_ten_closed_brackets_inside_the_front_matter_are_refused_on_their_line() -> None:
    problem = only(refused(b"---\nname: Jane\na: " + b"[" * 10 + b"1" + b"]" * 10 + b"\n---\n"))
    assert (problem.line, problem.message) == (3, "the front matter is nested more than 10 levels deep")


def test_ten_levels_counting_the_front_matter_itself_are_still_allowed() -> None:
    front, problems = parse_front_matter("a: " + "[" * 9 + "1" + "]" * 9, "x.md")
    assert problems == [] and front is not None


@pytest.mark.parametrize("line", [
    "style: I say [[[[[[[[[[[[[[ in plain text",
    "style: '[[[[[[[[[[[[[[ in single quotes'",
    'style: "[[[[[[[[[[[[[[ in double quotes"',
    "style: plain  # [[[[[[[[[[[[[[ in a comment",
    "style: |\n  [[[[[[[[[[[[[[ in a block scalar",
    "working: [video, \"[[[[[[[[[[[[[[ quoted in a list\"]",
])
def test_brackets_that_yaml_reads_as_text_do_not_count_as_nesting(line: str) -> None:
    front, problems = parse_front_matter(line, "x.md")
    assert problems == [] and front is not None


def test_reports_a_duplicate_field_with_both_lines() -> None:
    problems = refused(b"---\nname: Jane\nregion: Wessex\nname: John\n---\n")
    assert only(problems) == Problem("content/mentors/jane-doe.md", 4, "name",
                                     "the field appears twice (first on line 2)",
                                     "keep one of them and delete the other")


def test_refuses_front_matter_that_is_a_list() -> None:
    assert only(refused(b"---\n- name\n- Jane\n---\n")) == Problem(
        "content/mentors/jane-doe.md", 2, None, "the front matter is not a list of `field: value` lines",
        "write one field per line, like `name: Dr Jane Doe`")


def test_refuses_a_field_name_that_is_not_a_plain_word() -> None:
    problem = only(refused(b"---\n? [a, b]\n: c\n---\n"))
    assert (problem.line, problem.message) == (2, "a field name must be a plain word")


# --- site.yaml ----------------------------------------------------------------------------------

def test_counts_lines_from_one_when_the_yaml_starts_the_file() -> None:
    front, problems = parse_front_matter("title: Test\nteam:\n  name: The Team\n", "content/site.yaml", first_line=1)
    assert problems == []
    assert front == Mapping(entries=(
        Entry("title", 1, Scalar("Test", "str", False, 1)),
        Entry("team", 2, Mapping((Entry("name", 3, Scalar("The Team", "str", False, 3)),), line=3)),
    ), line=1)


def test_reports_a_duplicate_in_site_yaml_with_lines_counted_from_one() -> None:
    front, problems = parse_front_matter("title: A\ntitle: B\n", "content/site.yaml", first_line=1)
    assert front is None
    assert problems == [Problem("content/site.yaml", 2, "title", "the field appears twice (first on line 1)",
                                "keep one of them and delete the other")]
