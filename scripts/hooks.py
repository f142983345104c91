"""MkDocs hooks: the door through which MkDocs calls the project.

Keep this file thin: each event hands its work to one module of ``scripts/puente``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from puente import (
    contacts,
    crosslang,
    error_pages,
    flyers,
    hreflang,
    language_builds,
    page_weight,
    pages,
    redirects,
    shortcodes,
    site_url,
    sitemaps,
    social,
    theme_env,
    translation_pages,
    translation_status,
)
from puente.features import edition

_state: dict = {}


def on_config(config):
    site_url.warn_if_placeholder(config.site_url)
    config.extra["puente_root_url"] = social.root_url(config)
    config.extra["puente_home_url"] = social.home_url(config)  # link previews of pages without an address (404)
    try:
        registry = contacts.load(theme_env.project_root(config) / contacts.REGISTRY)
        _state["registry"] = edition.configure(config, registry)  # a local edition's profile and contacts
        shortcodes.HANDLERS.update(flyers.shortcodes(config))  # [[flyers]], [[pocket-card]]
        shortcodes.HANDLERS.update(edition.shortcodes(config))  # [[local-help]]
    except contacts.ContactError as error:
        raise PluginError(str(error)) from None
    return config


def on_pre_build(config):
    translation_pages.reset(config)
    try:
        translation_pages.model(config)  # which pages are translated, outdated, missing
    except translation_status.TranslationError as error:
        raise PluginError(str(error)) from None


def on_env(env, config, files):
    theme_env.install(env, config)
    return env


@event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files, config):
    edition.adapt_files(config, files)
    try:
        redirects.adapt(config, files)
    except redirects.RedirectError as error:
        raise PluginError(str(error)) from None
    return files


def on_page_markdown(markdown, page, config, files):
    source = Path(page.file.abs_src_path)
    shown = Path(page.file.src_uri)
    try:
        lang, registry = translation_pages.content_language(page, config), _state["registry"]
        front_matter = pages.read_front_matter(source, shown=f"docs/{shown}")
        page.meta["front_matter"] = contacts.resolve_sources(front_matter, registry, lang, f"docs/{shown}")
        ctx = shortcodes.Context(
            registry=registry, lang=lang,
            render=theme_env.renderer(config, lang),
            source=f"docs/{shown}", used=_state.setdefault("used", set()),
        )
        markdown = crosslang.expand_page(markdown, page, config, f"docs/{shown}", pages.body_first_line(source))
        return shortcodes.expand(markdown, ctx, first_line=pages.body_first_line(source))
    except (pages.PageError, contacts.ContactError) as error:
        raise PluginError(str(error)) from None


def on_post_build(config):
    error_pages.place_404(config)
    sitemaps.write_after_last_language(config)
    contacts.report_stale(_state["registry"])
    social.write_preview(config)
    if language_builds.is_last(config):
        page_weight.finish(config)
    try:
        flyers.on_post_build(config, theme_env.project_root(config))
    except flyers.FlyerError as error:
        raise PluginError(str(error)) from None


def on_page_context(context, page, config, nav):
    context["pl_print"] = flyers.page_context(page, config, _state["registry"])
    translation_pages.on_page_context(context, page, config)
    return context


def on_post_page(output, page, config):
    output = hreflang.on_post_page(output, page, config)
    return page_weight.rewrite_page(output, config, page)


def on_pre_template(template, template_name, config):
    hreflang.on_pre_template(template_name, config)
    return template


def on_post_template(output_content, template_name, config):
    return hreflang.on_post_template(output_content, template_name, config)
