"""Flyers and the pocket card: what each printed page carries (the PDFs: ``flyer_pdfs``).

Every page prints (``docs/assets/stylesheets/print.css``) with a footer that is hidden on screen:
the contacts the registry flags ``flyer: true`` with their numbers written out, the page's
canonical URL as text, a QR code opening this page in this language, and the date its facts were
last checked. Pages whose front matter says ``flyer: true`` are one-page flyers, and
``pocket_card: true`` pages a sheet of pocket cards: each gets a "download" link and, after the
build, a PDF beside the page (``<page URL>volante.pdf``, ``flyer_pdfs``).
"""

from __future__ import annotations

import html
import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from puente.core import front_matter, qr
from puente.core.contacts import ContactError
from puente.features import build_context, previews
from puente.features.flyers import pdfs
from puente.features.flyers.pdfs import PDF_NAME, THUMB_NAME, THUMB_WIDTH

ACRONYM = re.compile(r"\(([A-Z][A-Za-z]*[A-Z])\)")


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


def kind_of(meta: front_matter.FrontMatter) -> str | None:
    if meta.flyer:
        return "flyer"
    if meta.extra.get("pocket_card") is True:
        return "pocket_card"
    return None


def find(docs_dir: Path, languages: list[str], default_lang: str) -> list[Printable]:
    """Every flyer and pocket-card page in every language, in file order."""
    found = []
    for lang in languages:
        for path in sorted(Path(docs_dir).rglob(f"*.{lang}.md")):
            rel = path.relative_to(docs_dir).as_posix()
            meta = front_matter.read_front_matter(path, shown=f"docs/{rel}")
            kind = kind_of(meta)
            if kind:
                slug = rel.removesuffix(f".{lang}.md")
                found.append(Printable(f"docs/{rel}", slug, lang, kind, meta.title,
                                       page_url(slug, lang, default_lang)))
    return found


def _languages(config) -> tuple[list[str], str]:
    i18n = config.plugins["i18n"]
    return list(i18n.build_languages), i18n.default_language


# --- What a page's templates get (the print footer, the download link) ------------------------

def css_string(text: str) -> str:
    """``text`` as a CSS string literal that is safe inside ``<style>``."""
    safe = " .,:/-_()·"
    return Markup('"' + "".join(ch if ch.isalnum() or ch in safe else f"\\{ord(ch):x} " for ch in text) + '"')


def breakable_url(url: str) -> Markup:
    """``url`` as HTML that a printed line may break only after a ``/`` of its path, never inside a
    word (``https://example.org/<wbr>derechos/<wbr>seguridad/``)."""
    scheme, sep, rest = url.partition("://")
    head = scheme + sep if sep else ""
    parts = (rest if sep else url).split("/")
    return Markup(html.escape(head) + "/<wbr>".join(html.escape(part) for part in parts))


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
    meta = (page.meta or {}).get("front_matter") if page else None
    if meta is None or not page.canonical_url:
        return None
    lang = config.theme["language"]
    slug = page.file.src_uri.removesuffix(f".{lang}.md").removesuffix(".md")
    kind = kind_of(meta)
    name = f"puente-laboral-{slug.replace('/', '-')}-{lang}.pdf"
    return {
        "url": page.canonical_url,
        "url_html": breakable_url(page.canonical_url),
        "title": meta.title,
        "reviewed": meta.reviewed,
        "qr": Markup(qr.svg(page.canonical_url, title=page.canonical_url)),  # segno's SVG, our markup
        "contacts": contact_lines([c for c in registry.values() if c.flyer], lang),
        "running": css_string(f"{meta.title} · {page.canonical_url}"),
        "kind": kind,
        "columns": meta.extra.get("print_columns") is True,
        "pdf": {"href": PDF_NAME, "download": name, "source": f"docs/{page.file.src_uri}",
                "reviewed": meta.reviewed.isoformat()} if kind else None,
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
                    title = front_matter.read_front_matter(index).title if index.exists() else item.topic
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
        markup = ctx.render("partials/flyer-list.html", groups=groups, thumb_width=THUMB_WIDTH // 2)
        return _block(markup)

    def pocket_card(ctx, key):
        contacts_page = "contactos"
        if not (docs_dir / f"{contacts_page}.{default}.md").exists():
            raise ContactError(ctx.source, ctx.line, "the pocket card's QR code opens the contacts page, "
                               f"but docs/{contacts_page}.{default}.md does not exist")
        # In a language without its own contacts page, the QR code opens the fallback (Spanish
        # text with a notice) at this language's address.
        url = previews.root_url(config) + page_url(contacts_page, ctx.lang, default)
        contacts = contact_lines([c for c in ctx.registry.values() if c.pocket_card], ctx.lang)
        if ctx.used is not None:
            ctx.used.update(c["key"] for c in contacts)
        markup = ctx.render("partials/pocket-card.html", contacts=contacts, url=url, url_html=breakable_url(url),
                            qr=Markup(qr.svg(url, title=url)), site_name=config.site_name, copies=range(10))
        return _block(markup)

    return {"flyers": flyer_list, "pocket-card": pocket_card}


def _block(markup: str) -> str:
    inner = "\n".join(line.strip() for line in markup.splitlines() if line.strip())
    return f"\n\n{inner}\n\n"


# --- The build's door: after the last language is written ---------------------------------------

def on_post_build(config, project_root: Path, serving: bool = False) -> pdfs.Report | None:
    """Render the PDFs once per build, after mkdocs-static-i18n has written the last language."""
    if not build_context.is_last(config):
        return None
    if serving:
        print("flyers: PDFs are not rendered under `mkdocs serve` (`make build` renders them)", file=sys.stderr)
        return None
    if not pdfs.enabled():
        print(f"flyers: PDFs not rendered ({pdfs.SWITCH}=0)", file=sys.stderr)
        return None
    return pdfs.render(build_context.site_root(config), project_root / pdfs.CACHE, previews.root_url(config))
