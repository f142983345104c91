"""Spanish style rules the pages follow (README, "Page conventions"), checked on the sources.

- **No leísmo.** The site speaks to the reader as *usted*; when *usted* is the direct object it is
  *lo* or *la*: "despedirlo", "ayudarla", "lo castigan", never "despedirle", "le castigan".
  (*Le* stays where it is an indirect object: "pagarle", "le pagan el salario".) The check knows
  the verbs whose object is the person (despedir, amenazar, tratar, castigar, defender, ayudar,
  ...) and finds them with *le* attached ("despedirle", "amenazándole") or before them ("le
  castiga", "le puede ayudar").
- **"Situación migratoria"**, not "estatus migratorio" (the glossary's heading may name the
  other term, so readers who search for it find the page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# verb -> (infinitive and gerund stems that take an attached "le", conjugated forms after "le")
VERBS = {
    "despedir": (("despedir", "despidiendo"), "despide despiden despida despidan despidió despidieron despedirá"),
    "amenazar": (("amenazar", "amenazando"), "amenaza amenazan amenace amenacen amenazó amenazaron"),
    "tratar": (("tratar", "tratando"), "trata tratan trate traten trató trataron"),
    "castigar": (("castigar", "castigando"), "castiga castigan castigue castiguen castigó castigaron"),
    "defender": (("defender", "defendiendo"), "defiende defienden defienda defiendan defendió defendieron"),
    "ayudar": (("ayudar", "ayudando"), "ayuda ayudan ayude ayuden ayudó ayudaron ayudará ayudarán"),
    "orientar": (("orientar", "orientando"), "orienta orientan oriente orienten orientó orientaron orientará"),
    "representar": (("representar", "representando"), "representa representan represente representen representó"),
    "proteger": (("proteger", "protegiendo"), "protege protegen proteja protejan protegió protegieron"),
    "atender": (("atender", "atendiendo"), "atiende atienden atienda atiendan atendió atendieron"),
    "discriminar": (("discriminar", "discriminando"), "discrimina discriminan discrimine discriminen discriminó"),
    "acosar": (("acosar", "acosando"), "acosa acosan acose acosen acosó"),
    "contratar": (("contratar", "contratando"), "contrata contratan contrate contraten contrató contrataron"),
    "asesorar": (("asesorar", "asesorando"), "asesora asesoran asesore asesoren asesoró"),
    "apoyar": (("apoyar", "apoyando"), "apoya apoyan apoye apoyen apoyó"),
    "insultar": (("insultar", "insultando"), "insulta insultan insulte insulten insultó"),
    "obligar": (("obligar", "obligando"), "obliga obligan obligue obliguen obligó"),
}
_ACCENTED = str.maketrans("aeiou", "áéíóú")


def _gerund_with_pronoun(gerund: str) -> str:
    """``amenazando`` + le -> ``amenazándole`` (the stress keeps its written accent)."""
    stem, ending = gerund[:-4], gerund[-4:]
    return stem + ending[0].translate(_ACCENTED) + ending[1:]


_ATTACHED = sorted({form for stems, _ in VERBS.values() for form in (stems[0], _gerund_with_pronoun(stems[1]))},
                   key=len, reverse=True)
_CONJUGATED = sorted({form for verb, (_, forms) in VERBS.items() for form in (*forms.split(), verb)},
                     key=len, reverse=True)
_MODALS = r"(?:puede|pueden|podría|podrían|debe|deben|va\s+a|van\s+a|quiere|quieren|suele|suelen|vaya\s+a|vayan\s+a)"
LEISMO = re.compile(
    r"\b(?:" + "|".join(_ATTACHED) + r")le\b"
    + r"|\ble\s+(?:" + _MODALS + r"\s+)?(?:" + "|".join(_CONJUGATED) + r")\b",
    re.IGNORECASE,
)
ESTATUS = re.compile(r"\bestatus\s+migratorio\b", re.IGNORECASE)
FENCE_LINE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    text: str
    rule: str

    def __str__(self) -> str:
        fixes = {
            "leísmo": "usted as direct object is lo/la: despedirlo, lo castigan, ayudarla",
            "estatus": "write 'situación migratoria'",
        }
        return f"{self.path}:{self.line}: '{self.text}' ({self.rule}). Fix: {fixes[self.rule]}"


def findings(text: str, path: str, glossary: bool = False) -> list[Finding]:
    """Every leísmo and "estatus migratorio" in the Spanish Markdown ``text`` (front matter too)."""
    found, in_fence = [], False
    for number, line in enumerate(text.split("\n"), start=1):
        if FENCE_LINE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        prose = re.sub(r"\]\([^)]*\)|\{[#.:][^}]*\}", "", line)  # link targets and heading ids are not prose
        found += [Finding(path, number, m.group(0), "leísmo") for m in LEISMO.finditer(prose)]
        if not (glossary and line.startswith("## ")):
            found += [Finding(path, number, m.group(0), "estatus") for m in ESTATUS.finditer(prose)]
    return found


def check_docs(docs: Path, root: Path) -> list[Finding]:
    """Findings in every Spanish page under ``docs`` (``*.es.md``)."""
    out = []
    for md in sorted(Path(docs).rglob("*.es.md")):
        rel = md.relative_to(root).as_posix()
        out += findings(md.read_text(encoding="utf-8"), rel, glossary=md.name == "glosario.es.md")
    return out
