"""One 404 page per language.

mkdocs-static-i18n renders ``404.html`` at the site root once per language, so the language
built last wins. After each language's build, its 404 is kept: the default language's at
``/404.html`` (what static hosts serve for any missing path), the others' at ``/<lang>/404.html``
(Netlify and Cloudflare Pages serve those for missing paths under ``/<lang>/``).
"""

from __future__ import annotations

from pathlib import Path

from puente.features import build_context


def place_404(state, config) -> None:
    """After each language's build: keep its 404 (``state.error_pages`` holds the default's)."""
    lang, default = build_context.current_language(config), build_context.languages(config).default
    root_404 = Path(config.site_dir) / "404.html"
    if not root_404.exists():
        return
    if lang == default:
        state.error_pages[config.site_dir] = root_404.read_bytes()
        return
    target = Path(config.site_dir) / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(root_404.read_bytes())
    if config.site_dir in state.error_pages:
        root_404.write_bytes(state.error_pages[config.site_dir])
