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

import posixpath
from pathlib import Path

from puente.core import catalogs, translation_status
from puente.core.translation_status import MISSING, OUTDATED

_model: dict = {}


def languages(config) -> tuple[str, list[str]]:
    """(default language, languages built) of the mkdocs-static-i18n configuration."""
    i18n = config.plugins["i18n"]
    built = [lang.locale for lang in i18n.config.languages if lang.build]
    return i18n.default_language, built


def current_language(config) -> str:
    return config.plugins["i18n"].current_language


def reset(config) -> None:
    """Forget the previous scan (``on_pre_build``: every language build, every serve rebuild)."""
    _model.clear()


def model(config) -> translation_status.Status:
    """The translation status of every page, scanned once per language build."""
    if "status" not in _model:
        default, built = languages(config)
        _model["status"] = translation_status.scan(Path(config.docs_dir), built, default)
    return _model["status"]


def content_language(page, config) -> str:
    """The language of the page's text: the Spanish original's for a fallback page."""
    return getattr(page.file, "locale", None) or current_language(config)


def slug_of(page) -> str | None:
    norm = getattr(page.file, "norm_src_uri", None)
    return norm[: -len(".md")] if norm and norm.endswith(".md") else None


def relative_url(target: str, page_url: str) -> str:
    """``target`` (a site-root-relative directory URL) as seen from ``page_url``."""
    rel = posixpath.relpath("/" + target, "/" + page_url if page_url.endswith("/") else
                            posixpath.dirname("/" + page_url))
    return "./" if rel == "." else rel + "/" if target.endswith("/") or target == "" else rel


def _not_translated_label(config, lang: str) -> str:
    locales = Path(config.config_file_path).resolve().parent / "locales"
    return str(catalogs.load(locales, lang).pgettext("language switcher", "not translated yet"))


def on_page_context(context, page, config) -> None:
    """Annotate the page, fix a fallback's canonical URL and mark the switcher's fallbacks."""
    slug = slug_of(page)
    status = model(config)
    if slug not in status.pages:
        return
    lang, default = current_language(config), status.default
    translation = status.of(slug, lang)
    original = translation_status.url_of(slug, default, default)
    page.meta["puente_translation"] = {
        "status": translation.status,
        "fallback": translation.status == MISSING,
        "original_lang": default,
        "original_url": relative_url(original, page.url),
        "changed": translation.changed if translation.status == OUTDATED else None,
    }
    if translation.status == MISSING:
        page.canonical_url = config.site_url.rstrip("/") + "/" + original if config.site_url else None
    # mkdocs-static-i18n sets the switcher per page as an attribute (`config.extra.alternate`),
    # which Jinja reads before the dict item.
    for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
        alt_lang = alternate.get("lang")
        if alt_lang in status.languages and status.of(slug, alt_lang).status == MISSING:
            alternate["name"] = f"{alternate['name']} · {_not_translated_label(config, alt_lang)}"
            alternate["fallback"] = True
