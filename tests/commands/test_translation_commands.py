"""Translators' commands: i18n-status, i18n-add."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re

import pytest

from puente.commands import translations
from puente.core import translation_status
from puente.core.translation_status import MISSING, OUTDATED, TRANSLATED, UNMARKED


def test_i18n_status_names_pages_and_writes_json_and_html_beside_the_site(project_copy, capsys):
    docs = project_copy / "docs"
    (docs / "sobre.en.md").unlink()
    translation_status.mark_current(docs / "glosario.en.md", "es")
    (docs / "glosario.es.md").write_text((docs / "glosario.es.md").read_text(encoding="utf-8") + "\nMás.\n",
                                         encoding="utf-8")
    translation_status.mark_current(docs / "profedet.en.md", "es")
    out = project_copy / "build"
    assert translations.i18n_status(argparse.Namespace(out=str(out)), project_copy) == 0
    printed = capsys.readouterr().out
    assert re.search(r"missing\s+docs/sobre\.en\.md", printed)
    assert re.search(r"outdated\s+docs/glosario\.en\.md .*Spanish changed " + dt.date.today().isoformat(), printed)
    report = json.loads((out / "i18n-status.json").read_text(encoding="utf-8"))
    en = report["languages"]["en"]
    assert [p["file"] for p in en[MISSING]] == ["docs/sobre.en.md"]
    assert [p["file"] for p in en[OUTDATED]] == ["docs/glosario.en.md"]
    assert "docs/profedet.en.md" in [p["file"] for p in en[TRANSLATED]]
    assert "docs/glosario.en.md" not in [p["file"] for p in en[TRANSLATED]]
    assert "docs/sobre.en.md" not in [p["file"] for p in en[UNMARKED]]
    assert en["catalog"]["untranslated"] == []
    dashboard = (out / "i18n-status.html").read_text(encoding="utf-8")
    assert "docs/glosario.en.md" in dashboard and '<tr class="missing">' in dashboard
    assert not (project_copy / "site" / "i18n-status.json").exists()


def test_adding_a_language_refuses_what_it_cannot_build(project_copy):
    for bad in ("en", "xx", "FR!"):
        with pytest.raises(ValueError):
            translations.add_language(project_copy, bad)
