"""Flyers and printing: real Chromium print, real PDFs (poppler), real QR decoding (zbarimg).

The session site (conftest ``site``) is built as ``make build`` builds it, PDFs included; every
page is printed once more from the served site, as staff print it from a browser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from pdf_tools import (
    assert_public_links,
    catalog_lang,
    format_pdf_date,
    pdf_dates,
    pdf_fonts,
    pdf_info,
    pdf_text,
    printed_whole,
    qr_codes,
    run,
)
from puente.core import addresses, front_matter
from puente.features.flyers import fonts, pdfs, printables
from site_tools import LANGUAGES, PLACEHOLDER

LANGS = LANGUAGES.codes
PRINTABLES = printables.find(ROOT / "docs", LANGUAGES)
FLYERS = [p for p in PRINTABLES if p.kind == "flyer"]
POCKET = [p for p in PRINTABLES if p.kind == "pocket_card"]


def ids(items):
    return [f"{p.lang}:{p.slug}" for p in items]






















def canonical(p: printables.Printable) -> str:
    return PLACEHOLDER + p.url


def flyer_numbers(lang: str, source: str | None = None) -> list[str]:
    """The numbers a page's printed call box carries: its front matter's ``flyer_contacts``, else
    the registry's ``flyer: true`` contacts."""
    from puente.core import contacts

    registry = contacts.load(ROOT / contacts.REGISTRY)
    own = front_matter.read_front_matter(ROOT / source).extra.get("flyer_contacts") if source else None
    chosen = [registry[key] for key in own] if own is not None else [c for c in registry.values() if c.flyer]
    return [line["number"] for line in printables.contact_lines(chosen, lang)]


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})


class _Text(HTMLParser):
    """Text inside <nav>, and text inside <article>, of a built page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.nav: list[str] = []
        self.article: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and "nav" in self.stack:
            self.nav.append(text)
        if text and "article" in self.stack:
            self.article.append(text)


def chrome_labels(html: str) -> set[str]:
    """Site chrome words that must not print: navigation labels that are not also page text,
    the search box, the share links, the footer's copyright."""
    parser = _Text()
    parser.feed(html)
    article = " ".join(parser.article)
    labels = {label for label in parser.nav if len(label) > 3 and label not in article}
    placeholder = re.search(r'class="md-search__input"[^>]*placeholder="([^"]+)"', html)
    if placeholder:
        labels.add(placeholder.group(1))
    labels.update(re.findall(r'class="pl-share__link"[^>]*>([^<]+)<', html))
    copyright_text = re.search(r'class="md-copyright__highlight">\s*([^<]+?)\s*<', html)
    if copyright_text:
        labels.add(copyright_text.group(1))
    return labels


# --- The printables: at least one flyer per topic in each language ------------------------------







# --- The generated PDFs ----------------------------------------------------------------------------

@pytest.mark.parametrize("printable", PRINTABLES, ids=ids(PRINTABLES))
def test_generated_pdf_has_one_page_title_language_and_a_working_qr(site, printable, tmp_path):
    pdf = site / printable.pdf
    assert pdf.is_file(), f"{printable.source}: no PDF at /{printable.pdf}"
    info = pdf_info(pdf)
    assert info["Pages"] == "1"
    assert info["Title"].startswith(printable.title), info["Title"]
    assert catalog_lang(pdf) == printable.lang
    thumb = (site / printable.thumb).read_bytes()
    assert thumb[:4] == b"RIFF" and thumb[8:12] == b"WEBP" and len(thumb) < 20_000, len(thumb)

    assert pdf_fonts(pdf) == {fonts.FAMILY.replace(" ", "")}, run("pdffonts", str(pdf))
    assert_public_links(pdf, PLACEHOLDER)
    reviewed = front_matter.read_front_matter(ROOT / printable.source).reviewed
    assert {d[:19] for d in pdf_dates(pdf)} == {format_pdf_date(reviewed)}, pdf_dates(pdf)

    text = pdf_text(pdf)
    codes = qr_codes(pdf, tmp_path)
    html = (site / printable.url / "index.html").read_text(encoding="utf-8")
    leaked = {label for label in chrome_labels(html) if label in text}
    assert not leaked, f"site chrome printed: {leaked}"
    if printable.kind == "flyer":
        assert printable.title in text
        assert printed_whole(canonical(printable), run("pdftotext", "-layout", str(pdf), "-"))
        for number in flyer_numbers(printable.lang, printable.source):
            assert number in text
        assert codes == [canonical(printable)]
    else:  # the pocket card sheet: ten cards, each with its QR code to the contacts page
        contacts_url = PLACEHOLDER + addresses.page_path("contactos", printable.lang, LANGUAGES)
        assert len(codes) == 10 and set(codes) == {contacts_url}, codes
        assert text.count(contacts_url) == 10


def test_flyer_pages_link_their_pdf(site):
    for p in FLYERS:
        html = (site / p.url / "index.html").read_text(encoding="utf-8")
        label = "Descargar volante (PDF)" if p.lang == "es" else "Download flyer (PDF)"
        link = re.search(r'<a href="([^"]+)"[^>]*data-pl-pdf="flyer"[^>]*>.*?<span>([^<]+)</span>', html)
        assert link, f"/{p.url}: no download link"
        assert link.group(2) == label
        assert (site / p.url / link.group(1)).is_file()


def test_staff_page_lists_every_printable_with_thumbnails_that_load_only_when_opened(site, server, browser):
    """Every printable, with a WebP thumbnail in a closed "Preview" box: a phone opening the
    list fetches the page and its stylesheet, no thumbnail."""
    for lang in LANGS:
        page = site / addresses.page_path("volantes", lang, LANGUAGES) / "index.html"
        html = page.read_text(encoding="utf-8")
        linked = {(page.parent / href).resolve() for href in re.findall(r'href="([^"]+\.pdf)"', html)}
        assert linked == {(site / p.pdf).resolve() for p in PRINTABLES}
        images = re.findall(r'<img src="([^"]+)"[^>]*>', html)
        assert len(images) == len(PRINTABLES)
        for tag in re.findall(r"<img [^>]*>", html):
            assert 'loading="lazy"' in tag and "width=" in tag and "height=" in tag
        assert len(re.findall(r'<details class="pl-flyer-list__thumb"><summary>', html)) == len(PRINTABLES)
        for src in images:
            assert (page.parent / src).resolve().is_file() and src.endswith(".webp")
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(server + "/volantes/", wait_until="networkidle")
    assert not [url for url in fetched if url.endswith(".webp")], fetched
    # Opening a preview loads its thumbnail (waited for as an event: the page was idle already).
    with page.expect_request(lambda request: request.url.endswith(".webp"), timeout=10000):
        page.locator("details.pl-flyer-list__thumb summary").first.click()
    context.close()


def test_a_second_run_renders_nothing(site):
    lines = []
    report = pdfs.render(site, ROOT / ".cache" / pdfs.CACHE_NAME, PLACEHOLDER, log=lines.append)
    assert report.rendered == [] and len(report.cached) == len(PRINTABLES), lines
    assert any("0 rendered" in line for line in lines)


def test_complete_languages_print_every_flyer_on_one_page(site):
    """Spanish and English flyers fit one Letter sheet at their address (up to 60 characters),
    at the worst at the readable floor; a failure says by how much each one overflows."""
    report = pdfs.render(site, ROOT / ".cache" / pdfs.CACHE_NAME, PLACEHOLDER, log=lambda _line: None)
    held = [p for p in PRINTABLES if pdfs.held_to_one_page(p.lang, canonical(p), LANGUAGES)]
    assert {p.lang for p in held} == set(LANGS)
    too_long = [f"{p.source}: {report.results['/' + p.pdf].describe()}" for p in held
                if report.results["/" + p.pdf].pages > 1]
    assert not too_long, "flyers that do not fit one page:\n" + "\n".join(too_long)


# --- The print font -------------------------------------------------------------------------------





# --- Printing from the browser, as staff do -------------------------------------------------------

def built_pages(site: Path) -> list[str]:
    """URL paths of every built page (``/``, ``/en/derechos/salario/``...)."""
    paths = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if "assets" not in html.parts:
            paths.append("/" if rel == "." else f"/{rel}/")
    return paths


# Reader-protecting notices on paper (outside the two-column contacts directory): one line each
ONE_LINE_NOTICES = """() => [...document.querySelectorAll('.pl-contact__verify, .pl-translation-notice')]
  .filter(e => !e.closest('.pl-directory') && e.offsetParent !== null)
  .filter(e => e.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(e).lineHeight))
  .map(e => e.textContent.trim())"""


def test_every_page_prints_on_at_most_two_letter_pages_flyers_on_one(site, server, browser, tmp_path):
    flyer_urls = {"/" + p.url for p in FLYERS}
    context = browser.new_context(viewport={"width": 710, "height": 960})  # Letter minus margins
    page = context.new_page()
    page.emulate_media(media="print")
    too_long, wrapped = [], []
    for path in built_pages(site):
        html = (site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:  # redirect stubs
            continue
        page.goto(server + path, wait_until="load")
        wrapped += [f"{path}: {text}" for text in page.evaluate(ONE_LINE_NOTICES)]
        pdf = tmp_path / "page.pdf"
        page.pdf(path=str(pdf), format="Letter")
        count = int(pdf_info(pdf)["Pages"])
        limit = 1 if path in flyer_urls else 2
        if count > limit:
            too_long.append(f"{path}: {count} pages (at most {limit})")
    context.close()
    assert not too_long, "\n".join(too_long)
    assert not wrapped, "reader notices printed on more than one line:\n" + "\n".join(wrapped)


def test_printed_page_carries_footer_and_external_addresses(site, server, browser, tmp_path):
    """A non-flyer page: the footer prints (numbers, URL, QR, date); screen hides it."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "/en/derechos/salario/", wait_until="load")
    assert not page.locator(".pl-print").is_visible()
    pdf = tmp_path / "salario.pdf"
    page.pdf(path=str(pdf), format="Letter")
    context.close()
    text = pdf_text(pdf)
    assert "Where to call for help" in text and "Facts last checked:" in text
    for number in flyer_numbers("en"):
        assert number in text
    assert f"{PLACEHOLDER}en/derechos/salario/" in text
    assert "(https://www.dol.gov/agencies/whd)" in text.replace(" ", "")  # an external link prints its address
    # (the address may wrap: pdftotext then splits it)
    assert "(#" not in text and "(../" not in text      # internal links do not
    last = int(pdf_info(pdf)["Pages"])
    png = tmp_path / "last"
    run("pdftoppm", "-png", "-r", "150", "-f", str(last), "-l", str(last), "-singlefile", str(pdf), str(png))
    decoded = run("zbarimg", "--raw", "-q", f"{png}.png").split()
    assert decoded == [f"{PLACEHOLDER}en/derechos/salario/"]


def test_every_sheet_carries_the_running_title_address_and_page_count(site, server, browser, tmp_path):
    """The margin line (partials/print-running.html, a <style> in the head allowed by its CSP hash,
    served as a real header) prints on every sheet: title · address, and "page/pages"."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "/en/derechos/salario/", wait_until="load")
    pdf = tmp_path / "salario.pdf"
    page.pdf(path=str(pdf), format="Letter")
    context.close()
    sheets = int(pdf_info(pdf)["Pages"])
    text = run("pdftotext", "-layout", str(pdf), "-")
    running = re.findall(rf"Pay and overtime · {PLACEHOLDER}en/derechos/salario/\s+(\d+)\s*/\s*(\d+)", text)
    assert running == [(str(n), str(sheets)) for n in range(1, sheets + 1)], text[-800:]


def test_the_profedet_flyer_call_box_lists_profedet_from_mexico_only(site):
    for p in FLYERS:
        if p.slug != "profedet":
            continue
        html = (site / p.url / "index.html").read_text(encoding="utf-8")
        box = html.split('class="pl-print', 1)[1].split("</section>", 1)[0]
        words = "solo desde México" if p.lang == "es" else "from Mexico only"
        assert re.search(rf'pl-print__number">800 911 7877</strong> <span class="pl-dial-mx">\({words}\)', box)
        assert "800 911 7877" in pdf_text(site / p.pdf)


