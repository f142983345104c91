"""One 404 page per language.

mkdocs-static-i18n renders ``404.html`` at the site root once per language, so the language
built last wins. After each language's build, its 404 is kept: the default language's at
``/404.html`` (what static hosts serve for any missing path), the others' at ``/<lang>/404.html``
(Netlify and Cloudflare Pages serve those for missing paths under ``/<lang>/``).
"""

from __future__ import annotations

from pathlib import Path

_default_404: dict[str, bytes] = {}


def place_404(config) -> None:
    i18n = config.plugins["i18n"]
    lang, default = i18n.current_language, i18n.default_language
    root_404 = Path(config.site_dir) / "404.html"
    if not root_404.exists():
        return
    if lang == default:
        _default_404[config.site_dir] = root_404.read_bytes()
        return
    target = Path(config.site_dir) / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(root_404.read_bytes())
    if config.site_dir in _default_404:
        root_404.write_bytes(_default_404[config.site_dir])
