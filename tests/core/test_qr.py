"""QR codes (core.qr): inline SVG that scales; the codes on printed pages are decoded in tests/browser."""

from __future__ import annotations

from puente.core import qr


def test_qr_svg_is_inline_and_scales():
    svg = qr.svg("https://example.org/en/", title="https://example.org/en/")
    assert svg.startswith("<svg ") and "viewBox=" in svg and 'class="pl-qr"' in svg
    assert "<?xml" not in svg and "width=" not in svg.split(">")[0]


def test_codes_are_kept_between_builds_in_the_cache_folder(tmp_path):
    qr.keep_in(tmp_path)
    try:
        first = qr.svg("https://example.org/keep/", title="t")
        kept = list(tmp_path.rglob("*.svg"))
        assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == first
        qr.svg.cache_clear()
        kept[0].write_text(first.replace("pl-qr", "pl-qr kept"), encoding="utf-8")
        assert 'class="pl-qr kept"' in qr.svg("https://example.org/keep/", title="t")   # read, not drawn
    finally:
        qr._disk.clear()
        qr.svg.cache_clear()
