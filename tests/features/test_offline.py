"""Offline reading and "Listen" in the built site (features/offline/, partials/listen.html): the
manifest and icons of each language, sw.js and its data, the size the save button announces, the
markup every page gets (and what it does not get), sw.js revalidated, never under `mkdocs serve`.
What the worker and the listen script do is tested in Chromium (tests/browser/test_offline_in_chromium.py,
test_listen.py)."""

from __future__ import annotations

import gzip
import io
import json
import math
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import pytest
from PIL import Image

from conftest import ROOT, copy_project
from html_tools import html_pages, url_path
from puente.features.offline import manifest, worker
from puente.tools import static_server
from site_tools import LANGUAGES, PROJECT

CODES = LANGUAGES.codes


def _language_settings(lang: str) -> tuple[str, str]:
    """The language's site_name and site_description (its own, or the site's)."""
    config = PROJECT.config
    entry = next(e for e in PROJECT.i18n()["languages"] if e["locale"] == lang)
    return entry.get("site_name", config["site_name"]), entry.get("site_description", config["site_description"])


def _lang_root(lang: str) -> str:
    return "" if lang == LANGUAGES.default else f"{lang}/"


def _pages(site: Path) -> list[Path]:
    return [p for p in html_pages(site) if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:600]
            and p.name != "404.html"]


def _address(site: Path, page: Path) -> str:
    return url_path(site, page)


@pytest.mark.parametrize("lang", CODES)
def test_each_language_has_its_manifest(site, lang):
    data = json.loads((site / _lang_root(lang) / manifest.FILE).read_text(encoding="utf-8"))
    name, description = _language_settings(lang)
    assert data["name"] == name and data["description"] == " ".join(description.split())
    assert data["lang"] == lang and data["start_url"] == "./" and data["scope"] == "./"
    assert re.fullmatch(r"#[0-9a-f]{6}", data["theme_color"])
    base = f"https://example.org/{_lang_root(lang)}manifest.webmanifest"
    for icon in data["icons"]:
        assert urljoin(base, icon["src"]) == f"https://example.org/{manifest.icon_name(int(icon['sizes'][:3]))}"
    assert {(i["sizes"], i["purpose"]) for i in data["icons"]} == {
        ("192x192", "any"), ("192x192", "maskable"), ("512x512", "any"), ("512x512", "maskable")}


@pytest.mark.parametrize("size", manifest.SIZES)
def test_icons_are_maskable_pngs(site, size):
    """A maskable icon may be cut to a circle of 40% of its side: everything outside that circle
    is background (the theme colour), and the drawing is inside it."""
    image = Image.open(io.BytesIO((site / manifest.icon_name(size)).read_bytes())).convert("RGB")
    assert image.size == (size, size)
    theme = tuple(int(manifest.THEME[i:i + 2], 16) for i in (1, 3, 5))
    centre, safe = size / 2, 0.40 * size
    outside, drawing = [], 0
    for y in range(size):
        for x in range(size):
            pixel = image.getpixel((x, y))
            if math.hypot(x + 0.5 - centre, y + 0.5 - centre) > safe:
                if max(abs(a - b) for a, b in zip(pixel, theme, strict=True)) > 8:
                    outside.append((x, y))
            elif min(pixel) > 240:
                drawing += 1
    assert not outside, f"{len(outside)} pixels of the drawing outside the safe circle, e.g. {outside[:3]}"
    assert drawing > size * size * 0.03, "the bridge is missing"


def test_every_page_links_its_own_languages_manifest(site):
    for page in _pages(site):
        html = page.read_text(encoding="utf-8")
        lang = re.search(r'<html lang="([^"]+)"', html).group(1)
        links = re.findall(r'<link rel="manifest" href="([^"]+)">', html)
        assert len(links) == 1, page
        target = urljoin("https://x.test" + _address(site, page), links[0])
        assert target == f"https://x.test/{_lang_root(lang)}manifest.webmanifest", (page, links)


def test_the_worker_knows_each_languages_essentials(site):
    data = worker.read(site)
    assert re.fullmatch(r"[0-9a-f]{16}", data["build"])
    assert data["languages"] == list(CODES) and data["default"] == LANGUAGES.default
    for lang in CODES:
        paths = data["essentials"][lang]
        pages = [p for p in paths if not p.startswith("assets/")]
        assets = [p for p in paths if p.startswith("assets/")]
        root = _lang_root(lang)
        expected = [root, f"{root}contactos/", f"{root}tarjeta/", f"{root}derechos/represalias/",
                    f"{root}riesgos/", f"{root}profedet/"]
        assert all(p in pages for p in expected), pages
        for path in pages:   # only this language's pages, and only essentials
            other = [o for o in LANGUAGES.others if path.startswith(f"{o}/")]
            assert other == ([lang] if lang != LANGUAGES.default else []), path
            assert not path.removeprefix(root).startswith(("glosario", "volantes", "sobre")), path
            assert (site / path / "index.html").is_file(), path
        assert len(assets) == 2 and all((site / a).is_file() for a in assets), assets
        assert any(re.fullmatch(r"assets/stylesheets/bundle\.[0-9a-f]{10}\.css", a) for a in assets)
        assert any(re.fullmatch(r"assets/javascripts/puente-listen\.[0-9a-f]{10}\.js", a) for a in assets)
        texts = data["text"][lang]
        assert texts["note"].count("{date}") == 1 and "{list}" in texts["offline"]
        assert f'<html lang="{lang}">' in texts["offline"]
    assert data["text"]["es"]["offline"].count("Sin conexión") == 2
    assert data["text"]["es"]["saved"].startswith(f"Listo: {len(data['essentials']['es']) - 2} páginas")


def test_pages_announce_the_size_of_their_languages_essentials(site):
    """The size on every page is what the host would send, gzip-compressed, for the essentials."""
    data = worker.read(site)
    for lang in CODES:
        total = 0
        for path in data["essentials"][lang]:
            file = site / path / "index.html" if path == "" or path.endswith("/") else site / path
            total += len(gzip.compress(file.read_bytes(), compresslevel=9, mtime=0))
        kb = math.ceil(total / 1024)
        for page in ("", "contactos/"):
            html = (site / _lang_root(lang) / page / "index.html").read_text(encoding="utf-8")
            assert re.search(rf'<aside class="pl-offline"[^>]*>\s*<p>[^<]*: {kb} KB\.</p>', html), (lang, kb)
    for page in html_pages(site):
        assert worker.KB_PLACEHOLDER not in page.read_text(encoding="utf-8"), page


def test_the_controls_are_hidden_until_a_script_shows_them(site):
    """Without JavaScript nothing of this shows; every page registers the worker from the one
    inline loader; the listen script is only named, never loaded; the save buttons are on the
    home and contacts pages only."""
    for page in _pages(site):
        html = page.read_text(encoding="utf-8")
        address = _address(site, page)
        listen = re.search(r'<div class="pl-listen[^"]*" hidden data-lang="(es|en)" data-src="([^"]+)">', html)
        assert listen, page
        script = urljoin("https://x.test" + address, listen.group(2))
        assert re.fullmatch(r"https://x\.test/assets/javascripts/puente-listen\.[0-9a-f]{10}\.js", script), page
        register = re.findall(r'w\.register\("([^"]+)"\)', html)
        assert len(register) == 1 and urljoin("https://x.test" + address, register[0]) == "https://x.test/sw.js"
        assert re.search(r'addEventListener\("load",function\(\)\{w\.register', html), "registered after load"
        assert "puente-listen" not in "".join(re.findall(r"<script[^>]*src=[^>]*>", html))
        assert not re.search(r'<link[^>]*rel="(?:preload|modulepreload|prefetch|serviceworker)"', html)
        controls = re.findall(r'<aside class="pl-offline" hidden data-pagefind-ignore data-lang="(es|en)">', html)
        assert len(controls) == (1 if address.removeprefix("/en") in ("/", "/contactos/") else 0), address
def test_the_print_stylesheet_hides_the_buttons():
    css = (ROOT / "docs/assets/stylesheets/print.css").read_text(encoding="utf-8")
    hidden = re.search(r"/\* No site chrome on paper \*/\s*([^{]+)\{\s*display: none !important;", css).group(1)
    assert ".md-content .pl-listen" in hidden and ".pl-offline" in hidden


def test_sw_js_is_revalidated_on_every_visit(site):
    rules = static_server.read_rules((site / static_server.HEADERS_FILE).read_text(encoding="utf-8"))
    assert static_server.headers_for(rules, "/sw.js")["Cache-Control"] == "no-cache"
    assert static_server.headers_for(rules, "/assets/javascripts/puente-listen.0123456789.js")["Cache-Control"] \
        == "public, max-age=31536000, immutable"
    with static_server.serve(site) as base, urllib.request.urlopen(base + "/sw.js") as response:
        assert response.headers["Cache-Control"] == "no-cache"
        assert "javascript" in response.headers["Content-Type"]


def test_the_build_hash_changes_with_any_page(site, tmp_path):
    data = {key: value for key, value in worker.read(site).items() if key != "build"}
    template = worker.TEMPLATE.read_text(encoding="utf-8")
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.pdf", "*.png", "pagefind"))
    assert worker.build_hash(copy, template, data) == worker.read(site)["build"]
    page = copy / "en/contactos/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " </h1>", 1), encoding="utf-8")
    assert worker.build_hash(copy, template, data) != worker.read(site)["build"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def test_no_service_worker_under_mkdocs_serve_and_edits_show(tmp_path):
    """`make serve` previews edits: no worker may keep an old copy, so none is registered there;
    an edit shows once the page is rebuilt."""
    project = copy_project(tmp_path / "project")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PUENTE_PDF": "0"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base, deadline, page = f"http://127.0.0.1:{port}", time.monotonic() + 300, ""
        while time.monotonic() < deadline and "</html>" not in page:
            page = _get(base + "/contactos/")[1]
            time.sleep(0.2)
        assert "</html>" in page, "mkdocs serve did not answer"
        assert 'class="pl-listen' in page            # "Listen" works under serve
        assert "pl-offline" not in page and ".register(" not in page
        assert _get(base + "/sw.js")[0] == 404
        # An edit shows after the rebuild (each rebuild loads a new configuration).
        with (project / "docs/contactos.es.md").open("a", encoding="utf-8") as handle:
            handle.write("\nEdición de prueba en vivo.\n")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and "Edición de prueba en vivo" not in page:
            page = _get(base + "/contactos/")[1]
            time.sleep(0.2)
        assert "Edición de prueba en vivo" in page, "the edit never showed under mkdocs serve"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
