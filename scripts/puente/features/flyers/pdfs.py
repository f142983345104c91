"""The flyer PDFs: print each flyer and pocket-card page of a built site, fitted, reproducible, cached.

- **Printed as staff print it.** Headless Chromium (``/usr/bin/chromium`` through Playwright,
  JavaScript off, Letter) opens each page *at its public address* (``site_url`` + its path); every
  request under ``site_url`` is answered from the built site and every other request is refused,
  so nothing leaves the machine and the links inside the PDF are the public addresses, never
  ``file://`` paths of the machine that built it.
- **One font family.** Chromium runs with a fontconfig that knows only the print family
  (``fonts``): the layout is the same on every machine.
- **Fitted by construction.** A flyer longer than one sheet is printed again at a smaller scale,
  in steps, down to a readable floor measured on the page itself: body text never under
  10.5 pt, the footer's phone numbers never under 14 pt. The pocket card keeps its own sizes.
  A page that still overflows at the floor gets a multi-page PDF and one line on stderr; the
  build goes on. ``make test`` holds the complete languages to one page (``held_to_one_page``).
- **Reproducible.** The PDF's dates are the page's ``reviewed`` date (or ``SOURCE_DATE_EPOCH``)
  and its ID is derived from its content (pikepdf): the same commit gives the same bytes.
- **Cached** in ``.cache/flyers/`` by a hash of everything that changes the output: the page's
  HTML and the stylesheets and images it uses, the font files, Chromium's version and the
  renderer's settings. ``PUENTE_PDF=0`` skips rendering; ``mkdocs serve`` skips it too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from puente.core import site_url
from puente.core.languages import Languages
from puente.features.flyers import fonts
from puente.tools import chromium

PDF_NAME = "volante.pdf"        # the PDF beside its page: /derechos/salario/volante.pdf, /en/.../volante.pdf
THUMB_NAME = "volante.webp"     # its first page, small (WebP, ~7 KB), for the staff page
THUMB_QUALITY = 40
THUMB_WIDTH = 240               # pixels (shown at 120 CSS px)
CACHE_NAME = "flyers"           # .cache/flyers/ in the project: outside site/, which MkDocs empties
CACHE_DAYS = 30                 # cached PDFs no build used for this long are deleted
SWITCH = "PUENTE_PDF"           # PUENTE_PDF=0: do not render PDFs (test builds of temporary copies)
PAPER = "Letter"
PAGES = {"flyer": 1, "pocket_card": 1}   # printable kind -> the number of Letter pages it is made for
FITTED = ("flyer",)                       # kinds that may be scaled down to fit
BODY_FLOOR_PT = 10.5                      # body text never smaller than this on a fitted flyer
NUMBER_FLOOR_PT = 14.0                    # nor the print footer's phone numbers
SCALE_STEP = 0.03
ONE_PAGE_ADDRESS = 60                     # longest address at which complete languages must fit one page
RENDER_VERSION = "3"  # bump when the way PDFs are printed changes beyond the settings above
SETTINGS = f"{RENDER_VERSION} {PAPER} {PAGES} {FITTED} {BODY_FLOOR_PT} {NUMBER_FLOOR_PT} {SCALE_STEP}"

MARKER = re.compile(r'<a [^>]*data-pl-pdf="(?P<kind>[a-z_]+)" data-pl-source="(?P<source>[^"]*)"'
                    r' data-pl-reviewed="(?P<reviewed>[0-9-]+)"')
ASSET_REF = re.compile(r'(?:href|src)="(?P<ref>[^"#?]+\.(?:css|png|svg|jpe?g|webp|avif|gif))(?:[?#][^"]*)?"')
SIZES = """() => {
  const pt = (selector) => { const e = document.querySelector(selector);
                             return e ? parseFloat(getComputedStyle(e).fontSize) * 0.75 : null; };
  return {body: pt("article.md-typeset"), number: pt(".pl-print__number")};
}"""


class FlyerError(Exception):
    """A flyer that cannot be rendered, with what to do."""


@dataclass
class Job:
    html: Path
    kind: str
    source: str       # docs/derechos/seguridad.es.md (for messages)
    reviewed: str     # YYYY-MM-DD: the PDF's date
    path: str         # the page's path under the site root: "", "en/derechos/seguridad/"

    @property
    def pdf(self) -> Path:
        return self.html.parent / PDF_NAME

    @property
    def thumb(self) -> Path:
        return self.html.parent / THUMB_NAME

    @property
    def url_path(self) -> str:
        return "/" + self.path + PDF_NAME


@dataclass
class Printed:
    """What one render produced (also stored beside the cached PDF)."""

    pages: int
    scale: float = 1.0
    floor: float = 1.0
    overflow_in: float = 0.0      # inches of content on the pages past the expected ones, at the floor

    def describe(self) -> str:
        return (f"{self.pages} Letter pages; at scale {self.floor:.2f} (the smallest readable) "
                f"{self.overflow_in:.1f} in of content is left for page 2")


@dataclass
class Report:
    rendered: list[Path] = field(default_factory=list)
    cached: list[Path] = field(default_factory=list)
    results: dict[str, Printed] = field(default_factory=dict)   # url path of the PDF -> result
    seconds: float = 0.0


def held_to_one_page(lang: str, address: str, languages: Languages) -> bool:
    """Whether ``make test`` holds a flyer to one page: the project's complete languages at an
    address of up to ONE_PAGE_ADDRESS characters. Fallback pages, new languages and longer
    addresses may print on two pages when they overflow at the floor."""
    return languages.is_complete(lang) and len(address) <= ONE_PAGE_ADDRESS


def enabled() -> bool:
    return os.environ.get(SWITCH, "1").strip().lower() not in ("0", "no", "false", "off")


def jobs(site_dir: Path) -> list[Job]:
    """The built pages that carry a download link to their own PDF."""
    found = []
    site_dir = Path(site_dir)
    for html in sorted(site_dir.rglob("index.html")):
        match = MARKER.search(html.read_text(encoding="utf-8"))
        if match:
            rel = html.parent.relative_to(site_dir).as_posix()
            found.append(Job(html, match["kind"], match["source"], match["reviewed"],
                             "" if rel == "." else rel + "/"))
    return found


def chromium_version() -> str:
    """Debian's package version of Chromium (what changes its PDF output), or the binary's stamp."""
    done = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "chromium"], capture_output=True, text=True,
                          check=False) if shutil.which("dpkg-query") else None
    if done and done.returncode == 0 and done.stdout.strip():
        return done.stdout.strip()
    binary = Path(chromium.CHROMIUM).resolve()
    return f"{binary.stat().st_size}-{int(binary.stat().st_mtime)}" if binary.exists() else "none"


def cache_key(job: Job, base: str, environment: str) -> str:
    """A hash of what the PDF is made of: the page's HTML, the stylesheets and images it uses, the
    address it is printed at (its links), and ``environment`` (fonts, Chromium, settings)."""
    digest = hashlib.sha256(f"{environment}\n{base}{job.path}\n".encode())
    text = job.html.read_bytes()
    digest.update(text)
    for ref in sorted(set(ASSET_REF.findall(text.decode("utf-8")))):
        if ref.startswith(("http:", "https:", "data:", "/")):
            continue
        asset = (job.html.parent / ref).resolve()
        if asset.is_file():
            digest.update(ref.encode() + b"\0" + asset.read_bytes())
    return digest.hexdigest()[:32]


def environment_key() -> str:
    return f"{SETTINGS}\nfonts {fonts.digest()}\nchromium {chromium_version()}"


def pdf_date(reviewed: str) -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible-builds.org), else the page's review date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.combine(dt.date.fromisoformat(reviewed), dt.time(), dt.UTC)


def stamp(data: bytes, when: dt.datetime) -> tuple[bytes, int]:
    """The PDF with fixed dates and a content-derived ID, and its page count."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        value = when.strftime("D:%Y%m%d%H%M%S+00'00'")
        pdf.docinfo["/CreationDate"] = value
        pdf.docinfo["/ModDate"] = value
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue(), len(pdf.pages)


def page_count(data: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def overflow_inches(pdf: Path, expected: int) -> float:
    """How much text the pages past ``expected`` carry, in inches (``pdftotext -bbox``)."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(expected + 1), str(pdf), "-"],
                         capture_output=True, text=True, check=False).stdout
    total = 0.0
    for page in re.split(r"<page ", out)[1:]:
        tops = [float(y) for y in re.findall(r'yMin="([\d.]+)"', page)]
        bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page)]
        if tops:
            total += (max(bottoms) - min(tops)) / 72
    return total


def thumbnail(pdf: Path, target: Path) -> None:
    """The first page, THUMB_WIDTH pixels wide, as a small WebP (poppler draws it, Pillow packs it)."""
    from PIL import Image

    base = target.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to-x",
                    str(THUMB_WIDTH), "-scale-to-y", "-1", str(pdf), str(base)], check=True)
    drawn = base.with_suffix(".png")
    with Image.open(drawn) as image:
        image.convert("RGB").save(target, "WEBP", quality=THUMB_QUALITY, method=6)
    drawn.unlink()


def scales(floor: float) -> list[float]:
    """1.0, then down in steps, ending exactly at the floor."""
    steps, scale = [], 1.0
    while scale > floor + 1e-9:
        steps.append(round(scale, 3))
        scale -= SCALE_STEP
    return [*steps, round(floor, 3)]


def floor_scale(sizes: dict, kind: str) -> float:
    """The smallest scale at which the page's body text and footer numbers stay readable."""
    if kind not in FITTED:
        return 1.0
    limits = [BODY_FLOOR_PT / sizes["body"]] if sizes.get("body") else []
    limits += [NUMBER_FLOOR_PT / sizes["number"]] if sizes.get("number") else []
    return min(1.0, max([*limits, 0.5]))


def _check_tools() -> None:
    missing = [tool for tool in ("pdfinfo", "pdftoppm", "pdftotext") if shutil.which(tool) is None]
    if not Path(chromium.CHROMIUM).exists():
        missing.insert(0, chromium.CHROMIUM)
    if missing:
        raise FlyerError(f"flyers: cannot render PDFs without {', '.join(missing)}: run "
                         f"`make system-tools` (Debian chromium, poppler-utils), or set {SWITCH}=0 "
                         "to build without PDFs")


class _Site:
    """Answers requests for the site's public addresses from the built files; refuses the rest."""

    def __init__(self, site_dir: Path, base: str):
        self.site_dir, self.base = Path(site_dir).resolve(), base
        self.refused: list[str] = []

    def __call__(self, route) -> None:
        url = route.request.url
        if not url.startswith(self.base):
            self.refused.append(url)
            route.abort()
            return
        rel = unquote(urlsplit(url).path[len(urlsplit(self.base).path):])
        path = (self.site_dir / rel).resolve()
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or not path.is_relative_to(self.site_dir):
            route.fulfill(status=404, body="")
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=path.read_bytes(), content_type=kind)


def _render_missing(missing: list[tuple[Job, str]], cache_dir: Path, site_dir: Path, base: str, log) -> None:
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts.fontconfig(cache_dir))}
    site = _Site(site_dir, base)
    with chromium.launch(env=env) as browser:
        context = browser.new_context(java_script_enabled=False)
        context.route("**/*", site)
        page = context.new_page()
        for number, (job, key) in enumerate(missing, start=1):
            started = time.monotonic()
            page.goto(base + job.path, wait_until="load")
            page.emulate_media(media="print")
            floor = floor_scale(page.evaluate(SIZES), job.kind)
            page.emulate_media(media=None)
            for scale in scales(floor):
                data = page.pdf(format=PAPER, print_background=True, tagged=True, outline=False,
                                scale=scale)
                count = page_count(data)
                if count <= PAGES[job.kind]:
                    break
            data, count = stamp(data, pdf_date(job.reviewed))
            tmp = cache_dir / f"{key}.tmp.pdf"
            tmp.write_bytes(data)
            printed = Printed(count, scale, floor)
            if count > PAGES[job.kind]:
                printed.overflow_in = round(overflow_inches(tmp, PAGES[job.kind]), 2)
            thumbnail(tmp, cache_dir / f"{key}.webp")
            (cache_dir / f"{key}.json").write_text(json.dumps(printed.__dict__), encoding="utf-8")
            tmp.replace(cache_dir / f"{key}.pdf")
            fitted = f" at scale {scale:.2f}" if scale < 1 else ""
            log(f"flyers: [{number}/{len(missing)}] {job.url_path} rendered{fitted} in "
                f"{time.monotonic() - started:.1f} s")
    if site.refused:
        raise FlyerError(f"flyers: pages asked for addresses outside the site while printing: {site.refused[:3]}")


def render(site_dir: Path, cache_dir: Path, base: str, log=None) -> Report:
    """Write every printable's PDF and thumbnail into ``site_dir``, rendering only what changed.

    ``base`` is the site's public address (``site_url`` with a trailing slash): what the pages
    are printed at, what their links and QR codes say.
    """
    log = log or (lambda text: print(text, file=sys.stderr, flush=True))
    started = time.monotonic()
    report = Report()
    todo = jobs(site_dir)
    if not todo:
        return report
    base = base.rstrip("/") + "/"
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    try:
        environment = environment_key()
    except fonts.FontsMissing as error:
        raise FlyerError(f"flyers: {error}, or set {SWITCH}=0 to build without PDFs") from None
    keyed = [(job, cache_key(job, base, environment)) for job in todo]
    missing = [(job, key) for job, key in keyed
               if not all((cache_dir / f"{key}.{ext}").exists() for ext in ("pdf", "webp", "json"))]
    if site_url.is_placeholder(base):
        log(f"flyers: the QR codes and addresses on these flyers point at {site_url.PLACEHOLDER} "
            "(a placeholder): set SITE_URL=https://your.domain/ before printing them")
    if missing:
        _check_tools()
        _render_missing(missing, cache_dir, Path(site_dir), base, log)
    for job, key in keyed:
        printed = Printed(**json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8")))
        report.results[job.url_path] = printed
        if printed.pages > PAGES[job.kind]:
            log(f"flyers: {job.url_path} ({job.source}): {printed.describe()}. Shorten the page or "
                "put background in a pl-screen-only block (README, \"Flyers and printing\")")
        shutil.copyfile(cache_dir / f"{key}.pdf", job.pdf)
        shutil.copyfile(cache_dir / f"{key}.webp", job.thumb)
        (report.rendered if (job, key) in missing else report.cached).append(job.pdf)
    _prune(cache_dir, keep={key for _job, key in keyed})
    report.seconds = time.monotonic() - started
    log(f"flyers: {len(todo)} PDFs in {site_dir}: {len(report.rendered)} rendered, "
        f"{len(report.cached)} unchanged (from {cache_dir}), {report.seconds:.1f} s")
    return report


def _prune(cache_dir: Path, keep: set[str]) -> None:
    """Mark this build's entries as used; forget entries no build used for CACHE_DAYS."""
    now = time.time()
    for entry in cache_dir.iterdir():
        if not entry.is_file() or entry.name == "fonts.conf":
            continue
        key = entry.name.split(".")[0]
        if key in keep:
            os.utime(entry, (now, now))
        elif now - entry.stat().st_mtime > CACHE_DAYS * 86400:
            entry.unlink(missing_ok=True)


def site_address(site_dir: Path) -> str:
    """The public address a built site was made for: its home page's canonical URL."""
    html = (Path(site_dir) / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    if not match:
        raise FlyerError(f"{site_dir}/index.html has no canonical URL: build the site with a site_url")
    return match.group(1)
