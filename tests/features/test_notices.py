"""Page translations: status model, fallback and outdated notices, the switcher, escaping of
catalog strings, each page's language, the status command, and adding a language.

One copy of the project is built with planted faults (module fixture ``planted``): a missing
English page, an outdated one, a current one, a malicious catalog entry, admonitions.
"""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date

from conftest import ROOT
from html_tools import alternates, canonical, read_page, switcher
from puente.core import translation_status
from site_tools import LANGUAGES

# --- the model -------------------------------------------------------------------------------













def test_the_built_site_shows_no_fallback_in_spanish_or_english(site):
    fallbacks = [str(p.relative_to(site)) for p in site.rglob("index.html")
                 if "pl-translation-notice--fallback" in p.read_text(encoding="utf-8")]
    assert not fallbacks, f"pages shown in Spanish instead of their language: {fallbacks}"




# --- the built pages -------------------------------------------------------------------------

def test_a_missing_english_page_gets_the_notice_and_the_right_lang(planted):
    _, site = planted
    html = read_page(site, "en/sobre")
    assert '<html lang="en"' in html
    notice = html.index("This page has not been translated yet. It is shown in its original language, Spanish.")
    assert 'class="puente-lang" href="../../sobre/" hreflang="es">Open the original page</a>' in html
    wrapper = html.index('<div lang="es">')
    assert notice < wrapper < html.index("<h1") < html.index("Texto de advertencia plantado")
    article = html[html.index('<article'):html.index('</article>')]
    assert article.count('<div lang="es">') == 1


def test_a_fallback_page_is_not_announced_as_english(planted):
    _, site = planted
    html = read_page(site, "en/sobre")
    assert canonical(html) == "https://example.org/sobre/"
    assert alternates(html) == {"es": "https://example.org/sobre/", "x-default": "https://example.org/sobre/"}
    assert "hreflang" not in str(alternates(read_page(site, "sobre")).get("en", ""))
    assert "en" not in alternates(read_page(site, "sobre"))
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/en/sobre/" not in sitemap
    assert "<loc>https://example.org/sobre/</loc>" in sitemap


def test_the_switcher_marks_a_language_that_only_has_the_fallback(planted):
    _, site = planted
    for path in ("sobre", "en/sobre"):
        entries = switcher(read_page(site, path))
        assert entries["en"] == "English · not translated yet", (path, entries)
        assert entries["es"] == "Español"
    assert switcher(read_page(site, "profedet"))["en"] == "English"


def test_the_original_spanish_page_has_no_notice(planted):
    _, site = planted
    assert "pl-translation-notice" not in read_page(site, "sobre")


def test_an_outdated_translation_shows_when_the_spanish_changed(planted):
    _, site = planted
    html = read_page(site, "en/glosario")
    when = format_date(dt.date.today(), format="long", locale="en")
    assert f"The Spanish original of this page changed on {when}." in html
    assert 'class="puente-lang" href="../../glosario/" hreflang="es">Read the Spanish original</a>' in html
    assert alternates(html)["en"] == "https://example.org/en/glosario/"  # still a real translation
    assert canonical(html) == "https://example.org/en/glosario/"


def test_a_current_translation_has_no_notice(planted):
    _, site = planted
    assert "pl-translation-notice" not in read_page(site, "en/profedet")




def test_admonition_titles_are_in_the_page_language(planted):
    _, site = planted
    assert re.search(r'<p class="admonition-title">Consejo</p>', read_page(site, "profedet"))
    assert re.search(r'<p class="admonition-title">Tip</p>', read_page(site, "en/profedet"))
    assert re.search(r'<p class="admonition-title">Atención</p>', read_page(site, "sobre"))


def test_nav_theme_strings_and_dates_are_in_each_page_language(site):
    reviewed = translation_status.scan(ROOT / "docs", LANGUAGES)  # any page: sobre
    assert "sobre" in reviewed.pages
    from puente.core import front_matter

    date = front_matter.read_front_matter(ROOT / "docs/sobre.es.md").reviewed
    es, en = read_page(site, "sobre"), read_page(site, "en/sobre")
    assert format_date(date, format="long", locale="es") in es
    assert format_date(date, format="long", locale="en") in en
    assert "Saltar a contenido" in es and "Skip to content" in en
    assert 'placeholder="Búsqueda"' in es and 'placeholder="Search"' in en
    assert re.search(r">\s*Derechos\s*<", es) and re.search(r">\s*Your rights\s*<", en)
    assert "Fuentes" in es and "Sources" in en


# --- the status command ----------------------------------------------------------------------



# --- a new language --------------------------------------------------------------------------







