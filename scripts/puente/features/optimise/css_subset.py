"""Remove the CSS rules no page can use, at build time, from the installed stylesheets.

A selector is kept when every class, id, element name and attribute it names occurs somewhere
in the built HTML (including ``<template>`` content, which our search script clones). Pseudo
classes and their arguments (``:hover``, ``:not(...)``, ``:is(...)``) are ignored, which keeps a
selector rather than drops it. ``@media print`` blocks are subset like the others (a rule for an
element no page has prints nothing either); ``@page`` is kept whole. Nothing here is
specific to Material: it reads whatever stylesheets the pages link.

The layout stops changing at ``WIDEST_LAYOUT_EM`` (60em, 960 px): a ``screen`` rule for wider
screens only is dropped, and a width limit at or above it is lifted (``screen and
(max-width:76.234375em)`` becomes ``screen``), so a desktop shows the layout a tablet shows (menu
button, one column) and a phone downloads no desktop-only rule (``cap_width``). Print rules and
queries without ``screen`` are left as they are: the flyers print as before.

What this depends on is guarded by tests/browser/test_phone.py: no page's DOM, with search open and
showing results, matches a removed selector.
"""

from __future__ import annotations

import functools
import hashlib
import html as html_lib
import re
from collections import OrderedDict
from dataclasses import dataclass, field

import tinycss2


@dataclass
class Tokens:
    """Everything a selector can name, as found in the built pages. ``valued``: the attributes
    whose values a selector compares (``valued_attributes``); only their values are kept, which
    is what ``may_match`` asks (None: every value, for callers without the stylesheets at hand)."""

    tags: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    values: set[tuple[str, str]] = field(default_factory=set)
    valued: frozenset[str] | None = None

    def frozen(self) -> tuple:
        """A hashable snapshot (the key of ``bundle``'s cache)."""
        return tuple(tuple(sorted(s)) for s in (self.tags, self.classes, self.ids, self.attributes, self.values))

    def add_html(self, html: str) -> None:
        """Collect from start tags (a regular-expression scan: faster than HTMLParser, which
        matters at 2,000 pages; comments and scripts may add tokens, which only keeps more)."""
        for mine, found in zip((self.tags, self.classes, self.ids, self.attributes, self.values),
                               _page_tokens(html, self.valued), strict=True):
            mine.update(found)


def valued_attributes(css_texts) -> frozenset[str]:
    """Every attribute name some ``[name=value]`` selector of these stylesheets compares (read
    from the whole text: a match outside a selector only keeps more values)."""
    return frozenset(m.group(1).lower() for css in css_texts for m in _ATTRIBUTE.finditer(css) if m.group(2) == "=")


_TOKEN_CACHE: OrderedDict[bytes, tuple[frozenset, ...]] = OrderedDict()
_TOKEN_CACHE_SIZE = 4096


def _page_tokens(html: str, valued: frozenset[str] | None = None) -> tuple[frozenset, ...]:
    """The tokens of one page, cached by a digest of its text and ``valued`` (`mkdocs serve`
    rebuilds unchanged pages): it keeps no page's text (with the bundle reading pages twice, 40
    MiB less at 1,000 × 2), and only the attribute values selectors compare (an average page has
    250 attribute values, every link among them: 130 MiB at 1,000 × 2 if all were kept)."""
    digest = hashlib.blake2b(html.encode("utf-8"), digest_size=16)
    digest.update(repr(sorted(valued)).encode() if valued is not None else b"\0all")
    key = digest.digest()
    found = _TOKEN_CACHE.get(key)
    if found is None:
        found = _TOKEN_CACHE[key] = _scan_tokens(html, valued)
        if len(_TOKEN_CACHE) > _TOKEN_CACHE_SIZE:
            _TOKEN_CACHE.popitem(last=False)
    else:
        _TOKEN_CACHE.move_to_end(key)
    return found


def _scan_tokens(html: str, valued: frozenset[str] | None = None) -> tuple[frozenset, ...]:
    tags, classes, ids, attributes, values = set(), set(), set(), set(), set()
    for tag, attributes_text in _START_TAG.findall(html):
        tags.add(tag.lower())
        for raw_name, *quoted in _ATTR_IN_TAG.findall(attributes_text):
            name = raw_name.lower()
            value = html_lib.unescape(next((q for q in quoted if q), ""))
            attributes.add(name)
            if valued is None or name in valued:
                values.add((name, value))
            if name == "class":
                classes.update(value.split())
            elif name == "id" and value:
                ids.add(value)
    return tuple(frozenset(s) for s in (tags, classes, ids, attributes, values))


_START_TAG = re.compile(r"<([a-zA-Z][\w-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTR_IN_TAG = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


_ATTRIBUTE = re.compile(r"""\[\s*([\w:-]+)\s*(?:([~|^$*]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]*))\s*[is]?\s*)?\]""")
_CLASS = re.compile(r"\.((?:[\w-]|\\.)+)")
_ID = re.compile(r"#((?:[\w-]|\\.)+)")
_TAG = re.compile(r"(?:^|(?<=[\s>+~]))([a-zA-Z][\w-]*)")


def _strip_pseudo(selector: str) -> str:
    """Drop ``:name`` and ``::name`` and ``:name(...)`` (balanced) from a selector."""
    out, i, n = [], 0, len(selector)
    while i < n:
        c = selector[i]
        if c == "\\" and i + 1 < n:
            out.append(selector[i:i + 2])
            i += 2
            continue
        if c == "[":
            j = selector.find("]", i)
            j = n - 1 if j < 0 else j
            out.append(selector[i:j + 1])
            i = j + 1
            continue
        if c == ":":
            j = i + 1
            while j < n and selector[j] == ":":
                j += 1
            while j < n and (selector[j].isalnum() or selector[j] in "-_"):
                j += 1
            if j < n and selector[j] == "(":
                depth = 0
                while j < n:
                    if selector[j] == "(":
                        depth += 1
                    elif selector[j] == ")":
                        depth -= 1
                        if depth == 0:
                            j += 1
                            break
                    j += 1
            i = j
            continue
        out.append(c)
        i += 1
    return "".join(out)


def matchable(selector: str) -> str:
    """The selector without pseudo classes/elements: what the DOM check in the tests queries."""
    return re.sub(r"\s+", " ", _strip_pseudo(selector)).strip() or "*"


def may_match(selector: str, tokens: Tokens) -> bool:
    s = _strip_pseudo(selector)
    for m in _ATTRIBUTE.finditer(s):
        name, op = m.group(1).lower(), m.group(2)
        value = next((g for g in m.group(3, 4, 5) if g is not None), None)
        if name not in tokens.attributes:
            return False
        if op == "=" and (name, value) not in tokens.values:
            return False
    s = _ATTRIBUTE.sub(" [] ", s).replace("[]", "")
    if any(c.replace("\\", "") not in tokens.classes for c in _CLASS.findall(s)):
        return False
    if any(i.replace("\\", "") not in tokens.ids for i in _ID.findall(s)):
        return False
    s = _CLASS.sub("", _ID.sub("", s))
    return all(t.lower() in tokens.tags for t in _TAG.findall(s))


def split_selectors(prelude: str) -> list[str]:
    """Split a selector list at top-level commas."""
    parts, depth, current = [], 0, []
    for c in prelude:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        if c == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(c)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


@dataclass
class Result:
    css: str
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def bundle(sheets: tuple[tuple[str, str], ...], tokens: Tokens, inline_styles: str = "") -> tuple[str, int]:
    """One stylesheet from ``sheets`` ((name, css) in link order), reduced to what ``tokens`` can
    use, with unused custom properties dropped; and how many selectors were removed."""
    return _bundle(sheets, tokens.frozen(), inline_styles)


@functools.lru_cache(maxsize=8)
def _bundle(sheets: tuple[tuple[str, str], ...], frozen: tuple, inline_styles: str) -> tuple[str, int]:
    # Cached by input: `mkdocs serve` rebuilds the site on every edit, usually with the same tokens.
    tags, classes, ids, attributes, values = (set(s) for s in frozen)
    tokens = Tokens(tags, classes, ids, attributes, values)
    parts, removed = [], 0
    for _name, css in sheets:
        result = subset(css, tokens)
        removed += len(result.removed)
        parts.append(result.css.replace('@charset "UTF-8";', ""))
    css = prune_custom_properties("".join(parts), inline_styles)
    names = ", ".join(name for name, _css in sheets)
    return f'@charset "UTF-8";/* {names}: rules no page uses removed at build time */{css}', removed


def subset(css: str, tokens: Tokens) -> Result:
    result = Result(css="")
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    body = _rules(rules, tokens, result)
    result.css = _drop_unused_keyframes(body)
    return result


def _rules(rules, tokens: Tokens, result: Result) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = split_selectors(tinycss2.serialize(rule.prelude))
            keep = [s for s in selectors if may_match(s, tokens)]
            result.kept.extend(keep)
            result.removed.extend(s for s in selectors if s not in keep)
            if keep:
                out.append(",".join(keep) + "{" + _compact(tinycss2.serialize(rule.content)) + "}")
        elif rule.type == "at-rule":
            name = rule.lower_at_keyword
            prelude = tinycss2.serialize(rule.prelude).strip()
            head = f"@{rule.at_keyword}" + (f" {prelude}" if prelude else "")
            if rule.content is None:
                out.append(head + ";")
            elif name in ("media", "supports", "layer", "container"):
                if name == "media":
                    prelude = cap_width(prelude)
                    if prelude is None:
                        continue
                    head = f"@{rule.at_keyword} {prelude}"
                inner = _rules(tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                        skip_whitespace=True), tokens, result)
                if inner:
                    out.append(head + "{" + inner + "}")
            else:   # @keyframes, @font-face, @page ...: kept whole
                out.append(head + "{" + _compact(tinycss2.serialize(rule.content)) + "}")
    return "".join(out)


WIDEST_LAYOUT_EM = 60.0
_SCREEN_WIDTHS = re.compile(r"screen((?:\s+and\s+\((?:min|max)-width:\s*[\d.]+em\))+)")
_WIDTH = re.compile(r"\((min|max)-width:\s*([\d.]+)em\)")


def cap_width(prelude: str) -> str | None:
    """The media query with screens wider than ``WIDEST_LAYOUT_EM`` treated as that wide: None
    when it only matches wider screens, else the query without a limit at or above it."""
    match = _SCREEN_WIDTHS.fullmatch(prelude.strip())
    if not match:
        return prelude
    conditions = [(m.group(1), float(m.group(2)), m.group(0)) for m in _WIDTH.finditer(match.group(1))]
    if any(kind == "min" and em >= WIDEST_LAYOUT_EM for kind, em, _text in conditions):
        return None
    # Material writes 59.984375em for "below 60em".
    kept = [text for kind, em, text in conditions if not (kind == "max" and em >= WIDEST_LAYOUT_EM - 0.02)]
    return " and ".join(["screen", *kept])


def _compact(text: str) -> str:
    return re.sub(r"\s*\n\s*", "", text).strip()


_KEYFRAMES = re.compile(r"@(?:-webkit-)?keyframes ([\w-]+)\{")


def _drop_unused_keyframes(css: str) -> str:
    for name in set(_KEYFRAMES.findall(css)):
        if len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", css)) <= 1:
            css = _remove_block(css, f"keyframes {name}{{")
    return css


def _remove_block(css: str, marker: str) -> str:
    start = css.find(marker)
    while start >= 0:
        at = css.rfind("@", 0, start)
        depth, j = 0, css.index("{", start)
        while j < len(css):
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
            if depth == 0:
                break
        css = css[:at] + css[j:]
        start = css.find(marker)
    return css


_VAR = re.compile(r"var\(\s*(--[\w-]+)")


def prune_custom_properties(css: str, also_used_in: str = "") -> str:
    """Drop ``--name: value`` declarations that nothing reads through ``var(--name)``.

    ``also_used_in`` is other text that may read them (the pages' inline styles)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    definitions: dict[str, list[str]] = {}
    plain_uses: set[str] = set(_VAR.findall(also_used_in))
    for decl in _declarations(rules):
        value = tinycss2.serialize(decl.value)
        if decl.name.startswith("--"):
            definitions.setdefault(decl.name, []).append(value)
        else:
            plain_uses.update(_VAR.findall(value))
    used, todo = set(), list(plain_uses)
    while todo:
        name = todo.pop()
        if name in used:
            continue
        used.add(name)
        for value in definitions.get(name, []):
            todo.extend(_VAR.findall(value))
    return _rewrite(rules, used)


def _declarations(rules):
    for rule in rules:
        if rule.type == "qualified-rule":
            yield from (d for d in tinycss2.parse_blocks_contents(rule.content) if d.type == "declaration")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in (
                "media", "supports", "layer", "container"):
            yield from _declarations(tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                              skip_whitespace=True))


def _rewrite(rules, used: set[str]) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = []
            for item in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                       skip_whitespace=True):
                if item.type == "declaration":
                    if item.name.startswith("--") and item.name not in used:
                        continue
                    important = "!important" if item.important else ""
                    kept.append(f"{item.name}:{_compact(tinycss2.serialize(item.value))}{important}")
                elif item.type != "error":
                    kept.append(_compact(tinycss2.serialize([item])))
            if kept:
                out.append(_compact(tinycss2.serialize(rule.prelude)) + "{" + ";".join(kept) + "}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in (
                "media", "supports", "layer", "container"):
            inner = _rewrite(tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                      skip_whitespace=True), used)
            if inner:
                prelude = tinycss2.serialize(rule.prelude).strip()
                out.append(f"@{rule.at_keyword} {prelude}{{{inner}}}")
        else:
            out.append(tinycss2.serialize([rule]))
    return "".join(out)
