"""What our templates get from the Jinja environment: translated strings and local dates.

MkDocs loads theme catalogs for ``theme.locale``, which mkdocs-static-i18n does not change per
language; here the catalog from ``locales/`` is installed for the language being built
(``theme.language``, which mkdocs-static-i18n sets for each build).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.dates import format_date

from puente import catalogs
from puente.features import edition


def current_language(config) -> str:
    return config.theme["language"]


def project_root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def locales_dir(config) -> Path:
    return project_root(config) / "locales"


def install(env, config, lang: str | None = None) -> None:
    """Strings and dates in ``lang`` (default: the language being built)."""
    lang = lang or current_language(config)
    env.add_extension("jinja2.ext.i18n")
    catalogs.install_escaped(env, catalogs.load(locales_dir(config), lang))

    def long_date(value: dt.date) -> str:
        return format_date(value, format="long", locale=lang)

    env.filters["long_date"] = long_date
    env.filters["report_href"] = edition.report_href


_renderers: dict = {}


def renderer(config, lang: str | None = None):
    """``render(template, **values)`` with the theme's templates and this language's strings.

    MkDocs reads pages before it builds the theme's environment, so shortcodes get their own,
    made once per language build. ``lang`` (default: the language being built) differs for a
    page that falls back to the Spanish original: its shortcodes speak Spanish like its text.
    """
    lang = lang or current_language(config)
    key = (id(config), current_language(config), lang)
    if key not in _renderers:
        env = config.theme.get_env()
        install(env, config, lang)
        if any(k[:2] != key[:2] for k in _renderers):
            _renderers.clear()
        _renderers[key] = lambda name, **values: env.get_template(name).render(**values)
    return _renderers[key]
