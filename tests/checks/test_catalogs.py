"""The gettext catalogs' quality gate (scripts/puente/checks/catalog_gate.py): the real catalogs pass,
and each planted fault in a copy is reported with its file, line and message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import ROOT
from puente.checks import catalog_gate
from site_tools import LANGUAGES

ES = "locales/es/LC_MESSAGES/messages.po"


def problems(project: Path) -> list[str]:
    return [str(p) for p in catalog_gate.check(project)]


def edit_po(project: Path, rel: str, change) -> polib.POFile:
    po = polib.pofile(str(project / rel), wrapwidth=0)
    change(po)
    po.save()
    return polib.pofile(str(project / rel))


def entry(po: polib.POFile, msgid: str, msgctxt: str | None = None) -> polib.POEntry:
    return next(e for e in po if e.msgid == msgid and e.msgctxt == msgctxt)


def test_the_catalogs_pass_the_gate():
    found = problems(ROOT)
    assert not found, "catalog problems:\n" + "\n".join(found)


def test_every_built_language_has_a_catalog():
    assert list(LANGUAGES.codes) == ["es", "en"]


def test_an_untranslated_entry_fails_naming_file_line_and_message(project_copy):
    po = edit_po(project_copy, ES, lambda po: setattr(entry(po, "Sources"), "msgstr", ""))
    line = entry(po, "Sources").linenum
    assert f"{ES}:{line}: untranslated: 'Sources'. Write its translation in msgstr" in problems(project_copy)


def test_a_fuzzy_entry_fails(project_copy):
    po = edit_po(project_copy, ES, lambda po: entry(po, "Sources").flags.append("fuzzy"))
    line = entry(po, "Sources").linenum
    assert any(p.startswith(f"{ES}:{line}: fuzzy") and "'Sources'" in p for p in problems(project_copy))


def test_an_obsolete_entry_fails(project_copy):
    po = edit_po(project_copy, ES, lambda po: po.append(
        polib.POEntry(msgid="Gone", msgstr="Ido", obsolete=True)))
    line = next(e for e in po if e.obsolete).linenum
    assert any(p.startswith(f"{ES}:{line}: obsolete entry 'Gone'") for p in problems(project_copy))


def test_a_string_added_to_a_template_without_extracting_fails(project_copy):
    template = project_copy / "overrides/partials/page-facts.html"
    template.write_text(template.read_text(encoding="utf-8") + '{{ _("A string nobody extracted") }}\n',
                        encoding="utf-8")
    found = problems(project_copy)
    assert any(p.startswith("locales/messages.pot:1: 'A string nobody extracted', used in "
                            "overrides/partials/page-facts.html:") and "Run make i18n" in p for p in found), found


def test_a_catalog_older_than_the_pot_fails(project_copy):
    edit_po(project_copy, ES, lambda po: po.remove(entry(po, "Sources")))
    assert any(p.startswith(f"{ES}:1: 'Sources' (locales/messages.pot:") and "make i18n-update" in p
               for p in problems(project_copy))


@pytest.mark.parametrize("msgid, bad, what", [
    ("Facts last checked: %(date)s", "Datos revisados: %(fecha)s", "placeholders"),
    ("Facts last checked: %(date)s", "Datos revisados", "placeholders"),
    ("Sources", "<b>Fuentes</b>", "HTML tags"),
])
def test_placeholders_and_tags_must_match(project_copy, msgid, bad, what):
    po = edit_po(project_copy, ES, lambda po: setattr(entry(po, msgid), "msgstr", bad))
    line = entry(po, msgid).linenum
    assert any(p.startswith(f"{ES}:{line}: {what} differ in {msgid!r}") for p in problems(project_copy))


def test_msgfmt_check_runs_on_each_catalog(project_copy):
    po_file = project_copy / ES
    po_file.write_text(po_file.read_text(encoding="utf-8")
                       + '\n#: overrides/404.html:4\nmsgid "Page not found"\nmsgstr "Otra vez"\n',
                       encoding="utf-8")
    found = [p for p in problems(project_copy) if "msgfmt --check" in p]
    assert found and all(p.startswith(f"{ES}:") for p in found), problems(project_copy)
    assert any("duplicate message definition" in p for p in found)


def test_spanish_plural_forms_are_what_poedit_and_weblate_expect(project_copy):
    three = "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);"
    edit_po(project_copy, ES, lambda po: po.metadata.__setitem__("Plural-Forms", three))
    assert any(p.startswith(f"{ES}:1: header Plural-Forms") for p in problems(project_copy))


def test_pybabel_update_keeps_the_headers_the_gate_wants(project_copy):
    result = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "update", "-i", "locales/messages.pot",
         "-d", "locales", "--no-wrap", "--ignore-obsolete"],
        cwd=project_copy, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert not problems(project_copy)


def test_entries_keep_their_source_references(project_copy):
    po = edit_po(project_copy, ES, lambda po: setattr(entry(po, "Sources"), "occurrences", []))
    line = entry(po, "Sources").linenum
    assert any(p.startswith(f"{ES}:{line}: 'Sources' has no source reference") for p in problems(project_copy))


def test_ambiguous_words_carry_a_context():
    pot = polib.pofile(str(ROOT / "locales/messages.pot"))
    assert {e.msgid for e in pot if e.msgctxt == "fact marker"} >= {"to be confirmed", "historical fact"}
    assert any(e.msgctxt == "language switcher" for e in pot)
