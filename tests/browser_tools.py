"""Helpers for browser tests that open many pages."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

AT_ONCE = 6   # pages loading at the same time: the sweeps over every page take a third of the time


def pages_loading(context, base: str, paths: list[str], prepare: Callable | None = None) -> Iterator[tuple]:
    """Yield ``(path, page)`` for every path, up to ``AT_ONCE`` of them loading at a time.
    ``prepare(page)`` runs before the page starts loading (to attach listeners); the caller waits
    (``settle``) and closes the page."""
    for start in range(0, len(paths), AT_ONCE):
        batch = []
        for path in paths[start:start + AT_ONCE]:
            page = context.new_page()
            _track(page)
            if prepare is not None:
                prepare(page)
            page.goto(base + path, wait_until="commit")
            batch.append((path, page))
        yield from batch


def _track(page) -> None:
    """Keep ``page.open_requests`` and the time of its last request event, for ``settle``."""
    page.open_requests, page.last_activity = set(), time.monotonic()

    def opened(request) -> None:
        page.open_requests.add(request)
        page.last_activity = time.monotonic()

    def closed(request) -> None:
        page.open_requests.discard(request)
        page.last_activity = time.monotonic()

    page.on("request", opened)
    page.on("requestfinished", closed)
    page.on("requestfailed", closed)


def settle(page, quiet: float = 0.5, timeout: float = 30) -> None:
    """Wait until the page has loaded and no request of its own has been open for ``quiet``
    seconds (counted from its last request, so a page that went quiet while others in its batch
    loaded returns at once). Playwright's ``networkidle`` is Chromium's own timer, which a page
    loading in the background beside five others can miss under load (it once timed out with
    nothing open); this counts the page's requests as Playwright reports them."""
    page.wait_for_load_state("load", timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not page.open_requests and time.monotonic() - page.last_activity >= quiet:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"{page.url} never went quiet; requests still open: "
                         f"{sorted(r.url for r in page.open_requests)}")
