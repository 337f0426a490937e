"""The scheme team's view on the demo site: capacity page, booklet, open-data export, schemes overview, report."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO, TODAY, bio_text, options_for
from mentordir.build import build
from mentordir.cli import main

MENTORS = REPO / "content" / "mentors"


def raw_bios() -> list[dict]:
    """Every demo bio's front matter read with plain yaml.safe_load: independent of our parser."""
    return [yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
            for path in sorted(MENTORS.glob("[!_]*.md"))]


def is_full(bio: dict) -> bool:
    return bio.get("mentees", 0) >= bio["capacity"] or (bio.get("full_until") is not None
                                                         and bio["full_until"] >= TODAY)


def test_the_capacity_page_figures_match_a_count_made_from_the_bios(demo_site):
    bios = raw_bios()
    taking = sum(not is_full(bio) for bio in bios)
    places = sum(bio["capacity"] - bio.get("mentees", 0) for bio in bios if not is_full(bio))
    page = (demo_site / "capacity" / "index.html").read_text()
    assert (f"<strong>{taking} of {len(bios)} mentors</strong> are taking mentees, with {places} free places; "
            f"{len(bios) - taking} are full.") in page
    specialties: dict[str, list[bool]] = {}
    for bio in bios:
        names = bio["specialty"] if isinstance(bio["specialty"], list) else [bio["specialty"]]
        for name in names:
            specialties.setdefault(name, []).append(is_full(bio))
    for name, flags in specialties.items():
        row = re.search(rf"<th scope=\"row\">{re.escape(name)}( <span class=\"gap__flag\">\(nobody taking mentees\)</span>)?"
                        r"</th><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td>", page)
        assert row is not None, name
        assert (int(row[2]), int(row[3]), int(row[4])) == (len(flags), flags.count(False), flags.count(True)), name
        assert (row[1] is not None) == all(flags), name


def test_the_capacity_page_lists_bios_overdue_a_review(demo_site):
    stale = [bio["name"] for bio in raw_bios() if bio.get("updated") and (TODAY - bio["updated"]).days > 365]
    page = (demo_site / "capacity" / "index.html").read_text()
    assert stale and all(name in page.split('id="attention-heading"')[1] for name in stale)


def test_the_booklet_lists_exactly_the_mentors_taking_mentees_by_specialty(demo_site):
    page = (demo_site / "booklet" / "index.html").read_text()
    taking = sorted(bio["name"] for bio in raw_bios() if not is_full(bio))
    listed = re.findall(r'<h3 id="entry-[a-z0-9-]+"><a href="[^"]+">([^<]+)</a>', page)
    assert sorted(listed) == taking
    headings = re.findall(r'<h2 id="group-\d+">([^<]+)</h2>', page)
    assert headings == sorted(headings, key=str.casefold)


def test_the_export_validates_against_the_shipped_schema_and_has_no_contacts_by_default(demo_site):
    jsonschema = pytest.importorskip("jsonschema", reason="the schema test needs jsonschema: pip install -e '.[test]'")
    document = json.loads((demo_site / "mentors.json").read_text())
    schema = json.loads((demo_site / "schema" / "mentors.schema.json").read_text())
    assert schema["$id"] == "https://example.org/my-scheme/schema/mentors.schema.json"  # where it is published
    shipped = json.loads((REPO / "generator" / "site" / "mentors.schema.json").read_text())
    assert {**schema, "$id": shipped["$id"]} == shipped
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    assert len(document["mentors"]) == len(raw_bios())
    assert "@" not in json.dumps(document) and "07700" not in json.dumps(document)
    first = document["mentors"][0]
    assert first["profile"] == f"https://example.org/my-scheme/mentors/{first['slug']}/"


def test_the_export_includes_contacts_only_when_the_site_allows(make_site, tmp_path):
    root = make_site({"content/mentors/jane-doe.md": bio_text(),
                      "content/site.yaml": "export_contacts: true\nteam:\n  name: T\n  email: t@example.org\n"})
    build(options_for(root), tmp_path / "out")
    mentor = json.loads((tmp_path / "out" / "mentors.json").read_text())["mentors"][0]
    assert mentor["contact"] == {"preferred": "email", "email": "jane.doe@example.org", "phone": None, "url": None}


def test_the_schemes_overview_appears_only_with_more_than_one_scheme(demo_site, make_site, tmp_path):
    overview = (demo_site / "schemes" / "index.html").read_text()
    assert overview.count('class="scheme-summary"') == 2
    assert "<dt>How pairing works</dt>" in overview and "<dt>How mentors are supported</dt>" in overview
    root = make_site({"content/mentors/jane-doe.md": bio_text()})
    build(options_for(root), tmp_path / "out")
    assert not (tmp_path / "out" / "schemes" / "index.html").exists()


def test_report_prints_the_figures_as_csv(make_site, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 11, 22, tzinfo=dt.timezone.utc).timestamp())))
    root = make_site({"content/mentors/jane-doe.md": bio_text(),
                      "content/mentors/john-smith.md": bio_text({"name": "Dr John Smith", "mentees": "2",
                                                                 "specialty": "Cardiology", "region": None})})
    assert main(["report", "--root", str(root), "--format", "csv"]) == 0
    assert capsys.readouterr().out == (
        "date,group,name,mentors,taking_mentees,full,away,free_places\n"
        "2026-11-22,overall,All mentors,2,1,1,0,1\n"
        "2026-11-22,scheme,Returners,2,1,1,0,1\n"
        "2026-11-22,specialty,Anaesthetics,1,1,0,0,1\n"
        "2026-11-22,specialty,Cardiology,1,0,1,0,0\n"
        "2026-11-22,region,No region given,1,0,1,0,0\n"
        "2026-11-22,region,Wessex,1,1,0,0,1\n")


def test_report_refuses_content_with_errors(make_site, capsys):
    root = make_site({"content/mentors/jane-doe.md": bio_text({"grade": "ST9"})})
    assert main(["report", "--root", str(root)]) == 1
    assert "1 problem to fix in 1 file." in capsys.readouterr().err


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="printing the booklet needs Debian's Chromium at /usr/bin/chromium")
def test_the_booklet_prints_to_a_few_a4_pages_in_chromium(demo_site, tmp_path):
    playwright_api = pytest.importorskip("playwright.sync_api", reason="needs Playwright: pip install -e '.[test]'")
    from browsing import LAUNCH_ARGUMENTS
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGUMENTS)
        page = browser.new_page()
        page.goto((demo_site / "booklet" / "index.html").as_uri())
        pdf = page.pdf(format="A4")
        browser.close()
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    taking = sum(not is_full(bio) for bio in raw_bios())
    assert 2 <= pages <= taking // 2, pages
