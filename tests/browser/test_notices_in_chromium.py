"""Translation notices in Chromium and in print; a new language and missing pages build with notices and PDFs."""

from __future__ import annotations

import re

import polib
import pytest

from conftest import EVIL, mkdocs_build
from html_tools import alternates, canonical, read_page, switcher
from puente.checks import catalog_gate
from puente.commands import translations
from puente.core import addresses, translation_status
from puente.core.languages import Languages
from puente.core.project import Project
from puente.core.translation_status import MISSING
from puente.features.flyers import pdfs
from site_tools import LANGUAGES


def test_markup_in_a_translation_is_escaped_never_executed(planted, browser):
    _, site = planted
    html = read_page(site, "sobre")
    assert "<script>alert(1)" not in html and "onerror=" not in html.replace("onerror=&#34;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;Fuentes&lt;/b&gt;" in html
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((site / "sobre/index.html").as_uri(), wait_until="load")
    assert page.locator("#pl-sources").inner_text() == EVIL
    assert "<img src=x" in page.locator(".pl-facts__reviewed").inner_text()
    assert not dialogs
    page.close()


def test_a_new_language_and_missing_pages_build_with_notices_and_pdfs(project_copy):
    """`make i18n-add LANG=fr`, two English pages deleted (a flyer and the contacts page the pocket
    card's QR code opens) and a Spanish flyer grown past one page: the build still succeeds, with
    notices, and every flyer gets its PDF (the overflowing ones two pages and one line on stderr)."""
    done = translations.add_language(project_copy, "fr")
    assert any("locales/fr/LC_MESSAGES/messages.po" in line for line in done)
    assert list(Project(project_copy).languages.codes) == ["es", "en", "fr"]
    po = polib.pofile(str(project_copy / "locales/fr/LC_MESSAGES/messages.po"))
    assert po.metadata["Language"] == "fr" and po.metadata["Plural-Forms"] == catalog_gate.PLURAL_FORMS["fr"]
    docs = project_copy / "docs"
    for missing in ("cooperacion.en.md", "contactos.en.md"):
        (docs / missing).unlink()
    with (docs / "derechos/seguridad.es.md").open("a", encoding="utf-8") as handle:
        handle.write("\n\n" + "Una línea más para que el volante no quepa en una hoja.\n\n" * 60)
    status = translation_status.scan(docs, Languages(("es", "en", "fr")))
    assert status.by_status("fr", MISSING) == list(status.pages)
    gate = [str(p) for p in catalog_gate.check(project_copy)]  # its interface strings come first
    assert gate and all(p.startswith("locales/fr/LC_MESSAGES/messages.po:") and "untranslated" in p for p in gate)

    site = project_copy / "site-fr"
    result = mkdocs_build(project_copy, site, env={"PUENTE_PDF": "1"})
    assert result.returncode == 0, result.stderr[-4000:]
    for slug in status.pages:
        url = addresses.page_path(slug, "fr", Languages(("es", "en", "fr")))
        html = (site / url / "index.html").read_text(encoding="utf-8")
        assert '<html lang="fr"' in html, url
        assert "pl-translation-notice--fallback" in html, url
        assert '<div lang="es">' in html, url
        assert "fr" not in alternates(html), url
        assert canonical(html) == "https://example.org/" + addresses.page_path(slug, "es", LANGUAGES), url
    for url in ("en/cooperacion/", "en/contactos/"):
        assert "pl-translation-notice--fallback" in (site / url / "index.html").read_text(encoding="utf-8")
    es_home = (site / "index.html").read_text(encoding="utf-8")
    assert "fr" not in alternates(es_home)
    assert switcher(es_home)["fr"].startswith("Français · ")
    assert "hreflang=\"fr\"" not in (site / "sitemap.xml").read_text(encoding="utf-8")

    by_path = {job.url_path: job for job in pdfs.jobs(site)}
    for path in ("/fr/volante.pdf", "/fr/cooperacion/volante.pdf", "/fr/tarjeta/volante.pdf",
                 "/en/cooperacion/volante.pdf", "/en/tarjeta/volante.pdf"):
        assert path in by_path and by_path[path].pdf.is_file(), path
    assert "https://example.org/en/contactos/" in (site / "en/tarjeta/index.html").read_text(encoding="utf-8")
    for path in ("/derechos/seguridad/volante.pdf", "/fr/derechos/seguridad/volante.pdf"):
        line = next((line for line in result.stderr.splitlines() if line.startswith(f"flyers: {path} ")), "")
        assert re.search(r"\(docs/derechos/seguridad\.es\.md\): [2-9] Letter pages; at scale 0\.\d\d "
                         r"\(the smallest readable\) \d+\.\d in of content", line), result.stderr[-3000:]
        assert pdfs.page_count(by_path[path].pdf.read_bytes()) >= 2
    assert "WARNING" not in result.stderr.replace("WARNING: site_url is the placeholder", "")


@pytest.mark.parametrize("path", ["en/sobre", "en/glosario"])
def test_translation_notices_print_on_one_line(planted, browser, path):
    """Notices that protect the reader print too, one line each."""
    _, site = planted
    page = browser.new_page(viewport={"width": 710, "height": 960})
    try:
        page.emulate_media(media="print")
        page.goto((site / path / "index.html").as_uri(), wait_until="load")
        notice = page.locator(".pl-translation-notice").first
        assert notice.is_visible(), f"{path}: the translation notice does not print"
        height = notice.evaluate("e => e.querySelector('p') ? e.querySelector('p').getBoundingClientRect().height : 0")
        line = notice.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
        assert 0 < height <= 1.6 * line, f"{path}: the printed notice takes {height}px (line {line}px)"
    finally:
        page.close()
