"""Debian's Chromium driven by Playwright: the one place that knows where it is and how to start it.

The build's PDF renderer, the tests and the benchmarks all launch it from here. Playwright never
downloads a browser: ``/usr/bin/chromium`` comes from Debian (``scripts/ensure-system-tools.sh``).
The flags keep a headless Chromium from calling home (background networking, updates, sync).
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}


class ChromiumMissing(RuntimeError):
    pass


def check() -> None:
    if not Path(CHROMIUM).exists():
        raise ChromiumMissing(f"{CHROMIUM} is missing: run `make system-tools` (installs Debian's chromium)")


@contextmanager
def launch(env: dict | None = None):
    """A running headless Chromium (``env``: the browser process's environment, e.g. fonts)."""
    check()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, env=env)
        try:
            yield browser
        finally:
            browser.close()
