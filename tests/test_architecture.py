"""The package's folders are its architecture: what each may import (scripts/puente/).

- ``core``: the site's model. Imports only ``core`` and, from MkDocs, its pure helpers
  (``mkdocs.utils``): never MkDocs' build machinery, never a feature, check or command.
- ``features``: what MkDocs' events call. Imports ``core``, ``tools`` and other features.
- ``checks``: checks of a built site or of sources. Imports ``core`` and ``tools``.
- ``commands``: what the command line (``cli.py``) runs. Imports ``core``, ``features``, ``checks``.
- ``bench``: benchmarks and their tools. Imports any layer (it measures them).
- ``tools``: wrappers around programs (Chromium, a static server). Imports only ``core``.
- ``scripts/hooks.py`` is the one door MkDocs opens; nothing else reads
  ``config.plugins["i18n"]`` but ``features/build_context.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "scripts" / "puente"
ALLOWED = {
    "core": {"core"},
    "features": {"core", "features", "tools"},
    "checks": {"core", "checks", "tools"},
    "commands": {"core", "features", "checks", "commands", "tools"},
    "bench": {"core", "features", "checks", "bench", "tools"},
    "tools": {"tools", "core"},
}


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE)


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_each_folder_imports_only_what_its_layer_may(module):
    layer = module.relative_to(PACKAGE).parts[0]
    wrong = []
    for name, line in _imports(module):
        if name.startswith("puente."):
            target = name.split(".")[1]
            if target not in ALLOWED[layer]:
                wrong.append(f"line {line}: {name} ({layer} may import {sorted(ALLOWED[layer])})")
        if layer == "core" and (name == "mkdocs" or name.startswith("mkdocs.")) and name != "mkdocs.utils":
            wrong.append(f"line {line}: {name} (core uses only MkDocs' pure helpers, mkdocs.utils)")
    assert not wrong, "\n".join(wrong)


def test_one_module_reads_the_i18n_plugin():
    readers = [p.relative_to(ROOT).as_posix() for p in [*PACKAGE.rglob("*.py"), ROOT / "scripts/hooks.py"]
               if 'plugins.get("i18n")' in p.read_text(encoding="utf-8")
               or 'plugins["i18n"]' in p.read_text(encoding="utf-8")]
    assert readers == ["scripts/puente/features/build_context.py"], readers


CHROMIUM_PATH = '"/usr/bin/' + 'chromium"'


def test_chromium_is_named_in_one_place():
    naming = [p.relative_to(ROOT).as_posix() for p in [*PACKAGE.rglob("*.py"), *Path(ROOT / "tests").rglob("*.py")]
              if CHROMIUM_PATH in p.read_text(encoding="utf-8")]
    assert naming == ["scripts/puente/tools/chromium.py"], naming
