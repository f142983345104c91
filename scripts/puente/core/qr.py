"""QR codes: an absolute URL as a small inline SVG, made offline with segno.

Black modules on white with the standard four-module quiet zone, error correction "M" (a code
printed on a cheap printer and photographed off a wall survives some smudging), and a
``viewBox`` so the printed size is set by CSS, not by the module count.
"""

from __future__ import annotations

import functools
import io
import re

import segno

ERROR = "m"
QUIET_ZONE = 4  # modules of white around the code: what scanners need


@functools.lru_cache(maxsize=8192)
def svg(data: str, title: str | None = None) -> str:
    """An ``<svg>`` element (no XML declaration) encoding ``data``; ``title`` is its accessible name.

    Cached by address: a page's code is made once per process, not once per build (the print
    footer of every page has one; ``mkdocs serve`` rebuilds every page on each edit)."""
    if not data:
        raise ValueError("a QR code needs something to encode")
    code = segno.make(data, error=ERROR, micro=False, boost_error=False)
    out = io.BytesIO()
    code.save(out, kind="svg", xmldecl=False, svgns=True, nl=False, omitsize=True,
              border=QUIET_ZONE, dark="#000", light="#fff", title=title, svgclass="pl-qr",
              lineclass=None, encoding="utf-8")
    return re.sub(r"\s+", " ", out.getvalue().decode("utf-8")).strip()


def version(data: str) -> int:
    """The QR version (size class) ``data`` needs: 25 modules wide for 2, 29 for 3..."""
    return segno.make(data, error=ERROR, micro=False, boost_error=False).version
