"""MkDocs hooks: the door through which MkDocs calls the project.

Keep this file thin: each event hands its work to one module of ``scripts/puente``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from puente.core import contacts, front_matter, site_url, translation_status
from puente.features import (
    alternates,
    build_context,
    crosslang,
    error_pages,
    notices,
    page_source,
    previews,
    redirects,
    shortcodes,
    sitemaps,
    theme_env,
)
from puente.features.flyers import pdfs, printables
from puente.features.optimise import bundle, page_rewrite

_state: dict = {}


def on_startup(command, dirty):
    _state["serving"] = command == "serve"


def on_config(config):
    site_url.warn_if_placeholder(config.site_url)
    config.extra["puente_root_url"] = previews.root_url(config)
    config.extra["puente_home_url"] = previews.home_url(config)  # link previews of pages without an address (404)
    try:
        _state["registry"] = contacts.load(theme_env.project_root(config) / contacts.REGISTRY)
        shortcodes.HANDLERS.update(printables.shortcodes(config))  # [[flyers]], [[pocket-card]]
    except contacts.ContactError as error:
        raise PluginError(str(error)) from None
    return config


def on_pre_build(config):
    notices.reset(config)
    try:
        page_source.check_config_text(config)  # site_name & co. are plain text
        page_source.check_files(config)  # every file of docs/: its path, inside docs/, UTF-8
        notices.model(config)  # which pages are translated, outdated, missing
    except (front_matter.PageError, translation_status.TranslationError) as error:
        raise PluginError(str(error)) from None


def on_env(env, config, files):
    theme_env.install(env, config)
    return env


@event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files, config):
    try:
        redirects.adapt(config, files)
    except redirects.RedirectError as error:
        raise PluginError(str(error)) from None
    return files


def on_page_markdown(markdown, page, config, files):
    source = Path(page.file.abs_src_path)
    shown = Path(page.file.src_uri)
    try:
        lang, registry = notices.content_language(page, config), _state["registry"]
        meta = front_matter.read_front_matter(source, shown=f"docs/{shown}")
        page_source.check_page(markdown, config, f"docs/{shown}", front_matter.body_first_line(source))
        page.meta["front_matter"] = contacts.resolve_sources(meta, registry, lang, f"docs/{shown}")
        ctx = shortcodes.Context(
            registry=registry, lang=lang,
            render=theme_env.renderer(config, lang),
            source=f"docs/{shown}", used=_state.setdefault("used", set()),
        )
        markdown = crosslang.expand_page(markdown, page, config, f"docs/{shown}", front_matter.body_first_line(source))
        return shortcodes.expand(markdown, ctx, first_line=front_matter.body_first_line(source))
    except (front_matter.PageError, contacts.ContactError) as error:
        raise PluginError(str(error)) from None


def on_post_build(config):
    error_pages.place_404(config)
    sitemaps.write_after_last_language(config)
    contacts.report_stale(_state["registry"])
    previews.write_preview(config)
    if build_context.is_last(config):
        bundle.finish(config)
    try:
        printables.on_post_build(config, theme_env.project_root(config), _state.get("serving", False))
    except pdfs.FlyerError as error:
        raise PluginError(str(error)) from None


def on_page_context(context, page, config, nav):
    context["pl_print"] = printables.page_context(page, config, _state["registry"])
    notices.on_page_context(context, page, config)
    return context


def on_post_page(output, page, config):
    output = alternates.on_post_page(output, page, config)
    return page_rewrite.rewrite_page(output, config, page)


def on_pre_template(template, template_name, config):
    alternates.on_pre_template(template_name, config)
    return template


def on_post_template(output_content, template_name, config):
    return alternates.on_post_template(output_content, template_name, config)
