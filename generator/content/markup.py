"""Markdown bodies to HTML that is safe to publish, whoever wrote them.

Python-Markdown passes raw HTML and `javascript:` links straight through (its own
advice is to sanitise the output), so every body goes through nh3, an allowlist
sanitiser with a browser-grade HTML parser, before any template sees it.
"""

from __future__ import annotations

import re

import markdown
import nh3
from markdown.extensions.sane_lists import SaneListExtension

MAX_BODY_CHARS = 20_000

ALLOWED_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "blockquote", "code", "pre",
                "h2", "h3", "h4", "br", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"

# Inputs that make Python-Markdown recurse without bound or run in quadratic time
# (SECURITY.md 2.2) are refused with a message rather than left to crash or stall a
# build: list markers nested on one line before some text (a rule such as `- - -` or
# `------` has no text after it and is fine), and many unclosed `[`, whose cost grows
# with the square of their number (measured: 400 take 0.03 s, 10,000 take 22 s).
_DEEP_NESTING = re.compile(r"(?m)^[ \t]*(?:(?:[-*+>]|\d+\.)[ \t]+){12,}[^\s*+>-]")
MAX_OPEN_BRACKETS = 500


class MarkupError(ValueError):
    """The Markdown cannot be rendered safely; the message says why in plain words."""


def render_markdown(text: str, first_heading: int = 2) -> str:
    """Render Markdown to sanitised HTML; raises MarkupError for text the renderer cannot take.

    `first_heading` is the level a `#` heading gets: 2 on a page of its own, 3 inside a
    section (a bio sits under the profile's "About me" heading). Levels stop at 4.
    """
    if len(text) > MAX_BODY_CHARS:
        raise MarkupError(f"the text is {len(text):,} characters long, more than {MAX_BODY_CHARS:,}")
    if _DEEP_NESTING.search(text):
        raise MarkupError("the text nests lists or quotes too deeply to be shown")
    if text.count("[") > MAX_OPEN_BRACKETS:
        raise MarkupError(f"the text has more than {MAX_OPEN_BRACKETS} [ brackets")
    try:
        # The extension itself, not its name: a name is looked up among every installed
        # package's entry points, which took 15 ms (importlib.metadata and the scan) the
        # first time a build rendered a bio, and could find another package's extension.
        html = markdown.markdown(text, extensions=[SaneListExtension()], output_format="html")
    except RecursionError as error:
        raise MarkupError("the text nests lists or quotes too deeply to be shown") from error
    return sanitize_html(_shift_headings(html, first_heading))


def sanitize_html(html: str) -> str:
    """Keep only the allowlisted tags, attributes and link schemes."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def _shift_headings(html: str, first_heading: int) -> str:
    # The page title is the only <h1>, so `#` and `##` both become the first level
    # available, and deeper headings follow it down to <h4>.
    def level(match: re.Match[str]) -> str:
        new = min(max(int(match.group(2)), 2) + first_heading - 2, 4)
        return f"<{match.group(1)}h{new}"
    return re.sub(r"<(/?)h([1-6])\b", level, html)
