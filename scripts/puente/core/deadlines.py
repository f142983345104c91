"""The deadlines registry (``data/deadlines.yml``): how long a worker has, and from when.

Like the contacts registry, it is the one place a deadline's number lives. Pages cite an entry
by key (``[[deadline:osha-11c]]``), which renders its length and the event that starts the
clock in the page's language; ``[[deadlines]]`` lists them all, grouped by problem. Every
problem is reported with the file, the line and what to do. No MkDocs import: the build, the
tests and the commands all read the registry through :func:`load`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from puente.core import lineyaml
from puente.core import text as plain
from puente.core.contacts import PerLanguage
from puente.core.front_matter import parse_date
from puente.core.languages import COMPLETE as LANGS

REGISTRY = Path("data/deadlines.yml")
KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The groups of the Deadlines page, in the order it shows them.
PROBLEMS = ("pay", "safety", "retaliation", "discrimination", "organizing", "injury", "mexico")
UNITS = ("days", "working-days", "months", "years")  # days: calendar days
KINDS = ("deadline", "lookback")                     # lookback: a window counted back (FLSA)
JURISDICTIONS = ("US", "US-TX", "US-CA", "MX")
STATUSES = ("verified", "check")
TEXT_FIELDS = ("what", "starts", "note")             # text per language (es, en, ...)
REQUIRED = ("problem", "what", "length", "unit", "kind", "jurisdiction", "page", "source", "checked", "status")
KNOWN = (*REQUIRED, "starts", "note", "contact")
MARKUP = re.compile(r"[<>]|\[\[")
EXPLICIT_ID = re.compile(r"\{[^}\n]*#([\w-]+)[^}\n]*\}")
PAGE_REF = re.compile(r"(?P<path>[a-z0-9_/-]+\.md)#(?P<anchor>[a-z0-9]+(?:-[a-z0-9]+)*)")


class DeadlineError(Exception):
    """A problem in the registry or in a page's use of it: ``file:line: message. fix``."""

    def __init__(self, path: Path | str, line: int, message: str, hint: str = ""):
        self.path, self.line = str(path), line
        text = f"{path}:{line}: {message}"
        super().__init__(f"{text}. {hint}" if hint else text)


@dataclass(frozen=True)
class Deadline:
    key: str
    line: int
    problem: str
    what: dict[str, str]
    length: int
    unit: str
    kind: str
    jurisdiction: str
    page: str          # language-neutral page and anchor: derechos/represalias.md#plazos
    source: str
    checked: dt.date
    status: str
    starts: dict[str, str] = field(default_factory=dict)  # the event that starts the clock
    note: dict[str, str] = field(default_factory=dict)    # a look-back's explanation (or an extra note)
    contact: str | None = None

    @property
    def page_path(self) -> str:
        return self.page.partition("#")[0]

    @property
    def anchor(self) -> str:
        return self.page.partition("#")[2]


class Registry(dict):
    """``key -> Deadline``, in file order."""

    path: Path

    def get_or_fail(self, key: str | None, where: str, line: int) -> Deadline:
        if not key:
            raise DeadlineError(where, line, "[[deadline]] needs a key, e.g. [[deadline:osha-11c]]",
                                "Use [[deadlines]] for the whole list")
        if key not in self:
            raise DeadlineError(where, line, f"unknown deadline key '{key}'",
                                f"Use one of the keys in {self.path.as_posix()}: {', '.join(self)}")
        return self[key]

    def by_problem(self) -> list[tuple[str, list[Deadline]]]:
        groups = [(problem, [d for d in self.values() if d.problem == problem]) for problem in PROBLEMS]
        return [(problem, items) for problem, items in groups if items]


def _text(path, line, key, name, value, required) -> dict[str, str]:
    if value is None and not required:
        return {}
    if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) or not value[lang].strip()
                                          for lang in LANGS):
        raise DeadlineError(path, line, f"deadline '{key}': '{name}' needs text for {', '.join(LANGS)}",
                            f"Write it as '{name}:' with one line per language ({LANGS[0]}: ..., {LANGS[1]}: ...)")
    texts = PerLanguage({lang: text.strip() for lang, text in lineyaml.without_lines(value).items()
                         if isinstance(text, str) and text.strip()})
    for lang, text in texts.items():
        problem = plain.text_problem(text) or ("contains a [[shortcode]]" if MARKUP.search(text) else None)
        if problem:
            raise DeadlineError(path, lineyaml.lines_of(value).get(lang, line),
                                f"deadline '{key}': '{name}' ({lang}) {problem}", plain.TEXT_HINT)
    return texts


def _page_ref(path, line, key, value, docs_dir: Path | None, languages) -> str:
    match = PAGE_REF.fullmatch(str(value))
    if not match or re.search(r"\.[a-z]{2,3}\.md$", match["path"]):
        raise DeadlineError(path, line, f"deadline '{key}': page must be a docs/ page without language "
                            f"suffix and a heading id, not {value!r}", "e.g. page: derechos/represalias.md#plazos")
    if docs_dir is None:
        return str(value)
    stem = match["path"].removesuffix(".md")
    found = False
    for lang in languages:
        md = Path(docs_dir) / f"{stem}.{lang}.md"
        if not md.is_file():
            continue
        found = True
        text = md.read_text(encoding="utf-8")
        shown = f"docs/{stem}.{lang}.md"
        if match["anchor"] not in EXPLICIT_ID.findall(text):
            raise DeadlineError(path, line, f"deadline '{key}': {shown} has no heading with id "
                                f"'{match['anchor']}'", "Point 'page' at a heading id the page declares ({#id})")
        if f"[[deadline:{key}]]" not in text:
            raise DeadlineError(path, line, f"deadline '{key}': its page {shown} does not use it",
                                f"Write [[deadline:{key}]] where the page explains it, or point 'page' there")
    if not found:
        raise DeadlineError(path, line, f"deadline '{key}': page {match['path']} does not exist in docs/",
                            "Name a page as its docs/ path without language suffix")
    return str(value)


def _deadline(path: Path, key: str, raw: dict, line: int, contact_keys, docs_dir, languages) -> Deadline:
    lines = lineyaml.lines_of(raw)

    def at(name):
        return lines.get(name, line)

    if not KEY.fullmatch(str(key)):
        raise DeadlineError(path, line, f"deadline key {key!r} must be lowercase letters, digits and hyphens",
                            "e.g. osha-11c")
    for name in raw:
        if name != lineyaml.LINES and name not in KNOWN:
            raise DeadlineError(path, at(name), f"deadline '{key}': unknown field '{name}'",
                                f"Known fields: {', '.join(KNOWN)}")
    for name in REQUIRED:
        if raw.get(name) in (None, ""):
            raise DeadlineError(path, line, f"deadline '{key}' is missing '{name}'",
                                "See the field list at the top of the registry")
    for name, allowed in (("problem", PROBLEMS), ("unit", UNITS), ("kind", KINDS),
                          ("jurisdiction", JURISDICTIONS), ("status", STATUSES)):
        if raw[name] not in allowed:
            raise DeadlineError(path, at(name), f"deadline '{key}': {name} {raw[name]!r} is not one of "
                                f"{', '.join(allowed)}")
    length = raw["length"]
    if isinstance(length, bool) or not isinstance(length, int) or length <= 0:
        raise DeadlineError(path, at("length"), f"deadline '{key}': length must be a positive whole number, "
                            f"not {length!r}", "Write the number alone; the unit goes in 'unit'")
    checked = parse_date(raw["checked"])
    if checked is None:
        raise DeadlineError(path, at("checked"), f"deadline '{key}': 'checked' must be a date YYYY-MM-DD, "
                            f"not {raw['checked']!r}")
    if checked > dt.date.today():
        raise DeadlineError(path, at("checked"), f"deadline '{key}': 'checked' date {checked} is in the future")
    if raw["kind"] == "deadline" and raw.get("starts") is None:
        raise DeadlineError(path, line, f"deadline '{key}' has no 'starts'",
                            "Say in each language the event that starts the clock, e.g. "
                            "'el día en que le avisan del despido'")
    if raw["kind"] == "lookback":
        if raw.get("starts") is not None:
            raise DeadlineError(path, at("starts"), f"deadline '{key}' is a look-back: it has no start event",
                                "Remove 'starts' and explain the window in 'note'")
        if raw.get("note") is None:
            raise DeadlineError(path, line, f"deadline '{key}' is a look-back: it needs a 'note'",
                                "Explain how the window counts back, e.g. each payday counts separately")
    for name in ("source",):
        problem = plain.text_problem(raw[name]) if isinstance(raw[name], str) else "must be text"
        if problem or MARKUP.search(raw[name]):
            raise DeadlineError(path, at(name), f"deadline '{key}': '{name}' {problem or 'contains a [[shortcode]]'}",
                                plain.TEXT_HINT)
    contact = raw.get("contact")
    if contact is not None and contact_keys is not None and contact not in contact_keys:
        raise DeadlineError(path, at("contact"), f"deadline '{key}': unknown contact key '{contact}'",
                            f"Use a key of data/contacts.yml: {', '.join(contact_keys)}")
    return Deadline(
        key=key, line=line, problem=raw["problem"],
        what=_text(path, at("what"), key, "what", raw["what"], True),
        length=length, unit=raw["unit"], kind=raw["kind"], jurisdiction=raw["jurisdiction"],
        page=_page_ref(path, at("page"), key, raw["page"], docs_dir, languages),
        source=raw["source"].strip(), checked=checked, status=raw["status"],
        starts=_text(path, at("starts"), key, "starts", raw.get("starts"), False),
        note=_text(path, at("note"), key, "note", raw.get("note"), False),
        contact=contact,
    )


def load(path: Path | str, contact_keys=None, docs_dir: Path | None = None,
         languages: tuple[str, ...] | list[str] = LANGS) -> Registry:
    """Read and validate the registry. ``contact_keys`` (the contacts registry's keys) and
    ``docs_dir`` (to check each ``page`` and its heading id in ``languages``) are optional."""
    path = Path(path)
    if not path.exists():   # a site without deadlines (a fork's minimal edition, a test project)
        registry = Registry()
        registry.path = path
        return registry
    data = lineyaml.load(path, DeadlineError)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DeadlineError(path, 1, "the registry must be a mapping of deadline keys")
    lines = lineyaml.lines_of(data)
    registry = Registry()
    registry.path = path
    for key, raw in lineyaml.without_lines(data).items():
        if not isinstance(raw, dict):
            raise DeadlineError(path, lines.get(key, 1), f"deadline '{key}' must be a mapping of fields")
        registry[key] = _deadline(path, key, raw, lines.get(key, 1),
                                  list(contact_keys) if contact_keys is not None else None, docs_dir, languages)
    return registry


def unused(registry: Registry, used: set[str]) -> list[DeadlineError]:
    """An error for each entry no page cited with ``[[deadline:KEY]]``."""
    return [DeadlineError(registry.path, d.line, f"deadline '{d.key}' is used by no page",
                          f"Cite it with [[deadline:{d.key}]] on {d.page_path}, or remove it")
            for d in registry.values() if d.key not in used]
