"""Which pages are translated, outdated or missing in each language (no MkDocs import).

A page is ``docs/<slug>.es.md`` (Spanish is the original) with its translations beside it,
``docs/<slug>.<lang>.md``. A translation records which Spanish text it was brought up to date
with: ``source_hash:`` in its front matter is a hash of the Spanish file's normalized text
(:func:`source_hash`). So, per language, a page is

- ``translated``: the translation's ``source_hash`` matches the Spanish file as it is now;
- ``outdated``: the Spanish file changed since (the hashes differ); readers see a notice with the
  date the Spanish changed (its last git commit, or the file's modification date when it has
  uncommitted changes or there is no git history);
- ``unmarked``: the translation has no ``source_hash`` yet (nobody recorded what it translates);
- ``missing``: no translation file: the build publishes the Spanish text with a notice
  (a *fallback*), never announced as a page in that language.

``python -m puente i18n-mark-current docs/x.en.md`` records the current hash once a translator
has brought the page up to date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from puente.core import addresses
from puente.core.languages import Languages

TRANSLATED, OUTDATED, UNMARKED, MISSING = "translated", "outdated", "unmarked", "missing"
STATUSES = (TRANSLATED, OUTDATED, UNMARKED, MISSING)

FENCE = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
HASH_LINE = re.compile(r"^source_hash:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
HASH_FORMAT = re.compile(r"[0-9a-f]{16}")


class TranslationError(Exception):
    """A problem in a translation's source, with the place to fix it."""


def normalized(text: str) -> str:
    """The text as the hash sees it: LF line ends, no trailing blanks, no blank-line runs."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip("\n") + "\n"


def source_hash(spanish: Path) -> str:
    """16 hex digits of SHA-256 over the Spanish file's normalized text (front matter included:
    a new fact, source or review date is something the translation must carry too)."""
    return hashlib.sha256(normalized(spanish.read_text(encoding="utf-8")).encode()).hexdigest()[:16]


def recorded_hash(translation: Path, shown: str | None = None) -> str | None:
    """The ``source_hash`` in a translation's front matter, or None when it has none."""
    text = translation.read_text(encoding="utf-8")
    match = FENCE.match(text)
    found = HASH_LINE.search(match.group(1)) if match else None
    if not found:
        return None
    value = found.group(1).strip("'\"")
    if not HASH_FORMAT.fullmatch(value):
        line = text[: match.start(1) + found.start()].count("\n") + 1
        raise TranslationError(
            f"{shown or translation}:{line}: 'source_hash' must be 16 hex digits, not {value!r}. "
            f"Run: python -m puente i18n-mark-current {shown or translation}")
    return value


def spanish_changed(spanish: Path) -> dt.date:
    """When the Spanish file last changed: its last commit, unless it has uncommitted edits."""
    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=spanish.parent, capture_output=True, text=True,
                              check=False)

    try:
        dirty = git("status", "--porcelain", "--", spanish.name)
        if dirty.returncode == 0 and not dirty.stdout.strip():
            date = git("log", "-1", "--format=%cs", "--", spanish.name).stdout.strip()
            if date:
                return dt.date.fromisoformat(date)
    except (OSError, ValueError):
        pass
    return dt.date.fromtimestamp(spanish.stat().st_mtime)


@dataclass(frozen=True)
class Translation:
    slug: str
    lang: str
    status: str
    path: Path  # the translation file (absent when missing)
    changed: dt.date | None = None  # when the Spanish changed, for an outdated translation


@dataclass
class Status:
    """The translation status of every page of ``docs_dir`` in every language."""

    docs_dir: Path
    languages: Languages
    pages: dict[str, dict[str, Translation]] = field(default_factory=dict)  # slug -> lang -> it
    orphans: list[Path] = field(default_factory=list)  # translations with no Spanish original

    @property
    def default(self) -> str:
        return self.languages.default

    def of(self, slug: str, lang: str) -> Translation:
        return self.pages[slug][lang]

    def real_languages(self, slug: str) -> list[str]:
        """The languages the page really exists in (the original and every translation file)."""
        return [lang for lang in self.languages.codes
                if lang == self.default or self.pages[slug][lang].status != MISSING]

    def by_status(self, lang: str, status: str) -> list[str]:
        return [slug for slug, langs in self.pages.items() if langs[lang].status == status]

    def fallbacks_in_complete_languages(self) -> list[str]:
        return [f"{t.path.relative_to(self.docs_dir.parent)} is missing: translate "
                f"docs/{slug}.{self.default}.md (languages {', '.join(self.languages.complete)} must be complete)"
                for slug, langs in self.pages.items() for lang, t in langs.items()
                if self.languages.is_complete(lang) and t.status == MISSING]

    def as_dict(self) -> dict:
        report = {}
        for lang in self.languages.others:
            entry: dict = {"pages": len(self.pages)}
            for status in STATUSES:
                entry[status] = [
                    {"slug": slug, "file": f"docs/{slug}.{lang}.md", "original": f"docs/{slug}.{self.default}.md",
                     "url": addresses.page_path(slug, lang, self.languages),
                     **({"spanish_changed": t.changed.isoformat()} if t.changed else {})}
                    for slug in self.by_status(lang, status) for t in [self.of(slug, lang)]
                ]
            report[lang] = entry
        return {"default": self.default, "languages": report,
                "orphans": [p.relative_to(self.docs_dir.parent).as_posix() for p in self.orphans]}


def scan(docs_dir: Path, languages: Languages) -> Status:
    """Pair every ``<slug>.<default>.md`` with its translations and decide their status."""
    docs_dir = Path(docs_dir)
    default = languages.default
    status = Status(docs_dir, languages)
    suffix = f".{default}.md"
    for spanish in sorted(docs_dir.rglob(f"*{suffix}")):
        slug = spanish.relative_to(docs_dir).as_posix()[: -len(suffix)]
        current = source_hash(spanish)
        langs = {}
        for lang in languages.codes:
            path = docs_dir / addresses.file_name(slug, lang)
            if lang == default:
                langs[lang] = Translation(slug, lang, TRANSLATED, spanish)
                continue
            if not path.exists():
                langs[lang] = Translation(slug, lang, MISSING, path)
                continue
            recorded = recorded_hash(path, f"docs/{slug}.{lang}.md")
            if recorded is None:
                langs[lang] = Translation(slug, lang, UNMARKED, path)
            elif recorded == current:
                langs[lang] = Translation(slug, lang, TRANSLATED, path)
            else:
                langs[lang] = Translation(slug, lang, OUTDATED, path, spanish_changed(spanish))
        status.pages[slug] = langs
    for lang in languages.others:
        for path in sorted(docs_dir.rglob(f"*.{lang}.md")):
            slug = path.relative_to(docs_dir).as_posix()[: -len(f".{lang}.md")]
            if slug not in status.pages:
                status.orphans.append(path)
    return status


def mark_current(translation: Path, default: str) -> str:
    """Record in ``translation``'s front matter that it matches its original (in the ``default``
    language) as it is now."""
    slug, lang = addresses.split_file(translation.name)
    if lang is None or lang == default:
        raise TranslationError(f"{translation}: not a translation file (expected <slug>.<lang>.md, "
                               f"lang other than {default})")
    spanish = translation.with_name(addresses.file_name(slug, default))
    if not spanish.exists():
        raise TranslationError(f"{translation}: its original {spanish.name} does not exist")
    text = translation.read_text(encoding="utf-8")
    fence = FENCE.match(text)
    if not fence:
        raise TranslationError(f"{translation}:1: no front matter; start the file with a '---' block")
    value = source_hash(spanish)
    block = fence.group(1)
    if HASH_LINE.search(block):
        block = HASH_LINE.sub(f"source_hash: {value}", block, count=1)
    else:
        block += f"source_hash: {value}\n"
    translation.write_text(text[: fence.start(1)] + block + text[fence.end(1):], encoding="utf-8")
    return value
