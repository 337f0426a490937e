"""A private demo site in headless Chromium: unlocking, photos, search, lock, remembering, a new code."""

from __future__ import annotations

import shutil

import pytest

from browsing import needs_chromium, served
from test_private import CODE, OTHER_CODE, private_demo

pytestmark = needs_chromium
NAME = "Amara Okonkwo"  # a demo mentor with a photo


@pytest.fixture(scope="module")
def private_url(tmp_path_factory: pytest.TempPathFactory):
    """The private demo served at /my-scheme/, with the same site built under a new code at /rotated/my-scheme/."""
    workspace = tmp_path_factory.mktemp("private-browser")
    folder = workspace / "served"
    shutil.copytree(private_demo(workspace), folder / "my-scheme")
    shutil.copytree(private_demo(workspace, code=OTHER_CODE, out_name="rotated"), folder / "rotated")
    with served(folder) as url:
        yield url + "my-scheme/"


def visit(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return page, problems


def unlock(page, code: str, remember: bool = False) -> None:
    page.fill("#unlock-code", code)
    if remember:
        page.check("#unlock-remember")
    page.click("#unlock button[type=submit]")


def test_the_right_code_opens_directory_profile_photo_handbook_and_search(browser, private_url) -> None:
    page, problems = visit(browser)
    page.goto(private_url)
    assert NAME not in page.content()
    unlock(page, CODE.lower().replace("-", " "))
    page.wait_for_selector("html[data-unlocked]")
    assert page.locator(".card").count() == 26
    assert page.locator(".card__name a", has_text=NAME).is_visible()

    page.fill("#finder-q", "okonkwo")
    page.wait_for_selector("#finder-count:has-text('1 of 26')")
    assert [name.split(" (")[0] for name in page.locator(".card:visible .card__name").all_inner_texts()] == [f"Dr {NAME}"]

    page.locator(".card__name a", has_text=NAME).click()  # a second page: no second unlock
    page.wait_for_selector("html[data-unlocked]")
    assert page.locator("h1").inner_text().startswith(f"Dr {NAME}")
    photo = page.locator("main img.portrait")
    photo.wait_for()
    page.wait_for_function("() => document.querySelector('main img.portrait').naturalWidth > 0")
    assert photo.get_attribute("src").startswith("blob:")

    page.locator(".site-nav a", has_text="Returning to Training").click()
    page.wait_for_selector("html[data-unlocked]")
    assert page.locator("main h1").inner_text() == "Returning to Training Mentoring"
    assert problems == []


def test_a_wrong_code_says_so_and_shows_nothing(browser, private_url) -> None:
    page, problems = visit(browser)
    page.goto(private_url)
    unlock(page, "WRONG-CODE-0000-1111-2222")
    page.wait_for_selector("#unlock-error:not(:empty)")
    assert page.locator("#unlock-error").inner_text().startswith("That access code is not right.")
    assert page.locator(".card").count() == 0
    assert NAME not in page.content()
    page.goto(private_url + "schemes/returners/")
    assert page.locator("#unlock").is_visible() and page.locator("main h1").inner_text() == "Find a mentor"


def test_after_lock_every_page_asks_for_the_code_again(browser, private_url) -> None:
    page, _ = visit(browser)
    page.goto(private_url)
    unlock(page, CODE, remember=True)
    page.wait_for_selector("html[data-unlocked]")
    page.click(".lock-button")
    page.wait_for_selector("#unlock:visible")
    page.goto(private_url + "agreement/")
    assert page.locator("#unlock").is_visible()
    assert page.locator("html[data-unlocked]").count() == 0


def test_remember_keeps_the_site_open_in_a_new_tab_until_the_code_changes(browser, private_url) -> None:
    page, _ = visit(browser)
    page.goto(private_url)
    unlock(page, CODE, remember=True)
    page.wait_for_selector("html[data-unlocked]")
    tab = page.context.new_page()  # a new tab has no sessionStorage: only "remember" opens it
    tab.goto(private_url + "agreement/")
    tab.wait_for_selector("html[data-unlocked]")
    # The same site rebuilt with a new code (same address, so the same slot in storage).
    rotated = page.context.new_page()
    rotated.goto(private_url.replace("/my-scheme/", "/rotated/"))
    rotated.wait_for_selector("#unlock-error:not(:empty)")
    assert rotated.locator("#unlock-error").inner_text().startswith("The access code has changed")


def test_the_open_data_link_opens_the_plain_export(browser, private_url) -> None:
    page, _ = visit(browser)
    page.goto(private_url)
    unlock(page, CODE)
    page.wait_for_selector("html[data-unlocked]")
    page.locator("a", has_text="mentors.json").click()
    page.wait_for_url(lambda address: address.startswith("blob:"))
    assert '"schema_version": 1' in page.locator("body").inner_text()


def test_without_javascript_the_locked_page_explains_why(browser, private_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(private_url)
    assert "unlocking them needs JavaScript" in page.locator("main").inner_text()
    assert not page.locator("#unlock").is_visible()


def test_axe_finds_no_accessibility_violations_locked_or_unlocked(browser, private_url) -> None:
    pytest.importorskip("axe_playwright_python", reason="the scan needs axe-playwright-python: pip install -e '.[test]'")
    from test_search_browser import axe_violations

    page, problems = visit(browser)
    page.goto(private_url)
    unlock(page, "WRONG-CODE-0000-1111-2222")
    page.wait_for_selector("#unlock-error:not(:empty)")
    assert axe_violations(page) == []
    unlock(page, CODE)
    page.wait_for_selector("html[data-unlocked]")
    assert axe_violations(page) == []
    assert problems == []
