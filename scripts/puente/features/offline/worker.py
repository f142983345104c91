"""The service worker ``sw.js``, written at the site root after the last language is built.

Each language build renders, in its own language, what the worker shows (:func:`collect`: the
offline page, the "saved copy" note, the buttons' messages; ``overrides/partials/offline-*.html``,
strings from the gettext catalogs). After the last one, :func:`finish` (called after the CSP, so
the sizes are of the bytes published):

- lists each language's *essentials* (:func:`essential_slugs`: home, contacts, pocket card, the
  deadlines page ``plazos`` when there is one, the topic pages) and the files they need (the
  stylesheet they link, the listen script);
- writes into every page the size of its language's essentials, gzip-compressed as a host sends
  them, in KB (the number is text, outside any script: the CSP hashes do not change);
- writes ``sw.js`` from ``sw.js`` beside this module, with that data and a hash of everything
  the worker may keep (pages, stylesheet, listen script, its own texts): the caches are named
  with it, so a new build replaces the old copies.

Never under ``mkdocs serve``: there the pages neither register a worker nor show its buttons
(``config.extra.puente_offline`` is empty), and no ``sw.js`` is written (a worker registered earlier on
the same address finds none and is unregistered by the browser).
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import math
import re
from pathlib import Path

from puente.core import addresses, front_matter
from puente.features import build_context, notices, theme_env

FILE = "sw.js"
TEMPLATE = Path(__file__).with_name("sw.js")
KB_PLACEHOLDER = "PL_OFFLINE_KB"
DATA_PREFIX = "const PL = "
DATA_MARK = "/* build data */ {}"   # in sw.js, after DATA_PREFIX
# Pages every reader may need in a field: the home page, every contact, the pocket card and the
# deadlines page; with the topic pages (below).
CORE_SLUGS = ("index", "contactos", "tarjeta", "plazos")
# The pages that show the "Save for offline reading" and "Delete saved pages" buttons: where a
# reader starts (home) and what a reader needs most without signal (contacts). Every page
# registers the worker; the buttons' few hundred bytes are left out of the other pages.
CONTROL_SLUGS = ("index", "contactos")
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
_LISTEN = re.compile(r'<div class="pl-listen[^"]*"[^>]* data-src="([^"]+)"')
_MESSAGE = re.compile(r'<p data-message="([a-z]+)">(.*?)</p>', re.DOTALL)


def essential_slugs(status) -> list[str]:
    """The slugs saved by "Save for offline reading": the core pages that exist, then the topic
    pages in the order of ``docs/``: every page in a section folder (``derechos/…``,
    ``riesgos/…``) and every top-level page printed as a flyer (``flyer: true``: ``profedet``,
    ``programas``, ``cooperacion``). Reference pages (glossary, organizations, about, flyers) are
    left to the reader's own visits."""
    core = [slug for slug in CORE_SLUGS if slug in status.pages]
    topics = [slug for slug, langs in status.pages.items() if slug not in CORE_SLUGS
              and ("/" in slug or front_matter.read_front_matter(langs[status.default].path).flyer)]
    return core + topics


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def collect(state, config) -> None:
    """What the worker shows in the language being built, rendered with its catalog."""
    if state.serving:
        return
    lang = build_context.current_language(config)
    render = theme_env.renderer(state, config, lang)
    count = len(essential_slugs(notices.model(state, config)))
    messages = {key: html.unescape(" ".join(text.split()))
                for key, text in _MESSAGE.findall(render("partials/offline-messages.html", count=count))}
    state.offline[lang] = {
        "offline": render("partials/offline-page.html", lang=lang, site_name=config.site_name).strip(),
        "note": render("partials/offline-note.html").strip(),
        "empty": f"<p>{html.escape(messages.pop('empty'))}</p>",
        "site": f" - {config.site_name}",
        **messages,
    }


def runtime_html(state) -> str:
    """The markup the worker adds to pages, for the stylesheet subset (its classes are kept)."""
    return "".join(text["note"] + text["offline"] for text in state.offline.values())


def _local_file(site: Path, page: Path, href: str) -> Path | None:
    """The file of the site a page's relative link points to (None for other links)."""
    if "://" in href or href.startswith(("/", "data:")):
        return None
    target = (page.parent / href.split("?", 1)[0]).resolve()
    return target if target.is_file() and target.is_relative_to(site.resolve()) else None


def essentials(state, config, site: Path) -> dict[str, list[str]]:
    """Per language: the essential pages' addresses and the files they link (stylesheet, listen
    script), relative to the site root."""
    status = notices.model(state, config)
    languages = build_context.languages(config)
    slugs = essential_slugs(status)
    out: dict[str, list[str]] = {}
    for lang in languages.codes:
        paths: list[str] = []
        assets: list[str] = []
        for slug in slugs:
            path = addresses.page_path(slug, lang, languages)
            page = site / path / "index.html"
            if not page.is_file():
                continue
            paths.append(path)
            text = page.read_text(encoding="utf-8")
            for href in [*_STYLESHEET.findall(text), *_LISTEN.findall(text)]:
                file = _local_file(site, page, html.unescape(href))
                if file is not None:
                    asset = file.relative_to(site.resolve()).as_posix()
                    if asset not in assets:
                        assets.append(asset)
        out[lang] = paths + assets
    return out


def _file_of(site: Path, path: str) -> Path:
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def size_kb(sizes: dict[str, int]) -> int:
    return math.ceil(sum(sizes.values()) / 1024)


def build_hash(site: Path, template: str, data: dict) -> str:
    """16 hex digits of SHA-256 over what the worker may keep and show: every page, the assets it
    caches, its own code and data. A new build that changes any of them names new caches."""
    digest = hashlib.sha256(template.encode())
    digest.update(json.dumps(data, sort_keys=True).encode())
    for file in sorted(site.rglob("*.html")) + [site / asset for asset in data["assets"]]:
        digest.update(file.relative_to(site).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def read(site: Path) -> dict:
    """The data a built site's ``sw.js`` carries (for the tests and ``make bench``)."""
    text = (Path(site) / FILE).read_text(encoding="utf-8")
    start = text.index(DATA_PREFIX) + len(DATA_PREFIX)
    return json.JSONDecoder().raw_decode(text, start)[0]


def finish(state, config) -> dict:
    """Write the essentials' sizes into the pages and ``sw.js`` at the site root."""
    if state.serving or not state.offline:
        return {}
    site = build_context.site_root(config)
    languages = build_context.languages(config)
    lists = essentials(state, config, site)
    # Only the few pages that carry the placeholder (the save buttons) are kept in memory: at
    # 1,000 × 2 pages, holding every page's text cost more than the rest of the build.
    texts = {}
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if KB_PLACEHOLDER in text:
            texts[page] = text
    pages = list(texts)
    report: dict = {"languages": {}}

    def language_of(page: Path) -> str:
        first = page.relative_to(site).parts[0]
        return first if first in languages.others else languages.default

    for lang in languages.codes:
        mine = {p for p in pages if language_of(p) == lang}
        files = [_file_of(site, path) for path in lists[lang]]
        fixed = {f.relative_to(site).as_posix(): gzip_size(f.read_bytes()) for f in files if f not in mine}
        # The pages carry the number they are part of (a few digits): settle it, in two rounds at most.
        kb, sizes = 0, dict(fixed)
        for _ in range(5):
            sizes = {**fixed, **{f.relative_to(site).as_posix():
                                 gzip_size(texts[f].replace(KB_PLACEHOLDER, str(kb)).encode())
                                 for f in files if f in mine}}
            if size_kb(sizes) == kb:
                break
            kb = size_kb(sizes)
        for page in mine:
            page.write_text(texts[page].replace(KB_PLACEHOLDER, str(kb)), encoding="utf-8")
        report["languages"][lang] = {"kb": kb, "bytes": sum(sizes.values()), "files": sizes}

    css = next((p for paths in lists.values() for p in paths if p.endswith(".css")), "")
    assets = sorted({p for paths in lists.values() for p in paths if p.startswith("assets/")})
    data = {
        "default": languages.default,
        "languages": list(languages.codes),
        "home": {lang: addresses.page_path("index", lang, languages) for lang in languages.codes},
        "css": css,
        "assets": assets,
        "essentials": lists,
        "text": {lang: state.offline[lang] for lang in languages.codes if lang in state.offline},
    }
    template = TEMPLATE.read_text(encoding="utf-8")
    data = {"build": build_hash(site, template, data), **data}
    script = template.replace(DATA_MARK, json.dumps(data, ensure_ascii=False, sort_keys=True), 1)
    (site / FILE).write_text(script, encoding="utf-8")
    report["sw_bytes"] = len(script.encode())
    report["sw_gzip"] = gzip_size(script.encode())
    report["build"] = data["build"]
    return report
