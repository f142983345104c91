"""``linkcheck --online``: fetch every external address for real (maintainers, not CI).

- one request at a time per host, at least ``per_host_interval`` seconds apart (hosts in
  parallel); HEAD first, GET when the server refuses HEAD;
- 429 and 5xx are retried with exponential backoff (``Retry-After`` honoured, capped);
- redirects are not followed but reported with their target, so the page can be updated;
- each request has a timeout;
- answers that were fine (2xx, redirects) are cached in ``.cache/linkcheck.json`` for
  ``max_age_days``; failures are asked again next time.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

CACHE = Path(".cache/linkcheck.json")
USER_AGENT = "PuenteLaboral-linkcheck/1 (+https://example.org/)"
RETRY_AFTER_CAP = 30.0


@dataclass
class Result:
    url: str
    status: int | None
    problem: str | None = None      # None when the address answers 2xx
    is_error: bool = False          # False for warnings (redirects)
    location: str | None = None
    attempts: int = 0
    from_cache: bool = False
    checked: float = 0.0


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _opener():
    return urllib.request.build_opener(_NoRedirect)


def _request(opener, url: str, method: str, timeout: float) -> tuple[int, dict]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers or {})


class Pacer:
    """At least ``interval`` seconds between the starts of two requests to one host.

    ``clock`` and ``sleep`` are injectable, and ``started`` records when each request was let go:
    the pacing is tested on those planned times, not on a loaded machine's timing.
    """

    def __init__(self, interval: float, clock=time.monotonic, sleep=time.sleep):
        self.interval, self.last = interval, float("-inf")
        self.clock, self.sleep = clock, sleep
        self.started: list[float] = []

    def wait(self) -> None:
        delay = self.last + self.interval - self.clock()
        if delay > 0:
            self.sleep(delay)
        self.last = self.clock()
        self.started.append(self.last)


def fetch(url: str, *, timeout: float, retries: int, backoff: float, opener=None, pacer: Pacer | None = None,
          sleep=time.sleep) -> Result:
    """One address, with retries on 429/5xx and on timeouts."""
    opener = opener or _opener()
    pacer = pacer or Pacer(0)
    result = Result(url, None)
    for attempt in range(retries + 1):
        result.attempts = attempt + 1
        try:
            pacer.wait()
            status, headers = _request(opener, url, "HEAD", timeout)
            if status in (403, 405, 501):
                pacer.wait()
                status, headers = _request(opener, url, "GET", timeout)
        except TimeoutError:
            status, headers = None, {}
            result.problem = f"no answer within {timeout:g} s"
        except urllib.error.URLError as error:
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                status, headers = None, {}
                result.problem = f"no answer within {timeout:g} s"
            else:
                result.status, result.problem, result.is_error = None, f"unreachable ({error.reason})", True
                return result
        result.status = status
        if status is not None and status != 429 and status < 500:
            break
        if attempt < retries:
            wait = backoff * 2 ** attempt
            retry_after = {k.lower(): v for k, v in headers.items()}.get("retry-after", "")
            if retry_after.strip().isdigit():
                wait = min(float(retry_after), RETRY_AFTER_CAP)
            sleep(wait)
    status = result.status
    if status is None:
        result.is_error = True
    elif 200 <= status < 300:
        result.problem = None
    elif 300 <= status < 400:
        location = {k.lower(): v for k, v in headers.items()}.get("location", "")
        result.location = urljoin(url, location) if location else None
        result.problem = f"redirects ({status}) to {result.location or '?'}: link the new address"
    elif status == 429 or status >= 500:
        result.problem, result.is_error = f"HTTP {status} after {result.attempts} attempts", True
    else:
        result.problem, result.is_error = f"HTTP {status}: update or remove the link", True
    return result


def _load(cache_file: Path) -> dict:
    try:
        return json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def check_urls(urls, cache_file: Path = CACHE, *, timeout: float = 10.0, retries: int = 3,
               backoff: float = 1.0, per_host_interval: float = 1.0, max_age_days: float = 7.0,
               workers: int = 8) -> list[Result]:
    """Check ``urls``; returns one Result per address, in the order given."""
    cache = _load(cache_file)
    now = time.time()
    results: dict[str, Result] = {}
    by_host: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        cached = cache.get(url)
        if cached and now - cached.get("checked", 0) < max_age_days * 86400:
            results[url] = Result(**{**cached, "from_cache": True})
        else:
            by_host.setdefault(urlsplit(url).netloc.lower(), []).append(url)
    lock = threading.Lock()

    def run_host(host_urls: list[str]) -> None:
        opener, pacer = _opener(), Pacer(per_host_interval)
        for url in host_urls:
            result = fetch(url, timeout=timeout, retries=retries, backoff=backoff, opener=opener, pacer=pacer)
            result.checked = time.time()
            with lock:
                results[url] = result

    if by_host:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(by_host)))) as pool:
            list(pool.map(run_host, by_host.values()))
    for url, result in results.items():
        if not result.from_cache and not result.is_error:
            cache[url] = {k: v for k, v in asdict(result).items() if k != "from_cache"}
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(cache, indent=1, sort_keys=True), encoding="utf-8")
    return [results[url] for url in dict.fromkeys(urls)]
