"""The built site's shape: both languages, the right lang, the switcher, 404s, own origin only."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ROOT
from html_tools import html_pages, tags, url_path

DOCS = ROOT / "docs"
SPANISH = sorted(DOCS.rglob("*.es.md"))


def built_path(site: Path, md: Path, lang: str) -> Path:
    rel = md.relative_to(DOCS).as_posix()[: -len(".es.md")]
    rel = "" if rel == "index" else rel[: -len("index")] if rel.endswith("/index") else rel + "/"
    return site / ("" if lang == "es" else "en/") / rel / "index.html"


@pytest.mark.parametrize("md", SPANISH, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_spanish_page_has_its_english_page(md):
    english = md.with_name(md.name.replace(".es.md", ".en.md"))
    assert english.exists(), f"{english.relative_to(ROOT)} is missing: translate {md.relative_to(ROOT)}"


def test_html_lang_matches_the_language_folder(site):
    for page in html_pages(site):
        lang = "en" if url_path(site, page).startswith("/en/") else "es"
        html_tag = next(t for t in tags(page.read_text(encoding="utf-8")) if t[0] == "html")
        assert html_tag[1].get("lang") == lang, f"{url_path(site, page)} has lang={html_tag[1].get('lang')}"


@pytest.mark.parametrize("md", SPANISH, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_language_switcher_points_to_the_same_page(site, md):
    es_page, en_page = built_path(site, md, "es"), built_path(site, md, "en")
    es_url, en_url = url_path(site, es_page), url_path(site, en_page)
    for page, own, other, other_lang in ((es_page, es_url, en_url, "en"), (en_page, en_url, es_url, "es")):
        links = [a for name, a, _ in tags(page.read_text(encoding="utf-8"))
                 if name == "a" and "md-select__link" in a.get("class", "")]
        targets = {a["hreflang"]: urljoin(own, a["href"]) for a in links}
        assert targets.get(other_lang) == other, f"switcher on {own} goes to {targets}"


def test_each_language_has_its_own_404(site):
    for path, lang, heading in (("404.html", "es", "Página no encontrada"),
                                ("en/404.html", "en", "Page not found")):
        html = (site / path).read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html and heading in html, path
        home = "/en/" if lang == "en" else "/"
        assert f'href="{home}"' in html, f"{path} does not link to its home page"


FETCHED = {  # tag -> attributes whose URL the browser fetches
    "link": ("href",), "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"),
    "iframe": ("src",), "video": ("src", "poster"), "audio": ("src",), "embed": ("src",),
    "object": ("data",), "image": ("href",), "use": ("href",),
}
NOT_FETCHED_RELS = {"canonical", "alternate", "prev", "next"}


def test_no_resource_comes_from_another_origin(site):
    offenders = []
    for page in html_pages(site):
        for name, attrs, line in tags(page.read_text(encoding="utf-8")):
            if name == "link" and set(attrs.get("rel", "").split()) & NOT_FETCHED_RELS:
                continue
            for attr in FETCHED.get(name, ()):
                for url in re.split(r",\s*", attrs.get(attr, "")):
                    if url and (urlsplit(url.strip()).netloc or url.strip().startswith("//")):
                        offenders.append(f"{url_path(site, page)}:{line} <{name} {attr}={url}>")
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if urlsplit(url).netloc or url.startswith("//"):
                offenders.append(f"{css.relative_to(site)}: url({url})")
    assert not offenders, "\n".join(offenders)
