"""Per-page search terms (``search_terms:`` front matter): the words readers search with that a
page does not say itself ("el overtime", "la aseguranza", "phone"), at most 12 per page.

They are indexed by Pagefind but never shown. An empty element in the article hands them to
Pagefind as a metadata field, ``terms`` (``data-pagefind-meta="terms[data-pl-terms]"``), which
Pagefind 1.5 searches like the title; our search script weights it (``metaWeights`` in
``overrides/assets/javascripts/puente-search.js``) so that the page comes first for its terms.
Excerpts are still drawn from the page's own text, and the result list shows only the title and
the excerpt: the terms appear nowhere.

The contacts directory (``[[directory]]``) is also found by any of its phone numbers as people
type them ("866 487 9243", "8664879243"): a reader who got a call from a number can learn whose
it is. Those are generated from the numbers the page links to (``tel:``), never typed.

Measured against the alternatives (README "Search"): the terms as text of a hidden element with
``data-pagefind-weight`` rank, but then excerpts quote them; an attribute read with
``data-pagefind-index-attrs`` is indexed without the element's weight, so it hardly moves a page.
"""

from __future__ import annotations

import html
import re

import phonenumbers

FIELD = "terms"
SEPARATOR = " · "


DIRECTORY = '<div class="pl-directory">'        # partials/contact-directory.html
_TEL = re.compile(r'href="tel:(\+[0-9]+)"')


def number_terms(page_html: str) -> list[str]:
    """Each number the page links to, national digits grouped as written and run together."""
    found = []
    for e164 in dict.fromkeys(_TEL.findall(page_html)):
        number = phonenumbers.parse(e164)
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        grouped = " ".join(re.findall(r"[0-9]+", national))
        found += [grouped, grouped.replace(" ", "")]
    return found


def element(page, page_html: str = "") -> str:
    """The empty element that carries the page's terms, or ""."""
    terms = list(page.meta.get("search_terms") or []) if page is not None else []
    if DIRECTORY in page_html:
        terms += number_terms(page_html)
    if not terms:
        return ""
    value = html.escape(SEPARATOR.join(" ".join(term.split()) for term in terms), quote=True)
    return f'<span data-pagefind-meta="{FIELD}[data-pl-terms]" data-pl-terms="{value}"></span>'


def add(page_html: str, page) -> str:
    """The page's HTML with its terms' element at the end of the article."""
    carrier = element(page, page_html)
    return page_html + carrier if carrier else page_html
