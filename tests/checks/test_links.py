"""The link check (scripts/puente/linkcheck.py) and published addresses (published_urls.py).

The real site must pass clean; fixture sites (temporary copies of the project built for real,
copies of the built site, or small hand-written HTML trees) carry each kind of breakage, and
each must be caught with a message naming the Markdown file and line to fix.
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import ClassVar

import pytest

from conftest import ROOT, copy_project, mkdocs_build
from puente.checks import linkcheck, linkcheck_online, published_urls
from puente.commands import translations
from puente.features import redirects
from site_tools import LANGUAGES


def check(site: Path, project: Path = ROOT) -> linkcheck.Report:
    return linkcheck.run(site, project=project)


def by_kind(report: linkcheck.Report) -> dict[str, list[linkcheck.Problem]]:
    found: dict[str, list[linkcheck.Problem]] = {}
    for problem in report.problems:
        found.setdefault(problem.kind, []).append(problem)
    return found


# -- a real build with planted breakage --------------------------------------------------------------

PLANTED = {
    "missing-page": '<a href="../no-existe/">página que no existe</a>',
    "missing-anchor": '<a href="../seguridad/#no-existe">ancla que no existe</a>',
    "cross-language": '<a href="https://example.org/en/derechos/seguridad/">English page</a>',
    "bad-phone": '<a href="tel:+521234">número inválido</a>',
    "http": '<a href="http://www.dol.gov/agencies/whd">sin https</a>',
    "missing-file": '<img src="../../assets/no-existe.png" alt="">',
}
ALLOWED = "[English version](lang:en:derechos/salario.md#horas-extra)"
UNTRANSLATED = "sobre"


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory):
    """The project with one broken link of each kind (raw HTML, which MkDocs does not validate)
    and one deliberate cross-language link, built for real."""
    project = copy_project(tmp_path_factory.mktemp("planted"))
    (project / f"docs/{UNTRANSLATED}.en.md").unlink()   # served in Spanish at /en/sobre/, with a notice
    page = project / "docs/derechos/salario.es.md"
    lines = page.read_text(encoding="utf-8").rstrip("\n").split("\n")
    where = {}
    for kind, html in PLANTED.items():
        lines += ["", html]
        where[kind] = len(lines)
    lines += ["", ALLOWED]
    where["allowed"] = len(lines)
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return project, where


@pytest.mark.parametrize("kind", sorted(PLANTED))
def test_planted_breakage_is_caught_at_its_markdown_line(planted_site, kind):
    project, where = planted_site
    found = by_kind(check(project / "site", project))
    assert kind in found, f"{kind} not reported; got {sorted(found)}"
    problem = next(p for p in found[kind] if p.page == "/derechos/salario/")
    assert (problem.source, problem.line) == ("docs/derechos/salario.es.md", where[kind]), str(problem)
    assert str(problem).startswith(f"docs/derechos/salario.es.md:{where[kind]}: ")
    assert "fix: " in str(problem)


def test_planted_page_reports_nothing_else(planted_site):
    project, _ = planted_site
    problems = [p for p in check(project / "site", project).problems if p.page == "/derechos/salario/"]
    assert sorted(p.kind for p in problems) == sorted(PLANTED), "\n".join(map(str, problems))


def test_a_page_not_yet_translated_passes_the_link_check(planted_site):
    """`make build` publishes a Spanish page before its translation: the English address serves it
    with a notice, and its links to the original are not links into the other language."""
    project, _ = planted_site
    stand_in = f"/en/{UNTRANSLATED}/"
    html = (project / f"site{stand_in}index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="https://example.org/{UNTRANSLATED}/">' in html
    problems = [p for p in check(project / "site", project).problems if p.page == stand_in]
    assert not problems, "\n".join(map(str, problems))


def test_deliberate_cross_language_link_is_expanded_and_allowed(planted_site):
    project, _ = planted_site
    html = (project / "site/derechos/salario/index.html").read_text(encoding="utf-8")
    assert ('<a href="../../en/derechos/salario/#horas-extra" hreflang="en" class="puente-lang">'
            'English version</a>') in html


@pytest.mark.parametrize("link, complaint", [
    ("[English](lang:en:derechos/no-existe.md)", "does not exist"),
    ("[English](lang:en:derechos/salario.md#no-existe)", "does not declare"),
    ("[Español](lang:es:derechos/salario.md)", "own language"),
    ("[Français](lang:fr:derechos/salario.md)", "unknown language"),
    ("[English](lang:en:/derechos/salario/)", "without language suffix"),
])
def test_bad_cross_language_link_fails_the_build(project_copy, tmp_path, link, complaint):
    page = project_copy / "docs/sobre.es.md"
    text = page.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{link}\n"
    page.write_text(text, encoding="utf-8")
    line = text.count("\n")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert f"docs/sobre.es.md:{line}: " in result.stderr and complaint in result.stderr, result.stderr[-2000:]


# -- redirects and published addresses ------------------------------------------------------------------

def set_redirects(project: Path, maps: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "redirect_maps: {}" in text, "mkdocs.yml no longer has an empty redirect_maps: update this test"
    config.write_text(text.replace("redirect_maps: {}", "redirect_maps:\n" + maps), encoding="utf-8")


def test_redirect_keeps_an_old_address_in_both_languages(project_copy, tmp_path):
    set_redirects(project_copy, "        derechos/pago.md: derechos/salario.md#horas-extra\n")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-3000:]
    site = tmp_path / "out"
    for old, new in (("derechos/pago", "../salario/#horas-extra"), ("en/derechos/pago", "../salario/#horas-extra")):
        assert f'url={new}"' in (site / old / "index.html").read_text(encoding="utf-8")
    listed = ["/derechos/pago/", "/en/derechos/pago/", "/derechos/salario/#horas-extra"]
    assert published_urls.missing(site, listed, LANGUAGES) == []
    problems = [p for p in check(site, project_copy).problems if "pago" in p.page or "pago" in p.url]
    assert not problems, "\n".join(map(str, problems))


def test_removed_page_without_redirect_fails_naming_the_url(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    shutil.rmtree(copy / "en/derechos/salario")
    html = copy / "derechos/salario/index.html"
    html.write_text(html.read_text(encoding="utf-8").replace('id="horas-extra"', 'id="horas-extras"'),
                    encoding="utf-8")
    gone = published_urls.missing(copy, published_urls.read(ROOT / published_urls.LIST), LANGUAGES)
    assert any(g.startswith("published URL /en/derechos/salario/ no longer exists") and "redirect_maps" in g
               for g in gone), gone
    assert any(g.startswith("published URL /derechos/salario/#horas-extra: ") and "{#horas-extra}" in g
               for g in gone), gone


def test_redirect_loop_in_config_fails_the_build(project_copy, tmp_path):
    set_redirects(project_copy, "        viejo.md: antiguo.md\n        antiguo.md: viejo.md\n")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    line = next(n for n, text in enumerate((project_copy / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1)
                if text.strip().startswith("viejo.md:"))
    assert f"mkdocs.yml:{line}: redirect_maps: redirect loop viejo.md -> antiguo.md -> viejo.md" in result.stderr, \
        result.stderr[-2000:]


def test_redirect_over_an_existing_page_or_to_nowhere_fails():
    with pytest.raises(redirects.RedirectError, match="still a page"):
        redirects.check_maps({"sobre.md": "index.md"}, {"sobre.md", "index.md"})
    with pytest.raises(redirects.RedirectError, match="not a page"):
        redirects.check_maps({"viejo.md": "nada.md"}, {"index.md"})


@pytest.mark.parametrize("maps, complaint", [
    ({"../../../tmp/fuera.md": "sobre.md"}, "'../../../tmp/fuera.md' is not a page name"),
    ({"/etc/viejo.md": "sobre.md"}, "is not a page name"),
    ({"Viejo.md": "sobre.md"}, "is not a page name"),
    ({"viejo.md": 'https://example.org/"+alert(document.domain)+"'}, "contains '\"'"),
    ({"viejo.md": "https://example.org/</script>"}, "contains '<'"),
    ({"viejo.md": "https://user@example.org/"}, "user name"),
    ({"viejo.md": 'sobre.md#"+alert(1)+"'}, "is not a heading id"),
])
def test_a_redirect_is_from_a_page_name_to_a_page_or_a_clean_address(maps, complaint):
    """An old address becomes a file of the site and a target is written into the redirect page's
    script: neither may carry a path out of the site or a quote."""
    with pytest.raises(redirects.RedirectError, match="redirect_maps: ") as raised:
        redirects.check_maps(maps, {"sobre.md", "index.md"})
    assert complaint in str(raised.value)


def test_a_redirect_out_of_the_site_folder_fails_the_build_and_writes_nothing(project_copy, tmp_path):
    site, outside = tmp_path / "site" / "out", tmp_path / "fuera"
    old = os.path.relpath(outside, site) + ".md"   # ../../fuera.md: mkdocs-redirects writes fuera/index.html
    set_redirects(project_copy, f"        {old}: sobre.md\n")
    result = mkdocs_build(project_copy, site)
    assert result.returncode != 0
    assert f"redirect_maps: '{old}' is not a page name" in result.stderr, result.stderr[-2000:]
    assert not outside.exists()


# -- hand-written HTML trees: the checker on its own -------------------------------------------------------

def write_site(root: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return root


def page(body: str, nav: str = "", head: str = "") -> str:
    return (f'<html><head>{head}</head><body>{nav}'
            f'<article class="md-content__inner md-typeset">\n{body}\n</article><h2 id="top">x</h2></body></html>')


@pytest.fixture
def tree(tmp_path):
    """A tiny built site and its docs: / (es), /en/ and /a/ in both languages."""
    docs = tmp_path / "project/docs"
    (tmp_path / "project/data").mkdir(parents=True)
    for name in ("link-hosts.txt", "contacts.yml"):
        shutil.copy2(ROOT / "data" / name, tmp_path / "project/data" / name)
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "project/mkdocs.yml")   # which languages there are
    write_site(docs, {"index.es.md": "# Inicio\n", "index.en.md": "# Home\n", "a.es.md": "# A\n",
                      "a.en.md": "# A\n"})
    site = write_site(tmp_path / "site", {
        "index.html": page('<a href="a/#top">a</a>', head='<link rel="canonical" href="https://example.org/">'),
        "en/index.html": page('<a href="a/">a</a>'),
        "a/index.html": page('<p>a</p>'),
        "en/a/index.html": page('<p>a</p>'),
        "assets/logo.png": "png",
    })
    return site, tmp_path / "project"


def run_tree(tree, body: str, nav: str = "", markdown: str = "# A\n"):
    site, project = tree
    (site / "a/index.html").write_text(page(body, nav), encoding="utf-8")
    (project / "docs/a.es.md").write_text(markdown, encoding="utf-8")
    return check(site, project)


def test_tree_is_clean(tree):
    assert not check(*tree).problems


@pytest.mark.parametrize("body, kind", [
    ('<a href="../nada/">x</a>', "missing-page"),
    ('<a href="../#nada">x</a>', "missing-anchor"),
    ('<a href="/en/a/">x</a>', "cross-language"),
    ('<a href="https://example.org/en/">x</a>', "cross-language"),
    ('<a href="../en/a/" hreflang="en">x</a>', "cross-language"),   # hreflang alone is not enough
    ('<img src="../assets/nada.png">', "missing-file"),
    ('<a href="tel:+1555">x</a>', "bad-phone"),
    ('<a href="tel:18664879243">x</a>', "bad-phone"),              # not international form
    ('<a href="sms:+5212?body=hola">x</a>', "bad-phone"),
    ('<a href="https://wa.me/5212">x</a>', "bad-phone"),
    ('<a href="mailto:nadie@">x</a>', "bad-mailto"),
    ('<a href="http://www.osha.gov/">x</a>', "http"),
    ('<a href="https://malo.example.com/">x</a>', "unknown-host"),
    ('<a href="javascript:alert(1)">x</a>', "unknown-scheme"),
    ('<a href="lang:en:a.md">x</a>', "unknown-scheme"),
])
def test_checker_catches(tree, body, kind):
    report = run_tree(tree, body, markdown=f"# A\n\nTexto.\n\n{body}\n")
    assert [p.kind for p in report.problems] == [kind], "\n".join(map(str, report.problems))
    assert (report.problems[0].source, report.problems[0].line) == ("docs/a.es.md", 5)


@pytest.mark.parametrize("body", [
    '<a href="../en/a/" hreflang="en" class="md-select__link">English</a>',
    '<a href="../en/a/" hreflang="en" class="puente-lang">English version</a>',
    '<link rel="alternate" href="../en/a/" hreflang="en">',
    '<a href="tel:+18664879243">x</a>', '<a href="tel:+52-800-911-7877">x</a>',
    '<a href="sms:?body=Puente%20Laboral">x</a>', '<a href="sms:+18664879243?body=hola">x</a>',
    '<a href="https://wa.me/?text=hola">x</a>', '<a href="https://wa.me/18664879243">x</a>',
    '<a href="mailto:info@example.org?subject=hola">x</a>', '<a href="mailto:?subject=hola">x</a>',
    '<a href="https://www.dol.gov/agencies/whd">x</a>', '<a href="https://example.org/a/#top">x</a>',
    '<img src="../assets/logo.png" srcset="../assets/logo.png 2x">', '<a href="#top">x</a>',
    '<!-- <a href="../nada/">commented out</a> --><script>var x = "<a href=\'../nada/\'>";</script>',
])
def test_checker_allows(tree, body):
    report = run_tree(tree, body)
    assert not report.problems, "\n".join(map(str, report.problems))


def test_template_links_are_named_as_such(tree):
    report = run_tree(tree, "<p>a</p>", nav='<nav><a href="../nada/">menu</a></nav>')
    assert len(report.problems) == 1 and report.problems[0].source.startswith("a template")


def test_shortcode_link_points_at_the_shortcode_line(tree):
    _site, project = tree
    (project / "data/link-hosts.txt").write_text("osha.gov\n", encoding="utf-8")
    body = '<a href="https://www.dol.gov/agencies/whd">WHD</a>'
    report = run_tree(tree, body, markdown="# A\n\nTexto.\n\nVea [[web:whd]].\n")
    assert [(p.kind, p.line) for p in report.problems] == [("unknown-host", 5)]


def test_redirect_loop_in_built_html_is_caught(tree):
    site, project = tree
    refresh = '<html><head><meta http-equiv="refresh" content="0; url={}"></head></html>'
    write_site(site, {"x/index.html": refresh.format("../y/"), "y/index.html": refresh.format("../x/")})
    (site / "a/index.html").write_text(page('<a href="../x/">x</a>'), encoding="utf-8")
    kinds = [p.kind for p in check(site, project).problems]
    assert kinds.count("redirect-loop") == 3, kinds  # the link and both redirect pages




# -- --online, against a local server (the tests never touch the internet) ----------------------------------

class _Handler(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[dict] = {}

    def log_message(self, *args):
        pass

    def answer(self):
        type(self).hits[self.path] = type(self).hits.get(self.path, 0) + 1
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/gone":
            self.send_response(404)
        elif self.path == "/busy" and type(self).hits[self.path] == 1:
            self.send_response(429)
            self.send_header("Retry-After", "0")
        elif self.path == "/down":
            self.send_response(503)
        elif self.path == "/slow":
            time.sleep(1.5)
            self.send_response(200)
        else:
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = answer


@pytest.fixture
def local_server():
    _Handler.hits = {}
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_online_check_against_a_local_server(local_server, tmp_path):
    urls = [f"{local_server}/{name}" for name in ("ok", "moved", "gone", "busy", "down", "slow")]
    cache = tmp_path / "linkcheck.json"
    results = {r.url.rsplit("/", 1)[1]: r for r in linkcheck_online.check_urls(
        urls, cache, timeout=0.5, retries=2, backoff=0.05, per_host_interval=0.1)}
    assert (results["ok"].status, results["ok"].problem) == (200, None)
    assert results["moved"].status == 301 and not results["moved"].is_error
    assert results["moved"].location == f"{local_server}/ok" and "link the new address" in results["moved"].problem
    assert results["gone"].is_error and "404" in results["gone"].problem
    assert (results["busy"].status, results["busy"].attempts, results["busy"].problem) == (200, 2, None)
    assert results["down"].is_error and results["down"].attempts == 3 and _Handler.hits["/down"] == 3
    assert results["slow"].is_error and "no answer within 0.5 s" in results["slow"].problem

    hits = dict(_Handler.hits)
    again = {r.url.rsplit("/", 1)[1]: r for r in linkcheck_online.check_urls(
        urls, cache, timeout=0.5, retries=0, per_host_interval=0)}
    assert again["ok"].from_cache and again["moved"].from_cache and again["busy"].from_cache
    assert not again["gone"].from_cache and _Handler.hits["/gone"] == hits["/gone"] + 1
    assert _Handler.hits["/ok"] == hits["/ok"]


class _FakeClock:
    """A clock that only moves when the code under test sleeps (or a request "takes" time)."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_requests_to_one_host_are_paced(local_server):
    """The pacer lets each address go at least ``interval`` after the previous one to the same
    host, measured on its own clock, not the machine's (retries are urllib3's, with backoff)."""
    clock = _FakeClock()
    pacer = linkcheck_online.Pacer(1.0, clock=clock, sleep=clock.sleep)
    for name in ("ok", "busy", "moved", "ok2"):
        linkcheck_online.fetch(f"{local_server}/{name}", timeout=2, retries=2, backoff=0.0, pacer=pacer)
        clock.now += 0.25   # time spent between two addresses
    assert len(pacer.started) == 4, pacer.started
    gaps = [b - a for a, b in zip(pacer.started, pacer.started[1:], strict=False)]
    assert gaps == [1.0] * 3, gaps
    unpaced = linkcheck_online.Pacer(0.0, clock=clock, sleep=clock.sleep)
    unpaced.wait()
    unpaced.wait()
    assert unpaced.started[1] - unpaced.started[0] == 0.0


def test_fallback_page_may_name_its_original_as_canonical(tree):
    site, project = tree
    (site / "en/a/index.html").write_text(page("<p>a</p>", head='<link rel="canonical" href="../../a/">'),
                                          encoding="utf-8")
    assert not check(site, project).problems
    (site / "en/a/index.html").write_text(page("<p>a</p>", head='<link rel="canonical" href="../../">'),
                                          encoding="utf-8")
    assert [p.kind for p in check(site, project).problems] == ["cross-language"]


def test_a_stand_in_page_may_link_its_original_and_nothing_else_across(tree):
    """An English address serving the Spanish page until it is translated names the original in
    its canonical link, its link preview and its share link; a translated page may not, and the
    stand-in may not link other pages of the other language."""
    site, project = tree
    share = '<a href="../../a/">Copy the link</a>'
    preview = '<meta property="og:url" content="https://example.org/a/">'
    stand_in = '<link rel="canonical" href="https://example.org/a/">' + preview
    (site / "en/a/index.html").write_text(page(share, head=stand_in), encoding="utf-8")
    assert not check(site, project).problems
    (site / "en/a/index.html").write_text(page(share + '<a href="../../">Inicio</a>', head=stand_in),
                                          encoding="utf-8")
    assert [(p.kind, p.url) for p in check(site, project).problems] == [("cross-language", "../../")]
    translated = '<link rel="canonical" href="https://example.org/en/a/">' + preview
    (site / "en/a/index.html").write_text(page(share, head=translated), encoding="utf-8")
    assert [(p.kind, p.url) for p in check(site, project).problems] == [
        ("cross-language", "https://example.org/a/"), ("cross-language", "../../a/")]


def test_a_link_that_passed_on_one_page_is_still_checked_on_the_next(tree):
    """The checker remembers the template links that passed (the same tag on every page) only where
    the verdict holds for the next page too: the same tag resolving elsewhere, or allowed across
    languages only on a stand-in or a 404 page, is checked again."""
    site, project = tree
    nav = '<a href="../a/">a</a><a href="/a/">a</a><a href="https://example.org/a/" hreflang="es">es</a>'
    (site / "en/a/index.html").write_text(page("<p>a</p>", nav=nav, head='<link rel="canonical" href="../../a/">'),
                                          encoding="utf-8")
    write_site(site, {"en/b/index.html": page("<p>b</p>", nav=nav), "en/a/b/index.html": page("<p>b</p>", nav=nav),
                      "404.html": page('<a href="https://example.org/en/a/" hreflang="en">en</a>'),
                      "b/index.html": page('<a href="https://example.org/en/a/" hreflang="en">en</a>')})
    found = sorted((p.page, p.kind, p.url) for p in check(site, project).problems)
    assert found == [
        ("/b/", "cross-language", "https://example.org/en/a/"),   # allowed on the 404 page only
        ("/en/a/b/", "cross-language", "/a/"),                     # the stand-in /en/a/ may link /a/
        ("/en/a/b/", "cross-language", "https://example.org/a/"),
        ("/en/a/b/", "missing-page", "../a/"),                     # /en/a/ from /en/b/, /en/a/a/ from here
        ("/en/b/", "cross-language", "/a/"), ("/en/b/", "cross-language", "https://example.org/a/"),
    ], found


@pytest.mark.parametrize("url", ["../a/", "../../a/b/#c", "../../../../x.png", "a/", "a/b.html?q=1#top",
                                 "./a/", "../a/../b/", "../", "..", "#top", "", "../a//b/", "a/./b/"])
@pytest.mark.parametrize("base", ["/", "/en/", "/s01/p0004/", "/en/s01/p0004/", "/404.html", "/en/a/b.html"])
def test_a_relative_address_lands_on_the_ancestor_its_climb_names(base, url):
    """What the remembered verdicts rest on: an address of plain form (Target.ups >= 0) resolves
    to ancestor ``ups`` of the page's folder followed by the rest, as the full resolution says."""
    checker = linkcheck.Checker(Path("/nowhere"), languages=LANGUAGES)
    checker._own_base = "/"
    ups = linkcheck.ups_of(url)
    if ups < 0:
        return
    folder = base if base.endswith("/") else base.rsplit("/", 1)[0] + "/"
    parts = folder[:-1].split("/")
    ancestor = "/".join(parts[:max(len(parts) - ups, 1)]) + "/"
    assert checker.resolve(base, url) == ancestor + url[3 * ups:]


def test_sitemap_addresses_must_exist(tree):
    site, project = tree
    (site / "sitemap.xml").write_text(
        '<urlset><url><loc>https://example.org/a/</loc>'
        '<xhtml:link rel="alternate" hreflang="en" href="https://example.org/en/nada/"/></url></urlset>',
        encoding="utf-8")
    problems = check(site, project).problems
    assert [(p.kind, p.url) for p in problems] == [("sitemap", "https://example.org/en/nada/")]
    assert problems[0].source.startswith("the sitemap")


def test_command_line_exit_status_and_message(planted_site):
    project, where = planted_site
    puente = Path(sys.executable).parent / "puente"   # the console script pyproject.toml declares
    result = subprocess.run([str(puente), "linkcheck", str(project / "site")],
                            capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 1
    for kind, line in where.items():
        if kind != "allowed":
            assert f"docs/derechos/salario.es.md:{line}: " in result.stdout, (kind, result.stdout)
    assert f"salario.es.md:{where['allowed']}:" not in result.stdout
    assert "errors" in result.stderr and "checked in" in result.stderr


def test_checker_finds_every_error_planted_in_the_synthetic_site(tmp_path):
    """The benchmark's site, small: every planted broken link is found, and nothing else."""
    from puente.bench import synthetic_site

    made = synthetic_site.generate(tmp_path / "project", 12, plant_errors=True)
    assert sorted(p["kind"] for p in made["planted"]) == sorted(synthetic_site.PLANTED_KINDS)
    result = mkdocs_build(tmp_path / "project", tmp_path / "project/site")
    assert result.returncode == 0, result.stderr[-3000:]
    report = check(tmp_path / "project/site", tmp_path / "project")
    found = {(p.page, p.url, p.source, p.line) for p in report.problems}
    assert found == {(p["page"], p["href"], p["source"], p["line"]) for p in made["planted"]}, \
        "\n".join(map(str, report.problems))
    html = (tmp_path / "project/site/s01/p0001/index.html").read_text(encoding="utf-8")
    assert 'href="../../en/s01/p0001/#ley" hreflang="en" class="puente-lang"' in html


def test_link_from_a_block_shortcode_points_at_the_shortcode(tree):
    body = '<div><a class="pl-flyer" href="../nada/volante.pdf" type="application/pdf">x</a></div>'
    report = run_tree(tree, body, markdown="# A\n\nVolantes para imprimir:\n\n[[flyers]]\n\nY [nada](nada.md).\n")
    assert [(p.kind, p.source, p.line) for p in report.problems] == [("missing-file", "docs/a.es.md", 5)]


def test_fast_tokenizer_agrees_with_the_standard_html_parser(site):
    """The checker's regular-expression tokenizer sees the same ids and links as html.parser."""
    from html_tools import html_pages, tags

    for file in html_pages(site):
        text = file.read_text(encoding="utf-8")
        parsed = linkcheck.parse(text, "/", file)
        ids, links = set(), set()
        for tag, attrs, _line in tags(text):
            if "id" in attrs:
                ids.add(attrs["id"])
            links.update((tag, attr, attrs[attr]) for attr in ("href", "src") if attr in attrs)
        assert parsed.ids == ids, (file, ids ^ parsed.ids)
        ours = {(link.tag, link.attr, link.url) for link in parsed.links if link.attr in ("href", "src")}
        assert ours == links, (file, ours ^ links)


def test_link_preview_addresses_are_checked(tree):
    site, project = tree
    head = ('<meta property="og:url" content="https://example.org/a/">'
            '<meta property="og:image" content="https://example.org/assets/nada.png">')
    (site / "a/index.html").write_text(page("<p>a</p>", head=head), encoding="utf-8")
    assert [(p.kind, p.url) for p in check(site, project).problems] == [
        ("missing-file", "https://example.org/assets/nada.png")]
    head = '<meta property="og:url" content="https://example.org/en/a/">'
    (site / "a/index.html").write_text(page("<p>a</p>", head=head), encoding="utf-8")
    assert [p.kind for p in check(site, project).problems] == ["cross-language"]


def test_the_languages_come_from_the_configuration(tree):
    """A French page linking to a Spanish page is reported once mkdocs.yml builds French, as an
    English page would be: the check asks the project which languages exist."""
    site, project = tree
    write_site(site, {"fr/a/index.html": page('<a href="../../a/">a</a>')})
    write_site(project / "docs", {"a.fr.md": "# A\n\n[a](lang:es:a.md)\n"})
    assert not [p for p in check(site, project).problems if p.kind == "cross-language"]
    translations.insert_language_entry(project / "mkdocs.yml", "fr", "Français")
    problems = [p for p in check(site, project).problems if p.kind == "cross-language"]
    assert [(p.page, p.url) for p in problems] == [("/fr/a/", "../../a/")], problems
