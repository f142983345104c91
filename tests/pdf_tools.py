"""Readers for printed PDFs, on poppler (pdfinfo, pdftotext, pdffonts, pdftoppm), pikepdf and zbarimg."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdf_info(pdf: Path) -> dict[str, str]:
    return dict(re.findall(r"^([A-Za-z ]+):\s+(.*)$", run("pdfinfo", str(pdf)), re.MULTILINE))


def pdf_text(pdf: Path) -> str:
    return " ".join(run("pdftotext", "-layout", str(pdf), "-").split())


def catalog_lang(pdf: Path) -> str | None:
    """/Lang of the PDF's document catalog (Chromium writes it from <html lang>)."""
    import pikepdf

    with pikepdf.open(pdf) as document:
        return str(document.Root.Lang) if "/Lang" in document.Root else None


def pdf_fonts(pdf: Path) -> set[str]:
    """The font families a PDF embeds (``pdffonts``), subset prefixes and styles removed."""
    rows = run("pdffonts", str(pdf)).splitlines()[2:]
    return {re.sub(r"^[A-Z]{6}\+", "", row.split()[0]).split("-")[0] for row in rows if row.strip()}


def pdf_links(pdf: Path) -> list[str]:
    """Every link annotation's address in a PDF."""
    import pikepdf

    with pikepdf.open(pdf) as document:
        return [str(annot.A.URI) for page in document.pages for annot in page.get("/Annots", [])
                if "/A" in annot and "/URI" in annot.A]


def assert_public_links(pdf: Path, site_url: str) -> None:
    """Links inside the PDF are public addresses (the site's under ``site_url``), never the
    ``file://`` paths of the machine that printed it."""
    links = pdf_links(pdf)
    assert b"file:" not in pdf.read_bytes(), pdf
    assert all(link.startswith(("https://", "tel:", "mailto:")) for link in links), links
    host = site_url.split("/")[2]
    assert all(link.startswith(site_url) for link in links if link.split("/")[2:3] == [host]), links


def pdf_dates(pdf: Path) -> set[str]:
    info = pdf_info(pdf)
    return {info["CreationDate"], info["ModDate"]}


def printed_whole(url: str, text: str) -> bool:
    """``url`` is printed in ``text`` (pdftotext -layout output), broken over lines, if at all,
    only right after a ``/`` — never inside a word."""
    head, sep, rest = url.partition("://")
    parts = rest.split("/")
    pattern = re.escape(head + sep) + r"/\s*".join(re.escape(part) for part in parts)
    return re.search(pattern, text) is not None


def qr_codes(pdf: Path, tmp_path: Path) -> list[str]:
    """Rasterize page 1 at 150 dpi and decode every QR code on it with zbarimg."""
    png = tmp_path / "page"
    run("pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(png))
    out = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", f"{png}.png"],
                         capture_output=True, text=True, check=False).stdout
    return [line for line in out.splitlines() if line]


def format_pdf_date(day) -> str:
    """How pdfinfo prints a date at midnight UTC: ``Sat Nov 28 00:00:00``, ``Tue Dec  1 00:00:00``
    (C's asctime: the day of the month padded with a space)."""
    return f"{day:%a %b} {day.day:2d} 00:00:00"
