"""A synthetic copy of the project for benchmarks: the real configuration, theme, hooks,
catalogs and data, with generated pages in place of ``docs/``.

    generate(dest, pages_per_language=1000)                 # a clean site
    generate(dest, 1000, plant_errors=True)                 # plus one broken link of each kind

The pages look like ours: front matter, headings with explicit ids, contact shortcodes
(``[[tel:KEY]]``, ``[[web:KEY]]``), links to other pages and their anchors, one deliberate
cross-language link (``lang:en:...``). Pages sit in sections of 50 (``docs/sNN/pNNNN.es.md``);
``nav:`` lists the home page and the section index pages, each of which links its pages
(the rest are in ``not_in_nav``), so page size stays realistic at 1,000 pages.

Planted errors are written as raw HTML in the Markdown, which MkDocs does not validate, so the
strict build still succeeds and only a link checker can find them. ``generate`` returns what it
planted: ``{"pages": N, "languages": [...], "planted": [{"kind", "page", "href", "source",
"line"}, ...]}`` where ``page`` is the URL path of the page that carries the link.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from puente.core.project import ROOT as PROJECT_ROOT

ROOT = PROJECT_ROOT
COPIED = ("mkdocs.yml", "babel.cfg", "overrides", "scripts", "locales", "data")
SECTION_SIZE = 50
KNOWN_LANGUAGES = ("es", "en")
PLANTED_KINDS = ("missing-page", "missing-anchor", "cross-language", "bad-phone", "http")

WORDS = {
    "es": (
        "trabajo", "salario", "horas", "derecho", "patrón", "pago", "queja", "seguridad", "lesión",
        "ayuda", "oficina", "llamar", "semana", "contrato", "visa", "campo", "fábrica", "empleo", "papeles", "denuncia",
    ),
    "en": (
        "work", "wage", "hours", "right", "employer", "pay", "complaint", "safety", "injury", "help",
        "office", "call", "week", "contract", "visa", "field", "factory", "job", "papers", "report",
    ),
}
HEADINGS = {
    "es": [("Qué dice la ley", "ley"), ("A quién llamar", "llamar"), ("Qué hacer", "que-hacer")],
    "en": [("What the law says", "ley"), ("Who to call", "llamar"), ("What to do", "que-hacer")],
}


def _paragraph(lang: str, seed: int, words: int = 60) -> str:
    vocab = WORDS[lang]
    text = " ".join(vocab[(seed * 7 + i * 3) % len(vocab)] for i in range(words))
    return text[0].upper() + text[1:] + "."


def _phone_contacts() -> tuple[list[str], list[str]]:
    data = yaml.safe_load((ROOT / "data" / "contacts.yml").read_text(encoding="utf-8"))
    tel = [k for k, v in data.items() if isinstance(v, dict) and v.get("phone") and v.get("status") != "historical"]
    web = [k for k, v in data.items() if isinstance(v, dict) and v.get("web") and v.get("status") != "historical"]
    return tel, web


def _slug(n: int) -> tuple[str, str]:
    """(section, page file stem) of page number ``n`` (1-based)."""
    return f"s{(n - 1) // SECTION_SIZE + 1:02d}", f"p{n:04d}"


def _front_matter(title: str, lang: str) -> str:
    return (f"---\ntitle: {title}\ndescription: {'Página sintética' if lang == 'es' else 'Synthetic page'} "
            f"{title}.\nsummary: {'Una página para medir' if lang == 'es' else 'A page to measure'} {title}."
            f"\nreviewed: 2026-11-28\nsources:\n  - contact: whd\n---\n\n")


def _page(n: int, total: int, lang: str, tel: list[str], web: list[str]) -> list[str]:
    section, stem = _slug(n)
    other_section, other_stem = _slug(n % total + 1)
    prefix = "" if section == other_section else f"../{other_section}/"
    title = f"{'Página' if lang == 'es' else 'Page'} {n}"
    lines = [*_front_matter(title, lang).splitlines(), f"# {title}", ""]
    for index, (heading, anchor) in enumerate(HEADINGS[lang]):
        lines += [f"## {heading} {{#{anchor}}}", "", _paragraph(lang, n + index), ""]
        if index == 0:
            lines += [f"{'Llame' if lang == 'es' else 'Call'} [[tel:{tel[n % len(tel)]}]] "
                      f"{'o vea' if lang == 'es' else 'or see'} [[web:{web[n % len(web)]}]].", ""]
        if index == 1:
            lines += [f"{'Vea también' if lang == 'es' else 'See also'} "
                      f"[{other_stem}]({prefix}{other_stem}.md#llamar) "
                      f"{'y' if lang == 'es' else 'and'} [{'inicio' if lang == 'es' else 'home'}](../index.md).", ""]
    if lang == "es" and n % 100 == 1 and "en" in KNOWN_LANGUAGES:
        lines += [f"[English version](lang:en:{section}/{stem}.md#ley)", ""]
    return lines


def _section_index(section: str, numbers: range, lang: str) -> str:
    title = f"{'Sección' if lang == 'es' else 'Section'} {section}"
    lines = [*_front_matter(title, lang).splitlines(), f"# {title}", ""]
    lines += [f"- [{_slug(n)[1]}]({_slug(n)[1]}.md)" for n in numbers]
    return "\n".join(lines) + "\n"


def _home(sections: list[str], lang: str) -> str:
    title = "Puente Laboral"
    lines = [*_front_matter(title, lang).splitlines(), f"# {title}", "", "## Secciones {#secciones}", ""]
    lines += [f"- [{s}]({s}/index.md)" for s in sections]
    return "\n".join(lines) + "\n"


PLANTS = {
    # kind: (raw HTML written into the page, relative to a page in section s01)
    "missing-page": '<a href="../no-such-page/">missing page</a>',
    "missing-anchor": '<a href="../p0002/#no-such-anchor">missing anchor</a>',
    "cross-language": '<a href="../../en/s01/p0003/">English page</a>',
    "bad-phone": '<a href="tel:+521234">bad phone</a>',
    "http": '<a href="http://www.dol.gov/">plain http</a>',
}


def _configure(text: str, sections: list[str], languages: tuple[str, ...]) -> str:
    nav = ["nav:", "  - index.md"] + [f"  - {s}/index.md" for s in sections]
    not_in_nav = ["not_in_nav: |", "  /s*/p*.md"]
    text = re.sub(r"(?ms)^nav:\n.*?(?=^\S|\Z)", "", text)
    text = re.sub(r"(?ms)^not_in_nav:.*?(?=^\S|\Z)", "", text)
    # The real nav_translations name real sections; harmless, but drop them for clarity.
    text = re.sub(r"(?m)^(\s+)nav_translations:\n(?:\1\s+.*\n)*", "", text)
    for lang in KNOWN_LANGUAGES:
        if lang not in languages:
            text = re.sub(rf"(?ms)(- locale: {lang}\n.*?build: )true", r"\1false", text, count=1)
    return text.rstrip("\n") + "\n\n" + "\n".join(nav + not_in_nav) + "\n"


def generate(dest: Path, pages_per_language: int, languages=("es", "en"), plant_errors: bool = False) -> dict:
    """Write a full project copy with ``pages_per_language`` synthetic pages into ``dest``."""
    languages = tuple(languages)
    unknown = [lang for lang in languages if lang not in KNOWN_LANGUAGES]
    if unknown or "es" not in languages:
        raise ValueError(f"languages must include 'es' and come from {KNOWN_LANGUAGES}, not {languages}")
    if pages_per_language < 3:
        raise ValueError("at least 3 pages per language")
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = ROOT / name
        if not source.exists():
            continue
        target = dest / name
        if source.is_dir():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, target)
    # The deadlines registry names the real pages that explain each deadline: none exist here.
    (dest / "data" / "deadlines.yml").write_text("{}\n", encoding="utf-8")
    docs = dest / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")

    tel, web = _phone_contacts()
    total = pages_per_language
    sections = sorted({_slug(n)[0] for n in range(1, total + 1)})
    planted = []
    for lang in languages:
        (docs / f"index.{lang}.md").write_text(_home(sections, lang), encoding="utf-8")
        for section in sections:
            first = (int(section[1:]) - 1) * SECTION_SIZE + 1
            numbers = range(first, min(first + SECTION_SIZE, total + 1))
            (docs / section).mkdir(exist_ok=True)
            (docs / section / f"index.{lang}.md").write_text(_section_index(section, numbers, lang),
                                                             encoding="utf-8")
        for n in range(1, total + 1):
            section, stem = _slug(n)
            lines = _page(n, total, lang, tel, web)
            if "en" not in languages:
                lines = [line for line in lines if "lang:en:" not in line]
            if plant_errors and lang == "es" and section == "s01" and 4 <= n < 4 + len(PLANTS):
                kind = PLANTED_KINDS[n - 4]
                lines += [PLANTS[kind], ""]
                planted.append({"kind": kind, "page": f"/{section}/{stem}/", "href": _href(PLANTS[kind]),
                                "source": f"docs/{section}/{stem}.{lang}.md", "line": len(lines) - 1})
            (docs / section / f"{stem}.{lang}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")

    config = dest / "mkdocs.yml"
    config.write_text(_configure(config.read_text(encoding="utf-8"), sections, languages), encoding="utf-8")
    return {"pages": total, "languages": list(languages), "planted": planted}


def _href(html: str) -> str:
    return re.search(r'href="([^"]*)"', html).group(1)
