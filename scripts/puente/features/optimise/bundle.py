"""The site's assets, once, after the last language is written (``on_post_build``).

The stylesheets every page links (Material's main and palette CSS, then ``extra_css`` in order)
are reduced to the rules some page can use (``css_subset``) and concatenated into one
fingerprinted file; our scripts (search, Listen, the last-day calculator) are fingerprinted;
every page is rewritten to link them; then the search index is built. Fingerprinted names
(``name.<hash>.ext``) may be cached for a year (``docs/_headers``).

``PUENTE_BENCH_NO_SEARCH=1`` skips the search index (Pagefind), for ``bench/build_cost.py`` only,
which times ``mkdocs build`` without it. It cannot publish a site without search: it is honoured
only when the site is written inside the system's temporary directory, where the benchmark
builds; anywhere else the build fails and says so.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import urllib.parse
from pathlib import Path

from puente.features import build_context
from puente.features.optimise import css_subset, search_index
from puente.features.optimise.page_rewrite import RUNTIME_HTML, rewrite_page

SEARCH_SCRIPT = "assets/javascripts/puente-search.js"
LISTEN_SCRIPT = "assets/javascripts/puente-listen.js"
DEADLINE_SCRIPT = "assets/javascripts/puente-deadline.js"   # the last day to act (features/deadlines.py)
# loaded on demand (search opened, "Listen" tapped, a date field first touched)
SCRIPTS = (SEARCH_SCRIPT, LISTEN_SCRIPT, DEADLINE_SCRIPT)
BUNDLE_DIR = "assets/stylesheets"
NO_SEARCH = "PUENTE_BENCH_NO_SEARCH"
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">\s*')


def _fingerprint(path: Path, data: bytes) -> Path:
    digest = hashlib.sha256(data).hexdigest()[:10]
    target = path.with_name(f"{path.stem}.{digest}{path.suffix}")
    target.write_bytes(data)
    return target


def _relative(target: Path, page: Path) -> str:
    return Path(os.path.relpath(target, page.parent)).as_posix()


def _rooted(target: Path, site: Path) -> str:
    return "/" + target.relative_to(site).as_posix()


def finish(config, runtime_html: str = "") -> dict:
    """Bundle the CSS, fingerprint the scripts, rewrite pages, index for search. ``runtime_html``:
    markup added to pages at run time (by the service worker), whose rules are kept."""
    site = build_context.site_root(config)
    # Error pages link assets by absolute path, under site_url's own path on a sub-path deploy
    # (/puente-laboral/assets/...): that prefix is not a folder of site/.
    prefix = urllib.parse.urlsplit(build_context.root_url(config)).path.rstrip("/")
    pages = sorted(site.rglob("*.html"))
    # Which attribute values a selector compares, from every stylesheet of the site (a superset of
    # those the pages link): the only values worth keeping from 2,000 pages.
    tokens = css_subset.Tokens(valued=css_subset.valued_attributes(
        css.read_text(encoding="utf-8") for css in sorted(site.rglob("*.css"))))
    tokens.add_html(RUNTIME_HTML + runtime_html)
    styles = []   # pages are read twice rather than all held at once (memory grows with the site)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        tokens.add_html(text)
        styles += re.findall(r'style="([^"]*var\([^"]*)"', text)
    inline_styles = " ".join(styles)

    bundles: dict[tuple[Path, ...], Path] = {}
    report = {"pages": len(pages), "bundles": [], "removed_selectors": 0}
    scripts = {site / name: _fingerprint(site / name, (site / name).read_bytes())
               for name in SCRIPTS if (site / name).exists()}
    for page in pages:
        original = page.read_text(encoding="utf-8")
        text = rewrite_page(original, config)   # again: templates such as 404.html are not pages
        sheets = []
        rooted = False
        for match in _STYLESHEET.finditer(text):
            href = match.group(1)
            if "://" in href or href.startswith("//"):
                continue
            rooted = href.startswith("/")
            where = site if rooted else page.parent
            path = href.removeprefix(prefix) if rooted else href
            file = (where / urllib.parse.unquote(path.split("?")[0]).lstrip("/")).resolve()
            if file.is_file() and file.suffix == ".css":
                sheets.append((match.group(0), file))
        if sheets:
            key = tuple(file for _, file in sheets)
            if key not in bundles:
                named = tuple((file.name, file.read_text(encoding="utf-8")) for file in key)
                css, removed = css_subset.bundle(named, tokens, inline_styles)
                report["removed_selectors"] += removed
                bundles[key] = _fingerprint(site / BUNDLE_DIR / "bundle.css", css.encode())
                report["bundles"].append(bundles[key].relative_to(site).as_posix())
            href = prefix + _rooted(bundles[key], site) if rooted else _relative(bundles[key], page)
            link = f'<link rel="stylesheet" href="{href}">'
            text = text.replace(sheets[0][0], link, 1)
            for tag, _ in sheets[1:]:
                text = text.replace(tag, "", 1)
        for script, script_target in scripts.items():
            text = text.replace(f'"{_relative(script, page)}"', f'"{_relative(script_target, page)}"')
            text = text.replace(f'"{prefix}{_rooted(script, site)}"', f'"{prefix}{_rooted(script_target, site)}"')
        if text != original:
            page.write_text(text, encoding="utf-8")
    for script in scripts:
        script.unlink()   # only the fingerprinted copy is linked (and cached for a year)
    report["dropped"] = drop_unlinked_assets(site, {file for key in bundles for file in key})
    report["search"] = "skipped (PUENTE_BENCH_NO_SEARCH)" if _bench_without_search(site) else search_index.build(site)
    return report


def _bench_without_search(site: Path) -> bool:
    """``PUENTE_BENCH_NO_SEARCH`` set: True inside the temporary directory, an error elsewhere."""
    if os.environ.get(NO_SEARCH, "").strip().lower() in ("", "0", "no", "false", "off"):
        return False
    temporary = Path(tempfile.gettempdir()).resolve()
    if not site.resolve().is_relative_to(temporary):
        raise search_index.SearchIndexError(
            f"{NO_SEARCH} is set, but {site} is not inside {temporary}: it skips the search index for "
            f"benchmarks only (bench/build_cost.py). Unset it to build a site to publish.")
    return True


# Material's script bundle, its search worker and lunr, and every source map: no page loads them
# (partials/search-loader.html replaces the bundle; search is Pagefind's).
THEME_SCRIPTS = ("assets/javascripts/bundle.*.min.js", "assets/javascripts/lunr", "assets/javascripts/workers")


def drop_unlinked_assets(site: Path, bundled: set[Path]) -> int:
    """Remove what is published for nothing: the stylesheets now inside the bundle, Material's
    scripts, source maps. Returns how many files went."""
    doomed = {path for path in bundled if path.is_file()}
    for pattern in THEME_SCRIPTS:
        for match in site.glob(pattern):
            doomed.update([match] if match.is_file() else (p for p in match.rglob("*") if p.is_file()))
    doomed.update(p for p in (site / "assets").rglob("*.map"))
    for path in doomed:
        path.unlink()
    for folder in sorted((site / "assets").rglob("*"), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return len(doomed)
