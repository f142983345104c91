"""The short syntax pages use for contacts and fact markers, expanded before Markdown.

    [[contact:KEY]]   a contact card (on a line of its own)
    [[tel:KEY]]       an inline click-to-call link (plain text for a historical number)
    [[web:KEY]]       a link to the contact's web site
    [[directory]]     every contact, grouped by problem (the contacts page)
    [[deadline:KEY]]  a deadline of data/deadlines.yml: its length and the event that starts it
    [[deadlines]]     every deadline, grouped by problem (the Deadlines page; features.deadlines)
    [[historical]]    marks the statement before it as a historical fact ("dato histórico")
    [[check]]         marks the statement before it as not yet confirmed ("por confirmar")

Each shortcode renders a template in ``overrides/partials/`` so its words come from the
gettext catalogs. A phone number typed straight into a page is an error: the registry is the
only place numbers live.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from puente.core import markdown_code
from puente.core.contacts import GROUPS, ContactError, Registry
from puente.core.phones import typed_phone_numbers
from puente.core.shortcode_syntax import OPENER, SHORTCODE


@dataclass
class Context:
    registry: Registry
    lang: str
    render: Callable[..., str]  # render(template_name, **variables) -> HTML
    source: str                  # the Markdown file, for error messages
    line: int = 0
    used: set | None = None      # contact keys referenced, collected for the usage report
    handlers: dict = field(default_factory=lambda: dict(HANDLERS))   # name -> (ctx, key) -> HTML


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


def _malformed(text: str, ctx: Context, line: int):
    """The error for ``text``: a line's rest that starts with ``[[`` but no valid shortcode."""
    text = text.split("\n", 1)[0]
    end = text.find("]]")
    if end < 0:
        raise ContactError(ctx.source, line, f"unclosed shortcode {text[:40]!r}",
                           "Close it on the same line, e.g. [[tel:whd]]; a literal '[[' goes in `code`")
    written = text[:end + 2]
    name, _, key = written[2:-2].partition(":")
    if SHORTCODE.fullmatch(written.lower()):
        raise ContactError(ctx.source, line, f"shortcode {written} is not lowercase",
                           f"Shortcode names and contact keys are lowercase: write {written.lower()}")
    if key and re.fullmatch(r"[a-z][a-z-]*", name):
        raise ContactError(ctx.source, line, f"shortcode {written}: {key!r} is not a contact key",
                           "Keys are lowercase letters, digits and hyphens ([a-z0-9-]+), "
                           "as in data/contacts.yml")
    raise ContactError(ctx.source, line, f"malformed shortcode {written!r}",
                       f"Write [[NAME]] or [[NAME:KEY]] (names: {', '.join(sorted(HANDLERS))}); "
                       "a literal '[[' goes in `code`")


def expand(markdown: str, ctx: Context, first_line: int = 1) -> str:
    """Expand every shortcode; ``first_line`` is the file line the Markdown starts on.

    Inline code and code blocks (as a CommonMark parser reads them, ``core.markdown_code``) are
    left as they are. Everywhere else, anything starting with ``[[`` must be a valid shortcode,
    and no line may carry a phone number typed out (code included: readers see code too).
    """
    for number, line in enumerate(markdown.split("\n"), start=first_line):
        numbers = typed_phone_numbers(line)
        if numbers:
            raise ContactError(ctx.source, number, f"phone number typed into the page: {numbers[0]}",
                               "Numbers live only in data/contacts.yml; write [[tel:KEY]] or [[contact:KEY]]")
    if "[[" not in markdown:
        return markdown
    code = markdown_code.code_map(markdown)
    line_starts = [0] + [i + 1 for i, char in enumerate(markdown) if char == "\n"]
    out, pos = [], 0
    for begin, end in code.text_parts():
        out.append(markdown[pos:begin])  # code, as written
        pos = begin
        for match in OPENER.finditer(markdown, begin, end):
            line = first_line + bisect.bisect_right(line_starts, match.start()) - 1
            out.append(markdown[pos:match.start()])
            shortcode = SHORTCODE.match(markdown, match.start(), end)
            if shortcode is None:
                _malformed(markdown[match.start():end], ctx, line)
            ctx.line = line
            handler = ctx.handlers.get(shortcode.group(1))
            if handler is None:
                raise ContactError(ctx.source, line, f"unknown shortcode {shortcode.group(0)}",
                                   f"Known: {', '.join(sorted(ctx.handlers))}")
            out.append(handler(ctx, shortcode.group(2)))
            pos = shortcode.end()
        out.append(markdown[pos:end])
        pos = end
    out.append(markdown[pos:])
    return "".join(out)
