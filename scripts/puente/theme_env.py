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


def current_language(config) -> str:
    return config.theme["language"]


def locales_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "locales"


def install(env, config) -> None:
    lang = current_language(config)
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(catalogs.load(locales_dir(config), lang), newstyle=True)

    def long_date(value: dt.date) -> str:
        return format_date(value, format="long", locale=lang)

    env.filters["long_date"] = long_date
