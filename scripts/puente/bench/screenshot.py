"""``python -m puente screenshot URLPATH out.png``: the built site at phone width (360×740).

Serves ``site/`` (or ``--site DIR``; built first with ``mkdocs build`` when missing) on
127.0.0.1 and saves what a phone shows on first view.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from puente.tools import chromium, static_server


def add_arguments(parser) -> None:
    parser.add_argument("urlpath", help="path of the page, e.g. / or /en/derechos/salario/")
    parser.add_argument("output", type=Path, help="PNG file to write")
    parser.add_argument("--site", type=Path, default=None, help="built site (default: site/)")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not the first screen")


def main(args, root: Path) -> int:
    site = args.site or root / "site"
    if not (site / "index.html").exists():
        print(f"building the site into {site} ...", flush=True)
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=root, check=True)
    with static_server.serve(site) as base, chromium.launch() as browser:
        context = browser.new_context(**chromium.PHONE)
        page = context.new_page()
        page.goto(base + "/" + args.urlpath.lstrip("/"), wait_until="networkidle")
        args.output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.output), full_page=args.full_page)
        context.close()
    print(f"wrote {args.output}")
    return 0
