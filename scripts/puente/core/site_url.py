"""The site's public address: set once in mkdocs.yml, overridden by ``SITE_URL``."""

from __future__ import annotations

from urllib.parse import urlsplit

from puente.core.text import URL_FORBIDDEN

PLACEHOLDER = "https://example.org/"


def is_placeholder(site_url: str | None) -> bool:
    return (site_url or "").rstrip("/") == PLACEHOLDER.rstrip("/")


def placeholder_warning(site_url: str | None) -> str | None:
    """The line to print (once per build) while ``site_url`` is the placeholder, else None."""
    if not is_placeholder(site_url):
        return None
    return (f"WARNING: site_url is the placeholder {PLACEHOLDER}: canonical URLs, QR codes and "
            "link previews point there. Set SITE_URL=https://your.domain/ for a real deploy.")


def problem(site_url: str | None) -> str | None:
    """Why ``site_url`` cannot be the site's address, or None. It is printed into every page's
    canonical link, link previews, QR codes and the sitemap (``mkdocs serve`` sets its own
    ``http://127.0.0.1`` address, hence ``http`` allowed)."""
    if not site_url:
        return None
    bad = URL_FORBIDDEN.search(site_url)
    if bad:
        return (f"site_url {site_url!r} contains {bad.group(0)!r}: no quotes, spaces, backslashes, angle "
                "brackets or control characters. Set SITE_URL (or site_url in mkdocs.yml) to an address "
                "like https://your.domain/")
    parts = urlsplit(site_url)
    try:
        parts.port   # noqa: B018 (raises on a port that is not a number)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("https", "http") or not parts.hostname or "@" in parts.netloc:
        return (f"site_url {site_url!r} is not a web address. Set SITE_URL (or site_url in mkdocs.yml) to "
                "an address like https://your.domain/")
    return None
