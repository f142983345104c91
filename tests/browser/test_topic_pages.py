"""Topic pages at phone width in Chromium: a contact in the first screen, call links big enough to tap."""

from __future__ import annotations

import pytest

from site_tools import LANGUAGES, address, nav_slugs

LANGS = LANGUAGES.codes
FIRST_SCREEN = 740
MIN_TAP = 48
NAV = nav_slugs()
# Pages that are not about one problem: every other page of the nav shows whom to call first.
NOT_TOPICS = {"index", "sobre", "contactos", "glosario", "organizaciones", "volantes", "tarjeta", "plazos"}
TOPICS = [slug for slug in NAV if slug not in NOT_TOPICS]


@pytest.mark.parametrize("slug", TOPICS)
@pytest.mark.parametrize("lang", LANGS)
def test_topic_page_shows_a_contact_in_the_first_screen(phone, server, slug, lang):
    phone.goto(server + address(slug, lang), wait_until="load")
    first = phone.locator("article .pl-contact, article a[href^='tel:']").first
    assert first.count(), f"{address(slug, lang)} has no contact card or call link"
    box = first.bounding_box()
    assert box is not None, f"{address(slug, lang)}: the first contact is not visible"
    assert box["y"] < FIRST_SCREEN, (
        f"{address(slug, lang)}: first contact starts at {box['y']:.0f}px, below the first {FIRST_SCREEN}px screen")


@pytest.mark.parametrize("slug", NAV)
def test_call_links_are_big_enough_to_tap(phone, server, slug):
    for lang in LANGS:
        phone.goto(server + address(slug, lang), wait_until="load")
        heights = phone.eval_on_selector_all(
            "a.pl-call", "els => els.filter(e => e.getClientRects().length)"
                         ".map(e => [e.textContent.trim(), e.getBoundingClientRect().height])")
        small = [(text, round(height)) for text, height in heights if height < MIN_TAP]
        assert not small, f"{address(slug, lang)}: call links under {MIN_TAP}px tall: {small}"
