"""The translation status model (core.translation_status): hashes, outdated, missing, the shipping rule."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import ROOT
from puente.core import translation_status
from puente.core.translation_status import OUTDATED, TRANSLATED
from site_tools import LANGUAGES


def test_source_hash_ignores_line_ends_and_trailing_blanks_but_not_text(tmp_path):
    page = tmp_path / "x.es.md"
    page.write_text("---\ntitle: A\n---\n\nHola.\n", encoding="utf-8")
    before = translation_status.source_hash(page)
    page.write_text("---\r\ntitle: A  \r\n---\r\n\r\n\r\n\r\nHola.\r\n\r\n", encoding="utf-8")
    assert translation_status.source_hash(page) == before
    page.write_text("---\ntitle: A\n---\n\nHola, mundo.\n", encoding="utf-8")
    assert translation_status.source_hash(page) != before


def test_a_spanish_edit_turns_its_translation_outdated(project_copy):
    docs = project_copy / "docs"
    translation_status.mark_current(docs / "sobre.en.md", "es")
    status = translation_status.scan(docs, LANGUAGES)
    assert status.of("sobre", "en").status == TRANSLATED
    spanish = docs / "sobre.es.md"
    spanish.write_text(spanish.read_text(encoding="utf-8") + "\nOtra frase.\n", encoding="utf-8")
    status = translation_status.scan(docs, LANGUAGES)
    assert status.of("sobre", "en").status == OUTDATED
    assert status.of("sobre", "en").changed == dt.date.today()
    translation_status.mark_current(docs / "sobre.en.md", "es")  # the translator brings it up to date
    assert translation_status.scan(docs, LANGUAGES).of("sobre", "en").status == TRANSLATED


def test_the_spanish_change_date_is_its_last_commit_unless_edited_since(tmp_path):
    import os
    import subprocess

    page = tmp_path / "x.es.md"
    page.write_text("Hola.\n", encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-03-05T12:00:00Z", "GIT_COMMITTER_DATE": "2026-03-05T12:00:00Z",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "x.es.md"], ["commit", "-q", "-m", "x"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True)
    assert translation_status.spanish_changed(page) == dt.date(2026, 3, 5)
    page.write_text("Hola, mundo.\n", encoding="utf-8")
    assert translation_status.spanish_changed(page) == dt.date.today()


def test_mark_current_updates_the_existing_line(project_copy):
    english = project_copy / "docs/sobre.en.md"
    translation_status.mark_current(english, "es")
    translation_status.mark_current(english, "es")
    text = english.read_text(encoding="utf-8")
    assert text.count("source_hash:") == 1
    assert text.index("source_hash:") < text.index("\n---", 4)  # inside the front matter


def test_a_malformed_source_hash_names_file_and_line(project_copy):
    english = project_copy / "docs/sobre.en.md"
    text = english.read_text(encoding="utf-8")
    english.write_text(text.replace("---\n", "---\nsource_hash: 1234\n", 1), encoding="utf-8")
    with pytest.raises(translation_status.TranslationError, match=r"docs/sobre\.en\.md:2: 'source_hash'"):
        translation_status.scan(project_copy / "docs", LANGUAGES)


def test_shipping_spanish_and_english_has_no_fallback_page():
    status = translation_status.scan(ROOT / "docs", LANGUAGES)
    assert not status.fallbacks_in_complete_languages()
    assert not status.orphans, f"translations without a Spanish original: {status.orphans}"


def test_a_missing_english_page_fails_the_shipping_check(project_copy):
    (project_copy / "docs/sobre.en.md").unlink()
    problems = translation_status.scan(project_copy / "docs", LANGUAGES).fallbacks_in_complete_languages()
    assert problems == ["docs/sobre.en.md is missing: translate docs/sobre.es.md (languages es, en must be complete)"]


def test_shipped_translations_record_what_they_translate():
    """Without a source_hash, a later Spanish edit could not show as outdated."""
    status = translation_status.scan(ROOT / "docs", LANGUAGES)
    for lang in LANGUAGES.complete:
        unmarked = status.by_status(lang, translation_status.UNMARKED)
        assert not unmarked, f"run `make i18n-mark-current FILES=...` after checking these translations: {unmarked}"
