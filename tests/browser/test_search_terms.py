"""Per-page search terms (front matter ``search_terms:``): found by search, shown nowhere.

A term the page's own text lacks ("la aseguranza" on the injury page) brings the page first,
yet is not in its text, in its excerpt or in the result list; the contacts directory is found by
a phone number as people type it. Without its terms (planted in a copy) the page is not first.
"""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import mkdocs_build
from puente.tools import static_server

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def search(page, query: str) -> tuple[list[str], str]:
    page.fill(".md-search__input", query)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta').dataset.plQuery === q", arg=query, timeout=10000)
    urls = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => new URL(e.href).pathname)")
    return urls, page.locator(".md-search-result__list").inner_text()


@pytest.mark.parametrize("lang, query, slug, hidden", [
    ("es", "la aseguranza", "derechos/lesiones/", "aseguranza"),
    ("es", "el overtime", "derechos/salario/", "overtime"),
    ("en", "how long do i have", "plazos/", "how long do i have"),
    ("en", "harrasment", "derechos/discriminacion/", "harrasment"),
])
def test_a_term_finds_its_page_and_is_shown_nowhere(browser, server, lang, query, slug, hidden):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    prefix = "/" if lang == "es" else "/en/"
    page.goto(server + prefix + slug, wait_until="networkidle")
    assert hidden not in page.locator("article").inner_text().lower()   # not in the page's text...
    carrier = page.locator("[data-pagefind-meta^='terms[']")
    assert carrier.count() == 1 and carrier.inner_text() == "" and not carrier.is_visible()
    page.click("label.md-header__button[for=__search]")
    found, shown = search(page, query)
    context.close()
    assert found and found[0] == prefix + slug, found[:3]
    assert hidden not in shown.lower(), shown[:300]                     # ...nor in the results


def test_the_directory_is_found_by_a_phone_number_as_people_type_it(browser, server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(server + "/contactos/", wait_until="networkidle")
    assert page.locator("a[href='tel:+18664879243']").count() >= 1
    page.click("label.md-header__button[for=__search]")
    for query in ("866 487 9243", "8664879243"):
        found, _ = search(page, query)
        assert found and found[0] == "/contactos/", (query, found[:3])
    context.close()


def test_without_its_terms_the_page_is_not_first(project_copy, tmp_path, browser):
    """The planted control: the same query on a copy whose injury page lost its terms."""
    page_file = project_copy / "docs/derechos/lesiones.es.md"
    text = page_file.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert "la aseguranza" in front["search_terms"]
    page_file.write_text(re.sub(r"^search_terms: .*\n", "", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stderr[-2000:]
    with static_server.serve(site) as url:
        context = browser.new_context(**PHONE)
        page = context.new_page()
        page.goto(url + "/", wait_until="networkidle")
        page.click("label.md-header__button[for=__search]")
        found, _ = search(page, "la aseguranza")
        context.close()
    assert not found or found[0] != "/derechos/lesiones/", found[:3]
