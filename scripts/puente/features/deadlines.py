"""Deadlines on pages: ``[[deadline:KEY]]`` and ``[[deadlines]]`` from the registry (``core.deadlines``).

``[[deadline:KEY]]`` renders one deadline in the page's language, its length and the event that
starts the clock ("30 días, contados desde ..."), with the "por confirmar" mark when the registry
says so. ``[[deadlines]]`` lists every deadline grouped by problem, each with a stable anchor
(its key), whom to call and a link to the page that explains it (the Deadlines page). Every entry
of the registry must be cited by some page, in every language (``unused``).
"""

from __future__ import annotations

import re
from pathlib import Path

from puente.core import addresses, front_matter
from puente.core import deadlines as registry_model
from puente.features import build_context
from puente.features.flyers.printables import contact_lines


def load(state, config, project) -> None:
    """The registry, once per build (``on_config``), checked against the contacts and pages."""
    if state.deadlines is None:
        languages = build_context.languages(config)
        state.deadlines = registry_model.load(project.root / registry_model.REGISTRY, contact_keys=state.registry,
                                              docs_dir=Path(config.docs_dir), languages=languages.codes)
        state.deadlines.path = registry_model.REGISTRY   # errors name data/deadlines.yml:LINE


def shortcodes(state, config) -> dict:
    """Shortcode handlers ``(ctx, key) -> HTML``."""
    docs_dir = Path(config.docs_dir)
    languages = build_context.languages(config)

    def used() -> set:
        return state.used_deadlines.setdefault(build_context.current_language(config), set())

    def one(ctx, key):
        deadline = state.deadlines.get_or_fail(key, ctx.source, ctx.line)
        used().add(deadline.key)
        html = ctx.render("partials/deadline.html", deadline=deadline, lang=ctx.lang)
        return " ".join(line.strip() for line in html.splitlines() if line.strip())

    def every(ctx, key):
        here = addresses.page_path(addresses.split_file(ctx.source.removeprefix("docs/"))[0],
                                   build_context.current_language(config), languages)
        groups = []
        for problem, items in state.deadlines.by_problem():
            rows, called = [], set()
            for deadline in items:
                slug = addresses.slug_of_neutral(deadline.page_path)
                target = addresses.markdown_file(docs_dir, slug, ctx.lang, languages)
                title = front_matter.read_front_matter(target).title if target else deadline.page_path
                href = addresses.relative(addresses.page_path(slug, build_context.current_language(config),
                                                              languages), here) + "#" + deadline.anchor
                contact = None
                if deadline.contact:
                    contact = ctx.registry.get_or_fail(deadline.contact, str(state.deadlines.path), deadline.line)
                    if ctx.used is not None:
                        ctx.used.add(contact.key)
                lines = contact_lines([contact], ctx.lang) if contact else []
                rows.append({"deadline": deadline, "title": title, "href": href,
                             "contact": lines[0] if lines else None, "repeat": deadline.contact in called})
                called.add(deadline.contact)
            groups.append((problem, rows))
        html = ctx.render("partials/deadline-list.html", groups=groups, lang=ctx.lang)
        inner = "\n".join(line.strip() for line in html.splitlines() if line.strip())
        return f"\n\n{inner}\n\n"

    return {"deadline": one, "deadlines": every}


def unused_in_this_language(state, config) -> list:
    """An error for each registry entry no page of the language just built cited."""
    cited = state.used_deadlines.pop(build_context.current_language(config), set())
    return registry_model.unused(state.deadlines, cited)


# -- the last day to act ------------------------------------------------------------------------

CALC_MARK = "data-pl-calc="          # on a deadline counted from one event (partials/deadline.html)
CALC_SCRIPT = "assets/javascripts/puente-deadline.js"
_DATE_FIELDS = {"EEEE", "d", "dd", "MMMM", "y", "yyyy"}   # what puente-deadline.js fills in


def date_names(lang: str) -> dict | None:
    """CLDR's (Babel's) full date pattern and wide month and weekday names for ``lang``, as the
    calculator's script reads them when the browser's ``Intl`` lacks the language: the pattern as
    ``%(EEEE)s, %(d)s de %(MMMM)s de %(y)s``, months January first, weekdays Sunday first
    (JavaScript's ``getUTCDay``), each list joined with ``|``. None when Babel does not know the
    language or its pattern needs other fields (the script then uses ``Intl`` alone)."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_date_format, get_day_names, get_month_names, parse_pattern

    try:
        Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None
    for width in ("full", "long"):
        pattern = parse_pattern(get_date_format(width, locale=lang).pattern).format
        if set(re.findall(r"%\((\w+)\)s", pattern)) <= _DATE_FIELDS and "%%" not in pattern:
            break
    else:
        return None
    months = get_month_names("wide", locale=lang)
    days = get_day_names("wide", locale=lang)   # 0 = Monday
    return {"pattern": pattern,
            "months": "|".join(months[number] for number in range(1, 13)),
            "days": "|".join(days[(index + 6) % 7] for index in range(7))}


def calculator(page, config) -> dict | None:
    """What ``partials/deadline-calc.html`` needs on a page that shows a deadline counted from one
    event (None elsewhere: the page loads no calculator): the date names of the language built."""
    content = getattr(page, "content", None) or ""
    if CALC_MARK not in content:
        return None
    return {"names": date_names(build_context.current_language(config))}
