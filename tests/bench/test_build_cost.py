"""The build-cost benchmark's plain-Material side, and the benchmark-only switch that skips search."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml

from puente.bench import build_cost, synthetic_site
from puente.features.optimise import bundle, search_index


def test_plain_config_builds_both_languages_with_plain_material(tmp_path):
    project = tmp_path / "project"
    synthetic_site.generate(project, 3)   # the generator's smallest site: 3 pages per language
    config = build_cost.plain_config(project)
    plain = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert plain["theme"] == {"name": "material", "language": "es"}
    assert [next(iter(p)) for p in plain["plugins"]] == ["i18n"]
    assert not {"hooks", "extra_css", "extra_javascript", "extra"} & plain.keys()

    result = build_cost.run(project, config, tmp_path / "site")
    site = tmp_path / "site"
    assert result["wall"] > 0 and result["peak_mib"] > 10
    for page, lang in (("s01/p0001/index.html", "es"), ("en/s01/p0001/index.html", "en")):
        html = (site / page).read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        assert "assets/stylesheets/main." in html   # Material's own stylesheet, not our bundle
        assert "puente.css" not in html and "data-pagefind-body" not in html   # no extra CSS, no hooks
    assert "Página 1" in (site / "s01/p0001/index.html").read_text(encoding="utf-8")
    assert "Page 1" in (site / "en/s01/p0001/index.html").read_text(encoding="utf-8")
    assert not (site / "pagefind").exists()


def test_no_search_switch_is_refused_outside_the_temporary_directory(monkeypatch, tmp_path):
    monkeypatch.setenv(bundle.NO_SEARCH, "1")
    inside = Path(tempfile.gettempdir()) / "puente-bench-site"
    assert bundle._bench_without_search(inside)
    # Outside it whatever the checkout's own place (a clone may live under /tmp).
    outside = Path(tempfile.gettempdir()).resolve().parent / "not-temporary" / "site"
    with pytest.raises(search_index.SearchIndexError, match="benchmarks only"):
        bundle._bench_without_search(outside)
    monkeypatch.setenv(bundle.NO_SEARCH, "0")
    assert not bundle._bench_without_search(inside)
