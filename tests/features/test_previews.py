"""Link previews and share links: Open Graph and Twitter tags with absolute URLs, the preview
cards, share links that are plain links."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from PIL import Image

from html_tools import meta_tags, page_addresses
from puente.features import previews
from site_tools import PLACEHOLDER


@pytest.fixture(scope="module")
def pages(site):
    return page_addresses(site)


def test_every_page_has_open_graph_and_twitter_tags_with_absolute_urls(site, pages):
    problems = []
    for path in pages:
        file = site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        m = meta_tags(file.read_text(encoding="utf-8"))
        for key in ("og:title", "og:description", "og:url", "og:locale", "og:locale:alternate",
                    "og:image", "twitter:card", "twitter:image"):
            if not m.get(key) or not m[key][0].strip():
                problems.append(f"{path}: {key} missing")
        for key in ("og:url", "og:image", "twitter:image"):
            for value in m.get(key, []):
                if not re.match(r"https?://[^/]+/", value):
                    problems.append(f"{path}: {key} is not absolute: {value}")
        lang = "en" if path.startswith("/en/") else "es"
        for value in m.get("og:url", []):  # a shared link opens in the reader's language (404s: its home)
            if urlsplit(value).path.startswith("/en/") != (lang == "en"):
                problems.append(f"{path}: og:url {value} is in the other language")
        if m.get("og:locale") and not m["og:locale"][0].startswith(lang):
            problems.append(f"{path}: og:locale {m['og:locale'][0]} on a {lang} page")
        for value in m.get("og:image", []):
            image = site / urlsplit(value).path.lstrip("/")
            if not image.exists():
                problems.append(f"{path}: og:image {value} is not in the site")
                continue
            with Image.open(image) as img:
                if img.format != "PNG" or img.size != (1200, 630):
                    problems.append(f"{path}: og:image is {img.format} {img.size}, not a 1200×630 PNG")
    assert not problems, "\n".join(problems)


def test_share_links_are_plain_links_to_whatsapp_sms_and_the_page(site):
    html = (site / "derechos/salario/index.html").read_text(encoding="utf-8")
    share = re.search(r'<aside class="pl-share".*?</aside>', html, re.DOTALL).group(0)
    assert 'href="https://wa.me/?text=' in share
    assert 'href="sms:?body=' in share
    assert re.search(r'href="https?://[^"]+/derechos/salario/" data-pl-copy', share)
    assert "<script src" not in html.split("</head>")[1].split('<template id="pl-search-item">')[0]




def test_each_language_has_its_own_preview_card(site):
    for lang in ("es", "en"):
        card = site / "assets/social" / f"preview.{lang}.png"
        with Image.open(card) as image:
            assert image.format == "PNG" and image.size == (1200, 630)
        home = (site / ("" if lang == "es" else "en") / "index.html").read_text(encoding="utf-8")
        assert f'content="{PLACEHOLDER}assets/social/preview.{lang}.png"' in home
    assert previews.png("Puente <b>x</b>", "Texto & más", "Español") != previews.png("Puente", "Texto", "Español")


def test_the_card_is_drawn_from_text_and_cached():
    first = previews.png("Puente Laboral", "Información clara", "Español · English")
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert previews.png("Puente Laboral", "Información clara", "Español · English") is first
