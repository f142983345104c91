"""Translators' commands: ``i18n-status``, ``i18n-mark-current`` and ``i18n-add``.

- ``python -m puente i18n-status`` (``make i18n-status``): per language, which pages are
  translated, outdated, unmarked or missing, which interface strings are untranslated, and which
  texts of the data registries (contact names, deadlines) have no text in that language;
  printed, and written as ``build/i18n-status.json`` and ``build/i18n-status.html`` (beside
  ``site/``, never inside it: not published).
- ``python -m puente i18n-mark-current docs/x.en.md ...`` (or ``--all``): record that these
  translations are up to date with their Spanish original now.
- ``python -m puente i18n-add fr`` (``make i18n-add LANG=fr``): start a language: its catalog
  (``pybabel init``), its ``mkdocs.yml`` entry and an empty ``fr: ""`` under every registry text;
  every page and text falls back to Spanish until translated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import subprocess
import sys
from pathlib import Path

import polib

from puente.checks import catalog_gate
from puente.core import addresses, data_texts, translation_status
from puente.core.project import Project
from puente.core.translation_status import MISSING, OUTDATED, STATUSES, TRANSLATED, UNMARKED

WHAT_TO_DO = {
    TRANSLATED: "up to date",
    OUTDATED: "the Spanish changed: update the translation, then run i18n-mark-current",
    UNMARKED: "check it against the Spanish, then run i18n-mark-current",
    MISSING: "readers get the Spanish with a notice: translate it",
}


def catalog_report(root: Path, lang: str) -> dict:
    po_path = root / "locales" / lang / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return {"file": po_path.relative_to(root).as_posix(), "missing": True}
    po = polib.pofile(str(po_path))
    return {
        "file": po_path.relative_to(root).as_posix(),
        "entries": len([e for e in po if not e.obsolete]),
        "untranslated": [{"line": e.linenum, "msgid": e.msgid} for e in po.untranslated_entries()],
        "fuzzy": [{"line": e.linenum, "msgid": e.msgid} for e in po.fuzzy_entries()],
    }


def status_report(root: Path) -> dict:
    languages = Project(root).languages
    status = translation_status.scan(root / "docs", languages)
    report = status.as_dict()
    report["generated"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    report["complete_languages"] = list(languages.complete)
    for lang in languages.codes:
        if lang in report["languages"]:
            report["languages"][lang]["catalog"] = catalog_report(root, lang)
            report["languages"][lang]["data"] = [
                {"file": m.file, "line": m.line, "key": m.key, "field": m.field}
                for m in data_texts.missing(root, lang)]
    return report


def print_report(report: dict) -> None:
    for lang, entry in report["languages"].items():
        counts = ", ".join(f"{len(entry[s])} {s}" for s in STATUSES)
        print(f"\n{lang}: {entry['pages']} pages: {counts}")
        print(f"  {'status':<11} {'page':<42} what to do")
        for status in (OUTDATED, MISSING, UNMARKED, TRANSLATED):
            for page in entry[status]:
                changed = f" (Spanish changed {page['spanish_changed']})" if page.get("spanish_changed") else ""
                todo = WHAT_TO_DO[status] if status != TRANSLATED else ""
                print(f"  {status:<11} {page['file']:<42} {todo}{changed}")
        catalog = entry.get("catalog", {})
        if catalog.get("missing"):
            print(f"  interface strings: {catalog['file']} is missing")
        elif catalog:
            todo = len(catalog["untranslated"]) + len(catalog["fuzzy"])
            print(f"  interface strings: {catalog['entries']} in {catalog['file']}, "
                  f"{len(catalog['untranslated'])} untranslated, {len(catalog['fuzzy'])} fuzzy"
                  + ("" if not todo else " (edit with Poedit or any editor; then make test)"))
        data = entry.get("data", [])
        files = sorted({item["file"] for item in data})
        print(f"  data texts: {len(data)} without a '{lang}' text" + (f" in {', '.join(files)} (readers see the "
              f"Spanish; write the '{lang}:' line under each)" if data else ""))
        for item in data:
            print(f"    {item['file']}:{item['line']}: {item['key']}.{item['field']}")
    for orphan in report["orphans"]:
        print(f"\norphan: {orphan} has no Spanish original")


def render_html(report: dict, site_rel: str) -> str:
    esc = html.escape
    parts = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width,initial-scale=1">',
             "<title>Puente Laboral: translation status</title>",
             "<style>body{font-family:system-ui,sans-serif;margin:1rem;max-width:60rem}"
             "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem;"
             "text-align:left;vertical-align:top}code{overflow-wrap:anywhere}.outdated{background:#fff4d6}.missing{background:#fde2e2}"
             ".unmarked{background:#eef}</style></head><body>",
             "<h1>Translation status</h1>",
             f"<p>Generated {esc(report['generated'])} by <code>make i18n-status</code>. "
             f"Original language: {esc(report['default'])}. Languages that must be complete: "
             f"{esc(', '.join(report['complete_languages']))}.</p>",
             "<table><thead><tr><th>Language</th>" + "".join(f"<th>{s}</th>" for s in STATUSES)
             + "<th>Interface strings to translate</th></tr></thead><tbody>"]
    for lang, entry in report["languages"].items():
        catalog = entry.get("catalog", {})
        todo = "catalog missing" if catalog.get("missing") else str(
            len(catalog.get("untranslated", [])) + len(catalog.get("fuzzy", [])))
        parts.append(f'<tr><td><a href="#{esc(lang)}">{esc(lang)}</a></td>'
                     + "".join(f"<td>{len(entry[s])}</td>" for s in STATUSES) + f"<td>{todo}</td></tr>")
    parts.append("</tbody></table>")
    for lang, entry in report["languages"].items():
        counts = ", ".join(f"{len(entry[s])} {s}" for s in STATUSES)
        parts.append(f'<h2 id="{esc(lang)}">{esc(lang)}: {entry["pages"]} pages ({esc(counts)})</h2>')
        parts.append("<table><thead><tr><th>Status</th><th>Translation file</th>"
                     "<th>Built page</th><th>What to do</th></tr></thead><tbody>")
        for status in (OUTDATED, MISSING, UNMARKED, TRANSLATED):
            for page in entry[status]:
                changed = f" (Spanish changed {page['spanish_changed']})" if page.get("spanish_changed") else ""
                href = f"{site_rel}/{page['url']}"
                parts.append(
                    f'<tr class="{status}"><td>{status}</td><td><code>{esc(page["file"])}</code></td>'
                    f'<td><a href="{esc(href)}index.html">/{esc(page["url"])}</a></td>'
                    f"<td>{esc(WHAT_TO_DO[status])}{esc(changed)}</td></tr>")
        parts.append("</tbody></table>")
        catalog = entry.get("catalog", {})
        if catalog and not catalog.get("missing"):
            parts.append(f"<p>Interface strings: {catalog['entries']} in <code>{esc(catalog['file'])}</code>; "
                         f"{len(catalog['untranslated'])} untranslated, {len(catalog['fuzzy'])} fuzzy.</p>")
            items = [f"<li>line {e['line']} ({kind}): {esc(e['msgid'])}</li>"
                     for kind in ("untranslated", "fuzzy") for e in catalog[kind]]
            if items:
                parts.append("<ul>" + "".join(items) + "</ul>")
        data = entry.get("data", [])
        parts.append(f"<p>Data texts (contact names, deadlines) without a {esc(lang)} text: {len(data)}.</p>")
        if data:
            parts.append("<ul>" + "".join(f"<li><code>{esc(d['file'])}:{d['line']}</code> {esc(d['key'])}."
                                          f"{esc(d['field'])}</li>" for d in data) + "</ul>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def i18n_status(args: argparse.Namespace, root: Path) -> int:
    report = status_report(root)
    print_report(report)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "i18n-status.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    site_rel = Path(_relpath(root / "site", out)).as_posix()
    (out / "i18n-status.html").write_text(render_html(report, site_rel), encoding="utf-8")
    print(f"\nwrote {out / 'i18n-status.json'} and {out / 'i18n-status.html'}")
    return 0


def _relpath(target: Path, start: Path) -> str:
    import os

    return os.path.relpath(target.resolve(), start.resolve())


def i18n_mark_current(args: argparse.Namespace, root: Path) -> int:
    paths = [Path(p) for p in args.files]
    default = Project(root).languages.default
    if args.all:
        paths += sorted(p for p in (root / "docs").rglob("*.md")
                        if addresses.split_file(p.name)[1] not in (None, default))
    if not paths:
        print("name the translation files (docs/x.en.md ...) or use --all", file=sys.stderr)
        return 2
    for path in paths:
        try:
            value = translation_status.mark_current(path, default)
        except translation_status.TranslationError as error:
            print(error, file=sys.stderr)
            return 1
        print(f"{path}: source_hash {value} (up to date with its Spanish original as it is now)")
    return 0


LANG_CODE = re.compile(r"[a-z]{2,3}")


def add_language(root: Path, lang: str) -> list[str]:
    """Scaffold ``lang``: its catalog and its mkdocs.yml entry. Returns what was done."""
    from babel import Locale, UnknownLocaleError

    if not LANG_CODE.fullmatch(lang):
        raise ValueError(f"{lang!r} is not a language code like fr, pt or ht")
    try:
        locale = Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        raise ValueError(f"{lang!r} is not a language Babel knows (dates could not be written in it)") from None
    import material

    if not (Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{lang}.html").exists():
        raise ValueError(f"Material for MkDocs has no '{lang}' interface language")
    if lang in Project(root).languages.codes:
        raise ValueError(f"'{lang}' is already in mkdocs.yml")
    done = []
    po_path = root / "locales" / lang / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        result = subprocess.run(
            [sys.executable, "-m", "babel.messages.frontend", "init", "-i", "locales/messages.pot",
             "-d", "locales", "-l", lang, "--no-wrap"],
            cwd=root, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise ValueError(f"pybabel init failed: {result.stderr.strip()}")
        po = polib.pofile(str(po_path), wrapwidth=0)
        po.metadata["Language-Team"] = locale.get_display_name("en")
        po.metadata["Last-Translator"] = "Puente Laboral"
        if lang in catalog_gate.PLURAL_FORMS:
            po.metadata["Plural-Forms"] = catalog_gate.PLURAL_FORMS[lang]
        po.save()
        done.append(f"created {po_path.relative_to(root)} ({len(po)} interface strings to translate)")
    added = data_texts.scaffold(root, lang)
    if added:
        done.append(f"added an empty '{lang}: \"\"' text under {sum(added.values())} registry texts in "
                    f"{', '.join(sorted(added))} (contact names, deadlines: readers see the Spanish until filled)")
    name = locale.get_display_name(lang)
    name = name[:1].upper() + name[1:]
    insert_language_entry(root / "mkdocs.yml", lang, name)
    done.append(f"added '{lang}' ({name}) to the i18n languages in mkdocs.yml, built with every page "
                f"falling back to Spanish until translated")
    return done


def insert_language_entry(mkdocs_yml: Path, lang: str, name: str) -> None:
    """Append ``lang`` to mkdocs-static-i18n's ``languages`` in ``mkdocs.yml``, keeping every
    comment, quote and ``!ENV`` tag of the file as written (ruamel.yaml round-trip)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)   # the style of our mkdocs.yml
    data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"))
    i18n = next((plugin["i18n"] for plugin in data.get("plugins") or []
                 if isinstance(plugin, dict) and "i18n" in plugin), None)
    if i18n is None or "languages" not in i18n:
        raise ValueError(f"{mkdocs_yml}: no '- i18n:' plugin entry with 'languages'")
    entry = CommentedMap(locale=lang, name=name, build=True)
    entry.yaml_add_eol_comment(f"added by `make i18n-add LANG={lang}`; pages fall back to Spanish until "
                               "translated", "build")
    i18n["languages"].append(entry)
    with mkdocs_yml.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def i18n_add(args: argparse.Namespace, root: Path) -> int:
    try:
        done = add_language(root, args.lang)
    except ValueError as error:
        print(f"i18n-add: {error}", file=sys.stderr)
        return 1
    for line in done:
        print(line)
    print(f"next: translate locales/{args.lang}/LC_MESSAGES/messages.po (Poedit, Weblate or an editor), "
          f"the empty '{args.lang}:' texts in data/contacts.yml and data/deadlines.yml, then pages as "
          f"docs/<slug>.{args.lang}.md; `make i18n-status` lists them; `make test`.")
    return 0
