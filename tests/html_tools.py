"""Small readers for built HTML, on the standard library's parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str], int]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: (v or "") for k, v in attrs}, self.getpos()[0]))

    handle_startendtag = handle_starttag


def tags(html: str) -> list[tuple[str, dict[str, str], int]]:
    """Every start tag as (name, attributes, line)."""
    collector = _Collector()
    collector.feed(html)
    return collector.tags


def html_pages(site: Path) -> list[Path]:
    """Every content page of the built site (404 pages included, redirects excluded)."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def url_path(site: Path, page: Path) -> str:
    """The URL path a built file is served at (``/en/sobre/`` for ``en/sobre/index.html``)."""
    rel = page.relative_to(site).as_posix()
    return "/" + (rel.removesuffix("index.html"))


def head(html: str) -> str:
    return html.split("</head>", 1)[0]


def alternates(html: str) -> dict[str, str]:
    """hreflang -> href of the page's ``<link rel="alternate">`` tags."""
    return {a["hreflang"]: a["href"] for name, a, _ in tags(head(html))
            if name == "link" and a.get("rel") == "alternate" and "hreflang" in a}


def canonical(html: str) -> str | None:
    return next((a["href"] for name, a, _ in tags(head(html))
                 if name == "link" and a.get("rel") == "canonical"), None)


def switcher(html: str) -> dict[str, str]:
    """hreflang -> the language switcher entry's text."""
    found = re.findall(r'<a href="[^"]*" hreflang="([^"]+)" class="md-select__link">\s*(.*?)\s*</a>', html, re.DOTALL)
    return dict(found)


def read_page(site: Path, path: str) -> str:
    """The built page at URL path ``path`` (``en/sobre``)."""
    return (site / path.strip("/") / "index.html").read_text(encoding="utf-8")


def page_addresses(site: Path) -> list[str]:
    """URL paths of every page of the built site (404 pages included; search index, assets and
    redirect stubs left out)."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "assets/")) or 'http-equiv="refresh"' in html.read_text()[:600]:
            continue
        paths.append("/" + rel.removesuffix("index.html"))
    return paths


def meta_tags(html: str) -> dict[str, list[str]]:
    """``<meta property|name=... content=...>`` of a page: name -> every content given."""
    found: dict[str, list[str]] = {}
    for tag, attributes, _line in tags(html):
        key = attributes.get("property") or attributes.get("name")
        if tag == "meta" and key:
            found.setdefault(key, []).append(attributes.get("content") or "")
    return found
