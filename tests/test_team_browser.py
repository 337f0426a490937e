"""The scheme team's pages in headless Chromium: on a 320 px phone, at 400% zoom, in forced colours and on paper."""

from __future__ import annotations

import io
import re

import pytest

from browsing import needs_chromium

pytestmark = needs_chromium

BOOKLETS = ["booklet/", "booklet/returners/", "booklet/foundation/"]
LONG_ANSWER = "I want to be ready to go back on call, and to plan my return to work. " * 12


def open_page(browser, url: str, *, width: int, height: int, zoom: float = 1):
    """A page at `width` x `height` device pixels; `zoom` 4 is 400% browser zoom (a quarter as many CSS px)."""
    context = browser.new_context(viewport={"width": int(width / zoom), "height": int(height / zoom)},
                                  device_scale_factor=zoom)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(url, wait_until="load")
    return page, problems


def sideways(page) -> int:
    """How far the page scrolls sideways, in CSS px (0 when it fits)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("path", ["capacity/", *BOOKLETS])
@pytest.mark.parametrize("width, height, zoom", [(320, 640, 1), (1280, 800, 4)], ids=["320x640", "1280-at-400%"])
def test_the_team_pages_never_scroll_sideways(browser, demo_url, path, width, height, zoom):
    page, problems = open_page(browser, demo_url + path, width=width, height=height, zoom=zoom)
    assert page.evaluate("() => document.documentElement.clientWidth") == 320
    assert sideways(page) == 0
    assert problems == []


def test_the_capacity_charts_text_is_at_least_12_px_and_labels_are_never_cut(browser, demo_url):
    page, _ = open_page(browser, demo_url + "capacity/", width=320, height=640)
    sizes = page.evaluate("() => [...document.querySelectorAll('.chart__label, .chart__value, .chart__legend, "
                          ".figures th, .figures td')].map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= 12
    labels = page.evaluate("() => [...document.querySelectorAll('.chart__label')].map(e => [e.textContent, "
                           "e.scrollWidth <= e.clientWidth + 1])")
    assert all(fits for _, fits in labels)
    assert "Returning to Training Mentoring" in [text for text, _ in labels]
    assert "`" not in page.locator("main").inner_text()


def test_tables_too_wide_for_a_phone_scroll_in_their_own_box(browser, demo_url):
    page, _ = open_page(browser, demo_url + "capacity/", width=320, height=640)
    boxes = page.evaluate("() => [...document.querySelectorAll('.table-scroll')].map(e => "
                          "[getComputedStyle(e).overflowX, e.getBoundingClientRect().right <= 320])")
    assert boxes and all(overflow == "auto" and inside for overflow, inside in boxes)


def test_the_chart_legend_keeps_its_colours_in_forced_colours_mode(browser, demo_url):
    page, _ = open_page(browser, demo_url + "capacity/", width=1280, height=800)
    page.emulate_media(forced_colors="active")
    fills = page.evaluate("() => [...document.querySelectorAll('.key__swatch rect, .chart__bar rect')].map(r => "
                          "getComputedStyle(r).fill)")
    assert "rgb(29, 107, 58)" in fills and "rgb(227, 168, 74)" in fills
    assert len(set(fills)) >= 2  # taking and full still look different
    keys = page.locator(".key__swatch")
    assert keys.count() >= 2 and keys.first.is_visible()


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page of a PDF."""
    from pypdf import PdfReader
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("answer", ["", LONG_ANSWER], ids=["blank", "long-answer"])
def test_the_agreement_prints_on_two_a4_pages_with_the_signatures_on_the_last(browser, demo_url, answer):
    page, _ = open_page(browser, demo_url + "agreement/", width=1280, height=800)
    if answer:
        page.fill("#mentee-hopes", answer)
    pages = pdf_pages(page.pdf(format="A4", prefer_css_page_size=True))
    assert len(pages) == 2
    assert "Signatures" in pages[-1] and "Mentor's signature" in pages[-1] and "Mentee's signature" in pages[-1]
    assert "Mentor's signature" not in pages[0]
    # Never alone: another section shares the last page with the signatures.
    assert "Anything else we have agreed" in pages[-1]
    assert [re.search(r"Page \d of \d", text)[0] for text in pages] == ["Page 1 of 2", "Page 2 of 2"]
    if answer:
        printed = re.sub(r"\s+", " ", "".join(pages))
        assert printed.count("plan my return to work.") == 12  # every word printed, none cut off


def test_a_long_answer_pushes_the_signatures_on_and_never_runs_over_them(browser, demo_url):
    page, _ = open_page(browser, demo_url + "agreement/", width=1280, height=800)
    page.fill("#mentee-hopes", LONG_ANSWER * 6)
    page.emulate_media(media="print")
    answer = page.locator("#mentee-hopes + .print-copy").bounding_box()
    signatures = page.locator(".signatures").bounding_box()
    assert answer["y"] + answer["height"] <= signatures["y"]
    pages = pdf_pages(page.pdf(format="A4", prefer_css_page_size=True))
    assert len(pages) == 3 and "Mentee's signature" in pages[-1] and "Signatures" in pages[-1]


def test_agreement_dates_follow_the_sites_language_not_the_browsers(browser, demo_url):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(demo_url + "agreement/")
    assert page.locator("input[type=date]").count() == 0
    dates = page.locator(".field--date input")
    assert dates.count() == 4
    assert {dates.nth(i).get_attribute("placeholder") for i in range(4)} == {"DD/MM/YYYY"}
    assert "mm/dd/yyyy" not in "".join(pdf_pages(page.pdf(format="A4"))).lower()


def test_the_booklet_prints_at_least_six_mentors_on_each_full_a4_page(browser, demo_url):
    page, _ = open_page(browser, demo_url + "booklet/", width=1280, height=800)
    pages = pdf_pages(page.pdf(format="A4", prefer_css_page_size=True))
    entries = [text.count("Contact:") for text in pages]
    assert sum(entries) == page.locator(".booklet-entry").count()
    assert len(pages) >= 2 and all(count >= 6 for count in entries[:-1]), entries
    assert "Scheme team: The Mentoring Scheme Team" in re.sub(r"\s+", " ", pages[0])
    assert "Directory: https://example.org/my-scheme/" in re.sub(r"\s+", " ", pages[0])
    assert [re.search(r"Page \d+ of \d+", text)[0] for text in pages] == \
        [f"Page {number} of {len(pages)}" for number in range(1, len(pages) + 1)]


def test_no_capacity_table_overflows_its_box_on_a_desktop_screen(browser, demo_url):
    page, _ = open_page(browser, demo_url + "capacity/", width=1280, height=800)
    overflow = page.evaluate("() => [...document.querySelectorAll('.table-scroll')].map(e => e.scrollWidth - "
                             "e.clientWidth)")
    assert overflow and set(overflow) == {0}
