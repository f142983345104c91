"""MkDocs hooks: the door through which MkDocs calls the project.

Keep this file thin: each event hands its work to one module of ``scripts/puente``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.exceptions import PluginError

from puente import error_pages, pages, site_url, sitemaps, theme_env


def on_config(config):
    site_url.warn_if_placeholder(config.site_url)
    return config


def on_env(env, config, files):
    theme_env.install(env, config)
    return env


def on_page_markdown(markdown, page, config, files):
    try:
        page.meta["front_matter"] = pages.read_front_matter(Path(page.file.abs_src_path))
    except pages.PageError as error:
        raise PluginError(str(error)) from None
    return markdown


def on_post_build(config):
    error_pages.place_404(config)
    sitemaps.copy_to_language_root(config)
