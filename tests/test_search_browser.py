"""Search and filters in headless Chromium: typing, filters, the grade ladder, the address, keyboard, axe."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from browsing import needs_chromium, served
from conftest import SCHEME, SITE_YAML, TODAY, bio_text, options_for
from mentordir.build import build

pytestmark = needs_chromium

# name, grade, specialty, region, working, mentees (capacity 1: 1 means full), matching, bio
MENTORS = {
    "alex-fisher": ("Dr Alex Fisher", "F2", "Emergency Medicine", "Wessex", "[face-to-face]", 0, "[]",
                    "I work in the emergency department."),
    "bea-carter": ("Dr Bea Carter", "ST4", "Anaesthetics", "London", "[video]", 0, "[parent]",
                   "My grandfather was a fisher in Cornwall."),
    "chen-wei": ("Dr Chen Wei", "Consultant", "Anaesthetics", "Wessex", "[video, phone]", 1, "[parent]",
                 "I run the regional airway course."),
    "dana-okafor": ("Dr Dana Okafor", "F2", "Psychiatry", "North West", "[messaging]", 0, "[]",
                    "I came back after a career break."),
    "eli-morgan": ("Dr Eli Morgan", "F1", "Paediatrics", "Wessex", "[video]", 0, "[]", "I love the children's ward."),
}


def mentor_files(mentors: dict[str, tuple]) -> dict[str, str]:
    files = {"content/site.yaml": SITE_YAML, "content/schemes/returners.md": SCHEME}
    for slug, (name, grade, specialty, region, working, mentees, matching, body) in mentors.items():
        files[f"content/mentors/{slug}.md"] = bio_text(
            {"name": name, "pronouns": None, "grade": grade, "specialty": specialty, "region": region,
             "working": working, "capacity": "1", "mentees": str(mentees), "matching": matching,
             "contact": f"\n  preferred: email\n  email: {slug}@example.org"}, body=body + "\n")
    return files


def built(tmp_path_factory, name: str, files: dict[str, str]) -> Path:
    root = tmp_path_factory.mktemp(name)
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    build(options_for(root, today=TODAY), root / "out")
    return root / "out"


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    with served(built(tmp_path_factory, "small", mentor_files(MENTORS))) as url:
        yield url


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    many = {f"filler-{index:02d}": (f"Dr Filler {index:02d}", "GP", "Radiology", "Wales", "[phone]", 0, "[]",
                                    "I read scans.") for index in range(60)}
    with served(built(tmp_path_factory, "large", mentor_files(many))) as url:
        yield url


@pytest.fixture
def problems():
    return []


def open_page(browser, url: str, problems: list[str], *, javascript: bool = True, width: int = 1024, **options):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": 900}, **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: (problems.append("dialog: " + dialog.message), dialog.dismiss()))
    page.goto(url, wait_until="load")
    return page


def shown(page) -> list[str]:
    """The names on the cards a person can see, top to bottom."""
    page.wait_for_function("() => !document.getElementById('finder-count').textContent.startsWith('Loading')")
    return page.evaluate("() => [...document.querySelectorAll('.card')].filter(card => card.checkVisibility())"
                         ".map(card => card.querySelector('.card__name a').textContent)")


def search(page, text: str) -> list[str]:
    page.fill("#finder-q", text)
    return shown(page)


def tick(page, filter_name: str, label: str) -> None:
    details = page.locator(f"details[data-filter='{filter_name}']")
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    details.get_by_label(label).check()


def test_typing_finds_by_prefix_and_puts_a_name_before_a_word_in_a_bio(browser, small_site, problems):
    page = open_page(browser, small_site, problems)
    assert search(page, "anaes") == ["Dr Bea Carter", "Dr Chen Wei"]
    assert search(page, "fisher") == ["Dr Alex Fisher", "Dr Bea Carter"]
    assert search(page, "wessex paed") == ["Dr Eli Morgan"]
    assert search(page, "nobody-at-all") == []
    assert page.locator("#finder-count").inner_text().startswith("No mentors match")
    assert len(search(page, "")) == 5
    assert problems == []


def test_one_wrong_letter_in_a_long_word_still_finds_the_mentor(browser, small_site, problems):
    page = open_page(browser, small_site, problems)
    assert search(page, "okafir")[0] == "Dr Dana Okafor"   # changed
    assert search(page, "okafr")[0] == "Dr Dana Okafor"    # dropped
    assert search(page, "psychaitry")[0] == "Dr Dana Okafor"  # swapped
    assert search(page, "paediatricks") == ["Dr Eli Morgan"]  # added


def test_filters_combine_with_or_within_and_and_across_and_show_counts(browser, small_site, problems):
    page = open_page(browser, small_site, problems)
    tick(page, "specialty", "Anaesthetics")
    assert shown(page) == ["Dr Bea Carter", "Dr Chen Wei"]
    specialty = page.locator("details[data-filter='specialty']")
    assert specialty.get_by_label("Psychiatry").evaluate("input => input.labels[0].textContent") == "Psychiatry (1)"
    assert "(1 chosen)" in specialty.locator("summary").inner_text()
    tick(page, "specialty", "Psychiatry")
    assert sorted(shown(page)) == ["Dr Bea Carter", "Dr Chen Wei", "Dr Dana Okafor"]
    tick(page, "region", "Wessex")
    assert shown(page) == ["Dr Chen Wei"]
    region = page.locator("details[data-filter='region']")
    assert region.get_by_label("London").evaluate("input => input.labels[0].textContent") == "London (1)"
    assert page.locator("#finder-count").inner_text() == "1 of 5 mentors match"
    page.locator("#finder-clear").click()
    assert len(shown(page)) == 5
    assert page.locator("details input:checked").count() == 0
    assert page.evaluate("document.activeElement.id") == "finder-q"
    assert problems == []


def test_the_grade_filter_shows_only_mentors_more_senior_than_me(browser, small_site, problems):
    page = open_page(browser, small_site, problems)
    page.select_option("#finder-grade", "F2")
    assert shown(page) == ["Dr Bea Carter", "Dr Chen Wei"]
    assert page.locator("#finder-grade option[value='F2']").inner_text() == "F2 (2 mentors more senior)"
    assert page.locator("#finder-grade option[value='F1']").inner_text() == "F1 (4 mentors more senior)"
    page.select_option("#finder-grade", "F1")
    assert "Dr Eli Morgan" not in shown(page) and "Dr Dana Okafor" in shown(page)


def test_only_taking_mentees_hides_the_full_mentors(browser, small_site, problems):
    page = open_page(browser, small_site, problems)
    page.get_by_label("Only mentors taking mentees").check()
    assert "Dr Chen Wei" not in shown(page)
    assert not page.locator("#full-heading").is_visible()
    assert page.locator("#available-heading").inner_text() == "Taking mentees (4)"


def test_the_state_is_in_the_address_and_a_shared_link_restores_it(browser, small_site, problems):
    page = open_page(browser, small_site, problems)
    tick(page, "meets", "Video")
    page.fill("#finder-q", "wessex")
    page.wait_for_function("() => location.search.includes('q=wessex')")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["wessex"], "meets": ["video"]}
    expected = shown(page)
    assert expected == ["Dr Eli Morgan", "Dr Chen Wei"]
    shared = open_page(browser, page.url, problems)
    assert shown(shared) == expected
    assert shared.input_value("#finder-q") == "wessex"
    assert shared.locator("details[data-filter='meets']").get_by_label("Video").is_checked()
    shared.reload()
    assert shown(shared) == expected
    assert problems == []


def test_the_back_button_returns_to_the_previous_view(browser, small_site, problems):
    page = open_page(browser, small_site, problems)
    tick(page, "specialty", "Anaesthetics")
    tick(page, "region", "Wessex")
    assert shown(page) == ["Dr Chen Wei"]
    page.go_back()
    page.wait_for_function("() => !location.search.includes('region')")
    assert shown(page) == ["Dr Bea Carter", "Dr Chen Wei"]
    assert not page.locator("details[data-filter='region']").get_by_label("Wessex").is_checked()
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert len(shown(page)) == 5
    page.go_forward()
    page.wait_for_function("() => location.search.includes('specialty')")
    assert shown(page) == ["Dr Bea Carter", "Dr Chen Wei"]


def test_address_parameters_are_untrusted_text_and_unknown_values_are_ignored(browser, small_site, problems):
    hostile = "<img src=x onerror=alert(1)>"
    page = open_page(browser, small_site + "?q=" + hostile + "&specialty=%3Cscript%3Ealert(2)%3C/script%3E"
                     "&grade=Nope&taking=yes&region=Wessex", problems)
    assert page.input_value("#finder-q") == hostile
    shown(page)
    assert page.locator("img[src='x']").count() == 0
    assert page.input_value("#finder-grade") == ""
    assert not page.get_by_label("Only mentors taking mentees").is_checked()
    assert page.locator("details input:checked").count() == 1  # Wessex, a real value, is kept
    assert problems == []


def test_the_page_works_by_keyboard_alone_with_a_visible_focus(browser, small_site, problems):
    page = open_page(browser, small_site, problems)

    def focus_ring() -> bool:
        return page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
            return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'; }""")

    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "finder-q":
            break
    assert page.evaluate("document.activeElement.id") == "finder-q" and focus_ring()
    page.keyboard.type("anaes")
    assert shown(page) == ["Dr Bea Carter", "Dr Chen Wei"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "finder-grade" and focus_ring()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "finder-taking" and focus_ring()
    page.keyboard.press("Space")
    assert shown(page) == ["Dr Bea Carter"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").startswith("Specialty") and focus_ring()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "Anaesthetics" and focus_ring()
    page.keyboard.press("Space")
    assert shown(page) == ["Dr Bea Carter"]
    page.locator("#finder-clear").focus()
    page.keyboard.press("Enter")
    assert len(shown(page)) == 5
    page.keyboard.press("Tab")  # on from the search box, through the form, to the first card's link
    for _ in range(20):
        if page.evaluate("document.activeElement.closest('.card') !== null"):
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.card') !== null") and focus_ring()
    assert problems == []


def test_the_result_count_is_announced_politely(browser, small_site, problems):
    page = open_page(browser, small_site, problems)
    live = page.locator("#finder-announce")
    assert live.get_attribute("aria-live") == "polite" and live.get_attribute("role") == "status"
    search(page, "anaes")
    page.wait_for_function("() => document.getElementById('finder-announce').textContent !== ''")
    assert live.text_content() == "2 of 5 mentors match"


def test_show_more_reveals_the_next_cards_and_moves_focus_to_them(browser, large_site, problems):
    page = open_page(browser, large_site, problems)
    tick(page, "specialty", "Radiology")
    assert len(shown(page)) == 48
    more = page.locator(".show-more:visible")
    assert more.inner_text() == "Show 12 more (12 not shown yet)"
    more.click()
    assert len(shown(page)) == 60
    assert page.evaluate("document.activeElement.closest('.card').checkVisibility()")
    assert page.locator(".show-more:visible").count() == 0
    assert problems == []


def test_without_javascript_every_mentor_is_listed_and_the_controls_are_hidden(browser, small_site, problems):
    page = open_page(browser, small_site, problems, javascript=False)
    assert page.locator(".card__name a").count() == 5
    assert all(card.is_visible() for card in page.locator(".card").all())
    assert not page.locator("#finder").is_visible()


@pytest.mark.parametrize("width, text_zoom", [(320, False), (640, True)])
def test_the_controls_fit_a_narrow_screen_and_200_percent_text(browser, small_site, problems, width, text_zoom):
    page = open_page(browser, small_site, problems, width=width, bypass_csp=text_zoom)
    if text_zoom:
        page.add_style_tag(content="html { font-size: 200% }")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    search(page, "a")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}) {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]]


@pytest.mark.parametrize("path", ["", "mentors/rhys-pritchard/", "schemes/returners/"])
def test_axe_finds_no_accessibility_violations(browser, demo_url, problems, path):
    pytest.importorskip("axe_playwright_python", reason="the scan needs axe-playwright-python: pip install -e '.[test]'")
    page = open_page(browser, demo_url + path, problems)
    if path == "":
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        page.fill("#finder-q", "a")
        shown(page)
    assert axe_violations(page) == []
