"""``python -m puente bench-links``: our link check against LinkChecker on one synthetic site.

Builds the synthetic site (``synthetic_site``, 1,000 pages x 2 languages by default, one broken
link of each kind planted), then times

- our checker (``linkcheck``) over the built directory, and
- LinkChecker (PyPI ``linkchecker``, pinned in requirements.txt) over the same site served on
  127.0.0.1 (it checks anchors only over HTTP), internal links only, anchors on.

LinkChecker limits itself to 10 requests per second per host (about 3 on average) unless the
server answers with a ``LinkChecker`` header; the local server sends it and the limit is lifted,
so the time measured is LinkChecker's own work, not its politeness.

Prints both times and which planted links each one found.
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from puente.bench import synthetic_site
from puente.checks import linkcheck

LINKCHECKER_RC = """\
[checking]
threads=10
maxrequestspersecond=1000
[filtering]
checkextern=0
[AnchorCheck]
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("LinkChecker", "allow")  # lifts LinkChecker's 10 requests/s limit
        super().end_headers()

    def log_message(self, *args):
        pass


def build(project: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("SITE_URL", None)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(project / "site")],
                            cwd=project, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"the synthetic site does not build:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def run_ours(project: Path, repeat: int = 3) -> tuple[float, linkcheck.Report]:
    best, report = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        report = linkcheck.run(project / "site", project=project)
        best = min(best, time.perf_counter() - start)
    return best, report


def run_linkchecker(site: Path, workdir: Path) -> tuple[float, list[dict]]:
    binary = Path(sys.executable).parent / "linkchecker"
    if not binary.exists():
        raise SystemExit(f"{binary} is missing: `make setup` installs linkchecker from requirements.txt")
    rc = workdir / "linkcheckerrc"
    rc.write_text(LINKCHECKER_RC, encoding="utf-8")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        start = time.perf_counter()
        result = subprocess.run([str(binary), "-f", str(rc), "--no-status", "--verbose", "-o", "csv",
                                 f"http://127.0.0.1:{httpd.server_address[1]}/"],
                                capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
    finally:
        httpd.shutdown()
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))
    return seconds, rows


def found_by_ours(planted: dict, report: linkcheck.Report) -> bool:
    return any(p.page == planted["page"] and p.url == planted["href"] for p in report.problems)


def found_by_linkchecker(planted: dict, rows: list[dict]) -> bool:
    for row in rows:
        same = row.get("urlname") == planted["href"] and (row.get("parentname") or "").endswith(planted["page"])
        if same and (row.get("valid") == "False" or "Anchor" in (row.get("warningstring") or "")):
            return True
    return False


def main(args, root: Path) -> int:
    keep = root / ".cache" / "bench-links"
    workdir = keep if args.keep else Path(tempfile.mkdtemp(prefix="bench-links-"))
    if args.keep:
        shutil.rmtree(keep, ignore_errors=True)
    try:
        start = time.perf_counter()
        made = synthetic_site.generate(workdir, args.pages, plant_errors=True)
        generated = time.perf_counter() - start
        built = build(workdir)
        ours, report = run_ours(workdir)
        theirs, rows = run_linkchecker(workdir / "site", workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    languages = len(made["languages"])
    print(f"synthetic site: {args.pages} pages x {languages} languages "
          f"({report.pages} HTML files, {report.links} links); generated in {generated:.1f} s, built in {built:.1f} s")
    print(f"our checker:  {ours:.2f} s (best of 3; {len(report.problems)} problems)")
    urls = len({row.get("url") for row in rows})
    print(f"LinkChecker:  {theirs:.1f} s ({urls} distinct URLs, {len(rows)} links checked over "
          f"http://127.0.0.1, anchors on)")
    print("\n| planted broken link | our checker | LinkChecker |\n| --- | --- | --- |")
    ours_all = True
    for planted in made["planted"]:
        mine, other = found_by_ours(planted, report), found_by_linkchecker(planted, rows)
        ours_all &= mine
        print(f"| {planted['kind']} (`{planted['href']}` on {planted['page']}) | "
              f"{'found' if mine else 'MISSED'} | {'found' if other else 'missed'} |")
    return 0 if ours_all else 1
