"""What the tests know about the project, from the project's own models (never re-derived here)."""

from __future__ import annotations

from puente.core import addresses
from puente.core.project import Project

PROJECT = Project()
ROOT = PROJECT.root
LANGUAGES = PROJECT.languages
PLACEHOLDER = "https://example.org/"   # site_url in mkdocs.yml when SITE_URL is not set
# A GitHub Pages project site: SITE_URL with a path (the `subpath_site` fixture).
SUBPATH_URL = "https://example-ngo.github.io/puente-laboral/"
SUBPATH_PREFIX = "/puente-laboral"


def nav_slugs() -> list[str]:
    """Every page in mkdocs.yml's nav, as a slug (``riesgos/imss``)."""
    def walk(items):
        for item in items:
            if isinstance(item, str):
                yield item
            elif isinstance(item, dict):
                for value in item.values():
                    yield from walk(value if isinstance(value, list) else [value])

    return [addresses.slug_of_neutral(path) for path in walk(PROJECT.config["nav"])]


def address(slug: str, lang: str) -> str:
    """The page's URL path: ``/en/derechos/salario/``."""
    return "/" + addresses.page_path(slug, lang, LANGUAGES)
