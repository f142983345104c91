"""The shortcode syntax pages use (``[[tel:whd]]``, ``[[directory]]``): one definition for the
build that expands them (``features.shortcodes``) and the checks that read Markdown."""

from __future__ import annotations

import re

SHORTCODE = re.compile(r"\[\[([a-z][a-z-]*)(?::([a-z0-9-]+))?\]\]")   # name, optional key
OPENER = re.compile(r"\[\[")              # anything that starts like a shortcode must be one
BLOCK = re.compile(r"^\s*" + SHORTCODE.pattern + r"\s*$")   # a shortcode alone on its line
