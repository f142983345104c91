"""Where we are in mkdocs-static-i18n's run of one MkDocs build per language.

It builds the default language first, then each other language into ``site/<lang>/`` (with
``config.site_dir`` pointing there). Work that needs the whole site (sitemap, CSS subset, flyer
PDFs) waits for the last language and writes at the site root.
"""

from __future__ import annotations

from pathlib import Path


def is_last(config) -> bool:
    """True during the build of the last language (or when there is no i18n plugin)."""
    i18n = config.plugins.get("i18n")
    if not i18n:
        return True
    others = [lang for lang in i18n.build_languages if lang != i18n.default_language]
    return i18n.current_language == (others[-1] if others else i18n.default_language)


def site_root(config) -> Path:
    """The top of the built site, whichever language is being built."""
    site = Path(config.site_dir)
    i18n = config.plugins.get("i18n")
    if i18n and i18n.current_language != i18n.default_language and site.name == i18n.current_language:
        return site.parent
    return site
