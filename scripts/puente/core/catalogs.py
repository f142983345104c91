"""Gettext catalogs for the strings our templates add (``locales/<lang>/LC_MESSAGES``).

The ``.po`` files are the source; ``.mo`` files are build outputs, compiled here when missing
or older than their ``.po`` and never committed.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

DOMAIN = "messages"


def po_path(locales_dir: Path, lang: str) -> Path:
    return Path(locales_dir) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalog(po: Path) -> Path:
    """Write ``messages.mo`` beside ``po`` unless it is already up to date."""
    mo = po.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        with po.open("rb") as handle:
            catalog = read_po(handle)
        with mo.open("wb") as handle:
            write_mo(handle, catalog)
    return mo


def compile_all(locales_dir: Path) -> list[Path]:
    return [compile_catalog(po) for po in sorted(Path(locales_dir).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))]


def load(locales_dir: Path, lang: str) -> NullTranslations:
    """The compiled catalog for ``lang`` (compiled on demand); null translations if none."""
    po = po_path(locales_dir, lang)
    if not po.exists():
        return NullTranslations()
    compile_catalog(po)
    return Translations.load(str(locales_dir), [lang], DOMAIN)


def install_escaped(env, translations: NullTranslations) -> None:
    """Install ``_``, ``gettext``, ``ngettext``, ``pgettext`` and ``npgettext`` in a Jinja env,
    newstyle (``_("Hi %(name)s", name=x)``), returning translations HTML-escaped.

    Jinja's newstyle gettext marks a translation safe: markup or a script in a ``msgstr`` would
    reach the page as HTML. Here a translation is text: it is escaped (and the values formatted
    into it are escaped with it), so ``<script>`` in a catalog shows as text and never runs.
    Markup belongs in the templates, around the strings.
    """
    def escaped(func):
        return lambda *args: Markup(escape(func(*args)))

    env.install_gettext_callables(
        escaped(translations.gettext), escaped(translations.ngettext), newstyle=True,
        pgettext=escaped(translations.pgettext), npgettext=escaped(translations.npgettext),
    )
