"""Text that lives outside the gettext catalogs: the per-language fields of the data registries.

Contact names and what each contact handles (``data/contacts.yml``), and each deadline's purpose,
start event and note (``data/deadlines.yml``), are written per language::

    name:
      es: Procuraduría Federal de la Defensa del Trabajo (PROFEDET)
      en: Federal Attorney's Office for the Defense of Labor (PROFEDET)

A language without its own text shows the Spanish one. :func:`missing` lists, per language, the
texts it lacks (``make i18n-status`` reports them); :func:`scaffold` adds an empty ``fr: ""``
line under each (``make i18n-add LANG=fr`` runs it) for a translator to fill in. An empty text
counts as missing: readers see the Spanish until it is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from puente.core import lineyaml

# file (relative to the project root) -> its fields written per language
FIELDS = {
    "data/contacts.yml": ("name", "handles", "hours"),
    "data/deadlines.yml": ("what", "starts", "note"),
}
ORIGINAL = "es"


class DataTextError(Exception):
    def __init__(self, path, line, message, hint=""):
        super().__init__(f"{path}:{line}: {message}" + (f". {hint}" if hint else ""))


@dataclass(frozen=True)
class Missing:
    file: str
    line: int     # the line of the field (``name:``)
    key: str      # the entry (``profedet``)
    field: str    # ``name``

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.key}.{self.field}"


def _texts(root: Path):
    """``(file, key, field, mapping node)`` for every per-language field, in file order."""
    for rel, fields in FIELDS.items():
        path = Path(root) / rel
        if not path.is_file():
            continue
        lineyaml.load(path, DataTextError)  # duplicate keys and bad YAML named with their line
        document = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        if not isinstance(document, yaml.MappingNode):
            continue
        for key_node, entry in document.value:
            if not isinstance(entry, yaml.MappingNode):
                continue
            for field_node, value in entry.value:
                if field_node.value in fields and isinstance(value, yaml.MappingNode):
                    yield rel, key_node.value, field_node, value


def _languages_of(value: yaml.MappingNode) -> dict[str, str]:
    return {k.value: (v.value if isinstance(v, yaml.ScalarNode) else "") for k, v in value.value}


def missing(root: Path, lang: str) -> list[Missing]:
    """Every per-language text that has its Spanish original but no ``lang`` text (or an empty one)."""
    found = []
    for rel, key, field_node, value in _texts(root):
        texts = _languages_of(value)
        if texts.get(ORIGINAL, "").strip() and not texts.get(lang, "").strip():
            found.append(Missing(rel, field_node.start_mark.line + 1, key, field_node.value))
    return found


def scaffold(root: Path, lang: str) -> dict[str, int]:
    """Add ``lang: ""`` under every per-language text that has no ``lang`` line yet; returns how
    many lines each file got. Block mappings only (the registries' style); idempotent."""
    inserts: dict[str, list[tuple[int, str]]] = {}
    for rel, _key, _field, value in _texts(root):
        texts = _languages_of(value)
        if lang in texts or not texts.get(ORIGINAL, "").strip() or value.flow_style:
            continue
        first_key = value.value[0][0]
        last_value = value.value[-1][1]
        end = last_value.end_mark
        after = end.line if end.column == 0 else end.line + 1  # the line index to insert before
        inserts.setdefault(rel, []).append((after, " " * first_key.start_mark.column + f'{lang}: ""'))
    added = {}
    for rel, lines_to_add in inserts.items():
        path = Path(root) / rel
        lines = path.read_text(encoding="utf-8").split("\n")
        for index, text in sorted(lines_to_add, reverse=True):
            lines.insert(index, text)
        path.write_text("\n".join(lines), encoding="utf-8")
        added[rel] = len(lines_to_add)
    return added
