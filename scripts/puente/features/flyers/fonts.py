"""The one font family flyers print in, and a fontconfig that knows nothing else.

Printed layout depends on font metrics: the same page set in DejaVu Sans (what a Debian machine
falls back to for ``Arial``) is about 10% wider than in Liberation Sans and spills onto a second
sheet. So the print stylesheet names a single family, Liberation Sans 2 (SIL Open Font License,
Debian package ``fonts-liberation2``, installed by ``scripts/ensure-system-tools.sh``), and the PDF
renderer runs Chromium with ``FONTCONFIG_FILE`` pointing at a configuration that lists only that
family's files: whatever else a machine has installed, every PDF is laid out and embedded in
exactly these fonts. Screen pages keep the reader's system fonts (no web font, 0 bytes).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

FAMILY = "Liberation Sans"
PACKAGE = "fonts-liberation2"
DIRECTORY = Path("/usr/share/fonts/truetype/liberation2")
FILES = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
         "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf")


class FontsMissing(Exception):
    """The print family is not installed."""


def files(directory: Path = DIRECTORY) -> list[Path]:
    """The family's font files; raises :class:`FontsMissing` naming the package to install."""
    paths = [Path(directory) / name for name in FILES]
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        raise FontsMissing(f"the print font {FAMILY} is missing ({', '.join(missing)} in {directory}): run "
                           f"`make system-tools` (installs Debian's {PACKAGE})")
    return paths


def digest(directory: Path = DIRECTORY) -> str:
    """A hash of the font files (part of the flyer cache key: new fonts, new PDFs)."""
    sha = hashlib.sha256()
    for path in files(directory):
        sha.update(path.name.encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def fontconfig(cache_dir: Path, directory: Path = DIRECTORY) -> Path:
    """Write (once) a ``fonts.conf`` that knows only the print family; return its path.

    Every generic family (sans-serif, serif, monospace) resolves to it too, so a stray
    ``font-family`` in a page cannot bring another font into a PDF.
    """
    font_files = files(directory)
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    aliases = "".join(f"<alias><family>{generic}</family><prefer><family>{FAMILY}</family></prefer></alias>"
                      for generic in ("sans-serif", "serif", "monospace", "system-ui", "Arial", "Helvetica"))
    text = ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
            + "".join(f"  <dir>{path.parent}</dir>\n" for path in font_files[:1])
            + "  <selectfont><acceptfont>"
            + "".join(f"<glob>{path}</glob>" for path in font_files)
            + "</acceptfont><rejectfont><glob>*</glob></rejectfont></selectfont>\n"
            + f"  <cachedir>{cache_dir / 'fontconfig-cache'}</cachedir>\n  {aliases}\n</fontconfig>\n")
    path = cache_dir / "fonts.conf"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path
