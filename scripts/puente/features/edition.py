"""Local editions in the build: the organization profile (``data/organization.yml``, see
``core/organization.py``) on flyers, pocket cards, the home and contacts pages, the footer and
link previews, and the error-report address every page links to.

Without a profile nothing here changes the site: the ``[[local-help]]`` shortcode renders
nothing, the templates' organization blocks are skipped and ``edition.css`` is not published.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape

from puente.core import organization
from puente.core.contacts import ContactError, Registry

STYLESHEET = "assets/stylesheets/edition.css"   # in docs/; published only with a profile
REPORT_KEY = "report"                            # mkdocs.yml `extra: report:` (the default address)
REPORT_PLACEHOLDER = "errores@example.org"


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _report_line(config) -> int:
    """The line of ``report:`` under ``extra:`` in mkdocs.yml (for error messages)."""
    lines = Path(config.config_file_path).read_text(encoding="utf-8").splitlines()
    inside = False
    for number, line in enumerate(lines, start=1):
        if re.match(r"extra:\s*$", line):
            inside = True
        elif inside and re.match(r"\s+report:", line):
            return number
        elif inside and re.match(r"\S", line):
            inside = False
    return 1


def configure(state, config, registry: Registry) -> Registry:
    """Read the profile (None upstream) and the report address into ``config.extra``; return the
    registry with the profile's local contacts, so pages cite them like registry contacts."""
    root = _root(config)
    org = organization.load(root)
    default = config.extra.get(REPORT_KEY)
    if not default:
        raise ContactError("mkdocs.yml", 1, "extra: report: is missing (where readers report a mistake)",
                           "Add it under extra: (an email address or an https issue-tracker URL)")
    default = organization.report_address(default, _report_line(config), "mkdocs.yml", "extra: report:")
    config.extra["puente_organization"] = org
    config.extra["puente_report"] = org.report if org and org.report else default
    if config.extra["puente_report"] == REPORT_PLACEHOLDER:
        state.say_once(f"NOTICE: \"Found a mistake?\" links go to {REPORT_PLACEHOLDER}, an example address that "
                       "reaches nobody (mkdocs.yml, extra: report:). Set the project's issue tracker or email there, "
                       "or 'report:' in data/organization.yml.")
    if org is not None and STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    return organization.with_local_contacts(registry, org)


def adapt_files(config, files) -> None:
    """Without a profile, ``edition.css`` is not published (the site stays exactly upstream's)."""
    if config.extra.get("puente_organization") is None:
        file = files.get_file_from_path(STYLESHEET)
        if file is not None:
            files.remove(file)


def report_href(address: str, subject, *body) -> Markup:
    """Jinja filter: ``{{ address | report_href(subject, line, ...) }}`` (body lines joined by a
    blank line), escaped for an attribute. Translated strings arrive HTML-escaped
    (catalogs.install_escaped): they are unescaped first, then URL-encoded."""
    def text(value) -> str:
        return value.unescape() if isinstance(value, Markup) else str(value)
    return escape(organization.report_href(address, text(subject), "\n\n".join(text(line) for line in body)))


def logo_src(org, page_url: str) -> str | None:
    """The logo's address relative to the page at site URL ``page_url`` (``en/tarjeta/``)."""
    if org is None or not org.logo:
        return None
    depth = len([part for part in page_url.split("/") if part])
    return "../" * depth + org.logo


def shortcodes(config) -> dict:
    """``[[local-help]]``: the "Help near you" section (nothing without a profile)."""

    def local_help(ctx, key):
        org = config.extra.get("puente_organization")
        if org is None:
            return ""
        local = [c for c in ctx.registry.values() if c.local]
        if ctx.used is not None:
            ctx.used.update(c.key for c in local)
        html = ctx.render("partials/local-help.html", organization=org, contacts=local, lang=ctx.lang)
        inner = "\n".join(line.strip() for line in html.splitlines() if line.strip())
        return f"\n\n{inner}\n\n"

    return {"local-help": local_help}
