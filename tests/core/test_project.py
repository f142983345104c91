"""The project's configuration read outside a build (core.project) is what MkDocs reads."""

from __future__ import annotations

import pytest
from mkdocs.utils import yaml_load

from puente.core.project import ROOT, Project


@pytest.mark.parametrize("site_url", [None, "https://x.example/puente-laboral/"])
def test_mkdocs_yml_reads_as_mkdocs_reads_it_with_and_without_site_url(monkeypatch, site_url):
    if site_url:
        monkeypatch.setenv("SITE_URL", site_url)
    else:
        monkeypatch.delenv("SITE_URL", raising=False)
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        theirs = yaml_load(handle)
    assert Project(ROOT).config == theirs
    assert Project(ROOT).site_url == (site_url or "https://example.org/")


def test_a_configuration_built_on_another_is_merged_as_mkdocs_merges_it(tmp_path):
    (tmp_path / "base.yml").write_text("site_name: Base\ntheme:\n  name: material\n  language: es\n",
                                       encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\ntheme:\n  language: en\n", encoding="utf-8")
    config = Project(tmp_path).config
    assert config["site_name"] == "Base" and config["theme"] == {"name": "material", "language": "en"}
