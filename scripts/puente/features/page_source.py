"""Pages are well-formed or rejected, in the real build (called from the MkDocs hooks).

- ``check_files`` (``on_pre_build``, before anything reads a page: the translation model reads
  every page first): every file MkDocs would publish from docs/ has a well-formed path, stays
  inside docs/, and every page is UTF-8 (``front_matter.check_file``).
- ``check_page`` (``on_page_markdown``): heading ids and attribute lists (``core.headings``);
  a page's Markdown that passed is remembered between builds (``HEADINGS``, ``core.passed``).

Each problem is a ``front_matter.PageError`` naming the file, the line and the fix.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import markdown as python_markdown
from mkdocs.structure.files import get_files

from puente.core import front_matter, headings, markdown_code, passed
from puente.core import text as plain
from puente.features import build_context


def check_files(config) -> None:
    settings = build_context.language_settings(config)
    languages = build_context.languages(config)
    # every configured language, built or not: a file docs/x.fr.md is a page, not a slug "x.fr"
    codes = [*languages.codes, *(s.locale for s in settings if s.locale not in languages.codes)]
    for file in get_files(config):
        if file.inclusion.is_excluded():
            continue  # not published (dot files, exclude_docs)
        front_matter.check_file(file.src_uri, file.abs_src_path, config.docs_dir, codes)


CONFIG_TEXT = ("site_name", "site_description", "copyright")


def _nav_titles(items) -> list[str]:
    titles = []
    for item in items or []:
        if isinstance(item, dict):
            for title, value in item.items():
                titles.append(title)
                titles += _nav_titles(value if isinstance(value, list) else [])
    return titles


def check_config_text(config) -> None:
    """``site_name``, ``site_description``, ``copyright`` (per language too), the nav's section
    titles and the admonition titles are plain text: Material prints them as they are,
    ``site_name`` inside attributes (``core.text``)."""
    config_file = Path(config.config_file_path)
    lines = config_file.read_text(encoding="utf-8").split("\n")
    values = [(key, config.get(key)) for key in CONFIG_TEXT]
    values += [("nav", title) for title in _nav_titles(config.nav)]
    for lang in build_context.language_settings(config):
        values += [(f"nav_translations ({lang.locale})", title) for title in (lang.nav_translations or {}).values()]
        values += [(f"admonition_translations ({lang.locale})", title)
                   for title in (getattr(lang, "admonition_translations", None) or {}).values()]
    for key, value in values:
        problem = value is not None and plain.text_problem(value)
        if problem:
            first_words = str(value).strip().split("\n")[0][:30]
            line = next((n for n, text in enumerate(lines, 1) if first_words and first_words in text),
                        next((n for n, text in enumerate(lines, 1) if text.lstrip().startswith(f"{key}:")), 1))
            raise front_matter.PageError(config_file.name, line, f"'{key}' {problem}", plain.TEXT_HINT)


def _python_markdown(state, config) -> python_markdown.Markdown:
    """Python-Markdown as MkDocs configures it (the ids it generates are the site's), made once
    per build."""
    if state.python_markdown is None:
        state.python_markdown = python_markdown.Markdown(extensions=config.markdown_extensions,
                                                         extension_configs=config.mdx_configs or {})
    return state.python_markdown


# The heading check decides from the Markdown and the Markdown settings alone (core.headings, with
# markdown_code's parser and Python-Markdown's ids): a change to either module or library starts over.
HEADINGS = passed.Passes("headings", passed.version_of(
    Path(headings.__file__), Path(markdown_code.__file__),
    metadata.version("markdown"), metadata.version("markdown-it-py")))


def check_page(state, markdown: str, config, source: str, first_line: int) -> None:
    """Heading ids and attribute lists of the page's Markdown (``source`` names it in errors)."""
    settings = repr((config.markdown_extensions, config.mdx_configs))
    if HEADINGS.seen(markdown, settings):
        return
    try:
        headings.check(markdown, _python_markdown(state, config))
    except headings.HeadingError as error:
        raise front_matter.PageError(source, first_line + error.line - 1, error.message, error.hint) from None
    HEADINGS.add(markdown, settings)


