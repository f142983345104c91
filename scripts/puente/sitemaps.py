"""Sitemaps: mkdocs-static-i18n writes one ``/sitemap.xml`` listing every language.

Material's language-switch script fetches ``sitemap.xml`` beside each language's root (e.g.
``/en/sitemap.xml``); without a copy there, every page view costs a failed request.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def copy_to_language_root(config) -> None:
    i18n = config.plugins["i18n"]
    if i18n.current_language == i18n.default_language:
        return
    site = Path(config.site_dir)
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        if (site / name).exists():
            (site / i18n.current_language).mkdir(exist_ok=True)
            shutil.copy2(site / name, site / i18n.current_language / name)
