"""Mexican 800 numbers carry "solo desde México" / "from Mexico only" beside them, in the language
of the text around them: on every page, on the pocket card and in every flyer PDF (issue 14)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build, plant
from html_tools import html_pages, url_path
from pdf_tools import catalog_lang
from puente.checks import mexico_numbers
from puente.features.flyers import printables
from site_tools import LANGUAGES

PRINTABLES = printables.find(ROOT / "docs", LANGUAGES)
POCKET = [p for p in PRINTABLES if p.kind == "pocket_card"]


def ids(items):
    return [f"{p.lang}:{p.slug}" for p in items]


def pdf_raw_text(pdf: Path) -> str:
    """The PDF's text in the order Chromium wrote it (the DOM order), not re-flowed by columns."""
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("html, problems", [
    ('<p lang="es">Llame al <a href="tel:+528009117877">800 911 7877</a> (solo desde México).</p>', 0),
    ('<p lang="es">Llame al <a href="tel:+528009117877">800 911 7877</a>.</p>', 1),
    ('<p lang="en">Call 800 911 7877 (solo desde México).</p>', 1),         # the words in the wrong language
    ('<html lang="en"><p>Call 800 911 7877 (from Mexico only)</p></html>', 0),
    ('<p lang="es">OSHA: 1-800-321-6742. Llame desde EE. UU.</p>', 0),       # a U.S. 1-800 number
    ('<p lang="es">800 911 7877</p>' + "<p>relleno</p>" * 30 + '<p>solo desde México</p>', 1),  # not beside it
    ('<script>var n = "800 911 7877";</script><p lang="es">Nada.</p>', 0),  # not visible text
])
def test_the_check_finds_a_mexican_number_without_its_words(html, problems):
    assert len(mexico_numbers.html_problems(html, "/x/")) == problems


def test_every_page_shows_the_words_beside_each_mexican_number(site):
    found, seen = [], 0
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        seen += len(mexico_numbers.MX_800.findall(html))
        found += mexico_numbers.html_problems(html, url_path(site, page))
    assert seen, "no Mexican 800 number on the site: the check would find nothing"
    assert not found, "\n".join(found)


@pytest.mark.parametrize("printable", PRINTABLES, ids=ids(PRINTABLES))
def test_every_printed_mexican_number_has_its_words(site, printable):
    pdf = site / printable.pdf
    text = pdf_raw_text(pdf)
    problems = mexico_numbers.text_problems(text, catalog_lang(pdf), f"/{printable.pdf}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("printable", POCKET, ids=ids(POCKET))
def test_the_pocket_card_prints_the_words_beside_its_mexican_number(site, printable):
    text = pdf_raw_text(site / printable.pdf)
    assert text.count("800 911 7877") == 10  # ten cards, each with PROFEDET's number
    words = mexico_numbers.WORDS[printable.lang]
    assert text.lower().count(words) == 10, text[:600]


def test_a_page_template_without_the_words_fails_the_check(project_copy, tmp_path):
    plant(project_copy, "overrides/partials/call-link.html",
          ' <span class="pl-dial-mx">({{ _("from Mexico only") }})</span>', "")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-2000:]
    page = tmp_path / "out" / "profedet" / "index.html"
    problems = mexico_numbers.html_problems(page.read_text(encoding="utf-8"), "/profedet/")
    assert problems and "800 911 7877" in problems[0] and "solo desde méxico" in problems[0]
