"""The HTML policy for page content: what the article of a built page may contain.

Raw HTML in Markdown (and ``{attr=value}`` lists) is published as written, so the build checks
what it produced: the page's ``<article class="md-content__inner md-typeset">`` — the Markdown
plus our partials (contact cards, flyer lists, notices, sources, share links), which must pass
too. Allowed: the elements Markdown and our partials write (paragraphs, headings, lists, links,
images, ``<div>``/``<span>`` wrappers with classes, ids and ``lang``, ``<abbr>``, ``<kbd>``,
``<br>``, inline SVG icons and QR codes). Refused: ``<script>``, ``<style>``, ``<iframe>``,
``<object>``, ``<embed>``, ``<form>`` and every other element not on the list; event-handler
(``on…``) and ``style`` attributes; ids starting with ``__`` (Material's controls: ``__search``,
``__drawer``, ``__config``); ``javascript:``, ``data:``, ``vbscript:`` (any scheme but
https, http, mailto, tel and sms) in a link; images (``src``, ``srcset``) from another origin.
Plain outbound links (``<a href="https://…">``) are the link check's business.

The page is parsed by justhtml (a spec-compliant HTML5 parser: entities, case, whitespace and
namespaces are resolved as a browser does) and URLs are judged by justhtml's URL rules
(``JustHTML.clean_url_value``: control characters, tabs inside schemes, backslashes,
protocol-relative addresses). Each problem names the Markdown file and the line that wrote it,
found by searching the page's source for the offending text (line 1 when not found).
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from justhtml import JustHTML, UrlRule

from puente.core import passed

ARTICLE_START = '<article class="md-content__inner md-typeset">'
# Written by overrides/main.html after the last partial of the article; removed from the page
# once checked. The last one counts: page content cannot move the end of what is checked.
ARTICLE_END = "<!--pl-article-end-->"

# Elements Markdown (with attr_list, md_in_html, def_list, admonition) and our partials write.
TAGS = frozenset({
    "a", "abbr", "aside", "blockquote", "br", "code", "dd", "details", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "img", "kbd", "li", "ol", "p", "pre", "section", "span",
    "strong", "sub", "summary", "sup", "ul", "wbr",
})
GLOBAL_ATTRIBUTES = frozenset({
    "class", "id", "lang", "title", "dir", "hidden", "role", "tabindex", "translate",
    "markdown",   # md_in_html's switch (it normally consumes it)
})
ATTRIBUTES = {
    "a": {"href", "hreflang", "type", "download", "rel"},
    "img": {"src", "srcset", "alt", "width", "height", "loading", "decoding"},
    "ol": {"start", "reversed", "type"},
    "details": {"open"},
    "li": {"value"},
}
# Inline SVG (icons, QR codes): shapes only; no links, scripts, animation or foreign content.
SVG_TAGS = frozenset({"svg", "path", "title", "desc", "g", "rect", "circle"})
SVG_ATTRIBUTES = frozenset({
    "xmlns", "viewBox", "d", "fill", "stroke", "stroke-width", "fill-rule", "clip-rule",
    "shape-rendering", "width", "height", "x", "y", "rx", "ry", "cx", "cy", "r", "transform",
    "class", "id", "role", "aria-hidden", "aria-label", "focusable", "preserveAspectRatio",
})
_ARIA_OR_DATA = re.compile(r"^(?:aria-[a-z]+|data-[a-z0-9][a-z0-9-]*)$")
_SVG_URL = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
LINK_SCHEMES = frozenset({"https", "http", "mailto", "tel", "sms"})

WHY = 'README "Checks"'
# Articles that passed, remembered between builds (``core.passed``): this module and justhtml
# decide, so either changing starts from nothing. Kept in the project's .cache/passed/ by the hooks.
PASSES = passed.Passes("html-policy", passed.version_of(Path(__file__), metadata.version("justhtml")))
FIX_ELEMENT = (f"remove it; raw HTML in pages is limited to <div>/<span> wrappers (markdown, class, id, lang), "
               f"<abbr>, <kbd>, <br> and what Markdown writes itself ({WHY})")
FIX = {
    "script": "remove it: page content cannot run scripts (site behaviour belongs in overrides/, whose inline "
              "scripts get a Content-Security-Policy hash at build time)",
    "style": "remove it: put the rule in docs/assets/stylesheets/puente.css under a class and give the block "
             "that class ({.my-class} after it, or <div class=\"my-class\" markdown>)",
    "event": "remove the attribute: page content cannot run scripts",
    "style-attribute": "remove the style attribute: add a class rule to docs/assets/stylesheets/puente.css and "
                       "use the class ({.my-class} or class=\"my-class\")",
    "attribute": f"remove the attribute; allowed are class, id, lang, title, aria-*, data-* and the usual "
                 f"attributes of links and images ({WHY})",
    "link": "link to a page of the site or to an https:// address (mailto:, tel: and sms: also work; write "
            "numbers with [[tel:key]])",
    "resource": "copy the file into docs/assets/ and refer to it by a relative path: nothing on a page may load "
                "from another site (the reader's data, privacy and our Content-Security-Policy)",
    "reserved-id": "name the id after its content, in lowercase words and hyphens (e.g. {#horas-extra})",
    "svg": "use only SVG shapes (svg, path, g, rect, circle, title) without links, scripts or url(...) values",
}


@dataclass
class Violation:
    what: str           # e.g. '<iframe> element', 'onclick attribute on <p>'
    fix: str
    html_line: int      # line in the page HTML (1-based)
    needles: tuple[str, ...]  # texts that may find the line in the Markdown, most specific first


class PolicyError(Exception):
    pass


@lru_cache(maxsize=8)
def _rules(site_url: str) -> tuple[UrlRule, UrlRule]:
    """(link rule, resource rule): resources only from this site (relative or on site_url's host)."""
    host = urllib.parse.urlsplit(site_url or "").hostname
    link = UrlRule(allowed_schemes=LINK_SCHEMES)
    resource = UrlRule(allowed_schemes={"https", "http"} if host else set(),
                       allowed_hosts={host} if host else set(), allow_relative=True)
    return link, resource


def _url_ok(value: str, rule: UrlRule) -> bool:
    return JustHTML.clean_url_value(value=value, url_rule=rule) is not None


def _srcset_urls(value: str) -> list[str]:
    """Every candidate URL of a srcset (split at every comma: stricter than a browser, never looser)."""
    return [part.split()[0] for part in value.split(",") if part.split()]


def _elements(node):
    stack = list(reversed(node.children or []))
    while stack:
        child = stack.pop()
        if child.name and not child.name.startswith("#"):
            yield child
        content = getattr(child, "template_content", None)   # <template>: its content counts too
        if content is not None:
            stack.extend(reversed(content.children or []))
        stack.extend(reversed(child.children or []))


def _raw_tag(html: str, offset: int | None) -> str:
    if offset is None or offset < 0 or offset >= len(html):
        return ""
    end = html.find(">", offset)
    return html[offset:end + 1] if end != -1 else html[offset:offset + 200]


def _raw_attribute(raw_tag: str, name: str) -> str:
    match = re.search(rf"(?<![\w-]){re.escape(name)}\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", raw_tag, re.IGNORECASE)
    return match.group(0) if match else ""


def check_fragment(html: str, site_url: str = "", first_line: int = 1) -> list[Violation]:
    """Every policy violation in ``html`` (an article's content, parsed as a fragment)."""
    doc = JustHTML(html, fragment=True, sanitize=False, track_node_locations=True)
    link_rule, resource_rule = _rules(site_url)
    found: list[Violation] = []

    def add(node, what, fix, *needles):
        line = (node.origin_line or 1) + first_line - 1
        raw = _raw_tag(html, node.origin_offset)
        found.append(Violation(what, fix, line, tuple(n for n in (*needles, raw) if n)))

    for node in _elements(doc.root):
        name, attrs = node.name, node.attrs or {}
        raw = _raw_tag(html, node.origin_offset)
        if node.namespace == "svg":
            if name not in SVG_TAGS:
                add(node, f"<{name}> inside an SVG", FIX["svg"], f"<{name}")
            for attr, value in attrs.items():
                if attr.lower().startswith("on"):
                    add(node, f"{attr} attribute on <{name}> (an event handler)", FIX["event"],
                        _raw_attribute(raw, attr), attr)
                elif attr not in SVG_ATTRIBUTES:
                    add(node, f"{attr} attribute on SVG <{name}>", FIX["svg"], _raw_attribute(raw, attr), attr)
                elif value and _SVG_URL.search(value):
                    add(node, f"url(...) in {attr} on SVG <{name}> (loads a resource)", FIX["svg"],
                        _raw_attribute(raw, attr), value)
            continue
        if node.namespace not in (None, "html"):
            add(node, f"<{name}> ({node.namespace} content)", FIX_ELEMENT, f"<{name}")
            continue
        if name not in TAGS:   # one problem per element: its attributes go with it
            add(node, f"<{name}> element", FIX.get(name, FIX_ELEMENT), f"<{name}")
            continue
        allowed = GLOBAL_ATTRIBUTES | ATTRIBUTES.get(name, set())
        for attr, raw_value in attrs.items():
            value = raw_value or ""
            written = _raw_attribute(raw, attr)
            if attr.startswith("on"):
                add(node, f"{attr} attribute on <{name}> (an event handler)", FIX["event"], written, attr)
            elif attr == "style":
                add(node, f"style attribute on <{name}>", FIX["style-attribute"], written, 'style="')
            elif attr not in allowed and not _ARIA_OR_DATA.match(attr):
                add(node, f"{attr} attribute on <{name}>", FIX["attribute"], written, f"{attr}=")
            elif attr == "id" and value.startswith("__"):
                add(node, f'id "{value[:40]}" on <{name}> (ids starting with __ belong to the theme\'s controls: '
                    "search, drawer, configuration)", FIX["reserved-id"], written, value[:40])
            elif attr == "href" and not _url_ok(value, link_rule):
                add(node, f'link to "{value.strip()[:60]}" (only https, http, mailto, tel, sms or a page of '
                    f"the site)", FIX["link"], written, value.strip()[:60])
            elif attr == "src" and not _url_ok(value, resource_rule):
                add(node, f'<{name} src="{value.strip()[:60]}"> (loaded from another origin or an unsafe '
                    f"scheme)", FIX["resource"], written, value.strip()[:60])
            elif attr == "srcset":
                bad = [url for url in _srcset_urls(value) if not _url_ok(url, resource_rule)]
                if bad:
                    add(node, f'<{name} srcset> candidate "{bad[0][:60]}" (loaded from another origin or an '
                        f"unsafe scheme)", FIX["resource"], written, bad[0][:60])
    return found


def article(output: str) -> tuple[int, str] | None:
    """(offset, text) of the article's content in a rendered page, or None when it has none."""
    start = output.find(ARTICLE_START)
    end = output.rfind(ARTICLE_END)
    if start == -1 or end == -1 or end < start:
        return None
    start += len(ARTICLE_START)
    return start, output[start:end]


def locate(source: Path, violation: Violation) -> int | None:
    """The line of ``source`` (a Markdown file) that wrote the violation, searched case-insensitively."""
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for written in violation.needles:
        needle = written.strip().lower()
        if len(needle) < 3:
            continue
        for number, line in enumerate(lines, start=1):
            if needle in line.lower():
                return number
    return None


def check_page(output: str, source: Path, shown: str, site_url: str = "") -> str:
    """Raise PolicyError naming ``shown`` (the Markdown file) and the line of each violation;
    return the page without the end-of-article marker."""
    region = article(output)
    if region is None:
        return output
    offset, content = region
    if PASSES.seen(content, site_url):
        return output.replace(ARTICLE_END, "")
    first_line = output.count("\n", 0, offset) + 1
    problems = []
    for violation in check_fragment(content, site_url, first_line):
        line = locate(source, violation)
        where = f"{shown}:{line}" if line else f"{shown}:1 (line not found: written by a shortcode or template)"
        problems.append(f"{where}: {violation.what} is not allowed in page content "
                        f"(page HTML line {violation.html_line})\n    fix: {violation.fix}")
    if problems:
        raise PolicyError(f"HTML policy ({WHY}): {len(problems)} problem(s)\n" + "\n".join(problems))
    PASSES.add(content, site_url)
    return output.replace(ARTICLE_END, "")
