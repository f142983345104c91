"""``linkcheck --online``: fetch every external address for real (maintainers, not CI).

- one address at a time per host, at least ``per_host_interval`` seconds apart (hosts in
  parallel, our own ``Pacer``); HEAD first, GET when the server refuses HEAD;
- 429 and 5xx answers and timeouts are retried by urllib3's ``Retry`` with exponential backoff,
  ``Retry-After`` honoured (capped at ``RETRY_AFTER_CAP`` seconds);
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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.util.retry import Retry

CACHE = Path(".cache/linkcheck.json")
USER_AGENT = "PuenteLaboral-linkcheck/1 (+https://example.org/)"
RETRY_AFTER_CAP = 30.0
RETRY_STATUSES = (429, 500, 502, 503, 504)


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


class _Retry(Retry):
    """urllib3's Retry with the server's ``Retry-After`` capped: a link check never waits hours."""

    def get_retry_after(self, response):
        seconds = super().get_retry_after(response)
        return None if seconds is None else min(seconds, RETRY_AFTER_CAP)


def retry_policy(retries: int, backoff: float) -> Retry:
    return _Retry(total=retries, connect=retries, read=retries, status=retries, other=0, redirect=False,
                  backoff_factor=backoff, status_forcelist=RETRY_STATUSES, allowed_methods={"HEAD", "GET"},
                  respect_retry_after_header=True, raise_on_status=False)


def _pool() -> urllib3.PoolManager:
    return urllib3.PoolManager(headers={"User-Agent": USER_AGENT})


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


def fetch(url: str, *, timeout: float, retries: int, backoff: float, pool=None,
          pacer: Pacer | None = None) -> Result:
    """One address: HEAD (GET when HEAD is refused), retried on 429/5xx and timeouts."""
    pool = pool or _pool()
    pacer = pacer or Pacer(0)
    result = Result(url, None)

    def ask(method: str):
        pacer.wait()
        answer = pool.request(method, url, retries=retry_policy(retries, backoff), redirect=False,
                              timeout=timeout, preload_content=False)
        answer.drain_conn()
        result.attempts += len(answer.retries.history) + 1 if answer.retries else 1
        return answer

    try:
        answer = ask("HEAD")
        if answer.status in (403, 405, 501):
            answer = ask("GET")
    except urllib3.exceptions.MaxRetryError as error:
        result.attempts += retries + 1
        if isinstance(error.reason, (urllib3.exceptions.TimeoutError, TimeoutError, socket.timeout)):
            result.problem, result.is_error = f"no answer within {timeout:g} s", True
        else:
            result.problem, result.is_error = f"unreachable ({error.reason})", True
        return result
    status = result.status = answer.status
    if 200 <= status < 300:
        result.problem = None
    elif 300 <= status < 400:
        location = answer.headers.get("Location", "")
        result.location = urljoin(url, location) if location else None
        result.problem = f"redirects ({status}) to {result.location or '?'}: link the new address"
    elif status in RETRY_STATUSES:
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
        pool, pacer = _pool(), Pacer(per_host_interval)
        for url in host_urls:
            result = fetch(url, timeout=timeout, retries=retries, backoff=backoff, pool=pool, pacer=pacer)
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
