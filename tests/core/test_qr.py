"""QR codes (core.qr): inline SVG that scales; the codes on printed pages are decoded in tests/browser."""

from __future__ import annotations

from puente.core import qr


def test_qr_svg_is_inline_and_scales():
    svg = qr.svg("https://example.org/en/", title="https://example.org/en/")
    assert svg.startswith("<svg ") and "viewBox=" in svg and 'class="pl-qr"' in svg
    assert "<?xml" not in svg and "width=" not in svg.split(">")[0]
