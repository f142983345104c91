"""The Spanish pages' style rules (README, "Page conventions"): usted as direct object is lo/la
(never leísmo), and "situación migratoria", not "estatus migratorio"."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from puente.checks import spanish_style


def test_the_spanish_pages_follow_the_style_rules():
    found = spanish_style.check_docs(ROOT / "docs", ROOT)
    assert not found, "\n".join(str(f) for f in found)


@pytest.mark.parametrize("text, expected", [
    ("Su patrón no puede despedirle por eso.", ["despedirle"]),
    ("Si su patrón le castiga por quejarse, llame.", ["le castiga"]),
    ("La PROFEDET le puede ayudar gratis.", ["le puede ayudar"]),
    ("Siguieron amenazándole en el trabajo.", ["amenazándole"]),
    ("La ley le protege y su consulado puede orientarle.", ["le protege", "orientarle"]),
    ("Nadie puede tratarle peor. Puede defenderle un abogado.", ["tratarle", "defenderle"]),
    # usted as indirect object keeps "le"; "lo/la" as direct object is right
    ("Su patrón debe pagarle cada hora y le deben el salario. Pídale el talón.", []),
    ("La WHD lo ayuda; nadie puede despedirla ni castigarlo por eso.", []),
    ("Le explicamos cómo y le decimos a quién llamar.", []),
])
def test_leismo_is_found_and_indirect_objects_are_not(text, expected):
    found = spanish_style.findings(text, "docs/x.es.md")
    assert [f.text for f in found if f.rule == "leísmo"] == expected


def test_estatus_migratorio_is_found_except_in_the_glossary_heading():
    text = "## Situación migratoria (estatus migratorio) — *immigration status* {#estatus-migratorio}\n\n" \
           "Sin importar su [estatus migratorio](glosario.md#estatus-migratorio).\n"
    assert [(f.line, f.rule) for f in spanish_style.findings(text, "docs/glosario.es.md", glossary=True)] == \
        [(3, "estatus")]
    assert len(spanish_style.findings(text, "docs/x.es.md")) == 2


def test_a_planted_leismo_in_a_page_fails_naming_file_and_line(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("assets"))
    page = docs / "derechos" / "represalias.es.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("## Qué es una represalia"))
    lines.insert(index + 1, "Su patrón no puede despedirle ni amenazarle por reclamar.")
    page.write_text("\n".join(lines), encoding="utf-8")
    found = [str(f) for f in spanish_style.check_docs(docs, tmp_path)]
    assert found == [
        f"docs/derechos/represalias.es.md:{index + 2}: 'despedirle' (leísmo). Fix: usted as direct object is "
        "lo/la: despedirlo, lo castigan, ayudarla",
        f"docs/derechos/represalias.es.md:{index + 2}: 'amenazarle' (leísmo). Fix: usted as direct object is "
        "lo/la: despedirlo, lo castigan, ayudarla",
    ]
