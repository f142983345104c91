"""Every built page is valid HTML for the W3C Nu HTML Checker (vnu 26.9.27, from the npm package
vnu-jar that `make test` installs into .cache/vnu; Java from scripts/ensure-system-tools.sh)."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from puente.checks import html_valid


@pytest.fixture(scope="module")
def checker():
    try:
        found = html_valid.version(ROOT)
    except html_valid.CheckerMissing as error:
        pytest.fail(str(error), pytrace=False)
    assert found.startswith(html_valid.VERSION), f"vnu {found}, expected {html_valid.VERSION}: run make test"
    return found


def test_every_built_page_is_valid_html(site, checker):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    errors = html_valid.check(site, ROOT)
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(map(str, errors))


def test_the_checker_names_file_and_line_of_a_planted_error(site, checker, tmp_path):
    copy = tmp_path / "site"
    (copy / "derechos/salario").mkdir(parents=True)
    shutil.copy2(site / "derechos/salario/index.html", copy / "derechos/salario/index.html")
    shutil.copy2(site / "index.html", copy / "index.html")
    page = copy / "derechos/salario/index.html"
    lines = page.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if "<article" in line) + 1
    lines.insert(at, '<label for="no-such-control" tabindex="">planted</label>')
    page.write_text("\n".join(lines), encoding="utf-8")
    errors = html_valid.check(copy, ROOT)
    assert errors and {e.file for e in errors} == {"derechos/salario/index.html"}, errors
    assert {e.line for e in errors} == {at + 1}, "\n".join(map(str, errors))
    assert any("tabindex" in e.message for e in errors) and any("for" in e.message for e in errors)
