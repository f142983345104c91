"""The web app manifest of each language, and its icons drawn at build time with Pillow.

A phone that "adds to home screen" or installs the site reads ``manifest.webmanifest`` beside the
language's home page (``/manifest.webmanifest``, ``/en/manifest.webmanifest``): the language's
``site_name`` and ``site_description``, the home page as ``start_url`` and the language's root as
``scope`` — both relative to the manifest, so a sub-path ``SITE_URL`` needs nothing more. The icons
(PNG, 192 and 512 px) are the favicon's bridge drawn white on indigo, full bleed, the drawing inside
the central circle a launcher may cut out (``maskable``). Pages link the manifest
(``overrides/partials/manifest-link.html``); a browser fetches it only when it needs it, never for
the first view.
"""

from __future__ import annotations

import functools
import io
import json
from pathlib import Path

from PIL import Image, ImageDraw

from puente.features import build_context

THEME = "#3f51b5"        # the favicon's indigo (docs/assets/favicon.svg)
BACKGROUND = "#ffffff"
FOREGROUND = "#ffffff"
SIZES = (192, 512)
ICON_DIR = "assets/icons"
FILE = "manifest.webmanifest"


def icon_name(size: int) -> str:
    return f"{ICON_DIR}/puente-{size}.png"


@functools.lru_cache(maxsize=4)
def icon_png(size: int) -> bytes:
    """The favicon's drawing (a 32-unit square: a deck at y=22 from x=4 to 28, an arch of radius 8
    on legs at x=8 and 24, strokes 3 units wide with round ends), scaled so that it fits in the
    safe circle of a maskable icon (radius 40% of the side): a launcher may cut the icon to a circle."""
    scale = 4                                   # drawn 4x larger, then reduced: smooth edges
    side = size * scale
    image = Image.new("RGB", (side, side), THEME)
    pen = ImageDraw.Draw(image)
    unit = side * 0.58 / 24                     # the drawing spans x 4..28: 24 units (58% of the side)
    origin_x = side / 2 - 16 * unit             # unit 16 is the middle
    origin_y = side / 2 - 15 * unit             # y 8..22: its middle (15) at the centre
    width = round(3 * unit)

    def at(x: float, y: float) -> tuple[float, float]:
        return origin_x + x * unit, origin_y + y * unit

    def line(a, b):
        pen.line([at(*a), at(*b)], fill=FOREGROUND, width=width)
        for x, y in (a, b):                     # round ends
            cx, cy = at(x, y)
            pen.ellipse([cx - width / 2, cy - width / 2, cx + width / 2, cy + width / 2], fill=FOREGROUND)

    line((4, 22), (28, 22))                     # the deck
    line((8, 22), (8, 16))                      # the legs
    line((24, 22), (24, 16))
    left, top = at(8, 8)
    right, bottom = at(24, 24)
    pen.arc([left - width / 2, top - width / 2, right + width / 2, bottom + width / 2], 180, 360,
            fill=FOREGROUND, width=width)      # the arch: a half circle of radius 8 over y=16
    out = io.BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(out, "PNG", optimize=True)
    return out.getvalue()


def manifest(name: str, description: str, lang: str, icon_prefix: str) -> dict:
    icons = []
    for size in SIZES:
        for purpose in ("any", "maskable"):
            icons.append({"src": icon_prefix + icon_name(size), "sizes": f"{size}x{size}",
                          "type": "image/png", "purpose": purpose})
    return {
        "name": name, "short_name": name, "description": " ".join(description.split()),
        "lang": lang, "dir": "ltr", "start_url": "./", "scope": "./", "display": "standalone",
        "theme_color": THEME, "background_color": BACKGROUND, "icons": icons,
    }


def write(config) -> Path:
    """This language build's manifest, beside its home page; the icons once, at the site root."""
    site = build_context.site_root(config)
    for size in SIZES:
        target = site / icon_name(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = icon_png(size)
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
    lang = build_context.current_language(config)
    other = lang != build_context.languages(config).default    # its pages live under /<lang>/
    folder = site / lang if other else site
    data = manifest(config.site_name, config.site_description or "", lang, "../" if other else "")
    target = folder / FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return target
