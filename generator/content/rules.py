"""Rules beyond the bio format: the limits a scheme team sets, and how old a review may be.

The bio format says what a bio may contain; the scheme's rules, set in site.yaml or a
scheme's front matter, say what the scheme allows. Every broken rule names the rule and
where it is set ("set by `trainee_max_capacity` in content/site.yaml:5"): the mentor sees
it is the scheme's rule and not a typing mistake, and the scheme team can find it to
change it. Matching words, the other such rule, are checked where `matching` is read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from collections.abc import Mapping

from mentordir.content.config import SiteConfig
from mentordir.content.fields import FieldReader
from mentordir.content.ladder import read_grade
from mentordir.model.models import REVIEW_DAYS, Mentor
from mentordir.model.problems import Severity

SCHEME_RULE_FIELDS = ("min_grade",)


@dataclass(frozen=True)
class SchemeRules:
    """The rules one scheme sets in its front matter."""

    slug: str
    """The scheme's slug, as bios list it in `schemes`."""
    min_grade: str | None
    """The most junior grade that may mentor for the scheme, spelt as the ladder spells it; None for any."""
    min_grade_rank: int
    """The level of `min_grade` on the ladder, 0 being the most junior: any grade of that level may mentor."""
    min_grade_place: str
    """Where `min_grade` is set, as messages name it: `content/schemes/foundation.md:4`."""


def read_scheme_rules(fields: FieldReader, slug: str, config: SiteConfig) -> SchemeRules:
    """Read a scheme's rules from its front matter; a rule written wrongly is reported and not applied."""
    grade = read_grade(fields, "min_grade", config.ladder, example="F2")
    return SchemeRules(slug=slug, min_grade=grade, min_grade_rank=config.level_of(grade) if grade else 0,
                       min_grade_place=f"{fields.file}:{fields.line_of('min_grade')}")


def check_mentor_rules(fields: FieldReader, mentor: Mentor, config: SiteConfig,
                       schemes: Mapping[str, SchemeRules]) -> None:
    """Report each scheme rule the bio breaks, on the line of the field that breaks it."""
    if not mentor.grade:
        return  # the grade itself is wrong, and already reported
    for slug in mentor.schemes:
        rules = schemes.get(slug)
        if rules is not None and rules.min_grade is not None and mentor.grade_rank < rules.min_grade_rank:
            fields.report("schemes", f'"{slug}" takes mentors at {rules.min_grade} or above, and your grade is '
                                     f"{mentor.grade} (set by `min_grade` in {rules.min_grade_place})",
                          f"remove {slug} from schemes, or correct your grade if it is out of date")
    limit = config.trainee_max_capacity
    if limit is not None and mentor.grade in config.trainee_grades and mentor.capacity > limit:
        fields.report("capacity", f"is {mentor.capacity}, but a trainee mentor ({mentor.grade}) takes at most "
                                  f"{limit} mentee{'s' * (limit != 1)} (set by `trainee_max_capacity` in "
                                  f"{config.place_of('trainee_max_capacity')})",
                      f"lower capacity to {limit}")


def check_email_domain(contact: FieldReader, email: str | None, config: SiteConfig) -> None:
    """Warn when a mentor's address is outside the e-mail domains site.yaml names."""
    allowed = config.email_domains
    if email is None or allowed is None:
        return
    domain = email.rpartition("@")[2].lower()
    if any(domain == ok or domain.endswith("." + ok) for ok in allowed):
        return
    contact.report("email", f'"{email}" is not at one of the scheme\'s e-mail domains '
                            f"(set by `email_domains` in {config.place_of('email_domains')})",
                   f"use your work address at {_either(allowed)}", Severity.WARNING)


def check_review_date(fields: FieldReader, updated: dt.date | None, today: dt.date) -> None:
    """Warn when the bio was last reviewed more than 12 months before the build.

    A bio without `updated` is not warned about: the field is optional in the bio format,
    and the template and `mentordir new` both write it.
    """
    if updated is None:
        return
    if updated > today:
        fields.report("updated", f"{updated.isoformat()} is in the future",
                      "write the date you last reviewed the bio", Severity.WARNING)
    elif (today - updated).days > REVIEW_DAYS:
        fields.report("updated", f"{updated.isoformat()} is more than 12 months ago",
                      "read your bio through, change what is out of date, and set updated to today's date",
                      Severity.WARNING)


def _either(choices: tuple[str, ...]) -> str:
    return choices[0] if len(choices) == 1 else f"{', '.join(choices[:-1])} or {choices[-1]}"
