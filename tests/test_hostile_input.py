"""Careless or hostile input never reaches a reader (issue 12, the source half).

One row per bad input: the mutation, and the file and line the build must name. Every row is
planted in a copy of the minimal one-page project (tests/fixtures/minimal: the real hooks,
templates and catalogs, one page per language, a one-contact registry, PDFs off) and built with a
real ``mkdocs build``: each must fail naming its file and line, or, where the input is data the
build accepts, come out escaped. The last tests build the unmodified minimal project clean, and a
copy of the real site with the payloads that matter most.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
REAL_PARTS = ("scripts", "overrides", "locales")
PAGE = "docs/index.es.md"
EN_PAGE = "docs/index.en.md"
REGISTRY = "data/contacts.yml"


def minimal_project(where: Path) -> Path:
    shutil.copytree(MINIMAL, where)
    for name in REAL_PARTS:
        shutil.copytree(ROOT / name, where / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    return where


# --- mutations --------------------------------------------------------------------------------

def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{path} no longer contains {old!r}: update this row"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return mutate


def write(path: str, content: str | bytes) -> Callable[[Path], None]:
    def mutate(project: Path) -> None:
        file = project / path
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_text(content, encoding="utf-8")
    return mutate


def symlink(path: str, target: str) -> Callable[[Path], None]:
    def mutate(project: Path) -> None:
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(project / target, project / path)
    return mutate


def page(body: str, title: str = "Otra página") -> str:
    return (f"---\ntitle: {title}\ndescription: Prueba.\nreviewed: 2026-11-28\n"
            f"sources:\n  - title: Prueba\n---\n\n{body}\n")


@dataclass(frozen=True)
class Row:
    id: str
    mutate: Callable[[Path], None]
    where: str      # "docs/index.es.md:13": the file and line the error must name
    complaint: str  # words the error must contain


def line_of(path: str, text: str) -> int:
    """The line of the fixture file ``path`` that contains ``text`` (rows name lines by content)."""
    lines = (MINIMAL / path).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if text in line)


TEL_LINE = line_of(PAGE, "llame a la División de Horas y Salarios: [[tel:whd]]")
OVERTIME_LINE = line_of(PAGE, "## Horas extra {#horas-extra}")
TITLE_LINE = line_of(PAGE, "title: Inicio de prueba")
BAD_BYTE_OFFSET = (MINIMAL / PAGE).read_bytes().index(b"Le deben") + len("Le deb")

ROWS = [
    # Shortcodes are a small language with errors.
    Row("shortcode in upper case", replace(PAGE, "Salarios: [[tel:whd]]", "Salarios: [[tel:WHD]]"),
        f"{PAGE}:{TEL_LINE}", "is not lowercase"),
    Row("unclosed shortcode", replace(PAGE, "Salarios: [[tel:whd]]", "Salarios: [[contact:foo"),
        f"{PAGE}:{TEL_LINE}", "unclosed shortcode"),
    Row("shortcode key with a path", replace(PAGE, "Salarios: [[tel:whd]]", "Salarios: [[contact:../../x]]"),
        f"{PAGE}:{TEL_LINE}", "is not a contact key"),
    Row("tilde line inside a backtick fence does not hide what follows",
        replace(PAGE, "## Horas extra", "```text\n~~~\n```\n\n[[tel:WHD]]\n\n## Horas extra"),
        f"{PAGE}:{OVERTIME_LINE + 4}", "is not lowercase"),
    Row("vanity number typed into a page", replace(PAGE, "Salarios: [[tel:whd]]", "Salarios: 1-800-321-OSHA"),
        f"{PAGE}:{TEL_LINE}", "phone number typed into the page: 1-800-321-OSHA"),
    Row("phone number typed into a code block",
        replace(PAGE, "## Horas extra", "```\n1-866-487-9243\n```\n\n## Horas extra"),
        f"{PAGE}:{OVERTIME_LINE + 1}", "phone number typed into the page"),
    # Pages are well-formed or rejected.
    Row("invalid UTF-8 (Latin-1 é)", write(PAGE, (MINIMAL / PAGE).read_bytes().replace(b"Le deben", b"Le deb\xe9n")),
        f"{PAGE}:{OVERTIME_LINE + 2}", f"not valid UTF-8: byte 0xe9 at byte offset {BAD_BYTE_OFFSET}"),
    Row("duplicate front-matter key", replace(PAGE, "description: Una", "title: Otro título\ndescription: Una"),
        f"{PAGE}:{TITLE_LINE + 1}", "front matter has 'title' twice"),
    Row("empty page body (front matter only)", write("docs/vacia.es.md", page("").rstrip("\n") + "\n"),
        "docs/vacia.es.md:8", "no text after its front matter"),
    Row("two headings with the same written id",
        replace(PAGE, "[[contact:whd]]", "## Otra cosa {#horas-extra}\n\n[[contact:whd]]"),
        f"{PAGE}:{OVERTIME_LINE + 4}", "id 'horas-extra' (written) is already used on line"),
    Row("generated id equal to a written one", replace(PAGE, "[[contact:whd]]", "## Horas Extra\n\n[[contact:whd]]"),
        f"{PAGE}:{OVERTIME_LINE + 4}", "generated from the heading's text) is already used"),
    Row("two headings with the same text", replace(PAGE, "[[contact:whd]]", "## Inicio de prueba\n\n[[contact:whd]]"),
        f"{PAGE}:{OVERTIME_LINE + 4}", "id 'inicio-de-prueba'"),
    Row("id with a space", replace(PAGE, "{#horas-extra}", "{#horas extra}"),
        f"{PAGE}:{OVERTIME_LINE}", "stray word 'extra'"),
    Row("id with capitals", replace(PAGE, "{#horas-extra}", "{#Horas-Extra}"),
        f"{PAGE}:{OVERTIME_LINE}", "id 'Horas-Extra'"),
    Row("id with an accent on a paragraph", replace(PAGE, "[[check]]", "[[check]]\n{#compensación}"),
        f"{PAGE}:{OVERTIME_LINE + 3}", "is not lowercase letters"),
    Row("page name with a space", write("docs/horas extra.es.md", page("Texto.")),
        "docs/horas extra.es.md:1", "page name 'horas extra'"),
    Row("page name with capitals", write("docs/Sobre.es.md", page("Texto.")),
        "docs/Sobre.es.md:1", "page name 'Sobre'"),
    Row("folder with an accent", write("docs/información/uno.es.md", page("Texto.")),
        "docs/información/uno.es.md:1", "folder name 'información'"),
    Row("page without a language suffix", write("docs/sobre.md", page("Texto.")),
        "docs/sobre.md:1", "has no language suffix"),
    Row("asset name with a space", write("docs/assets/mi foto.png", b"\x89PNG\r\n"),
        "docs/assets/mi foto.png:1", "file name 'mi foto.png'"),
    Row("symlink to a file outside docs/", symlink("docs/fuera.es.md", "mkdocs.yml"),
        "docs/fuera.es.md:1", "outside docs/"),
    Row("symlinked folder outside docs/", symlink("docs/datos", "data"),
        "docs/datos/contacts.yml:1", "outside docs/"),
]


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_bad_input_fails_the_build_naming_file_and_line(row, tmp_path):
    project = minimal_project(tmp_path / "project")
    row.mutate(project)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0, f"the build published {row.id}"
    assert f"{row.where}: " in result.stderr, result.stderr[-1500:]
    assert row.complaint in result.stderr, result.stderr[-1500:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]


# --- Accepted input comes out as the reader should see it -------------------------------------

def built(tmp_path: Path, *mutations: Callable[[Path], None]) -> Path:
    project = minimal_project(tmp_path / "project")
    for mutate in mutations:
        mutate(project)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def test_the_unmodified_minimal_project_builds_clean(tmp_path):
    site = built(tmp_path)
    for lang_dir in (site, site / "en"):
        text = (lang_dir / "index.html").read_text(encoding="utf-8")
        assert 'href="tel:+18664879243"' in text
        assert "<code>[[tel:whd]]</code>" in text  # shortcodes are not expanded in code


def test_utf8_byte_order_mark_is_accepted(tmp_path):
    site = built(tmp_path, write(PAGE, b"\xef\xbb\xbf" + (MINIMAL / PAGE).read_bytes()))
    assert "<title>Inicio de prueba" in (site / "index.html").read_text(encoding="utf-8") or \
        "Inicio de prueba" in (site / "index.html").read_text(encoding="utf-8")


def test_shortcodes_in_code_blocks_are_shown_as_written(tmp_path):
    site = built(tmp_path, replace(PAGE, "## Horas extra",
                                   "    [[tel:WHD]] en código sangrado\n\n"
                                   "```\n~~~\n[[contact:nadie]]\n```\n\n## Horas extra"))
    text = (site / "index.html").read_text(encoding="utf-8")
    assert "[[tel:WHD]] en código sangrado" in text
    assert "[[contact:nadie]]" in text

