"""Where a link of the built site came from: the Markdown file and line, or a template.

A built page maps back to its Markdown through the suffix structure of mkdocs-static-i18n:
``/en/derechos/salario/`` is ``docs/derechos/salario.en.md`` (or ``.es.md`` when the English
page falls back to the Spanish text). Inside the file the line is found by searching for what
the link was written as: its target, its ``#anchor``, the page file it names, the shortcode
whose contact carries that number or address, or the link text. Links outside the page content
(navigation, header, footer) come from templates; redirect pages from ``redirect_maps``.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from pathlib import Path

import yaml

from puente.core import addresses, shortcode_syntax
from puente.core.languages import Languages

TEMPLATE = "a template (overrides/ or the Material theme), not a page's Markdown"


def markdown_for(page_path: str, docs: Path, languages: Languages) -> Path | None:
    """The Markdown file published at URL path ``page_path`` (``core.addresses``)."""
    slug, lang = addresses.page_of_path(page_path, languages)
    if slug.endswith(".html"):
        return None
    return addresses.markdown_file(docs, slug, lang, languages)


@lru_cache(maxsize=4096)
def _lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8").splitlines())


def _contacts(project: Path | None) -> dict[str, list[str]]:
    """value (E.164 number or web address) -> contact keys, from data/contacts.yml."""
    if project is None or not (project / "data/contacts.yml").is_file():
        return {}
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the registry in a few ms
        data = yaml.load((project / "data/contacts.yml").read_text(encoding="utf-8"), Loader=loader) or {}
    except yaml.YAMLError:
        return {}
    found: dict[str, list[str]] = {}
    for key, entry in data.items():
        if isinstance(entry, dict):
            for name in ("phone", "tty", "web"):
                if entry.get(name):
                    found.setdefault(str(entry[name]).rstrip("/"), []).append(key)
    return found


def exact_needles(url: str, contacts: dict[str, list[str]]) -> list[str]:
    """The link as written, or the shortcodes of the contact that carries this number/address."""
    out = [url]
    bare = re.sub(r"^(tel|sms):", "", url.partition("#")[0]).split("?")[0]
    for key in contacts.get(bare.rstrip("/"), []) + contacts.get(url.rstrip("/"), []):
        out += [f"[[tel:{key}]]", f"[[web:{key}]]", f"[[contact:{key}]]", f"contact: {key}"]
    return out


def needles(url: str, text: str) -> list[str]:
    """Looser clues, most specific first: the anchor, the page named, the link text."""
    out = []
    path, _, fragment = url.partition("#")
    if fragment:
        out += [f"#{fragment})", f"#{fragment}"]
    stem = posixpath.basename(path.rstrip("/")).removesuffix(".html")
    if stem and stem not in (".", ".."):
        out += [f"{stem}.md", f"{stem}/index.md", stem]
    if path and len(path) > 3:
        out.append(path)
    if text and len(text) > 2:
        out.append(text[:40])
    return out


def find_line(lines: tuple[str, ...], candidates: list[str]) -> int | None:
    for needle in candidates:
        for number, line in enumerate(lines, start=1):
            if needle in line:
                return number
    return None


def redirect_line(project: Path | None, page_path: str, languages: Languages) -> tuple[str, int | None]:
    """The ``redirect_maps`` entry of mkdocs.yml that wrote the redirect page at ``page_path``."""
    if project is None or not (project / "mkdocs.yml").is_file():
        return "mkdocs.yml (redirect_maps)", None
    rel = addresses.page_of_path(page_path, languages)[0]
    rel = "" if rel == "index" else rel.removesuffix("/index.html").removesuffix(".html")
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        key = line.strip().split(":", 1)[0].strip().strip("'\"")
        if key in (f"{rel}.md", f"{rel}/index.md") or (not rel and key == "index.md"):
            return "mkdocs.yml", number
    return "mkdocs.yml (redirect_maps)", None


def locate(problems, checker, docs: Path, project: Path | None) -> None:
    """Fill ``source`` and ``line`` of each problem."""
    contacts = _contacts(project) if problems else {}
    for problem in problems:
        if problem.source:
            continue  # located already (e.g. sitemap problems)
        page = checker.pages.get(problem.page)
        if page is not None and page.redirect is not None:
            problem.source, problem.line = redirect_line(project, problem.page, checker.languages)
            continue
        link = problem.link
        if link is not None and not link.in_content:
            problem.source = TEMPLATE
            continue
        markdown = markdown_for(problem.page, docs, checker.languages)
        if markdown is None:
            problem.source = f"{TEMPLATE} (page {problem.page} has no Markdown source)"
            continue
        shown = "docs/" + markdown.relative_to(docs).as_posix()
        text = page.link_text(link) if (page and link) else ""
        lines = _lines(markdown)
        problem.line = find_line(lines, exact_needles(problem.url, contacts))
        if problem.line is None and link is not None and set(link.attrs) - {"href", "title"}:
            # Markdown writes links with href (and title) only: this one came from a partial,
            # rendered by a block shortcode such as [[flyers]] or [[directory]].
            problem.line = next((n for n, line in enumerate(lines, 1) if shortcode_syntax.BLOCK.match(line)), None)
        if problem.line is None:
            problem.line = find_line(lines, needles(problem.url, text))
        problem.source = shown if problem.line else f"{shown} (line not found: written by a shortcode or template)"
