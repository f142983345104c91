"""Content-Security-Policy (scripts/puente/features/csp.py): every page, served with the policy of
_headers as a real header and its own <meta>, runs in Chromium without a single violation, with
search opened and used; an inline script the build did not hash is blocked and reported."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from browser_tools import pages_loading, settle
from puente.features import csp
from puente.tools import static_server

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
QUERY = {"es": "salario", "en": "wages"}
# Recorded before any page script runs (Playwright injects it outside the page's CSP).
LISTEN = """window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(
  [e.effectiveDirective, e.blockedURI, e.sourceFile, e.lineNumber, e.columnNumber, e.sample].join(" ")));"""


def _pages(site: Path) -> list[str]:
    return ["/" + p.relative_to(site).as_posix().removesuffix("index.html") for p in sorted(site.rglob("*.html"))]


def _listen(page) -> None:
    """Collect the page's console messages about the policy."""
    page.console_csp = []
    page.on("console", lambda m: page.console_csp.append(m.text) if "Content Security Policy" in m.text else None)


def _finish(page, search: str | None) -> list[str]:
    """Once the page is idle, use search (if asked), then the violations it saw."""
    settle(page)
    if search:
        page.click("label.md-header__button[for=__search]")
        page.fill(".md-search__input", search)
        page.wait_for_function(
            "q => document.querySelector('.md-search-result__meta').dataset.plQuery === q "
            "&& document.querySelectorAll('.md-search-result__link').length > 0", arg=search, timeout=10000)
    found = page.evaluate("window.__csp") + [f"console: {text}" for text in page.console_csp]
    page.close()
    return found


def _violations(context, url: str, search: str | None) -> list[str]:
    (_url, page), = pages_loading(context, "", [url], _listen)
    return _finish(page, search)


@pytest.fixture(scope="module")
def csp_context(browser):
    context = browser.new_context(**PHONE)
    context.add_init_script(LISTEN)
    yield context
    context.close()


@pytest.mark.browser
def test_every_page_runs_without_a_csp_violation_with_search_used(site, server, csp_context):
    """Every page is loaded (its inline scripts run, each allowed by its own hash); search is used
    once per language and policy apart from those hashes: the search script is one file, so what it
    may do depends only on the other directives."""
    pages = _pages(site)
    assert len(pages) > 30
    problems, searched = [], set()
    for path, page in pages_loading(csp_context, server, pages, _listen):
        lang = "en" if path.startswith("/en/") else "es"
        policy = (lang, _policy(site, path))
        search = QUERY[lang] if "404" not in path and policy not in searched else None
        if search:
            searched.add(policy)
        problems += [f"{path}: {violation}" for violation in _finish(page, search)]
    assert {lang for lang, _policy in searched} == {"es", "en"}, searched
    assert not problems, "\n".join(problems)


def _policy(site: Path, path: str) -> str:
    file = site / path.lstrip("/") / "index.html" if path.endswith("/") else site / path.lstrip("/")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">',
                       file.read_text(encoding="utf-8")).group(1)
    return re.sub(r"'sha256-[^']*'\s*", "", policy)


def test_the_policy_is_sent_as_a_header(site, server):
    import urllib.request

    with urllib.request.urlopen(server + "/derechos/salario/") as response:
        header = response.headers["Content-Security-Policy"]
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">',
                     (site / "derechos/salario/index.html").read_text(encoding="utf-8")).group(1)
    assert header == meta + "; frame-ancestors 'none'"


@pytest.mark.browser
def test_an_unhashed_inline_script_is_one_violation(site, browser, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.pdf", "*.png"))
    page = copy / "derechos/salario/index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</body>", '<script>document.title = "planted"</script></body>', 1),
                    encoding="utf-8")
    context = browser.new_context(**PHONE)
    context.add_init_script(LISTEN)
    with static_server.serve(copy) as url:
        blocked = _violations(context, url + "/derechos/salario/", None)
        title = context.new_page()
        title.goto(url + "/derechos/salario/")
        assert title.title() != "planted", "the planted script ran"
    context.close()
    events = [v for v in blocked if not v.startswith("console: ")]
    # One blocked script; Chromium reports it once per policy that blocks it (the header and the meta).
    assert len({(v.split(" ")[0], *v.split(" ")[2:5]) for v in events}) == 1, "\n".join(blocked)
    assert all(v.startswith("script-src-elem inline") for v in events), events


def test_an_svg_opened_on_its_own_runs_nothing(site, browser, tmp_path):
    """The build refuses an SVG with a script (core/svg_safety.py); should one reach /assets/ on
    the host anyway, the site's _headers give it a policy under which it runs and loads nothing."""
    copy = tmp_path / "site"
    (copy / "assets").mkdir(parents=True)
    shutil.copy2(site / "_headers", copy / "_headers")
    (copy / "assets/mapa.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>mapa</title>'
        '<script>document.title = "planted"</script><rect width="10" height="10"/></svg>', encoding="utf-8")
    page = browser.new_page()
    with static_server.serve(copy) as url:
        response = page.goto(url + "/assets/mapa.svg")
        assert "sandbox" in response.headers.get("content-security-policy", "")
        page.wait_for_load_state("load")
        assert page.title() == "mapa", "the planted script ran"
    page.close()


def test_headers_have_every_page_and_the_safe_headers(site):
    rules = static_server.read_rules((site / static_server.HEADERS_FILE).read_text(encoding="utf-8"))
    for path in _pages(site):
        headers = static_server.headers_for(rules, path)
        policy = headers.get("Content-Security-Policy", "")
        assert "frame-ancestors 'none'" in policy and "'unsafe-inline'" not in policy, path
        assert "default-src 'self'" in policy and "'wasm-unsafe-eval'" in policy, path
        assert headers.get("X-Content-Type-Options") == "nosniff", path
        assert headers.get("Referrer-Policy") and headers.get("Permissions-Policy"), path


def test_every_inline_script_and_style_is_hashed_in_its_page(site):
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        assert meta, f"{page}: no CSP meta"
        assert "frame-ancestors" not in meta.group(1)
        assert html.index(meta.group(0)) < html.find("<script"), f"{page}: a script comes before the policy"
        scripts, styles = csp.inline_hashes(html)
        assert all(h in meta.group(1) for h in scripts + styles), page
