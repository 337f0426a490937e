"""The built demo site in headless Chromium, served under a sub-path as on GitHub Pages."""

from __future__ import annotations

import pytest

from browsing import needs_chromium

pytestmark = needs_chromium


@pytest.fixture
def site_url(demo_url):
    return demo_url


def open_page(browser, url: str, *, javascript: bool = True, width: int = 390):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url, wait_until="load")
    return page, problems


def test_the_directory_loads_with_no_errors_csp_violations_or_broken_images(browser, site_url):
    page, problems = open_page(browser, site_url)
    for _ in range(40):  # scroll through so lazy images below the fold load too
        page.mouse.wheel(0, 600)
    page.wait_for_load_state("networkidle")
    broken = page.evaluate("() => [...document.images].filter(img => !img.complete || img.naturalWidth === 0)"
                           ".map(img => img.src)")
    assert broken == []
    assert problems == []
    assert page.locator(".card").count() == 26


def test_every_mentor_is_listed_without_javascript(browser, site_url):
    page, _ = open_page(browser, site_url, javascript=False)
    names = page.locator(".card__name a").all_inner_texts()
    assert len(names) == 26
    assert page.locator("#full-heading").is_visible()


def test_the_directory_fits_a_320_pixel_phone_without_sideways_scrolling(browser, site_url):
    page, _ = open_page(browser, site_url, width=320)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320


def test_a_profile_link_leads_to_the_profile_under_the_sub_path(browser, site_url):
    page, problems = open_page(browser, site_url)
    page.locator("#mentor-rhys-pritchard a").click()
    page.wait_for_load_state("load")
    assert page.url == site_url + "mentors/rhys-pritchard/"
    assert page.locator(".banner--full").inner_text().startswith("At full capacity.")
    assert problems == []


def test_the_agreement_form_offers_a_print_button_only_with_javascript(browser, site_url):
    page, problems = open_page(browser, site_url + "agreement/")
    assert page.locator("[data-print]").is_visible()
    assert problems == []
    page, _ = open_page(browser, site_url + "agreement/", javascript=False)
    assert not page.locator("[data-print]").is_visible()


def test_the_404_page_works_at_any_depth(browser, site_url):
    page, problems = open_page(browser, site_url + "404.html")
    page.locator("text=See all mentors").click()
    page.wait_for_load_state("load")
    assert page.url == site_url
    assert problems == []
