"""Small first views: what the build does to every page after MkDocs has written it.

Per page (``on_post_page``): the SVG favicon is inlined (one request fewer), the search dialog
gets an accessible name, the article is marked as what search indexes.

Once, after the last language (``finish``): the stylesheets every page links (Material's main
and palette CSS, then ``extra_css`` in order) are reduced to the rules some page can use
(``css_subset``) and concatenated into one fingerprinted file; our search script is
fingerprinted; every page is rewritten to link them; then the search index is built.
Fingerprinted names (``name.<hash>.ext``) may be cached for a year (``docs/_headers``).
"""

from __future__ import annotations

import hashlib
import os
import re
import urllib.parse
from pathlib import Path

from puente import css_subset, language_builds, search_index

SEARCH_SCRIPT = "assets/javascripts/puente-search.js"
BUNDLE_DIR = "assets/stylesheets"
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">\s*')
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


def _fingerprint(path: Path, data: bytes) -> Path:
    digest = hashlib.sha256(data).hexdigest()[:10]
    target = path.with_name(f"{path.stem}.{digest}{path.suffix}")
    target.write_bytes(data)
    return target


def _relative(target: Path, page: Path) -> str:
    return Path(os.path.relpath(target, page.parent)).as_posix()


def _rooted(target: Path, site: Path) -> str:
    return "/" + target.relative_to(site).as_posix()


def finish(config) -> dict:
    """Bundle the CSS, fingerprint the search script, rewrite pages, index for search."""
    site = language_builds.site_root(config)
    pages = sorted(site.rglob("*.html"))
    tokens = css_subset.Tokens()
    tokens.add_html(RUNTIME_HTML)
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    for text in texts.values():
        tokens.add_html(text)
    inline_styles = " ".join(m for text in texts.values() for m in re.findall(r'style="([^"]*var\([^"]*)"', text))

    bundles: dict[tuple[Path, ...], Path] = {}
    report = {"pages": len(pages), "bundles": [], "removed_selectors": 0}
    script = site / SEARCH_SCRIPT
    script_target = _fingerprint(script, script.read_bytes()) if script.exists() else None
    for page, original in texts.items():
        text = rewrite_page(original, config)   # again: templates such as 404.html are not pages
        sheets = []
        rooted = False
        for match in _STYLESHEET.finditer(text):
            href = match.group(1)
            if "://" in href or href.startswith("//"):
                continue
            rooted = href.startswith("/")
            where = site if rooted else page.parent
            file = (where / urllib.parse.unquote(href.split("?")[0]).lstrip("/")).resolve()
            if file.is_file() and file.suffix == ".css":
                sheets.append((match.group(0), file))
        if sheets:
            key = tuple(file for _, file in sheets)
            if key not in bundles:
                parts = []
                for file in key:
                    result = css_subset.subset(file.read_text(encoding="utf-8"), tokens)
                    report["removed_selectors"] += len(result.removed)
                    parts.append(result.css.replace('@charset "UTF-8";', ""))
                css = css_subset.prune_custom_properties("".join(parts), inline_styles)
                names = ", ".join(file.name for file in key)
                css = f'@charset "UTF-8";/* {names}: rules no page uses removed at build time */{css}'
                bundles[key] = _fingerprint(site / BUNDLE_DIR / "bundle.css", css.encode())
                report["bundles"].append(bundles[key].relative_to(site).as_posix())
            href = _rooted(bundles[key], site) if rooted else _relative(bundles[key], page)
            link = f'<link rel="stylesheet" href="{href}">'
            text = text.replace(sheets[0][0], link, 1)
            for tag, _ in sheets[1:]:
                text = text.replace(tag, "", 1)
        if script_target:
            text = text.replace(f'"{_relative(script, page)}"', f'"{_relative(script_target, page)}"')
            text = text.replace(f'"{_rooted(script, site)}"', f'"{_rooted(script_target, site)}"')
        if text != original:
            page.write_text(text, encoding="utf-8")
    if script_target:
        script.unlink()   # only the fingerprinted copy is linked (and cached for a year)
    report["search"] = search_index.build(site)
    return report
