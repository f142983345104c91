"""The quality gate of the gettext catalogs (``locales/``), run by ``make test``.

Each problem names the file, the line and the message, and says what to do. Checked:

- every language built by ``mkdocs.yml`` has a catalog with no untranslated, fuzzy or obsolete
  entry (``pybabel compile`` silently drops fuzzy entries; ``msgfmt --check`` accepts empty ones);
- ``messages.pot`` holds exactly the messages ``pybabel extract`` finds now in the templates
  (a string added to a template without ``make i18n`` fails), and each ``.po`` exactly the
  messages of the ``.pot`` (what ``pybabel update --check`` tests);
- placeholders (``%(name)s``, ``%s``, ``{name}``) and HTML tags are the same in msgid and msgstr;
- standard headers, with the Plural-Forms translators' tools expect (``PLURAL_FORMS``), and
  source references on every entry (translators see where a string is used);
- GNU ``msgfmt --check`` passes on each ``.po``.

Plural forms: GNU gettext's own rules (``nplurals=2; plural=(n != 1);`` for Spanish), which is
what Poedit writes for a new Spanish catalog and what Weblate's gettext files use for Spanish;
Babel writes CLDR's three-form Spanish rule (a "many" form used only for whole millions), which
translate-toolkit/Weblate do not fully map yet (WeblateOrg/weblate#7888) and which would ask
translators for a third form that Spanish grammar does not need. ``pybabel update`` keeps the
header as it is, so the two-form rule, once set, stays.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib

from puente.core.project import Project

POT = Path("locales/messages.pot")
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
}
REQUIRED_HEADERS = ("Project-Id-Version", "Language", "Language-Team", "MIME-Version", "Content-Type",
                    "Content-Transfer-Encoding", "Plural-Forms")
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{[\w.]*\}")
TAG = re.compile(r"</?([a-zA-Z][\w-]*)")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def _key(entry: polib.POEntry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def _shown(entry: polib.POEntry) -> str:
    context = f" (context {entry.msgctxt!r})" if entry.msgctxt else ""
    text = entry.msgid if len(entry.msgid) <= 60 else entry.msgid[:57] + "..."
    return f"{text!r}{context}"


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def check_entry_text(entry: polib.POEntry, name: str, tags: bool = True) -> list[Problem]:
    """Placeholders and (``tags``) HTML tags of every msgstr match its msgid."""
    problems = []
    checks = (("placeholders", PLACEHOLDER), ("HTML tags", TAG)) if tags else (("placeholders", PLACEHOLDER),)
    pairs = [(entry.msgid, entry.msgstr)] if not entry.msgid_plural else [
        (entry.msgid if index == 0 else entry.msgid_plural, text)
        for index, text in sorted(entry.msgstr_plural.items())]
    for source, translation in pairs:
        if not translation:
            continue
        for what, pattern in checks:
            want, got = Counter(pattern.findall(source)), Counter(pattern.findall(translation))
            if want != got:
                problems.append(Problem(name, entry.linenum, (
                    f"{what} differ in {_shown(entry)}: msgid has {sorted(want.elements()) or 'none'}, "
                    f"msgstr has {sorted(got.elements()) or 'none'}. Make the translation use the same "
                    f"{what}")))
    return problems


def text_problems(root: Path, lang: str) -> list[Problem]:
    """Placeholders of ``lang``'s catalog only: what ``mkdocs build`` checks itself (a ``%(name)s``
    the template does not pass would otherwise stop the build with a traceback, and a missing one
    silently drop a value). Markup in a msgstr is escaped where it is shown (``core.catalogs``);
    the whole gate, tags included, runs in ``make build`` and ``make test``."""
    po_path = root / "locales" / lang / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return []
    name = _rel(po_path, root)
    try:
        po = polib.pofile(str(po_path))
    except (OSError, ValueError) as error:
        return [Problem(name, 1, f"cannot be read ({error})")]
    return [problem for entry in po if not entry.obsolete and not entry.fuzzy
            for problem in check_entry_text(entry, name, tags=False)]


def check_po(po_path: Path, lang: str, root: Path, pot: polib.POFile | None) -> list[Problem]:
    name = _rel(po_path, root)
    try:
        po = polib.pofile(str(po_path))
    except (OSError, ValueError) as error:
        return [Problem(name, 1, f"cannot be read ({error})")]
    problems = []
    for entry in po.untranslated_entries():
        problems.append(Problem(name, entry.linenum,
                                f"untranslated: {_shown(entry)}. Write its translation in msgstr"))
    for entry in po.fuzzy_entries():
        problems.append(Problem(name, entry.linenum, (
            f"fuzzy (a guess by pybabel update, left out of the compiled catalog): {_shown(entry)}. "
            f"Check the translation and remove the '#, fuzzy' line")))
    for entry in po.obsolete_entries():
        problems.append(Problem(name, entry.linenum, (
            f"obsolete entry {_shown(entry)} ('#~'): no template uses it any more. Delete it "
            f"(make i18n-update drops obsolete entries)")))
    for entry in po:
        if entry.obsolete:
            continue
        problems.extend(check_entry_text(entry, name))
        if not entry.occurrences:
            problems.append(Problem(name, entry.linenum, (
                f"{_shown(entry)} has no source reference ('#: file:line'). Run make i18n, which "
                f"keeps them, so translators see where each string is used")))
    problems.extend(check_headers(po, name, lang))
    if pot is not None:
        pot_keys = {_key(e): e for e in pot if not e.obsolete}
        po_keys = {_key(e): e for e in po if not e.obsolete}
        for key, entry in pot_keys.items():
            if key not in po_keys:
                problems.append(Problem(name, 1, (
                    f"{_shown(entry)} (locales/messages.pot:{entry.linenum}) is missing: the catalog "
                    f"is older than messages.pot. Run make i18n-update, then translate it")))
        for key, entry in po_keys.items():
            if key not in pot_keys:
                problems.append(Problem(name, entry.linenum, (
                    f"{_shown(entry)} is not in locales/messages.pot (no template uses it). "
                    f"Run make i18n-update")))
    return problems


def check_headers(po: polib.POFile, name: str, lang: str) -> list[Problem]:
    problems = []
    meta = po.metadata
    for header in REQUIRED_HEADERS:
        if not meta.get(header):
            problems.append(Problem(name, 1, f"header '{header}' is missing or empty"))
    if meta.get("Language") and meta["Language"] != lang:
        problems.append(Problem(name, 1, f"header Language is {meta['Language']!r}, the folder says {lang!r}"))
    if meta.get("Content-Type") and "charset=utf-8" not in meta["Content-Type"].lower().replace(" ", ""):
        problems.append(Problem(name, 1,
                                f"header Content-Type must declare charset=UTF-8, not {meta['Content-Type']!r}"))
    if meta.get("Content-Transfer-Encoding") and meta["Content-Transfer-Encoding"] != "8bit":
        problems.append(Problem(name, 1, "header Content-Transfer-Encoding must be 8bit"))
    plural = " ".join(meta.get("Plural-Forms", "").split())
    expected = PLURAL_FORMS.get(lang.split("_", maxsplit=1)[0])
    if expected and plural.replace(" ", "") != expected.replace(" ", ""):
        problems.append(Problem(name, 1, (
            f"header Plural-Forms is {plural!r}; Poedit and Weblate expect {expected!r} for {lang} "
            f"(see scripts/puente/catalog_check.py). Set it in the header")))
    elif not expected and not re.fullmatch(r"nplurals=\d+;\s*plural=.+;?", plural):
        problems.append(Problem(name, 1, f"header Plural-Forms {plural!r} is not 'nplurals=N; plural=EXPR;'"))
    return problems


def extract(root: Path, output: Path) -> subprocess.CompletedProcess:
    """``pybabel extract`` as ``make i18n-extract`` runs it, into ``output``."""
    return subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-o", str(output),
         "--no-wrap", "--sort-by-file", "--project", "Puente Laboral",
         "--copyright-holder", "Puente Laboral contributors", "."],
        cwd=root, capture_output=True, text=True, check=False)


def check_pot_current(root: Path) -> list[Problem]:
    pot_path = root / POT
    if not pot_path.exists():
        return [Problem(str(POT), 1, "missing: run make i18n-extract")]
    with tempfile.TemporaryDirectory() as tmp:
        fresh_path = Path(tmp) / "messages.pot"
        result = extract(root, fresh_path)
        if result.returncode != 0:
            return [Problem("babel.cfg", 1, f"pybabel extract failed: {result.stderr.strip()[-500:]}")]
        fresh = polib.pofile(str(fresh_path))
    pot = polib.pofile(str(pot_path))
    committed = {_key(e): e for e in pot if not e.obsolete}
    now = {_key(e): e for e in fresh if not e.obsolete}
    problems = []
    for key, entry in now.items():
        if key not in committed:
            where = " ".join(f"{path}:{line}" for path, line in entry.occurrences) or "a template"
            problems.append(Problem(str(POT), 1, (
                f"{_shown(entry)}, used in {where}, is not in messages.pot. Run make i18n, then "
                f"translate it in each locales/<lang>/LC_MESSAGES/messages.po")))
    for key, entry in committed.items():
        if key not in now:
            problems.append(Problem(str(POT), entry.linenum, (
                f"{_shown(entry)} is no longer used by any template. Run make i18n")))
    return problems


def msgfmt_check(po_path: Path, root: Path) -> list[Problem]:
    name = _rel(po_path, root)
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return [Problem(name, 1, "GNU msgfmt is missing: run `make test` (it installs gettext) "
                                 "or apt-get install gettext")]
    result = subprocess.run([msgfmt, "--check", "-o", "/dev/null", po_path.name], cwd=po_path.parent,
                            capture_output=True, text=True, check=False)
    if result.returncode == 0:
        return []
    problems = []
    for line in result.stderr.splitlines():
        match = re.match(r"(?:.*?)messages\.po:(\d+):\s*(.*)", line)
        if match:
            problems.append(Problem(name, int(match.group(1)), f"msgfmt --check: {match.group(2)}"))
    return problems or [Problem(name, 1, f"msgfmt --check failed: {result.stderr.strip()}")]


def check(root: Path) -> list[Problem]:
    """Every problem of the catalogs of the project at ``root``."""
    root = Path(root)
    problems = check_pot_current(root)
    pot = polib.pofile(str(root / POT)) if (root / POT).exists() else None
    for lang in Project(root).languages.codes:
        po_path = root / "locales" / lang / "LC_MESSAGES" / "messages.po"
        if not po_path.exists():
            problems.append(Problem(_rel(po_path, root), 1, (
                f"missing: mkdocs.yml builds {lang!r}. Run make i18n-add LANG={lang}")))
            continue
        problems.extend(check_po(po_path, lang, root, pot))
        problems.extend(msgfmt_check(po_path, root))
    return problems
