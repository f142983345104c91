"""The short syntax pages use for contacts and fact markers, expanded before Markdown.

    [[contact:KEY]]   a contact card (on a line of its own)
    [[tel:KEY]]       an inline click-to-call link (plain text for a historical number)
    [[web:KEY]]       a link to the contact's web site
    [[directory]]     every contact, grouped by problem (the contacts page)
    [[historical]]    marks the statement before it as a historical fact ("dato histórico")
    [[check]]         marks the statement before it as not yet confirmed ("por confirmar")

Each shortcode renders a template in ``overrides/partials/`` so its words come from the
gettext catalogs. A phone number typed straight into a page is an error: the registry is the
only place numbers live.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers

from puente.contacts import GROUPS, ContactError, Registry

SHORTCODE = re.compile(r"\[\[([a-z][a-z-]*)(?::([a-z0-9][a-z0-9-]*))?\]\]")
FENCE_LINE = re.compile(r"^\s*(```|~~~)")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
DIGIT_RUN = re.compile(r"(?<![\w/#.-])\+?\(?\d[\d\s().-]{5,}\d(?![\w/-])")


@dataclass
class Context:
    registry: Registry
    lang: str
    render: Callable[..., str]  # render(template_name, **variables) -> HTML
    source: str                  # the Markdown file, for error messages
    line: int = 0
    used: set | None = None      # contact keys referenced, collected for the usage report


def _one_block(html: str) -> str:
    """An HTML block Markdown keeps intact: no blank lines inside, blank lines around."""
    inner = "\n".join(line.strip() for line in html.splitlines() if line.strip())
    return f"\n\n{inner}\n\n"


def _inline(html: str) -> str:
    return " ".join(line.strip() for line in html.splitlines() if line.strip())


def _contact(ctx: Context, key: str | None):
    if not key:
        raise ContactError(ctx.source, ctx.line, "this shortcode needs a contact key, e.g. [[tel:whd]]")
    contact = ctx.registry.get_or_fail(key, ctx.source, ctx.line)
    if ctx.used is not None:
        ctx.used.add(key)
    return contact


def _card(ctx, key):
    return _one_block(ctx.render("partials/contact-card.html", contact=_contact(ctx, key), lang=ctx.lang))


def _tel(ctx, key):
    contact = _contact(ctx, key)
    if contact.phone is None and contact.status != "historical":
        raise ContactError(ctx.source, ctx.line, f"contact '{key}' has no phone number",
                           f"Use [[web:{key}]] or [[contact:{key}]] instead")
    return _inline(ctx.render("partials/call-link.html", contact=contact, lang=ctx.lang))


def _web(ctx, key):
    contact = _contact(ctx, key)
    if not contact.web:
        raise ContactError(ctx.source, ctx.line, f"contact '{key}' has no web address",
                           f"Use [[tel:{key}]] or [[contact:{key}]] instead")
    return _inline(ctx.render("partials/web-link.html", contact=contact, lang=ctx.lang))


def _directory(ctx, key):
    # A local edition's contacts are listed first, under "Help near you" ([[local-help]])
    groups = [(group, [c for c in ctx.registry.values() if c.group == group and not c.local]) for group in GROUPS]
    if ctx.used is not None:
        ctx.used.update(ctx.registry)
    return _one_block(ctx.render("partials/contact-directory.html",
                                 groups=[g for g in groups if g[1]], lang=ctx.lang))


def _mark(kind):
    def render(ctx, key):
        return _inline(ctx.render("partials/fact-mark.html", kind=kind))
    return render


HANDLERS: dict[str, Callable[[Context, str | None], str]] = {
    "contact": _card, "tel": _tel, "web": _web, "directory": _directory,
    "historical": _mark("historical"), "check": _mark("check"),
}


def typed_phone_numbers(text: str) -> list[str]:
    """Phone numbers written out in ``text`` (shortcodes and dates are not numbers)."""
    text = ISO_DATE.sub(" ", SHORTCODE.sub(" ", text))
    found = []
    for region in ("US", "MX"):
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            found.append(match.raw_string)
    for match in DIGIT_RUN.finditer(text):
        if sum(ch.isdigit() for ch in match.group()) >= 7 and match.group().strip() not in found:
            found.append(match.group().strip())
    return found


def expand(markdown: str, ctx: Context, first_line: int = 1) -> str:
    """Expand every shortcode; ``first_line`` is the file line the Markdown starts on."""
    out, in_fence = [], False
    for number, line in enumerate(markdown.split("\n"), start=first_line):
        if FENCE_LINE.match(line):
            in_fence = not in_fence
        if in_fence:
            out.append(line)
            continue
        ctx.line = number
        numbers = typed_phone_numbers(line)
        if numbers:
            raise ContactError(ctx.source, number, f"phone number typed into the page: {numbers[0]}",
                               "Numbers live only in data/contacts.yml; write [[tel:KEY]] or [[contact:KEY]]")

        def replace(match, ctx=ctx):
            name, key = match.group(1), match.group(2)
            handler = HANDLERS.get(name)
            if handler is None:
                raise ContactError(ctx.source, ctx.line, f"unknown shortcode [[{match.group(0)[2:-2]}]]",
                                   f"Known: {', '.join(sorted(HANDLERS))}")
            return handler(ctx, key)

        out.append(SHORTCODE.sub(replace, line))
    return "\n".join(out)
