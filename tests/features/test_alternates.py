"""Language alternates: absolute, complete and reciprocal in every page's <head>, the same in the
sitemap, none on error pages, and no request leaving the origin because of them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from html_tools import html_pages, tags, url_path
from puente.core import addresses, translation_status
from site_tools import LANGUAGES

SITE_URL = "https://example.org/"
XHTML = "{http://www.w3.org/1999/xhtml}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def head_links(html: str) -> list[dict[str, str]]:
    head = html.split("</head>", 1)[0]
    return [a for name, a, _ in tags(head) if name == "link" and "alternate" in a.get("rel", "").split()
            and "hreflang" in a]


def alternates(html: str) -> dict[str, str]:
    links = head_links(html)
    pairs = {a["hreflang"]: a["href"] for a in links}
    assert len(pairs) == len(links), f"a language is listed twice: {links}"
    return pairs


@pytest.fixture(scope="module")
def model():
    return translation_status.scan(ROOT / "docs", LANGUAGES)


@pytest.fixture(scope="module")
def heads(site):
    """URL of each built content page -> its alternates."""
    found = {}
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        if page.name != "index.html" or 'http-equiv="refresh"' in html[:600]:
            continue  # 404 pages and redirect stubs
        found[SITE_URL.rstrip("/") + url_path(site, page)] = alternates(html)
    return found


def test_every_page_of_the_model_is_built_with_alternates(model, heads):
    for slug in model.pages:
        for lang in model.real_languages(slug):
            url = SITE_URL + addresses.page_path(slug, lang, LANGUAGES)
            assert url in heads, f"{url} was not built"
            assert heads[url], f"{url} has no <link rel=alternate hreflang>"


def test_alternates_are_absolute_complete_and_have_x_default(model, heads):
    for slug in model.pages:
        expected = {lang: SITE_URL + addresses.page_path(slug, lang, LANGUAGES) for lang in model.real_languages(slug)}
        expected["x-default"] = SITE_URL + addresses.page_path(slug, "es", LANGUAGES)
        for lang in model.real_languages(slug):
            url = SITE_URL + addresses.page_path(slug, lang, LANGUAGES)
            assert heads[url] == expected, f"{url}: {heads[url]} != {expected}"


def test_alternates_are_reciprocal(heads):
    for url, pairs in heads.items():
        if not pairs:
            continue
        assert url in pairs.values(), f"{url} does not list itself among {pairs}"
        for lang, other in pairs.items():
            assert urlsplit(other).scheme == "https", f"{url}: relative alternate {other}"
            assert heads.get(other) == pairs, f"{url} lists {other} ({lang}) but {other} lists {heads.get(other)}"


def test_materials_relative_alternates_are_gone(site):
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        for link in head_links(html):
            assert link["href"].startswith(SITE_URL), f"{url_path(site, page)}: {link}"
        assert not re.search(r'<link rel="alternate" href="(?!https?://)', html), url_path(site, page)


def test_error_pages_have_no_alternates_and_switch_to_each_home(site):
    for path in ("404.html", "en/404.html"):
        html = (site / path).read_text(encoding="utf-8")
        assert not head_links(html), path
        switch = dict(re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" class="md-select__link">', html))
        assert set(switch) == {"/", "/en/"}, f"{path}: switcher goes to {switch}"


def test_the_sitemap_lists_the_same_alternates(site, heads):
    root = ET.parse(site / "sitemap.xml").getroot()
    listed = {}
    for url in root.iter(f"{SM}url"):
        loc = url.find(f"{SM}loc").text
        listed[loc] = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
    assert listed == {url: pairs for url, pairs in heads.items() if pairs}
    assert not (site / "en" / "sitemap.xml").exists()


def test_site_url_drives_every_alternate(project_copy, tmp_path):
    from conftest import mkdocs_build

    out = tmp_path / "site"
    result = mkdocs_build(project_copy, out, env={"SITE_URL": "https://trabajo.example.net/"})
    assert result.returncode == 0, result.stderr[-3000:]
    html = (out / "en/sobre/index.html").read_text(encoding="utf-8")
    assert alternates(html) == {"es": "https://trabajo.example.net/sobre/", "en": "https://trabajo.example.net/en/sobre/",
                                "x-default": "https://trabajo.example.net/sobre/"}
    assert "https://example.org/" not in (out / "sitemap.xml").read_text(encoding="utf-8")


