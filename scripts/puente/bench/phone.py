"""``make bench`` (``python -m puente bench``): what a reader on a phone pays for each page.

1. Builds the site (timed) into ``.cache/bench/site``.
2. Serves it gzip-compressed on 127.0.0.1 and loads every page in headless Chromium at 360×740
   with a cold cache (a fresh browser context per page): bytes on the wire, requests, failed
   requests, requests to another origin, and which budget each page misses.
3. Next-page cost: each page opened after the previous one in the same context (warm cache).
4. Search: what opening search and asking one query costs (not part of the first view).
   Share summaries: per language, how many SMS segments each page's share text takes with its
   real address (``core.sms``), and the summary's own bytes beside each page's first view; the
   last-day calculator's script: its size and the pages that offer it (it loads when a reader
   first touches a date field, so it is in no first view). The "after load" column is the part of
   a first view asked for after the load event.
5. Lighthouse 12.2.3 (mobile, simulated throttling) on the home page and a topic page in each
   language, when ``make bench`` has installed it into ``.cache/lighthouse`` (``--no-lighthouse``
   skips it).
6. Build-time growth on synthetic sites of 100 and 1,000 pages × 2 languages
   (``synthetic_site.generate``; ``--no-synthetic`` skips it).
7. ``make serve``: seconds from saving an edit to the served page showing it, and the CPU
   seconds the rebuild used (``serve_latency``; ``--no-serve`` skips it).

Budgets are measured here, never asserted by timed tests. Exit status 1 when a page misses one.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from puente.core import sms
from puente.tools import chromium, static_server

BYTES = 20 * 1024          # first view, every page
REQUESTS = 4
NEXT_PAGE_BYTES = 8 * 1024
# The one staff page listing every flyer with thumbnails is exempt from the byte budget.
BYTE_BUDGET_EXEMPT = ("volantes/",)
LIGHTHOUSE_PAGES = ("/", "/derechos/salario/", "/en/", "/en/derechos/salario/")
LIGHTHOUSE = Path(".cache/lighthouse/node_modules/.bin/lighthouse")
SEARCH_QUERY = {"es": "salario", "en": "wage"}


@dataclass
class PageCost:
    path: str
    bytes: int = 0
    requests: int = 0
    failed: list[str] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)
    next_bytes: int | None = None
    after_load_bytes: int = 0    # part of `bytes` asked for after the load event
    summary_bytes: int = 0       # the page's summary (UTF-8): what the summary may add to `bytes`
    misses: list[str] = field(default_factory=list)


def add_arguments(parser) -> None:
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--no-synthetic", action="store_true", help="skip the synthetic-site build times")
    parser.add_argument("--no-serve", action="store_true", help="skip the `make serve` edit-to-page time")
    parser.add_argument("--json", type=Path, default=Path(".cache/bench/latest.json"),
                        help="where to write the numbers (default .cache/bench/latest.json)")


def say(message: str) -> None:
    print(message, flush=True)


def build(project: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                          cwd=project, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"the build of {project} failed:\n{done.stderr[-3000:]}")
    return seconds


def page_paths(site: Path) -> list[str]:
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "assets/")) or "http-equiv=\"refresh\"" in html.read_text()[:600]:
            continue
        paths.append("/" + rel[: -len("index.html")] if rel.endswith("index.html") else "/" + rel)
    return sorted(paths, key=lambda p: (p.startswith("/en/"), p))


class _Recorder:
    def __init__(self, page, origin: str):
        self.origin, self.finished, self.failed = origin, [], []
        page.on("requestfinished", self._finished)   # (Playwright needs a real function here)
        page.on("requestfailed", lambda r: self.failed.append(r.url))

    def _finished(self, request) -> None:
        self.finished.append(request)

    def take(self, after_load: set[str] = frozenset()):
        finished, failed = self.finished, self.failed
        self.finished, self.failed = [], []
        total, urls, bad = 0, [], list(failed)
        self.after_load_bytes = 0
        for request in finished:
            if not request.url.startswith(("http://", "https://")):
                continue
            sizes = request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            if request.url in after_load:
                self.after_load_bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            urls.append(request.url)
            response = request.response()
            if response is None or response.status >= 400:
                bad.append(request.url)
        other = [u for u in urls + failed if urlsplit(u).netloc != self.origin]
        return total, len(urls) + len(failed), bad, other


def measure_pages(base: str, paths: list[str]) -> list[PageCost]:
    origin = urlsplit(base).netloc
    costs = []
    with chromium.launch() as browser:
        for index, path in enumerate(paths):
            context = browser.new_context(**chromium.PHONE)
            page = context.new_page()
            recorder = _Recorder(page, origin)
            page.goto(base + path, wait_until="networkidle")
            cost = PageCost(path)
            cost.bytes, cost.requests, cost.failed, cost.third_party = recorder.take(_after_load(page))
            cost.after_load_bytes = recorder.after_load_bytes
            following = paths[(index + 1) % len(paths)]
            page.goto(base + following, wait_until="networkidle")
            cost.next_bytes = recorder.take()[0]
            context.close()
            exempt = any(path.lstrip("/").removeprefix("en/").startswith(e) for e in BYTE_BUDGET_EXEMPT)
            if cost.bytes > BYTES and not exempt:
                cost.misses.append(f"bytes>{BYTES // 1024}KB")
            if cost.requests > REQUESTS:
                cost.misses.append(f"requests>{REQUESTS}")
            if cost.failed:
                cost.misses.append("failed requests")
            if cost.third_party:
                cost.misses.append("other origin")
            next_exempt = any(following.lstrip("/").removeprefix("en/").startswith(e) for e in BYTE_BUDGET_EXEMPT)
            if cost.next_bytes > NEXT_PAGE_BYTES and not next_exempt:
                cost.misses.append(f"next page>{NEXT_PAGE_BYTES // 1024}KB")
            costs.append(cost)
            if (index + 1) % 10 == 0 or index + 1 == len(paths):
                say(f"  loaded {index + 1}/{len(paths)} pages")
    return costs


_AFTER_LOAD = """() => {
    const load = performance.getEntriesByType('navigation')[0].loadEventStart;
    return performance.getEntriesByType('resource').filter(e => e.startTime >= load).map(e => e.name);
}"""


def _after_load(page) -> set[str]:
    """The addresses the page asked for once it had loaded."""
    return set(page.evaluate(_AFTER_LOAD))


_SMS = re.compile(r'href="sms:\?body=([^"]*)"')
_SUMMARY = re.compile(r'<p class="pl-summary"[^>]*>(.*?)</p>', re.DOTALL)


def share_summaries(site: Path, paths: list[str]) -> tuple[dict, dict[str, int]]:
    """Per language, the SMS segments of each page's share text (summary and real address), and
    each page's summary bytes (UTF-8)."""
    languages: dict = {}
    summary_bytes: dict[str, int] = {}
    for path in paths:
        file = site / path.lstrip("/") / "index.html" if path.endswith("/") else site / path.lstrip("/")
        text = file.read_text(encoding="utf-8")
        body, summary = _SMS.search(text), _SUMMARY.search(text)
        if summary:
            summary_bytes[path] = len(unescape(summary.group(1)).encode("utf-8"))
        if not body or not summary:
            continue
        lang = "en" if path.startswith("/en/") else "es"
        counted = sms.count(unquote(unescape(body.group(1))))
        row = languages.setdefault(lang, {"pages": 0, "segments": {}, "ucs2": 0, "longest": None})
        row["pages"] += 1
        row["segments"][str(counted.segments)] = row["segments"].get(str(counted.segments), 0) + 1
        row["ucs2"] += counted.encoding == "ucs2"
        if row["longest"] is None or (counted.segments, counted.units) > tuple(row["longest"][1:]):
            row["longest"] = [path, counted.segments, counted.units]
    return languages, summary_bytes


def deadline_script(site: Path, paths: list[str]) -> dict:
    """The last-day calculator's script: its size (gzip -9) and the pages that offer it."""
    scripts = sorted((site / "assets/javascripts").glob("puente-deadline.*.js"))
    if not scripts:
        return {}
    data = scripts[0].read_bytes()
    loading = [p for p in paths if p.endswith("/") and "puente-deadline."
               in (site / p.lstrip("/") / "index.html").read_text(encoding="utf-8")]
    return {"file": scripts[0].name, "bytes": len(data), "gzip_bytes": len(gzip.compress(data, 9)),
            "pages": len(loading)}


def measure_search(base: str) -> dict:
    """Bytes and requests that opening search and asking one query cost, per language."""
    out = {}
    with chromium.launch() as browser:
        for lang, path in (("es", "/"), ("en", "/en/")):
            context = browser.new_context(**chromium.PHONE)
            page = context.new_page()
            recorder = _Recorder(page, urlsplit(base).netloc)
            page.goto(base + path, wait_until="networkidle")
            recorder.take()
            page.click("label.md-header__button[for=__search]")
            page.fill(".md-search__input", SEARCH_QUERY[lang])
            page.wait_for_selector(".md-search-result__item", timeout=10000)
            page.wait_for_load_state("networkidle")
            total, count, bad, _ = recorder.take()
            out[lang] = {"query": SEARCH_QUERY[lang], "bytes": total, "requests": count, "failed": bad}
            context.close()
    return out


def lighthouse(base: str, root: Path, outdir: Path) -> dict:
    binary = root / LIGHTHOUSE
    if not binary.exists():
        say(f"  Lighthouse is not installed ({LIGHTHOUSE}); `make bench` installs it with npm")
        return {}
    scores = {}
    for path in LIGHTHOUSE_PAGES:
        report = outdir / f"lighthouse{path.replace('/', '_') or '_'}.json"
        say(f"  Lighthouse {path} ...")
        done = subprocess.run(
            [str(binary), base + path, "--quiet", "--output=json", f"--output-path={report}",
             "--only-categories=performance,accessibility,best-practices,seo",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            env={**os.environ, "CHROME_PATH": chromium.CHROMIUM}, capture_output=True, text=True,
            check=False, timeout=300)
        if done.returncode != 0 or not report.exists():
            scores[path] = {"error": done.stderr[-500:]}
            continue
        data = json.loads(report.read_text())
        scores[path] = {k: round(v["score"] * 100) if v["score"] is not None else None
                        for k, v in data["categories"].items()}
        failing = [a["id"] for a in data["audits"].values()
                   if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") == "binary"]
        if failing:
            scores[path]["failing_audits"] = failing
    return scores


def synthetic_build_times(root: Path) -> dict:
    from puente.bench import synthetic_site

    times = {}
    for pages in (100, 1000):
        with tempfile.TemporaryDirectory(prefix="puente-bench-") as tmp:
            project = Path(tmp) / "project"
            say(f"  generating a synthetic site of {pages} pages × 2 languages ...")
            synthetic_site.generate(project, pages)
            say("  building it (the 1,000-page build takes a while) ..." if pages >= 1000 else "  building it ...")
            times[pages] = round(build(project, Path(tmp) / "site"), 1)
            say(f"  {pages} pages × 2 languages: {times[pages]} s")
    return times


def report(costs: list[PageCost]) -> None:
    width = max(len(c.path) for c in costs)
    say(f"\n{'page':<{width}}  {'KB':>5}  {'after load':>10}  summary B  req  fail  3rd  next KB  misses")
    for c in costs:
        say(f"{c.path:<{width}}  {c.bytes / 1024:5.1f}  {c.after_load_bytes / 1024:8.1f}KB  {c.summary_bytes:>9}  "
            f"{c.requests:>3}  {len(c.failed):>4}  {len(c.third_party):>3}  {c.next_bytes / 1024:7.1f}  "
            f"{', '.join(c.misses) or '-'}")
    worst = max(costs, key=lambda c: c.bytes)
    say(f"\n{len(costs)} pages; largest first view {worst.bytes / 1024:.1f} KB ({worst.path}); "
        f"most requests {max(c.requests for c in costs)}; largest next page "
        f"{max(c.next_bytes for c in costs) / 1024:.1f} KB; pages missing a budget: "
        f"{sum(1 for c in costs if c.misses)}")


def main(args, root: Path) -> int:
    out = root / ".cache" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    site = out / "site"
    say("1/7 building the site ...")
    seconds = build(root, site)
    say(f"  built in {seconds:.1f} s")
    results: dict = {"build_seconds": round(seconds, 1)}
    with static_server.serve(site) as base:
        paths = page_paths(site)
        say(f"2/7 loading {len(paths)} pages at 360×740, cold cache, gzip ({base}) ...")
        costs = measure_pages(base, paths)
        summaries, summary_bytes = share_summaries(site, paths)
        for cost in costs:
            cost.summary_bytes = summary_bytes.get(cost.path, 0)
        report(costs)
        results["pages"] = [asdict(c) for c in costs]
        say("\n3/7 next page: see the 'next KB' column (each page opened after the one above it)")
        say("4/7 search, opened and asked one query (not part of any first view):")
        results["search"] = measure_search(base)
        for lang, s in results["search"].items():
            say(f"  {lang} '{s['query']}': {s['bytes'] / 1024:.1f} KB in {s['requests']} requests")
        say("   share summaries (summary and the page's real address), SMS segments per page:")
        results["share_summaries"] = summaries
        for lang, row in summaries.items():
            counts = ", ".join(f"{n} segment{'s' if n != '1' else ''}: {k}" for n, k in sorted(row["segments"].items()))
            say(f"  {lang}: {row['pages']} pages; {counts}; UCS-2 {row['ucs2']}; longest {row['longest'][0]} "
                f"({row['longest'][1]} segments, {row['longest'][2]} units)")
        results["deadline_script"] = calc = deadline_script(site, paths)
        if calc:
            say(f"   last-day calculator: {calc['file']} {calc['gzip_bytes'] / 1024:.1f} KB gzip, offered on "
                f"{calc['pages']} pages, loaded when a reader first touches a date field (in no first view)")
        say("5/7 Lighthouse (mobile) ...")
        results["lighthouse"] = {} if args.no_lighthouse else lighthouse(base, root, out)
        for path, scores in results["lighthouse"].items():
            say(f"  {path}: {scores}")
    if not args.no_synthetic:
        say("6/7 build-time growth on synthetic sites ...")
        results["synthetic_build_seconds"] = synthetic_build_times(root)
        t = results["synthetic_build_seconds"]
        say(f"  100 → 1,000 pages per language: {t[100]} s → {t[1000]} s "
            f"({t[1000] / max(t[100], 0.01):.1f}× for 10× the pages)")
    if not args.no_serve:
        from puente.bench import serve

        say("7/7 `make serve`: an edit to one page, until the served page shows it ...")
        results["serve"] = latency = serve.measure(root)
        if "error" in latency:
            say(f"  {latency['error']}")
        else:
            say(f"  {latency['median_s']} s (median of {latency['edit_to_page_s']}), "
                f"{latency['median_cpu_s']} CPU s per rebuild; goal <= 3 s on 2 cores")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2))
    say(f"\nnumbers written to {args.json}")
    misses = [c for c in costs if c.misses]
    lighthouse_misses = [p for p, s in results["lighthouse"].items()
                         if any(v != 100 for k, v in s.items() if k != "failing_audits")]
    if lighthouse_misses:
        say(f"Lighthouse below 100 on: {', '.join(lighthouse_misses)}")
    return 1 if misses or lighthouse_misses else 0
