"""The flyers' one print font: installed by our setup script, the only family the PDF renderer's Chromium can see."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import ROOT
from puente.features.flyers import fonts


def test_the_renderer_knows_only_the_print_family(tmp_path):
    """PDFs are laid out with FONTCONFIG_FILE pointing at a configuration that knows only the
    flyers' family, whatever else this machine has installed."""
    conf = fonts.fontconfig(tmp_path)
    env = {"FONTCONFIG_FILE": str(conf), "PATH": "/usr/bin:/bin"}
    listed = subprocess.run(["fc-list", ":", "family", "file"], env=env, capture_output=True, text=True,
                            check=True).stdout.splitlines()
    assert listed and all(fonts.FAMILY in line for line in listed), listed
    assert len(listed) == len(fonts.FILES)
    for generic in ("sans-serif", "serif", "monospace", "Arial", "DejaVu Sans"):
        match = subprocess.run(["fc-match", "-f", "%{family}", generic], env=env, capture_output=True,
                               text=True, check=True).stdout
        assert match == fonts.FAMILY, (generic, match)


def test_the_print_family_comes_from_our_setup_script(tmp_path):
    """Without the package the renderer stops and names it; the setup script installs it."""
    with pytest.raises(fonts.FontsMissing, match=fonts.PACKAGE):
        fonts.files(tmp_path)
    setup = (ROOT / "scripts/ensure-system-tools.sh").read_text(encoding="utf-8")
    assert fonts.PACKAGE in setup and str(fonts.DIRECTORY / fonts.FILES[0]) in setup
    installed = subprocess.run(["dpkg", "-S", str(fonts.DIRECTORY / fonts.FILES[0])],
                               capture_output=True, text=True, check=False).stdout
    assert installed.startswith(fonts.PACKAGE + ":"), installed
    css = (ROOT / "docs/assets/stylesheets/print.css").read_text(encoding="utf-8")
    families = set(re.findall(r"font(?:-family)?:\s*(?:[\d.]+pt\s+)?([^;}]+)", css))
    assert families == {f'"{fonts.FAMILY}"'}, families   # one family, no fallback
