"""How many SMS segments a text takes, counted as a phone counts them.

A text message is sent in the GSM 03.38 default alphabet (7-bit) when every character is in it:
160 characters in one segment, or 153 per segment when the message is split (each part carries a
header); the extension characters (``€ [ ] { } \\ ~ ^ |`` and the form feed) take two, an escape
and the character, and a part never ends between the two. Any other character (``á í ó ú``,
curly quotes, emoji...) sends the whole message as UCS-2: 70 UTF-16 code units in one segment,
67 per segment when split, a surrogate pair never split. Note that ``é``, ``ñ``, ``ü``, ``¿`` and
``¡`` are in the GSM alphabet, ``á``, ``í``, ``ó`` and ``ú`` are not.

The GSM alphabet comes from the ``gsm0338`` codec (PyPI, pinned in requirements.txt), not from a
list of our own.
"""

from __future__ import annotations

from dataclasses import dataclass

import gsm0338  # noqa: F401  (registers the "gsm03.38" codec)

GSM = "gsm03.38"
ESCAPE = 0x1B
SINGLE = {"gsm": 160, "ucs2": 70}
PART = {"gsm": 153, "ucs2": 67}


@dataclass(frozen=True)
class Count:
    encoding: str          # "gsm" (GSM 03.38, 7-bit) or "ucs2"
    units: int             # septets, or UTF-16 code units
    segments: int
    first_ucs2: str | None = None   # the first character that forces UCS-2

    @property
    def single(self) -> int:
        return SINGLE[self.encoding]

    @property
    def part(self) -> int:
        return PART[self.encoding]


def _split(sizes: list[int], limit: int) -> int:
    """Segments for characters of ``sizes`` units each, none split across two segments."""
    segments, used = 1, 0
    for size in sizes:
        if used + size > limit:
            segments, used = segments + 1, 0
        used += size
    return segments


def count(text: str) -> Count:
    """The encoding a phone would choose for ``text`` and the segments it takes."""
    sizes, first_ucs2 = [], None
    for character in text:
        try:
            sizes.append(len(character.encode(GSM)))   # 1, or 2 for ESC + an extension character
        except UnicodeEncodeError:
            first_ucs2 = character
            break
    if first_ucs2 is None:
        encoding = "gsm"
    else:
        encoding = "ucs2"
        sizes = [len(character.encode("utf-16-le")) // 2 for character in text]
    units = sum(sizes)
    if units <= SINGLE[encoding]:
        return Count(encoding, units, 1 if units else 0, first_ucs2)
    return Count(encoding, units, _split(sizes, PART[encoding]), first_ucs2)


def room(text: str, segments: int) -> int:
    """How many units ``segments`` segments hold in the encoding ``text`` needs."""
    encoding = count(text).encoding
    return SINGLE[encoding] if segments == 1 else segments * PART[encoding]
