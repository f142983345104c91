"""The running build as mkdocs-static-i18n drives it: the one module that reads its plugin.

mkdocs-static-i18n runs one MkDocs build per language, in one process: the default language
first, into ``site/``, then each other language into ``site/<lang>/`` (``config.site_dir`` and
``config.site_url`` then point there). Work that needs the whole site (sitemap, CSS bundle,
flyer PDFs, checks) waits for the last language (:func:`is_last`) and writes at the site root
(:func:`site_root`). Every feature asks here: which languages exist (``core.languages``), which
one is being built, where the site's root is.
"""

from __future__ import annotations

import copy
from pathlib import Path

from puente.core.languages import Languages


def _i18n(config):
    return config.plugins.get("i18n") if config.plugins else None


def languages(config) -> Languages:
    """The site's languages (``core.languages``), from the plugin's configuration."""
    i18n = _i18n(config)
    if i18n is None:
        return Languages((config.theme["language"],))
    return Languages.from_entries(i18n.config.languages)


def language_settings(config) -> list:
    """Each language's own settings in mkdocs.yml (``nav_translations``, ``site_name``...)."""
    i18n = _i18n(config)
    return list(i18n.config.languages) if i18n else []


def current_language(config) -> str:
    """The language being built (``theme.language`` is set to it for Material)."""
    i18n = _i18n(config)
    if i18n is None or i18n.current_language is None:   # None while MkDocs first reads the config
        return config.theme["language"]
    return i18n.current_language


def content_language(page, config) -> str:
    """The language of the page's text: the original's for a fallback page."""
    return getattr(page.file, "locale", None) or current_language(config)


def is_last(config) -> bool:
    """True during the build of the last language (or when there is no i18n plugin)."""
    return current_language(config) == languages(config).codes[-1]


def site_root(config) -> Path:
    """The top of the built site, whichever language is being built."""
    site = Path(config.site_dir)
    lang = current_language(config)
    if lang != languages(config).default and site.name == lang:
        return site.parent
    return site


def root_url(config) -> str:
    """The site's public root address (with a trailing slash), whichever language is being built."""
    url = (config.site_url or "").rstrip("/") + "/"
    lang = current_language(config)
    if lang != languages(config).default and url.endswith(f"/{lang}/"):
        url = url[: -len(lang) - 1]
    return url


def home_url(config) -> str:
    """The home page of the language being built: ``https://x/`` or ``https://x/en/``."""
    lang = current_language(config)
    return root_url(config) + ("" if lang == languages(config).default else f"{lang}/")


def point_switcher_at_home_pages(config) -> None:
    """The language switcher of a page that describes no page (404) leads to each home page."""
    i18n = _i18n(config)
    if i18n is not None and getattr(i18n, "extra_alternate", None):
        config.extra["alternate"] = copy.deepcopy(i18n.extra_alternate)
        config.extra.alternate = copy.deepcopy(i18n.extra_alternate)  # what Jinja reads first
