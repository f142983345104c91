"""The build refuses bad input: broken links and anchors, bad front matter (temporary copies)."""

from __future__ import annotations

import re

import pytest

from conftest import mkdocs_build, plant


@pytest.mark.parametrize("link, complaint", [
    ("[Sobre este sitio](sobre.md#no-existe)", "no-existe"),
    ("[Sobre este sitio](no-existe.md)", "no-existe.md"),
])
def test_broken_link_or_anchor_fails_the_build(project_copy, tmp_path, link, complaint):
    plant(project_copy, "docs/index.es.md", "[Sobre este sitio](sobre.md)", link)
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert complaint in result.stderr and "index.es.md" in result.stderr


@pytest.mark.parametrize("old, new, complaint", [
    ("title: Sobre este sitio\n", "", "missing 'title'"),
    ("description: De dónde", "descripcion: De dónde", "missing 'description'"),
    ("reviewed: 2026-11-28\n", "", "missing 'reviewed'"),
    ("reviewed: 2026-11-28", "reviewed: 2026-13-45", "'reviewed' must be a date"),
    ("reviewed: 2026-11-28", "reviewed: 28/11/2026", "'reviewed' must be a date"),
    ("title: Sobre este sitio", "title: [Sobre este sitio", "not valid YAML"),
])
def test_bad_front_matter_fails_naming_the_file(project_copy, tmp_path, old, new, complaint):
    plant(project_copy, "docs/sobre.es.md", old, new)
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert re.search(r"docs/sobre\.es\.md:\d+: ", result.stderr), result.stderr[-2000:]
    assert complaint in result.stderr


def test_placeholder_site_url_is_announced_once(project_copy, tmp_path):
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr.count("site_url is the placeholder") == 1


def test_site_url_comes_from_the_environment(project_copy, tmp_path):
    result = mkdocs_build(project_copy, tmp_path / "out", env={"SITE_URL": "https://trabajo.example.net/"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "placeholder" not in result.stderr
    html = (tmp_path / "out" / "en" / "sobre" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://trabajo.example.net/en/sobre/">' in html
