"""Absolute language alternates in a real Chromium: no request leaves the origin."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest


@pytest.mark.parametrize("path", ["/derechos/salario/", "/en/derechos/salario/", "/en/"])
def test_absolute_alternates_cause_no_request_off_the_origin(phone, server, path):
    """Material's bundle fetches sitemap.xml beside each link[rel=alternate]: with our absolute
    hrefs on the placeholder domain, that would leave the origin. Search opened, nothing may."""
    requests, failures = [], []
    phone.on("request", lambda r: requests.append(r.url))
    phone.on("requestfailed", lambda r: failures.append(f"{r.url} ({r.failure})"))
    phone.on("response", lambda r: r.status >= 400 and failures.append(f"{r.url} -> {r.status}"))
    assert phone.goto(server + path, wait_until="networkidle").status == 200
    search = phone.locator(".md-search__input")
    if search.count():
        search.first.dispatch_event("focus")
        phone.wait_for_load_state("networkidle")
    own = urlsplit(server).netloc
    foreign = [u for u in requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != own]
    assert not foreign, f"requests to other origins: {foreign}"
    assert not failures, f"failed requests: {failures}"
    assert phone.locator('link[rel="alternate"][hreflang="x-default"]').count() == 1
