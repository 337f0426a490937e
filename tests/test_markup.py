"""Tests for generator/content/markup.py: Markdown from anyone becomes HTML that is safe to publish."""

from __future__ import annotations

import re
import signal
import time
from html.parser import HTMLParser
from types import FrameType
from typing import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentordir.content.markup import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    MarkupError,
    render_markdown,
    sanitize_html,
)

REL = 'rel="noopener noreferrer nofollow"'
TOO_DEEP = "the text nests lists or quotes too deeply to be shown"
TOO_DEEP_FOR_THE_RENDERER = "the text nests lists or quotes too deeply to be shown"


class Elements(HTMLParser):
    """Every start tag in a piece of HTML, with its attributes (character references decoded, as a browser does)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """The start tags of `html` as Python's HTML parser sees them."""
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser.found


def hrefs(html: str) -> list[str | None]:
    """The href of every link, None for a link without one."""
    return [dict(attrs).get("href") for tag, attrs in elements(html) if tag == "a"]


def url_scheme(href: str) -> str | None:
    """The scheme a browser would see in an href, or None for a relative address.

    Browsers strip leading and trailing C0 controls and spaces and delete tabs and line
    breaks anywhere before parsing a URL, which is how `java&#x09;script:` becomes live.
    """
    cleaned = re.sub(r"[\t\n\r]", "", href.strip("".join(map(chr, range(0x21)))))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else None


@pytest.fixture
def deadline() -> Iterator[None]:
    """Interrupt a test that runs for more than two seconds (pure-Python loops only)."""
    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError("still running after 2 s")
    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 2.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- links --------------------------------------------------------------------------------------

@pytest.mark.parametrize("markdown", [
    "[x](javascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x][1]\n\n[1]: javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
])
def test_a_link_with_a_dangerous_scheme_loses_its_href(markdown: str) -> None:
    assert render_markdown(markdown) == f"<p><a {REL}>x</a></p>"


def test_a_data_image_is_removed() -> None:
    assert render_markdown("![me](data:image/png;base64,iVBORw0KGgo=)") == "<p></p>"


def test_an_https_link_is_kept_with_rel_noopener_noreferrer_nofollow() -> None:
    assert render_markdown('[book](https://example.org/book?x=1 "Book a call")') == (
        f'<p><a href="https://example.org/book?x=1" title="Book a call" {REL}>book</a></p>')


def test_a_mailto_link_is_kept() -> None:
    assert render_markdown("[write](mailto:jane@example.org)") == (
        f'<p><a href="mailto:jane@example.org" {REL}>write</a></p>')


def test_a_raw_link_has_its_rel_and_target_replaced() -> None:
    html = render_markdown('<a rel="opener" target="_blank" href="https://example.org">x</a>')
    assert html == f'<p><a href="https://example.org" {REL}>x</a></p>'


def test_relative_and_fragment_links_are_kept() -> None:
    # nh3 passes relative URLs through (SECURITY.md 2.3); they cannot run script.
    assert hrefs(render_markdown("[a](/schemes/returners/) and [b](#contact)")) == ["/schemes/returners/", "#contact"]


# --- raw HTML -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("markdown", "html"), [
    ("<script>alert(1)</script>Hello", "\n<p>Hello</p>"),
    ('<img src=x onerror="alert(1)">', "<p></p>"),
    ('<iframe src="https://evil.example"></iframe>', ""),
    ("<style>body{display:none}</style>Hello", "\n<p>Hello</p>"),
    ('<p onmouseover="alert(1)">Hello</p>', "<p>Hello</p>"),
    ('<a href="https://example.org" onclick="alert(1)">x</a>', f'<p><a href="https://example.org" {REL}>x</a></p>'),
    ('<svg onload="alert(1)"></svg>', "<p></p>"),
    ('<form action="https://evil.example"><input name="password"></form>', ""),
    ("Hello <!-- a comment --> there", "<p>Hello  there</p>"),
])
def test_raw_html_is_removed_or_defused(markdown: str, html: str) -> None:
    assert render_markdown(markdown) == html


def test_template_syntax_stays_literal() -> None:
    assert render_markdown("{{ 7*7 }} and {% raw %}") == "<p>{{ 7*7 }} and {% raw %}</p>"


# --- structure ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("markdown", "html"), [
    ("# Title", "<h2>Title</h2>"),
    ("## Section", "<h2>Section</h2>"),
    ("##### Small", "<h4>Small</h4>"),
    ("###### Smaller", "<h4>Smaller</h4>"),
    ("<h1>Raw</h1>", "<h2>Raw</h2>"),
])
def test_headings_are_demoted_below_the_page_title(markdown: str, html: str) -> None:
    assert render_markdown(markdown) == html


def test_everyday_markdown_renders() -> None:
    assert render_markdown("**bold** *em* `code`\n\n- one\n- two\n\n> quote") == (
        "<p><strong>bold</strong> <em>em</em> <code>code</code></p>\n"
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        "<blockquote>\n<p>quote</p>\n</blockquote>")


def test_a_short_horizontal_rule_renders() -> None:
    assert render_markdown("Intro\n\n---\n\nMore") == "<p>Intro</p>\n<hr>\n<p>More</p>"


@pytest.mark.parametrize("markdown", ["Intro\n\n------------------------\n\nMore",
                                      "Intro\n\n************\n\nMore",
                                      "Intro\n\n- - - - - - - - - - - -\n\nMore"])
def test_a_long_horizontal_rule_renders(markdown: str) -> None:
    assert render_markdown(markdown) == "<p>Intro</p>\n<hr>\n<p>More</p>"


def test_a_long_setext_underline_renders() -> None:
    assert render_markdown("About me\n------------\n\nText") == "<h2>About me</h2>\n<p>Text</p>"



def test_a_numbered_list_after_a_bulleted_one_starts_a_list_of_its_own() -> None:
    # sane_lists: without it the numbered items would join the bulleted list.
    assert render_markdown("- one\n- two\n\n1. first\n2. second") == (
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<ol>\n<li>first</li>\n<li>second</li>\n</ol>")


def test_rendering_never_looks_extensions_up_among_installed_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    import markdown.util

    def refuse() -> None:
        raise AssertionError("looked up Markdown extensions by name")
    monkeypatch.setattr(markdown.util, "get_installed_extensions", refuse)
    assert render_markdown("- one\n\n1. first") == "<ul>\n<li>one</li>\n</ul>\n<ol>\n<li>first</li>\n</ol>"

# --- limits -------------------------------------------------------------------------------------

def test_refuses_text_over_20000_characters_with_the_exact_message() -> None:
    with pytest.raises(MarkupError) as error:
        render_markdown("x" * 20_001)
    assert str(error.value) == "the text is 20,001 characters long, more than 20,000"


def test_accepts_text_of_20000_characters() -> None:
    assert render_markdown("x" * 20_000) == "<p>" + "x" * 20_000 + "</p>"


@pytest.mark.parametrize("markdown, message", [
    ("- " * 1000 + "x", TOO_DEEP),
    ("> " * 1000 + "x", TOO_DEEP),
    ("1. " * 1000 + "x", TOO_DEEP),
    ("[" * 5000 + "a" + "]" * 5000 + "(b)", "the text has more than 500 [ brackets"),
])
def test_deep_nesting_raises_markup_error_quickly(markdown: str, message: str) -> None:
    started = time.perf_counter()
    with pytest.raises(MarkupError) as error:
        render_markdown(markdown)
    assert time.perf_counter() - started < 1.0
    assert str(error.value) == message


def test_many_parentheses_render_quickly_without_a_guard() -> None:
    started = time.perf_counter()
    assert render_markdown("(" * 19_000) == "<p>" + "(" * 19_000 + "</p>"
    assert time.perf_counter() - started < 1.0


def test_forty_thousand_brackets_raise_markup_error_quickly() -> None:
    started = time.perf_counter()
    with pytest.raises(MarkupError) as error:
        render_markdown("[" * 20000 + "a" + "]" * 20000 + "(b)")
    assert time.perf_counter() - started < 1.0
    assert str(error.value) == "the text is 40,004 characters long, more than 20,000"


def test_nesting_the_pattern_check_misses_still_gives_markup_error_not_recursion_error() -> None:
    # Alternating list markers slip past the pattern; the renderer's RecursionError is caught.
    with pytest.raises(MarkupError) as error:
        render_markdown("- 1. " * 2000 + "x")
    assert str(error.value) in (TOO_DEEP, TOO_DEEP_FOR_THE_RENDERER)


@pytest.mark.usefixtures("deadline")
def test_spaced_open_brackets_finish_within_two_seconds() -> None:
    try:
        render_markdown("[ " * 9990)
    except MarkupError:
        pass


# --- the sanitiser ------------------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    '<a href="https://example.org">x</a>',
    '<a rel="opener" href="https://example.org" title="t">x</a>',
    "<p>a &amp; b &lt; c</p>",
    "<ul><li>one<li>two</ul>",
    "<b><i>x</b></i>",
    "<p>a<p>b",
    '<a href="javascript:alert(1)">x</a>',
    "<select><style><img src=x onerror=alert(1)></style></select>",
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
])
def test_sanitize_html_is_idempotent(html: str) -> None:
    once = sanitize_html(html)
    assert sanitize_html(once) == once


# --- property -----------------------------------------------------------------------------------

FRAGMENTS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<iframe src=x>",
    "<style>*{}</style>", "<a href='javascript:alert(1)'>", "<a href=\"https://example.org\" onclick=x>",
    "[x](javascript:alert(1))", "[x](&#106;avascript:alert(1))", "[x](java&#x09;script:alert(1))",
    "[x](data:text/html,<script>)", "![i](data:image/png;base64,AA)", "<https://example.org>",
    "[m](mailto:a@example.org)", "[r](/relative)", "{{ 7*7 }}", "<!--", "-->", "<![CDATA[", "</", "<p title=\"",
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">', "&#x6a;", "&lt;", "&",
    "- ", "* ", "> ", "1. ", "# ", "```", "`", "**", "_", "[", "]", "(", ")", "<", ">", "\"", "'", "=", ":",
    "\n", "\n\n", "    ", "\t", "javascript:", "vbscript:", "data:", "on", "href", "a", "x", "\u202e", "\x00", "é",
]
MARKDOWNISH = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
    st.text(alphabet=st.sampled_from(list("abc <>[]()!#*-_`\"'&;:=/\\\n\t.1")), max_size=200),
    st.text(max_size=200),
)


@settings(max_examples=300, derandomize=True, deadline=None, database=None)
@given(MARKDOWNISH)
def test_rendered_markdown_never_has_active_content(markdown: str) -> None:
    try:
        html = render_markdown(markdown)
    except MarkupError:
        return
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        for name, value in attrs:
            assert not name.startswith("on")
            assert name in allowed
            if name == "href" and value is not None:
                scheme = url_scheme(value)
                assert scheme is None or scheme in ALLOWED_URL_SCHEMES, value
