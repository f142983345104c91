"""Page translations: status model, fallback and outdated notices, the switcher, escaping of
catalog strings, each page's language, the status command, and adding a language.

One copy of the project is built with planted faults (module fixture ``planted``): a missing
English page, an outdated one, a current one, a malicious catalog entry, admonitions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from pathlib import Path

import polib
import pytest
from babel.dates import format_date

from conftest import ROOT, copy_project, mkdocs_build
from html_tools import tags
from puente.checks import catalog_gate
from puente.commands import translations
from puente.core import translation_status
from puente.core.translation_status import MISSING, OUTDATED, TRANSLATED, UNMARKED
from puente.features.flyers import pdfs

EVIL = "<script>alert(1)</script><b>Fuentes</b>"
EVIL_DATE = '<img src=x onerror="alert(2)"> %(date)s'


def head(html: str) -> str:
    return html.split("</head>", 1)[0]


def alternates(html: str) -> dict[str, str]:
    return {a["hreflang"]: a["href"] for name, a, _ in tags(head(html))
            if name == "link" and a.get("rel") == "alternate" and "hreflang" in a}


def canonical(html: str) -> str | None:
    return next((a["href"] for name, a, _ in tags(head(html))
                 if name == "link" and a.get("rel") == "canonical"), None)


def switcher(html: str) -> dict[str, str]:
    """hreflang -> the switcher entry's text."""
    found = re.findall(r'<a href="[^"]*" hreflang="([^"]+)" class="md-select__link">\s*(.*?)\s*</a>', html, re.DOTALL)
    return dict(found)


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("planted"))
    docs = project / "docs"
    (docs / "sobre.en.md").unlink()  # a fallback
    with (docs / "sobre.es.md").open("a", encoding="utf-8") as handle:
        handle.write("\n!!! warning\n\n    Texto de advertencia plantado.\n")
    translation_status.mark_current(docs / "glosario.en.md")  # then the Spanish changes: outdated
    with (docs / "glosario.es.md").open("a", encoding="utf-8") as handle:
        handle.write("\nUna frase nueva en español.\n")
    translation_status.mark_current(docs / "profedet.en.md")  # current
    for lang, title in (("es", "tip"), ("en", "tip")):
        with (docs / f"profedet.{lang}.md").open("a", encoding="utf-8") as handle:
            handle.write(f"\n!!! {title}\n\n    Planted.\n")
    translation_status.mark_current(docs / "profedet.en.md")
    po_path = project / "locales/es/LC_MESSAGES/messages.po"
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.msgid == "Sources":
            entry.msgstr = EVIL
        if entry.msgid == "Facts last checked: %(date)s":
            entry.msgstr = EVIL_DATE
    po.save()
    site = project / "site-out"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-4000:]
    return project, site


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


# --- the model -------------------------------------------------------------------------------

def test_source_hash_ignores_line_ends_and_trailing_blanks_but_not_text(tmp_path):
    page = tmp_path / "x.es.md"
    page.write_text("---\ntitle: A\n---\n\nHola.\n", encoding="utf-8")
    before = translation_status.source_hash(page)
    page.write_text("---\r\ntitle: A  \r\n---\r\n\r\n\r\n\r\nHola.\r\n\r\n", encoding="utf-8")
    assert translation_status.source_hash(page) == before
    page.write_text("---\ntitle: A\n---\n\nHola, mundo.\n", encoding="utf-8")
    assert translation_status.source_hash(page) != before


def test_a_spanish_edit_turns_its_translation_outdated(project_copy):
    docs = project_copy / "docs"
    translation_status.mark_current(docs / "sobre.en.md")
    status = translation_status.scan(docs, ["es", "en"])
    assert status.of("sobre", "en").status == TRANSLATED
    spanish = docs / "sobre.es.md"
    spanish.write_text(spanish.read_text(encoding="utf-8") + "\nOtra frase.\n", encoding="utf-8")
    status = translation_status.scan(docs, ["es", "en"])
    assert status.of("sobre", "en").status == OUTDATED
    assert status.of("sobre", "en").changed == dt.date.today()
    translation_status.mark_current(docs / "sobre.en.md")  # the translator brings it up to date
    assert translation_status.scan(docs, ["es", "en"]).of("sobre", "en").status == TRANSLATED


def test_the_spanish_change_date_is_its_last_commit_unless_edited_since(tmp_path):
    import os
    import subprocess

    page = tmp_path / "x.es.md"
    page.write_text("Hola.\n", encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-03-05T12:00:00Z", "GIT_COMMITTER_DATE": "2026-03-05T12:00:00Z",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "x.es.md"], ["commit", "-q", "-m", "x"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True)
    assert translation_status.spanish_changed(page) == dt.date(2026, 3, 5)
    page.write_text("Hola, mundo.\n", encoding="utf-8")
    assert translation_status.spanish_changed(page) == dt.date.today()


def test_mark_current_updates_the_existing_line(project_copy):
    english = project_copy / "docs/sobre.en.md"
    translation_status.mark_current(english)
    translation_status.mark_current(english)
    text = english.read_text(encoding="utf-8")
    assert text.count("source_hash:") == 1
    assert text.index("source_hash:") < text.index("\n---", 4)  # inside the front matter


def test_a_malformed_source_hash_names_file_and_line(project_copy):
    english = project_copy / "docs/sobre.en.md"
    text = english.read_text(encoding="utf-8")
    english.write_text(text.replace("---\n", "---\nsource_hash: 1234\n", 1), encoding="utf-8")
    with pytest.raises(translation_status.TranslationError, match=r"docs/sobre\.en\.md:2: 'source_hash'"):
        translation_status.scan(project_copy / "docs", ["es", "en"])


def test_shipping_spanish_and_english_has_no_fallback_page():
    status = translation_status.scan(ROOT / "docs", catalog_gate.built_languages(ROOT))
    assert not status.fallbacks_in_complete_languages()
    assert not status.orphans, f"translations without a Spanish original: {status.orphans}"


def test_the_built_site_shows_no_fallback_in_spanish_or_english(site):
    fallbacks = [str(p.relative_to(site)) for p in site.rglob("index.html")
                 if "pl-translation-notice--fallback" in p.read_text(encoding="utf-8")]
    assert not fallbacks, f"pages shown in Spanish instead of their language: {fallbacks}"


def test_a_missing_english_page_fails_the_shipping_check(project_copy):
    (project_copy / "docs/sobre.en.md").unlink()
    problems = translation_status.scan(project_copy / "docs", ["es", "en"]).fallbacks_in_complete_languages()
    assert problems == ["docs/sobre.en.md is missing: translate docs/sobre.es.md (languages es, en must be complete)"]


# --- the built pages -------------------------------------------------------------------------

def test_a_missing_english_page_gets_the_notice_and_the_right_lang(planted):
    _, site = planted
    html = read(site, "en/sobre")
    assert '<html lang="en"' in html
    notice = html.index("This page has not been translated yet. It is shown in its original language, Spanish.")
    assert 'class="puente-lang" href="../../sobre/" hreflang="es">Open the original page</a>' in html
    wrapper = html.index('<div lang="es">')
    assert notice < wrapper < html.index("<h1") < html.index("Texto de advertencia plantado")
    article = html[html.index('<article'):html.index('</article>')]
    assert article.count('<div lang="es">') == 1


def test_a_fallback_page_is_not_announced_as_english(planted):
    _, site = planted
    html = read(site, "en/sobre")
    assert canonical(html) == "https://example.org/sobre/"
    assert alternates(html) == {"es": "https://example.org/sobre/", "x-default": "https://example.org/sobre/"}
    assert "hreflang" not in str(alternates(read(site, "sobre")).get("en", ""))
    assert "en" not in alternates(read(site, "sobre"))
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/en/sobre/" not in sitemap
    assert "<loc>https://example.org/sobre/</loc>" in sitemap


def test_the_switcher_marks_a_language_that_only_has_the_fallback(planted):
    _, site = planted
    for path in ("sobre", "en/sobre"):
        entries = switcher(read(site, path))
        assert entries["en"] == "English · not translated yet", (path, entries)
        assert entries["es"] == "Español"
    assert switcher(read(site, "profedet"))["en"] == "English"


def test_the_original_spanish_page_has_no_notice(planted):
    _, site = planted
    assert "pl-translation-notice" not in read(site, "sobre")


def test_an_outdated_translation_shows_when_the_spanish_changed(planted):
    _, site = planted
    html = read(site, "en/glosario")
    when = format_date(dt.date.today(), format="long", locale="en")
    assert f"The Spanish original of this page changed on {when}." in html
    assert 'class="puente-lang" href="../../glosario/" hreflang="es">Read the Spanish original</a>' in html
    assert alternates(html)["en"] == "https://example.org/en/glosario/"  # still a real translation
    assert canonical(html) == "https://example.org/en/glosario/"


def test_a_current_translation_has_no_notice(planted):
    _, site = planted
    assert "pl-translation-notice" not in read(site, "en/profedet")


def test_markup_in_a_translation_is_escaped_never_executed(planted, browser):
    _, site = planted
    html = read(site, "sobre")
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


def test_admonition_titles_are_in_the_page_language(planted):
    _, site = planted
    assert re.search(r'<p class="admonition-title">Consejo</p>', read(site, "profedet"))
    assert re.search(r'<p class="admonition-title">Tip</p>', read(site, "en/profedet"))
    assert re.search(r'<p class="admonition-title">Atención</p>', read(site, "sobre"))


def test_nav_theme_strings_and_dates_are_in_each_page_language(site):
    reviewed = translation_status.scan(ROOT / "docs", ["es", "en"])  # any page: sobre
    assert "sobre" in reviewed.pages
    from puente.core import front_matter

    date = front_matter.read_front_matter(ROOT / "docs/sobre.es.md").reviewed
    es, en = read(site, "sobre"), read(site, "en/sobre")
    assert format_date(date, format="long", locale="es") in es
    assert format_date(date, format="long", locale="en") in en
    assert "Saltar a contenido" in es and "Skip to content" in en
    assert 'placeholder="Búsqueda"' in es and 'placeholder="Search"' in en
    assert re.search(r">\s*Derechos\s*<", es) and re.search(r">\s*Your rights\s*<", en)
    assert "Fuentes" in es and "Sources" in en


# --- the status command ----------------------------------------------------------------------

def test_i18n_status_names_pages_and_writes_json_and_html_beside_the_site(project_copy, capsys):
    docs = project_copy / "docs"
    (docs / "sobre.en.md").unlink()
    translation_status.mark_current(docs / "glosario.en.md")
    (docs / "glosario.es.md").write_text((docs / "glosario.es.md").read_text(encoding="utf-8") + "\nMás.\n",
                                         encoding="utf-8")
    translation_status.mark_current(docs / "profedet.en.md")
    out = project_copy / "build"
    assert translations.i18n_status(argparse.Namespace(out=str(out)), project_copy) == 0
    printed = capsys.readouterr().out
    assert re.search(r"missing\s+docs/sobre\.en\.md", printed)
    assert re.search(r"outdated\s+docs/glosario\.en\.md .*Spanish changed " + dt.date.today().isoformat(), printed)
    report = json.loads((out / "i18n-status.json").read_text(encoding="utf-8"))
    en = report["languages"]["en"]
    assert [p["file"] for p in en[MISSING]] == ["docs/sobre.en.md"]
    assert [p["file"] for p in en[OUTDATED]] == ["docs/glosario.en.md"]
    assert "docs/profedet.en.md" in [p["file"] for p in en[TRANSLATED]]
    assert "docs/glosario.en.md" not in [p["file"] for p in en[TRANSLATED]]
    assert "docs/sobre.en.md" not in [p["file"] for p in en[UNMARKED]]
    assert en["catalog"]["untranslated"] == []
    dashboard = (out / "i18n-status.html").read_text(encoding="utf-8")
    assert "docs/glosario.en.md" in dashboard and '<tr class="missing">' in dashboard
    assert not (project_copy / "site" / "i18n-status.json").exists()


# --- a new language --------------------------------------------------------------------------

def test_a_new_language_and_missing_pages_build_with_notices_and_pdfs(project_copy):
    """`make i18n-add LANG=fr`, two English pages deleted (a flyer and the contacts page the pocket
    card's QR code opens) and a Spanish flyer grown past one page: the build still succeeds, with
    notices, and every flyer gets its PDF (the overflowing ones two pages and one line on stderr)."""
    done = translations.add_language(project_copy, "fr")
    assert any("locales/fr/LC_MESSAGES/messages.po" in line for line in done)
    assert catalog_gate.built_languages(project_copy) == ["es", "en", "fr"]
    po = polib.pofile(str(project_copy / "locales/fr/LC_MESSAGES/messages.po"))
    assert po.metadata["Language"] == "fr" and po.metadata["Plural-Forms"] == catalog_gate.PLURAL_FORMS["fr"]
    docs = project_copy / "docs"
    for missing in ("cooperacion.en.md", "contactos.en.md"):
        (docs / missing).unlink()
    with (docs / "derechos/seguridad.es.md").open("a", encoding="utf-8") as handle:
        handle.write("\n\n" + "Una línea más para que el volante no quepa en una hoja.\n\n" * 60)
    status = translation_status.scan(docs, ["es", "en", "fr"])
    assert status.by_status("fr", MISSING) == list(status.pages)
    gate = [str(p) for p in catalog_gate.check(project_copy)]  # its interface strings come first
    assert gate and all(p.startswith("locales/fr/LC_MESSAGES/messages.po:") and "untranslated" in p for p in gate)

    site = project_copy / "site-fr"
    result = mkdocs_build(project_copy, site, env={"PUENTE_PDF": "1"})
    assert result.returncode == 0, result.stderr[-4000:]
    for slug in status.pages:
        url = translation_status.url_of(slug, "fr")
        html = (site / url / "index.html").read_text(encoding="utf-8")
        assert '<html lang="fr"' in html, url
        assert "pl-translation-notice--fallback" in html, url
        assert '<div lang="es">' in html, url
        assert "fr" not in alternates(html), url
        assert canonical(html) == "https://example.org/" + translation_status.url_of(slug, "es"), url
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


def test_adding_a_language_refuses_what_it_cannot_build(project_copy):
    for bad in ("en", "xx", "FR!"):
        with pytest.raises(ValueError):
            translations.add_language(project_copy, bad)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["en/sobre", "en/glosario"])
def test_translation_notices_print_on_one_line(planted, browser, path):
    """Issue 7: notices that protect the reader print too, one line each."""
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


def test_shipped_translations_record_what_they_translate():
    """Without a source_hash, a later Spanish edit could not show as outdated."""
    status = translation_status.scan(ROOT / "docs", catalog_gate.built_languages(ROOT))
    for lang in translation_status.COMPLETE:
        unmarked = status.by_status(lang, translation_status.UNMARKED)
        assert not unmarked, f"run `make i18n-mark-current FILES=...` after checking these translations: {unmarked}"
