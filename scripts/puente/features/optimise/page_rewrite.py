"""Every page, after MkDocs has written it (``on_post_page``): small and accessible.

The SVG favicon is inlined (one request fewer), the search dialog gets an accessible name, section
navs get a name, the article is marked as what search indexes (with the page's ``search_weight``),
and indentation is collapsed. The stylesheets and the search script are bundled and fingerprinted
once the whole site is written (``bundle``).
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

_ICON = re.compile(r'<link rel="icon" href="([^"]+\.svg)">')
_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')
_ARTICLE = '<article class="md-content__inner md-typeset">'
# What our search script (overrides/assets/javascripts/puente-search.js) sets at run time, so
# that the rules for it are kept; the elements it creates come from a <template> in each page.
RUNTIME_HTML = '<body data-md-scrolllock="">'


_KEEP_WHITESPACE = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)


def collapse_whitespace(html: str) -> str:
    """Indentation runs become one newline (renders the same), except inside pre/textarea/script."""
    parts = _KEEP_WHITESPACE.split(html)
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(re.sub(r"\n[ \t\r\n]+", "\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


# With navigation.indexes, a section's nav is labelled by an icon-only <label>, so every section
# nav has an empty name (axe: landmark-unique). Name it by the section title it contains.
_SECTION_NAV = re.compile(
    r'(<nav class="md-nav" data-md-level="\d+") aria-labelledby="(__nav_[\w]+)_label"'
    r'([^>]*>\s*<label class="md-nav__title" for="\2">\s*<span class="md-nav__icon md-icon"></span>'
    r'\s*([^<]*?)\s*</label>)')


def _name_section_nav(match: re.Match) -> str:
    return f'{match.group(1)} aria-label="{match.group(4)}"{match.group(3)}'


def search_weight(page) -> str:
    """The page's ``search_weight`` front matter (0-10, default 1): how much its words count in
    search. The glossary, whose headings are the very words readers search for, is lowered so
    that the topic pages come first."""
    value = (page.meta.get("search_weight") if page is not None else None)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"docs/{page.file.src_uri}: search_weight must be a number from 0 to 10 "
                          f"(1 is normal, lower ranks the page lower in search), not {value!r}")
    return f' data-pagefind-weight="{value}"'


# Material's base.html (not a partial) puts autocomplete="off" on its two checkbox toggles, which the
# W3C checker refuses (autocomplete is for text-like inputs). It kept Firefox from restoring an open
# drawer or search from its form cache; without Material's script bundle the toggles are plain CSS.
_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)")'
    r' autocomplete="off">')


def rewrite_page(output: str, config, page=None) -> str:
    output = _TOGGLE_AUTOCOMPLETE.sub(r"\1>", output)
    favicon = config.theme.get("favicon")
    if favicon and favicon.endswith(".svg"):
        source = Path(config.docs_dir) / favicon
        if source.exists():
            data = "data:image/svg+xml," + urllib.parse.quote(" ".join(source.read_text().split()))
            output = _ICON.sub(f'<link rel="icon" href="{data}">', output, count=1)
    label = _SEARCH_LABEL.search(output)
    if label:
        output = output.replace(_DIALOG, _DIALOG[:-1] + f' aria-label="{label.group(1)}">', 1)
    output = _SECTION_NAV.sub(_name_section_nav, output)
    output = output.replace(_ARTICLE, _ARTICLE[:-1] + " data-pagefind-body" + search_weight(page) + ">", 1)
    return collapse_whitespace(output)


