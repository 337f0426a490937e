"""The search index and filter data: what they hold, what they never hold, and that they are stable."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from conftest import bio_text, options_for
from mentordir.build import build, generate_site
from mentordir.content.config import SiteConfig
from mentordir.content.ladder import GradeLadder
from mentordir.model.models import Contact, Mentor, Scheme
from mentordir.site.pages import MentorView
from mentordir.site.plan import initials_avatar
from mentordir.site import search_index
from mentordir.site.search_index import CODES, FIELDS, build_search, full_text_index
from mentordir.site.search_terms import plain_text, search_terms
from mentordir.site.search_text import synonym_groups, terms_of

FOLDING = Path(__file__).parent / "data" / "folding.json"

MENTOR = Mentor(slug="jane-doe", source="content/mentors/jane-doe.md", name="Dr Jane Doe", pronouns="she/her",
                photo=None, grade="ST6", grade_rank=10, specialties=("Anaesthetics",), region="Wessex",
                organisation="Example Hospital", schemes=("returners",), style="I listen first.",
                working=("face-to-face", "video"), capacity=2, mentees=0, full_until=None,
                contact=Contact(preferred="email", email="jane.private@mailhost.example", phone="07700 900123",
                                url="https://booking.example/jane"),
                matching=("parent",), updated=None,
                bio_html="<p>I came back from <strong>parental</strong> leave &amp; retrained.</p>")
SCHEMES = (Scheme(slug="returners", source="content/schemes/returners.md", title="Returning to Training",
                  summary=None, audience=None, pages=()),
           Scheme(slug="unused", source="content/schemes/unused.md", title="Unused", summary=None, audience=None,
                  pages=()))


def view(**changes: object) -> MentorView:
    mentor = replace(MENTOR, **changes)
    return MentorView(mentor=mentor, full=mentor.is_full(__import__("datetime").date(2026, 11, 22)), full_until=None,
                      photo=None, avatar=initials_avatar(mentor), bio=None, schemes=())


def decode_postings(index: dict) -> dict[str, list[tuple[int, str]]]:
    """Term -> [(mentor number, best field)], decoding the variable-length codes."""
    decoded: dict[str, list[tuple[int, str]]] = {}
    for term, encoded in zip(index["terms"].split(" "), index["postings"].split(" ")):
        previous = value = shift = 0
        entries = []
        for char in encoded:
            code = CODES.index(char)
            if code >= 32:
                value += (code - 32) << shift
                shift += 5
                continue
            value += code << shift
            previous += value >> 3
            entries.append((previous, FIELDS[value & 7]))
            value = shift = 0
        decoded[term] = entries
    return decoded


def index_of(views: tuple[MentorView, ...], config: SiteConfig) -> dict:
    """The full-text index of `views`, their terms worked out from scratch."""
    return full_text_index(views, config, search_terms((view.mentor for view in views), config, SCHEMES))


def grade_codes(data: dict) -> list[int]:
    width, text = data["grades"]["width"], data["grades"]["mentors"]
    return [sum(CODES.index(c) * 64 ** (width - 1 - k) for k, c in enumerate(text[i:i + width]))
            for i in range(0, len(text), width)]


def test_no_email_phone_or_web_address_reaches_the_index_or_the_filter_data():
    search = build_search((view(),), SiteConfig(), SCHEMES)
    published = search.index_bytes.decode() + search.data
    for secret in ("jane.private", "mailhost", "900123", "07700", "booking", "https"):
        assert secret not in published
    assert not {"mailhost", "private", "07700", "900123", "booking"} & set(json.loads(search.index_bytes)["terms"].split())


def test_every_searchable_field_is_indexed_with_its_best_field():
    views = (view(), view(slug="sam-roe", name="Dr Sam Parental", bio_html="<p>Wessex born.</p>"))
    postings = decode_postings(index_of(views, SiteConfig()))
    assert postings["jane"] == [(0, "name")]
    assert postings["anaesthetics"] == [(0, "specialty"), (1, "specialty")]
    assert postings["wessex"] == [(0, "region"), (1, "region")]
    assert postings["example"] == [(0, "organisation"), (1, "organisation")]
    assert postings["listen"] == [(0, "style"), (1, "style")]
    assert postings["parental"] == [(0, "bio"), (1, "name")]
    assert postings["retrained"] == [(0, "bio")]


def test_the_bio_is_indexed_as_plain_text_without_tags_entities_or_common_words():
    terms = json.loads(build_search((view(),), SiteConfig(), SCHEMES).index_bytes)["terms"].split()
    assert "strong" not in terms and "amp" not in terms and "p" not in terms
    assert "from" not in terms and "i" not in terms  # common words are left out of style and bio
    assert plain_text("<p>A &amp; B<br>C</p>") == "A & B C"


def test_text_is_folded_as_the_browser_folds_it():
    assert terms_of("Dr Zoë O'Brien-Smith, zoë") == ["dr", "zoe", "obrien", "smith"]
    assert terms_of("Ângela Núñez MRCP2") == ["angela", "nunez", "mrcp2"]
    assert terms_of("I’m a doctor", keep_common=False) == ["doctor"]
    assert terms_of("李 医生") == ["李", "医生"]


def test_the_shared_folding_corpus_folds_as_written():
    cases = json.loads(FOLDING.read_text(encoding="utf-8"))["cases"]
    groups = {case["group"] for case in cases}
    assert {"devanagari", "tamil", "arabic", "chinese", "cyrillic", "greek", "welsh", "emoji", "turkish"} <= groups
    wrong = [(case["text"], terms_of(case["text"]), case["terms"]) for case in cases
             if terms_of(case["text"]) != case["terms"]]
    assert wrong == []


def test_marks_of_every_kind_are_dropped_so_a_name_in_devanagari_or_tamil_is_found_either_way():
    # U+093F and U+0BBE are spacing vowel signs (category Mc), which unicodedata.combining() missed.
    assert terms_of("प्रिया") == terms_of("परय") and terms_of("ப்ரியா") == terms_of("பரய")
    assert terms_of("Işık İSTANBUL A&E O'Neil") == ["isik", "istanbul", "ae", "oneil"]


def test_grades_with_their_aliases_tags_and_hyphenated_words_are_searchable():
    config = SiteConfig(labels=(("parent", "Parent or carer"),))
    views = (view(grade="F2", grade_rank=1, bio_html="<p>I do on-call shifts.</p>"),)
    postings = decode_postings(index_of(views, config))
    assert postings["fy2"] == [(0, "grade")] and postings["f2"] == [(0, "grade")]
    assert postings["video"] == [(0, "tags")] and postings["facetoface"] == [(0, "tags")]
    assert postings["carer"] == [(0, "tags")]  # the site's label for `parent`
    assert postings["returning"] == [(0, "tags")]  # the scheme's title
    assert postings["oncall"] == [(0, "bio")]


def test_the_vocabulary_is_sorted_as_javascript_compares_strings():
    # U+20000 is written in UTF-16 as the surrogates U+D840 U+DC00, so JavaScript puts it before
    # U+FA0E (a CJK ideograph without decomposition), where Python's code-point order puts it after.
    views = (view(name="Dr \ufa0e \U00020000 Zed"),)
    vocabulary = index_of(views, SiteConfig())["terms"].split(" ")
    assert vocabulary.index("\U00020000") < vocabulary.index("\ufa0e")
    assert vocabulary == sorted(vocabulary, key=lambda term: term.encode("utf-16-be"))


def test_postings_far_apart_decode_to_the_mentors_and_fields_they_were_made_from():
    # 300 mentors: the gap from mentor 0 to 299 takes three characters (299 * 8 + 0 >= 32 * 32).
    views = tuple(view(slug=f"m{number:03d}", name=f"Dr Person {number}",
                       bio_html="<p>Rare word.</p>" if number in (0, 40, 299) else "<p>Common.</p>")
                  for number in range(300))
    postings = decode_postings(index_of(views, SiteConfig()))
    assert postings["rare"] == [(0, "bio"), (40, "bio"), (299, "bio")]
    assert postings["person"] == [(number, "name") for number in range(300)]
    assert postings["common"] == [(number, "bio") for number in range(300) if number not in (0, 40, 299)]


def test_the_index_carries_the_stop_words_and_synonyms_the_query_side_needs():
    config = SiteConfig(synonyms=(("SpR", "registrar"), ("LTFT", "flexi")))
    index = index_of((view(),), config)
    assert "the" in index["stop"].split() and "anaesthetics" in index["terms"].split()
    assert ["registrar", "spr"] in index["synonyms"]
    ltft = next(group for group in index["synonyms"] if "ltft" in group)
    assert {"flexi", "less than full time", "part time"} <= set(ltft)  # a site's group joins a shipped one
    assert ["a e", "accident and emergency"] != synonym_groups(())[0][:2]  # "A&E" is one term: `ae`
    assert "ae" in next(group for group in synonym_groups(()) if "ed" in group)


def test_the_output_is_stable_and_named_by_its_content():
    views = tuple(view(slug=f"m{index}", name=f"Dr Person {index}") for index in range(30))
    first, second = build_search(views, SiteConfig(), SCHEMES), build_search(views, SiteConfig(), SCHEMES)
    assert first == second
    assert re.fullmatch(r"assets/search\.[0-9a-f]{10}\.json", first.index_path)
    other = build_search(views[:-1], SiteConfig(), SCHEMES)
    assert other.index_path != first.index_path


def test_filter_data_gives_each_mentor_their_grade_level_on_the_sites_ladder():
    ladder = GradeLadder(levels=(("FY1",), ("FY2",), ("Registrar", "Staff grade"), ("Consultant",)), aliases=())
    views = (view(grade="Registrar", grade_rank=2), view(slug="b", grade="FY1", grade_rank=0),
             view(slug="c", grade="Consultant", grade_rank=3))
    search = build_search(views, SiteConfig(ladder=ladder), SCHEMES)
    data = json.loads(search.data)
    assert data["grades"]["values"] == ["FY1", "FY2", "Registrar", "Staff grade", "Consultant"]
    assert data["grades"]["levels"] == [0, 1, 2, 2, 3]
    assert grade_codes(data) == [2, 0, 3]
    assert search.grades == ("FY1", "FY2", "Registrar", "Staff grade", "Consultant")


def test_filter_data_codes_each_mentors_values_in_card_order():
    views = (view(), view(slug="b", specialties=("Surgery", "Anaesthetics"), region=None, schemes=(),
                          working=("video",), matching=(), mentees=2))
    search = build_search(views, SiteConfig(), SCHEMES)
    data = json.loads(search.data)
    assert (data["count"], data["available"]) == (2, 1)
    specialty = data["filters"]["specialty"]
    assert specialty["values"] == ["Anaesthetics", "Surgery"]
    assert specialty["mentors"] == "0,10"
    assert data["filters"]["region"]["mentors"] == "0,"
    assert data["filters"]["meets"] == {"width": 1, "values": ["face-to-face", "video"], "mentors": "01,1"}
    names = {group.name: [(o.value, o.label) for o in group.options] for group in search.filters}
    assert names["scheme"] == [("returners", "Returning to Training")]  # a scheme nobody is in is not offered
    assert names["meets"] == [("face-to-face", "Face to face"), ("video", "Video")]
    assert names["matching"] == [("parent", "Parent")]


def test_filter_labels_come_from_site_yaml_with_acronyms_in_capitals_by_default():
    views = (view(matching=("lgbtq", "less-than-full-time", "parent")),)
    search = build_search(views, SiteConfig(labels=(("parent", "Parent or carer"), ("video", "Video call"))), SCHEMES)
    names = {group.name: [o.label for o in group.options] for group in search.filters}
    assert names["matching"] == ["Less than full time (LTFT)", "LGBTQ+", "Parent or carer"]
    assert names["meets"] == ["Face to face", "Video call"]


def test_a_filter_with_more_than_64_values_uses_two_character_codes():
    views = tuple(view(slug=f"m{index}", specialties=(f"Specialty {index:03d}",)) for index in range(70))
    specialty = json.loads(build_search(views, SiteConfig(), SCHEMES).data)["filters"]["specialty"]
    assert specialty["width"] == 2
    cells = specialty["mentors"].split(",")
    assert cells[0] == "00" and cells[69] == "15"  # 69 = 1 * 64 + 5


def test_the_built_directory_links_the_index_it_was_built_with(make_site, tmp_path: Path):
    root = make_site({"content/mentors/jane-doe.md": bio_text(),
                      "content/mentors/sam-roe.md": bio_text({"name": "Dr Sam Roe", "grade": "F2"})})
    site = generate_site(options_for(root))
    out = tmp_path / "out"
    build(options_for(root), out)
    html = (out / "index.html").read_text()
    path = re.search(r'data-index="/(assets/search\.[0-9a-f]{10}\.json)"', html).group(1)
    assert (out / path).read_bytes() == site.files[path]
    assert json.loads((out / path).read_bytes())["count"] == 2
    assert "jane.doe@example.org" not in (out / path).read_text() + re.search(r'data-filters="([^"]*)"', html).group(1)


def test_the_generators_decoder_reads_postings_as_they_are_encoded():
    # ann: mentor 0 in the name (0*8+0 = "0"); heart: mentor 0 in the specialty (0*8+1 = "1"),
    # then one mentor further in the name (1*8+0 = "8").
    index = {"fields": ["name", "specialty"], "count": 2, "terms": "ann heart", "postings": "0 18"}
    assert search_index.decode_postings(index) == {"ann": [(0, "name")], "heart": [(0, "specialty"), (1, "name")]}


ISSUE_PAIRS = [("LTFT", "less than full time"), ("part time", "less than full time"), ("OOP", "time out of programme"),
               ("OOPE", "career break"), ("return to training", "back to work"), ("parental leave", "maternity leave"),
               ("paternity leave", "parental leave"), ("paeds", "paediatrics"), ("O&G", "obs and gynae"),
               ("A&E", "emergency medicine"), ("ED", "emergency medicine"), ("anaesthesia", "anaesthetics"),
               ("anaesthetist", "anaesthetics"), ("surgeon", "surgery"), ("radiologist", "radiology"),
               ("psychiatrist", "psychiatry"), ("GP", "general practice"), ("ICU", "intensive care"),
               ("ITU", "intensive care"), ("care of the elderly", "geriatric medicine"), ("IMG", "international graduate")]


def test_the_shipped_synonyms_put_each_pair_a_returner_uses_in_one_group():
    from mentordir.site.search_text import phrase_of
    groups = [set(group) for group in synonym_groups(())]
    apart = [(a, b) for a, b in ISSUE_PAIRS if not any({phrase_of(a), phrase_of(b)} <= group for group in groups)]
    assert apart == []
