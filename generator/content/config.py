"""Site settings from `content/site.yaml`: every setting optional, unknown ones reported."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from mentordir.content.addresses import AddressChecks
from mentordir.content.fields import WORD, FieldReader
from mentordir.content.frontmatter import Scalar, Sequence, decode_text, parse_front_matter
from mentordir.content.ladder import GradeLadder, read_ladder
from mentordir.content.vocabularies import DEFAULT_REGIONS, DEFAULT_SPECIALTIES, Vocabulary, read_vocabulary
from mentordir.content.files import read_inside
from mentordir.model.models import WORKING_LABELS
from mentordir.model.problems import Problem, did_you_mean, relative_name

DEFAULT_GRADES = GradeLadder().grades
DEFAULT_TRAINEE_GRADES = DEFAULT_GRADES[:DEFAULT_GRADES.index("ST8") + 1]
DEFAULT_LABELS = {**WORKING_LABELS, "lgbtq": "LGBTQ+", "less-than-full-time": "Less than full time (LTFT)",
                  "ltft": "LTFT", "img": "IMG", "international-graduate": "International graduate (IMG)",
                  "bame": "BAME", "adhd": "ADHD", "sas": "SAS", "gp": "GP", "nhs": "NHS", "oop": "OOP"}
"""How the shipped working modes and common matching words are shown, acronyms in capitals."""
SITE_FILE = "content/site.yaml"
DOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$")


@dataclass(frozen=True)
class TeamContact:
    """The scheme team, who introduce mentees to mentors that prefer `team` contact."""

    name: str
    """How the team is named on the site, e.g. `The Returners' Mentoring Team`."""
    email: str | None
    """The team's e-mail address."""
    url: str | None
    """An https:// page about contacting the team."""
    github: tuple[str, ...] = ()
    """GitHub usernames of the scheme team, who may change any bio (`check --author`)."""


@dataclass(frozen=True)
class Brand:
    """The scheme's own colour and logo, set in site.yaml instead of copying the theme's CSS."""

    colour: str | None
    """The header's colour as `#rrggbb`, dark enough for white text (contrast of 4.5:1 or more)."""
    logo: str | None
    """A file name: the logo beside site.yaml, or in the site's theme/static/, shown in the header."""


@dataclass(frozen=True)
class SiteConfig:
    """Settings for the whole site."""

    title: str = "Mentor directory"
    """The site's name, shown in every page's header and title."""
    description: str = "Find a doctor who mentors colleagues, see who is taking mentees, and get in touch."
    """One sentence under the title on the directory page."""
    base_url: str = "/"
    """Where the site is published, e.g. `https://example.github.io/mentors/`; every link is built from it."""
    language: str = "en-GB"
    """The language of the pages, as a BCP 47 tag."""
    ladder: GradeLadder = GradeLadder()
    """The grade ladder: levels of equally senior grades, most junior first, and aliases; a bio's grade is on it."""
    indexing: bool = False
    """Whether search engines may index the site (off by default: these are colleagues' personal pages)."""
    export_contacts: bool = False
    """Whether the open-data export `mentors.json` includes contact details (off by default)."""
    team: TeamContact | None = None
    """The scheme team's contact, needed when any mentor prefers `team` contact."""
    matching: tuple[str, ...] | None = None
    """The allowed matching words; None allows any lower-case hyphenated word."""
    trainee_grades: tuple[str, ...] = DEFAULT_TRAINEE_GRADES
    """The grades of the ladder that count as trainees, for `trainee_max_capacity`."""
    trainee_max_capacity: int | None = None
    """The most mentees a trainee mentor may take at once; None sets no limit."""
    email_domains: tuple[str, ...] | None = None
    """Where mentors' e-mail addresses should be (a domain or any of its subdomains); None allows any."""
    brand: Brand | None = None
    """The scheme's colour and logo; None keeps the built-in theme's."""
    specialties: Vocabulary = DEFAULT_SPECIALTIES
    """The specialties a bio may name, with their aliases; open to any text with `specialties: any`."""
    regions: Vocabulary = DEFAULT_REGIONS
    """The regions a bio may name, with their aliases; open to any text with `regions: any`."""
    labels: tuple[tuple[str, str], ...] = ()
    """How the site shows matching words and working modes, as (word, label), beside DEFAULT_LABELS."""
    synonyms: tuple[tuple[str, ...], ...] = ()
    """The site's own groups of words that search treats as the same, beside the shipped ones."""
    access: str = "public"
    """`public` (anyone may read the site) or `code` (everything personal is encrypted; see generator/private/)."""
    access_note: str | None = None
    """With `access: code`, what the locked page says about getting the code ("Ask the returners' team ...")."""
    setting_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)
    """The line of each setting written in site.yaml, so that a broken rule can say where it is set."""

    @property
    def grades(self) -> tuple[str, ...]:
        """Every grade of the ladder, most junior level first."""
        return self.ladder.grades

    def level_of(self, grade: str) -> int:
        """The level of a grade on the ladder, 0 being the most junior."""
        return self.ladder.level_of(grade)

    def label_of(self, word: str) -> str:
        """How a matching word or working mode is shown: the site's label, the shipped one, or the word in words."""
        return dict(self.labels).get(word) or DEFAULT_LABELS.get(word) or word.replace("-", " ").capitalize()

    @property
    def base_path(self) -> str:
        """The path part of the base URL, always starting and ending with `/`."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def origin(self) -> str | None:
        """`https://host` when the base URL is absolute, else None."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None

    def place_of(self, setting: str) -> str:
        """Where a setting is written, as messages name it: `content/site.yaml:12`."""
        line = dict(self.setting_lines).get(setting)
        return f"{SITE_FILE}:{line}" if line else SITE_FILE

    def with_base_url(self, base_url: str) -> "SiteConfig":
        """The same settings published at another address."""
        return replace(self, base_url=normalise_base_url(base_url))


KNOWN_KEYS = ("title", "description", "base_url", "language", "grades", "indexing", "team", "matching",
              "trainee_grades", "trainee_max_capacity", "email_domains", "export_contacts", "grade_aliases", "labels",
              "synonyms", "brand", "specialties", "more_specialties", "regions", "more_regions",
              "access", "access_note")


def load_config(root: Path, addresses: AddressChecks | None = None) -> tuple[SiteConfig, list[Problem]]:
    """Read `content/site.yaml` if there is one; defaults otherwise.

    `addresses` answers for the team's e-mail address when an earlier build checked it.
    """
    path = root / "content" / "site.yaml"
    if path.is_symlink() or path.parent.is_symlink():
        return SiteConfig(), []  # a link is reported with every other link under content/, never followed
    file = relative_name(path, root)
    if path.is_dir():  # a folder by mistake: its settings would be ignored in silence
        return SiteConfig(), [Problem(file, None, None, "is a folder, not the file of site settings",
                                      "move the settings out of the folder into a file named content/site.yaml")]
    if not os.path.lexists(path):
        return SiteConfig(), []
    data, problems = read_inside(root, path, file)
    if data is None:
        return SiteConfig(), problems
    text, problems = decode_text(data, file)
    if text is None:
        return SiteConfig(), problems
    tree, problems = parse_front_matter(text, file, first_line=1, what="the settings")
    if tree is None:
        return SiteConfig(), problems
    return read_config(FieldReader(file, tree, problems, addresses=addresses)), problems


def read_config(fields: FieldReader) -> SiteConfig:
    """Build settings from site.yaml's fields, keeping the default for anything missing or wrong."""
    fields.reject_unknown(KNOWN_KEYS)
    defaults = SiteConfig()
    base_url = fields.text("base_url", example="https://example.github.io/mentors/", max_length=300)
    if base_url is not None and not _valid_base_url(base_url):
        fields.report("base_url", f'"{base_url}" is not a web address or a path',
                      "write the address the site is published at, like https://example.github.io/mentors/")
        base_url = None
    language = fields.text("language", example="en-GB", max_length=20)
    if language is not None and not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", language):
        fields.report("language", f'"{language}" is not a language tag', "write a tag like en-GB")
        language = None
    ladder = read_ladder(fields)
    matching = fields.words("matching", max_items=60) if fields.has("matching") else None
    indexing = bool(fields.flag("indexing"))
    access = fields.choice("access", ("public", "code"), example="code")
    if access == "code" and indexing:
        fields.report("indexing", "asks search engines to index a private site (`access: code`)",
                      "remove `indexing: true`: a private site always asks not to be indexed")
    return SiteConfig(
        title=fields.text("title", example="Returners' mentor directory", max_length=120) or defaults.title,
        description=fields.text("description", max_length=300) or defaults.description,
        base_url=normalise_base_url(base_url) if base_url else defaults.base_url,
        language=language or defaults.language,
        ladder=ladder,
        indexing=indexing,
        export_contacts=bool(fields.flag("export_contacts")),
        team=_read_team(fields),
        matching=matching,
        trainee_grades=_read_trainee_grades(fields, ladder),
        trainee_max_capacity=_read_trainee_max_capacity(fields, ladder),
        email_domains=_read_email_domains(fields),
        brand=_read_brand(fields),
        specialties=_read_vocabulary(fields, "specialties", DEFAULT_SPECIALTIES),
        regions=_read_vocabulary(fields, "regions", DEFAULT_REGIONS),
        labels=_read_labels(fields),
        synonyms=_read_synonyms(fields),
        access=access or defaults.access,
        access_note=fields.text("access_note", max_length=400,
                                example="Ask the returners' team at returners@example.org for the access code"),
        setting_lines=tuple((entry.key, entry.line) for entry in fields.mapping.entries if entry.key in KNOWN_KEYS),
    )


def normalise_base_url(base_url: str) -> str:
    """Give the base URL exactly one trailing slash."""
    return base_url.rstrip("/") + "/"


def _valid_base_url(value: str) -> bool:
    path = r"/[A-Za-z0-9._~/-]*"
    return bool(re.fullmatch(rf"https?://[A-Za-z0-9.-]+(?::[0-9]{{1,5}})?(?:{path})?|{path}", value))


def _read_team(fields: FieldReader) -> TeamContact | None:
    team = fields.mapping_of("team", example="`team:` with indented lines under it, like "
                                             "`name: The Mentoring Team` and `email: mentoring@example.org`")
    if team is None:
        return None
    team.reject_unknown(("name", "email", "url", "github"))
    name = team.text("name", required=True, example="The Mentoring Team", max_length=120)
    email = team.email("email")
    url = team.https_url("url")
    if not email and not url:
        team.report(None, "gives no way to reach the team", "add `email:` or `url:` under `team:`")
    github = tuple(login for login in team.texts("github", example="[jane-doe, team-lead]", max_items=40,
                                                 max_length=39) if team.github_login("github", login))
    return TeamContact(name=name or "The scheme team", email=email, url=url, github=github)


def _read_vocabulary(fields: FieldReader, key: str, default: Vocabulary) -> Vocabulary:
    entry, more = fields.mapping.get(key), fields.mapping.get(f"more_{key}")
    more_items = more.value if more is not None and isinstance(more.value, Sequence) else None
    if more is not None and more_items is None:
        fields.report(f"more_{key}", "should be a list of names", f"write one name per line under `more_{key}:`, "
                                                                    "like `- Anaesthetics`")
    return read_vocabulary(fields.file, key, entry.value if entry is not None else None, more_items, default,
                           fields.problems)


def _default_trainee_grades(ladder: GradeLadder) -> tuple[str, ...]:
    # F1 to ST8 as the ladder spells them; a ladder of its own may have none of them.
    trainees = {grade.lower() for grade in DEFAULT_TRAINEE_GRADES}
    return tuple(grade for grade in ladder.grades if grade.lower() in trainees)


def _read_trainee_grades(fields: FieldReader, ladder: GradeLadder) -> tuple[str, ...]:
    if not fields.has("trainee_grades"):
        return _default_trainee_grades(ladder)
    chosen: list[str] = []
    for value in fields.texts("trainee_grades", example="[F1, F2, CT1, ST1]", max_items=40, max_length=40):
        grade = ladder.find(value)
        if grade is None:
            fields.report("trainee_grades", f'"{value}" is not a grade on this site\'s ladder'
                                            f"{did_you_mean(value, ladder.grades)}",
                          f"use grades from: {', '.join(ladder.grades)}")
        elif grade not in chosen:
            chosen.append(grade)
    return tuple(chosen)


def _read_trainee_max_capacity(fields: FieldReader, ladder: GradeLadder) -> int | None:
    limit = fields.whole_number("trainee_max_capacity", minimum=1, maximum=50, example="2")
    if limit is not None and not fields.has("trainee_grades") and not _default_trainee_grades(ladder):
        fields.report("trainee_max_capacity", "applies to no grade: none of F1 to ST8 is on this site's ladder",
                      "say which grades are trainees, like `trainee_grades: [FY1, FY2, StR]`")
    return limit


def _read_email_domains(fields: FieldReader) -> tuple[str, ...] | None:
    if not fields.has("email_domains"):
        return None
    domains: list[str] = []
    for value in fields.texts("email_domains", example="[nhs.net, example.nhs.uk]", max_items=40, max_length=100):
        domain = value.lower()
        if not DOMAIN.match(domain):
            example = domain.rpartition("@")[2] if "@" in domain and DOMAIN.match(domain.rpartition("@")[2]) \
                else "nhs.net"
            fields.report("email_domains", f'"{value}" is not an e-mail domain',
                          f"write just the part after the @, like {example}")
        elif domain not in domains:
            domains.append(domain)
    return tuple(domains) or None


# A logo is published as it is: a plain file name (no folders) of an image type a browser shows in <img>.
LOGO_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}\.(?:svg|png|webp|jpe?g)")


def _read_brand(fields: FieldReader) -> Brand | None:
    brand = fields.mapping_of("brand", example='`brand:` with indented lines under it, like `colour: "#005eb8"` '
                                               "and `logo: logo.svg`")
    if brand is None:
        return None
    brand.reject_unknown(("colour", "logo"))
    colour = brand.text("colour", example='"#005eb8"', max_length=20)
    if colour is not None:
        colour = _checked_colour(brand, colour)
    logo = brand.text("logo", example="logo.svg", max_length=100)
    if logo is not None and not LOGO_NAME.fullmatch(logo):
        brand.report("logo", f'"{logo}" is not the name of an image file',
                     "save the logo as an .svg, .png, .webp or .jpg file beside site.yaml and write just its "
                     "name, like logo.svg")
        logo = None
    return Brand(colour=colour, logo=logo) if colour or logo else None


def _checked_colour(brand: FieldReader, colour: str) -> str | None:
    value = colour.strip().lower()
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        value = "#" + "".join(digit * 2 for digit in value[1:])
    if not re.fullmatch(r"#[0-9a-f]{6}", value):
        brand.report("colour", f'"{colour}" is not a colour we can read',
                     'write it as # and six hexadecimal digits, in quotes, like "#005eb8"')
        return None
    ratio = contrast_with_white(value)
    if ratio < 4.5:
        brand.report("colour", f"{colour} is too light for the white text on it (contrast {ratio:.1f} to 1, "
                               "and 4.5 to 1 is needed to read it easily)",
                     "choose a darker shade of your colour")
        return None
    return value


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio of white text on a `#rrggbb` colour, from 1 to 21."""
    channels = [int(colour[index:index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4 for value in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def _read_labels(fields: FieldReader) -> tuple[tuple[str, str], ...]:
    labels = fields.mapping_of("labels", example="`labels:` with lines under it like `lgbtq: LGBTQ+`")
    if labels is None:
        return ()
    found = []
    for entry in labels.mapping.entries:
        if not WORD.match(entry.key):
            # Bios write matching words and working modes in lower case, so this label would never show.
            labels.report(entry.key, "is not a matching word or working mode as bios write them",
                          f'write the word in lower case with hyphens, like "{"-".join(entry.key.lower().split())}"')
            continue
        label = labels.text(entry.key, example="LGBTQ+", max_length=60)
        if label:
            found.append((entry.key, label))
    return tuple(found)


def _read_synonyms(fields: FieldReader) -> tuple[tuple[str, ...], ...]:
    entry = fields.mapping.get("synonyms")
    if entry is None or not fields.has("synonyms"):
        return ()
    example = "`synonyms:` with lines under it like `- [SpR, registrar]`"
    groups = entry.value.items if isinstance(entry.value, Sequence) else None
    if groups is None or len(groups) > 200:
        fields.report("synonyms", "should be a list of groups of words that mean the same (at most 200)",
                      f"write {example}")
        return ()
    found = []
    for group in groups:
        phrases = group.items if isinstance(group, Sequence) else ()
        texts = [" ".join(p.text.split()) for p in phrases if isinstance(p, Scalar) and p.text.strip()]
        if len(texts) < 2 or len(texts) != len(phrases) or any(len(text) > 60 for text in texts):
            fields.report("synonyms", "has an entry that is not a list of two or more words or phrases",
                          f"write each group in brackets: {example}")
            return ()
        found.append(tuple(texts))
    return tuple(found)
