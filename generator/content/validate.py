"""Check bios and schemes against the content format and build the model from them."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from pathlib import Path

from mentordir.content.config import SiteConfig
from mentordir.content.fields import FieldReader
from mentordir.content.frontmatter import Document, parse_document
from mentordir.content.load import SchemeSource, SourceFile, Sources
from mentordir.content.markup import MarkupError, render_markdown
from mentordir.serve.memo import BuildMemo, fingerprint
from mentordir.model.models import (CONTACT_ROUTES, FOCUS_WORDS, WORKING_MODES, Contact, Content, HandbookChapter,
                                    Mentor, PhotoSource, Scheme)
from mentordir.model.problems import Problem, Severity, errors_in
from mentordir.content.rules import (SCHEME_RULE_FIELDS, SchemeRules, check_email_domain, check_mentor_rules,
                             check_review_date, read_scheme_rules)

log = logging.getLogger(__name__)

BIO_FIELDS = ("name", "pronouns", "photo", "grade", "specialty", "region", "organisation", "schemes", "style",
              "working", "capacity", "mentees", "full_until", "contact", "matching", "updated",
              "photo_focus")
CONTACT_FIELDS = ("preferred", "email", "phone", "url")
SCHEME_FIELDS = ("title", "summary", "audience", "mentors", "pairing", "support", "contact", *SCHEME_RULE_FIELDS)
PAGE_FIELDS = ("title", "order")
PHOTO_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.(?:jpe?g|png|webp)$")
MAX_STYLE_SENTENCES = 3
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s+\S|$)")


def validate_content(sources: Sources, config: SiteConfig, today: dt.date,
                     memo: BuildMemo | None = None) -> tuple[Content, list[Problem]]:
    """Validate every scheme and bio as of `today`; the model holds only the files that passed.

    With a memo, a bio whose bytes and context are unchanged is not validated again: the
    same Mentor object and problems come back.
    """
    problems: list[Problem] = []
    validated = [found for source in sources.schemes if (found := validate_scheme(source, config, problems))]
    schemes = tuple(scheme for scheme, _ in validated)
    rules = {scheme.slug: scheme_rules for scheme, scheme_rules in validated}
    # Everything validate_mentor reads besides the bio itself.
    context = fingerprint(config, sorted(rules.items()), [s.slug for s in sources.schemes],
                          sorted(sources.photos.items()), today)
    mentors: list[Mentor] = []
    used: set[tuple[str, bytes, bytes]] = set()
    for source in sources.mentors:
        key = (source.file, hashlib.blake2b(source.data, digest_size=16).digest(), context)
        used.add(key)
        if memo is not None and key in memo.bios:
            mentor, found = memo.bios[key]
        else:
            found = []
            mentor = validate_mentor(source, sources, config, rules, today, found)
            if memo is not None:
                memo.bios[key] = (mentor, found)
        problems += found
        if mentor is not None:
            mentors.append(mentor)
    if memo is not None:  # forget bios that changed or went away, so the memo does not grow for ever
        for stale in memo.bios.keys() - used:
            del memo.bios[stale]
    problems += _unused_photos(sources, {mentor.photo.path for mentor in mentors if mentor.photo}, problems)
    return Content(mentors=tuple(mentors), schemes=schemes), problems


def _unused_photos(sources: Sources, used: set[Path], problems: list[Problem]) -> list[Problem]:
    # A bio with errors cannot say which photo it uses, so unused photos are reported
    # only once every bio is valid (the build stops on errors anyway).
    if errors_in(problems):
        return []
    return [Problem(f"content/mentors/{name}", None, None, "is not the photo of any bio",
                    f"name it in a bio as `photo: {name}`, or remove the file", Severity.WARNING)
            for name, path in sorted(sources.photos.items()) if path not in used]


def validate_mentor(source: SourceFile, sources: Sources, config: SiteConfig, scheme_rules: dict[str, SchemeRules],
                    today: dt.date, problems: list[Problem]) -> Mentor | None:
    """Check one bio against the format and the scheme's rules; None when it has errors (added to `problems`)."""
    document = _parse(source, problems)
    if document is None:
        return None
    found: list[Problem] = []
    fields = FieldReader(source.file, document.front, found)
    fields.reject_unknown(BIO_FIELDS)
    name = fields.text("name", required=True, example="Dr Jane Doe", max_length=120, needs_letter=True)
    grade = fields.choice("grade", config.grades, required=True, example="ST6",
                          unknown="is not a grade on this site's ladder")
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
        grade_rank=config.grades.index(grade) if grade else 0,
        specialties=fields.texts("specialty", required=True, example="Anaesthetics", max_items=5),
        region=fields.text("region", example="Wessex", max_length=80),
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
    )
    if not document.body.strip():
        found.append(Problem(source.file, document.body_line, "bio", "the bio text below the front matter is empty",
                             "write a few paragraphs: who you are, why you mentor, how you like to work"))
    check_review_date(fields, mentor.updated, today)
    check_mentor_rules(fields, mentor, config, scheme_rules)
    problems += found
    return None if errors_in(found) else mentor


def _parse(source: SourceFile, problems: list[Problem]) -> Document | None:
    document, found = parse_document(source.data, source.file)
    problems += found
    return document


def _photo(fields: FieldReader, sources: Sources) -> PhotoSource | None:
    name = fields.text("photo", example="jane-doe.jpg", max_length=100)
    if name is None:
        return None
    if not PHOTO_NAME.match(name):
        fields.report("photo", f'"{name}" is not the name of a photo file beside the bio',
                      "write just the file name, in lower case, like `photo: jane-doe.jpg` (no folders or web addresses)")
        return None
    path = sources.photos.get(name)
    if path is None:
        hint = next((f' (there is "{other}")' for other in sources.photos if other.lower() == name.lower()), "")
        fields.report("photo", f'"{name}" is not in content/mentors/{hint}',
                      "upload the photo beside your bio with exactly this name, or remove the photo line")
        return None
    focus = fields.choice("photo_focus", FOCUS_WORDS, example="upper", unknown="is not a place in the photo we know")
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
