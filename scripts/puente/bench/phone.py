"""``make bench`` (``python -m puente bench``): what a reader on a phone pays for each page.

1. Builds the site (timed) into ``.cache/bench/site``.
2. Serves it gzip-compressed on 127.0.0.1 and loads every page in headless Chromium at 360×740
   with a cold cache (a fresh browser context per page): bytes of the response bodies as sent
   (gzip level 6; the budgets count these), the response headers beside them (they depend on the
   host), requests, failed requests, requests to another origin, and which budget each page
   misses. A page whose own article text alone (``article_gzip``) is over
   5 KB gzip may exceed the first-view and next-page budgets by that excess; the report lists it.
3. Next-page cost: each page opened after the previous one in the same context (warm cache).
4. Search: what opening search and asking one query costs (not part of the first view).
   Offline reading and "Listen", per language: what "Save for offline reading" downloads (the
   button's announced KB, and the bytes the service worker really fetched), the service worker's
   size and the listen script's size (gzip, as served); none of it is part of a first view.
   Share summaries: per language, how many SMS segments each page's share text takes with its
   real address (``core.sms``), and the summary's own bytes beside each page's first view; the
   last-day calculator's script: its size and the pages that offer it (it loads when a reader
   first touches a date field, so it is in no first view). The "after load" column is the part of
   a first view asked for after the load event.
5. Lighthouse 12.2.3 (mobile, simulated throttling) on the home page and a topic page in each
   language, when ``make bench`` has installed it into ``.cache/lighthouse`` (``--no-lighthouse``
   skips it).
6. Build cost beside plain Material on synthetic sites of 100 and 1,000 pages × 2 languages
   (``--sizes``; ``--synthetic-5000`` adds 5,000, which takes many minutes): ms per page-language,
   ratio, peak memory, paired runs (``bench/build_cost.py``; ``--no-synthetic`` skips it); and
   the first view of the same synthetic pages built both ways (``SIDE_BY_SIDE_PAGES`` of the
   smallest size), measured as in 2.
7. ``make serve``: seconds from saving an edit to the served page showing it, and the CPU
   seconds the rebuild used (``serve_latency``; ``--no-serve`` skips it).

Budgets are measured here, never asserted by timed tests. Exit status 1 when a page misses one.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from puente.bench import build_cost
from puente.core import sms
from puente.features.offline import worker
from puente.tools import chromium, static_server

BYTES = 12 * 1024          # first view, every page (response bodies, gzip, cold cache)
REQUESTS = 2               # the page and its one stylesheet
NEXT_PAGE_BYTES = 7 * 1024  # another page opened after it (stylesheet cached)
ARTICLE_BYTES = 5 * 1024    # a page's own article text over this (gzip) may add its excess to both
SIDE_BY_SIDE_PAGES = 12     # synthetic pages loaded under both configurations
# No page is exempt: the staff list of flyers keeps its thumbnails in closed "Preview" boxes.
BYTE_BUDGET_EXEMPT: tuple[str, ...] = ()
LIGHTHOUSE_PAGES = ("/", "/derechos/salario/", "/en/", "/en/derechos/salario/")
LIGHTHOUSE = Path(".cache/lighthouse/node_modules/.bin/lighthouse")
SEARCH_QUERY = {"es": "salario", "en": "wage"}


@dataclass
class PageCost:
    path: str
    bytes: int = 0               # response bodies as sent (gzip): what the budgets count
    header_bytes: int = 0        # response headers (they depend on the host)
    article_bytes: int = 0       # the page's own article text, gzip -6 (``article_gzip``)
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
    parser.add_argument("--sizes", type=build_cost.parse_sizes, default=(100, 1000),
                        help="synthetic sizes for the build cost, pages per language (default 100,1000)")
    parser.add_argument("--synthetic-5000", action="store_true", help="also 5,000 pages × 2 (linearity; minutes)")
    parser.add_argument("--no-serve", action="store_true", help="skip the `make serve` edit-to-page time")
    parser.add_argument("--readme", action="store_true",
                        help="write the results table into README.md (between the bench markers)")
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


def _page_file(site: Path, path: str) -> Path:
    return site / (path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/"))


class _Recorder:
    """Every request of a browser context: the page's own, and those of the service worker that
    controls it after the first view (scripts/puente/features/offline/), whose network fetches are
    the bytes of the pages it answers. Playwright counts the page's side of a response the worker
    answered, and a hit in the browser's cache, as 0 bytes: nothing is counted twice."""

    def __init__(self, context, origin: str):
        self.origin, self.finished, self.failed = origin, [], []
        context.on("requestfinished", self._finished)   # (Playwright needs a real function here)
        context.on("requestfailed", self._failed)

    def _finished(self, request) -> None:
        self.finished.append(request)

    def _failed(self, request) -> None:
        if request.service_worker is None:   # the worker's cache-only lookups may miss: no network
            self.failed.append(request.url)

    def take(self, after_load: set[str] = frozenset()):
        """(page body bytes, page requests, failed, other origin, body bytes the service worker
        fetched); the page's header bytes are left in ``header_bytes``."""
        finished, failed = self.finished, self.failed
        self.finished, self.failed = [], []
        total, worker, urls, worker_urls, bad = 0, 0, [], [], list(failed)
        self.after_load_bytes = self.header_bytes = 0
        for request in finished:
            if not request.url.startswith(("http://", "https://")):
                continue
            sizes = request.sizes()
            size = max(0, sizes["responseBodySize"])
            if request.service_worker is not None:
                worker += size
                worker_urls.append(request.url)
                continue
            total += size
            self.header_bytes += max(0, sizes["responseHeadersSize"])
            if request.url in after_load:
                self.after_load_bytes += size
            urls.append(request.url)
            response = request.response()
            if response is None or response.status >= 400:
                bad.append(request.url)
        other = [u for u in urls + worker_urls + failed if urlsplit(u).netloc != self.origin]
        return total, len(urls) + len(failed), bad, other, worker


def _worker_in_control(page) -> None:
    """Wait until the service worker registered after the load controls the page (its script
    and set-up are then counted with this page, not with the next one)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function("() => !navigator.serviceWorker || navigator.serviceWorker.controller !== null",
                               timeout=10000)
        page.wait_for_load_state("networkidle")
    except PlaywrightTimeout:   # a page without the worker: an error page under another path
        pass


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>(.*?)'
                      r'(?:<p class="pl-flyer-download"|<section class="pl-print|<aside class="pl-facts"|</article>)',
                      re.DOTALL)


def article_gzip(html: str) -> int:
    """The page's own article text (the article element up to what the theme adds after it: the
    flyer footer, the page's facts, sharing), gzip -6: what may raise a page's budgets."""
    found = _ARTICLE.search(html)
    return len(gzip.compress(found.group(1).encode("utf-8"), 6)) if found else 0


def allowance(article_bytes: int) -> int:
    """What a page may add to both byte budgets: its article text's excess over ``ARTICLE_BYTES``."""
    return max(0, article_bytes - ARTICLE_BYTES)


def measure_pages(base: str, paths: list[str], site: Path | None = None, worker: bool = True) -> list[PageCost]:
    """Each page's first view (fresh context) and the next page's cost. ``site``: the built files,
    for each page's article allowance; ``worker``: wait for our service worker to take control."""
    origin = urlsplit(base).netloc
    costs = []
    with chromium.launch() as browser:
        for index, path in enumerate(paths):
            context = browser.new_context(**chromium.PHONE)
            page = context.new_page()
            recorder = _Recorder(context, origin)
            page.goto(base + path, wait_until="networkidle")
            if worker:
                _worker_in_control(page)
            cost = PageCost(path)
            # The first view: what the page loads (the service worker registered after the load,
            # and its script, are reported by measure_offline).
            cost.bytes, cost.requests, cost.failed, cost.third_party, _worker = recorder.take(_after_load(page))
            cost.after_load_bytes, cost.header_bytes = recorder.after_load_bytes, recorder.header_bytes
            if site is not None:
                cost.article_bytes = article_gzip(_page_file(site, path).read_text(encoding="utf-8"))
            following = paths[(index + 1) % len(paths)]
            page.goto(base + following, wait_until="networkidle")
            page_bytes, *_rest, worker_bytes = recorder.take()
            cost.next_bytes = page_bytes + worker_bytes   # the worker fetched the page it answered
            context.close()
            exempt = any(path.lstrip("/").removeprefix("en/").startswith(e) for e in BYTE_BUDGET_EXEMPT)
            if cost.bytes > BYTES + allowance(cost.article_bytes) and not exempt:
                cost.misses.append(f"bytes>{BYTES // 1024}KB")
            if cost.requests > REQUESTS:
                cost.misses.append(f"requests>{REQUESTS}")
            if cost.failed:
                cost.misses.append("failed requests")
            if cost.third_party:
                cost.misses.append("other origin")
            next_exempt = any(following.lstrip("/").removeprefix("en/").startswith(e) for e in BYTE_BUDGET_EXEMPT)
            next_article = article_gzip(_page_file(site, following).read_text(encoding="utf-8")) if site else 0
            if cost.next_bytes > NEXT_PAGE_BYTES + allowance(next_article) and not next_exempt:
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


def first_view_side_by_side(builds: Path) -> dict:
    """``SIDE_BY_SIDE_PAGES`` pages of the synthetic site built by ours and by plain Material
    (``build_cost``), spread over the site and the same in both: first view and next page."""
    views = {}
    sample = None
    for name, label in (("ours", "this site's configuration"), ("plain", "plain Material + static-i18n")):
        site = builds / name
        if sample is None:
            paths = [p for p in page_paths(site) if (builds / "plain" / _page_file(site, p).relative_to(site)).exists()]
            step = max(1, len(paths) // SIDE_BY_SIDE_PAGES)
            sample = paths[::step][:SIDE_BY_SIDE_PAGES]
        with static_server.serve(site) as base:
            costs = measure_pages(base, sample, worker=name == "ours")
        kb = [c.bytes / 1024 for c in costs]
        views[label] = {"median_kb": round(statistics.median(kb), 1), "min_kb": round(min(kb), 1),
                        "max_kb": round(max(kb), 1),
                        "requests": "/".join(map(str, sorted({c.requests for c in costs}))),
                        "next_median_kb": round(statistics.median(c.next_bytes / 1024 for c in costs), 1),
                        "pages": sample}
    return views


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
            recorder = _Recorder(context, urlsplit(base).netloc)
            page.goto(base + path, wait_until="networkidle")
            recorder.take()
            page.click("label.md-header__button[for=__search]")
            page.fill(".md-search__input", SEARCH_QUERY[lang])
            page.wait_for_selector(".md-search-result__item", timeout=10000)
            page.wait_for_load_state("networkidle")
            total, count, bad, _, worker_bytes = recorder.take()
            total += worker_bytes
            out[lang] = {"query": SEARCH_QUERY[lang], "bytes": total, "requests": count, "failed": bad}
            context.close()
    return out


def _served_size(url: str) -> int:
    """Bytes of a response body as the server sends it to a browser (gzip)."""
    import urllib.request

    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        return len(response.read())


def measure_offline(base: str, site: Path) -> dict:
    """Per language: press "Save for offline reading" on the home page of a fresh phone and count
    what the service worker downloads; the sizes of sw.js and of the listen script."""
    import re

    data = worker.read(site)
    listen = next(path for path in data["assets"] if "puente-listen" in path)
    out = {"sw_js_bytes": _served_size(base + "/" + worker.FILE),
           "listen_script_bytes": _served_size(base + "/" + listen), "languages": {}}
    with chromium.launch() as browser:
        for lang in data["languages"]:
            context = browser.new_context(**chromium.PHONE)
            fetched = []
            context.on("requestfinished", lambda r, into=fetched: into.append(r) if r.service_worker else None)
            page = context.new_page()
            page.goto(base + "/" + data["home"][lang], wait_until="load")
            page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20000)
            page.wait_for_load_state("networkidle")
            announced = int(re.search(r"(\d+) KB", page.inner_text(".pl-offline")).group(1))
            fetched.clear()
            page.click("[data-pl-offline=save]")
            page.wait_for_function("t => document.querySelector('.pl-offline__status').textContent === t",
                                   arg=data["text"][lang]["saved"], timeout=60000)
            sizes = [r.sizes() for r in fetched]
            out["languages"][lang] = {
                "files": len(data["essentials"][lang]), "announced_kb": announced,
                "downloaded_bytes": sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes),
                "body_bytes": sum(s["responseBodySize"] for s in sizes), "requests": len(sizes)}
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
    say(f"\n{'page':<{width}}  {'KB':>5}  {'headers':>7}  {'article':>7}  {'after load':>10}  summary B  req  fail  "
        f"3rd  next KB  misses")
    for c in costs:
        say(f"{c.path:<{width}}  {c.bytes / 1024:5.1f}  {c.header_bytes / 1024:5.1f}KB  "
            f"{c.article_bytes / 1024:5.1f}KB  "
            f"{c.after_load_bytes / 1024:8.1f}KB  {c.summary_bytes:>9}  "
            f"{c.requests:>3}  {len(c.failed):>4}  {len(c.third_party):>3}  {c.next_bytes / 1024:7.1f}  "
            f"{', '.join(c.misses) or '-'}")
    worst = max(costs, key=lambda c: c.bytes)
    say(f"\n{len(costs)} pages; KB: response bodies as sent (gzip), which the budgets count; headers beside "
        f"them. Largest first view {worst.bytes / 1024:.1f} KB ({worst.path}); "
        f"most requests {max(c.requests for c in costs)}; largest next page "
        f"{max(c.next_bytes for c in costs) / 1024:.1f} KB; pages missing a budget: "
        f"{sum(1 for c in costs if c.misses)}")
    allowed = [c for c in costs if allowance(c.article_bytes)]
    say(f"article text over {ARTICLE_BYTES // 1024} KB gzip (budgets raised by the excess): "
        + (", ".join(f"{c.path} (+{allowance(c.article_bytes) / 1024:.1f} KB)" for c in allowed) or "none"))


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
        costs = measure_pages(base, paths, site)
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
        say("   offline reading and Listen (not part of any first view):")
        results["offline"] = offline = measure_offline(base, site)
        for lang, s in offline["languages"].items():
            say(f"  {lang} 'Save for offline reading': announces {s['announced_kb']} KB; downloaded "
                f"{s['body_bytes'] / 1024:.1f} KB of files + {(s['downloaded_bytes'] - s['body_bytes']) / 1024:.1f} "
                f"KB of headers in {s['requests']} requests ({s['files']} files)")
        say(f"  sw.js {offline['sw_js_bytes'] / 1024:.1f} KB, listen script "
            f"{offline['listen_script_bytes'] / 1024:.1f} KB (gzip; the listen script only when 'Listen' is tapped)")
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
        say("6/7 build cost beside plain Material on synthetic sites (paired runs) ...")
        side_by_side = out / "side-by-side"
        results["build_cost"] = cost = build_cost.measure((*args.sizes, 5000) if args.synthetic_5000 else args.sizes,
                                                          say=say, keep=side_by_side)
        results["synthetic_build_seconds"] = {n: r["ours_seconds"] for n, r in cost["sizes"].items()}
        say("\n".join(build_cost.lines(cost)))
        results["first_view_side_by_side"] = views = first_view_side_by_side(side_by_side)
        say(f"   first view of {SIDE_BY_SIDE_PAGES} of the smallest synthetic site's pages, built both ways "
            "(response bodies, gzip; median, range):")
        for name, v in views.items():
            say(f"  {name}: {v['median_kb']} KB ({v['min_kb']}–{v['max_kb']}) in {v['requests']} requests, "
                f"next page {v['next_median_kb']} KB")
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
    table = readme_table(results, costs)
    say("\n" + table)
    if args.readme:
        write_readme(root / "README.md", table)
        say("README.md: the Performance table rewritten from these numbers")
    misses = [c for c in costs if c.misses]
    lighthouse_misses = [p for p, s in results["lighthouse"].items()
                         if any(v != 100 for k, v in s.items() if k != "failing_audits")]
    if lighthouse_misses:
        say(f"Lighthouse below 100 on: {', '.join(lighthouse_misses)}")
    return 1 if misses or lighthouse_misses else 0


README_START, README_END = "<!-- bench:start (written by `make bench`; do not edit) -->", "<!-- bench:end -->"


def _span(values: list[float], unit: str = "KB") -> str:
    return f"{min(values):.1f}–{max(values):.1f} {unit}" if values else "–"


def readme_table(results: dict, costs: list[PageCost]) -> str:
    """The README's one table of budgets, with what this run measured."""
    import datetime as dt

    first = [c.bytes / 1024 for c in costs]
    requests = sorted({c.requests for c in costs})
    following = [c.next_bytes / 1024 for c in costs if c.next_bytes is not None]
    missing = [c.path for c in costs if c.misses]
    search = results.get("search", {})
    lighthouse = results.get("lighthouse", {})
    serve = results.get("serve", {})
    offline = results.get("offline", {})
    calculator = results.get("deadline_script") or {}
    summaries = results.get("share_summaries", {})
    synthetic = results.get("synthetic_build_seconds", {})
    headers = [c.header_bytes / 1024 for c in costs]
    allowed = [c for c in costs if allowance(c.article_bytes)]
    side = results.get("first_view_side_by_side", {})
    rows = [
        ("First view, every page (response bodies, gzip -6, cold cache)",
         f"{_span(first)} (median {statistics.median(first):.1f}) in {'/'.join(map(str, requests))} requests",
         f"≤ {BYTES // 1024} KB in ≤ {REQUESTS} requests"),
        ("Next page (stylesheet cached)", f"{_span(following)} (median {statistics.median(following):.1f})",
         f"≤ {NEXT_PAGE_BYTES // 1024} KB"),
        (f"Pages whose article text is over {ARTICLE_BYTES // 1024} KB gzip (budgets raised by the excess)",
         ", ".join(f"{c.path} +{allowance(c.article_bytes) / 1024:.1f} KB" for c in allowed) or "none", ""),
        ("Response headers of a first view (depend on the host; not in the budget)", _span(headers), ""),
        ("Pages missing a budget", f"{len(missing)} of {len(costs)}", "0"),
        ("Failed / other-origin requests", f"{sum(len(c.failed) for c in costs)} / "
                                           f"{sum(len(c.third_party) for c in costs)}", "0 / 0"),
        ("Search, opened and asked once", "; ".join(f"{lang} {s['bytes'] / 1024:.0f} KB in {s['requests']} requests"
                                                     for lang, s in search.items()) or "–", "0 before opening"),
        ("'Save for offline reading' (on request)", "; ".join(
            f"{lang} {s['announced_kb']} KB announced, {s['downloaded_bytes'] / 1024:.0f} KB fetched"
            for lang, s in offline.get("languages", {}).items()) or "–", "0 before the tap"),
        ("Scripts loaded on demand (gzip)", f"sw.js {offline.get('sw_js_bytes', 0) / 1024:.1f} KB, "
         f"listen {offline.get('listen_script_bytes', 0) / 1024:.1f} KB, "
         f"last-day calculator {calculator.get('gzip_bytes', 0) / 1024:.1f} KB", "0 in a first view"),
        ("Share text (summary + address), SMS segments", "; ".join(
            f"{lang} at most {max(int(n) for n in row['segments'])}" for lang, row in summaries.items()) or "–", "≤ 2"),
        ("Lighthouse mobile", "; ".join(f"{path} {'/'.join(str(v) for k, v in s.items() if k != 'failing_audits')}"
                                         for path, s in lighthouse.items()) or "not run", "100"),
        ("`mkdocs build` of this site (PDFs from the cache)", f"{results.get('build_seconds', '–')} s", ""),
        ("Synthetic site, 100 → 1,000 pages × 2 languages",
         f"{synthetic.get(100, '–')} s → {synthetic.get(1000, '–')} s" if synthetic else "not run", ""),
        ("Synthetic pages, first view: ours vs plain Material", "; ".join(
            f"{name} {v['median_kb']} KB in {v['requests']} requests (next page {v['next_median_kb']} KB)"
            for name, v in side.items()) or "not run", ""),
        ("Build cost ÷ plain Material, per page-language", "; ".join(
            f"{n} × 2: {r['ratio']}×" for n, r in results.get("build_cost", {}).get("sizes", {}).items()) or "not run",
         "≤ 1.5×"),
        ("`make serve`: an edit, until the page shows it",
         f"{serve.get('median_s', '–')} s ({serve.get('median_cpu_s', '–')} CPU s)" if serve else "not run", "≤ 3 s"),
    ]
    lines = [README_START, f"Latest `make bench`, {dt.date.today().isoformat()} ({len(costs)} pages):", "",
             "| | Measured | Budget |", "| --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join([*lines, README_END])


def write_readme(readme: Path, table: str) -> None:
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < 0:
        raise SystemExit(f"{readme}: no bench markers ({README_START} ... {README_END})")
    readme.write_text(text[:start] + table + text[end + len(README_END):], encoding="utf-8")
