"""Where a page's Markdown is code: what shortcodes, cross-language links and other source checks
must leave alone.

Code is decided by a CommonMark parser, markdown-it-py, from its own block tokens (fenced code with
``` or ~~~ and indented code, with their line maps), and code spans inside the blocks that hold
inline text by CommonMark's backtick-run rule (a run of N backticks opens a span that the next run
of exactly N closes; an unmatched run is literal text). The parser gets the block syntaxes MkDocs'
Python-Markdown has in ``mkdocs.yml`` (admonitions, definition lists, tables), so that the indented
body of ``!!! note`` or of a definition is text, as Python-Markdown reads it, not indented code.
``tests/features/test_shortcodes.py`` checks that both parsers find the same code on every page of docs/.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin

_CODE_BLOCKS = ("fence", "code_block")


@cache
def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(admon_plugin).use(deflist_plugin)


@lru_cache(maxsize=32)
def tokens(text: str) -> tuple[Token, ...]:
    """The parser's tokens for ``text``, parsed once: a page's Markdown is read by the heading
    check, the attribute-list check and the shortcodes (parsing each page three times was a third
    of ``on_page_markdown``'s time at 1,000 pages × 2). Callers read the tokens; none may change them."""
    return tuple(parser().parse(text))


def code_span_ranges(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(begin, end)`` offsets of the code spans (backticks included) in ``text[start:end]``."""
    end = len(text) if end is None else end
    spans, i = [], start
    while i < end:
        char = text[i]
        if char == "\\":
            i += 2  # an escaped character (an escaped backtick opens nothing)
            continue
        if char != "`":
            i += 1
            continue
        run_end = i
        while run_end < end and text[run_end] == "`":
            run_end += 1
        size, k, closed = run_end - i, run_end, None
        while closed is None:
            k = text.find("`", k, end)
            if k < 0:
                break
            m = k
            while m < end and text[m] == "`":
                m += 1
            if m - k == size:
                closed = m
            k = m
        if closed is None:
            i = run_end  # no closing run of the same length: the backticks are literal text
        else:
            spans.append((i, closed))
            i = closed
    return spans


@dataclass(frozen=True)
class CodeMap:
    """The code regions of one Markdown text, as sorted, disjoint ``(begin, end)`` offsets."""

    text: str
    regions: tuple[tuple[int, int], ...]

    def is_code(self, offset: int) -> bool:
        index = bisect.bisect_right(self.regions, (offset, float("inf"))) - 1
        return index >= 0 and self.regions[index][0] <= offset < self.regions[index][1]

    def overlaps(self, begin: int, end: int) -> bool:
        return any(b < end and begin < e for b, e in self.regions)

    def text_parts(self) -> list[tuple[int, int]]:
        """The complement: ``(begin, end)`` offsets of everything that is not code."""
        parts, pos = [], 0
        for begin, end in self.regions:
            if begin > pos:
                parts.append((pos, begin))
            pos = max(pos, end)
        if pos < len(self.text):
            parts.append((pos, len(self.text)))
        return parts

    def code_texts(self) -> list[str]:
        return [self.text[b:e] for b, e in self.regions]


@lru_cache(maxsize=32)
def code_map(text: str) -> CodeMap:
    """Where ``text`` (Markdown without front matter) is code."""
    starts = [0]
    for number, char in enumerate(text):
        if char == "\n":
            starts.append(number + 1)
    starts.append(len(text))

    def offset(line: int) -> int:
        return starts[min(line, len(starts) - 1)]

    regions = []
    for token in tokens(text):
        if token.map is None:
            continue
        begin, end = offset(token.map[0]), offset(token.map[1])
        if token.type in _CODE_BLOCKS:
            regions.append((begin, end))
        elif token.type == "inline":
            regions.extend(code_span_ranges(text, begin, end))
    return CodeMap(text, tuple(sorted(set(regions))))  # a table row's cells share its line
