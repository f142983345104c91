"""The sitemap: every page in every language it is really written in, with its alternates.

mkdocs-static-i18n's sitemap lists fallback pages (Spanish text under ``/en/``) as English pages
and has no ``x-default``. After the last language is built, ``/sitemap.xml`` (and its ``.gz``) is
rewritten from the translation model: one ``<url>`` per real page, each listing the same
alternates as the page's ``<head>`` (``alternates.alternates``). Fallback pages are left out: their
canonical URL is the Spanish original. Material's script bundle (not loaded by this site) would
look for ``sitemap.xml`` beside each language; there is one sitemap, at the root.
"""

from __future__ import annotations

import gzip
from xml.sax.saxutils import escape, quoteattr

from puente.core import addresses, translation_status
from puente.features import alternates, build_context, notices


def render(status: translation_status.Status, root_url: str) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for slug in status.pages:
        pairs = alternates.alternates(status, slug, root_url)
        for lang in status.real_languages(slug):
            loc = addresses.absolute(root_url, addresses.page_path(slug, lang, status.languages))
            lines.append(f"  <url>\n    <loc>{escape(loc)}</loc>")
            lines.extend(f'    <xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(url)}/>'
                         for code, url in pairs)
            lines.append("  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines)


def write_after_last_language(state, config) -> None:
    if not build_context.is_last(config):
        return
    site = build_context.site_root(config)
    text = render(notices.model(state, config), build_context.root_url(config))
    (site / "sitemap.xml").write_text(text, encoding="utf-8")
    with gzip.GzipFile(site / "sitemap.xml.gz", "wb", mtime=0) as handle:
        handle.write(text.encode("utf-8"))
