"""Site settings from `content/site.yaml`: every setting optional, unknown ones reported."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from mentordir.content.fields import FieldReader
from mentordir.content.files import read_inside
from mentordir.content.frontmatter import decode_text, parse_front_matter
from mentordir.model.problems import Problem, did_you_mean, relative_name

DEFAULT_GRADES = (
    "F1", "F2", "CT1", "CT2", "CT3",
    "ST1", "ST2", "ST3", "ST4", "ST5", "ST6", "ST7", "ST8",
    "SAS", "Specialty doctor", "GP", "Consultant",
)
DEFAULT_TRAINEE_GRADES = DEFAULT_GRADES[:DEFAULT_GRADES.index("ST8") + 1]
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
    grades: tuple[str, ...] = DEFAULT_GRADES
    """The grade ladder, most junior first; a bio's grade must be one of these."""
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
    setting_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)
    """The line of each setting written in site.yaml, so that a broken rule can say where it is set."""

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
              "trainee_grades", "trainee_max_capacity", "email_domains", "export_contacts")


def load_config(root: Path) -> tuple[SiteConfig, list[Problem]]:
    """Read `content/site.yaml` if there is one; defaults otherwise."""
    path = root / "content" / "site.yaml"
    if not os.path.lexists(path) or path.is_symlink() or path.parent.is_symlink():
        return SiteConfig(), []  # a link is reported with every other link under content/, never followed
    file = relative_name(path, root)
    data, problems = read_inside(root, path, file)
    if data is None:
        return SiteConfig(), problems
    text, problems = decode_text(data, file)
    if text is None:
        return SiteConfig(), problems
    tree, problems = parse_front_matter(text, file, first_line=1, what="the settings")
    if tree is None:
        return SiteConfig(), problems
    return read_config(FieldReader(file, tree, problems)), problems


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
    grades = fields.texts("grades", example="[F1, F2, CT1, ST1, Consultant]", max_items=40, max_length=40)
    lowered = [grade.lower() for grade in grades]
    if len(set(lowered)) != len(lowered):
        fields.report("grades", "lists a grade twice", "list each grade once, most junior first")
        grades = ()
    matching = fields.words("matching", max_items=60) if fields.has("matching") else None
    ladder = grades or defaults.grades
    return SiteConfig(
        title=fields.text("title", example="Returners' mentor directory", max_length=120) or defaults.title,
        description=fields.text("description", max_length=300) or defaults.description,
        base_url=normalise_base_url(base_url) if base_url else defaults.base_url,
        language=language or defaults.language,
        grades=ladder,
        indexing=bool(fields.flag("indexing")),
        export_contacts=bool(fields.flag("export_contacts")),
        team=_read_team(fields),
        matching=matching,
        trainee_grades=_read_trainee_grades(fields, ladder),
        trainee_max_capacity=_read_trainee_max_capacity(fields, ladder),
        email_domains=_read_email_domains(fields),
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
    team.reject_unknown(("name", "email", "url"))
    name = team.text("name", required=True, example="The Mentoring Team", max_length=120)
    email = team.email("email")
    url = team.https_url("url")
    if not email and not url:
        team.report(None, "gives no way to reach the team", "add `email:` or `url:` under `team:`")
    return TeamContact(name=name or "The scheme team", email=email, url=url)


def _default_trainee_grades(ladder: tuple[str, ...]) -> tuple[str, ...]:
    # F1 to ST8 as the ladder spells them; a ladder of its own may have none of them.
    trainees = {grade.lower() for grade in DEFAULT_TRAINEE_GRADES}
    return tuple(grade for grade in ladder if grade.lower() in trainees)


def _read_trainee_grades(fields: FieldReader, ladder: tuple[str, ...]) -> tuple[str, ...]:
    if not fields.has("trainee_grades"):
        return _default_trainee_grades(ladder)
    by_lower = {grade.lower(): grade for grade in ladder}
    chosen: list[str] = []
    for value in fields.texts("trainee_grades", example="[F1, F2, CT1, ST1]", max_items=40, max_length=40):
        grade = by_lower.get(value.lower())
        if grade is None:
            fields.report("trainee_grades", f'"{value}" is not a grade on this site\'s ladder'
                                            f"{did_you_mean(value, ladder)}", f"use grades from: {', '.join(ladder)}")
        elif grade not in chosen:
            chosen.append(grade)
    return tuple(chosen)


def _read_trainee_max_capacity(fields: FieldReader, ladder: tuple[str, ...]) -> int | None:
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
