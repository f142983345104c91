"""The sitemap (features.sitemaps): every page in every language it is really written in, with
the same alternates as its head; fallback pages left out; the same bytes on every build."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET

from puente.core import addresses, translation_status
from puente.core.languages import Languages
from puente.features import alternates, sitemaps
from site_tools import LANGUAGES, PLACEHOLDER, ROOT

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_the_built_sitemap_lists_every_real_page_with_its_alternates(site):
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    urls = {u.find("s:loc", NS).text: {a.get("hreflang"): a.get("href") for a in u.findall("x:link", NS)}
            for u in root.findall("s:url", NS)}
    status = translation_status.scan(ROOT / "docs", LANGUAGES)
    expected = {addresses.absolute(PLACEHOLDER, addresses.page_path(slug, lang, LANGUAGES))
                for slug in status.pages for lang in status.real_languages(slug)}
    assert set(urls) == expected
    for slug in status.pages:
        pairs = dict(alternates.alternates(status, slug, PLACEHOLDER))
        for lang in status.real_languages(slug):
            assert urls[addresses.absolute(PLACEHOLDER, addresses.page_path(slug, lang, LANGUAGES))] == pairs
    with gzip.open(site / "sitemap.xml.gz") as packed:
        assert packed.read() == (site / "sitemap.xml").read_bytes()
    assert (site / "sitemap.xml.gz").read_bytes()[4:8] == b"\0\0\0\0"   # no time stamp in the gzip header


def test_a_fallback_page_is_left_out_and_addresses_are_escaped(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("index.es.md", "index.fr.md", "sobre.es.md"):
        (docs / name).write_text("---\ntitle: t\n---\n# t\n", encoding="utf-8")
    status = translation_status.scan(docs, Languages(("es", "fr")))
    xml = sitemaps.render(status, "https://example.org/a&b/")
    root = ET.fromstring(xml)
    locs = [u.find("s:loc", NS).text for u in root.findall("s:url", NS)]
    assert locs == ["https://example.org/a&b/", "https://example.org/a&b/fr/", "https://example.org/a&b/sobre/"]
    assert "https://example.org/a&b/fr/sobre/" not in xml   # sobre has no French file: a fallback
