"""A copy published under a sub-path, as a GitHub Pages project site is: SITE_URL with a path.

One build of a copy (PDFs on), shared by the module: every flyer fits one page, QR codes decode to
the sub-path address, printed addresses break only at a "/", and the site served under
``/puente-laboral/`` on 127.0.0.1 works in Chromium: pages, language switch, search, 404 page.
"""

from __future__ import annotations

import re

import pytest

from pdf_tools import assert_public_links, printed_whole, qr_codes, run
from puente.core import qr
from puente.features.flyers import pdfs
from puente.tools import static_server
from site_tools import SUBPATH_PREFIX, SUBPATH_URL


def test_every_flyer_fits_one_page_and_opens_its_subpath_address(subpath_site, tmp_path):
    jobs = pdfs.jobs(subpath_site)
    assert len(jobs) >= 14
    for job in jobs:
        address = SUBPATH_URL + job.path
        pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(job.pdf))).group(1))
        assert pages == 1, f"{job.url_path}: {pages} pages"
        codes = qr_codes(job.pdf, tmp_path)
        text = run("pdftotext", "-layout", str(job.pdf), "-")
        if job.kind == "flyer":
            assert codes == [address], (job.url_path, codes)
            assert printed_whole(address, text), f"{job.url_path}: the address breaks inside a word:\n{text[-600:]}"
        else:
            contacts = SUBPATH_URL + job.path.replace("tarjeta/", "contactos/")
            assert set(codes) == {contacts} and len(codes) == 10, codes
            assert printed_whole(contacts, text)


def test_pages_carry_the_subpath_in_every_absolute_address(subpath_site):
    html = (subpath_site / "en/riesgos/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SUBPATH_URL}en/riesgos/">' in html
    assert qr.svg(f"{SUBPATH_URL}en/riesgos/", title=f"{SUBPATH_URL}en/riesgos/") in html
    for page in ("404.html", "en/404.html"):
        links = re.findall(r'(?:href|src)="(/[^"]*)"', (subpath_site / page).read_text(encoding="utf-8"))
        assert links and all(link.startswith(SUBPATH_PREFIX + "/") for link in links), (page, links)
        assert any(re.search(r"/assets/stylesheets/bundle\.[0-9a-f]{10}\.css$", link) for link in links), links


@pytest.fixture(scope="module")
def served(subpath_site):
    with static_server.serve(subpath_site, prefix=SUBPATH_PREFIX) as base:
        yield base


def _search(page, query: str) -> list[str]:
    page.click("label.md-header__button[for=__search]")
    page.fill(".md-search__input", query)
    page.wait_for_function("q => document.querySelector('.md-search-result__meta').dataset.plQuery === q",
                           arg=query, timeout=15000)
    return page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => new URL(e.href).pathname)")


@pytest.mark.parametrize("missing, lang, query, prefix", [
    ("/no-existe/", "es", "salario", "/puente-laboral/"),
    ("/en/nowhere/", "en", "wage", "/puente-laboral/en/"),
])
def test_served_under_the_subpath_the_404_page_searches(served, browser, missing, lang, query, prefix):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400
            and response.url != served + missing else None)
    answer = page.goto(served + missing, wait_until="networkidle")
    assert answer.status == 404
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"
    found = _search(page, query)
    context.close()
    assert found and all(path.startswith(prefix) for path in found), found   # results in the page's language
    assert lang == "en" or not any(path.startswith("/puente-laboral/en/") for path in found), found
    assert not failed, failed


def test_served_under_the_subpath_pages_and_language_switch_work(served, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.goto(served + "/derechos/salario/", wait_until="networkidle")
    english = page.eval_on_selector('a.md-select__link[hreflang="en"]', "a => a.href")
    assert english == served + "/en/derechos/salario/"
    page.goto(english, wait_until="networkidle")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert _search(page, "overtime")[0].startswith(SUBPATH_PREFIX + "/en/")
    context.close()
    assert not failed, failed


def test_the_pdfs_link_their_public_addresses(subpath_site):
    """Links inside a PDF are site_url addresses, never paths of the machine that built it."""
    for job in pdfs.jobs(subpath_site):
        assert_public_links(job.pdf, SUBPATH_URL)
