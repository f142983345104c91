"""Shared fixtures: one strict site build per test session, a local server, one browser.

Every browser context the tests open goes through ``GuardedBrowser``: a context-level route lets
requests to 127.0.0.1 through and refuses every other address (``context.route`` also sees
service-worker requests, which ``page.route`` does not); a test during which any such request was
attempted fails, naming it. Nothing a page plants ever leaves the machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest

from puente.core import translation_status
from puente.core.project import Project
from puente.tools import chromium, static_server

ROOT = Path(__file__).resolve().parents[1]


def mkdocs_build(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """A real `mkdocs build` (strict comes from mkdocs.yml) of ``project`` into ``site_dir``."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "SOURCE_DATE_EPOCH")}
    # PDF flyers are printed by Chromium: only where a test asks for them (PUENTE_PDF=1)
    full_env.update({"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PUENTE_PDF": "0",
                     **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)],
        cwd=project, env=full_env, capture_output=True, text=True, timeout=600, check=False,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory, request) -> Path:
    """The real site, built once for the whole session: with its PDF flyers, as `make build`
    builds it, when the session runs browser tests (the PDFs are printed by Chromium); without
    them under `-m "not browser"`, which starts no Chromium at all."""
    site_dir = tmp_path_factory.mktemp("site")
    with_pdfs = any(item.get_closest_marker("browser") for item in request.session.items)
    result = mkdocs_build(ROOT, site_dir, env={"PUENTE_PDF": "1" if with_pdfs else "0"})
    if result.returncode != 0:
        pytest.fail(f"the site does not build:\n{result.stderr[-4000:]}", pytrace=False)
    return site_dir


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory) -> Path:
    """One copy built as a GitHub Pages project site (``SUBPATH_URL``), with its PDFs: shared by
    the sub-path tests and the offline tests under a sub-path."""
    from site_tools import SUBPATH_URL

    project = copy_project(tmp_path_factory.mktemp("subpath"))
    site_dir = project / "site"
    result = mkdocs_build(project, site_dir, env={"SITE_URL": SUBPATH_URL, "PUENTE_PDF": "1"})
    assert result.returncode == 0, result.stderr[-4000:]
    return site_dir


def copy_project(target: Path) -> Path:
    """A copy of the project's sources in ``target`` (no site/, no caches, no .venv)."""
    return Project(ROOT).copy_sources(target).root


EVIL = "<script>alert(1)</script><b>Fuentes</b>"
EVIL_DATE = '<img src=x onerror="alert(2)"> %(date)s'


@pytest.fixture(scope="session")
def planted(tmp_path_factory):
    """One copy of the project built with planted translation faults: a missing English page, an
    outdated one, a current one, a malicious catalog entry, admonitions."""
    project = copy_project(tmp_path_factory.mktemp("planted"))
    docs = project / "docs"
    (docs / "sobre.en.md").unlink()  # a fallback
    with (docs / "sobre.es.md").open("a", encoding="utf-8") as handle:
        handle.write("\n!!! warning\n\n    Texto de advertencia plantado.\n")
    translation_status.mark_current(docs / "glosario.en.md", "es")  # then the Spanish changes: outdated
    with (docs / "glosario.es.md").open("a", encoding="utf-8") as handle:
        handle.write("\nUna frase nueva en español.\n")
    translation_status.mark_current(docs / "profedet.en.md", "es")  # current
    for lang, title in (("es", "tip"), ("en", "tip")):
        with (docs / f"profedet.{lang}.md").open("a", encoding="utf-8") as handle:
            handle.write(f"\n!!! {title}\n\n    Planted.\n")
    translation_status.mark_current(docs / "profedet.en.md", "es")
    po_path = project / "locales/es/LC_MESSAGES/messages.po"
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.msgid == "Sources":
            entry.msgstr = EVIL
        if entry.msgid == "Facts last checked: %(date)s":
            entry.msgstr = EVIL_DATE
    po.save()
    site = project / "site-out"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-4000:]
    return project, site


def plant(project, relpath: str, old: str, new: str) -> None:
    path = project / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relpath} no longer contains {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


MAKE_FILES = ("Makefile", "requirements.txt", "pyproject.toml")


def run_make(project: Path, target: str, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """The real ``make TARGET`` in a copy of the project, with this checkout's virtual environment
    (set up by `make test`): the copy's Makefile and package lists are made older than that
    environment's stamp, so make never installs into it again."""
    for name in MAKE_FILES:
        shutil.copy2(ROOT / name, project / name)
        os.utime(project / name, (0, 0))
    full_env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "SITE_URL")}
    full_env.update(env or {})
    return subprocess.run(["make", "--no-print-directory", target, f"VENV={ROOT / '.venv'}"], cwd=project,
                          env=full_env, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project for planting bad input."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def server(site):
    """The built site served on 127.0.0.1 with its _headers; yields its base URL."""
    with static_server.serve(site) as url:
        yield url


LOCAL_HOSTS = ("127.0.0.1",)
_refused: list[str] = []   # addresses outside LOCAL_HOSTS that a page tried to reach


def _guard(route) -> None:
    url = urlsplit(route.request.url)
    if url.hostname in LOCAL_HOSTS or url.scheme == "file":
        route.fallback()
    else:
        _refused.append(route.request.url)
        route.abort("blockedbyclient")


class GuardedBrowser:
    """The browser the tests use: every context refuses addresses other than 127.0.0.1."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.route("**/*", _guard)
        return context

    def new_page(self, **options):
        """A page in a context of its own (closing the page closes its context, as Playwright's)."""
        context = self.new_context(**options)
        page = context.new_page()
        page.on("close", lambda _page: context.close())
        return page


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (which must never download a browser)."""
    try:
        with chromium.launch() as running:
            yield GuardedBrowser(running)
    except chromium.ChromiumMissing as error:
        pytest.fail(f"{error} (`make test` installs it)", pytrace=False)


@pytest.fixture(autouse=True)
def no_request_leaves_the_machine():
    """Fails the test during which a page tried to reach any address but 127.0.0.1."""
    _refused.clear()
    yield
    if _refused:
        attempted = sorted(set(_refused))
        _refused.clear()
        pytest.fail(f"requests to addresses other than 127.0.0.1 were attempted (and refused): {attempted}",
                    pytrace=False)


@pytest.fixture
def phone(browser):
    """A fresh 360×740 phone-sized page with no cache or cookies from other tests."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def pytest_terminal_summary(terminalreporter):
    """Reports that must be seen but must not fail the run."""
    from puente.core import contacts

    stale = contacts.load(ROOT / contacts.REGISTRY).stale()
    terminalreporter.section("contacts due for a new check")
    if stale:
        for contact in stale:
            terminalreporter.write_line(f"{contact.key}: last checked {contact.checked}")
    else:
        terminalreporter.write_line(
            f"none: every contact was checked in the last {contacts.STALE_AFTER_DAYS} days")

    from puente.checks import readability

    title = f"readability of the Spanish pages (Szigriszt-Pazos/INFLESZ, aim >= {readability.TARGET:g})"
    terminalreporter.section(title)
    for line in readability.lines(readability.report(ROOT / "docs"), ROOT):
        terminalreporter.write_line(line)


BROWSER_TESTS = Path(__file__).parent / "browser"
# Browser tests that spend their time building copies of the project (Python, one core) rather
# than in Chromium: `make test` runs them in the session of the tests without a browser, so its
# two sessions at once take about as long as each other (README "Tests").
ALONGSIDE = frozenset({"test_edition.py", "test_notices_in_chromium.py", "test_reproducible.py"})


def pytest_collection_modifyitems(items):
    """Every test under tests/browser/ drives Chromium (pages, print, PDFs): marked ``browser`` by
    its folder, so ``-m "not browser"`` starts no Chromium; those of ``ALONGSIDE`` also ``alongside``."""
    for item in items:
        if BROWSER_TESTS in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
            if Path(item.path).name in ALONGSIDE:
                item.add_marker(pytest.mark.alongside)
