"""The site's public address: set once in mkdocs.yml, overridden by ``SITE_URL``."""

from __future__ import annotations

PLACEHOLDER = "https://example.org/"


def is_placeholder(site_url: str | None) -> bool:
    return (site_url or "").rstrip("/") == PLACEHOLDER.rstrip("/")


def placeholder_warning(site_url: str | None) -> str | None:
    """The line to print (once per build) while ``site_url`` is the placeholder, else None."""
    if not is_placeholder(site_url):
        return None
    return (f"WARNING: site_url is the placeholder {PLACEHOLDER}: canonical URLs, QR codes and "
            "link previews point there. Set SITE_URL=https://your.domain/ for a real deploy.")
