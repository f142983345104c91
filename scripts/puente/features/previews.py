"""Link previews: one 1200×630 PNG per language, drawn at build time with Pillow.

WhatsApp, Facebook and Telegram show ``og:image`` beside a pasted link and ignore SVG. The card
is drawn with Pillow's bundled font (no network, no system font needed), from the language's
``site_name`` and ``site_description``; ``overrides/partials/social-meta.html`` points to it.
"""

from __future__ import annotations

import functools
import io
import textwrap
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from puente.features import build_context

SIZE = (1200, 630)
BACKGROUND = "#1a237e"   # Material indigo 900: white text on it passes WCAG AAA
ACCENT = "#ffca28"
FOREGROUND = "#ffffff"


def image_path(site_dir: str | Path, lang: str) -> Path:
    return Path(site_dir) / "assets" / "social" / f"preview.{lang}.png"


# Debian's DejaVu (package fonts-dejavu-core, installed by scripts/ensure-system-tools.sh) has
# every Spanish letter. Without it, Pillow's bundled font is used and accents are left off
# (that font has no "ó"), so `make build` still works on a machine without fonts.
FONTS = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
         Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))


def _fonts(sizes):
    bold, regular = FONTS
    if bold.exists() and regular.exists():
        return [ImageFont.truetype(str(bold if i == 0 else regular), size) for i, size in enumerate(sizes)], False
    return [ImageFont.load_default(size=size) for size in sizes], True


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def draw(path: Path, title: str, subtitle: str, languages: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png(title, subtitle, languages))
    return path


@functools.lru_cache(maxsize=16)
def png(title: str, subtitle: str, languages: str) -> bytes:
    """The card as PNG bytes (cached: `mkdocs serve` draws the same card on every rebuild)."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    pen = ImageDraw.Draw(image)
    (big, small, tiny), fallback = _fonts((88, 42, 32))
    if fallback:
        title, subtitle, languages = _plain(title), _plain(subtitle), _plain(languages)
    pen.rectangle((0, 0, 24, SIZE[1]), fill=ACCENT)
    pen.text((90, 90), title, font=big, fill=FOREGROUND)
    y = 240
    for line in textwrap.wrap(" ".join(subtitle.split()), width=46)[:5]:
        pen.text((90, y), line, font=small, fill=FOREGROUND)
        y += 62
    pen.text((90, SIZE[1] - 80), languages, font=tiny, fill=ACCENT)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def write_preview(config) -> Path:
    """Draw this language build's preview card into the site."""
    languages = build_context.languages(config)
    return draw(image_path(build_context.site_root(config), build_context.current_language(config)),
                config.site_name, config.site_description or "", " · ".join(map(languages.name, languages.codes)))

