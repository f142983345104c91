"""The W3C Nu HTML Checker (vnu) over a built site: every page must be valid HTML.

vnu 26.9.27 comes from the npm package ``vnu-jar`` (installed by ``make test`` into
``.cache/vnu``, gitignored) and runs on Java (``default-jre-headless``, installed by
``scripts/ensure-system-tools.sh``). One run checks every HTML file (``--errors-only``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

VERSION = "26.9.27"
JAR = Path(".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
INSTALL = "make test (or: npm install --prefix .cache/vnu vnu-jar@" + VERSION + ")"


class CheckerMissing(Exception):
    pass


@dataclass
class Error:
    file: str       # relative to the site
    line: int
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}\n    {' '.join(self.extract.split())[:160]}"


def command(root: Path) -> list[str]:
    java = shutil.which("java")
    if java is None:
        raise CheckerMissing("java is missing: run `make test` (scripts/ensure-system-tools.sh installs "
                             "default-jre-headless)")
    jar = root / JAR
    if not jar.is_file():
        raise CheckerMissing(f"{JAR} is missing: run {INSTALL}")
    return [java, "-Xss4m", "-jar", str(jar)]


def version(root: Path) -> str:
    result = subprocess.run([*command(root), "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip()


def check(site: Path, root: Path) -> list[Error]:
    """Every error vnu reports on the HTML files under ``site``."""
    result = subprocess.run([*command(root), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
                            capture_output=True, text=True, check=False, timeout=600)
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        raise CheckerMissing(f"vnu did not answer in JSON (exit {result.returncode}): "
                             f"{(result.stderr or result.stdout)[-1000:]}") from None
    errors = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error") and message.get("subType") != "fatal":
            continue
        path = Path(urllib.parse.unquote(urllib.parse.urlsplit(message.get("url", "")).path))
        try:
            shown = path.resolve().relative_to(site.resolve()).as_posix()
        except ValueError:
            shown = str(path)
        errors.append(Error(shown, message.get("lastLine", message.get("firstLine", 0)),
                            message.get("message", ""), message.get("extract", "")))
    return sorted(errors, key=lambda e: (e.file, e.line))
