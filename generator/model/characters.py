"""Which characters may stand in a one-line field: the invisible ones are refused, emoji kept.

A name that contains a right-to-left override can display as another mentor's; one made
of Hangul fillers looks empty; a zero-width space makes an address that looks right and
bounces. Emoji sequences are the exception: they need joiners and selectors to draw.
"""

from __future__ import annotations

import unicodedata

# Emoji sequences are the one place invisible format characters are legitimate: the
# zero-width joiner inside a sequence, the variation selectors that ask for emoji or text
# style (also in keycaps, 1️⃣), and the tag characters of subdivision flags (England,
# Scotland, Wales) after the black-flag base.
_EMOJI_JOINERS = {"\u200d", "\ufe0e", "\ufe0f"}
_KEYCAP_BASES = "#*0123456789"
_KEYCAP = "\u20e3"
_BLACK_FLAG = "\U0001F3F4"
_TAGS = range(0xE0020, 0xE0080)
# Characters that show nothing although they are letters, marks or symbols, not format
# characters: Unicode's default-ignorable code points outside category Cf, and the blank
# braille pattern. A one-line value made of them looks empty, or like someone else's name.
_BLANK_LOOKING = (
    (0x034F, 0x034F),    # combining grapheme joiner
    (0x115F, 0x1160),    # Hangul choseong and jungseong fillers
    (0x17B4, 0x17B5),    # Khmer inherent vowels
    (0x180B, 0x180F),    # Mongolian free variation selectors (and vowel separator)
    (0x2060, 0x206F),    # word joiner, invisible operators and unassigned neighbours
    (0x2800, 0x2800),    # braille pattern blank
    (0x3164, 0x3164),    # Hangul filler
    (0xFE00, 0xFE0F),    # variation selectors (after an emoji, see _EMOJI_JOINERS)
    (0xFFA0, 0xFFA0),    # halfwidth Hangul filler
    (0xFFF0, 0xFFF8),    # unassigned specials
    (0xE0000, 0xE0FFF),  # tags (after a black flag, see _TAGS) and variation selectors supplement
)
LETTERS = ("Lu", "Ll", "Lt", "Lo")  # not Lm: modifier letters (ʻ, ˆ) alone do not make a name


def looks_blank(char: str) -> bool:
    """Whether a character shows nothing though it is no control or format character (U+3164 HANGUL FILLER)."""
    return any(low <= ord(char) <= high for low, high in _BLANK_LOOKING)


def hidden_character(value: str, single_line: bool) -> str | None:
    """The first character that should not be in `value`, named (`U+202E RIGHT-TO-LEFT OVERRIDE`), or None.

    Control, format and private characters anywhere; in one-line values also characters
    that show nothing (_BLANK_LOOKING). Multi-line values keep their line breaks.
    """
    for index, char in enumerate(value):
        if char == "\n" and not single_line:
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs") or char == "\u00ad" or \
                (single_line and looks_blank(char)):
            previous = value[index - 1] if index > 0 else ""
            if char in _EMOJI_JOINERS and previous and unicodedata.category(previous) in ("So", "Mn", "Sk"):
                continue
            if char == "\ufe0f" and previous and previous in _KEYCAP_BASES and value[index + 1:index + 2] == _KEYCAP:
                continue
            if ord(char) in _TAGS and previous and (previous == _BLACK_FLAG or ord(previous) in _TAGS):
                continue
            fallback = "unassigned character" if category == "Cn" else "control character"
            return f"U+{ord(char):04X} {unicodedata.name(char, fallback)}"
    return None
