"""Flyers and the pocket card: what each printed page carries, and the PDFs staff download.

Every page prints (``docs/assets/stylesheets/print.css``) with a footer that is hidden on screen:
the contacts the registry flags ``flyer: true`` with their numbers written out, the page's
canonical URL as text, a QR code opening this page in this language, and the date its facts were
last checked. Pages whose front matter says ``flyer: true`` must print on exactly one Letter
page; the build renders each of them to a PDF beside the page (``<page URL>volante.pdf``, with a
PNG thumbnail ``volante.png``), and so for the pocket card pages (``pocket_card: true``).

PDFs are printed by headless Chromium (``/usr/bin/chromium`` through Playwright, the browser the
tests already use: the PDF is exactly what staff get when they print the page themselves) and
cached in ``.cache/flyers/`` by a hash of what they are made of (the page's HTML, its stylesheets
and images). ``PUENTE_PDF=0`` skips rendering (test builds of temporary copies).
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from puente import language_builds, pages, qr, site_url
from puente.contacts import ContactError
from puente.features import edition

PDF_NAME = "volante.pdf"        # the PDF beside its page: /derechos/salario/volante.pdf, /en/.../volante.pdf
THUMB_NAME = "volante.png"      # its first page, small, for the staff page
THUMB_WIDTH = 240               # pixels (shown at 120 CSS px)
CACHE = Path(".cache/flyers")   # relative to the project root; outside site/, which MkDocs empties
CACHE_DAYS = 30                 # cached PDFs no build used for this long are deleted
SWITCH = "PUENTE_PDF"           # PUENTE_PDF=0: do not render PDFs (test builds of temporary copies)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
RENDER_VERSION = "1"  # bump when the way PDFs are printed changes (paper, options)
KINDS = {"flyer": 1, "pocket_card": 1}  # printable kind -> the exact number of Letter pages
MARKER = re.compile(r'<a [^>]*data-pl-pdf="(?P<kind>[a-z_]+)" data-pl-source="(?P<source>[^"]*)"')
ASSET_REF = re.compile(r'(?:href|src)="(?P<ref>[^"#?]+\.(?:css|png|svg|jpe?g|webp|gif))(?:[?#][^"]*)?"')
ACRONYM = re.compile(r"\(([A-Z][A-Za-z]*[A-Z])\)")


class FlyerError(Exception):
    """A flyer that cannot be published as it is, with the file to fix."""


# --- Which pages are printables (read from docs/, so any page can list them) -------------------

@dataclass(frozen=True)
class Printable:
    source: str     # docs/derechos/salario.es.md
    slug: str       # derechos/salario
    lang: str       # es
    kind: str       # flyer | pocket_card
    title: str
    url: str        # the page's URL relative to the site root: "derechos/salario/", "en/derechos/salario/"

    @property
    def pdf(self) -> str:
        return self.url + PDF_NAME

    @property
    def thumb(self) -> str:
        return self.url + THUMB_NAME

    @property
    def topic(self) -> str:
        """The section the page belongs to (``derechos``), or ``""`` for top-level pages."""
        return self.slug.split("/")[0] if "/" in self.slug else ""


def page_url(slug: str, lang: str, default_lang: str) -> str:
    """``derechos/salario`` -> ``derechos/salario/`` (``en/derechos/salario/`` in English)."""
    prefix = "" if lang == default_lang else f"{lang}/"
    if slug == "index":
        return prefix
    return prefix + (slug.removesuffix("/index") if slug.endswith("/index") else slug) + "/"


def kind_of(front_matter: pages.FrontMatter) -> str | None:
    if front_matter.flyer:
        return "flyer"
    if front_matter.extra.get("pocket_card") is True:
        return "pocket_card"
    return None


def find(docs_dir: Path, languages: list[str], default_lang: str) -> list[Printable]:
    """Every flyer and pocket-card page in every language, in file order."""
    found = []
    for lang in languages:
        for path in sorted(Path(docs_dir).rglob(f"*.{lang}.md")):
            rel = path.relative_to(docs_dir).as_posix()
            front_matter = pages.read_front_matter(path, shown=f"docs/{rel}")
            kind = kind_of(front_matter)
            if kind:
                slug = rel.removesuffix(f".{lang}.md")
                found.append(Printable(f"docs/{rel}", slug, lang, kind, front_matter.title,
                                       page_url(slug, lang, default_lang)))
    return found


def _languages(config) -> tuple[list[str], str]:
    i18n = config.plugins["i18n"]
    return list(i18n.build_languages), i18n.default_language


# --- What a page's templates get (the print footer, the download link) ------------------------

def css_string(text: str) -> str:
    """``text`` as a CSS string literal that is safe inside ``<style>``."""
    safe = " .,:/-_()·"
    return '"' + "".join(ch if ch.isalnum() or ch in safe else f"\\{ord(ch):x} " for ch in text) + '"'


def short_name(name: str) -> str:
    """The acronym a contact goes by (``WHD``), or its whole name."""
    match = ACRONYM.search(name)
    return match.group(1) if match else name


def contact_lines(contacts, lang: str) -> list[dict]:
    """What printed sheets say of each contact: name, acronym, number, verify mark, dialing note."""
    lines = []
    for contact in contacts:
        if not contact.callable:
            continue
        lines.append({
            "key": contact.key, "name": contact.name[lang], "short": short_name(contact.name[lang]),
            "group": contact.group, "number": contact.phone.display, "e164": contact.phone.e164,
            "check": contact.status == "check", "mexico_only": contact.dial_from == ("MX",),
        })
    return lines


def page_context(page, config, registry) -> dict | None:
    """``pl_print`` for ``partials/flyer-footer.html``: None for pages without front matter."""
    front_matter = (page.meta or {}).get("front_matter") if page else None
    if front_matter is None or not page.canonical_url:
        return None
    lang = config.theme["language"]
    slug = page.file.src_uri.removesuffix(f".{lang}.md").removesuffix(".md")
    kind = kind_of(front_matter)
    name = f"puente-laboral-{slug.replace('/', '-')}-{lang}.pdf"
    return {
        "url": page.canonical_url,
        "title": front_matter.title,
        "reviewed": front_matter.reviewed,
        "qr": qr.svg(page.canonical_url, title=page.canonical_url),
        "contacts": contact_lines([c for c in registry.values() if c.flyer], lang),
        "running": css_string(f"{front_matter.title} · {page.canonical_url}"),
        "kind": kind,
        "columns": front_matter.extra.get("print_columns") is True,
        "pdf": {"href": PDF_NAME, "download": name, "source": f"docs/{page.file.src_uri}"} if kind else None,
    }


# --- Shortcodes: [[flyers]] (the staff list) and [[pocket-card]] -------------------------------

def _relative(target: str, page: str) -> str:
    """A link from the page at site URL ``page`` (``en/volantes/``) to ``target``."""
    rel = posixpath.relpath(target or ".", page.rstrip("/") or ".")
    return rel + "/" if (not target or target.endswith("/")) and not rel.endswith("/") else rel


def shortcodes(config) -> dict:
    """Handlers for ``shortcodes.HANDLERS``: ``(ctx, key) -> HTML``."""
    docs_dir = Path(config.docs_dir)
    languages, default = _languages(config)
    i18n = config.plugins["i18n"]
    names = {lang.locale: lang.name for lang in i18n.config.languages}

    def this_page(ctx) -> str:
        slug = ctx.source.removeprefix("docs/").removesuffix(f".{ctx.lang}.md")
        return page_url(slug, ctx.lang, default)

    def flyer_list(ctx, key):
        here = this_page(ctx)
        printables = find(docs_dir, languages, default)
        topics = {}
        for lang in languages:
            for item in printables:
                if item.lang == lang and item.topic and item.topic not in topics.get(lang, {}):
                    index = docs_dir / item.topic / f"index.{lang}.md"
                    title = pages.read_front_matter(index).title if index.exists() else item.topic
                    topics.setdefault(lang, {})[item.topic] = title
        groups = []
        for lang in languages:
            mine = [p for p in printables if p.lang == lang]
            by_topic = []
            for topic in ["", *topics.get(lang, {})]:
                items = [{"title": p.title, "kind": p.kind, "page": _relative(p.url, here),
                          "pdf": _relative(p.pdf, here), "thumb": _relative(p.thumb, here)}
                         for p in mine if p.topic == topic]
                if items:
                    by_topic.append((topics.get(lang, {}).get(topic, ""), items))
            groups.append({"lang": lang, "name": names.get(lang, lang), "topics": by_topic})
        html = ctx.render("partials/flyer-list.html", groups=groups, thumb_width=THUMB_WIDTH // 2)
        return _block(html)

    def pocket_card(ctx, key):
        contacts_page = "contactos"
        if not (docs_dir / f"{contacts_page}.{ctx.lang}.md").exists():
            raise ContactError(ctx.source, ctx.line, "the pocket card's QR code opens the contacts page, "
                               f"but docs/{contacts_page}.{ctx.lang}.md does not exist")
        url = config.site_url.rstrip("/") + "/" + page_url(contacts_page, ctx.lang, default)
        contacts = contact_lines([c for c in ctx.registry.values() if c.pocket_card], ctx.lang)
        if ctx.used is not None:
            ctx.used.update(c["key"] for c in contacts)
        org = config.extra.get("puente_organization")  # a local edition's profile, or None
        html = ctx.render("partials/pocket-card.html", contacts=contacts, url=url,
                          qr=qr.svg(url, title=url), site_name=config.site_name, copies=range(10),
                          organization=org, logo_src=edition.logo_src(org, this_page(ctx)), lang=ctx.lang)
        return _block(html)

    return {"flyers": flyer_list, "pocket-card": pocket_card}


def _block(html: str) -> str:
    inner = "\n".join(line.strip() for line in html.splitlines() if line.strip())
    return f"\n\n{inner}\n\n"


# --- PDFs: find the printables in a built site, render the missing ones, keep a cache ----------

@dataclass
class Job:
    html: Path
    kind: str
    source: str

    @property
    def pdf(self) -> Path:
        return self.html.parent / PDF_NAME

    @property
    def thumb(self) -> Path:
        return self.html.parent / THUMB_NAME


@dataclass
class Report:
    rendered: list[Path] = field(default_factory=list)
    cached: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def jobs(site_dir: Path) -> list[Job]:
    """The built pages that carry a download link to their own PDF."""
    found = []
    for html in sorted(Path(site_dir).rglob("index.html")):
        match = MARKER.search(html.read_text(encoding="utf-8"))
        if match:
            found.append(Job(html, match["kind"], match["source"]))
    return found


def cache_key(job: Job) -> str:
    """A hash of what the PDF is made of: the HTML and the stylesheets and images it uses."""
    digest = hashlib.sha256(f"{RENDER_VERSION}\n".encode())
    text = job.html.read_bytes()
    digest.update(text)
    for ref in sorted(set(ASSET_REF.findall(text.decode("utf-8")))):
        if ref.startswith(("http:", "https:", "data:", "/")):
            continue
        asset = (job.html.parent / ref).resolve()
        if asset.is_file():
            digest.update(ref.encode() + b"\0" + asset.read_bytes())
    return digest.hexdigest()[:32]


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE).group(1))


def thumbnail(pdf: Path, png: Path) -> None:
    base = png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to-x",
                    str(THUMB_WIDTH), "-scale-to-y", "-1", str(pdf), str(base)], check=True)


def enabled() -> bool:
    return os.environ.get(SWITCH, "1").strip().lower() not in ("0", "no", "false", "off")


def _check_tools() -> None:
    missing = [tool for tool in ("pdfinfo", "pdftoppm") if shutil.which(tool) is None]
    if not Path(CHROMIUM).exists():
        missing.insert(0, CHROMIUM)
    if missing:
        raise FlyerError(f"flyers: cannot render PDFs without {', '.join(missing)}: run "
                         f"`make system-tools` (Debian chromium, poppler-utils), or set {SWITCH}=0 "
                         "to build without PDFs")


def render(site_dir: Path, cache_dir: Path, log=None) -> Report:
    """Write every printable's PDF and thumbnail into ``site_dir``, rendering only what changed."""
    log = log or (lambda text: print(text, file=sys.stderr, flush=True))
    started = time.monotonic()
    report = Report()
    todo = jobs(site_dir)
    if not todo:
        return report
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    keyed = [(job, cache_key(job)) for job in todo]
    missing = [(job, key) for job, key in keyed if not (cache_dir / f"{key}.pdf").exists()
               or not (cache_dir / f"{key}.png").exists()]
    first = todo[0].html.read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', first)
    if canonical and canonical.group(1).startswith(site_url.PLACEHOLDER):
        log(f"flyers: the QR codes and addresses on these flyers point at {site_url.PLACEHOLDER} "
            "(a placeholder): set SITE_URL=https://your.domain/ before printing them")
    if missing:
        _check_tools()
        _render_missing(missing, cache_dir, site_dir, log)
    for job, key in keyed:
        pages_printed = int((cache_dir / f"{key}.pages").read_text()) if (cache_dir / f"{key}.pages").exists() \
            else pdf_pages(cache_dir / f"{key}.pdf")
        expected = KINDS[job.kind]
        if pages_printed != expected:
            rel = job.html.parent.relative_to(site_dir).as_posix()
            raise FlyerError(f"{job.source}: prints on {pages_printed} Letter pages; a {job.kind.replace('_', ' ')} "
                             f"must print on exactly {expected} (/{rel + '/' if rel != '.' else ''}). Shorten the "
                             f"page, put screen-only blocks in {{.pl-screen-only}}, or remove '{job.kind}: true'")
        shutil.copyfile(cache_dir / f"{key}.pdf", job.pdf)
        shutil.copyfile(cache_dir / f"{key}.png", job.thumb)
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
        key = entry.name.split(".")[0]
        if key in keep:
            os.utime(entry, (now, now))
        elif now - entry.stat().st_mtime > CACHE_DAYS * 86400:
            entry.unlink(missing_ok=True)


def _render_missing(missing, cache_dir: Path, site_dir: Path, log) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(java_script_enabled=False)
            page = context.new_page()
            for number, (job, key) in enumerate(missing, start=1):
                started = time.monotonic()
                page.goto(job.html.resolve().as_uri(), wait_until="load")
                tmp = cache_dir / f"{key}.tmp.pdf"
                page.pdf(path=str(tmp), format="Letter", print_background=True, tagged=True, outline=False)
                (cache_dir / f"{key}.pages").write_text(str(pdf_pages(tmp)))
                thumbnail(tmp, cache_dir / f"{key}.png")
                tmp.replace(cache_dir / f"{key}.pdf")
                rel = job.html.parent.relative_to(site_dir).as_posix()
                log(f"flyers: [{number}/{len(missing)}] /{'' if rel == '.' else rel + '/'}{PDF_NAME} "
                    f"rendered in {time.monotonic() - started:.1f} s")
        finally:
            browser.close()


# --- The build's door: after the last language is written ---------------------------------------

def on_post_build(config, project_root: Path) -> Report | None:
    """Render the PDFs once per build, after mkdocs-static-i18n has written the last language."""
    if not language_builds.is_last(config):
        return None
    if not enabled():
        print(f"flyers: PDFs not rendered ({SWITCH}=0)", file=sys.stderr)
        return None
    return render(language_builds.site_root(config), project_root / CACHE)
