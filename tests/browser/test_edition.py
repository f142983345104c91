"""Local editions: a copy of the project with an organization profile, built as a
fork on GitHub Pages would build it (a sub-path address), PDFs included, once for this module;
and the "Found a mistake?" link of every page, whose address such a profile can set.

Real builds, real PDFs (poppler), real QR decoding (zbarimg), the real link checker.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from browser_tools import pages_loading
from conftest import ROOT, copy_project, mkdocs_build, run_make
from html_tools import html_pages, url_path
from pdf_tools import pdf_info, pdf_text, run
from puente.checks import linkcheck
from puente.core import addresses, organization
from puente.features.flyers import printables
from site_tools import LANGUAGES

SUB_PATH = "https://example-ngo.github.io/puente-laboral/"
LANGS = LANGUAGES.codes
NAME = {"es": "Centro de Trabajadores del Sur", "en": "Southern Worker Center"}
PHONE, PHONE_E164 = "1-713-555-0123", "+17135550123"
AID_PHONE = "1-713-555-0199"
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60"><rect width="120" height="60"/></svg>'
# Fictional: 555-01xx numbers are reserved for fiction; example.org/.net are reserved names.
PROFILE = """\
name:
  es: Centro de Trabajadores del Sur
  en: Southern Worker Center
description:
  es: Orientación gratuita sobre derechos laborales en Houston.
  en: Free guidance on workplace rights in Houston.
logo: assets/edition/logo.svg
phone: "+1 713-555-0123"
whatsapp: "+17135550123"
address: 1234 Calle Ejemplo, Houston, TX 77000
hours:
  es: Lunes a viernes, de 9 a 5
  en: Monday to Friday, 9 to 5
web: https://centro.example.org/
email: info@centro.example.org
report: https://github.com/example-ngo/puente-laboral/issues/new
contacts:
  local-legal-aid:
    group: pay
    name:
      es: Ayuda Legal de Ejemplo
      en: Example Legal Aid
    handles:
      es: Salarios no pagados y lesiones en el trabajo. Consulta gratuita.
      en: Unpaid wages and work injuries. Free consultation.
    phone: "+17135550199"
    dial_from: [US]
    web: https://legal.example.net/
    source: Example Legal Aid's web site (fictional, for tests)
    checked: 2026-11-30
    status: check
"""
PRINTABLES = printables.find(ROOT / "docs", LANGUAGES)


def with_profile(project: Path, text: str = PROFILE) -> Path:
    (project / "docs" / "assets" / "edition").mkdir(parents=True, exist_ok=True)
    (project / "docs" / "assets" / "edition" / "logo.svg").write_text(LOGO, encoding="utf-8")
    (project / "data" / "organization.yml").write_text(text, encoding="utf-8")
    return project


@dataclass
class Build:
    project: Path
    site: Path
    stderr: str

    def pdf(self, printable: printables.Printable) -> Path:
        return self.site / printable.pdf

    def html(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def build_pdfs(project: Path, site: Path) -> Build:
    result = mkdocs_build(project, site, env={"SITE_URL": SUB_PATH, "PUENTE_PDF": "1"})
    if result.returncode != 0:
        pytest.fail(f"the edition does not build:\n{result.stderr[-3000:]}", pytrace=False)
    return Build(project, site, result.stderr)


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Build:
    """The edition, with a page citing a local contact, built once with PDFs at a sub-path."""
    project = with_profile(copy_project(tmp_path_factory.mktemp("edition")))
    for lang, words in (("es", "Ayuda legal local:"), ("en", "Local legal aid:")):
        page = project / "docs" / f"sobre.{lang}.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n{words} [[tel:local-legal-aid]]\n", encoding="utf-8")
    return build_pdfs(project, tmp_path_factory.mktemp("edition-site"))


def qr_codes(pdf: Path, tmp_path: Path) -> list[str]:
    """Every QR code on every page (a flyer that overflows carries its code on page 2)."""
    run("pdftoppm", "-png", "-r", "150", str(pdf), str(tmp_path / "page"))
    codes = []
    for png in sorted(tmp_path.glob("page*.png")):
        out = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(png)],
                             capture_output=True, text=True, check=False).stdout
        codes += [line for line in out.splitlines() if line]
    return codes


def article(html: str) -> str:
    return html.split('<article class="md-content__inner md-typeset"', 1)[1].split("</article>", 1)[0]


# --- The profile on screen --------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", ["index", "contactos"])
def test_home_and_contacts_pages_show_help_near_you_first(edition, slug, lang):
    text = article(edition.html(addresses.page_path(slug, lang, LANGUAGES)))
    headings = re.findall(r"<h2 id=\"([^\"]+)\"[^>]*>([^<]*)</h2>", text)
    assert headings[0] == ("ayuda-cerca", "Ayuda cerca de usted" if lang == "es" else "Help near you"), headings
    section = text.split('<section class="pl-local"', 1)[1].split("</section>", 1)[0]
    assert NAME[lang] in section and f'href="tel:{PHONE_E164}"' in section and PHONE in section
    assert "https://wa.me/17135550123" in section and "1234 Calle Ejemplo, Houston, TX 77000" in section
    assert 'data-contact="local-legal-aid"' in section and AID_PHONE in section
    cards = re.findall(r'<div class="pl-contact[^"]*"(?: data-contact="([^"]+)")?', text)
    assert cards[:2] == ["", "local-legal-aid"], cards[:4]  # the organization, then its contacts
    if slug == "contactos":  # the national directory follows, without the local contacts
        directory = text.split('<div class="pl-directory">', 1)[1]
        assert "local-legal-aid" not in directory and 'data-contact="whd"' in directory


def test_pages_cite_local_contacts_like_registry_ones(edition):
    for lang in LANGS:
        html = edition.html(addresses.page_path("sobre", lang, LANGUAGES))
        assert re.search(r'<a class="pl-call" href="tel:\+17135550199" data-contact="local-legal-aid">', html)


def test_footer_and_link_previews_name_the_organization(edition):
    for page in html_pages(edition.site):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        lang = re.search(r'<html lang="([a-z]+)"', html).group(1)
        where = url_path(edition.site, page)
        assert f'<meta property="og:site_name" content="Puente Laboral · {NAME[lang]}">' in html, where
        footer = re.search(r'<footer class="md-footer">.*?<div class="pl-footer-org" data-organization>(.*?)</div>',
                           html, re.DOTALL)
        assert footer, f"{where}: no organization in the footer"
        edition_line = "Esta edición" if lang == "es" else "This edition"
        assert f"{edition_line}: {NAME[lang]}" in footer.group(1), where
        assert f'href="tel:{PHONE_E164}"' in footer.group(1), where


def test_the_edition_stylesheet_is_bundled_and_the_logo_is_not_downloaded_on_screen(edition):
    assert not (edition.site / "assets" / "stylesheets" / "edition.css").exists()   # inside the bundle
    html = edition.html("derechos/salario")
    assert ('<img class="pl-org__logo" src="../../assets/edition/logo.svg" alt="" width="120" height="60" '
            'loading="lazy"') in html
    bundle = next((edition.site / "assets" / "stylesheets").glob("bundle.*.css")).read_text(encoding="utf-8")
    assert ".pl-org--print" in bundle and ".pl-local" in bundle


def test_the_organizations_links_pass_the_link_check(edition):
    """Its site, email, WhatsApp, issue tracker and local contacts: allowed and valid; and the
    whole edition, built at a sub-path, passes the check `make build` runs."""
    report = linkcheck.run(edition.site, project=edition.project)
    assert not report.problems, "\n".join(map(str, report.problems))
    assert report.links > 1000


# --- The profile on paper ----------------------------------------------------------------------------

@pytest.mark.parametrize("printable", PRINTABLES, ids=[f"{p.lang}:{p.slug}" for p in PRINTABLES])
def test_every_flyer_and_pocket_card_carries_the_organization_on_one_page(edition, printable, tmp_path):
    pdf = edition.pdf(printable)
    text = pdf_text(pdf)
    label = "Distribuido por" if printable.lang == "es" else "Distributed by"
    assert f"{label} {NAME[printable.lang]}" in text, text[:600]
    copies = 10 if printable.kind == "pocket_card" else 1
    assert text.count(PHONE) == copies and text.count("1234 Calle Ejemplo") == copies
    codes = qr_codes(pdf, tmp_path)
    if printable.kind == "flyer":
        assert codes == [SUB_PATH + printable.url]
        assert SUB_PATH + printable.url in text
    else:
        assert codes == [SUB_PATH + addresses.page_path("contactos", printable.lang, LANGUAGES)] * 10
    pages = int(pdf_info(pdf)["Pages"])
    assert pages == 1, f"{printable.source}: the Distributed-by box pushes it onto {pages} pages"


# --- Without a profile, nothing of this ------------------------------------------------------------------

def test_upstream_has_no_profile_and_no_trace_of_one(site):
    if (ROOT / organization.PATH).exists():
        pytest.skip("this is a local edition: data/organization.yml exists")
    assert not (site / "assets" / "stylesheets" / "edition.css").exists()
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        assert "data-organization" not in html and 'id="ayuda-cerca"' not in html, url_path(site, page)
        assert 'og:site_name" content="Puente Laboral"' in html or 'http-equiv="refresh"' in html


# --- A bad profile stops the build, naming the file and line -----------------------------------------

@pytest.mark.parametrize("old, new, line, complaint", [
    ('phone: "+1 713-555-0123"', 'phone: "+1 713-555-012"', 8, "'phone' '+1 713-555-012' is not a valid phone number"),
    ("web: https://centro", "colour: blue\nweb: https://centro", 14, "unknown field 'colour'"),
    ("name:\n  es: Centro de Trabajadores del Sur\n  en: Southern Worker Center\n", "", 1, "'name' is missing"),
])
def test_a_bad_profile_fails_the_build_naming_file_and_line(project_copy, tmp_path, old, new, line, complaint):
    assert old in PROFILE
    with_profile(project_copy, PROFILE.replace(old, new, 1))
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert f"data/organization.yml:{line}: {complaint}" in result.stderr, result.stderr[-2000:]


# --- "¿Encontró un error? / Found a mistake?" on every page (issue 14) --------------------------------

REPORT_LINK = re.compile(r'<p class="pl-report pl-screen-only" data-pagefind-ignore><a href="([^"]+)">([^<]+)</a></p>')


def default_report_address() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(r"^extra:\n(?:[ #].*\n|\n)*?  report: (\S+)", text, re.MULTILINE).group(1)


def report_links(site: Path):
    """(page, html, href, link text) for every built page that is not a redirect stub."""
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' not in html:
            links = REPORT_LINK.findall(html)
            assert len(links) == 1, f"{url_path(site, page)}: {len(links)} report links"
            yield page, html, unescape(links[0][0]), links[0][1]


def test_every_page_links_the_report_address_with_its_own_address(site):
    profile = organization.load(ROOT)  # a local edition's own address, when it gives one
    address = profile.report if profile and profile.report else \
        organization.report_address(default_report_address(), 1, "mkdocs.yml")
    tracker = address.startswith("https://")
    subject = "title" if tracker else "subject"
    seen = 0
    for page, html, href, text in report_links(site):
        where = url_path(site, page)
        lang = re.search(r'<html lang="([a-z]+)"', html).group(1)
        assert text == ("¿Encontró un error?" if lang == "es" else "Found a mistake?"), where
        target, query = href.split("?", 1) if not tracker else (address, href.removeprefix(address)[1:])
        assert target == (address if tracker else f"mailto:{address}"), where
        fields = parse_qs(query)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
        if canonical:
            title = re.search(r"<title>([^<]+?)(?: - Puente Laboral)?</title>", html).group(1)
            assert unescape(title) in fields[subject][0], where
            assert fields["body"] == [("Página: " if lang == "es" else "Page: ") + canonical.group(1)], where
        else:  # the 404 pages: served at any address
            assert fields[subject] == ["Página no encontrada" if lang == "es" else "Page not found"], where
        seen += 1
    assert seen >= 40


def test_the_report_link_shows_on_screen_and_never_on_paper(site, server, browser, tmp_path):
    context = browser.new_context()
    problems = []
    paths = [url_path(site, html) for html in html_pages(site)
             if 'http-equiv="refresh"' not in html.read_text(encoding="utf-8")]
    for path, tab in pages_loading(context, server, paths):
        tab.wait_for_load_state("load")
        if not tab.locator(".pl-report a").is_visible():
            problems.append(f"{path}: not visible on screen")
        tab.emulate_media(media="print")
        if tab.locator(".pl-report").is_visible():
            problems.append(f"{path}: printed")
        tab.close()
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(server + "/derechos/salario/", wait_until="load")
    page.pdf(path=str(tmp_path / "salario.pdf"), format="Letter")
    context.close()
    assert not problems, "\n".join(problems)
    text = pdf_text(tmp_path / "salario.pdf")
    assert "Datos revisados" in text and "Encontró un error" not in text


def test_a_local_edition_reports_to_its_own_tracker(edition):
    for page, html, href, _text in report_links(edition.site):
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
        parts = urlsplit(href)
        assert href.startswith("https://github.com/example-ngo/puente-laboral/issues/new?title="), href
        if canonical:
            assert canonical.group(1).startswith(SUB_PATH)
            assert canonical.group(1) in parse_qs(parts.query)["body"][0], url_path(edition.site, page)
    for printable in PRINTABLES:
        text = pdf_text(edition.pdf(printable))
        assert "Encontró un error" not in text and "Found a mistake" not in text, printable.source


@pytest.mark.parametrize("report, complaint", [
    ("nadie", "extra: report: 'nadie' is not an email address"),
    ("http://tracker.example.org/new", "extra: report: must start with https://"),
])
def test_a_bad_report_address_fails_the_build_naming_mkdocs_yml(project_copy, tmp_path, report, complaint):
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    old = f"  report: {default_report_address()}\n"
    line = text[: text.index(old)].count("\n") + 1
    config.write_text(text.replace(old, f"  report: {report}\n"), encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert f"mkdocs.yml:{line}: {complaint}" in result.stderr, result.stderr[-2000:]


# --- make edition ------------------------------------------------------------------------------------

def make_edition(project: Path) -> subprocess.CompletedProcess:
    """The real `make edition`, with this checkout's virtual environment (no second install)."""
    return run_make(project, "edition", timeout=120)


def test_make_edition_writes_the_template_says_what_to_fill_in_and_never_overwrites(project_copy, tmp_path):
    (project_copy / organization.PATH).unlink(missing_ok=True)
    result = make_edition(project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    profile = project_copy / organization.PATH
    assert profile.read_bytes() == organization.TEMPLATE.read_bytes()
    for words in ("Wrote data/organization.yml", "name:", "docs/assets/edition/", "report:", "SITE_URL",
                  "make build"):
        assert words in result.stdout, result.stdout

    # As written, the profile stops the build at the name it still lacks
    built = mkdocs_build(project_copy, tmp_path / "out")
    line = profile.read_text(encoding="utf-8").splitlines().index('  es: ""') + 1
    assert built.returncode != 0
    assert f"data/organization.yml:{line}: 'name' in 'es' must be text" in built.stderr, built.stderr[-1500:]

    # Filled in, the organization is on the site
    text = profile.read_text(encoding="utf-8").replace('  es: ""', "  es: Centro Obrero del Sur", 1)
    text = text.replace('  en: ""', "  en: Southern Workers' Center", 1)
    profile.write_text(text.replace('# phone: "+17135550123"', 'phone: "+17135550123"'), encoding="utf-8")
    built = mkdocs_build(project_copy, tmp_path / "out2")
    assert built.returncode == 0, built.stderr[-1500:]
    home = (tmp_path / "out2" / "en" / "index.html").read_text(encoding="utf-8")
    assert "Southern Workers&#39; Center" in home or "Southern Workers' Center" in home
    assert 'href="tel:+17135550123"' in home and "Help near you" in home

    # A second run writes nothing
    before = profile.read_bytes()
    again = make_edition(project_copy)
    assert again.returncode != 0 and "already exists: nothing written" in again.stderr
    assert profile.read_bytes() == before
