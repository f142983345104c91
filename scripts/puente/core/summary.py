"""A page's ``summary:``: what the page helps with, in one or two short sentences, sized for SMS.

It is the text of the page's SMS and WhatsApp share links (followed by the page's address) and is
shown under the title. With an address of :data:`ADDRESS_ALLOWANCE` characters it must fit in
:data:`MAX_SEGMENTS` SMS segments, counted as a phone counts them (``core.sms``): in Spanish, one
``á``, ``í``, ``ó`` or ``ú`` makes the whole message UCS-2, which leaves about 73 characters for
the summary; a summary in the GSM alphabet has about 245.

Spanish and English pages must have one (the languages the project ships complete); a page of a
language added later may leave it out and gets the Spanish page's summary. A longer real address
than the allowance is not an error: the build says so in one line (:func:`real_address_notice`).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from puente.core import sms
from puente.core import text as plain
from puente.core.front_matter import PageError, key_line

KEY = "summary"
ADDRESS_ALLOWANCE = 60            # characters of the page's address in the share text
MAX_SEGMENTS = 2
ALLOWANCE_ADDRESS = "x" * ADDRESS_ALLOWANCE   # GSM characters, as an https address of ours is
HINT = ("Write one or two short sentences on what the page helps with (README \"Page conventions\"); "
        "á, í, ó or ú make it a UCS-2 message")


def normalized(value: str) -> str:
    """Whitespace runs (a YAML value folded over lines) become one space."""
    return re.sub(r"\s+", " ", value).strip()


def share_text(summary: str, address: str) -> str:
    """What the SMS and WhatsApp share links send: the summary, then the page's address."""
    return f"{summary} {address}"


# Printable characters a URL's query may carry as they are (WHATWG URL code points); the rest, and
# what would end or split the value (space, %, &, #, +, quotes), is percent-encoded.
_URL_KEPT = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!$()*,-./:;=?@_~")


def uri_text(text: str) -> str:
    """``text`` as the value of a share link's ``?body=`` or ``?text=``: letters with accents and
    ``¿`` stay as they are (the browser sends them UTF-8-encoded when the link is followed), so
    the page carries the summary's own bytes, which compress against the summary shown under
    the title, rather than a second, longer, %-encoded spelling of it."""
    return "".join(character if character in _URL_KEPT or (ord(character) >= 0xA0 and character.isprintable()
                                                            and not character.isspace())
                   else quote(character, safe="") for character in text)


def fit_problem(summary: str) -> str | None:
    """Why ``summary`` with an address of :data:`ADDRESS_ALLOWANCE` characters does not fit in
    :data:`MAX_SEGMENTS` SMS segments, or None."""
    message = share_text(summary, ALLOWANCE_ADDRESS)
    counted = sms.count(message)
    if counted.segments <= MAX_SEGMENTS:
        return None
    room = sms.room(message, MAX_SEGMENTS) - ADDRESS_ALLOWANCE - 1
    why = (f"UCS-2 because of {counted.first_ucs2!r}" if counted.encoding == "ucs2"
           else "GSM 03.38, extension characters counted twice")
    return (f"'{KEY}' takes {counted.segments} SMS segments with a {ADDRESS_ALLOWANCE}-character address, "
            f"more than {MAX_SEGMENTS} ({why}: the summary has {counted.units - ADDRESS_ALLOWANCE - 1} "
            f"units, room for {room})")


def check(meta: dict, text: str, shown: str, required: bool) -> str | None:
    """The page's summary (normalized), None when it has none and none is ``required``; a
    missing, non-text or too long one raises :class:`PageError` naming the file and line."""
    value = meta.get(KEY)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise PageError(shown, key_line(text, "title"), f"front matter is missing '{KEY}'", HINT)
        return None
    line = key_line(text, KEY)
    problem = plain.text_problem(value)
    if problem:
        raise PageError(shown, line, f"'{KEY}' {problem}", plain.TEXT_HINT)
    value = normalized(value)
    problem = fit_problem(value)
    if problem:
        raise PageError(shown, line, problem, "Shorten it. " + HINT)
    return value


def real_address_notice(shown: str, summary: str, address: str) -> str | None:
    """One line for the build's output when the real address makes the share text longer than
    :data:`MAX_SEGMENTS` segments (not an error: the allowance is what a summary is held to)."""
    counted = sms.count(share_text(summary, address))
    if counted.segments <= MAX_SEGMENTS:
        return None
    return (f"{shown}: its share text takes {counted.segments} SMS segments with its real address "
            f"({len(address)} characters, {ADDRESS_ALLOWANCE} allowed for): {address}")
