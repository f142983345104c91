"""What each built page tells the reader about its translation (called from the MkDocs hooks).

For the page being built in the current language, from the model in ``translation_status``:

- a *fallback* (no translation: mkdocs-static-i18n publishes the Spanish text): the template shows
  a notice in the reader's language linking the original, wraps the text in ``lang="es"``, and
  the canonical URL becomes the Spanish original's;
- an *outdated* translation: a notice with the date the Spanish changed;
- the language switcher marks each language that only has the fallback of this page, in that
  language's own words ("English · not translated yet").

``page.meta["puente_translation"]`` carries this to ``overrides/partials/translation-notice.html``.
"""

from __future__ import annotations

from pathlib import Path

from puente.core import addresses, catalogs, translation_status
from puente.core.translation_status import MISSING, OUTDATED
from puente.features import build_context


def model(state, config) -> translation_status.Status:
    """The translation status of every page, scanned once per language build (``on_pre_build``
    sets ``state.translations`` to None)."""
    if state.translations is None:
        state.translations = translation_status.scan(Path(config.docs_dir), build_context.languages(config))
    return state.translations


def slug_of(page) -> str | None:
    norm = getattr(page.file, "norm_src_uri", None)
    return norm[: -len(".md")] if norm and norm.endswith(".md") else None


def _not_translated_label(config, lang: str) -> str:
    locales = Path(config.config_file_path).resolve().parent / "locales"
    return str(catalogs.load(locales, lang).pgettext("language switcher", "not translated yet"))


def on_page_context(state, context, page, config) -> None:
    """Annotate the page, fix a fallback's canonical URL and mark the switcher's fallbacks."""
    slug = slug_of(page)
    status = model(state, config)
    if slug not in status.pages:
        return
    lang, languages = build_context.current_language(config), status.languages
    translation = status.of(slug, lang)
    original = addresses.page_path(slug, languages.default, languages)
    page.meta["puente_translation"] = {
        "status": translation.status,
        "fallback": translation.status == MISSING,
        "original_lang": languages.default,
        "original_url": addresses.relative(original, page.url),
        "changed": translation.changed if translation.status == OUTDATED else None,
    }
    if translation.status == MISSING:
        page.canonical_url = addresses.absolute(build_context.root_url(config), original) if config.site_url else None
    # mkdocs-static-i18n sets the switcher per page as an attribute (`config.extra.alternate`),
    # which Jinja reads before the dict item.
    for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
        alt_lang = alternate.get("lang")
        if alt_lang in status.languages.codes and status.of(slug, alt_lang).status == MISSING:
            alternate["name"] = f"{alternate['name']} · {_not_translated_label(config, alt_lang)}"
            alternate["fallback"] = True
