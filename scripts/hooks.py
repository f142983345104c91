"""MkDocs hooks: the one door through which MkDocs calls the project.

One short function per event; each hands its work to a module of ``puente.features`` and passes
the build's state, held in one ``BuildState`` object (``puente.features.state``). Errors with a
file and line become MkDocs ``PluginError``s, which fail the build.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from puente.checks import catalog_gate, deadline_mentions, html_policy
from puente.core import contacts, deadlines, front_matter, qr, site_url, translation_status
from puente.core.project import Project
from puente.features import (
    alternates,
    build_context,
    crosslang,
    csp,
    edition,
    error_pages,
    notices,
    page_source,
    previews,
    redirects,
    search_terms,
    shortcodes,
    sitemaps,
    summary,
    theme_env,
)
from puente.features import (
    deadlines as deadline_pages,
)
from puente.features.flyers import pdfs, printables
from puente.features.offline import manifest, worker
from puente.features.optimise import bundle, page_rewrite, search_index
from puente.features.state import BuildState

STATE = BuildState()
SOURCE_ERRORS = (front_matter.PageError, contacts.ContactError, deadlines.DeadlineError,
                 translation_status.TranslationError)


def _project(config) -> Project:
    return Project(Path(config.config_file_path).resolve().parent)


def on_startup(command, dirty):
    STATE.serving = command == "serve"


def on_config(config):
    bad_address = site_url.problem(config.site_url)
    if bad_address:
        lines = Path(config.config_file_path).read_text(encoding="utf-8").split("\n")
        line = next((n for n, text in enumerate(lines, 1) if text.startswith("site_url:")), None)
        raise PluginError(f"mkdocs.yml{f':{line}' if line else ''}: {bad_address}")
    STATE.say_once(site_url.placeholder_warning(config.site_url))
    config.extra["puente_root_url"] = build_context.root_url(config)
    config.extra["puente_home_url"] = build_context.home_url(config)  # previews of pages without an address (404)
    # The pages that show "Save for offline reading"; none, and no service worker, under `mkdocs serve`.
    config.extra["puente_offline"] = () if STATE.serving else worker.CONTROL_SLUGS
    project = _project(config)
    mismatched = catalog_gate.text_problems(project.root, build_context.current_language(config))
    if mismatched:
        raise PluginError("\n".join(map(str, mismatched)))
    qr.keep_in(project.cache / "qr")   # print-footer QR codes drawn once, kept between builds
    for passes in (html_policy.PASSES, page_source.HEADINGS):   # inputs these checks passed before
        passes.keep_in(project.cache / "passed")
    try:
        # Once per configuration: the language builds share it; `mkdocs serve` loads a new one
        # for every rebuild (and the registries may have been edited).
        if STATE.registry is None or "puente_report" not in config.extra:
            registry = contacts.load(project.root / contacts.REGISTRY)
            STATE.registry = edition.configure(STATE, config, registry)  # a local edition's profile and contacts
            STATE.deadline_allowlist = deadline_mentions.load_allowlist(project.root / deadline_mentions.ALLOWLIST,
                                                                        project.root)
        deadline_pages.load(STATE, config, project)
        STATE.shortcodes = {**shortcodes.HANDLERS, **printables.shortcodes(config),   # [[flyers]], [[pocket-card]]
                            **deadline_pages.shortcodes(STATE, config),             # [[deadline:KEY]], [[deadlines]]
                            **edition.shortcodes(config)}                           # [[local-help]]
    except SOURCE_ERRORS as error:
        raise PluginError(str(error)) from None
    return config


def on_pre_build(config):
    STATE.translations = None   # scanned again for every language build and serve rebuild
    try:
        page_source.check_config_text(config)  # site_name & co. are plain text
        page_source.check_files(config)  # every file of docs/: its path, inside docs/, UTF-8
        notices.model(STATE, config)  # which pages are translated, outdated, missing
    except SOURCE_ERRORS as error:
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
    shown = f"docs/{page.file.src_uri}"
    try:
        lang, first_line = build_context.content_language(page, config), front_matter.body_first_line(source)
        meta = front_matter.read_front_matter(source, shown=shown)
        text = source.read_text(encoding="utf-8")
        page_source.check_page(STATE, markdown, config, shown, first_line)
        page.meta["front_matter"] = contacts.resolve_sources(meta, STATE.registry, lang, shown)
        summary.prepare(STATE, page, config, meta, text, shown)   # the SMS-sized summary
        printables.flyer_contacts(meta, STATE.registry, shown, text)   # checks the page's call box
        deadline_mentions.check(markdown, shown, first_line, STATE.deadline_allowlist)
        deadline_mentions.check_front_matter(text, shown, STATE.deadline_allowlist)
        ctx = shortcodes.Context(registry=STATE.registry, lang=lang, render=theme_env.renderer(STATE, config, lang),
                                 source=shown, used=STATE.used_contacts, handlers=STATE.shortcodes)
        markdown = crosslang.expand_page(markdown, page, config, shown, first_line)
        return shortcodes.expand(markdown, ctx, first_line=first_line)
    except SOURCE_ERRORS as error:
        raise PluginError(str(error)) from None


def on_page_content(html, page, config, files):
    html = summary.show(html, page)         # the summary under the title
    return search_terms.add(html, page)     # words readers search with, indexed, not shown


def on_page_context(context, page, config, nav):
    context["pl_print"] = printables.page_context(page, config, STATE.registry)
    notices.on_page_context(STATE, context, page, config)
    context["pl_deadline_calc"] = deadline_pages.calculator(page, config)   # the last day to act
    return context


def on_post_page(output, page, config):
    try:  # raw HTML in the Markdown: the allow-list (README "Checks")
        output = html_policy.check_page(output, Path(page.file.abs_src_path), f"docs/{page.file.src_uri}",
                                        build_context.root_url(config))
    except html_policy.PolicyError as error:
        raise PluginError(str(error)) from None
    output = alternates.on_post_page(STATE, output, page, config)
    return page_rewrite.rewrite_page(output, config, page)


def on_pre_template(template, template_name, config):
    alternates.on_pre_template(template_name, config)
    return template


def on_post_template(output_content, template_name, config):
    return alternates.on_post_template(output_content, template_name, config)


def on_post_build(config):
    problems = deadline_pages.unused_in_this_language(STATE, config)
    if problems:
        raise PluginError("\n".join(map(str, problems)))
    error_pages.place_404(STATE, config)
    sitemaps.write_after_last_language(STATE, config)
    STATE.say_once(contacts.stale_notice(STATE.registry))
    previews.write_preview(config)
    manifest.write(config)         # this language's web app manifest (and the icons)
    worker.collect(STATE, config)  # what the service worker shows, in this language
    html_policy.PASSES.save()
    page_source.HEADINGS.save()
    if build_context.is_last(config):
        try:
            bundle.finish(config, runtime_html=worker.runtime_html(STATE))
        except search_index.SearchIndexError as error:
            raise PluginError(str(error)) from None
        csp.finish(config)  # after the bundle's rewrite: the hashes are of the final bytes
        worker.finish(STATE, config)  # after the CSP: the sizes of the bytes published; sw.js
    try:
        printables.on_post_build(STATE, config, _project(config))
    except pdfs.FlyerError as error:
        raise PluginError(str(error)) from None
