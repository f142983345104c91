"""Shared fixtures: one strict site build per test session, a local server, one browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("mkdocs.yml", "babel.cfg", "data", "docs", "overrides", "locales", "scripts")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def mkdocs_build(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """A real `mkdocs build` (strict comes from mkdocs.yml) of ``project`` into ``site_dir``."""
    full_env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    # PDF flyers: the real project renders them as `make build` does; copies skip them (README)
    pdf = "1" if Path(project).resolve() == ROOT else "0"
    full_env.update({"NO_MKDOCS_2_WARNING": "1", "PUENTE_PDF": pdf, **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)],
        cwd=project, env=full_env, capture_output=True, text=True, timeout=600, check=False,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once for the whole session."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir)
    if result.returncode != 0:
        pytest.fail(f"the site does not build:\n{result.stderr[-4000:]}", pytrace=False)
    return site_dir


def copy_project(dest: Path) -> Path:
    """Copy the project's sources (not site/, .venv/ or caches) into ``dest``."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    return dest


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project for planting bad input."""
    return copy_project(tmp_path)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """The built site served on 127.0.0.1; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (which must never download a browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs it", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
    from puente import contacts

    stale = contacts.load(ROOT / contacts.REGISTRY).stale()
    terminalreporter.section("contacts due for a new check")
    if stale:
        for contact in stale:
            terminalreporter.write_line(f"{contact.key}: last checked {contact.checked}")
    else:
        terminalreporter.write_line(
            f"none: every contact was checked in the last {contacts.STALE_AFTER_DAYS} days")

    from puente import readability

    title = f"readability of the Spanish pages (Szigriszt-Pazos/INFLESZ, aim >= {readability.TARGET:g})"
    terminalreporter.section(title)
    for line in readability.lines(readability.report(ROOT / "docs"), ROOT):
        terminalreporter.write_line(line)
