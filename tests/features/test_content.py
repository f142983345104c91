"""The outreach content: both languages, complete front matter, stable heading ids,
glossary links, a contact on the first phone screen, big call links, no dialable 2002 number."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import ROOT
from html_tools import html_pages, url_path
from puente.checks import readability
from puente.core import contacts, front_matter
from site_tools import LANGUAGES, address, nav_slugs

DOCS = ROOT / "docs"
LANGS = LANGUAGES.codes
DESCRIPTION_MAX = 160  # what a WhatsApp or SMS link preview shows without cutting
# Pages that are not about one problem (home, about, directory, deadlines, glossary,
# organizations, printables):
# every other page in the nav is a topic page and must show whom to call on its first screen.
NOT_TOPICS = {"index", "sobre", "contactos", "glosario", "organizaciones", "volantes", "tarjeta", "plazos"}
# Pages in the nav that are not outreach content (the about page, the printables).
NOT_CONTENT = {"sobre", "volantes", "tarjeta"}
GLOSSARY_IDS = {
    "salario-minimo", "horas-extra", "represalia", "riesgo-de-trabajo", "recurso-de-inconformidad",
    "junta-de-conciliacion", "compensacion-laboral", "estatus-migratorio", "discriminacion", "acoso",
    "sindicato", "talon-de-pago", "demanda", "asesoria-legal",
}
HEADING_ID = re.compile(r"^#{1,6}\s.*\{[^}]*#([^\s}]+)[^}]*\}\s*$", re.MULTILINE)
GLOSSARY_LINK = re.compile(r"\]\((?:\.\./)*glosario\.md#([^)\s]+)\)")
FIRST_SCREEN = 740
MIN_TAP = 48


NAV = nav_slugs()
CONTENT = [slug for slug in NAV if slug not in NOT_CONTENT]
TOPICS = [slug for slug in NAV if slug not in NOT_TOPICS]


def _source(slug: str, lang: str) -> Path:
    return DOCS / f"{slug}.{lang}.md"


def _heading_ids(path: Path) -> list[str]:
    return HEADING_ID.findall(path.read_text(encoding="utf-8"))




def test_the_nav_lists_every_content_page():
    for slug in ("derechos/index", "riesgos/imss", "profedet", "programas", "cooperacion",
                 "contactos", "organizaciones", "glosario"):
        assert slug in NAV, f"{slug}.md is missing from nav: in mkdocs.yml"
    assert "riesgos/imss" in TOPICS and "contactos" not in TOPICS


@pytest.mark.parametrize("slug", CONTENT)
@pytest.mark.parametrize("lang", LANGS)
def test_page_exists_with_complete_front_matter(slug, lang):
    path = _source(slug, lang)
    assert path.exists(), f"docs/{slug}.{lang}.md is missing"
    meta = front_matter.read_front_matter(path, shown=f"docs/{slug}.{lang}.md")  # raises, naming file and line
    assert meta.title.strip() and meta.description.strip() and meta.sources
    assert len(meta.description) <= DESCRIPTION_MAX, (
        f"docs/{slug}.{lang}.md: description has {len(meta.description)} characters; "
        f"link previews show about {DESCRIPTION_MAX}")
    assert "Página en preparación" not in path.read_text(encoding="utf-8"), f"docs/{slug}.{lang}.md is a stub"
    for source in meta.sources:
        assert "shared" not in (source.title + (source.url or "")), f"docs/{slug}.{lang}.md cites a local folder"


@pytest.mark.parametrize("slug", CONTENT)
def test_spanish_and_english_pages_have_the_same_heading_ids(slug):
    es, en = _heading_ids(_source(slug, "es")), _heading_ids(_source(slug, "en"))
    assert set(es) == set(en), (
        f"docs/{slug}: only in Spanish {sorted(set(es) - set(en))}, only in English {sorted(set(en) - set(es))}")
    for anchor in es:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", anchor), f"docs/{slug}.es.md: id '{anchor}' not ascii"
    assert len(es) == len(set(es)), f"docs/{slug}.es.md repeats an id"


def test_glossary_has_the_terms_other_pages_link_to():
    for lang in LANGS:
        ids = set(_heading_ids(_source("glosario", lang)))
        missing = GLOSSARY_IDS - ids
        assert not missing, f"docs/glosario.{lang}.md lacks ids {sorted(missing)}"


def test_every_glossary_link_target_exists():
    ids = {lang: set(_heading_ids(_source("glosario", lang))) for lang in LANGS}
    links = 0
    for md in sorted(DOCS.rglob("*.md")):
        lang = "en" if md.name.endswith(".en.md") else "es"
        for number, line in enumerate(md.read_text(encoding="utf-8").splitlines(), start=1):
            for anchor in GLOSSARY_LINK.findall(line):
                links += 1
                assert anchor in ids[lang], (
                    f"{md.relative_to(ROOT)}:{number}: links to glosario#{anchor}, which docs/glosario.{lang}.md lacks")
    assert links >= 20, "content pages should link legal terms to the glossary"


def test_historical_imss_number_is_never_a_call_link(site):
    registry = contacts.load(ROOT / contacts.REGISTRY)
    historical = [c for c in registry.values() if c.status == "historical"]
    assert historical
    digits = {re.sub(r"\D", "", c.historical_number) for c in historical}
    call_link = re.compile(r"<a\b[^>]*href=\"tel:([^\"]*)\"[^>]*>(.*?)</a>", re.DOTALL)
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        for href, text in call_link.findall(html):
            shown = re.sub(r"<[^>]+>", "", text)
            for number in digits:
                assert number not in re.sub(r"\D", "", href + shown), f"{url_path(site, page)}: tel: link to {number}"
    # ...while the IMSS page does show it, as text marked historical.
    imss = (site / "riesgos" / "imss" / "index.html").read_text(encoding="utf-8")
    for contact in historical:
        assert f'class="pl-historical-number">{contact.historical_number}<' in imss
    assert "pl-mark--historical" in imss


@pytest.mark.parametrize("slug, marks", [
    ("programas", ("historical", "check")),      # the 2002 programs; Houston's start and results
    ("cooperacion", ("historical", "check")),    # the 2002 plans; the subgroups and San Diego meeting
    ("riesgos/imss", ("historical", "check")),   # the 2002 number; the U.S. part of IMSS coverage
])
def test_historical_and_unconfirmed_facts_carry_visible_markers(site, slug, marks):
    for lang in LANGS:
        html = (site / address(slug, lang).lstrip("/") / "index.html").read_text(encoding="utf-8")
        for mark in marks:
            assert f"pl-mark--{mark}" in html, f"{address(slug, lang)} has no '{mark}' marker"


def test_prose_for_readability_drops_front_matter_shortcodes_and_markup():
    text = readability.prose(
        "---\ntitle: T\n---\n\n# Título {#t}\n\nLlame al [[tel:whd]] hoy. Vea [la página](x.md#y).\n\n"
        "- **Uno**\n- dos\n\n```text\n/derechos/salario/\n```\n")
    assert text.splitlines() == ["Título.", "Llame al  hoy. Vea la página.", "Uno.", "dos."]


def test_readability_scores_plain_spanish_above_dense_spanish():
    plain = readability.score_text("Usted tiene derechos. Su patrón debe pagarle. Llame hoy.")
    dense = readability.score_text(
        "La jurisdicción administrativa correspondiente determinará, conforme a la normatividad "
        "aplicable, la procedencia de la indemnización reclamada por incapacidad permanente.")
    assert plain >= readability.TARGET > dense




# Pages of the second content round: both languages, complete front matter reviewed on
# the second fact sheet's date, the same explicit heading ids, in the nav and in the published list.
SECOND_ROUND_PAGES = ["plazos", "estados/index", "estados/texas", "estados/california", "trabajadores-h2", "consulados"]


@pytest.mark.parametrize("slug", SECOND_ROUND_PAGES)
def test_the_new_pages_exist_in_both_languages_with_ids_and_published_addresses(slug):
    assert slug in NAV, f"{slug}.md is not in mkdocs.yml's nav"
    published = set((ROOT / "data" / "published-urls.txt").read_text(encoding="utf-8").split())
    ids = {}
    for lang in LANGS:
        path = _source(slug, lang)
        meta = front_matter.read_front_matter(path, shown=f"docs/{slug}.{lang}.md")
        assert meta.reviewed >= dt.date(2026, 12, 1) and meta.title and meta.description and meta.sources
        ids[lang] = _heading_ids(path)
        assert ids[lang], f"docs/{slug}.{lang}.md declares no heading id"
        assert address(slug, lang) in published, f"{address(slug, lang)} is not in data/published-urls.txt"
        for anchor in ids[lang]:
            assert f"{address(slug, lang)}#{anchor}" in published, f"{address(slug, lang)}#{anchor} not published"
    assert ids["es"] == ids["en"], f"docs/{slug}: heading ids differ between languages (or their order)"


@pytest.mark.parametrize("slug", ["plazos", "estados/texas", "estados/california", "trabajadores-h2"])
def test_the_pages_staff_print_first_are_flyers(slug):
    for lang in LANGS:
        assert front_matter.read_front_matter(_source(slug, lang)).flyer, f"docs/{slug}.{lang}.md: flyer: true"
