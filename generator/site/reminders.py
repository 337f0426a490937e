"""The monthly reminder issue's text: bios not reviewed for a year, and full or away dates that have passed.

`mentordir report --format reminders` prints it; .github/workflows/reminders.yml opens or
updates one issue with it, so the team need not chase each mentor by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from mentordir.model.models import REVIEW_DAYS, Content, Mentor

MARKER = "<!-- mentordir reminders -->"
"""The issue body's first line, by which the workflow finds the issue it updates."""
TITLE = "Mentor bios to chase"
"""The issue's title."""
_GITHUB_USER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>@~&])")


@dataclass(frozen=True)
class Reminder:
    """One thing to chase with one mentor."""

    mentor: Mentor
    """Whose bio it is."""
    text: str
    """What to ask them, in words (Markdown)."""


def reminders(content: Content, today: dt.date, stale_after_days: int = REVIEW_DAYS
              ) -> tuple[tuple[Reminder, ...], tuple[Reminder, ...]]:
    """(bios not reviewed for `stale_after_days`, passed `full_until`/`away_until` dates), each by name."""
    stale: list[Reminder] = []
    passed: list[Reminder] = []
    for mentor in sorted(content.mentors, key=lambda m: (m.name.casefold(), m.slug)):
        if mentor.updated is not None and mentor.review_overdue(today, stale_after_days):
            stale.append(Reminder(mentor, f"last reviewed on {_day(mentor.updated)}. Ask them to read it through "
                                          "and set `updated:` to the day they did."))
        for name, date in mentor.passed_dates(today):
            question = "Are they taking mentees again?" if name == "full_until" else "Are they back?"
            passed.append(Reminder(mentor, f"`{name}: {date.isoformat()}` has passed. {question} Remove the line, "
                                           "or set a new date."))
    return tuple(stale), tuple(passed)


def as_issue(content: Content, today: dt.date, stale_after_days: int = REVIEW_DAYS) -> str:
    """The issue body in GitHub Markdown: a task per reminder, mentioning the mentor's GitHub username if known."""
    stale, passed = reminders(content, today, stale_after_days)
    lines = [MARKER]
    if not stale and not passed:
        lines += [f"Nothing to chase on {_day(today)}: every bio has been reviewed in the last 12 months and "
                  "no `full_until` or `away_until` date has passed."]
        return "\n".join(lines) + "\n"
    count = len({item.mentor.slug for item in stale + passed})
    lines += [f"Bios to chase on {_day(today)}: {count} mentor{'s' * (count != 1)}. Tick each one when it is done. "
              "This issue is written by the monthly reminders workflow, which replaces this text each month.", ""]
    if stale:
        lines += [f"### Not reviewed for {stale_after_days // 30} months", ""]
        lines += [_task(item) for item in stale] + [""]
    if passed:
        lines += ["### Dates that have passed", ""]
        lines += [_task(item) for item in passed] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _task(item: Reminder) -> str:
    mentor = item.mentor
    # Validation already refuses a username GitHub would not accept; checked again here
    # because the issue text is the one place where a mention notifies someone.
    github = mentor.github
    mention = f"@{github} " if github and _GITHUB_USER.match(github) else ""
    return f"- [ ] {mention}{_escape(mentor.name)} (`{mentor.source}`): {item.text}"


def _escape(text: str) -> str:
    # A name is written by the mentor: escaped, it cannot add links, mention others or break the list.
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def _day(value: dt.date) -> str:
    return f"{value.day} {value.strftime('%B')} {value.year}"
