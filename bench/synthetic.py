"""A deterministic synthetic mentor directory of any size, valid under `mentordir check`.

Every field of the bio format is used, with the mix a real directory has: several contact
routes, some mentors full, some with a `full_until`, matching words, two schemes (one a
handbook of several pages), and Markdown bios of two to four hundred words with headings,
lists and links. Photos are optional: a share of mentors get a small generated JPEG
(portrait-shaped, made in memory with Pillow). The same arguments always give the same bytes.

    python bench/synthetic.py DIR [--mentors 2000] [--photo-share 0.25] [--seed 1]

Used by bench/scale.py and by tests/test_write.py; import `write_directory`.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from dataclasses import dataclass
from pathlib import Path

FIRST = ("Aisha Amara Arjun Bethan Catriona Chidi Daniel Eleanor Fatima Fergus Gareth Hamza Harriet Ibrahim Joanna "
         "Kenji Kwame Lucy Mei Nadia Oluwaseun Priya Rebecca Rhys Siobhan Tariq Zofia Ewan Ines Yusuf").split()
LAST = ("Bello Okonkwo Patel Jones Macleod Eze Cohen Whitfield Hussain Grant Pritchard Khan Osei Lewis Tanaka Asante "
        "Wood Zhang Rahman Adeyemi Sharma Green Evans Gallagher Ahmed Nowak Fraser Costa Yilmaz Murphy").split()
GRADES = ("F2", "CT1", "CT2", "CT3", "ST3", "ST4", "ST5", "ST6", "ST7", "ST8", "SAS", "Specialty doctor", "GP",
          "Consultant")
SPECIALTIES = ("Anaesthetics", "General Practice", "Paediatrics", "Psychiatry", "Emergency Medicine", "Cardiology",
               "Obstetrics and Gynaecology", "General Surgery", "Radiology", "Acute Medicine", "Dermatology",
               "Medical Education", "Palliative Medicine", "Ophthalmology")
REGIONS = ("Wessex", "London", "North West", "Yorkshire and the Humber", "East of England", "Thames Valley",
           "West Midlands", "South West", "Kent, Surrey and Sussex", "North East")
WORKING = ("face-to-face", "video", "phone", "messaging")
MATCHING = ("parent", "carer", "less-than-full-time", "international-graduate", "career-break", "parental-leave",
            "returning-after-illness", "widening-participation", "disability", "neurodivergent", "lgbtq",
            "ethnic-minority", "research-break")
WORDS = ("training returning confidence rota clinic ward patients colleagues supervisor portfolio exam feedback "
         "listening plan goals balance family time career leave research teaching weekend night shift handover "
         "team support reflection progress skills simulation induction welcome practice learning steady honest "
         "careful kind practical questions pace week month year hospital practice community placement").split()

SITE_YAML = """\
title: Synthetic mentor directory
description: A generated directory for benchmarks and tests.
team:
  name: The Mentoring Team
  email: mentoring@example.org
matching: [{matching}]
""".format(matching=", ".join(MATCHING))
SCHEME_RETURNERS = "---\ntitle: Returning to Training\nsummary: Mentoring for doctors coming back.\n---\n{body}"
SCHEME_FOUNDATION = "---\ntitle: Foundation Mentoring\nsummary: Mentoring for foundation doctors.\n---\n{body}"


@dataclass(frozen=True)
class SyntheticDirectory:
    """What write_directory made."""

    root: Path
    """The folder holding `content/`."""
    slugs: tuple[str, ...]
    """Every mentor's slug, in order."""
    photos: int
    """How many mentors have a photo."""


def write_directory(root: Path, mentors: int = 2000, *, photo_share: float = 0.0, seed: int = 1,
                    photo_side: int = 640) -> SyntheticDirectory:
    """Write a complete, valid content tree for `mentors` mentors under `root` (replacing its mentors)."""
    rng = random.Random(seed)
    content = root / "content"
    (content / "mentors").mkdir(parents=True, exist_ok=True)
    for old in (content / "mentors").iterdir():
        old.unlink()
    (content / "schemes" / "returners").mkdir(parents=True, exist_ok=True)
    (content / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (content / "schemes" / "foundation.md").write_text(SCHEME_FOUNDATION.format(body=prose(rng, 120)))
    (content / "schemes" / "returners" / "index.md").write_text(SCHEME_RETURNERS.format(body=prose(rng, 300)))
    for order, page in enumerate(("pairing", "agreement", "support"), start=1):
        (content / "schemes" / "returners" / f"{page}.md").write_text(
            f"---\ntitle: {page.capitalize()}\norder: {order}\n---\n{prose(rng, 200)}", encoding="utf-8")
    slugs = []
    with_photo = 0
    for index in range(mentors):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slug = f"{first}-{last}-{index + 1}".lower()
        photo = rng.random() < photo_share
        if photo:
            (content / "mentors" / f"{slug}.jpg").write_bytes(portrait_jpeg(rng, photo_side))
            with_photo += 1
        (content / "mentors" / f"{slug}.md").write_text(bio(rng, f"Dr {first} {last}", slug if photo else None),
                                                        encoding="utf-8")
        slugs.append(slug)
    return SyntheticDirectory(root=root, slugs=tuple(slugs), photos=with_photo)


def bio(rng: random.Random, name: str, photo_slug: str | None) -> str:
    """One valid bio with every kind of field, chosen by `rng`."""
    capacity = rng.randint(1, 4)
    routes = rng.choice((("email",), ("email", "phone"), ("url", "email"), ("team",), ("phone",)))
    contact = [f"  preferred: {routes[0]}"]
    if "email" in routes:
        contact.append(f"  email: {name.split()[1].lower()}.{name.split()[2].lower()}@example.nhs.uk")
    if "phone" in routes:
        contact.append(f'  phone: "07700 900{rng.randint(0, 999):03d}"')  # Ofcom's drama numbers
    if "url" in routes:
        contact.append(f"  url: https://example.org/book/{rng.randint(1, 9999)}")
    lines = [
        "---",
        f"name: {name}",
        f"pronouns: {rng.choice(('she/her', 'he/him', 'they/them'))}",
        *([f"photo: {photo_slug}.jpg"] if photo_slug else []),
        f"grade: {rng.choice(GRADES)}",
        f"specialty: [{', '.join(rng.sample(SPECIALTIES, rng.randint(1, 2)))}]",
        f"region: {rng.choice(REGIONS)}",
        f"organisation: {rng.choice(LAST)} {rng.choice(('Hospital', 'Health Centre', 'NHS Trust'))}",
        f"schemes: [{', '.join(rng.sample(('returners', 'foundation'), rng.randint(1, 2)))}]",
        f'style: "{sentence(rng, 12)} {sentence(rng, 10)}"',
        f"working: [{', '.join(rng.sample(WORKING, rng.randint(1, 3)))}]",
        f"capacity: {capacity}",
        f"mentees: {rng.randint(0, capacity)}",
        *([f"full_until: 2027-0{rng.randint(1, 9)}-01"] if rng.random() < 0.1 else []),
        "contact:", *contact,
        *([f"matching: [{', '.join(rng.sample(MATCHING, rng.randint(1, 3)))}]"] if rng.random() < 0.5 else []),
        f"updated: 2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
        "---",
    ]
    return "\n".join(lines) + "\n" + prose(rng, rng.randint(200, 400))


def sentence(rng: random.Random, words: int) -> str:
    """A capitalised sentence of `words` words from the pool, ending in a full stop."""
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def prose(rng: random.Random, words: int) -> str:
    """Markdown of about `words` words: paragraphs, a heading, a list and a link."""
    parts = []
    while words > 0:
        kind = rng.random()
        if kind < 0.15:
            parts.append(f"## {sentence(rng, 3)[:-1]}")
        elif kind < 0.3:
            parts.append("\n".join(f"- {sentence(rng, rng.randint(4, 9))}" for _ in range(3)))
            words -= 20
        else:
            text = " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(2, 4)))
            if rng.random() < 0.2:
                text += " See [the scheme](https://example.org/scheme) for more."
            parts.append(text)
            words -= len(text.split())
    return "\n\n".join(parts) + "\n"


def portrait_jpeg(rng: random.Random, side: int = 640) -> bytes:
    """A small portrait-shaped JPEG: a soft background and a face-like disc, made in memory."""
    from PIL import Image, ImageDraw  # only photo directories need Pillow here

    width, height = side, side * 5 // 4
    image = Image.new("RGB", (width, height), tuple(rng.randint(120, 230) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    skin = tuple(rng.randint(90, 230) for _ in range(3))
    draw.ellipse((width * 0.28, height * 0.18, width * 0.72, height * 0.58), fill=skin)
    draw.rectangle((width * 0.15, height * 0.62, width * 0.85, height), fill=tuple(rng.randint(0, 120) for _ in range(3)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write a synthetic directory from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="the folder to hold content/")
    parser.add_argument("--mentors", type=int, default=2000)
    parser.add_argument("--photo-share", type=float, default=0.0, help="the share of mentors with a photo (0 to 1)")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args(argv)
    made = write_directory(arguments.root, arguments.mentors, photo_share=arguments.photo_share, seed=arguments.seed)
    print(f"wrote {len(made.slugs)} mentors ({made.photos} with photos) under {made.root / 'content'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
