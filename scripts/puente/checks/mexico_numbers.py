"""Mexican toll-free numbers only work from Mexico: wherever one is shown, say so beside it.

From the United States a Mexican 800 number generally does not connect (or reaches a different
U.S. toll-free line), so every dialable ``800 xxx xxxx`` the site shows, on a page, the pocket
card or a flyer PDF, must have "solo desde México" / "from Mexico only" beside it, in the
language of the text around it. U.S. numbers (``1-800-...``) are not Mexican numbers.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

MX_800 = re.compile(r"(?<![\d+\-\u2011])800[ \u00a0.\-]?\d{3}[ \u00a0.\-]?\d{4}(?![\d\-])")
WORDS = {"es": "solo desde méxico", "en": "from mexico only"}
NEAR = 60  # characters before or after the number
SKIP = {"script", "style", "template", "head", "title", "svg"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def text_problems(text: str, lang: str, where: str, spans: list[tuple[int, int, str]] | None = None) -> list[str]:
    """A message for each Mexican 800 number in ``text`` without the Mexico-only words (in the
    language of the text at that point: ``spans`` of ``(start, end, lang)``, else ``lang``)."""
    problems = []
    for match in MX_800.finditer(text):
        here = lang
        for start, end, span_lang in spans or ():
            if start <= match.start() < end:
                here = span_lang
        words = WORDS.get(here.split("-")[0], WORDS["es"])
        window = text[max(0, match.start() - NEAR): match.end() + NEAR]
        if words not in _squash(window).lower():
            problems.append(f"{where}: the Mexican number {match.group(0)} has no '{words}' beside it "
                            f"({_squash(window).strip()!r})")
    return problems


class _Text(HTMLParser):
    """The visible text of a page with the language of each piece (the nearest ``lang``)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.skip = 0
        self.text: list[str] = []
        self.spans: list[tuple[int, int, str]] = []
        self.length = 0

    def _lang(self) -> str:
        for _tag, lang in reversed(self.stack):
            if lang:
                return lang
        return "es"

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            self._add(" ")
            return
        self.stack.append((tag, dict(attrs).get("lang")))
        if tag in SKIP:
            self.skip += 1
        self._add(" ")

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                for closed, _lang in self.stack[index:]:
                    if closed in SKIP:
                        self.skip -= 1
                del self.stack[index:]
                break
        self._add(" ")

    def handle_data(self, data):
        if not self.skip:
            self._add(data)

    def _add(self, piece: str):
        if piece:
            self.spans.append((self.length, self.length + len(piece), self._lang()))
            self.text.append(piece)
            self.length += len(piece)


def html_problems(html: str, where: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return text_problems("".join(parser.text), "es", where, parser.spans)
