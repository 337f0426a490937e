"""The bio template's placeholder values and prompts: a bio that still holds one is not finished.

Written out here rather than read from `_template.md`, so that a scheme that rewords its
template still catches the values of the shipped one, and so that what `new` writes
(the same template with some values filled in) is caught the same way.
"""

from __future__ import annotations

# Field (as a mentor sees it) -> values of the template, compared without regard to case.
PLACEHOLDER_VALUES: dict[str, tuple[str, ...]] = {
    "name": ("Dr Your Name", "Your Name"),
    "specialty": ("Your Specialty", "Your Speciality"),
    "region": ("Your Region",),
    "organisation": ("Your Hospital or Practice",),
    "style": ("One to three short sentences, in your own words, about how you mentor.",),
    "contact.email": ("your.name@example.nhs.uk",),
    "contact.phone": ("07700 900000",),
    "contact.url": ("https://example.org/book/your-name",),
    "github": ("your-username",),
}

# The prompts of the template's body, each enough of a sentence to be recognised on its line.
BODY_PROMPTS: tuple[str, ...] = (
    "Replace each prompt below with a few sentences of your own",
    "Start with who you are as a person: your current role",
    "What draws you to mentoring? Was there someone who helped you",
    "Anything from your own path that a mentee might relate to",
    "How often you like to meet, where or how",
)


def is_placeholder(field: str, value: str) -> bool:
    """Whether `value` is the template's placeholder for `field`."""
    return value.strip().casefold() in {placeholder.casefold() for placeholder in PLACEHOLDER_VALUES.get(field, ())}


def prompt_lines(body: str) -> list[tuple[int, str]]:
    """(0-based line in the body, prompt) for every template prompt still in the body."""
    found = []
    for index, line in enumerate(body.split("\n")):
        for prompt in BODY_PROMPTS:
            if prompt in line:
                found.append((index, prompt))
                break
    return found
