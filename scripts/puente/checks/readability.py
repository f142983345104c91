"""Readability of the Spanish pages: the Szigriszt-Pazos (INFLESZ) score of each page's prose.

The score is computed by textstat on what a reader reads: front matter, shortcodes, code
blocks, link targets, heading ids and Markdown or HTML markup are stripped first. Headings and
list items count as sentences of their own. INFLESZ reads the score as: below 40 very hard,
40-55 somewhat hard, 55-65 normal, 65-80 fairly easy ("bastante fácil"), above 80 very easy.
The project aims at ``TARGET`` or more. It is a report, never a failing check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from textstat.textstat import textstatistics

from puente.core.front_matter import FENCE as FRONT_MATTER
from puente.core.project import ROOT as PROJECT_ROOT
from puente.core.shortcode_syntax import SHORTCODE

TARGET = 65.0
SPANISH = "*.es.md"

_CODE_BLOCK = re.compile(r"^\s*(```|~~~).*?^\s*\1[^\n]*$", re.DOTALL | re.MULTILINE)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_HEADING_ATTRS = re.compile(r"\s*\{[^{}\n]*\}\s*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>\n]+>")
_LINE_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+|!!!\s+\w+.*$|:\s{3})", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_ENDS_SENTENCE = re.compile(r"[.!?:;…]$")
_UNIT_START = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d+\.\s|>|\|)")


@dataclass(frozen=True)
class PageScore:
    path: Path
    score: float
    words: int

    @property
    def below_target(self) -> bool:
        return self.score < TARGET


def _clean(line: str) -> str:
    """One line of Markdown without its markup."""
    line = _INLINE_CODE.sub("", line)
    line = _HEADING_ATTRS.sub("", line)
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _HTML_TAG.sub(" ", line)
    line = _LINE_MARKUP.sub("", line)
    return _EMPHASIS.sub(r"\2", line).strip()


def prose(markdown: str) -> str:
    """The text a reader reads on the page, one sentence-like unit per line.

    Paragraph lines are joined; a heading, a list item or a blank line starts a new unit.
    """
    match = FRONT_MATTER.match(markdown)
    text = markdown[match.end():] if match else markdown
    text = SHORTCODE.sub("", _CODE_BLOCK.sub("", text))

    units: list[str] = []
    current: list[str] = []
    for raw in text.splitlines():
        if (not raw.strip() or _UNIT_START.match(raw)) and current:
            units.append(" ".join(current))
            current = []
        cleaned = _clean(raw)
        if cleaned:
            current.append(cleaned)
    if current:
        units.append(" ".join(current))
    # A heading or list item without final punctuation is still a sentence of its own.
    return "\n".join(u if _ENDS_SENTENCE.search(u) else f"{u}." for u in units if re.search(r"\w", u))


def score_text(text: str) -> float:
    """Szigriszt-Pazos score of Spanish ``text`` (textstat, Spanish syllables)."""
    stats = textstatistics()
    stats.set_lang("es")
    return float(stats.szigriszt_pazos(text))


def score_page(path: Path) -> PageScore:
    text = prose(Path(path).read_text(encoding="utf-8"))
    return PageScore(Path(path), score_text(text), len(re.findall(r"\w+", text)))


def report(docs: Path) -> list[PageScore]:
    """A score for every Spanish page under ``docs``, in path order."""
    return [score_page(p) for p in sorted(Path(docs).rglob(SPANISH))]


def lines(scores: list[PageScore], root: Path) -> list[str]:
    """The report as text lines: every page's score, then the pages below the target."""
    out = [f"{s.score:6.1f}  {s.path.relative_to(root).as_posix()}  ({s.words} words)" for s in scores]
    low = [s for s in scores if s.below_target]
    if low:
        out.append(f"below {TARGET:g} (aim: 'bastante fácil'): "
                   + ", ".join(s.path.relative_to(root).as_posix() for s in low))
    else:
        out.append(f"every Spanish page scores {TARGET:g} or more")
    return out


if __name__ == "__main__":  # python -m puente.checks.readability
    _root = PROJECT_ROOT
    print("\n".join(lines(report(_root / "docs"), _root)))
