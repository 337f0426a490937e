"""Markdown bodies to HTML that is safe to publish, whoever wrote them.

Python-Markdown passes raw HTML and `javascript:` links straight through (its own
advice is to sanitise the output), so every body goes through nh3, an allowlist
sanitiser with a browser-grade HTML parser, before any template sees it.
"""

from __future__ import annotations

import re

import markdown
import nh3

MAX_BODY_CHARS = 20_000

ALLOWED_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "blockquote", "code", "pre",
                "h2", "h3", "h4", "br", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"

# Inputs that make Python-Markdown recurse without bound or run in quadratic time
# (SECURITY.md 2.2): refused with a message rather than left to crash or stall a build.
_DEEP_NESTING = re.compile(r"(?:[-*+>]\s*){12,}|(?:\d+\.\s+){12,}|\[{30,}|\({30,}")
_HEADING_LEVELS = {"h1": "h2", "h5": "h4", "h6": "h4"}


class MarkupError(ValueError):
    """The Markdown cannot be rendered safely; the message says why in plain words."""


def render_markdown(text: str) -> str:
    """Render Markdown to sanitised HTML; raises MarkupError for text the renderer cannot take."""
    if len(text) > MAX_BODY_CHARS:
        raise MarkupError(f"the text is {len(text):,} characters long, more than {MAX_BODY_CHARS:,}")
    if _DEEP_NESTING.search(text):
        raise MarkupError("the text nests lists, quotes or brackets too deeply to be shown")
    try:
        html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    except RecursionError as error:
        raise MarkupError("the text nests lists or quotes too deeply to be shown") from error
    return sanitize_html(_demote_headings(html))


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


def _demote_headings(html: str) -> str:
    # The page title is the only <h1>; a bio's `# Heading` becomes a section heading.
    return re.sub(r"<(/?)(h1|h5|h6)\b", lambda m: f"<{m.group(1)}{_HEADING_LEVELS[m.group(2)]}", html)
