"""Numbers of days, months or years beside an agency or a claim must come from the registry.

A worker acts on "30 días" the moment they read it, so a deadline written by hand into a page
("Tiene 30 días para llamar a OSHA") is an error: the number, its unit and the event that starts
the clock live in ``data/deadlines.yml`` and pages cite them with ``[[deadline:KEY]]``. A number
with a unit of time that is not a deadline (an age, a history) may stay when
``data/deadline-allowlist.yml`` lists the exact phrase, its file and the reason.

The check reads a page's Markdown the way a reader reads sentences: blocks (paragraphs, list
items, headings, a definition-list term with its definitions) split at full stops. A contact
shortcode (``[[tel:osha]]``) names an agency; a deadline shortcode is not a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from puente.core import lineyaml
from puente.core.front_matter import PageError

ALLOWLIST = Path("data/deadline-allowlist.yml")

NUMBER_WORDS = (
    "un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|quince|treinta|sesenta|noventa|"
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|thirty|sixty|ninety"
)
# "30 días", "15 días hábiles", "180 calendar days", "a 30-day", "dos años", "6 months"
NUMBER_UNIT = re.compile(
    rf"(?<![\w.,])(?:\d+(?:[.,]\d+)?|{NUMBER_WORDS})(?:\s+|-|\u00a0)(?:calendar\s+|working\s+|business\s+)?"
    r"(?:d[ií]as?|meses|mes|años?|semanas?|days?|months?|years?|weeks?)\b",
    re.IGNORECASE,
)
AGENCIES = (
    "OSHA", "EEOC", "WHD", "NLRB", "IER", "TWC", "DWC", "IMSS", "PROFEDET", "CFCRL", "ALRB", "DLSE", "TDI",
    "OIEC", "STPS", "DOL", "CRD", "Cal/OSHA",
)
CLAIM_WORDS = (
    r"quej\w*", r"demand\w*", r"reclam\w*", r"cargos?", r"recurso", r"apela\w*", r"apele\w*", r"conciliaci\w+",
    r"tribunal\w*", r"juicio", r"formularios?", r"formatos?", r"claims?", r"complaints?", r"charges?", r"lawsuits?",
    r"sue", r"appeal\w*", r"file[ds]?", r"filing", r"forms?", r"court", r"conciliation", r"presentar\w*",
    r"plazos?", r"deadlines?",
    r"Comisionad[oa]\s+Laboral", r"Labor\s+Commissioner", r"Departamento\s+del\s+Trabajo",
    r"Department\s+of\s+Labor",
)
AGENCY_OR_CLAIM = re.compile(
    r"\b(?:" + "|".join(re.escape(a) for a in AGENCIES) + r")\b|\b(?:" + "|".join(CLAIM_WORDS) + r")\b|\x00CONTACT\x00",
    re.IGNORECASE,
)
SHORTCODE = re.compile(r"\[\[([a-z][a-z-]*)(?::([a-z0-9][a-z0-9-]*))?\]\]")
CONTACT_SHORTCODES = {"tel", "contact", "web"}
FENCE_LINE = re.compile(r"^\s*(```|~~~)")
BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d+\.\s|>|\||<)")
DEFINITION = re.compile(r"^:\s{1,4}\S")
LINK = re.compile(r"\]\([^)]*\)")
ATTRS = re.compile(r"\{[:#.][^{}\n]*\}")
TAG = re.compile(r"<[^>\n]+>")
EMPHASIS = re.compile(r"[\[\]*]|(?<!\w)_|_(?!\w)")
# A sentence ends at . ! ? after a lowercase letter, a digit or a closing mark, before a capital
# letter or the end ("EE. UU." and "arts. 530" do not end sentences).
SENTENCE_END = re.compile(r"(?<=[a-záéíóúñü0-9)»\"*_])[.!?](?=\s+[¿¡(«\"*]*[A-ZÁÉÍÓÚÑ]|\s*$)")


@dataclass(frozen=True)
class Allowed:
    phrase: str
    file: str
    reason: str
    line: int


def load_allowlist(path: Path, root: Path) -> list[Allowed]:
    """The allow-list: ``- phrase: ...  file: docs/...  reason: ...``; each phrase must still be
    in its file (a stale entry is an error, so the list never hides anything)."""
    if not Path(path).is_file():
        return []
    data = lineyaml.load(path, PageError) or []
    shown = Path(path).relative_to(root).as_posix() if Path(path).is_absolute() else str(path)
    if not isinstance(data, list):
        raise PageError(shown, 1, "the allow-list must be a list of entries (- phrase: ..., file: ..., reason: ...)")
    entries = []
    for index, raw in enumerate(data):
        lines = lineyaml.lines_of(raw)
        line = min(lines.values()) if lines else 1
        if not isinstance(raw, dict) or any(not isinstance(raw.get(k), str) or not raw[k].strip()
                                            for k in ("phrase", "file", "reason")):
            raise PageError(shown, line, f"allow-list entry {index + 1} needs 'phrase', 'file' and 'reason' as text")
        target = root / raw["file"]
        if not target.is_file():
            raise PageError(shown, lines.get("file", line), f"allow-list file {raw['file']} does not exist",
                            "Name the page as docs/<slug>.<lang>.md")
        if _squash(raw["phrase"]) not in _squash(target.read_text(encoding="utf-8")):
            raise PageError(shown, lines.get("phrase", line),
                            f"allow-list phrase {raw['phrase']!r} no longer occurs in {raw['file']}",
                            "Remove the entry (or fix the phrase)")
        entries.append(Allowed(_squash(raw["phrase"]), raw["file"], raw["reason"].strip(), line))
    return entries


def _squash(text: str) -> str:
    return " ".join(text.split())


def _plain(line: str) -> str:
    """A Markdown line as readable text: shortcodes replaced, links, attributes and tags removed."""
    def shortcode(match):
        return " \x00CONTACT\x00 " if match.group(1) in CONTACT_SHORTCODES else " "

    line = SHORTCODE.sub(shortcode, line)
    line = LINK.sub("]", line)
    line = ATTRS.sub(" ", line)
    return EMPHASIS.sub("", TAG.sub(" ", line))


def blocks(markdown: str, first_line: int = 1) -> list[list[tuple[int, str]]]:
    """The page's blocks, each a list of ``(file line, plain text)``."""
    found: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    in_fence = False
    for number, raw in enumerate(markdown.split("\n"), start=first_line):
        if FENCE_LINE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        starts_new = not raw.strip() or (BLOCK_START.match(raw) and not raw.startswith(("    ", "\t")))
        if starts_new and current:
            found.append(current)
            current = []
        if DEFINITION.match(raw) and found and not current:
            current = found.pop()  # a definition belongs with its term: one unit
        if raw.strip():
            current.append((number, _plain(raw)))
    if current:
        found.append(current)
    return found


def sentences(block: list[tuple[int, str]]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Split a block into sentences; each with the (offset, file line) where its lines start."""
    text, starts = "", []
    for number, line in block:
        starts.append((len(text), number))
        text += line.strip() + " "
    out, begin = [], 0
    for match in SENTENCE_END.finditer(text):
        out.append((begin, match.end()))
        begin = match.end()
    out.append((begin, len(text)))
    result = []
    for start, end in out:
        sentence = text[start:end]
        if sentence.strip():
            result.append((sentence, [(max(0, off - start), line) for off, line in starts if off < end]))
    return result


def _line_at(offset: int, starts: list[tuple[int, int]]) -> int:
    line = starts[0][1]
    for begin, number in starts:
        if begin <= offset:
            line = number
    return line


def problems(markdown: str, source: str, first_line: int = 1, allowed: list[Allowed] = ()) -> list[str]:
    """``file:line: ...`` for every hand-written number of days, months or years in a sentence
    that names an agency or a claim (unless the allow-list lists it for this file)."""
    found = []
    mine = [a for a in allowed if a.file == source]
    for block in blocks(markdown, first_line):
        for sentence, starts in sentences(block):
            if not AGENCY_OR_CLAIM.search(sentence):
                continue
            for match in NUMBER_UNIT.finditer(sentence):
                plain = _squash(sentence.replace("\x00CONTACT\x00", ""))
                if any(a.phrase in plain and _squash(match.group(0)) in a.phrase for a in mine):
                    continue
                found.append(f"{source}:{_line_at(match.start(), starts)}: '{match.group(0)}' in a sentence that "
                             f"names an agency or a claim ({_squash(plain)[:120]!r}). Cite the registry with "
                             f"[[deadline:KEY]] (data/deadlines.yml), or, if it is not a deadline, list the exact "
                             f"phrase, the file and the reason in {ALLOWLIST.as_posix()}")
    return found


def check(markdown: str, source: str, first_line: int = 1, allowed: list[Allowed] = ()) -> None:
    """Raise :class:`PageError` naming the first problem (and how many there are)."""
    found = problems(markdown, source, first_line, allowed)
    if found:
        first = found[0]
        path, line, rest = first.split(":", 2)
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise PageError(path, int(line), rest.strip() + more)


def check_front_matter(text: str, source: str, allowed: list[Allowed] = ()) -> None:
    """The title, description and summary are sentences too (link previews and share texts show
    them without shortcodes)."""
    match = re.match(r"\A---[ \t]*\n(.*?\n)---", text, re.DOTALL)
    if not match:
        return
    body = [f"{line}\n" if re.match(r"(title|description|summary):", line) else "\n"
            for line in match.group(1).split("\n")]
    check("".join(body), source, first_line=2, allowed=allowed)
