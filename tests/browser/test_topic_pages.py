"""Topic pages at phone width in Chromium: a contact in the first screen, call links big enough to tap."""

from __future__ import annotations

import pytest

from browser_tools import pages_loading
from site_tools import LANGUAGES, address, nav_slugs

LANGS = LANGUAGES.codes
FIRST_SCREEN = 740
MIN_TAP = 48
NAV = nav_slugs()
# Pages that are not about one problem: every other page of the nav shows whom to call first.
NOT_TOPICS = {"index", "sobre", "contactos", "glosario", "organizaciones", "volantes", "tarjeta", "plazos"}
TOPICS = [slug for slug in NAV if slug not in NOT_TOPICS]


@pytest.fixture(scope="module")
def phone_context(browser):
    """One 360×740 phone context for the sweeps below (each page is opened fresh in it)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    yield context
    context.close()


def test_every_topic_page_shows_a_contact_in_the_first_screen(phone_context, server):
    paths = [address(slug, lang) for slug in TOPICS for lang in LANGS]
    problems = []
    for path, page in pages_loading(phone_context, server, paths):
        page.wait_for_load_state("load")
        first = page.locator("article .pl-contact, article a[href^='tel:']").first
        box = first.bounding_box() if first.count() else None
        if not first.count():
            problems.append(f"{path} has no contact card or call link")
        elif box is None:
            problems.append(f"{path}: the first contact is not visible")
        elif box["y"] >= FIRST_SCREEN:
            problems.append(f"{path}: first contact starts at {box['y']:.0f}px, "
                            f"below the first {FIRST_SCREEN}px screen")
        page.close()
    assert len(paths) == len(TOPICS) * len(LANGS) > 20
    assert not problems, "\n".join(problems)


def test_call_links_are_big_enough_to_tap(phone_context, server):
    paths = [address(slug, lang) for slug in NAV for lang in LANGS]
    problems, calls = [], 0
    for path, page in pages_loading(phone_context, server, paths):
        page.wait_for_load_state("load")
        heights = page.eval_on_selector_all(
            "a.pl-call", "els => els.filter(e => e.getClientRects().length)"
                         ".map(e => [e.textContent.trim(), e.getBoundingClientRect().height])")
        calls += len(heights)
        small = [(text, round(height)) for text, height in heights if height < MIN_TAP]
        if small:
            problems.append(f"{path}: call links under {MIN_TAP}px tall: {small}")
        page.close()
    assert calls > 20, "the sweep found almost no call links: is a.pl-call still their class?"
    assert not problems, "\n".join(problems)
