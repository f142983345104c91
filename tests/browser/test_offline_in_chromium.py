"""Offline reading in Chromium (scripts/puente/features/offline/sw.js): the real service worker of
the built site, the network cut with Playwright's ``context.set_offline(True)``.

A page once read reloads offline from the worker (``response.from_service_worker``) with the date
it was saved; "Save for offline reading" makes the language's essentials readable offline and
"Delete saved pages" empties the caches; a page never saved gives the offline page in the
language of its address, listing that language's saved pages and never a page of another
language; a new build's worker replaces the old copies; the same under a sub-path ``SITE_URL``;
no Content-Security-Policy violation; no request of it in the first view (the worker is
registered after the load). Every context refuses addresses other than 127.0.0.1
(tests/conftest.py); that routing turns off Chromium's HTTP cache, so the page that registers
the worker is not kept here (a real browser keeps it from that cache): the tests open pages once
the worker is in control.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import time
from pathlib import Path

import pytest
from babel.dates import format_date

from puente.features.offline import worker
from puente.tools import static_server
from site_tools import SUBPATH_PREFIX

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
# Recorded before any page script runs (as tests/browser/test_csp.py does).
CSP_RECORDER = """window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(
  [e.effectiveDirective, e.blockedURI, e.sourceFile, e.lineNumber].join(" ")));"""

KEPT = """async (url) => {
  for (const name of await caches.keys()) {
    if (await (await caches.open(name)).match(url)) return true;
  }
  return false;
}"""
ONLY_BUILD = """async (build) => {
  const scope = (await navigator.serviceWorker.getRegistration()).scope;
  const names = (await caches.keys()).filter((name) => name.startsWith("puente " + scope + " "));
  return names.length > 0 && names.every((name) => name.endsWith(" " + build));
}"""
OUR_CACHES = """async () => {
  const scope = (await navigator.serviceWorker.getRegistration()).scope;
  return (await caches.keys()).filter((name) => name.startsWith("puente " + scope + " "));
}"""


def _until(page, script: str, arg=None, timeout: float = 20.0):
    """Poll an async page function until it returns a truthy value (``wait_for_function`` does not
    wait for a promise)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script, arg)
        if value or time.monotonic() > deadline:
            assert value, f"timed out waiting for {script[:80]!r} ({arg!r})"
            return value
        page.wait_for_timeout(100)


def _install(page, base: str):
    """The reader's first visit: the worker is registered after the load and takes control.

    A real browser then keeps that first page from its own HTTP cache (``only-if-cached``); the
    tests' routing guard disables Chromium's HTTP cache, so here the pages kept are those opened
    once the worker is in control (every later page, as for a reader)."""
    response = page.goto(base + "/", wait_until="load")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)
    return response


def _open(page, url: str):
    """Open ``url`` (the worker in control) and wait until the worker has kept it."""
    response = page.goto(url, wait_until="load")
    _until(page, KEPT, url)
    return response


def _press(page, action: str, expected: str) -> None:
    page.click(f"[data-pl-offline={action}]")
    page.wait_for_function("t => document.querySelector('.pl-offline__status').textContent === t",
                           arg=expected, timeout=30000)


def _styled(page) -> bool:
    """The page's stylesheet was served and applied (a failed stylesheet gives no sheet)."""
    return page.evaluate("[...document.styleSheets].some(s => s.href && s.cssRules.length > 100)")


def _date(lang: str) -> str:
    return format_date(dt.date.today(), format="long", locale=lang)


@pytest.fixture
def context(browser):
    context = browser.new_context(**PHONE)
    context.add_init_script(CSP_RECORDER)
    yield context
    context.close()


@pytest.fixture(scope="module")
def data(site):
    return worker.read(site)


def test_a_page_read_once_reloads_offline_from_the_worker(server, context):
    page = context.new_page()
    first = _install(page, server)
    assert not first.from_service_worker          # the first view comes from the network
    _open(page, server + "/derechos/salario/")
    title = page.title()
    context.set_offline(True)
    response = page.reload()
    assert response.from_service_worker and response.status == 200
    assert page.title() == title and _styled(page)
    note = page.locator("article .pl-saved-note").inner_text()
    assert _date("es") in note and note.startswith("Copia guardada el"), note
    context.set_offline(False)
    response = page.reload()
    assert response.from_service_worker and page.locator(".pl-saved-note").count() == 0   # network first
    assert page.evaluate("window.__csp") == []


def test_saved_essentials_are_readable_offline(server, context, data):
    page = context.new_page()
    _install(page, server)
    _press(page, "save", data["text"]["es"]["saved"])
    assert page.evaluate(KEPT, server + "/" + next(a for a in data["assets"] if "puente-listen" in a))
    context.set_offline(True)
    pages = [p for p in data["essentials"]["es"] if not p.startswith("assets/")]
    assert len(pages) >= 10
    titles = []
    for path in pages:
        response = page.goto(server + "/" + path)
        assert response.from_service_worker and response.status == 200, path
        assert page.evaluate("document.documentElement.lang") == "es" and _styled(page), path
        assert page.locator("article .pl-saved-note").count() == 1, path
        titles.append(page.locator("h1").first.inner_text())
    response = page.goto(server + "/glosario/")            # not an essential, never opened
    assert response.from_service_worker and response.status == 503
    assert page.locator("h1").inner_text() == "Sin conexión" and _styled(page)
    listed = page.locator("article li a").all_inner_texts()
    assert len(listed) == len(pages) and "Directorio de contactos" in listed, listed
    assert page.evaluate("window.__csp") == []


def test_delete_saved_pages_empties_the_cache(server, context, data):
    page = context.new_page()
    _install(page, server)
    _open(page, server + "/contactos/")
    _press(page, "save", data["text"]["es"]["saved"])
    assert len(page.evaluate(OUR_CACHES)) >= 2
    _press(page, "delete", data["text"]["es"]["deleted"])
    assert page.evaluate(OUR_CACHES) == []
    context.set_offline(True)
    response = page.goto(server + "/contactos/")
    assert response.from_service_worker and response.status == 503
    assert page.locator("article").inner_text().count("Todavía no hay páginas") == 1
    assert page.locator("article li").count() == 0


def test_the_offline_page_is_in_the_language_of_the_address(server, context):
    page = context.new_page()
    page.goto(server + "/en/", wait_until="load")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)
    _open(page, server + "/en/contactos/")
    _open(page, server + "/derechos/salario/")
    context.set_offline(True)
    page.goto(server + "/en/glosario/")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").inner_text() == "No connection"
    assert page.locator("article li a").all_inner_texts() == ["Contacts directory"]
    page.goto(server + "/glosario/")
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.locator("h1").inner_text() == "Sin conexión"
    assert page.locator("article li a").all_inner_texts() == ["Salario y horas extra"]
    links = page.eval_on_selector_all("article a", "els => els.map(a => a.href)")
    assert all(link.startswith(server + "/") and "/en/" not in link for link in links), links


def test_never_a_page_of_another_language(server, context, data):
    """With every Spanish essential saved, the English addresses give the English offline page."""
    page = context.new_page()
    _install(page, server)
    _press(page, "save", data["text"]["es"]["saved"])
    context.set_offline(True)
    spanish_titles = set()
    for path in (p for p in data["essentials"]["es"] if not p.startswith("assets/")):
        page.goto(server + "/" + path)
        spanish_titles.add(page.title())
    for path in (p for p in data["essentials"]["en"] if not p.startswith("assets/")):
        response = page.goto(server + "/" + path)
        assert response.status == 503 and page.evaluate("document.documentElement.lang") == "en", path
        assert page.title() not in spanish_titles and page.locator("article li").count() == 0, path


def test_nothing_in_the_first_view_but_the_manifest_link(server, browser):
    """The first view loads the page and its stylesheet; the worker is registered after the load
    event; the manifest, icons and listen script are not requested."""
    context = browser.new_context(**PHONE)
    events = []
    page = context.new_page()
    page.on("load", lambda _page: events.append("load"))
    context.on("request", lambda request: events.append(request.url))
    page.goto(server + "/derechos/represalias/", wait_until="load")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)
    context.close()
    before_load = events[:events.index("load")]
    assert [re.sub(r"\.[0-9a-f]{10}\.", ".#.", u.removeprefix(server)) for u in before_load] == [
        "/derechos/represalias/", "/assets/stylesheets/bundle.#.css"], before_load
    assert server + "/sw.js" in events[events.index("load"):]
    assert not [u for u in events if re.search(r"manifest|/icons/|puente-listen", u)], events


def test_without_javascript_nothing_shows(server, browser):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(server + "/contactos/")
    assert page.locator(".pl-offline").count() == 1 and not page.locator(".pl-offline").is_visible()
    assert page.locator(".pl-listen").count() == 1 and not page.locator(".pl-listen").is_visible()
    context.close()


def _new_build(site: Path) -> tuple[str, str]:
    """Turn the served copy into what a new build would publish: a corrected contacts page, a new
    stylesheet (new fingerprint, the old file gone) and a worker with a new build hash."""
    old_css = next((site / "assets/stylesheets").glob("bundle.*.css"))
    new_css = old_css.with_name("bundle.0123456789.css")
    new_css.write_text(old_css.read_text(encoding="utf-8") + "\n/* new build */\n", encoding="utf-8")
    old_css.unlink()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if old_css.name in text:
            page.write_text(text.replace(old_css.name, new_css.name), encoding="utf-8")
    contacts = site / "contactos/index.html"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("</h1>", " (corregido)</h1>", 1),
                        encoding="utf-8")
    sw = site / worker.FILE
    old_build = worker.read(site)["build"]
    sw.write_text(sw.read_text(encoding="utf-8").replace(old_css.name, new_css.name)
                  .replace(json.dumps(old_build), json.dumps("f" * 16)), encoding="utf-8")
    return old_build, new_css.name


def test_a_new_build_replaces_the_old_copies(site, context, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.pdf", "volante.png", "pagefind"))
    with static_server.serve(copy) as base:
        page = context.new_page()
        _install(page, base)
        _open(page, base + "/tarjeta/")
        _open(page, base + "/contactos/")
        old_build, new_css = _new_build(copy)
        assert all(name.endswith(old_build) for name in page.evaluate(OUR_CACHES))
        page.goto(base + "/contactos/")                    # with signal: the corrected page at once
        assert "(corregido)" in page.locator("h1").inner_text()
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        _until(page, ONLY_BUILD, "f" * 16)
        _open(page, base + "/contactos/")                   # kept again, by the new worker
        context.set_offline(True)
        response = page.goto(base + "/contactos/")
        assert response.from_service_worker and "(corregido)" in page.locator("h1").inner_text()
        assert _styled(page)
        fresh = page.evaluate("u => fetch(u).then(r => r.text())", f"{base}/assets/stylesheets/{new_css}")
        assert fresh.endswith("/* new build */\n")         # the new stylesheet, never the old under its name
        response = page.goto(base + "/tarjeta/")             # moved from the old build's cache, not downloaded
        assert response.from_service_worker and response.status == 200 and _styled(page)
        assert page.locator("article .pl-saved-note").count() == 1


@pytest.fixture(scope="module")
def subpath_server(subpath_site):
    with static_server.serve(subpath_site, prefix=SUBPATH_PREFIX) as base:
        yield base


def test_under_a_subpath_a_page_read_once_reloads_offline(subpath_server, context):
    page = context.new_page()
    page.goto(subpath_server + "/en/", wait_until="load")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)
    _open(page, subpath_server + "/en/derechos/salario/")
    scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
    assert scope == subpath_server + "/"
    assert all(name.startswith(f"puente {scope} ") for name in page.evaluate("caches.keys()"))
    context.set_offline(True)
    response = page.reload()
    assert response.from_service_worker and response.status == 200 and _styled(page)
    assert _date("en") in page.locator("article .pl-saved-note").inner_text()


def test_under_a_subpath_the_essentials_and_the_offline_page(subpath_site, subpath_server, context):
    data = worker.read(subpath_site)
    page = context.new_page()
    page.goto(subpath_server + "/en/", wait_until="load")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)
    _press(page, "save", data["text"]["en"]["saved"])
    context.set_offline(True)
    for path in (p for p in data["essentials"]["en"] if not p.startswith("assets/")):
        response = page.goto(f"{subpath_server}/{path}")
        assert response.from_service_worker and response.status == 200 and _styled(page), path
        assert page.evaluate("document.documentElement.lang") == "en", path
    response = page.goto(subpath_server + "/en/glosario/")
    assert response.status == 503 and page.locator("h1").inner_text() == "No connection"
    links = page.eval_on_selector_all("article a", "els => els.map(a => a.href)")
    assert len(links) > 10 and all(link.startswith(subpath_server + "/en/") or link == subpath_server + "/en/"
                                   for link in links), links
    response = page.goto(subpath_server + "/contactos/")   # Spanish: not saved
    assert response.status == 503 and page.locator("h1").inner_text() == "Sin conexión"
    assert page.evaluate("window.__csp") == []
