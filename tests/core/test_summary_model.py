"""The SMS-sized summary: what fits with a 60-character address, and the share link's text."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from puente.core import summary
from puente.core.front_matter import PageError

PAGE = "---\ntitle: T\ndescription: D.\nreviewed: 2026-11-28\nsummary: {}\nsources:\n  - title: S\n---\n\nText.\n"


@pytest.mark.parametrize("text, fits", [
    ("a" * 73, True),                  # GSM: far from the limit
    ("a" * 245, True),                 # GSM: 245 + space + 60 = 306 septets, 2 segments
    ("a" * 246, False),
    ("á" + "a" * 72, True),            # UCS-2: 73 + 1 + 60 = 134 units, 2 segments
    ("á" + "a" * 73, False),
    ("€" * 60 + "a" * 120, True),      # extension characters count double: 240 septets
    ("€" * 60 + "a" * 126, False),     # 246
])
def test_a_summary_fits_two_segments_with_a_60_character_address(text, fits):
    assert (summary.fit_problem(text) is None) == fits


def test_the_problem_says_why_and_how_much_room_there_is():
    problem = summary.fit_problem("Qué hacer si no le pagan, a quién llamar, qué papeles guardar y cómo reclamar.")
    assert "3 SMS segments" in problem and "UCS-2 because of 'ó'" in problem and "room for 73" in problem


def test_check_requires_it_only_where_asked_and_names_the_line():
    good = PAGE.format("Qué hacer si no le pagan.")
    assert summary.check({"summary": "Qué hacer  si\n no le pagan."}, good, "docs/x.es.md", True) == \
        "Qué hacer si no le pagan."
    assert summary.check({}, good, "docs/x.fr.md", required=False) is None
    with pytest.raises(PageError, match=r"docs/x.en.md:2: front matter is missing 'summary'"):
        summary.check({}, good, "docs/x.en.md", required=True)
    long = "Cómo " * 20
    with pytest.raises(PageError, match=r"docs/x.es.md:5: 'summary' takes 3 SMS segments"):
        summary.check({"summary": long}, PAGE.format(long), "docs/x.es.md", required=True)
    with pytest.raises(PageError, match=r"docs/x.es.md:5: 'summary' contains '<'"):
        summary.check({"summary": "<b>x</b>"}, PAGE.format("<b>x</b>"), "docs/x.es.md", required=True)


def test_a_longer_real_address_is_one_line_of_output_not_an_error():
    text = "Cómo cobrar las horas extra que le deben."
    assert summary.real_address_notice("docs/x.es.md", text, "https://example.org/derechos/salario/") is None
    notice = summary.real_address_notice("docs/x.es.md", text, "https://example.org/" + "a" * 80 + "/")
    assert notice.startswith("docs/x.es.md: its share text takes 3 SMS segments with its real address (101 characters")


@pytest.mark.parametrize("text", [
    "¿No le pagan bien? Salario mínimo, horas extra y a quién llamar. https://example.org/derechos/salario/",
    "50% & más #1 + “comillas” 'sí' <b> a\tb\nc",
])
def test_the_share_link_text_keeps_letters_and_encodes_what_would_break_the_link(text):
    encoded = summary.uri_text(text)
    assert unquote(encoded) == text
    assert not set(encoded) & set(" &#+\"'<>\t\n")
    assert re.fullmatch(r"([^%]|%[0-9A-F]{2})*", encoded)
    if "mínimo" in text:
        assert "¿No%20le%20pagan%20bien?%20Salario%20mínimo," in encoded
        assert encoded.endswith("https://example.org/derechos/salario/")
