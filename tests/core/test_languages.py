"""Which languages the site has (core.languages, core.project): one answer, read from mkdocs.yml."""

from __future__ import annotations

import pytest

from puente.core.languages import COMPLETE, Languages
from puente.core.project import Project


def test_the_default_language_comes_first_whatever_the_order_in_the_config():
    languages = Languages.from_entries([
        {"locale": "en", "name": "English"},
        {"locale": "es", "name": "Español", "default": True},
        {"locale": "fr", "name": "Français", "build": True},
        {"locale": "ht", "name": "Kreyòl", "build": False},
    ])
    assert languages.codes == ("es", "en", "fr") and languages.default == "es"
    assert languages.others == ("en", "fr")
    assert languages.name("fr") == "Français" and languages.name("xx") == "xx"
    assert languages.is_complete("en") and not languages.is_complete("fr")


def test_the_project_reads_its_languages_from_mkdocs_yml(tmp_path):
    project = Project()
    assert project.languages.codes[0] == project.languages.default == "es"
    assert set(COMPLETE) <= set(project.languages.codes)
    (tmp_path / "mkdocs.yml").write_text(
        "site_url: !ENV [SITE_URL, 'https://x.example/']\nplugins:\n  - search\n  - i18n:\n      languages:\n"
        "        - locale: es\n          name: Español\n          default: true\n"
        "        - locale: fr\n          name: Français\n", encoding="utf-8")
    other = Project(tmp_path)
    assert other.languages.codes == ("es", "fr") and other.site_url == "https://x.example/"


def test_a_site_needs_a_language():
    with pytest.raises(ValueError):
        Languages(())
