"""Registry texts outside the gettext catalogs (contact names, deadlines): `make i18n-status`
reports a language that lacks them, `make i18n-add` scaffolds them, readers see the Spanish."""

from __future__ import annotations

import json

from conftest import ROOT
from puente.commands import translations as translation_commands
from puente.core import contacts, data_texts, deadlines


def test_spanish_and_english_have_every_registry_text():
    assert data_texts.missing(ROOT, "es") == []
    assert data_texts.missing(ROOT, "en") == []


def test_a_language_without_texts_is_reported_with_file_line_and_field():
    found = data_texts.missing(ROOT, "fr")
    registry = contacts.load(ROOT / contacts.REGISTRY)
    names = [m for m in found if m.file == "data/contacts.yml" and m.field == "name"]
    assert [m.key for m in names] == list(registry)
    text = (ROOT / "data" / "deadlines.yml").read_text(encoding="utf-8").split("\n")
    first = next(m for m in found if m.file == "data/deadlines.yml")
    assert text[first.line - 1].strip() == f"{first.field}:"
    assert str(first) == f"data/deadlines.yml:{first.line}: {first.key}.{first.field}"


def test_i18n_add_scaffolds_the_texts_and_status_reports_them_until_written(project_copy, capsys):
    before = len(data_texts.missing(project_copy, "fr"))
    done = translation_commands.add_language(project_copy, "fr")
    assert any("registry texts" in line for line in done)
    assert data_texts.scaffold(project_copy, "fr") == {}  # once is enough
    path = project_copy / "data" / "contacts.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count('    fr: ""\n') >= 2 * len(contacts.load(path))  # name and handles of each contact
    # the registries still load, and an empty text shows the Spanish
    registry = contacts.load(path)
    assert registry["profedet"].name["fr"] == registry["profedet"].name["es"]
    loaded = deadlines.load(project_copy / deadlines.REGISTRY, contact_keys=registry, docs_dir=project_copy / "docs")
    assert loaded["osha-11c"].starts["fr"] == loaded["osha-11c"].starts["es"]
    assert len(data_texts.missing(project_copy, "fr")) == before  # scaffolded, still untranslated

    # a translator writes one text: it is no longer reported, and it is used
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line == "whd:")
    blank = next(i for i in range(at, len(lines)) if lines[i] == '    fr: ""')
    lines[blank] = "    fr: Division des heures et des salaires (WHD)"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert contacts.load(path)["whd"].name["fr"] == "Division des heures et des salaires (WHD)"
    assert len(data_texts.missing(project_copy, "fr")) == before - 1

    class Args:
        out = str(project_copy / "build")

    translation_commands.i18n_status(Args(), project_copy)
    printed = capsys.readouterr().out
    assert f"data texts: {before - 1} without a 'fr' text" in printed
    assert "data/deadlines.yml:" in printed and "osha-11c.what" in printed
    assert "data texts: 0 without a 'en' text" in printed
    report = json.loads((project_copy / "build" / "i18n-status.json").read_text(encoding="utf-8"))
    assert len(report["languages"]["fr"]["data"]) == before - 1
    assert "Data texts (contact names, deadlines) without a fr text" in \
        (project_copy / "build" / "i18n-status.html").read_text(encoding="utf-8")
