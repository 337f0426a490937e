"""The grade ladder: levels of equally senior grades, most junior first, and each grade's aliases.

A level is one grade or a group of grades of the same seniority (CT1 and ST1; SAS, specialty
doctor, GP and consultant, which are parallel career grades rather than rungs). "I am a ..."
on the directory shows mentors at a higher level; at the top level, peers at the same level.
A bio may give a grade by an alias (`grade: FY2`); everything downstream uses the grade's own
name (F2).

In site.yaml `grades:` is a list whose entries are a grade or a list of equally senior grades
(so a plain list, one grade per level, still works), and `grade_aliases:` maps other names
to grades (`FY2: F2`).
"""

from __future__ import annotations

from dataclasses import dataclass

from mentordir.content.fields import FieldReader
from mentordir.content.frontmatter import Mapping, Scalar, Sequence
from mentordir.model.problems import did_you_mean

DEFAULT_LEVELS: tuple[tuple[str, ...], ...] = (
    ("F1",), ("F2",), ("CT1", "ST1"), ("CT2", "ST2"), ("CT3", "ST3"),
    ("ST4",), ("ST5",), ("ST6",), ("ST7",), ("ST8",),
    ("SAS", "Specialty doctor", "GP", "Consultant"),
)
"""The default ladder, per PRODUCT.md: foundation, core and specialty training, then the career grades."""
DEFAULT_ALIASES: tuple[tuple[str, str], ...] = (
    ("FY1", "F1"), ("Foundation Year 1", "F1"), ("FY2", "F2"), ("Foundation Year 2", "F2"),
    ("General practitioner", "GP"), ("Specialty and associate specialist", "SAS"),
)
"""Other names of the default grades, as (alias, grade)."""


@dataclass(frozen=True)
class GradeLadder:
    """The grades a bio may give, in levels of equal seniority, most junior first."""

    levels: tuple[tuple[str, ...], ...] = DEFAULT_LEVELS
    """Each level's grades, spelt as the site spells them; the most junior level first."""
    aliases: tuple[tuple[str, str], ...] = DEFAULT_ALIASES
    """Other names a bio may use, as (alias, grade); the grade is always one of `levels`."""

    @property
    def grades(self) -> tuple[str, ...]:
        """Every grade, most junior level first."""
        return tuple(grade for level in self.levels for grade in level)

    def level_of(self, grade: str) -> int:
        """The level of a grade (spelt as the ladder spells it), 0 being the most junior."""
        for number, level in enumerate(self.levels):
            if grade in level:
                return number
        raise KeyError(grade)

    def find(self, text: str) -> str | None:
        """The grade `text` names, by its own name or an alias, without regard to case; None if none."""
        wanted = " ".join(text.split()).casefold()
        for grade in self.grades:
            if grade.casefold() == wanted:
                return grade
        for alias, grade in self.aliases:
            if alias.casefold() == wanted:
                return grade
        return None

    def aliases_of(self, grade: str) -> tuple[str, ...]:
        """The other names of a grade, in the order written."""
        return tuple(alias for alias, target in self.aliases if target == grade)


def read_grade(fields: FieldReader, key: str, ladder: GradeLadder, *, required: bool = False,
               example: str = "ST6") -> str | None:
    """A grade of the ladder, given by its name or an alias; anything else is reported."""
    value = fields.text(key, required=required, example=example)
    if value is None:
        return None
    grade = ladder.find(value)
    if grade is None:
        fields.report(key, f'"{value}" is not a grade on this site\'s ladder{did_you_mean(value, ladder.grades)}',
                      f"use one of: {', '.join(ladder.grades)}")
    return grade


def read_ladder(fields: FieldReader) -> GradeLadder:
    """The ladder from site.yaml's `grades` and `grade_aliases`; the default where they are missing or wrong."""
    levels = _read_levels(fields) if fields.has("grades") else DEFAULT_LEVELS
    if levels is None:
        levels = DEFAULT_LEVELS
    # The default aliases that still make sense: their grade is on the ladder, and they are not grades there.
    ladder = GradeLadder(levels=levels, aliases=())
    default_aliases = tuple((alias, grade) for alias, grade in DEFAULT_ALIASES
                            if grade in ladder.grades and ladder.find(alias) is None)
    ladder = GradeLadder(levels=levels, aliases=default_aliases)
    return GradeLadder(levels=levels, aliases=default_aliases + _read_aliases(fields, ladder))


def _read_levels(fields: FieldReader) -> tuple[tuple[str, ...], ...] | None:
    entry = fields.mapping.get("grades")
    example = "[F1, F2, [CT1, ST1], Consultant]"
    items = entry.value.items if entry is not None and isinstance(entry.value, Sequence) else None
    if items is None or len(items) > 40:
        fields.report("grades", "should be a list of grades (at most 40), most junior first",
                      f"write it like `grades: {example}`")
        return None
    levels: list[tuple[str, ...]] = []
    for item in items:
        members = item.items if isinstance(item, Sequence) else (item,)
        if not members or not all(isinstance(member, Scalar) and member.text.strip() for member in members):
            fields.report("grades", "has an entry that is neither a grade nor a list of grades",
                          f"write each level as a grade, or equally senior grades in brackets: `grades: {example}`")
            return None
        levels.append(tuple(" ".join(member.text.split()) for member in members))  # type: ignore[union-attr]
    lowered = [grade.casefold() for level in levels for grade in level]
    if len(set(lowered)) != len(lowered):
        fields.report("grades", "lists a grade twice", "list each grade once, most junior first")
        return None
    if any(len(grade) > 40 for level in levels for grade in level):
        fields.report("grades", "has a grade longer than 40 characters", "shorten it")
        return None
    return tuple(levels)


def _read_aliases(fields: FieldReader, ladder: GradeLadder) -> tuple[tuple[str, str], ...]:
    aliases = fields.mapping_of("grade_aliases", example="`grade_aliases:` with lines under it like `FY2: F2`")
    if aliases is None:
        return ()
    found: list[tuple[str, str]] = []
    mapping: Mapping = aliases.mapping
    for entry in mapping.entries:
        grade_text = aliases.text(entry.key, example="F2", max_length=40)
        if grade_text is None:
            continue
        grade = ladder.find(grade_text)
        if grade is None:
            aliases.report(entry.key, f'names "{grade_text}", which is not a grade on this site\'s ladder'
                                      f"{did_you_mean(grade_text, ladder.grades)}",
                           f"use one of: {', '.join(ladder.grades)}")
        elif ladder.find(entry.key) is not None:
            aliases.report(entry.key, "is already a grade or an alias on this site's ladder", "remove the line")
        else:
            found.append((" ".join(entry.key.split()), grade))
            ladder = GradeLadder(ladder.levels, ladder.aliases + (found[-1],))
    return tuple(found)
