"""Phone numbers typed into a page's text, which must come from the contacts registry instead.

Three finders, each told what is *not* a phone number:

- ``phonenumbers``' own matcher (valid numbers for the U.S. and Mexico, as written by people);
- a digit run of seven digits or more, grouped as numbers are (``5062-3000``, ``555-0199``): it
  catches numbers ``phonenumbers`` does not consider valid, which are no less wrong on a page;
- vanity numbers (``1-800-321-OSHA``, ``1-866-4-USWAGE``, ``866-EZE-OIEC``): letters converted to
  digits by ``phonenumbers.convert_alpha_characters_in_number``, then a valid U.S. number.

Not phone numbers, by their shape: ISO and other dates, ZIP+4 codes (``TX 77002-1234``), year
ranges (``2004-2014``), numbers with thousands separators (``1 300 000``, ``1.300.000``); by what
stands before or after them: money (``$``), percentages, and citations (``90 FR 47914``,
``29 U.S.C. 255``, ``art. 294``, ``§ 1546``). The committed table ``tests/data/typed-phones.yml``
holds the cases both ways.
"""

from __future__ import annotations

import re

import phonenumbers

SHORTCODE = re.compile(r"\[\[[^\]\n]*\]\]")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ANY_DIGIT = re.compile(r"\d")   # any Unicode decimal digit, as phonenumbers reads them
DIGIT_RUN = re.compile(r"(?<![\w/#.-])\+?\(?\d[\d\s().-]{5,}\d(?![\w/-])")
VANITY = re.compile(r"(?<![\w-])(?:\+?1[-. ])?\(?\d{3}\)?(?:[-. ][0-9A-Z]{1,7}){1,3}(?![\w-])")

# Shapes of a whole digit run that is not a phone number.
NOT_A_PHONE = [
    re.compile(r"\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})"),      # 11.06.2002, 11-06-02
    re.compile(r"\d{5}-\d{4}"),                                    # ZIP+4
    re.compile(r"\d{1,3}(?:([ .,])\d{3})(?:\1\d{3})*(?:[.,]\d{1,2})?"),  # 1 300 000, 1.300.000,50
]
YEAR_RANGE = re.compile(r"((?:1[89]|20)\d\d)\s*[-–]\s*((?:1[89]|20)\d\d)")
# What may stand right before a number that is not a phone number: money and citations.
BEFORE = re.compile(
    r"(?:[$€]|\b(?:US|MX|MXN|USD)\$?|\bFR|\bCFR|U\.\s?S\.\s?C\.|\bUSC|\bStat\.|\bL\.|§+|\barts?\.|"
    r"\bart[íi]culos?|\bfracc?\.|\bn[úu]m\.|\bNo\.)\s*$",
)
AFTER = re.compile(r"^\s*%")


def _is_phone_shaped(text: str, start: int, end: int) -> bool:
    written = text[start:end].strip(" ()")
    if any(shape.fullmatch(written) for shape in NOT_A_PHONE):
        return False
    years = YEAR_RANGE.fullmatch(written)
    if years and int(years.group(1)) <= int(years.group(2)):
        return False
    return not (BEFORE.search(text, 0, start) or AFTER.match(text[end:]))


def _vanity(text: str) -> list[tuple[int, str]]:
    found = []
    for match in VANITY.finditer(text):
        written = match.group(0)
        if not re.search(r"[A-Z]", written):
            continue
        digits = phonenumbers.convert_alpha_characters_in_number(written)
        try:
            number = phonenumbers.parse(digits, "US")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            found.append((match.start(), written))
    return found


def typed_phone_numbers(text: str) -> list[str]:
    """Phone numbers written out in ``text``, as written (shortcodes and dates are not numbers)."""
    if not ANY_DIGIT.search(text):
        return []   # every way of finding one below starts from a digit (most lines of a page have none)
    text = ISO_DATE.sub(lambda m: " " * len(m.group()), SHORTCODE.sub(lambda m: " " * len(m.group()), text))
    found: list[tuple[int, str]] = []
    for region in ("US", "MX"):
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            if _is_phone_shaped(text, match.start, match.end):
                found.append((match.start, match.raw_string))
    for match in DIGIT_RUN.finditer(text):
        written = match.group().strip()
        if sum(ch.isdigit() for ch in written) >= 7 and _is_phone_shaped(text, match.start(), match.end()):
            found.append((match.start() + match.group().index(written), written))
    found.extend(_vanity(text))
    unique = dict.fromkeys(written for _, written in sorted(found))
    return list(unique)
