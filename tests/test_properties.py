"""Properties that must hold for any input: parsing, checking, sanitising, plain text and slugs.

Hypothesis runs with a fixed seed (`derandomize=True`, no example database), so CI sees the same
examples every time. MENTORDIR_EXAMPLES=10 (or 100, nightly) multiplies every property's examples;
the default keeps the whole file under half a minute on two cores.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import SCHEME, SITE_YAML, SUB_PATH_URL, TODAY, bio_text, options_for
from mentordir.build import generate_site
from mentordir.model.characters import looks_blank
from mentordir.content.frontmatter import Document, parse_document
from mentordir.content.load import SourceFile, Sources, load_sources
from mentordir.content.markup import MarkupError, render_markdown, sanitize_html
from mentordir.model.problems import ContentError, Problem, Severity, errors_in
from mentordir.content.scaffold import slug_for
from mentordir.content.validate import BIO_FIELDS, validate_content
from test_xss import CONFIG, HTML, RETURNERS, active_content, build_baseline, parse_page, text_of

SCALE = int(os.environ.get("MENTORDIR_EXAMPLES", "1"))
FIXED = dict(derandomize=True, database=None, deadline=None,
             suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FILE = "content/mentors/jane-doe.md"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the loader generator/content/frontmatter.py uses


def check_bio(data: bytes) -> tuple[tuple, list[Problem]]:
    """Validate one bio held in memory beside the returners scheme: (mentors, problems)."""
    source = SourceFile(path=Path(FILE), file=FILE, slug="jane-doe", data=data)
    content, problems = validate_content(Sources(mentors=(source,), photos={}, schemes=(RETURNERS,)), CONFIG, TODAY)
    return content.mentors, problems


# --- strategies -----------------------------------------------------------------------------------

# Values YAML 1.1 reads as something other than the text written, or that break its syntax
# (SECURITY.md 2.5), plus characters that must be refused or kept in one-line fields.
YAML_TRAPS = [
    "NO", "no", "Off", "yes", "on", "y", "true", "1:1", "12:30", "010", "0x1F", "0o17", "+447700900123",
    "07700900123", "2024-01-05", "2025-02-30", "2025-13-01", "1e3", "1.0e+3", "-.inf", ".inf", ".NaN", "~", "null",
    "", "''", '""', "&a x", "*a", "!!python/object/apply:os.system ['true']", "!!str 5", "!x y", "- x", "[a, b",
    "{a: 1", "a: b: c", "|", ">-", "# c", "%YAML 1.1", "@x", "`x", "\t", "---", "...", "? x", "<<: *a", "'it''s'",
    '"\\x00"', '"\\u202e"', '"\\u200b"', "e\u0301", "\u202e", "\u200b", "\ufeff", "\u0085", "\u2028", "x\ty", "💜",
]
TEXT = st.text(alphabet=st.characters(categories=["L", "M", "N", "P", "S", "Zs", "Cc", "Cf"]), max_size=40)
SCALAR = st.one_of(st.sampled_from(YAML_TRAPS), TEXT)
KEYS = st.one_of(st.sampled_from(list(BIO_FIELDS) + ["capcity", "Name", "contact", "preferred", "email", "url"]),
                 TEXT.filter(lambda key: key.strip() != ""))


def _tree():
    return st.recursive(SCALAR, lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.lists(st.tuples(KEYS, children), max_size=4)), max_leaves=12)


def render_yaml(node, indent: int = 0) -> str:
    """YAML-ish text from a tree: scalars written plain (no quotes), so YAML's typing and syntax apply."""
    pad = " " * indent
    if isinstance(node, str):
        return node
    if node and isinstance(node[0], tuple):
        return "\n".join(f"{pad}{key}:" + (f" {value}" if isinstance(value, str) else "\n" + render_yaml(value, indent + 2))
                         for key, value in node)
    if not node:
        return "[]"
    return "\n".join(f"{pad}- " + (item if isinstance(item, str) else "\n" + render_yaml(item, indent + 2))
                     for item in node)


@st.composite
def yamlish_bios(draw) -> bytes:
    """A bio whose front matter mixes valid fields, YAML traps and random structures."""
    lines = bio_text().split("\n")[1:-2]  # the valid fields, without the --- lines and the body
    lines = draw(st.lists(st.sampled_from(lines), max_size=len(lines), unique=True))
    lines += [f"{key}: {value}" if isinstance(value, str) else f"{key}:\n{render_yaml(value, 2)}"
              for key, value in draw(st.lists(st.tuples(KEYS, _tree()), max_size=4))]
    lines = draw(st.permutations(lines))
    body = draw(st.one_of(TEXT, st.sampled_from(["", "- " * 20 + "x", "[" * 600, "> " * 30 + "q", "{{ 7*7 }}"])))
    text = "---\n" + "\n".join(lines) + "\n---\n" + body
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return text.replace("\n", newline).encode(encoding, errors="replace")


ANY_BIO = st.one_of(st.binary(max_size=600), st.text(max_size=300).map(lambda text: ("---\n" + text).encode()),
                    yamlish_bios())


# --- parsing and checking ---------------------------------------------------------------------------

@settings(max_examples=400 * SCALE, **FIXED)
@given(ANY_BIO)
def test_parsing_any_bytes_gives_a_document_or_problems_and_never_raises(data):
    document, problems = parse_document(data, FILE)
    assert all(isinstance(problem, Problem) and problem.file == FILE and problem.message for problem in problems)
    if document is None:
        assert errors_in(problems)
    else:
        assert isinstance(document, Document) and "\r" not in document.body
        assert unicodedata.is_normalized("NFC", document.body)


@settings(max_examples=400 * SCALE, **FIXED)
@given(ANY_BIO)
def test_checking_any_bio_raises_nothing_and_a_refused_bio_always_says_why(data):
    mentors, problems = check_bio(data)
    assert all(isinstance(problem, Problem) and problem.severity in Severity for problem in problems)
    if not mentors:
        assert errors_in(problems)
    for mentor in mentors:
        texts = [mentor.name, mentor.pronouns, mentor.region, mentor.organisation, mentor.style, *mentor.specialties]
        for value in filter(None, texts):
            assert isinstance(value, str) and value == value.strip() and "\n" not in value
            assert unicodedata.is_normalized("NFC", value)
            assert not any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in value)
        assert type(mentor.capacity) is int and 0 <= mentor.mentees <= mentor.capacity


TEXT_FIELDS = ("name", "pronouns", "region", "organisation", "style", "specialty")


@settings(max_examples=400 * SCALE, **FIXED)
@given(st.sampled_from(TEXT_FIELDS), SCALAR)
def test_yaml_never_changes_what_a_mentor_wrote_in_a_text_field(field, written):
    # Either the field is refused (with a message on its line) or it holds exactly the text
    # written: never False for NO, 61 for 1:1, a number for +44..., a date for 2024-01-05.
    text = bio_text({field: written})
    mentors, problems = check_bio(text.encode("utf-8"))
    if not mentors:
        assert errors_in(problems)
        return
    front = text.removeprefix("---\n").split("\n---\n")[0]
    as_written = yaml.load(front, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))[field]  # all text
    value = {"specialty": lambda mentor: ", ".join(mentor.specialties)}.get(field, lambda mentor: getattr(mentor, field))
    if value(mentors[0]) is None:  # an optional field left empty (`~`, `null`, or nothing) is not given
        loaded = yaml.load(front, Loader=LOADER)[field]
        assert (loaded is None or str(loaded).strip() == "") and field not in ("name", "style", "specialty")
    else:
        expected = unicodedata.normalize("NFC", as_written.strip())
        vocabulary = {"region": CONFIG.regions, "specialty": CONFIG.specialties}.get(field)
        if vocabulary is not None:  # a known name or alias is published as the site's one spelling of it
            expected = vocabulary.resolve(expected) or expected
        assert value(mentors[0]) == expected


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """One mini-site folder, rewritten by each example."""
    root = tmp_path_factory.mktemp("property-site")
    (root / "content" / "mentors").mkdir(parents=True)
    (root / "content" / "schemes").mkdir()
    (root / "content" / "site.yaml").write_text(SITE_YAML)
    (root / "content" / "schemes" / "returners.md").write_text(SCHEME)
    return root


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """The theme's own elements on each kind of page (see test_xss.py)."""
    return build_baseline(tmp_path_factory.mktemp("baseline"))


def write_bios(root: Path, bios: dict[str, bytes]) -> None:
    """Replace the mini-site's bios."""
    for old in (root / "content" / "mentors").iterdir():
        old.unlink()
    for slug, data in bios.items():
        (root / "content" / "mentors" / f"{slug}.md").write_bytes(data)


def unpack(site, out: Path) -> list[str]:
    """Write a generated site's pages and copies under `out`; the HTML pages' paths."""
    for path, data in site.files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    for path, source in site.copies.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(source.read_bytes())
    return sorted(path for path in site.files if path.endswith(".html"))


@st.composite
def nearly_valid_bios(draw) -> bytes:
    """The valid bio with hostile text in some text fields (quoted or not) and tag soup for a body."""
    changes = {}
    for name in draw(st.lists(st.sampled_from(TEXT_FIELDS), unique=True, max_size=4)):
        value = draw(st.one_of(SCALAR, html_fragments()))
        changes[name] = yaml_text(value) if draw(st.integers(0, 3)) else value  # quoted three times in four
    return bio_text(changes, body=draw(st.one_of(html_fragments(), TEXT)) + "\n").encode("utf-8")


@settings(max_examples=150 * SCALE, **FIXED)
@given(st.lists(nearly_valid_bios(), min_size=1, max_size=2), st.lists(ANY_BIO, max_size=1))
def test_a_build_of_any_bios_gives_a_site_or_a_content_error_and_never_active_content(scratch, baseline, bios, more):
    bios += more
    write_bios(scratch, {f"m{index}": data for index, data in enumerate(bios)})
    try:
        site = generate_site(options_for(scratch, base_url=SUB_PATH_URL))
    except ContentError as error:
        assert errors_in(error.problems)
        event("refused")
        return
    event("built")
    out = scratch / "_pages"
    pages = unpack(site, out)
    assert [problem for path in pages for problem in active_content(out, path, baseline)] == []


# --- the sanitiser --------------------------------------------------------------------------------

TAGS = ["p", "a", "em", "strong", "ul", "ol", "li", "blockquote", "code", "pre", "h2", "br", "hr", "b", "i", "table",
        "td", "tr", "select", "option", "style", "script", "svg", "math", "mtext", "mglyph", "title", "textarea",
        "noscript", "xmp", "iframe", "template", "img", "desc", "foreignobject", "annotation-xml", "form", "noembed"]
ATTRIBUTES = ["href", "title", "onerror", "onclick", "style", "src", "id", "name", "rel", "xlink:href", "is"]
VALUES = ["javascript:alert(1)", " jav&#x09;ascript:x", "https://example.org", "mailto:a@example.org", "x",
          "</style><img src=x onerror=alert(1)>", "--><b>", "&#x6a;avascript:x", '"', "'", "data:text/html,x"]


@st.composite
def html_fragments(draw) -> str:
    """Tag soup built from elements and attributes used in mutation-XSS vectors."""
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.integers(0, 3))
        tag = draw(st.sampled_from(TAGS))
        if kind == 0:
            attributes = draw(st.lists(st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(VALUES)), max_size=3))
            quote = draw(st.sampled_from(['"', "'", ""]))
            parts.append(f"<{tag}" + "".join(f" {name}={quote}{value}{quote}" for name, value in attributes) + ">")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(st.sampled_from(["<!--", "-->", "<![CDATA[", "]]>", "&lt;", "&", "<", ">", "\x00"])))
        else:
            parts.append(draw(TEXT))
    return "".join(parts)


@settings(max_examples=500 * SCALE, **FIXED)
@given(st.one_of(html_fragments(), st.text(max_size=200)))
def test_sanitising_twice_gives_what_sanitising_once_gave(html):
    once = sanitize_html(html)
    assert sanitize_html(once) == once


@settings(max_examples=300 * SCALE, **FIXED)
@given(st.one_of(html_fragments(), TEXT, yamlish_bios().map(lambda data: data.decode("utf-8", "replace"))))
def test_rendered_markdown_is_already_sanitised(markdown):
    try:
        html = render_markdown(markdown)
    except MarkupError:
        return
    assert sanitize_html(html) == html


# --- plain text ---------------------------------------------------------------------------------

EMOJI = ["💜", "👩🏽‍⚕️", "🧑‍🤝‍🧑", "🏳️‍🌈", "🏴󠁧󠁢󠁷󠁬󠁳󠁿", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "#️⃣", "🇬🇧", "👍🏿", "❤️"]
# Not the letters and marks that show nothing (U+3164 HANGUL FILLER, variation selectors):
# a name made of them looks empty, so one-line fields refuse them.
LETTER = st.characters(categories=["Lu", "Ll", "Lt", "Lm", "Lo"]).filter(lambda char: not looks_blank(char))
MARK = st.characters(categories=["Mn", "Mc", "Me"]).filter(lambda char: not looks_blank(char))
WORD = st.one_of(
    st.lists(st.tuples(LETTER, st.lists(MARK, max_size=2).map("".join)).map("".join), min_size=1, max_size=8)
    .map("".join),
    st.sampled_from(EMOJI))
# A name needs at least one letter that is not a modifier letter (ʻ alone is not a name).
NAME = st.lists(WORD, min_size=1, max_size=6).map(" ".join).filter(
    lambda name: 1 <= len(unicodedata.normalize("NFC", name)) <= 120
    and any(unicodedata.category(char) in ("Lu", "Ll", "Lt", "Lo") for char in name))


def yaml_text(value: str) -> str:
    """`value` in double quotes, characters as they are (a mentor's editor writes no escapes)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@settings(max_examples=100 * SCALE, **FIXED)
@given(st.lists(NAME, min_size=1, max_size=8))
def test_a_name_of_letters_marks_and_emoji_is_shown_exactly_as_written(scratch, names):
    write_bios(scratch, {f"m{index}": bio_text({"name": yaml_text(name)}).encode() for index, name in enumerate(names)})
    site = generate_site(options_for(scratch))
    for index, name in enumerate(names):
        page = parse_page(site.files[f"mentors/m{index}/index.html"].decode("utf-8"))
        heading = next(page.iter(f"{{{HTML}}}h1"))
        title = text_of(next(page.iter(f"{{{HTML}}}title")))
        assert (heading.text or "").removesuffix(" ") == unicodedata.normalize("NFC", name)
        assert title == f"{unicodedata.normalize('NFC', name)} - Test directory"


# --- slugs --------------------------------------------------------------------------------------

TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx"}
ASCII_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1,
                     max_size=10).filter(lambda word: word.lower() not in TITLES)
SEPARATOR = st.text(alphabet=" -_.,'\u2018\u2019()/&\t", min_size=1, max_size=3)


@settings(max_examples=1000 * SCALE, **FIXED)
@given(st.text(max_size=80))
def test_any_name_gives_a_valid_slug_or_none_and_the_same_one_composed_or_decomposed(name):
    slug = slug_for(name)
    assert slug == "" or SLUG.match(slug)
    assert slug_for(unicodedata.normalize("NFD", name)) == slug == slug_for(unicodedata.normalize("NFC", name))


@settings(max_examples=500 * SCALE, **FIXED)
@given(st.lists(st.tuples(ASCII_WORD, SEPARATOR), min_size=1, max_size=6), st.sampled_from(["", "Dr ", "Prof. "]))
def test_names_with_different_words_get_different_slugs(words, title):
    # The slug is the name's words, lower-cased, in order: two names get the same slug exactly
    # when they have the same words, ignoring case, punctuation and titles.
    name = title + "".join(word + separator for word, separator in words)
    assert slug_for(name).split("-") == [word.lower() for word, _ in words]


def test_a_yaml_escape_followed_by_a_combining_mark_reads_as_written():
    # PyYAML itself writes astral characters as \U escapes in double quotes: "\U000261EA" then U+0300
    # would become "\U000261E" + "À" if the file were NFC-normalised before YAML read it.
    written = "\U000261EA\u0300"
    mentors, problems = check_bio(bio_text({"name": yaml.safe_dump(written, default_style='"',
                                                                     allow_unicode=True).strip()}).encode())
    assert problems == [] and mentors[0].name == unicodedata.normalize("NFC", written)


VARIANTS = {"a": "aAàáâäÀÁ", "e": "eEéèêëÉ", "o": "oOóöÖ", "i": "iIíïÍ", "n": "nNñÑ", "j": "jJ", "d": "dD"}


@st.composite
def look_alike_names(draw) -> str:
    """`jane-doe.md` with some letters in capitals or accented, maybe decomposed (as macOS writes names)."""
    stem = "".join(draw(st.sampled_from(VARIANTS.get(char, char))) for char in "jane-doe")
    suffix = draw(st.sampled_from([".md", ".MD", ".Md"]))
    name = unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), stem + suffix)
    return name if name != "jane-doe.md" else "Jane-doe.md"


@settings(max_examples=150 * SCALE, **FIXED)
@given(look_alike_names())
def test_a_bio_named_like_another_but_for_case_or_accents_is_reported_naming_both(name):
    # Checkouts on macOS and Windows fold case (and macOS folds composed and decomposed
    # accents), so such a file would overwrite or hide the other mentor's: both are named.
    with tempfile.TemporaryDirectory() as folder:
        mentors = Path(folder) / "content" / "mentors"
        mentors.mkdir(parents=True)
        (mentors / "jane-doe.md").write_text(bio_text())
        (mentors / name).write_text(bio_text({"name": "Dr Janë Doe"}))
        sources, problems = load_sources(Path(folder))
    assert [source.slug for source in sources.mentors] == ["jane-doe"]
    assert [problem.file for problem in errors_in(problems)] == [f"content/mentors/{name}"]
    assert "content/mentors/jane-doe.md" in errors_in(problems)[0].message
