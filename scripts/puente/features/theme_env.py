"""What our templates get from the Jinja environment: translated strings and local dates.

MkDocs loads theme catalogs for ``theme.locale``, which mkdocs-static-i18n does not change per
language; here the catalog from ``locales/`` is installed for the language being built
(``theme.language``, which mkdocs-static-i18n sets for each build).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
from babel.dates import format_date

from puente.core import catalogs
from puente.core.summary import uri_text
from puente.features import build_context, edition


def locales_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "locales"


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, checked against their source.

    MkDocs makes a new Jinja environment for every language build (and for every rebuild under
    ``mkdocs serve``); without this each one compiles Material's templates again.
    """

    def __init__(self):
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _MemoryBytecodeCache()


def install(env, config, lang: str | None = None) -> None:
    """Strings and dates in ``lang`` (default: the language being built)."""
    lang = lang or build_context.current_language(config)
    env.bytecode_cache = _BYTECODE
    env.add_extension("jinja2.ext.i18n")
    catalogs.install_escaped(env, catalogs.load(locales_dir(config), lang))

    def long_date(value: dt.date) -> str:
        return format_date(value, format="long", locale=lang)

    env.filters["long_date"] = long_date
    env.filters["report_href"] = edition.report_href
    env.filters["uri_text"] = uri_text   # a share link's text (partials/share-links.html)


def renderer(state, config, lang: str | None = None):
    """``render(template, **values)`` with the theme's templates and this language's strings.

    MkDocs reads pages before it builds the theme's environment, so shortcodes get their own,
    made once per language build. ``lang`` (default: the language being built) differs for a
    page that falls back to the Spanish original: its shortcodes speak Spanish like its text.
    """
    building = build_context.current_language(config)
    key = (building, lang or building)
    if key not in state.renderers:
        env = config.theme.get_env()
        env.autoescape = True  # shortcodes render only our partials: every value is escaped
        install(env, config, lang or building)
        state.renderers[key] = lambda name, **values: env.get_template(name).render(**values)
    return state.renderers[key]
