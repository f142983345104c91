"""Pages are well-formed or rejected, in the real build (called from the MkDocs hooks).

- ``check_files`` (``on_pre_build``, before anything reads a page: the translation model reads
  every page first): every file MkDocs would publish from docs/ has a well-formed path, stays
  inside docs/, and every page is UTF-8 (``front_matter.check_file``).
- ``check_page`` (``on_page_markdown``): heading ids and attribute lists (``core.headings``).

Each problem is a ``front_matter.PageError`` naming the file, the line and the fix.
"""

from __future__ import annotations

from pathlib import Path

import markdown as python_markdown
from mkdocs.structure.files import get_files

from puente.core import front_matter, headings
from puente.core import text as plain
from puente.features import notices

_markdown: dict = {}


def check_files(config) -> None:
    default, _built = notices.languages(config)
    configured = [lang.locale for lang in config.plugins["i18n"].config.languages]
    languages = [default] + [lang for lang in configured if lang != default]
    for file in get_files(config):
        if file.inclusion.is_excluded():
            continue  # not published (dot files, exclude_docs)
        front_matter.check_file(file.src_uri, file.abs_src_path, config.docs_dir, languages)


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
    """``site_name``, ``site_description``, ``copyright`` (per language too) and the nav's section
    titles are plain text: Material prints them as they are, ``site_name`` inside attributes
    (``core.text``)."""
    config_file = Path(config.config_file_path)
    lines = config_file.read_text(encoding="utf-8").split("\n")
    values = [(key, config.get(key)) for key in CONFIG_TEXT]
    values += [("nav", title) for title in _nav_titles(config.nav)]
    for lang in config.plugins["i18n"].config.languages:
        values += [(f"nav_translations ({lang.locale})", title) for title in (lang.nav_translations or {}).values()]
    for key, value in values:
        problem = value is not None and plain.text_problem(value)
        if problem:
            first_words = str(value).strip().split("\n")[0][:30]
            line = next((n for n, text in enumerate(lines, 1) if first_words and first_words in text),
                        next((n for n, text in enumerate(lines, 1) if text.lstrip().startswith(f"{key}:")), 1))
            raise front_matter.PageError(config_file.name, line, f"'{key}' {problem}", plain.TEXT_HINT)


def _python_markdown(config) -> python_markdown.Markdown:
    """Python-Markdown as MkDocs configures it (the ids it generates are the site's)."""
    key = id(config)
    if key not in _markdown:
        _markdown.clear()
        _markdown[key] = python_markdown.Markdown(extensions=config.markdown_extensions,
                                                  extension_configs=config.mdx_configs or {})
    return _markdown[key]


def check_page(markdown: str, config, source: str, first_line: int) -> None:
    """Heading ids and attribute lists of the page's Markdown (``source`` names it in errors)."""
    try:
        headings.check(markdown, _python_markdown(config))
    except headings.HeadingError as error:
        raise front_matter.PageError(source, first_line + error.line - 1, error.message, error.hint) from None


