"""Redirects (mkdocs-redirects) that work in both languages, and never in a circle.

A moved or renamed page keeps its old address through ``redirect_maps`` in mkdocs.yml, written
once with the language-neutral names pages use for links::

    plugins:
      - redirects:
          redirect_maps:
            derechos/pago.md: derechos/salario.md          # /derechos/pago/ and /en/derechos/pago/

mkdocs-redirects alone does not know the suffix structure of mkdocs-static-i18n (it finds no
``derechos/salario.md``) and would write every language's redirect over the same file. Called
after mkdocs-static-i18n has chosen the files of the language being built, ``adapt`` points the
plugin at that language's pages and, for languages other than the default, at ``/<lang>/`` old
addresses. Mistakes fail the build: an old address that is still a page, a target that is not a
page, a loop.
"""

from __future__ import annotations

import re
from pathlib import Path

from puente.core import addresses, text
from puente.features import build_context


class RedirectError(Exception):
    pass


def neutral(src_uri: str) -> str:
    """``derechos/salario.es.md`` -> ``derechos/salario.md``."""
    return addresses.split_file(src_uri)[0] + ".md"


def find_loop(redirect_maps: dict) -> list[str] | None:
    """The first circle in ``old -> new`` (fragments ignored), or None."""
    graph = {str(old): str(new).partition("#")[0] for old, new in redirect_maps.items()}
    for start, first in graph.items():
        chain, node = [start], first
        while node in graph:
            if node in chain:
                return [*chain[chain.index(node):], node]
            chain.append(node)
            node = graph[node]
    return None


def _where(config_text: str, old: str) -> str:
    """``mkdocs.yml:LINE`` of the redirect_maps entry for ``old``."""
    for number, line in enumerate(config_text.splitlines(), start=1):
        if line.strip().startswith((f"{old}:", f"'{old}':", f'"{old}":')):
            return f"mkdocs.yml:{number}"
    return "mkdocs.yml"


OLD_NAME = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)*\.md")
FRAGMENT = re.compile(r"[a-z0-9-]+")


def check_maps(redirect_maps: dict, pages: set[str], config_text: str = "") -> None:
    for old, new in redirect_maps.items():
        where = _where(config_text, str(old))
        if not OLD_NAME.fullmatch(str(old)):
            raise RedirectError(f"{where}: redirect_maps: '{old}' is not a page name. An old address is written "
                                "as the page it was, language-neutral: lowercase letters, digits and hyphens in "
                                "folders and name, ending in .md (e.g. derechos/pago.md)")
        target, _, fragment = str(new).partition("#")
        if str(new).startswith("https://"):
            problem = text.url_problem(str(new))
            if problem:
                raise RedirectError(f"{where}: redirect_maps: the address for '{old}' {problem}. {text.URL_HINT}")
        elif fragment and not FRAGMENT.fullmatch(fragment):
            raise RedirectError(f"{where}: redirect_maps: '{new}' names the anchor '#{fragment}', which is not a "
                                "heading id (lowercase letters, digits and hyphens)")
    loop = find_loop(redirect_maps)
    if loop:
        raise RedirectError(f"{_where(config_text, loop[0])}: redirect_maps: redirect loop " + " -> ".join(loop)
                            + ". Point each old page at the page that exists now")
    for old, new in redirect_maps.items():
        if old in pages:
            raise RedirectError(f"{_where(config_text, old)}: redirect_maps: '{old}' is still a page; a redirect "
                                "would replace it. Remove the entry or the page")
        target = str(new).partition("#")[0]
        if not str(new).startswith("https://") and target not in pages:
            raise RedirectError(f"{_where(config_text, old)}: redirect_maps: '{old}' points at '{new}', which is "
                                "not a page. Use the language-neutral name of an existing page, e.g. "
                                "derechos/salario.md")


def adapt(config, files) -> None:
    """The ``on_files`` hook, run after mkdocs-static-i18n's (priority below -100)."""
    plugin = config.plugins.get("redirects")
    if plugin is None or not getattr(plugin, "redirects", None):
        return
    lang, default = build_context.current_language(config), build_context.languages(config).default
    pages = {neutral(f.src_uri): f for f in files.documentation_pages()}
    check_maps(plugin.redirects, set(pages), Path(config.config_file_path).read_text(encoding="utf-8"))
    plugin.doc_pages = pages
    if lang != default:
        plugin.redirects = {f"{lang}/{old}": new for old, new in plugin.redirects.items()}
