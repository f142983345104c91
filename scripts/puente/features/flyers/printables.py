"""Flyers and the pocket card: what each printed page carries (the PDFs: ``pdfs``).

Every page prints (``docs/assets/stylesheets/print.css``) with a footer that is hidden on screen:
the contacts the registry flags ``flyer: true`` with their numbers written out, the page's
canonical URL as text, a QR code opening this page in this language, and the date its facts were
last checked. Pages whose front matter says ``flyer: true`` are one-page flyers, and
``pocket_card: true`` pages a sheet of pocket cards: each gets a "download" link and, after the
build, a PDF beside the page (``<page URL>volante.pdf``, ``pdfs``).
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from puente.core import addresses, front_matter, qr
from puente.core.contacts import ContactError
from puente.core.languages import Languages
from puente.core.project import Project
from puente.features import build_context, edition
from puente.features.flyers import pdfs
from puente.features.flyers.pdfs import PDF_NAME, THUMB_NAME, THUMB_WIDTH

ACRONYM = re.compile(r"\(([A-Z][A-Za-z-]*[A-Z])\)")  # WHD, TDI-DWC


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


def kind_of(meta: front_matter.FrontMatter) -> str | None:
    if meta.flyer:
        return "flyer"
    if meta.extra.get("pocket_card") is True:
        return "pocket_card"
    return None


def find(docs_dir: Path, languages: Languages) -> list[Printable]:
    """Every flyer and pocket-card page written in every language, in file order."""
    found = []
    for lang in languages.codes:
        for path in sorted(Path(docs_dir).rglob(f"*.{lang}.md")):
            rel = path.relative_to(docs_dir).as_posix()
            meta = front_matter.read_front_matter(path, shown=f"docs/{rel}")
            kind = kind_of(meta)
            if kind:
                slug = addresses.split_file(rel)[0]
                found.append(Printable(f"docs/{rel}", slug, lang, kind, meta.title,
                                       addresses.page_path(slug, lang, languages)))
    return found


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


def flyer_contacts(meta: front_matter.FrontMatter, registry, where: str, text: str) -> list:
    """The contacts front matter ``flyer_contacts: [profedet, ciam]`` prints in this page's call
    box instead of the registry's ``flyer: true`` contacts; each must have a number to call.
    ``flyer_contacts: []`` prints no call box (a page whose body already lists every number)."""
    keys = meta.extra.get("flyer_contacts", [])
    line = front_matter.key_line(text, "flyer_contacts")
    if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
        raise ContactError(where, line, "'flyer_contacts' must be a list of contact keys, e.g. [profedet, imss]")
    found = []
    for key in keys:
        contact = registry.get_or_fail(key, where, line)
        if not contact.callable:
            raise ContactError(where, line, f"flyer_contacts: contact '{key}' has no number to call",
                               "List only contacts with a phone number")
        found.append(contact)
    return found


def _call_box(meta, registry) -> list:
    """The page's own ``flyer_contacts`` (checked by the build), else the registry's flyer contacts."""
    if "flyer_contacts" in meta.extra:
        return [registry[key] for key in meta.extra["flyer_contacts"] or [] if key in registry]
    return [c for c in registry.values() if c.flyer]


def page_context(page, config, registry) -> dict | None:
    """``pl_print`` for ``partials/flyer-footer.html``: None for pages without front matter."""
    meta = (page.meta or {}).get("front_matter") if page else None
    if meta is None or not page.canonical_url:
        return None
    lang = build_context.current_language(config)
    slug = addresses.split_file(page.file.src_uri)[0]
    kind = kind_of(meta)
    name = f"puente-laboral-{slug.replace('/', '-')}-{lang}.pdf"
    return {
        "url": page.canonical_url,
        "url_html": breakable_url(page.canonical_url),
        "title": meta.title,
        "reviewed": meta.reviewed,
        "qr": Markup(qr.svg(page.canonical_url, title=page.canonical_url)),  # segno's SVG, our markup
        "contacts": contact_lines(_call_box(meta, registry), lang),
        "running": css_string(f"{meta.title} · {page.canonical_url}"),
        "kind": kind,
        "columns": meta.extra.get("print_columns") is True,
        "pdf": {"href": PDF_NAME, "download": name, "source": f"docs/{page.file.src_uri}",
                "reviewed": meta.reviewed.isoformat()} if kind else None,
    }


# --- Shortcodes: [[flyers]] (the staff list) and [[pocket-card]] -------------------------------

def shortcodes(config) -> dict:
    """Shortcode handlers ``(ctx, key) -> HTML``: ``[[flyers]]`` and ``[[pocket-card]]``."""
    docs_dir = Path(config.docs_dir)
    languages = build_context.languages(config)
    default = languages.default
    relative = addresses.relative

    def this_page(ctx) -> str:
        slug = addresses.split_file(ctx.source.removeprefix("docs/"))[0]
        return addresses.page_path(slug, build_context.current_language(config), languages)

    def flyer_list(ctx, key):
        here = this_page(ctx)
        printables = find(docs_dir, languages)
        topics = {}
        for lang in languages.codes:
            for item in printables:
                if item.lang == lang and item.topic and item.topic not in topics.get(lang, {}):
                    index = docs_dir / item.topic / f"index.{lang}.md"
                    title = front_matter.read_front_matter(index).title if index.exists() else item.topic
                    topics.setdefault(lang, {})[item.topic] = title
        groups = []
        for lang in languages.codes:
            mine = [p for p in printables if p.lang == lang]
            by_topic = []
            for topic in ["", *topics.get(lang, {})]:
                items = [{"title": p.title, "kind": p.kind, "page": relative(p.url, here),
                          "pdf": relative(p.pdf, here), "thumb": relative(p.thumb, here)}
                         for p in mine if p.topic == topic]
                if items:
                    by_topic.append((topics.get(lang, {}).get(topic, ""), items))
            groups.append({"lang": lang, "name": languages.name(lang), "topics": by_topic})
        markup = ctx.render("partials/flyer-list.html", groups=groups, thumb_width=THUMB_WIDTH // 2)
        return _block(markup)

    def pocket_card(ctx, key):
        contacts_page = "contactos"
        if not (docs_dir / addresses.file_name(contacts_page, default)).exists():
            raise ContactError(ctx.source, ctx.line, "the pocket card's QR code opens the contacts page, "
                               f"but docs/{contacts_page}.{default}.md does not exist")
        # In a language without its own contacts page, the QR code opens the fallback (Spanish
        # text with a notice) at this language's address.
        url = addresses.absolute(build_context.root_url(config),
                                 addresses.page_path(contacts_page, build_context.current_language(config), languages))
        contacts = contact_lines([c for c in ctx.registry.values() if c.pocket_card], ctx.lang)
        if ctx.used is not None:
            ctx.used.update(c["key"] for c in contacts)
        org = config.extra.get("puente_organization")  # a local edition's profile, or None
        markup = ctx.render("partials/pocket-card.html", contacts=contacts, url=url, url_html=breakable_url(url),
                            qr=Markup(qr.svg(url, title=url)), site_name=config.site_name, copies=range(10),
                            organization=org, logo_src=edition.logo_src(org, this_page(ctx)), lang=ctx.lang)
        return _block(markup)

    return {"flyers": flyer_list, "pocket-card": pocket_card}


def _block(markup: str) -> str:
    inner = "\n".join(line.strip() for line in markup.splitlines() if line.strip())
    return f"\n\n{inner}\n\n"


# --- The build's door: after the last language is written ---------------------------------------

def on_post_build(state, config, project: Project) -> pdfs.Report | None:
    """Render the PDFs once per build, after mkdocs-static-i18n has written the last language."""
    if not build_context.is_last(config):
        return None
    if state.serving:
        print("flyers: PDFs are not rendered under `mkdocs serve` (`make build` renders them)", file=sys.stderr)
        return None
    if not pdfs.enabled():
        print(f"flyers: PDFs not rendered ({pdfs.SWITCH}=0)", file=sys.stderr)
        return None
    return pdfs.render(build_context.site_root(config), project.cache / pdfs.CACHE_NAME, build_context.root_url(config))
