"""Language alternates: ``<link rel="alternate" hreflang>`` in every page's head, and the sitemap.

Material writes one ``<link rel="alternate">`` per language from ``config.extra.alternate`` (the
same list drives its language switcher), with relative hrefs, which search engines ignore, and no
``x-default``; mkdocs-static-i18n announces a fallback (Spanish text under ``/en/``) as English.
Here, after each page is rendered (``on_post_page``), Material's lines are replaced by the page's
real alternates: absolute URLs built from ``site_url``, one per language the page is really
written in (original and translation files; outdated translations count, fallbacks do not), plus
``x-default`` (the Spanish original). Every page of a set lists the same set, itself included, so
the sets are reciprocal; a fallback page lists the set of the page it stands in for.
Post-processing keeps Material's templates untouched (no copy to maintain on upgrades).

Material's script bundle, when loaded, fetches ``sitemap.xml`` beside every
``link[rel=alternate]`` it finds: with absolute hrefs on another host (``site_url`` while
previewing on 127.0.0.1) that would be a third-party request. The site does not load that bundle
(``overrides/partials/search-loader.html``); ``tests/browser/test_alternates_in_chromium.py`` loads inner pages of each
language in Chromium and fails on any request that leaves the origin.

Error pages (404) describe no page: their alternates are removed and their language switcher
points at each language's home page.
"""

from __future__ import annotations

import html
import re

from puente.core import addresses, translation_status
from puente.features import build_context, notices

MATERIAL_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">[ \t]*\n?')


def alternates(status: translation_status.Status, slug: str, root_url: str) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for each language the page really exists in, then x-default."""
    def url(lang: str) -> str:
        return addresses.absolute(root_url, addresses.page_path(slug, lang, status.languages))

    return [*((lang, url(lang)) for lang in status.real_languages(slug)), ("x-default", url(status.default))]


def link_tags(pairs: list[tuple[str, str]]) -> str:
    return "".join(f'<link rel="alternate" hreflang="{lang}" href="{html.escape(url)}">\n'
                   for lang, url in pairs)


def _replace(output: str, tags: str) -> str:
    first = MATERIAL_ALTERNATE.search(output)
    head_end = output.find("</head>")
    if first and (head_end < 0 or first.start() < head_end):
        at = first.start()
        head, rest = output[:head_end], output[head_end:]
        head = MATERIAL_ALTERNATE.sub("", head)
        return head[:at] + tags + head[at:] + rest
    return output.replace("</head>", tags + "</head>", 1) if tags else output


def on_post_page(state, output: str, page, config) -> str:
    slug = notices.slug_of(page)
    status = notices.model(state, config)
    if slug not in status.pages:
        return _replace(output, "")
    return _replace(output, link_tags(alternates(status, slug, build_context.root_url(config))))


def on_pre_template(template_name: str, config) -> None:
    """Before an error page: its language switcher leads to each language's home page."""
    if template_name == "404.html":
        build_context.point_switcher_at_home_pages(config)


def on_post_template(output: str, template_name: str, config) -> str:
    """An error page describes no page: no language alternates."""
    return _replace(output, "") if template_name == "404.html" else output
