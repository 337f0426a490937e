"""Controlled vocabularies for `specialty` and `region`: canonical names with the other ways people write them.

The defaults are the UK's recognised medical specialties and its postgraduate training
regions and nations. `site.yaml` can replace a list (`specialties: [...]`), add to it
(`more_specialties: [...]`) or open it to any text (`specialties: any`). Everything after
the check (cards, filters, search, the capacity page, the report, the export) sees only the
canonical name, so "Anesthesiology" and "anaesthetics" are one filter value, not two.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from mentordir.content.fields import FieldReader
from mentordir.content.frontmatter import Mapping, Scalar, Sequence
from mentordir.model.problems import Problem

OPEN_WORD = "any"


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary."""

    name: str
    """The canonical name, as the site shows it."""
    aliases: tuple[str, ...] = ()
    """Other spellings and abbreviations that mean the same."""


@dataclass(frozen=True)
class Vocabulary:
    """The allowed values of one field; an open vocabulary allows any text."""

    terms: tuple[Term, ...]
    """The entries, in the order the site lists them."""
    open: bool = False
    """True when any text is allowed (`specialties: any`); known names and aliases still become canonical."""

    def resolve(self, value: str) -> str | None:
        """The canonical name for a name or alias in any case and punctuation; None when unknown."""
        return self._index().get(match_key(value))

    def closest(self, value: str) -> str | None:
        """The canonical name of the nearest name or alias, for a "did you mean"; None when nothing is close."""
        index = self._index()
        close = difflib.get_close_matches(match_key(value), list(index), n=1, cutoff=0.75)
        return index[close[0]] if close else None

    def names(self) -> tuple[str, ...]:
        """The canonical names."""
        return tuple(term.name for term in self.terms)

    def _index(self) -> dict[str, str]:
        return _index_of(self.terms)


def read_names(fields: FieldReader, key: str, vocabulary: Vocabulary, *, what: str, setting: str,
               required: bool = False, example: str = "...", max_items: int = 1,
               max_length: int = 100) -> tuple[str, ...]:
    """Names from a vocabulary, as its canonical names; any alias or case is accepted.

    `what` names one value in messages ("specialty"); `setting` is the site.yaml setting that lists them.
    """
    found: list[str] = []
    values = fields.texts(key, required=required, example=example, max_items=max_items, max_length=max_length)
    for value in values:
        name = vocabulary.resolve(value)
        if name is None and "," in value and len(values) == 1 and max_items > 1:
            parts = ", ".join(vocabulary.resolve(part) or part.strip() for part in value.split(",") if part.strip())
            fields.report(key, f'"{value}" is several {what} names in one piece of text', f"write a list: [{parts}]")
            continue
        if name is None and vocabulary.open:
            name = value
        if name is None:
            close = vocabulary.closest(value)
            hint = f' (did you mean "{close}"?)' if close else ""
            fields.report(key, f'"{value}" is not a {what} this site lists{hint}',
                        f"write it as the site lists it, like `{key}: {close or example}`, or ask the "
                        f"scheme team to add it to `{setting}` in content/site.yaml")
        elif name in found:
            fields.report(key, f'"{value}" is {name}, which is listed already', "list it once")
        else:
            found.append(name)
    return tuple(found)


def match_key(value: str) -> str:
    """How names are compared: case, "&" for "and", punctuation and spacing do not count."""
    value = value.casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w]+", " ", value).split())


@functools.lru_cache(maxsize=16)
def _index_of(terms: tuple[Term, ...]) -> dict[str, str]:
    # Built once per vocabulary: a check of a thousand bios resolves a few thousand names.
    index: dict[str, str] = {}
    for term in terms:
        for written in (term.name, *term.aliases):
            index.setdefault(match_key(written), term.name)
    return index


def _terms(*entries: str | tuple[str, ...]) -> tuple[Term, ...]:
    return tuple(Term(entry) if isinstance(entry, str) else Term(entry[0], entry[1:]) for entry in entries)


# The GMC's specialties (and the common ones a mentor writes for them). A few canonical names
# are the shorter form doctors use (Psychiatry for general psychiatry, Radiology for clinical
# radiology); Medical Education is not a specialty but is what many mentors list beside one.
DEFAULT_SPECIALTIES = Vocabulary(terms=_terms(
    ("Acute Internal Medicine", "Acute Medicine", "AIM"),
    "Allergy",
    ("Anaesthetics", "Anaesthesia", "Anesthesia", "Anesthesiology", "Anaesthesiology", "Anesthetics"),
    ("Audiovestibular Medicine", "Audiological Medicine"),
    "Aviation and Space Medicine",
    ("Cardiology", "Cardio"),
    ("Cardiothoracic Surgery", "Cardiac Surgery", "Thoracic Surgery", "CT Surgery"),
    ("Chemical Pathology", "Clinical Biochemistry", "Metabolic Medicine"),
    ("Child and Adolescent Psychiatry", "CAMHS"),
    ("Clinical Genetics", "Genetics"),
    "Clinical Neurophysiology",
    "Clinical Oncology",
    ("Clinical Pharmacology and Therapeutics", "Clinical Pharmacology"),
    ("Community Sexual and Reproductive Health", "Sexual and Reproductive Health", "SRH", "Family Planning"),
    ("Dermatology", "Derm", "Derms"),
    "Diagnostic Neuropathology",
    ("Emergency Medicine", "A&E", "Accident and Emergency", "ED", "EM", "Emergency Department"),
    ("Endocrinology and Diabetes", "Endocrinology", "Diabetes", "Endocrinology and Diabetes Mellitus",
     "Diabetes and Endocrinology"),
    "Forensic Histopathology",
    "Forensic Psychiatry",
    ("Gastroenterology", "Gastro", "Hepatology"),
    ("General Internal Medicine", "General Medicine", "General (Internal) Medicine", "GIM", "Internal Medicine",
     "Medicine"),
    ("General Practice", "GP", "Family Medicine", "Primary Care", "General Practitioner"),
    ("General Surgery", "Surgery", "Gen Surg"),
    ("Genitourinary Medicine", "GUM", "Sexual Health"),
    ("Geriatric Medicine", "Geriatrics", "Elderly Care", "Care of the Elderly", "Medicine for the Elderly",
     "Medicine for Older People"),
    ("Haematology", "Hematology", "Haem"),
    ("Histopathology", "Pathology", "Cellular Pathology"),
    ("Immunology", "Clinical Immunology"),
    ("Infectious Diseases", "ID", "Infectious Disease"),
    ("Intensive Care Medicine", "Intensive Care", "ICM", "ICU", "Critical Care", "Critical Care Medicine"),
    ("Medical Education", "MedEd", "Med Ed"),
    ("Medical Microbiology", "Microbiology", "Micro"),
    "Medical Oncology",
    "Medical Ophthalmology",
    "Medical Psychotherapy",
    ("Medical Virology", "Virology"),
    ("Neurology", "Neuro"),
    ("Neurosurgery", "Neurological Surgery"),
    "Nuclear Medicine",
    ("Obstetrics and Gynaecology", "O&G", "Obs and Gynae", "Obstetrics and Gynecology", "OBGYN", "OB/GYN",
     "Obstetrics", "Gynaecology", "Gynecology", "Obs"),
    "Occupational Medicine",
    "Old Age Psychiatry",
    ("Ophthalmology", "Ophthalmic Surgery", "Ophth", "Eyes"),
    ("Oral and Maxillofacial Surgery", "OMFS", "Maxillofacial Surgery", "Max Fax", "Maxfax"),
    ("Otolaryngology", "ENT", "Ear Nose and Throat", "Otorhinolaryngology"),
    "Paediatric and Perinatal Pathology",
    "Paediatric Cardiology",
    ("Paediatric Surgery", "Pediatric Surgery"),
    ("Paediatrics", "Pediatrics", "Paeds", "Peds", "Child Health"),
    ("Palliative Medicine", "Palliative Care"),
    "Pharmaceutical Medicine",
    ("Plastic Surgery", "Plastics", "Plastic and Reconstructive Surgery"),
    ("Psychiatry", "General Psychiatry", "General Adult Psychiatry", "Adult Psychiatry", "Psych"),
    ("Psychiatry of Learning Disability", "Learning Disability Psychiatry",
     "Psychiatry of Intellectual Disability"),
    ("Public Health", "Public Health Medicine"),
    ("Radiology", "Clinical Radiology", "Diagnostic Radiology", "Interventional Radiology"),
    ("Rehabilitation Medicine", "Rehab Medicine", "Rehabilitation"),
    ("Renal Medicine", "Nephrology", "Renal"),
    ("Respiratory Medicine", "Respiratory", "Resp", "Chest Medicine", "Pulmonology"),
    ("Rheumatology", "Rheum"),
    ("Sport and Exercise Medicine", "Sports Medicine", "SEM", "Sport and Exercise"),
    ("Trauma and Orthopaedic Surgery", "Trauma and Orthopaedics", "T&O", "Orthopaedics", "Orthopedics",
     "Orthopaedic Surgery", "Orthopedic Surgery", "Ortho", "Orthos"),
    "Tropical Medicine",
    ("Urology", "Urological Surgery"),
    "Vascular Surgery",
))

# NHS England's postgraduate training regions, and the three other nations, each with its own
# training body (NES, HEIW, NIMDTA), with the former deanery names still in everyday use.
DEFAULT_REGIONS = Vocabulary(terms=_terms(
    ("East Midlands", "EM Deanery"),
    ("East of England", "Eastern", "East Anglia", "EoE"),
    ("Kent, Surrey and Sussex", "KSS", "South East", "Kent Surrey Sussex"),
    ("London", "North Central and East London", "North West London", "South London", "NCEL", "NWL"),
    ("North East", "Northern", "North East and North Cumbria", "NENC"),
    ("North West", "Mersey", "Merseyside", "Cheshire and Merseyside", "North Western", "NW"),
    ("South West", "Peninsula", "Severn", "South Western", "SW"),
    ("Thames Valley", "Oxford", "Oxford Deanery", "TV"),
    ("Wessex",),
    ("West Midlands", "WM"),
    ("Yorkshire and the Humber", "Yorkshire and Humber", "Yorkshire", "Y&H"),
    ("Scotland", "NES", "NHS Education for Scotland"),
    ("Wales", "HEIW", "Cymru"),
    ("Northern Ireland", "NI", "NIMDTA"),
))


def read_vocabulary(file: str, key: str, node: Scalar | Sequence | Mapping | None, more: Sequence | None,
                    default: Vocabulary, problems: list[Problem]) -> Vocabulary:
    """A vocabulary from site.yaml's `key` (replace, or `any`) and `more_<key>` (add); problems say how to fix them.

    Each entry is a canonical name (`- Anaesthetics`) or a name with its aliases
    (`- Anaesthetics: [Anaesthesia, Anesthesiology]`).
    """
    vocabulary = default
    if isinstance(node, Scalar) and node.text.strip().casefold() == OPEN_WORD:
        vocabulary = Vocabulary(terms=default.terms, open=True)
    elif node is not None:
        terms = _read_terms(file, key, node, problems)
        vocabulary = Vocabulary(terms=terms, open=False) if terms else default
    if more is not None:
        added = _read_terms(file, f"more_{key}", more, problems)
        vocabulary = Vocabulary(terms=vocabulary.terms + added, open=vocabulary.open)
    seen: dict[str, str] = {}
    for term in vocabulary.terms:
        for written in (term.name, *term.aliases):
            other = seen.setdefault(match_key(written), term.name)
            if other != term.name:
                line = node.line if node is not None else more.line if more is not None else None
                problems.append(Problem(file, line, key, f'"{written}" is listed under both {other} and {term.name}',
                                        "keep it under one of them"))
    return vocabulary


def _read_terms(file: str, key: str, node: Scalar | Sequence | Mapping, problems: list[Problem]) -> tuple[Term, ...]:
    example = "a list, one per line: `- Anaesthetics` or `- Anaesthetics: [Anaesthesia, Anesthesiology]`"
    if not isinstance(node, Sequence):
        problems.append(Problem(file, node.line, key, f"should be {OPEN_WORD} or a list of names",
                                f"write `{key}: {OPEN_WORD}` or {example}"))
        return ()
    terms: list[Term] = []
    for item in node.items:
        if isinstance(item, Scalar) and item.text.strip():
            terms.append(Term(item.text.strip()))
        elif isinstance(item, Mapping) and len(item.entries) == 1:
            entry = item.entries[0]
            aliases = entry.value.items if isinstance(entry.value, Sequence) else (entry.value,)
            texts = [alias.text.strip() for alias in aliases if isinstance(alias, Scalar) and alias.text.strip()]
            if len(texts) == len(aliases):
                terms.append(Term(entry.key.strip(), tuple(texts)))
            else:
                problems.append(Problem(file, entry.line, key,
                                        f"the other names of {entry.key} are not a list of names", f"write {example}"))
        else:
            problems.append(Problem(file, item.line, key, "has an entry that is not a name", f"write {example}"))
    return tuple(terms)
