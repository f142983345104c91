"""QR codes: an absolute URL as a small inline SVG, made offline with segno.

Black modules on white with the standard four-module quiet zone, error correction "M" (a code
printed on a cheap printer and photographed off a wall survives some smudging), and a
``viewBox`` so the printed size is set by CSS, not by the module count.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import re
from pathlib import Path

import segno

ERROR = "m"
QUIET_ZONE = 4  # modules of white around the code: what scanners need
_disk: list[Path] = []   # where codes are kept between builds (``keep_in``); none by default


def keep_in(folder: Path) -> None:
    """Keep every code made from now on in ``folder`` (the build's .cache/qr/): a page's code is
    drawn once, not on every build (each printed page has one; a 1,000-page site spends a
    quarter of its build drawing them)."""
    _disk[:] = [Path(folder)]


@functools.lru_cache(maxsize=8192)
def svg(data: str, title: str | None = None) -> str:
    """An ``<svg>`` element (no XML declaration) encoding ``data``; ``title`` is its accessible name.

    Cached by address: in the process (``mkdocs serve`` rebuilds every page on each edit) and,
    when ``keep_in`` named a folder, between builds."""
    if not data:
        raise ValueError("a QR code needs something to encode")
    stored = None
    if _disk:
        key = hashlib.sha256(f"{segno.__version__}\0{ERROR}\0{QUIET_ZONE}\0{data}\0{title}".encode()).hexdigest()
        stored = _disk[0] / key[:2] / f"{key}.svg"
        if stored.is_file():
            return stored.read_text(encoding="utf-8")
    made = _draw(data, title)
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        # Written whole, then renamed: two builds at once (make serve and make build, or the two
        # test sessions) never read a half-written code.
        partial = stored.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(made, encoding="utf-8")
        partial.replace(stored)
    return made


def _draw(data: str, title: str | None) -> str:
    code = segno.make(data, error=ERROR, micro=False, boost_error=False)
    out = io.BytesIO()
    code.save(out, kind="svg", xmldecl=False, svgns=True, nl=False, omitsize=True,
              border=QUIET_ZONE, dark="#000", light="#fff", title=title, svgclass="pl-qr",
              lineclass=None, encoding="utf-8")
    return re.sub(r"\s+", " ", out.getvalue().decode("utf-8")).strip()


def version(data: str) -> int:
    """The QR version (size class) ``data`` needs: 25 modules wide for 2, 29 for 3..."""
    return segno.make(data, error=ERROR, micro=False, boost_error=False).version
