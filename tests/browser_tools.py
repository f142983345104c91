"""Helpers for browser tests that open many pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator

AT_ONCE = 6   # pages loading at the same time: the sweeps over every page take a third of the time


def pages_loading(context, base: str, paths: list[str], prepare: Callable | None = None) -> Iterator[tuple]:
    """Yield ``(path, page)`` for every path, up to ``AT_ONCE`` of them loading at a time.
    ``prepare(page)`` runs before the page starts loading (to attach listeners); the caller waits
    for the load state it needs and closes the page."""
    for start in range(0, len(paths), AT_ONCE):
        batch = []
        for path in paths[start:start + AT_ONCE]:
            page = context.new_page()
            if prepare is not None:
                prepare(page)
            page.goto(base + path, wait_until="commit")
            batch.append((path, page))
        yield from batch
