"""Each page's SMS-sized summary on the built site: under the title, in the share links, at most
two SMS segments with the real address; a language added later falls back to the Spanish one;
a long real address adds one line to the build's output."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

import pytest

from conftest import mkdocs_build
from html_tools import read_page
from puente.commands import translations
from puente.core import addresses, front_matter, sms
from puente.core import summary as model
from site_tools import LANGUAGES, PLACEHOLDER, ROOT, nav_slugs

SUMMARY = re.compile(r'</h1>\n<p class="pl-summary"( lang="[a-z]+")?>(.*?)</p>')
SHARE = re.compile(r'href="(?:sms:\?body=|https://wa\.me/\?text=)([^"]*)"')


def shared_texts(page_html: str) -> list[str]:
    return [unquote(html.unescape(value)) for value in SHARE.findall(page_html)]


@pytest.mark.parametrize("lang", LANGUAGES.codes)
def test_every_page_shows_its_summary_under_the_title_and_shares_it(site, lang):
    for slug in nav_slugs():
        source = addresses.markdown_file(ROOT / "docs", slug, lang, LANGUAGES)
        assert source.name.endswith(f".{lang}.md"), f"{slug}: no {lang} page"
        wanted = model.normalized(front_matter.read_front_matter(source).extra["summary"])
        path = addresses.page_path(slug, lang, LANGUAGES)
        page_html = read_page(site, path)
        shown = SUMMARY.search(page_html)
        assert shown and html.unescape(shown.group(2)) == wanted, path
        texts = shared_texts(page_html)
        assert texts == [model.share_text(wanted, PLACEHOLDER + path)] * 2, (path, texts)


def test_every_share_text_fits_two_segments_with_the_allowance_and_its_real_address(site):
    counts = {}
    for lang in LANGUAGES.codes:
        for slug in nav_slugs():
            path = addresses.page_path(slug, lang, LANGUAGES)
            text = shared_texts(read_page(site, path))[0]
            counts[path] = sms.count(text).segments
            summary = text.rsplit(" ", 1)[0]
            assert model.fit_problem(summary) is None, path
    assert counts and max(counts.values()) <= model.MAX_SEGMENTS, counts


def test_the_summary_stays_off_paper(site):
    css = next((site / "assets/stylesheets").glob("bundle.*.css")).read_text(encoding="utf-8")
    assert re.search(r"@media print\s*\{[^@]*\.pl-summary\s*\{\s*display:\s*none", css), \
        "the summary would print on the flyers (their one-page layout)"


def test_a_language_added_later_falls_back_to_the_spanish_summary(project_copy, tmp_path):
    translations.add_language(project_copy, "fr")
    docs = project_copy / "docs"
    english = (docs / "sobre.en.md").read_text(encoding="utf-8")
    french = re.sub(r"^summary: .*\n", "", english, count=1, flags=re.MULTILINE)
    (docs / "sobre.fr.md").write_text(french.replace("title: About this site", "title: À propos"), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stderr[-3000:]
    spanish = model.normalized(front_matter.read_front_matter(docs / "sobre.es.md").extra["summary"])
    own = read_page(site, "fr/sobre")          # a French page without its own summary
    shown = SUMMARY.search(own)
    assert shown.group(1) == ' lang="es"' and html.unescape(shown.group(2)) == spanish
    assert shared_texts(own)[0] == model.share_text(spanish, PLACEHOLDER + "fr/sobre/")
    fallback = read_page(site, "fr/plazos")    # no French file: the Spanish page, in <div lang="es">
    plazos = model.normalized(front_matter.read_front_matter(docs / "plazos.es.md").extra["summary"])
    shown = SUMMARY.search(fallback)
    assert shown.group(1) is None and html.unescape(shown.group(2)) == plazos


def test_a_long_real_address_adds_one_line_and_the_build_goes_on(project_copy, tmp_path):
    page = project_copy / "docs/sobre.es.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"^summary: .*$", "summary: Cómo nació este sitio y qué no es.", text, count=1,
                           flags=re.MULTILINE), encoding="utf-8")
    long_root = "https://example.org/" + "organizacion-de-trabajadores-agricolas-del-valle/" * 2
    result = mkdocs_build(project_copy, tmp_path / "site", env={"SITE_URL": long_root})
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line for line in result.stderr.splitlines() if "SMS segments with its real address" in line]
    assert any(line.startswith("docs/sobre.es.md: its share text takes 3 SMS segments") for line in lines), lines
    assert not any(line.startswith("docs/sobre.en.md:") for line in lines)   # GSM: 306 septets hold it
