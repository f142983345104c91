"""Checks passed before, remembered between builds (core.passed): passes only, never failures,
and nothing once the check or its libraries change."""

from __future__ import annotations

import pytest

from puente.checks import html_policy
from puente.core import passed


def test_a_pass_is_kept_between_builds_and_forgotten_when_the_check_changes(tmp_path):
    first = passed.Passes("check", passed.version_of("check v1"))
    assert not first.seen("page") and (first.add("page") is None)   # no folder: nothing remembered
    assert not first.seen("page")
    first.keep_in(tmp_path)
    first.add("page", "https://example.org/")
    first.save()
    again = passed.Passes("check", passed.version_of("check v1"))
    again.keep_in(tmp_path)
    assert again.seen("page", "https://example.org/")
    assert not again.seen("page", "https://other.example/") and not again.seen("page")
    changed = passed.Passes("check", passed.version_of("check v2"))
    changed.keep_in(tmp_path)
    assert not changed.seen("page", "https://example.org/")


def test_two_builds_saving_at_once_keep_each_others_passes(tmp_path):
    one, two = (passed.Passes("check", "v") for _ in range(2))
    for passes in (one, two):
        passes.keep_in(tmp_path)
    one.add("a")
    two.add("b")
    one.save()
    two.save()
    last = passed.Passes("check", "v")
    last.keep_in(tmp_path)
    assert last.seen("a") and last.seen("b")
    assert not list(tmp_path.glob("*.tmp"))


def test_the_html_policy_remembers_a_clean_article_and_refuses_a_bad_one_every_time(tmp_path, monkeypatch):
    passes = passed.Passes("html-policy", html_policy.PASSES.version)
    passes.keep_in(tmp_path)
    monkeypatch.setattr(html_policy, "PASSES", passes)
    source = tmp_path / "page.md"
    source.write_text("<script>alert(1)</script>\n", encoding="utf-8")

    def page(content: str) -> str:
        return f"<head></head>{html_policy.ARTICLE_START}{content}{html_policy.ARTICLE_END}</article>"

    html_policy.check_page(page("<p>Texto</p>"), source, "docs/page.md")
    assert passes.seen("<p>Texto</p>", "")
    for _build in range(2):
        with pytest.raises(html_policy.PolicyError, match=r"docs/page\.md:1"):
            html_policy.check_page(page("<script>alert(1)</script>"), source, "docs/page.md")
    assert not passes.seen("<script>alert(1)</script>", "")

