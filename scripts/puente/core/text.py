"""Everything from data is text: the plain-text and address rules of front matter and registries.

Fields that are plain text by nature (a page's title and description, source titles, a contact's
name, what it handles, its hours, its vanity number, the site's name) are refused at load time
when they carry what HTML would read as something else, because MkDocs' Jinja environment does
not escape (autoescape is off) and Material prints ``page.title``, ``page.meta.description`` and
``config.site_name`` as they are, in text and inside double-quoted attributes:

- ``<`` and ``>``: markup (``<script>``) — there is no plain-text reason for them in these fields;
- ``"``: it ends an attribute (``<meta content="...">``); write typographic quotes “ ” instead,
  as Spanish and English typography do;
- a character reference (``&lt;``, ``&#60;``, ``&quot;``): printed raw it becomes the character
  (``<``), printed escaped it stays ``&lt;``: the same title would read differently in the tab, the
  header and the link preview. Write the character itself;
- control characters and invisible direction overrides (they can make text read differently from
  what it is).

A bare ``&`` (``AT&T``, ``Salud & Seguridad``) and the apostrophe ``'`` (``workers' rights``) are
allowed: both are common in these texts and harmless in both places (HTML reads ``& `` as an
ampersand; Material's attributes are double-quoted and ours escape ``'``).

Web addresses are parsed with ``urllib.parse`` and must be ``https`` with a host name and nothing
that could end an attribute or hide a different address: no quotes, spaces, backslashes, angle
brackets, control characters, or ``user@`` part.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MARKUP = re.compile(r"[<>\"]|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# control characters, and the invisible ones that change how text reads or breaks: soft hyphen,
# Arabic letter mark, zero-width space, direction marks and overrides, line and paragraph
# separators, word joiner and invisible operators, byte-order mark (not the zero-width joiner and
# non-joiner, U+200C/D, which emoji and some scripts need)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u200b\u200e\u200f\u2028-\u202e"
                     r"\u2060-\u2064\u2066-\u2069\ufeff]")
HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
URL_FORBIDDEN = re.compile(r"[\s\"'<>\\`\x00-\x1f\x7f]")


def text_problem(value) -> str | None:
    """Why ``value`` is not acceptable plain text, or None."""
    if not isinstance(value, str):
        return f"must be text, not {type(value).__name__}"
    match = MARKUP.search(value)
    if match:
        found = match.group(0)
        if found == '"':
            return "contains a straight double quote (\"), which would end an HTML attribute"
        if found in "<>":
            return f"contains {found!r}: markup is not allowed in plain text"
        return f"contains the character reference {found!r}: write the character itself"
    match = CONTROL.search(value)
    if match:
        return f"contains the invisible character U+{ord(match.group(0)):04X}: delete it (retype the text around it)"
    return None


TEXT_HINT = ("Plain text only: no <, > or straight double quotes (use “ ”), no &name; or &#...; "
             "references, no control characters")


def url_problem(value) -> str | None:
    """Why ``value`` is not an acceptable ``https://`` address, or None."""
    if not isinstance(value, str):
        return f"must be text, not {type(value).__name__}"
    bad = URL_FORBIDDEN.search(value)
    if bad:
        return f"contains {bad.group(0)!r} (no quotes, spaces, backslashes, angle brackets or control characters)"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as error:
        return f"is not a valid address ({error})"
    host = parts.hostname or ""
    labels = host.split(".")
    checks = [
        (parts.scheme != "https", f"must start with https:// (its scheme is {parts.scheme or 'missing'!r})"),
        ("@" in parts.netloc, "must not contain a user name or '@' before the host"),
        (not host, "has no host name"),
        (host != parts.netloc.split(":")[0], "host name must be written in lowercase"),
        (len(labels) < 2 or not all(HOST_LABEL.fullmatch(label) for label in labels),
         f"host {host!r} is not a public host name (letters, digits, hyphens, dots)"),
        (port is not None and port != 443, f"must not name a port ({port})"),
    ]
    return next((problem for failed, problem in checks if failed), None)


URL_HINT = "Write the full address, e.g. https://www.dol.gov/agencies/whd"
