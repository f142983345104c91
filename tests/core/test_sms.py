"""SMS segments counted as a phone counts them, with the real GSM 03.38 codec (core/sms.py)."""

from __future__ import annotations

import pytest

from puente.core import sms


@pytest.mark.parametrize("text, encoding, units, segments", [
    ("", "gsm", 0, 0),
    ("a" * 160, "gsm", 160, 1),
    ("a" * 161, "gsm", 161, 2),
    ("a" * 306, "gsm", 306, 2),
    ("a" * 307, "gsm", 307, 3),
    # é, ñ, ü, ¿ and ¡ are in the GSM alphabet: one septet each
    ("¿Qué señor? ¡Si, güero!", "gsm", 23, 1),
    # extension characters take two septets (escape + character)
    ("€" * 80, "gsm", 160, 1),
    ("€" * 81, "gsm", 162, 2),
    ("[" * 153, "gsm", 306, 3),   # 76 pairs fit in 153 septets: a pair is never split
    # one á, í, ó or ú makes the whole text UCS-2
    ("á" + "a" * 69, "ucs2", 70, 1),
    ("á" + "a" * 70, "ucs2", 71, 2),
    ("ó" * 134, "ucs2", 134, 2),
    ("ú" * 135, "ucs2", 135, 3),
    ("“citas”", "ucs2", 7, 1),             # curly quotes are not GSM
    ("😀" * 35, "ucs2", 70, 1),             # a character outside the BMP takes two units
    ("a" * 66 + "😀" * 3, "ucs2", 72, 2),
])
def test_segments_are_counted_as_a_phone_counts_them(text, encoding, units, segments):
    counted = sms.count(text)
    assert (counted.encoding, counted.units, counted.segments) == (encoding, units, segments)


def test_a_surrogate_pair_is_never_split_across_segments():
    # 66 units, then a pair that would straddle the 67-unit boundary: it moves to the next part
    assert sms.count("á" * 66 + "😀" + "a" * 67).segments == 3
    assert sms.count("á" * 65 + "😀" + "a" * 67).segments == 2


def test_the_character_that_forces_ucs2_is_named():
    assert sms.count("Sus derechos en el trabajo, tenga o no papeles.").first_ucs2 is None
    assert sms.count("Qué hacer y cómo").first_ucs2 == "ó"


def test_room_depends_on_the_encoding():
    assert sms.room("hola", 2) == 306 and sms.room("adiós", 2) == 134
    assert sms.room("hola", 1) == 160 and sms.room("adiós", 1) == 70
