"""A deterministic, text-rich synthetic directory for the search benchmark (no photos).

Each mentor gets a name from pools of first names and surnames from many backgrounds, a
grade from the default ladder, one or two real specialties, a region, an organisation, a
style sentence and a bio of three to five paragraphs. The prose comes from a word-bigram
chain trained on the demo bios in content/mentors/, so word frequencies, sentence lengths
and vocabulary look like what mentors write; places and hobbies are mixed in so that the
vocabulary grows with the directory as it would with real people. Same count, same bytes.

    python bench/search_synthetic.py DIR [--mentors 1000]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

FIRST = ("Amira Aisha Arjun Catriona Chidi Daniel Eleanor Fatima Fergus Gareth Hamza Harriet Ibrahim Joanna Kenji "
         "Kwame Lucy Mei Nadia Oluwaseun Priya Rebecca Rhys Siobhan Tariq Abdul Adaeze Agnieszka Ahmed Alastair "
         "Alice Aminata Anand Angharad Anjali Ayesha Bartosz Beatriz Bethan Bilal Bronwen Callum Carys Chen Chloe "
         "Ciaran Deepa Dylan Efua Elif Emeka Emily Eoin Esther Farah Femi Fiona Gabriel Grace Hannah Hassan Hiroshi "
         "Huw Imogen Isabel Ishaan Jamal Jasmine Javier Jennifer Joseph Kavita Keisha Khalid Kirsty Lakshmi Leila "
         "Liam Lina Lowri Magdalena Malik Marcus Mariam Mateusz Megan Mohammed Morag Naomi Niamh Nikhil Noor "
         "Olumide Omar Owain Patrick Rahul Ravi Rosa Ruth Saanvi Samir Sandeep Sarah Seren Shreya Sofia Sunil "
         "Tamsin Thomas Tomasz Usha Vikram Wei Yasmin Yusuf Zainab Zara Zoltan").split()
SURNAMES = ("Okafor Bello Mehta Doyle Nwosu Osei Whitfield Benali McAllister Llewellyn Siddiqui Lowe Kamara "
            "Kowalska Morimoto Asante Fairbanks Chen Hussain Adeyemi Raghunathan Thornton Pritchard Gallagher "
            "Mahmood Abubakar Achebe Agarwal Ahmadi Akhtar Anderson Appiah Armstrong Bajwa Banerjee Barker Boateng "
            "Brennan Campbell Chaudhry Choudhury Cunningham Dasgupta Davies Devlin Edwards Eze Fernandes Fitzgerald "
            "Forsyth Gallacher Ghosh Gill Goldberg Gonzalez Gupta Haddad Hamilton Henderson Hughes Ibrahim Iqbal "
            "Iyer Jackson Jenkins Johal Kaczmarek Kapoor Kaur Kelly Khan Kimura Kumar Lewandowski MacDonald Malhotra "
            "Mensah Morgan Murphy Nakamura Nair Nguyen Novak Nowak Obi Odhiambo O'Brien Okeke Oyelaran Pandey Patel "
            "Petrovic Popescu Quinn Rahman Reddy Richards Robertson Rossi Saunders Schmidt Sharma Singh Sokolova "
            "Stewart Sutherland Tanaka Thompson Vasquez Wallace Walsh Wang Watanabe Williams Wilson Wiśniewski Yadav "
            "Yamamoto Zielinski Ahmed Akinola Brathwaite Castillo Dimitrov Eriksson Farouk Greenwood Halloran "
            "Ivanova Jovanovic Karimi Lindqvist Mbeki Nasser Ogunleye Pereira Qureshi Rasmussen Sato Tembo "
            "Underwood Valentine Whitaker Xu Yildiz Zhou").split()
GRADES = ("F1", "F2", "CT1", "CT2", "CT3", "ST1", "ST2", "ST3", "ST4", "ST5", "ST6", "ST7", "ST8",
          "SAS", "Specialty doctor", "GP", "Consultant")
GRADE_WEIGHTS = (1, 4, 3, 3, 2, 2, 2, 3, 3, 3, 3, 3, 2, 3, 3, 6, 10)
SPECIALTIES = ("Acute Medicine", "Anaesthetics", "Cardiology", "Clinical Oncology", "Dermatology",
               "Emergency Medicine", "Endocrinology and Diabetes", "Gastroenterology", "General Practice",
               "General Surgery", "Geriatric Medicine", "Haematology", "Histopathology", "Infectious Diseases",
               "Intensive Care Medicine", "Medical Education", "Medical Microbiology", "Nephrology", "Neurology",
               "Neurosurgery", "Obstetrics and Gynaecology", "Occupational Medicine", "Ophthalmology",
               "Oral and Maxillofacial Surgery", "Otolaryngology", "Paediatrics", "Palliative Medicine",
               "Plastic Surgery", "Psychiatry", "Public Health", "Radiology", "Rehabilitation Medicine",
               "Respiratory Medicine", "Rheumatology", "Sexual Health", "Sport and Exercise Medicine",
               "Trauma and Orthopaedics", "Urology", "Vascular Surgery", "Cardiothoracic Surgery")
REGIONS = ("London", "Kent Surrey and Sussex", "Thames Valley", "Wessex", "South West", "West Midlands",
           "East Midlands", "East of England", "North West", "North East", "Yorkshire and the Humber",
           "Scotland", "Wales", "Northern Ireland", "Peninsula")
# Every one a region of the default vocabulary (or its alias, as Peninsula is South West's), so every bio builds.
PLACES = ("Ashcombe Barrowfield Brackenford Calderbridge Chalkhurst Copperdale Deepwater Elmbridge Fenmoor "
          "Foxley Glenholme Greystones Hartwell Hazelmere Highcliffe Ivybridge Kingsmead Larkhill Lowther "
          "Marshfield Meadowbank Millbrook Northgate Oakhaven Pennington Queensbury Ravenscar Redmoor Rosedale "
          "Saltmarsh Silverdale Southwold Stonebridge Thornbury Westbrook Whitecliff Willowdene Wyndham "
          "Yarrowby").split()
KINDS = ("General Hospital", "University Hospitals", "Royal Infirmary", "Community Hospital", "Medical Practice",
         "Health Centre", "Hospitals NHS Trust", "Children's Hospital")
MATCHING = ("parent", "carer", "less-than-full-time", "international-graduate", "career-break", "parental-leave",
            "returning-after-illness", "widening-participation", "disability", "neurodivergent", "lgbtq",
            "ethnic-minority", "research-break")
HOBBIES = ("climbing", "sailing", "choir singing", "allotment gardening", "marathon training", "wild swimming",
           "baking sourdough", "birdwatching", "chess", "pottery", "salsa dancing", "cycling", "knitting",
           "photography", "rugby coaching", "fell running", "playing the cello", "board games", "kayaking",
           "volunteering with St John Ambulance", "learning Welsh", "watercolour painting", "paddleboarding")
MODES = ("face-to-face", "video", "phone", "messaging")
SITE_YAML = """title: Synthetic directory
description: A synthetic directory for the search benchmark.
team:
  name: The Benchmark Team
  email: team@example.org
"""
SCHEMES = {"returners": "---\ntitle: Returners\nsummary: Mentoring for doctors coming back.\n---\nAbout it.\n",
           "foundation": "---\ntitle: Foundation\nsummary: Near-peer mentoring for F1s.\n---\nAbout it.\n"}


def _train() -> dict[str, list[str]]:
    """A word-bigram chain from the demo bios' prose (front matter and list markers removed)."""
    chain: dict[str, list[str]] = {}
    for path in sorted((REPO / "content" / "mentors").glob("[!_]*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        words = re.sub(r"[*_#>`\[\]()]|^\s*[-0-9.]+\s", " ", body, flags=re.M).split()
        previous = "."
        for word in words:
            chain.setdefault(previous if previous[-1] in ".!?" else previous, []).append(word)
            previous = "." if word[-1] in ".!?" else word
    return chain


CHAIN = _train()


def sentence(rng: random.Random, most: int = 28) -> str:
    """One sentence from the chain, at most `most` words, ending with a full stop."""
    words: list[str] = []
    word = "."
    while len(words) < most:
        word = rng.choice(CHAIN.get(word) or CHAIN["."])
        words.append(word)
        if word[-1] in ".!?":
            break
    text = " ".join(words).rstrip(",;:")
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def mentor(index: int) -> dict[str, object]:
    """The fields of synthetic mentor number `index`, before they are written as a bio."""
    rng = random.Random(f"mentor-{index}")
    first, surname = rng.choice(FIRST), rng.choice(SURNAMES)
    specialties = rng.sample(SPECIALTIES, 1 if rng.random() < 0.8 else 2)
    capacity = rng.randint(1, 3)
    place = rng.choice(PLACES)
    style = sentence(rng, 22)
    if rng.random() < 0.5:
        style += " " + sentence(rng, 16)
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(3, 5))]
    paragraphs.insert(1, f"I trained in {rng.choice(PLACES)} and now work at {place}, "
                         f"in {specialties[0].lower()}.")
    paragraphs.append(f"Outside work I enjoy {rng.choice(HOBBIES)} and {rng.choice(HOBBIES)}.")
    return {
        "name": f"Dr {first} {surname}",
        "first": first, "surname": surname,
        "grade": rng.choices(GRADES, GRADE_WEIGHTS)[0],
        "specialty": specialties,
        "region": rng.choice(REGIONS),
        "organisation": f"{place} {rng.choice(KINDS)}",
        "schemes": rng.choice((["returners"], ["foundation"], ["returners", "foundation"], [])),
        "style": style,
        "working": sorted(rng.sample(MODES, rng.randint(1, 3)), key=MODES.index),
        "capacity": capacity,
        "mentees": rng.choice([0, 0, 1, capacity]) if capacity > 1 else rng.choice([0, 1]),
        "matching": sorted(rng.sample(MATCHING, rng.choice((0, 0, 1, 1, 2, 3)))),
        "bio": "\n\n".join(paragraphs),
    }


def bio(index: int) -> str:
    """The bio file of synthetic mentor number `index`."""
    m = mentor(index)
    q = json.dumps  # a JSON string is a valid double-quoted YAML scalar
    lines = ["---", f"name: {q(m['name'])}", f"grade: {q(m['grade'])}",
             f"specialty: [{', '.join(q(s) for s in m['specialty'])}]", f"region: {q(m['region'])}",
             f"organisation: {q(m['organisation'])}", f"schemes: [{', '.join(m['schemes'])}]",
             f"style: {q(m['style'])}", f"working: [{', '.join(m['working'])}]",
             f"capacity: {m['capacity']}", f"mentees: {m['mentees']}",
             "contact:", "  preferred: email", f"  email: mentor{index}@example.org",
             f"matching: [{', '.join(m['matching'])}]", "updated: 2026-10-01", "---", str(m["bio"]), ""]
    return "\n".join(lines)


def make_directory(root: Path, mentors: int) -> Path:
    """Write a whole site's content under `root` (site.yaml, two schemes, `mentors` bios); returns root."""
    folder = root / "content" / "mentors"
    folder.mkdir(parents=True, exist_ok=True)
    (root / "content" / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    for slug, text in SCHEMES.items():
        (root / "content" / "schemes" / f"{slug}.md").parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / "schemes" / f"{slug}.md").write_text(text, encoding="utf-8")
    for index in range(mentors):
        (folder / f"mentor-{index:05d}.md").write_text(bio(index), encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path)
    parser.add_argument("--mentors", type=int, default=1000)
    arguments = parser.parse_args(argv)
    make_directory(arguments.root, arguments.mentors)
    print(f"{arguments.mentors} mentors in {arguments.root / 'content' / 'mentors'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
