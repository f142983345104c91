"""The site's public address: set once in mkdocs.yml, overridden by ``SITE_URL``."""

from __future__ import annotations

import sys

PLACEHOLDER = "https://example.org/"


def is_placeholder(site_url: str | None) -> bool:
    return (site_url or "").rstrip("/") == PLACEHOLDER.rstrip("/")


_warned: set[str] = set()


def warn_if_placeholder(site_url: str | None) -> None:
    """One line on stderr, once per build (not a MkDocs warning, which `strict` would turn into
    a failure; mkdocs-static-i18n runs ``on_config`` again for each language)."""
    if is_placeholder(site_url) and site_url not in _warned:
        _warned.add(site_url)
        print(
            f"WARNING: site_url is the placeholder {PLACEHOLDER}: canonical URLs, QR codes and "
            "link previews point there. Set SITE_URL=https://your.domain/ for a real deploy.",
            file=sys.stderr,
        )
