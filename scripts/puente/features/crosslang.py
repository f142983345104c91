"""Deliberate links to a page in another language: ``[English version](lang:en:derechos/salario.md#horas-extra)``.

A page links within its own language (``salario.md`` resolves to each language's version). When
a page really means to send the reader to another language, it says so with the ``lang:LL:``
prefix; this module, called before Markdown, turns that into a relative link to that language's
page, marked ``hreflang="LL"`` and ``class="puente-lang"`` so that the link check allows it.
Any other link from one language into the other is an error of the link check.

The target page must exist (in that language, or in the default language that MkDocs falls back
to) and a ``#fragment`` must be an explicit heading id of the target page (``{#horas-extra}``).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from puente.core import addresses, markdown_code
from puente.core.front_matter import PageError
from puente.core.languages import Languages
from puente.features import build_context

CLASS = "puente-lang"
LANG_LINK = re.compile(
    r"\[(?P<text>(?:[^\[\]\n]|\[[^\]\n]*\])*)\]\(lang:(?P<lang>[^:)\s]*):(?P<path>[^)#\s]*)(?P<frag>#[^)\s]*)?\)"
)
ANY_LANG_URL = re.compile(r"\]\(lang:[^)]*\)")
EXPLICIT_ID = re.compile(r"\{[^}\n]*#([\w-]+)[^}\n]*\}")


def expand(markdown: str, *, url: str, lang: str, languages: Languages, docs_dir: Path,
           source: str, first_line: int = 1) -> str:
    """Replace every ``[text](lang:LL:page.md#id)`` in ``markdown`` (the body of ``source``,
    starting on file line ``first_line``, published at ``url``) with a relative ``<a>``."""
    if "](lang:" not in markdown:
        return markdown
    code = markdown_code.code_map(markdown)  # links in code are shown as written
    out, offset = [], 0
    for number, line in enumerate(markdown.split("\n"), start=first_line):
        start, offset = offset, offset + len(line) + 1
        if "](lang:" not in line:
            out.append(line)
            continue

        def replace(match, number=number, start=start):
            if code.is_code(start + match.start()):
                return match.group(0)
            return _anchor(match, number, url=url, lang=lang, languages=languages,
                           docs_dir=docs_dir, source=source)

        expanded = LANG_LINK.sub(replace, line)
        leftover = next((m for m in ANY_LANG_URL.finditer(line) if not code.is_code(start + m.start())
                         and m.group(0) in expanded), None)
        if leftover:
            raise PageError(source, number, f"malformed cross-language link {leftover.group(0)[1:]}",
                            "Write [text](lang:en:path/page.md#heading-id)")
        out.append(expanded)
    return "\n".join(out)


def _anchor(match, number, *, url, lang, languages, docs_dir, source) -> str:
    target_lang, path, frag = match.group("lang"), match.group("path"), match.group("frag") or ""
    written = match.group(0)[len(match.group("text")) + 3:-1]
    if target_lang not in languages.codes:
        raise PageError(source, number, f"cross-language link to unknown language '{target_lang}' ({written})",
                        f"Use one of: {', '.join(languages.codes)}")
    if target_lang == lang:
        raise PageError(source, number, f"cross-language link to this page's own language ({written})",
                        f"Write a plain link instead: [{match.group('text')}]({path}{frag})")
    if not path.endswith(".md") or path.startswith("/") or re.search(r"\.[a-z]{2}\.md$", path):
        raise PageError(source, number, f"cross-language link must name a page as docs/ path without "
                        f"language suffix ({written})", "e.g. lang:en:derechos/salario.md#horas-extra")
    slug = addresses.slug_of_neutral(path)
    target_file = addresses.markdown_file(docs_dir, slug, target_lang, languages)
    if target_file is None:
        raise PageError(source, number, f"cross-language link to a page that does not exist: {path}",
                        f"Check the path (relative to docs/, e.g. derechos/salario.md): {written}")
    if frag and frag[1:] not in EXPLICIT_ID.findall(target_file.read_text(encoding="utf-8")):
        shown = f"docs/{target_file.relative_to(docs_dir).as_posix()}"
        raise PageError(source, number, f"cross-language link to '{frag}', which {shown} does not declare",
                        "Link to an explicit heading id, e.g. ## Horas extra {#horas-extra}")
    href = addresses.relative(addresses.page_path(slug, target_lang, languages), url) + frag
    return (f'<a href="{html.escape(href)}" hreflang="{target_lang}" class="{CLASS}">'
            f'{match.group("text")}</a>')


def expand_page(markdown: str, page, config, source: str, first_line: int) -> str:
    """``expand`` for the page MkDocs is building (called from the ``on_page_markdown`` hook)."""
    return expand(markdown, url=page.url, lang=build_context.current_language(config),
                  languages=build_context.languages(config), docs_dir=Path(config.docs_dir), source=source,
                  first_line=first_line)
