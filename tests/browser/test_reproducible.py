"""Reproducible output: two builds of one commit, in two different folders, each with an empty
flyer cache, give byte-identical ``site/`` trees (HTML, CSS, JS, search index, sitemap, images,
PDFs), and nothing in them carries the build's date or time or the folder it was built in."""

from __future__ import annotations

import datetime as dt
import filecmp
import re

import pytest

from conftest import ROOT, copy_project, mkdocs_build
from puente.features.flyers import pdfs


def _differences(one: filecmp.dircmp, prefix: str = "") -> list[str]:
    found = [f"{prefix}{name} (only one side)" for name in one.left_only + one.right_only]
    found += [f"{prefix}{name}" for name in one.diff_files + one.funny_files]
    for name, sub in one.subdirs.items():
        found += _differences(sub, f"{prefix}{name}/")
    return found


class _ShallowFalse(filecmp.dircmp):
    """dircmp comparing file contents, not just size and date."""

    def phase3(self):
        self.same_files, self.diff_files, self.funny_files = filecmp.cmpfiles(
            self.left, self.right, self.common_files, shallow=False)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    builds = []
    for folder in ("one", "two/deeper/than/the/first"):
        project = copy_project(tmp_path_factory.mktemp("repro") / folder)
        assert not (project / ".cache").exists()
        result = mkdocs_build(project, project / "site", env={"PUENTE_PDF": "1"})
        assert result.returncode == 0, result.stderr[-4000:]
        builds.append((project, result.stderr))
    return builds


def test_two_builds_in_different_folders_are_byte_identical(two_builds):
    (first, first_log), (second, second_log) = two_builds
    count = len(pdfs.jobs(first / "site"))
    assert count >= 14
    for log in (first_log, second_log):   # both rendered every PDF: nothing came from a cache
        assert f"{count} PDFs in" in log and f"{count} rendered, 0 unchanged" in log, log[-1500:]
    differences = _differences(_ShallowFalse(first / "site", second / "site"))
    assert not differences, differences


def test_nothing_published_names_the_build_folder_or_time(two_builds):
    (project, _log), _ = two_builds
    site = project / "site"
    today = dt.date.today()
    # A page reviewed today may say so; only a date nothing in the sources gives is the build's.
    sources = " ".join(p.read_text(encoding="utf-8") for p in [*(ROOT / "docs").rglob("*.md"),
                                                               *(ROOT / "data").glob("*.yml")])
    stamps = [s for s in (today.isoformat(), today.strftime("D:%Y%m%d")) if today.isoformat() not in sources]
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        assert str(project).encode() not in data, path.relative_to(site)
        if path.suffix in (".pdf", ".html", ".xml"):
            assert b"file:" not in data, path.relative_to(site)
        for stamp in stamps:
            assert stamp.encode() not in data, f"{path.relative_to(site)} carries the build date {stamp}"
    for job in pdfs.jobs(site):
        dates = set(re.findall(rb"/(?:CreationDate|ModDate) \(D:(\d{8})", job.pdf.read_bytes()))
        assert dates == {job.reviewed.replace("-", "").encode()}, (job.url_path, dates)


def test_pdf_dates_come_from_the_review_date_or_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert pdfs.pdf_date("2026-11-28") == dt.datetime(2026, 11, 28, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert pdfs.pdf_date("2026-11-28") == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)


def test_the_cache_key_covers_fonts_chromium_settings_and_address(site):
    job = next(j for j in pdfs.jobs(site) if j.kind == "flyer")
    base = "https://example.org/"
    environment = pdfs.environment_key()
    assert "fonts " in environment and "chromium " in environment and pdfs.SETTINGS in environment
    key = pdfs.cache_key(job, base, environment)
    assert pdfs.cache_key(job, "https://other.example/", environment) != key
    assert pdfs.cache_key(job, base, environment + " other fonts") != key
    assert pdfs.cache_key(job, base, environment) == key
