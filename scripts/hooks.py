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
from puente.checks import deadline_mentions
from puente.core import deadlines

_state: dict = {}


def on_config(config):
    site_url.warn_if_placeholder(config.site_url)
    config.extra["puente_root_url"] = social.root_url(config)
    config.extra["puente_home_url"] = social.home_url(config)  # link previews of pages without an address (404)
    root = theme_env.project_root(config)
    try:
        _state["registry"] = contacts.load(root / contacts.REGISTRY)
        shortcodes.HANDLERS.update(flyers.shortcodes(config))  # [[flyers]], [[pocket-card]]
        _state["deadlines"] = deadlines.load(root / deadlines.REGISTRY, contact_keys=_state["registry"],
                                             docs_dir=Path(config.docs_dir),
                                             languages=crosslang.languages(config)[1])
        _state["deadlines"].path = deadlines.REGISTRY  # errors name data/deadlines.yml:LINE
        _state["allowed"] = deadline_mentions.load_allowlist(root / deadline_mentions.ALLOWLIST, root)
    except (contacts.ContactError, deadlines.DeadlineError, pages.PageError) as error:
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
        flyers.flyer_contacts(front_matter, registry, f"docs/{shown}", source.read_text(encoding="utf-8"))
        ctx = shortcodes.Context(
            registry=registry, lang=lang,
            render=theme_env.renderer(config, lang),
            source=f"docs/{shown}", used=_state.setdefault("used", set()),
            deadlines=_state["deadlines"],
            used_deadlines=_state.setdefault("used_deadlines", {}).setdefault(config.theme["language"], set()),
            url=page.url, default_lang=crosslang.languages(config)[0], docs_dir=Path(config.docs_dir),
        )
        first_line = pages.body_first_line(source)
        deadline_mentions.check(markdown, f"docs/{shown}", first_line, _state["allowed"])
        deadline_mentions.check_front_matter(source.read_text(encoding="utf-8"), f"docs/{shown}", _state["allowed"])
        markdown = crosslang.expand_page(markdown, page, config, f"docs/{shown}", first_line)
        return shortcodes.expand(markdown, ctx, first_line=first_line)
    except (pages.PageError, contacts.ContactError, deadlines.DeadlineError) as error:
        raise PluginError(str(error)) from None


def on_post_build(config):
    used = _state.get("used_deadlines", {}).pop(config.theme["language"], set())
    problems = deadlines.unused(_state["deadlines"], used)
    if problems:
        raise PluginError("\n".join(str(problem) for problem in problems))
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
