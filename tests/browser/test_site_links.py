"""The real site's links and published addresses, PDFs included (the flyers are printed by Chromium)."""

from __future__ import annotations

import warnings

from conftest import ROOT
from puente.checks import linkcheck, published_urls
from site_tools import LANGUAGES


def test_real_site_has_no_broken_or_wrong_language_link(site):
    report = check(site)
    assert report.pages > 20 and report.links > 500
    assert not report.problems, "\n".join(map(str, report.problems))


def test_published_urls_are_all_still_served(site):
    listed = published_urls.read(ROOT / published_urls.LIST)
    assert len(listed) > 40, f"{published_urls.LIST} is missing or empty: run `make urls`"
    gone = published_urls.missing(site, listed, LANGUAGES)
    assert not gone, "\n".join(gone)
    new = sorted(set(published_urls.collect(site, ROOT / "docs")) - set(listed))
    if new:
        warnings.warn(f"{len(new)} new public URLs (e.g. {new[0]}) are not in {published_urls.LIST}: "
                      "run `make urls` to add them", stacklevel=1)


def test_published_urls_cover_both_languages_and_heading_ids(site):
    urls = published_urls.collect(site, ROOT / "docs")
    assert "/" in urls and "/en/" in urls
    assert "/derechos/salario/#horas-extra" in urls and "/en/derechos/salario/#horas-extra" in urls
    assert not [u for u in urls if "404" in u]


def check(site, project=ROOT):
    return linkcheck.run(site, project=project)
