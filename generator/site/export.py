"""The open-data export: `mentors.json`, the public fields of every mentor, and its JSON Schema beside it.

The schema ships in the package (generator/site/mentors.schema.json) and is published with
the site at `<base>/schema/mentors.schema.json`, its `$id` set to that address, so a
consumer can fetch and cite the exact format the file follows.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from importlib import resources
from typing import Callable

from mentordir.content.config import SiteConfig
from mentordir.model.models import Content, Mentor
from mentordir.model.pictures import PROFILE_SIZE, PhotoSet

SCHEMA_VERSION = 1
SCHEMA_PATH = "schema/mentors.schema.json"


def export_files(content: Content, photos: dict[str, PhotoSet], config: SiteConfig,
                 today: dt.date) -> dict[str, bytes]:
    """`mentors.json` and its schema, with addresses that are absolute when the site's base URL is."""
    base = (config.origin or "") + config.base_path
    document = mentors_document(content, photos, today, config.title, lambda path: base + path,
                                config.export_contacts)
    return {"mentors.json": mentors_json(document), SCHEMA_PATH: schema_json(base + SCHEMA_PATH)}


def schema_json(address: str) -> bytes:
    """The shipped schema with `$id` set to the address it is published at."""
    schema = {**_shipped_schema(), "$id": address}
    return (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@functools.lru_cache(maxsize=1)
def _shipped_schema() -> dict[str, object]:
    return json.loads(resources.files("mentordir.site").joinpath("mentors.schema.json").read_text(encoding="utf-8"))


def mentors_document(content: Content, photos: dict[str, PhotoSet], today: dt.date, site_title: str,
                     url: Callable[[str], str], include_contacts: bool) -> dict[str, object]:
    """Every mentor's public fields; contact details only when the site allows them."""
    return {
        "schema_version": SCHEMA_VERSION,
        "site": site_title,
        "date": today.isoformat(),
        "mentors": [_mentor(mentor, photos.get(mentor.slug), today, url, include_contacts)
                    for mentor in sorted(content.mentors, key=lambda m: m.slug)],
    }


def mentors_json(document: dict[str, object]) -> bytes:
    """Stable bytes of one JSON document: an object whose `mentors` array has one mentor per line.

    One per line so that a diff of two builds shows whose entry changed; compact within the
    line, as the C encoder does not indent.
    """
    head = json.dumps({key: value for key, value in document.items() if key != "mentors"}, ensure_ascii=False)
    mentors = ",\n".join(json.dumps(mentor, ensure_ascii=False) for mentor in document["mentors"])  # type: ignore[attr-defined]
    return f'{head[:-1]}, "mentors": [\n{mentors}\n]}}\n'.encode("utf-8")


def _mentor(mentor: Mentor, photo: PhotoSet | None, today: dt.date, url: Callable[[str], str],
            include_contacts: bool) -> dict[str, object]:
    record: dict[str, object] = {
        "slug": mentor.slug,
        "name": mentor.name,
        "pronouns": mentor.pronouns,
        "grade": mentor.grade,
        "specialties": list(mentor.specialties),
        "region": mentor.region,
        "organisation": mentor.organisation,
        "schemes": list(mentor.schemes),
        "style": mentor.style,
        "working": list(mentor.working),
        "capacity": mentor.capacity,
        "mentees": mentor.mentees,
        "full": mentor.is_full(today),
        "full_until": mentor.full_until.isoformat() if mentor.full_until else None,
        "matching": list(mentor.matching),
        "updated": mentor.updated.isoformat() if mentor.updated else None,
        "profile": url(f"mentors/{mentor.slug}/"),
        "photo": url(photo.rendition(PROFILE_SIZE, "jpg", 2).path) if photo else None,
    }
    if include_contacts:
        contact = mentor.contact
        record["contact"] = {"preferred": contact.preferred, "email": contact.email, "phone": contact.phone,
                             "url": contact.url}
    return record
