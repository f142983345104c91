"""`make build` is the gate: run for real (the Makefile, on copies of the project), it refuses a
site with a broken anchor, a link to a host not in data/link-hosts.txt (PDFs off) or a fuzzy
catalog entry, and leaves nothing in site/ to publish; the unmodified project passes, PDFs
included (from the flyer cache), and lands in site/."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from conftest import ROOT, run_make

SALARIO = "docs/derechos/salario.es.md"


def make_build(project: Path, pdf: bool = False) -> subprocess.CompletedProcess:
    return run_make(project, "build", env={"PUENTE_PDF": "1" if pdf else "0"})


def plant(project: Path, html: str) -> int:
    page = project / SALARIO
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    page.write_text(text + html + "\n", encoding="utf-8")
    return text.count("\n") + 1


@pytest.mark.parametrize("html, complaint", [
    ('<a href="../seguridad/#no-existe">ancla que no existe</a>', "#no-existe is not an id"),
    ('<a href="https://evil.example/cobro">sitio no permitido</a>', "evil.example"),
], ids=["broken-anchor", "disallowed-host"])
def test_make_build_refuses_and_publishes_nothing(project_copy, html, complaint):
    line = plant(project_copy, html)
    result = make_build(project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert f"{SALARIO}:{line}: " in output and complaint in output, output[-3000:]
    assert not (project_copy / "site").exists(), "a refused build left a site to publish"
    assert (project_copy / "build/site-candidate/index.html").exists()   # kept for a look


def test_make_build_refuses_a_fuzzy_catalog_entry_before_building(project_copy):
    """`pybabel compile` drops a fuzzy entry and the page would show the English text: the gate
    runs the catalog check first."""
    po_path = project_copy / "locales/es/LC_MESSAGES/messages.po"
    po = polib.pofile(str(po_path), wrapwidth=0)
    fuzzy = next(e for e in po if e.msgid == "Sources")
    fuzzy.flags.append("fuzzy")
    po.save()
    line = polib.pofile(str(po_path)).find("Sources").linenum
    result = make_build(project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert f"locales/es/LC_MESSAGES/messages.po:{line}: fuzzy" in output, output[-3000:]
    assert "mkdocs build" not in result.stdout and not (project_copy / "site").exists()


def test_make_build_passes_the_unmodified_project_into_site(project_copy, site):
    # The flyer PDFs are published addresses: a publishable build has them. The session's real
    # build (the `site` fixture) rendered them into the cache, so this renders nothing new.
    if (ROOT / ".cache/flyers").is_dir():
        shutil.copytree(ROOT / ".cache/flyers", project_copy / ".cache/flyers")
    result = make_build(project_copy, pdf=True)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert (project_copy / "site/index.html").exists() and (project_copy / "site/en/index.html").exists()
    assert not (project_copy / "build/site-candidate").exists()
    assert (project_copy / "site/volante.pdf").exists()
    assert "linkcheck:" in result.stdout and "site/ is ready to publish" in result.stdout
