"""Each page's SMS-sized summary (``summary:`` front matter, ``core.summary``) in the build.

``prepare`` (``on_page_markdown``) checks it, falls back to the Spanish page's summary for a
language added later, keeps it in ``page.meta["puente_summary"]`` for the share links
(``overrides/partials/share-links.html``) and says in one line when the page's real address makes
the share text longer than two segments. ``show`` (``on_page_content``) puts it under the title.
"""

from __future__ import annotations

import html
from pathlib import Path

from puente.core import addresses, front_matter
from puente.core import summary as model
from puente.features import build_context

_H1_END = "</h1>"


def _spanish_summary(page, config) -> str | None:
    """The summary of the default language's file of this page."""
    languages = build_context.languages(config)
    slug = addresses.split_file(page.file.src_uri)[0]
    original = addresses.markdown_file(Path(config.docs_dir), slug, languages.default, languages)
    if original is None:
        return None
    meta = front_matter.read_front_matter(original).extra
    value = meta.get(model.KEY)
    return model.normalized(value) if isinstance(value, str) and value.strip() else None


def prepare(state, page, config, meta, text: str, shown: str) -> None:
    """Check the page's summary and keep the one its share links use."""
    languages = build_context.languages(config)
    file_lang = build_context.content_language(page, config)
    own = model.check(meta.extra, text, shown, required=languages.is_complete(file_lang))
    if own is not None:
        chosen = {"text": own, "lang": file_lang}
    else:
        spanish = _spanish_summary(page, config)
        chosen = {"text": spanish, "lang": languages.default} if spanish else None
    page.meta["puente_summary"] = chosen
    if chosen and page.canonical_url:
        state.say_once(model.real_address_notice(shown, chosen["text"], page.canonical_url))


def show(page_html: str, page) -> str:
    """The summary as the paragraph right under the page's title (screen only, tools.css: the
    flyers keep their layout); marked with its language when it is the Spanish one on another page."""
    chosen = page.meta.get("puente_summary")
    if not chosen or _H1_END not in page_html:
        return page_html
    lang = getattr(page.file, "locale", None)   # the language of the page's own text
    marked = f' lang="{chosen["lang"]}"' if lang and chosen["lang"] != lang else ""
    paragraph = f'<p class="pl-summary"{marked}>{html.escape(chosen["text"], quote=False)}</p>'
    return page_html.replace(_H1_END, _H1_END + "\n" + paragraph, 1)

