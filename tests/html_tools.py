"""Small readers for built HTML, on the standard library's parser."""

from __future__ import annotations

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
