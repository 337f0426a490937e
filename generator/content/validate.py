"""Check bios and schemes against the content format and build the model from them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Mapping

from mentordir.content.addresses import AddressChecks, AddressVerdicts
from mentordir.content.config import SiteConfig
from mentordir.content.fields import FieldReader
from mentordir.content.frontmatter import Document, Scalar, Sequence, parse_document
from mentordir.content.frontmatter import Mapping as YamlMapping
from mentordir.content.ladder import read_grade
from mentordir.content.sources import SchemeSource, SourceFile, Sources
from mentordir.content.markup import MarkupError, render_markdown
from mentordir.content.placeholders import is_placeholder, prompt_lines
from mentordir.content.stamps import KnownBios
from mentordir.content.vocabularies import read_names
from mentordir.model.models import (CONTACT_ROUTES, FOCUS_WORDS, WORKING_MODES, Contact, Content, HandbookChapter,
                                    Mentor, PhotoSource, Scheme)
from mentordir.model.fingerprint import fingerprint
from mentordir.model.problems import Problem, errors_in
from mentordir.content.rules import (SCHEME_RULE_FIELDS, SchemeRules, check_email_domain, check_mentor_rules,
                             check_review_date, read_scheme_rules)

BIO_FIELDS = ("name", "pronouns", "photo", "grade", "specialty", "region", "organisation", "schemes", "style",
              "working", "capacity", "mentees", "full_until", "contact", "matching", "updated",
              "photo_focus", "github", "away_until")
CONTACT_FIELDS = ("preferred", "email", "phone", "url")
SCHEME_FIELDS = ("title", "summary", "audience", "mentors", "pairing", "support", "contact", *SCHEME_RULE_FIELDS)
PAGE_FIELDS = ("title", "order")
# The extension in any case: cameras and phones save IMG.JPG, and the photo is named as uploaded.
PHOTO_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.(?i:jpe?g|png|webp)$")
MAX_STYLE_SENTENCES = 3
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s+\S|$)")


BioCheck = tuple[bytes, bytes, Mentor | None, tuple[Problem, ...]]
"""(digest of everything validation reads besides the bio, the bio's bytes, its Mentor or None, its problems)."""


SchemeResults = tuple[tuple[tuple[Scheme, SchemeRules], ...], tuple[Problem, ...]]


@dataclass(frozen=True)
class CheckedContent:
    """What reading and validation found in an earlier build, so that unchanged bios and schemes are not
    read or checked again."""

    bios: Mapping[str, BioCheck] = field(default_factory=dict)
    """Bio file -> what checking it found. Its bytes are kept whole rather than digested: a bio not read
    again brings the very bytes object loading kept (`read`), so comparing them costs nothing where
    hashing a thousand bios took 2 ms, and the memory file holds each bio's bytes once."""
    schemes: tuple[tuple[SchemeSource, ...], SiteConfig, SchemeResults] | None = None
    """The scheme files and settings last validated, with the schemes that passed and every problem found."""
    addresses: AddressVerdicts = field(default_factory=AddressVerdicts)
    """What the address libraries said of the listed mentors' addresses, for a bio edited elsewhere than its contact."""
    read: KnownBios = field(default_factory=KnownBios)
    """The bios as loading last read them, with their stamps: one unchanged since is not read again."""


def validate_content(sources: Sources, config: SiteConfig, today: dt.date) -> tuple[Content, list[Problem]]:
    """Validate every scheme and bio as of `today`; the model holds only the files that passed."""
    content, problems, _ = revalidate_content(sources, config, today, CheckedContent())
    return content, problems


def revalidate_content(sources: Sources, config: SiteConfig, today: dt.date, earlier: CheckedContent,
                       addresses: AddressChecks | None = None) -> tuple[Content, list[Problem], CheckedContent]:
    """validate_content, reusing `earlier` results for schemes and bios whose bytes and context are unchanged.

    Also returns what to pass next time: this build's results, and nothing for bios that
    changed or went away, so it never grows beyond the site. `addresses` are this build's
    address checks so far (the settings' team address), made from `earlier.addresses`.
    """
    if earlier.schemes is not None and earlier.schemes[:2] == (sources.schemes, config):
        scheme_results = earlier.schemes[2]
    else:
        scheme_problems: list[Problem] = []
        scheme_results = (tuple(found for source in sources.schemes
                                if (found := validate_scheme(source, config, scheme_problems))), tuple(scheme_problems))
    validated, found_in_schemes = scheme_results
    problems = list(found_in_schemes)
    schemes = tuple(scheme for scheme, _ in validated)
    rules = {scheme.slug: scheme_rules for scheme, scheme_rules in validated}
    # Everything validate_mentor reads besides the bio itself. The photos' paths as plain
    # strings: the repr() of a thousand Paths took 2 ms of every build.
    photos = sorted(sources.photos.items())
    context = fingerprint(config, sorted(rules.items()), [s.slug for s in sources.schemes],
                          [name for name, _ in photos], "\n".join(str(path) for _, path in photos), today)
    mentors: list[Mentor] = []
    results: dict[str, BioCheck] = {}
    addresses = addresses if addresses is not None else AddressChecks(earlier.addresses)
    for source in sources.mentors:
        result = earlier.bios.get(source.file)
        if result is None or result[0] != context or result[1] != source.data:
            found: list[Problem] = []
            mentor = validate_mentor(source, sources, config, rules, today, found, addresses)
            result = (context, source.data, mentor, tuple(found))
        results[source.file] = result
        _, _, mentor, found_before = result
        problems += found_before
        if mentor is not None:
            mentors.append(mentor)
    problems += _unused_photos(sources, {mentor.photo.path.name for mentor in mentors if mentor.photo}, problems)
    # A build that is kept has no bio with errors, so every bio not checked again is among `mentors`.
    listed = {address for mentor in mentors for address in (mentor.contact.email, mentor.contact.phone) if address}
    return (Content(mentors=tuple(mentors), schemes=schemes), problems,
            CheckedContent(bios=results, schemes=(sources.schemes, config, scheme_results),
                           addresses=addresses.verdicts(listed)))


def _unused_photos(sources: Sources, used: set[str], problems: list[Problem]) -> list[Problem]:
    # A bio with errors cannot say which photo it uses, so unused photos are reported
    # only once every bio is valid (the build stops on errors anyway). `used` holds file
    # names, every photo being in the one folder: hashing a thousand Paths took 2 ms.
    if errors_in(problems):
        return []
    # An error, not a warning: a photo uploaded without its `photo:` line means a mentor
    # believes their photo is on the site when it is not.
    return [Problem(f"content/mentors/{name}", None, None, "is not the photo of any bio",
                    f"name it in a bio as `photo: {name}`, or remove the file")
            for name in sorted(sources.photos) if name not in used]


def validate_mentor(source: SourceFile, sources: Sources, config: SiteConfig, scheme_rules: dict[str, SchemeRules],
                    today: dt.date, problems: list[Problem], addresses: AddressChecks | None = None) -> Mentor | None:
    """Check one bio against the format and the scheme's rules; None when it has errors (added to `problems`).

    `addresses` answers for addresses checked before, and keeps what this bio's are found to be.
    """
    document = _parse(source, problems)
    if document is None:
        return None
    found: list[Problem] = []
    fields = FieldReader(source.file, document.front, found, addresses=addresses)
    misplaced = [entry.key for entry in document.front.entries if entry.key in CONTACT_FIELDS]
    for key in misplaced:  # `contact:` followed by unindented lines: each is a contact field at the top
        fields.report(key, "belongs under `contact:`",
                      f"indent `{key}:` with two spaces, under the `contact:` line")
    fields.reject_unknown((*BIO_FIELDS, *misplaced))
    name = fields.text("name", required=True, example="Dr Jane Doe", max_length=120, needs_letter=True)
    grade = read_grade(fields, "grade", config.ladder, required=True)
    capacity = fields.whole_number("capacity", required=True, minimum=1, maximum=50, example="2")
    mentees = fields.whole_number("mentees", minimum=0, example="0") or 0
    if capacity is not None and mentees > capacity:
        fields.report("mentees", f"is {mentees}, more than capacity ({capacity})",
                      "mentees counts your current mentees, from 0 up to your capacity")
    mentor = Mentor(
        slug=source.slug,
        source=source.file,
        name=name or "",
        pronouns=fields.text("pronouns", example="she/her", max_length=40),
        photo=_photo(fields, sources),
        grade=grade or "",
        grade_rank=config.level_of(grade) if grade else 0,
        specialties=read_names(fields, "specialty", config.specialties, what="specialty", setting="specialties",
                               required=True, example="Anaesthetics", max_items=5),
        region=next(iter(read_names(fields, "region", config.regions, what="region", setting="regions",
                                    example="Wessex", max_length=80)), None),
        organisation=fields.text("organisation", example="Example Hospital", max_length=120),
        # Every scheme on disk counts as known: a scheme with its own errors is reported
        # on its own file, not again on every bio that lists it.
        schemes=fields.words("schemes", allowed=tuple(s.slug for s in sources.schemes), example="[returners]",
                             allowed_from=" (the schemes in content/schemes/)", unknown="is not a scheme on this site"),
        style=_style(fields),
        working=fields.words("working", allowed=WORKING_MODES, example="[face-to-face, video]",
                             unknown="is not a way of meeting we list"),
        capacity=capacity or 1,
        mentees=mentees,
        full_until=fields.date("full_until", example="2027-03-01"),
        contact=_contact(fields, config),
        matching=fields.words("matching", allowed=config.matching, example="[parent, less-than-full-time]",
                              allowed_from=f" (set by `matching` in {config.place_of('matching')})",
                              unknown="is not one of the site's matching words"),
        updated=fields.date("updated", example="2026-10-01"),
        bio_html=_body(document, found, "bio", first_heading=3),
        github=_github(fields),
        away_until=fields.date("away_until", example="2027-03-01"),
    )
    if not document.body.strip():
        found.append(Problem(source.file, document.body_line, "bio", "the bio text below the front matter is empty",
                             "write a few paragraphs: who you are, why you mentor, how you like to work"))
    check_review_date(fields, mentor.updated, today)
    check_mentor_rules(fields, mentor, config, scheme_rules)
    found = _with_placeholders(document, found)
    problems += found
    return None if errors_in(found) else mentor


def _with_placeholders(document: Document, found: list[Problem]) -> list[Problem]:
    """`found`, with an error for every value and prompt of the template still in the bio.

    Any other problem on a placeholder's line (Your Specialty is not a specialty) goes: the
    mentor has one thing to do there, which is to write their own.
    """
    placeholders: list[Problem] = []
    entries = [(entry.key, entry) for entry in document.front.entries]
    contact = document.front.get("contact")
    if contact is not None and isinstance(contact.value, YamlMapping):
        entries += [(f"contact.{entry.key}", entry) for entry in contact.value.entries]
    for name, entry in entries:
        values = entry.value.items if isinstance(entry.value, Sequence) else (entry.value,)
        for value in values:
            if isinstance(value, Scalar) and is_placeholder(name, value.text):
                placeholders.append(Problem(document.file, value.line, name,
                                            f'still says "{value.text.strip()}", the example from the template',
                                            f"write your own {name.rpartition('.')[2]} instead, or delete the "
                                            "line if it is optional"))
    for index, prompt in prompt_lines(document.body):
        placeholders.append(Problem(document.file, document.body_line + index, "bio",
                                    f'still holds the template\'s prompt "{prompt} ..."',
                                    "replace the prompt with a few sentences of your own, in the first person"))
    taken = {(problem.line, problem.field) for problem in placeholders}
    return placeholders + [problem for problem in found if (problem.line, problem.field) not in taken]


def _github(fields: FieldReader) -> str | None:
    login = fields.text("github", example="jane-doe", max_length=39)
    return login if login is not None and fields.github_login("github", login) else None


def _parse(source: SourceFile, problems: list[Problem]) -> Document | None:
    document, found = parse_document(source.data, source.file)
    problems += found
    return document


def _photo(fields: FieldReader, sources: Sources) -> PhotoSource | None:
    # Checked with or without a photo: a wrong word must not wait to be found until the photo comes.
    focus = fields.choice("photo_focus", FOCUS_WORDS, example="upper", unknown="is not a place in the photo we know")
    name = fields.text("photo", example="jane-doe.jpg", max_length=100)
    if name is None:
        return None
    if not PHOTO_NAME.match(name):
        fields.report("photo", f'"{name}" is not the name of a photo file beside the bio',
                      "write just the file name, like `photo: jane-doe.jpg` (no folders or web addresses); the name "
                      "before the dot in lower-case letters, digits and hyphens")
        return None
    path = sources.photos.get(name)
    if path is None:
        other = next((other for other in sources.photos if other.lower() == name.lower()), None)
        if other is not None:  # jane-doe.JPG uploaded, jane-doe.jpg written: name the file as it is
            fields.report("photo", f'"{name}" is not in content/mentors/, but "{other}" is',
                          f"write the name exactly as the file is: `photo: {other}`")
        else:
            fields.report("photo", f'"{name}" is not in content/mentors/',
                          "upload the photo beside your bio with exactly this name, or remove the photo line")
        return None
    return PhotoSource(path=path, line=fields.line_of("photo"), focus=FOCUS_WORDS[focus] if focus else None)


def _style(fields: FieldReader) -> str:
    style = fields.text("style", required=True, example="I listen first and help you find your own plan.",
                        max_length=400)
    if style is None:
        return ""
    sentences = len(_SENTENCE_END.findall(style)) or 1
    if sentences > MAX_STYLE_SENTENCES:
        fields.report("style", f"has {sentences} sentences", "keep it to 1-3 sentences; say more in the bio below")
    return style


def _contact(fields: FieldReader, config: SiteConfig) -> Contact:
    example = "`contact:` with indented lines under it, like `preferred: email` and `email: jane.doe@example.org`"
    contact = fields.mapping_of("contact", required=True, example=example)
    if contact is None:
        return Contact(preferred="team", email=None, phone=None, url=None)
    contact.reject_unknown(CONTACT_FIELDS)
    preferred = contact.choice("preferred", CONTACT_ROUTES, required=True, example="email")
    found = Contact(preferred=preferred or "team", email=contact.email("email"), phone=contact.phone("phone"),
                    url=contact.https_url("url"))
    check_email_domain(contact, found.email, config)
    if preferred == "team" and config.team is None:
        contact.report("preferred", "is team, but content/site.yaml names no scheme team",
                       "choose email, phone or url, or ask the scheme team to add `team:` to site.yaml")
    elif preferred and preferred != "team" and not contact.has(preferred):
        contact.report("preferred", f"is {preferred}, but no {preferred} is given",
                       f"add `{preferred}:` under contact, or choose a way you did give")
    return found


def _body(document: Document, problems: list[Problem], field: str, first_heading: int = 2) -> str:
    try:
        return render_markdown(document.body, first_heading)
    except MarkupError as error:
        problems.append(Problem(document.file, document.body_line, field, str(error),
                                "shorten the text and use at most a few levels of lists"))
        return ""


def validate_scheme(source: SchemeSource, config: SiteConfig,
                    problems: list[Problem]) -> tuple[Scheme, SchemeRules] | None:
    """Check a scheme's settings, rules and handbook pages; None when any has errors."""
    document = _parse(source.settings, problems)
    if document is None:
        return None
    found: list[Problem] = []
    fields = FieldReader(source.settings.file, document.front, found)
    fields.reject_unknown(SCHEME_FIELDS)
    title = fields.text("title", required=True, example="Returning to Training Mentoring", max_length=120)
    first = HandbookChapter(slug="", source=source.settings.file, title=title or "", order=0,
                         html=_body(document, found, "handbook"))
    pages = [page for page_source in source.pages if (page := _handbook_page(page_source, found)) is not None]
    pages.sort(key=lambda page: (page.order, page.slug))
    scheme = Scheme(slug=source.slug, source=source.settings.file, title=title or "",
                    summary=fields.text("summary", max_length=300), audience=fields.text("audience", max_length=600),
                    mentors=fields.text("mentors", max_length=600), pairing=fields.text("pairing", max_length=600),
                    support=fields.text("support", max_length=600), contact=fields.text("contact", max_length=300),
                    pages=(first, *pages))
    # A rule written wrongly is reported without dropping the scheme, which would make
    # every bio that lists it fail as well.
    rules = read_scheme_rules(FieldReader(source.settings.file, document.front, problems), source.slug, config)
    problems += found
    return None if errors_in(found) else (scheme, rules)


def _handbook_page(source: SourceFile, problems: list[Problem]) -> HandbookChapter | None:
    document = _parse(source, problems)
    if document is None:
        return None
    fields = FieldReader(source.file, document.front, problems)
    fields.reject_unknown(PAGE_FIELDS)
    title = fields.text("title", required=True, example="How pairing works", max_length=120)
    order = fields.whole_number("order", example="1", maximum=999)
    html = _body(document, problems, "handbook")
    return HandbookChapter(slug=source.slug, source=source.file, title=title or "", order=order or 999, html=html)
