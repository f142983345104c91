"""Careless or hostile input never reaches a reader (the sources: pages, front matter, registries).

One row per bad input: the mutation, and the file and line the build must name. Every row is
planted in a copy of the minimal one-page project (tests/fixtures/minimal: the real hooks,
templates and catalogs, one page per language, a one-contact registry, PDFs off) and built with a
real ``mkdocs build``: each must fail naming its file and line, or, where the input is data the
build accepts, come out escaped. The last tests build the unmodified minimal project clean, and a
copy of the real site with the payloads that matter most.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import polib
import pytest

from conftest import ROOT, mkdocs_build
from html_tools import tags

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
REAL_PARTS = ("scripts", "overrides", "locales")
PAGE = "docs/index.es.md"
EN_PAGE = "docs/index.en.md"
REGISTRY = "data/contacts.yml"


def minimal_project(where: Path) -> Path:
    shutil.copytree(MINIMAL, where)
    for name in REAL_PARTS:
        shutil.copytree(ROOT / name, where / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    return where


# --- mutations --------------------------------------------------------------------------------

def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{path} no longer contains {old!r}: update this row"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return mutate


def write(path: str, content: str | bytes) -> Callable[[Path], None]:
    def mutate(project: Path) -> None:
        file = project / path
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_text(content, encoding="utf-8")
    return mutate


def symlink(path: str, target: str) -> Callable[[Path], None]:
    def mutate(project: Path) -> None:
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(project / target, project / path)
    return mutate


def page(body: str, title: str = "Otra página") -> str:
    return (f"---\ntitle: {title}\ndescription: Prueba.\nreviewed: 2026-11-28\n"
            f"sources:\n  - title: Prueba\n---\n\n{body}\n")


@dataclass(frozen=True)
class Row:
    id: str
    mutate: Callable[[Path], None]
    where: str      # "docs/index.es.md:13": the file and line the error must name
    complaint: str  # words the error must contain


def line_of(path: str, text: str) -> int:
    """The line of the fixture file ``path`` that contains ``text`` (rows name lines by content)."""
    lines = (MINIMAL / path).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if text in line)


TEL_LINE = line_of(PAGE, "llame a la División de Horas y Salarios: [[tel:whd]]")
OVERTIME_LINE = line_of(PAGE, "## Horas extra {#horas-extra}")
TITLE_LINE = line_of(PAGE, "title: Inicio de prueba")
DESCRIPTION_LINE = line_of(PAGE, "description: Una página")
SOURCE_LINE = line_of(PAGE, "  - title: Departamento del Trabajo")
NAME_ES = line_of(REGISTRY, "es: División de Horas y Salarios (WHD)")
HANDLES_EN = line_of(REGISTRY, "en: Minimum wage and overtime.")
HOURS_ES = line_of(REGISTRY, "es: De lunes a viernes.")
VANITY = line_of(REGISTRY, "vanity: 1-866-4-USWAGE")
PHONE = line_of(REGISTRY, 'phone: "+18664879243"')
WEB = line_of(REGISTRY, "web: https://www.dol.gov/agencies/whd")
SITE_NAME = line_of("mkdocs.yml", "site_name: Puente Laboral")
SITE_URL = line_of("mkdocs.yml", "site_url: https://example.org/")
PO = "locales/es/LC_MESSAGES/messages.po"
PO_DATE_TEXT = "Datos revisados por última vez: %(date)s"
PO_DATE_LINE = polib.pofile(str(ROOT / PO)).find("Facts last checked: %(date)s").linenum
SVG_NS = "http://www.w3.org/2000/svg"
SVG_OPEN = f'<svg xmlns="{SVG_NS}" viewBox="0 0 10 10">'
BAD_BYTE_OFFSET = (MINIMAL / PAGE).read_bytes().index(b"Le deben") + len("Le deb")

ROWS = [
    # Shortcodes are a small language with errors.
    Row("shortcode in upper case", replace(PAGE, "Salarios: [[tel:whd]]", "Salarios: [[tel:WHD]]"),
        f"{PAGE}:{TEL_LINE}", "is not lowercase"),
    Row("unclosed shortcode", replace(PAGE, "Salarios: [[tel:whd]]", "Salarios: [[contact:foo"),
        f"{PAGE}:{TEL_LINE}", "unclosed shortcode"),
    Row("shortcode key with a path", replace(PAGE, "Salarios: [[tel:whd]]", "Salarios: [[contact:../../x]]"),
        f"{PAGE}:{TEL_LINE}", "is not a contact key"),
    Row("tilde line inside a backtick fence does not hide what follows",
        replace(PAGE, "## Horas extra", "```text\n~~~\n```\n\n[[tel:WHD]]\n\n## Horas extra"),
        f"{PAGE}:{OVERTIME_LINE + 4}", "is not lowercase"),
    Row("vanity number typed into a page", replace(PAGE, "Salarios: [[tel:whd]]", "Salarios: 1-800-321-OSHA"),
        f"{PAGE}:{TEL_LINE}", "phone number typed into the page: 1-800-321-OSHA"),
    Row("phone number typed into a code block",
        replace(PAGE, "## Horas extra", "```\n1-866-487-9243\n```\n\n## Horas extra"),
        f"{PAGE}:{OVERTIME_LINE + 1}", "phone number typed into the page"),
    # Pages are well-formed or rejected.
    Row("invalid UTF-8 (Latin-1 é)", write(PAGE, (MINIMAL / PAGE).read_bytes().replace(b"Le deben", b"Le deb\xe9n")),
        f"{PAGE}:{OVERTIME_LINE + 2}", f"not valid UTF-8: byte 0xe9 at byte offset {BAD_BYTE_OFFSET}"),
    Row("duplicate front-matter key", replace(PAGE, "description: Una", "title: Otro título\ndescription: Una"),
        f"{PAGE}:{TITLE_LINE + 1}", "front matter has 'title' twice"),
    Row("empty page body (front matter only)", write("docs/vacia.es.md", page("").rstrip("\n") + "\n"),
        "docs/vacia.es.md:8", "no text after its front matter"),
    Row("two headings with the same written id",
        replace(PAGE, "[[contact:whd]]", "## Otra cosa {#horas-extra}\n\n[[contact:whd]]"),
        f"{PAGE}:{OVERTIME_LINE + 4}", "id 'horas-extra' (written) is already used on line"),
    Row("generated id equal to a written one", replace(PAGE, "[[contact:whd]]", "## Horas Extra\n\n[[contact:whd]]"),
        f"{PAGE}:{OVERTIME_LINE + 4}", "generated from the heading's text) is already used"),
    Row("two headings with the same text", replace(PAGE, "[[contact:whd]]", "## Inicio de prueba\n\n[[contact:whd]]"),
        f"{PAGE}:{OVERTIME_LINE + 4}", "id 'inicio-de-prueba'"),
    Row("id with a space", replace(PAGE, "{#horas-extra}", "{#horas extra}"),
        f"{PAGE}:{OVERTIME_LINE}", "stray word 'extra'"),
    Row("id with capitals", replace(PAGE, "{#horas-extra}", "{#Horas-Extra}"),
        f"{PAGE}:{OVERTIME_LINE}", "id 'Horas-Extra'"),
    Row("id with an accent on a paragraph", replace(PAGE, "[[check]]", "[[check]]\n{#compensación}"),
        f"{PAGE}:{OVERTIME_LINE + 3}", "is not lowercase letters"),
    Row("page name with a space", write("docs/horas extra.es.md", page("Texto.")),
        "docs/horas extra.es.md:1", "page name 'horas extra'"),
    Row("page name with capitals", write("docs/Sobre.es.md", page("Texto.")),
        "docs/Sobre.es.md:1", "page name 'Sobre'"),
    Row("folder with an accent", write("docs/información/uno.es.md", page("Texto.")),
        "docs/información/uno.es.md:1", "folder name 'información'"),
    Row("page without a language suffix", write("docs/sobre.md", page("Texto.")),
        "docs/sobre.md:1", "has no language suffix"),
    Row("asset name with a space", write("docs/assets/mi foto.png", b"\x89PNG\r\n"),
        "docs/assets/mi foto.png:1", "file name 'mi foto.png'"),
    Row("script in an SVG", write("docs/assets/mapa.svg", f"{SVG_OPEN}\n<script>alert(1)</script></svg>"),
        "docs/assets/mapa.svg:2", "this SVG contains the element <script>"),
    Row("script behind a namespace prefix in an SVG",
        write("docs/assets/mapa.svg", f'{SVG_OPEN}\n<s:script xmlns:s="{SVG_NS}">alert(1)</s:script></svg>'),
        "docs/assets/mapa.svg:2", "this SVG contains the element <script>"),
    Row("SVG that loads an image from another site",
        write("docs/assets/mapa.svg", f'{SVG_OPEN}\n\n<image href="https://tracker.example/p.png"/></svg>'),
        "docs/assets/mapa.svg:3", "links to 'https://tracker.example/p.png'"),
    Row("event handler in an SVG", write("docs/assets/mapa.svg", f'{SVG_OPEN}<rect onclick="alert(1)"/></svg>'),
        "docs/assets/mapa.svg:1", "event handler (onclick)"),
    Row("SVG in a page folder that applies a stylesheet (XSLT can write a script)",
        write("docs/mapa.svg", f'<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="x.svg"?>\n'
                               f"{SVG_OPEN}<rect/></svg>"),
        "docs/mapa.svg:2", "processing instruction <?xml-stylesheet"),
    Row("HTML file in docs/", write("docs/assets/x.html", "<script>alert(1)</script>\n"),
        "docs/assets/x.html:1", "would be published as a web page or script"),
    Row("symlink to a file outside docs/", symlink("docs/fuera.es.md", "mkdocs.yml"),
        "docs/fuera.es.md:1", "outside docs/"),
    Row("symlinked folder outside docs/", symlink("docs/datos", "data"),
        "docs/datos/contacts.yml:1", "outside docs/"),
    # Everything from data is text: markup in plain-text fields is refused at load time.
    Row("script in the title",
        replace(PAGE, "title: Inicio de prueba", "title: 'Inicio <script>alert(1)</script>'"),
        f"{PAGE}:{TITLE_LINE}", "'title' contains '<'"),
    Row("quote breaking out of <meta content>",
        replace(PAGE, "description: Una página", 'description: Una" onload="alert(1) página'),
        f"{PAGE}:{DESCRIPTION_LINE}", "'description' contains a straight double quote"),
    Row("character reference in the description",
        replace(PAGE, "description: Una página", "description: Una &lt;b&gt; página"),
        f"{PAGE}:{DESCRIPTION_LINE}", "character reference '&lt;'"),
    Row("markup in a source title",
        replace(PAGE, "title: Departamento del Trabajo", "title: <img src=x onerror=alert(1)> Trabajo"),
        f"{PAGE}:{SOURCE_LINE}", "source title contains '<'"),
    Row("attribute injected through a source URL",
        replace(PAGE, "url: https://www.dol.gov/agencies/whd", "url: 'https://www.dol.gov/\" onmouseover=\"alert(1)'"),
        f"{PAGE}:{SOURCE_LINE + 1}", "source URL"),
    Row("javascript: source URL", replace(PAGE, "url: https://www.dol.gov/agencies/whd", "url: javascript:alert(1)"),
        f"{PAGE}:{SOURCE_LINE + 1}", "must start with https://"),
    Row("front-matter key Material would print",
        replace(PAGE, "reviewed: 2026", "status: '<b>new</b>'\nreviewed: 2026"),
        f"{PAGE}:{DESCRIPTION_LINE + 1}", "unknown front-matter key 'status'"),
    # The SMS-sized summary (core/summary.py): required in Spanish and English, plain text, 2 segments.
    Row("summary missing in English", replace(EN_PAGE, "summary: What to do if you are not paid for overtime.\n", ""),
        f"{EN_PAGE}:{line_of(EN_PAGE, 'title:')}", "front matter is missing 'summary'"),
    Row("summary too long for 2 SMS segments once it needs UCS-2",
        replace(PAGE, "las horas extra.", "las horas extra, a quién llamar, qué papeles guardar y cómo reclamar."),
        f"{PAGE}:{line_of(PAGE, 'summary:')}", "'summary' takes 3 SMS segments with a 60-character address"),
    Row("markup in the summary", replace(PAGE, "summary: Qué hacer", "summary: <b>Qué</b> hacer"),
        f"{PAGE}:{line_of(PAGE, 'summary:')}", "'summary' contains '<'"),
    # Search terms (features/search_terms.py): a short list of plain words, indexed, never shown.
    Row("thirteen search terms",
        replace(PAGE, "reviewed: 2026", f"search_terms: [{', '.join(f't{n}' for n in range(13))}]\nreviewed: 2026"),
        f"{PAGE}:{DESCRIPTION_LINE + 1}", "'search_terms' has 13 terms, more than 12"),
    Row("search terms not a list", replace(PAGE, "reviewed: 2026", "search_terms: el overtime\nreviewed: 2026"),
        f"{PAGE}:{DESCRIPTION_LINE + 1}", "'search_terms' must be a list"),
    Row("markup in a search term",
        replace(PAGE, "reviewed: 2026", "search_terms: [overtime, '<img src=x onerror=alert(1)>']\nreviewed: 2026"),
        f"{PAGE}:{DESCRIPTION_LINE + 1}", "search term '<img src=x onerror=alert(1)>' contains '<'"),
    Row("markup in a contact name", replace(REGISTRY, "es: División de Horas y Salarios (WHD)", "es: <b>WHD</b>"),
        f"{REGISTRY}:{NAME_ES}", "'name.es' contains '<'"),
    Row("markup in what a contact handles", replace(REGISTRY, "en: Minimum wage and overtime.",
                                                    "en: Minimum wage <script>alert(1)</script>"),
        f"{REGISTRY}:{HANDLES_EN}", "'handles.en' contains '<'"),
    Row("quote in a contact's hours", replace(REGISTRY, "es: De lunes a viernes.", "es: 'De \"lunes\"'"),
        f"{REGISTRY}:{HOURS_ES}", "'hours.es' contains a straight double quote"),
    Row("vanity number that spells another number",
        replace(REGISTRY, "vanity: 1-866-4-USWAGE", "vanity: 1-866-4-USWAGE or 1-900-200-1234"),
        f"{REGISTRY}:{VANITY}", "does not spell its phone +18664879243"),
    Row("premium-rate number", replace(REGISTRY, 'phone: "+18664879243"', 'phone: "+19002001234"'),
        f"{REGISTRY}:{PHONE}", "is a premium-rate number"),
    Row("Caribbean number dressed as a U.S. one (the 809 scam)",
        replace(REGISTRY, 'phone: "+18664879243"', 'phone: "+18092001234"'),
        f"{REGISTRY}:{PHONE}", "is not a U.S. number (region DO)"),
    Row("markup in a vanity number",
        replace(REGISTRY, "vanity: 1-866-4-USWAGE", "vanity: <img src=x onerror=alert(1)>"),
        f"{REGISTRY}:{VANITY}", "'vanity' contains '<'"),
    Row("attribute injected through a registry web address",
        replace(REGISTRY, "web: https://www.dol.gov/agencies/whd",
                "web: 'https://www.dol.gov/\" onmouseover=\"alert(1)'"),
        f"{REGISTRY}:{WEB}", "web address"),
    Row("registry web address on another scheme", replace(REGISTRY, "web: https://www.dol.gov/agencies/whd",
                                                          "web: 'https:www.dol.gov'"),
        f"{REGISTRY}:{WEB}", "has no host name"),
    Row("registry web address with a user part", replace(REGISTRY, "web: https://www.dol.gov/agencies/whd",
                                                         "web: https://www.dol.gov@evil.example/"),
        f"{REGISTRY}:{WEB}", "must not contain a user name"),
    Row("contact key with capitals", replace(REGISTRY, "whd:\n  group", "WHD:\n  group"),
        f"{REGISTRY}:2", "contact key 'WHD'"),
    Row("registry not UTF-8", write(REGISTRY, (MINIMAL / REGISTRY).read_bytes().replace(b"Monday", b"Mon\xff")),
        f"{REGISTRY}:{HOURS_ES + 1}", "not valid UTF-8"),
    Row("markup in the site name", replace("mkdocs.yml", "site_name: Puente Laboral\nsite_url",
                                           "site_name: Puente <i>Laboral</i>\nsite_url"),
        f"mkdocs.yml:{SITE_NAME}", "'site_name' contains '<'"),
    Row("invisible characters in the title",
        replace(PAGE, "title: Inicio de prueba", "title: Inicio\u200f\u200b de prueba"),
        f"{PAGE}:{TITLE_LINE}", "'title' contains the invisible character U+200F"),
    Row("zero-width space in a contact's hours",
        replace(REGISTRY, "es: De lunes a viernes.", "es: De lunes\u200ba viernes."),
        f"{REGISTRY}:{HOURS_ES}", "invisible character U+200B"),
    Row("markup in the site address",
        replace("mkdocs.yml", "site_url: https://example.org/",
                "site_url: 'https://example.org/x\"><img src=x onerror=alert(1)>/'"),
        f"mkdocs.yml:{SITE_URL}", "contains '\"'"),
    Row("placeholder the template does not pass, in a catalog",
        replace(PO, f'msgstr "{PO_DATE_TEXT}"', 'msgstr "Datos revisados: %(date)s %(evil)s"'),
        f"{PO}:{PO_DATE_LINE}", "placeholders differ in 'Facts last checked: %(date)s'"),
    Row("markup in a nav section title",
        replace("mkdocs.yml", "nav:\n  - index.md", "nav:\n  - '<b>Uno</b>':\n    - index.md"),
        f"mkdocs.yml:{line_of('mkdocs.yml', 'nav:') + 1}", "'nav' contains '<'"),
]


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_bad_input_fails_the_build_naming_file_and_line(row, tmp_path):
    project = minimal_project(tmp_path / "project")
    row.mutate(project)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0, f"the build published {row.id}"
    assert f"{row.where}: " in result.stderr, result.stderr[-1500:]
    assert row.complaint in result.stderr, result.stderr[-1500:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]


# --- Accepted input comes out as the reader should see it -------------------------------------

def built(tmp_path: Path, *mutations: Callable[[Path], None]) -> Path:
    project = minimal_project(tmp_path / "project")
    for mutate in mutations:
        mutate(project)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def test_the_unmodified_minimal_project_builds_clean(tmp_path):
    site = built(tmp_path)
    for lang_dir in (site, site / "en"):
        text = (lang_dir / "index.html").read_text(encoding="utf-8")
        assert 'href="tel:+18664879243"' in text
        assert "<code>[[tel:whd]]</code>" in text  # shortcodes are not expanded in code


def test_utf8_byte_order_mark_is_accepted(tmp_path):
    site = built(tmp_path, write(PAGE, b"\xef\xbb\xbf" + (MINIMAL / PAGE).read_bytes()))
    text = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Inicio de prueba - Puente Laboral</title>" in text
    assert "reviewed: 2026-11-28" not in text and "\ufeff" not in text  # front matter read, not shown


def test_shortcodes_in_code_blocks_are_shown_as_written(tmp_path):
    site = built(tmp_path, replace(PAGE, "## Horas extra",
                                   "    [[tel:WHD]] en código sangrado\n\n"
                                   "```\n~~~\n[[contact:nadie]]\n```\n\n## Horas extra"))
    text = (site / "index.html").read_text(encoding="utf-8")
    assert "[[tel:WHD]] en código sangrado" in text
    assert "[[contact:nadie]]" in text


# --- Our templates escape every data value, even a value no loader would let through ----------

SCRIPT = "<script>alert(1)</script>"
QUOTE = '" onmouseover="alert(2)'
HOSTILE_URL = "https://www.dol.gov/" + QUOTE


class _Injected(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.in_script = [], False

    def handle_starttag(self, tag, attrs):
        self.found += [f"<{tag} {key}=...>" for key, _ in attrs if key.startswith("on")]
        self.in_script = tag == "script"

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script and "alert" in data:
            self.found.append(f"<script>{data[:40]}")


def injected(html_text: str) -> list[str]:
    """What the planted payloads made of ``html_text``: event-handler attributes, scripts that
    run them (the site's own scripts do not say ``alert``)."""
    parser = _Injected()
    parser.feed(html_text)
    return parser.found


@pytest.fixture(scope="module")
def theme(tmp_path_factory):
    """The real configuration's theme: MkDocs' environment and the shortcodes' renderer."""
    from mkdocs.config import load_config

    from puente.features import theme_env
    from puente.features.state import BuildState

    project = minimal_project(tmp_path_factory.mktemp("theme") / "project")
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    env = config.theme.get_env()
    theme_env.install(env, config, "es")
    return {"config": config, "env": env, "render": theme_env.renderer(BuildState(), config, "es")}


def hostile_contact(**changes):
    from puente.core.contacts import Contact, PerLanguage, Phone

    fields = {
        "key": "whd", "line": 1, "group": "pay", "source": SCRIPT, "checked": dt.date(2026, 11, 28),
        "status": "verified", "name": PerLanguage(es=SCRIPT + QUOTE, en=SCRIPT),
        "handles": PerLanguage(es=SCRIPT, en=SCRIPT), "hours": PerLanguage(es=SCRIPT, en=SCRIPT),
        "phone": Phone("+18664879243", "US"), "vanity": SCRIPT, "dial_from": ("US",), "web": HOSTILE_URL,
    }
    fields.update(changes)
    return Contact(**fields)


SHORTCODE_PARTIALS = {
    "contact card": ("partials/contact-card.html", lambda: {"contact": hostile_contact(), "lang": "es"}),
    "historical contact card": ("partials/contact-card.html", lambda: {"contact": hostile_contact(
        status="historical", phone=None, historical_number=SCRIPT, historical_date=dt.date(2002, 6, 11)),
        "lang": "es"}),
    "call link": ("partials/call-link.html", lambda: {"contact": hostile_contact(status="historical",
                  historical_number=SCRIPT + QUOTE), "lang": "es"}),
    "web link": ("partials/web-link.html", lambda: {"contact": hostile_contact(), "lang": "es"}),
    "directory": ("partials/contact-directory.html", lambda: {"groups": [("pay", [hostile_contact()])],
                  "lang": "es"}),
    "flyer list": ("partials/flyer-list.html", lambda: {"thumb_width": 100, "groups": [
        {"lang": "es", "name": SCRIPT, "topics": [(SCRIPT, [{"title": SCRIPT + QUOTE, "kind": "flyer",
         "page": HOSTILE_URL, "pdf": HOSTILE_URL, "thumb": HOSTILE_URL}])]}]}),
    "pocket card": ("partials/pocket-card.html", lambda: {"copies": range(1), "url": SCRIPT, "qr": "",
                    "site_name": SCRIPT, "contacts": [{"group": "pay", "short": SCRIPT, "number": SCRIPT,
                                                       "check": True}]}),
}


@pytest.mark.parametrize("name", SHORTCODE_PARTIALS)
def test_shortcode_partials_escape_every_value(theme, name):
    template, values = SHORTCODE_PARTIALS[name]
    out = theme["render"](template, **values())
    assert "alert" in out, "the payload must reach the output (escaped) for this test to mean anything"
    assert injected(out) == [], out


def page_stub(title=SCRIPT + QUOTE):
    from puente.core.front_matter import FrontMatter, Source

    facts = FrontMatter(title, SCRIPT + QUOTE, dt.date(2026, 11, 28),
                        (Source(SCRIPT + QUOTE, HOSTILE_URL), Source(SCRIPT)), {})
    meta = {"title": title, "description": SCRIPT + QUOTE, "front_matter": facts,
            "puente_translation": {"fallback": True, "status": "missing", "original_url": HOSTILE_URL,
                                   "original_lang": QUOTE}}
    return SimpleNamespace(meta=meta, canonical_url=HOSTILE_URL, is_homepage=False, title=title)


MAIN_PARTIALS = {
    "sources and review date": "partials/page-facts.html",
    "link previews": "partials/social-meta.html",
    "share links": "partials/share-links.html",
    "translation notice": "partials/translation-notice.html",
    "print footer": "partials/flyer-footer.html",
}


@pytest.mark.parametrize("name", MAIN_PARTIALS)
def test_page_partials_escape_every_value(theme, name):
    config = theme["config"]
    pl_print = {"url": SCRIPT, "title": SCRIPT, "reviewed": dt.date(2026, 11, 28), "qr": "", "kind": "flyer",
                "contacts": [{"group": "pay", "short": SCRIPT + QUOTE, "number": SCRIPT, "check": False}],
                "running": '"x"', "columns": False,
                "pdf": {"href": HOSTILE_URL, "download": QUOTE, "source": QUOTE}}
    out = theme["env"].get_template(MAIN_PARTIALS[name]).render(
        page=page_stub(), config=config, pl_print=pl_print, base_url=".")
    assert "alert" in out, "the payload must reach the output (escaped) for this test to mean anything"
    assert injected(out) == [], out


# --- What the loaders accept comes out as the same text in every place -----------------------

def test_accepted_ampersands_and_apostrophes_read_the_same_everywhere(tmp_path):
    title = "Salud & Seguridad: workers' rights"
    description = "Tom & Jerry's 'quoted' text & more"
    name = "Horas & Salarios (WHD) 'prueba'"
    site = built(tmp_path, replace(PAGE, "title: Inicio de prueba", f'title: "{title}"'),
                 replace(PAGE, "description: Una página para probar lo que el sitio rechaza.",
                         f'description: "{description}"'),
                 replace(REGISTRY, "es: División de Horas y Salarios (WHD)", f'es: "{name}"'))
    text = (site / "index.html").read_text(encoding="utf-8")
    found = tags(text)
    metas = {attrs.get("name") or attrs.get("property"): attrs.get("content") for tag, attrs, _ in found
             if tag == "meta"}
    assert metas["description"] == description
    assert metas["og:title"] == title and metas["og:description"] == description
    assert metas["twitter:title"] == title
    assert re.search(r"<title>(.*?)</title>", text).group(1).replace("&amp;", "&").replace("&#39;", "'") \
        .startswith(title)
    assert html.unescape(text).count(name) >= 2  # the card and the sources list
    assert injected(text) == []


# --- End to end on a copy of the real site (three payloads, the ones the issue saw published) --

REAL_WHD_WEB = next(n for n, line in enumerate((ROOT / REGISTRY).read_text(encoding="utf-8").split("\n"), 1)
                    if line.strip() == "web: https://www.dol.gov/agencies/whd")
REAL_OSHA_CALL = next(n for n, line in enumerate((ROOT / "docs/derechos/seguridad.es.md").read_text(
    encoding="utf-8").split("\n"), 1) if "llame a OSHA: [[tel:osha]]" in line)
REAL_NOTE = next(n for n, line in enumerate((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\n"), 1)
                 if line.strip() == "note: Nota")
REAL_ROWS = [
    Row("markup in an admonition title of mkdocs.yml",
        replace("mkdocs.yml", "note: Nota", "note: '<img src=x onerror=alert(2)>'"),
        f"mkdocs.yml:{REAL_NOTE}", "'admonition_translations (es)' contains '<'"),
    Row("script in a real page's title",
        replace("docs/sobre.es.md", "title: Sobre este sitio", "title: 'Sobre <script>alert(1)</script>'"),
        "docs/sobre.es.md:2", "'title' contains '<'"),
    Row("attribute injected through the real registry",
        replace("data/contacts.yml", "web: https://www.dol.gov/agencies/whd",
                "web: 'https://www.dol.gov/\" onmouseover=\"alert(1)'"),
        f"data/contacts.yml:{REAL_WHD_WEB}", "web address"),
    Row("vanity number typed into a real page",
        replace("docs/derechos/seguridad.es.md", "llame a OSHA: [[tel:osha]]", "llame a OSHA: 1-800-321-OSHA"),
        f"docs/derechos/seguridad.es.md:{REAL_OSHA_CALL}", "phone number typed into the page: 1-800-321-OSHA"),
]


@pytest.mark.parametrize("row", REAL_ROWS, ids=lambda row: row.id)
def test_bad_input_fails_the_real_build(row, project_copy, tmp_path):
    row.mutate(project_copy)
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode != 0, f"the build published {row.id}"
    assert f"{row.where}: " in result.stderr, result.stderr[-1500:]
    assert row.complaint in result.stderr, result.stderr[-1500:]
