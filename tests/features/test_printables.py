"""Flyers and the pocket card in the sources: one flyer per topic in each language, the
front-matter keys."""

from __future__ import annotations

import pytest

from conftest import ROOT, mkdocs_build
from puente.core import front_matter
from puente.features.flyers import printables
from site_tools import LANGUAGES

LANGS = LANGUAGES.codes
PRINTABLES = printables.find(ROOT / "docs", LANGUAGES)
FLYERS = [p for p in PRINTABLES if p.kind == "flyer"]
POCKET = [p for p in PRINTABLES if p.kind == "pocket_card"]
# The site's topics: each section folder (rights, work injuries) and the top-level topic pages of
# the joint statement (PROFEDET, the Houston/California programs, binational cooperation), plus
# the home page. README "Flyers and printing" names the same list.
TOPIC_PAGES = ["index", "profedet", "programas", "cooperacion"]



def test_every_topic_has_a_flyer_in_each_language():
    sections = {index.parent.name for index in (ROOT / "docs").glob("*/index.es.md")}
    assert sections, "no section folders found under docs/"
    for lang in LANGS:
        mine = [p for p in FLYERS if p.lang == lang]
        missing = sorted(sections - {p.topic for p in mine})
        missing += [slug for slug in TOPIC_PAGES if slug not in {p.slug for p in mine}]
        assert not missing, f"{lang}: topics without a flyer: {missing} (add 'flyer: true')"
    assert {p.lang for p in POCKET} == set(LANGS)


def test_flyer_key_must_be_true_or_false():
    text = "---\ntitle: T\ndescription: D\nreviewed: 2026-11-28\nsources:\n  - S\nflyer: yes please\n---\n"
    with pytest.raises(front_matter.PageError, match=r"x\.es\.md:7: 'flyer' must be true or false"):
        front_matter.parse_front_matter(text, "docs/x.es.md")
    assert front_matter.parse_front_matter(text.replace("yes please", "true"), "x").flyer


def test_an_unknown_flyer_contact_fails_the_build_naming_file_and_line(project_copy, tmp_path):
    path = project_copy / "docs" / "profedet.es.md"
    text = path.read_text(encoding="utf-8")
    assert "flyer_contacts: [profedet, ciam]" in text
    path.write_text(text.replace("flyer_contacts: [profedet, ciam]", "flyer_contacts: [profedet, cima]"), "utf-8")
    line = text[: text.index("flyer_contacts:")].count("\n") + 1
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert f"docs/profedet.es.md:{line}: unknown contact key 'cima'" in result.stderr, result.stderr[-1500:]
