"""Phone-first rules, checked structurally in a real Chromium on the built site.

Budgets (bytes, requests, Lighthouse) are measured by `make bench`, not asserted here.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
import yaml

from browser_tools import pages_loading, settle
from conftest import ROOT
from html_tools import page_addresses
from puente.features.optimise import css_subset, page_rewrite

MATERIAL_CSS = Path(material.__file__).parent / "templates/assets/stylesheets"   # as installed
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1, "is_mobile": True,
         "has_touch": True}
FONT_SUFFIXES = (".woff", ".woff2", ".ttf", ".otf", ".eot")


@pytest.fixture(scope="module")
def pages(site):
    return page_addresses(site)


@pytest.fixture(scope="module")
def phone_context(browser):
    context = browser.new_context(**PHONE)
    yield context
    context.close()


@pytest.fixture(scope="module")
def no_js_context(browser):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    yield context
    context.close()


# -- requests --------------------------------------------------------------------------------

def test_every_page_loads_only_from_its_own_origin_without_failures_or_web_fonts(
        server, pages, phone_context):
    origin = urlsplit(server).netloc
    problems = []

    def record(page):   # the page's requests
        page.seen, page.failed = [], []
        page.on("requestfinished", lambda request: page.seen.append(request))  # noqa: PLW0108 (Playwright needs a real function, not a bound builtin)
        page.on("requestfailed", lambda request: page.failed.append(request.url))

    for path, page in pages_loading(phone_context, server, pages, record):
        settle(page)
        for request in page.seen:
            if not request.url.startswith("http"):
                continue
            response = request.response()
            if urlsplit(request.url).netloc != origin:
                problems.append(f"{path}: request to another origin: {request.url}")
            if response is None or response.status >= 400:
                problems.append(f"{path}: failed request {request.url} ({response and response.status})")
            if request.resource_type == "font" or request.url.split("?")[0].endswith(FONT_SUFFIXES):
                problems.append(f"{path}: web font requested: {request.url}")
            if "pagefind" in request.url or "puente-search" in request.url:
                problems.append(f"{path}: search loaded before it was opened: {request.url}")
        problems += [f"{path}: failed request {url}" for url in page.failed]
        page.close()
    assert not problems, "\n".join(problems)


# -- accessibility ---------------------------------------------------------------------------

def test_axe_finds_no_violation_on_any_page_at_phone_width(server, pages, phone_context):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = phone_context.new_page()
    report = []
    for path in pages:
        page.goto(server + path, wait_until="load")
        result = axe.run(page, options={"resultTypes": ["violations"]})
        for violation in result.response["violations"]:
            targets = [n["target"] for n in violation["nodes"]][:3]
            report.append(f"{path}: {violation['id']} ({violation['impact']}): {targets}")
    page.close()
    assert not report, "axe-core violations:\n" + "\n".join(report)


@pytest.mark.parametrize("path, query", [("/", "salario"), ("/en/", "wage")])
def test_axe_finds_no_violation_with_search_open_and_showing_results(server, browser, path, query):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(server + path, wait_until="networkidle")
    page.click("label.md-header__button[for=__search]")
    assert _search(page, query)
    violations = Axe().run(page).response["violations"]
    context.close()
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def test_call_share_and_language_tap_targets_are_at_least_48px(server, phone_context):
    page = phone_context.new_page()
    small = []
    for path in ("/derechos/salario/", "/en/derechos/salario/"):
        page.goto(server + path)
        for selector in ("a[href^='tel:']", ".pl-share__link", ".md-select .md-header__button",
                         "label.md-header__button[for=__drawer]"):
            elements = page.query_selector_all(selector)
            assert elements, f"{path}: nothing matches {selector}"
            for element in elements:
                box = element.bounding_box()
                if box and (box["height"] < 48 or box["width"] < 48):
                    small.append(f"{path} {selector}: {box['width']:.0f}×{box['height']:.0f}")
    page.close()
    assert not small, "tap targets under 48 px:\n" + "\n".join(small)


# -- without JavaScript ----------------------------------------------------------------------

def test_without_javascript_read_navigate_switch_language_and_call(server, no_js_context):
    page = no_js_context.new_page()
    page.goto(server + "/derechos/salario/")
    assert page.locator("article h1").is_visible()
    assert page.locator("article p").first.is_visible()
    assert page.locator("article a[href^='tel:']").count() > 0, "no tap-to-call link"
    # The drawer opens through Material's CSS checkbox.
    nav = page.locator(".md-sidebar--primary")
    assert not nav.is_visible() or nav.bounding_box()["x"] < 0
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_timeout(400)
    assert page.is_checked("#__drawer")
    box = nav.bounding_box()
    assert box and box["x"] >= 0, "the drawer did not open"
    page.click("label.md-overlay[for=__drawer]", position={"x": 340, "y": 400})
    assert not page.is_checked("#__drawer")
    # Switching language is a plain link to the same page in English.
    english = page.locator(".md-select a[hreflang='en']")
    assert english.count() == 1
    page.goto(server + "/derechos/salario/")
    page.click(".md-select .md-header__button")
    english.click()
    page.wait_for_url("**/en/derechos/salario/")
    assert page.locator("html").get_attribute("lang") == "en"
    # Search is not offered where it cannot work.
    assert not page.locator("label.md-header__button[for=__search]").is_visible()
    page.close()


# -- link previews and share links -----------------------------------------------------------







# -- search ----------------------------------------------------------------------------------

QUERIES = yaml.safe_load((ROOT / "data/search-queries.yml").read_text(encoding="utf-8"))


def _search(page, query: str) -> list[str]:
    page.fill(".md-search__input", query)
    page.wait_for_function(
        "q => document.querySelector('.md-search__input').value === q && "
        "!/^\\s*$/.test(document.querySelector('.md-search-result__meta').textContent) && "
        "document.querySelector('.md-search-result__meta').dataset.plQuery === q", arg=query,
        timeout=10000)
    return page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => new URL(e.href).pathname)")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_search_returns_the_expected_page_first_for_every_committed_query(server, browser, lang):
    assert len(QUERIES[lang]) >= 40
    context = browser.new_context(**PHONE)
    page = context.new_page()
    prefix = "/" if lang == "es" else "/en/"
    page.goto(server + prefix, wait_until="networkidle")
    page.click("label.md-header__button[for=__search]")
    wrong = []
    for item in QUERIES[lang]:
        found = _search(page, item["query"])
        want = prefix + (item["page"] + "/" if item["page"] else "")
        if not found or found[0] != want:
            wrong.append(f"{item['query']!r}: expected {want}, got {found[:3]}")
        if any(not p.startswith("/en/") for p in found) if lang == "en" else any(
                p.startswith("/en/") for p in found):
            wrong.append(f"{item['query']!r}: results from another language: {found}")
    misses = []
    for item in (QUERIES.get("known_misses") or {}).get(lang, []):
        found = _search(page, item["query"])
        misses.append(f"{item['query']!r} -> {found[:1]}")
    context.close()
    print(f"known misses ({lang}):", "; ".join(misses))
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("query, word", [("telefono", "teléfono"), ("lesion", "lesión"),
                                         ("compensacion", "compensación"), ("TELEFONO", "teléfono")])
def test_search_ignores_accents_and_case(server, browser, query, word):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(server + "/", wait_until="networkidle")
    page.click("label.md-header__button[for=__search]")
    assert _search(page, query), f"{query!r} found nothing"
    marks = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent.toLowerCase())")
    context.close()
    assert any(word in m for m in marks), f"{query!r} did not find {word!r}: {marks[:10]}"


# -- the CSS subset --------------------------------------------------------------------------

def _removed_selectors(site: Path) -> list[str]:
    tokens = css_subset.Tokens()
    tokens.add_html(page_rewrite.RUNTIME_HTML)
    for html in site.rglob("*.html"):
        tokens.add_html(html.read_text(encoding="utf-8"))
    sources = sorted(MATERIAL_CSS.glob("*.min.css"))
    config = yaml.safe_load(re.sub(r"!ENV \[[^\]]*\]", "x", (ROOT / "mkdocs.yml").read_text()))
    sources += [ROOT / "docs" / css for css in config.get("extra_css", [])]
    removed = set()
    for source in sources:
        removed.update(css_subset.subset(source.read_text(encoding="utf-8"), tokens).removed)
    return sorted({css_subset.matchable(s) for s in removed})


def test_no_page_uses_a_css_rule_the_build_removed(site, server, pages, phone_context):
    removed = _removed_selectors(site)
    assert len(removed) > 100, "the subset removed almost nothing: is it still running?"
    script = """sels => sels.filter(s => { try { return document.querySelector(s) !== null }
                                           catch (e) { return false } })"""
    page = phone_context.new_page()
    used = []
    for path in pages:
        page.goto(server + path, wait_until="load")
        used += [f"{path}: {s}" for s in page.evaluate(script, removed)]
    for path, query in (("/", "salario"), ("/en/", "wage")):   # with search open and showing results
        page.goto(server + path, wait_until="networkidle")
        page.click("label.md-header__button[for=__search]")
        _search(page, query)
        used += [f"{path} (search open): {s}" for s in page.evaluate(script, removed)]
    page.close()
    assert not used, "removed CSS rules that a page needs:\n" + "\n".join(used[:40])




