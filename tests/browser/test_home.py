"""The home page in a real phone-sized Chromium: every request succeeds, none leaves our origin."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from puente.core import organization


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_home_loads_with_only_own_origin_requests(phone, server, path):
    requests, failures = [], []
    phone.on("request", lambda r: requests.append(r.url))
    phone.on("requestfailed", lambda r: failures.append(f"{r.url} ({r.failure})"))
    phone.on("response", lambda r: r.status >= 400 and failures.append(f"{r.url} -> {r.status}"))
    response = phone.goto(server + path, wait_until="networkidle")
    assert response.status == 200
    own = urlsplit(server).netloc
    foreign = [u for u in requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != own]
    assert not foreign, f"requests to other origins: {foreign}"
    assert not failures, f"failed requests: {failures}"
    assert phone.locator("h1").first.is_visible()


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_home_shows_where_to_turn_in_the_first_phone_screen(phone, server, path):
    """Unpaid wages (WHD), unsafe work (OSHA), injury (workers' comp) and discrimination (EEOC);
    in a local edition, its own organization ("Help near you" comes first)."""
    phone.goto(server + path)
    profile = organization.load(ROOT)
    if profile is not None:
        call = f'.pl-local a.pl-call[href="tel:{profile.phone.e164}"]' if profile.phone else ".pl-local strong"
        box = phone.locator(call).first.bounding_box()
        assert box and box["y"] + box["height"] <= 740, f"the organization is below the first screen: {box}"
        return
    for key in ("whd", "osha", "eeoc"):
        box = phone.locator(f'a.pl-call[data-contact="{key}"]').first.bounding_box()
        assert box and box["y"] + box["height"] <= 740, f"{key} call link is below the first screen: {box}"
    injury = phone.locator('a[href$="derechos/lesiones/"]').first.bounding_box()
    assert injury and injury["y"] + injury["height"] <= 740


def test_a_planted_tracker_never_leaves_the_machine(browser, tmp_path):
    """The tests' browser refuses, at the context level, every address but 127.0.0.1, and the
    test during which one was attempted fails: plant an image, a script and a fetch to another
    host in a page and see all three refused and reported."""
    import conftest

    page_file = tmp_path / "index.html"
    page_file.write_text(
        '<!doctype html><html lang="es"><title>t</title>'
        '<img src="https://www.dol.gov/pixel.png" alt="">'
        '<script src="https://tracker.example.net/t.js"></script>'
        '<script>fetch("https://api.example.com/beacon").catch(() => {})</script></html>', encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    page.goto(page_file.as_uri(), wait_until="networkidle")
    context.close()
    refused = sorted(set(conftest._refused))
    conftest._refused.clear()   # seen: this test planted them on purpose
    assert refused == ["https://api.example.com/beacon", "https://tracker.example.net/t.js",
                       "https://www.dol.gov/pixel.png"], refused
