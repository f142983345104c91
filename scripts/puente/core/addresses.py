"""Where a page lives: its slug, its Markdown file, its address, in every language.

One page has one *slug*, the same in every language (``derechos/salario``, ``index`` for the home
page, ``derechos/index`` for a section's page). In language ``lang`` it is written in
``docs/<slug>.<lang>.md`` and published at an *address*, a path under the site root with
directory URLs: ``derechos/salario/`` in the default language, ``en/derechos/salario/`` in
English, ``""`` for the home page. Pages link to each other by the language-neutral file name
``derechos/salario.md``. Every feature, check and test goes through these functions; relative
links use MkDocs' own ``get_relative_url``.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.utils import get_relative_url  # a pure helper: no MkDocs build machinery

from puente.core.languages import Languages

SUFFIX = re.compile(r"\.(?P<lang>[a-z]{2,3}(?:_[A-Za-z]+)?)\.md$")


def page_path(slug: str, lang: str, languages: Languages) -> str:
    """``derechos/salario`` -> ``derechos/salario/`` (``en/derechos/salario/`` in English)."""
    if slug == "index":
        path = ""
    elif slug.endswith("/index"):
        path = slug.removesuffix("index")
    else:
        path = slug + "/"
    return path if lang == languages.default else f"{lang}/{path}"


def slug_of_neutral(name: str) -> str:
    """The slug of a language-neutral file name: ``derechos/salario.md`` -> ``derechos/salario``."""
    return name.removesuffix(".md")


def split_file(src_uri: str) -> tuple[str, str | None]:
    """``derechos/salario.es.md`` -> (``derechos/salario``, ``es``); a name without a language
    suffix (``x.md``) -> (``x``, None)."""
    match = SUFFIX.search(src_uri)
    if match:
        return src_uri[: match.start()], match["lang"]
    return src_uri.removesuffix(".md"), None


def file_name(slug: str, lang: str) -> str:
    """``derechos/salario``, ``es`` -> ``derechos/salario.es.md`` (relative to docs/)."""
    return f"{slug}.{lang}.md"


def page_of_path(path: str, languages: Languages) -> tuple[str, str]:
    """The address of a page -> (slug candidates' base, language): ``/en/derechos/salario/`` ->
    (``derechos/salario``, ``en``), ``/`` -> (``index``, default). A section's address gives the
    folder (``derechos``); :func:`markdown_file` tries ``derechos/index`` too."""
    rel = path.strip("/")
    lang = languages.default
    first = rel.split("/", 1)[0]
    if first in languages.others:
        lang, rel = first, rel[len(first):].strip("/")
    return (rel or "index"), lang


def markdown_file(docs_dir: Path, slug: str, lang: str, languages: Languages) -> Path | None:
    """The Markdown file MkDocs publishes for ``slug`` in ``lang``: its own, else the default
    language's (a fallback), else an unsuffixed one; ``slug`` may name a folder with an index."""
    stems = [slug] if slug == "index" or slug.endswith("/index") else [f"{slug}/index", slug]
    for stem in stems:
        for candidate in (file_name(stem, lang), file_name(stem, languages.default), f"{stem}.md"):
            if (Path(docs_dir) / candidate).is_file():
                return Path(docs_dir) / candidate
    return None


def relative(target: str, from_path: str) -> str:
    """``target`` (an address, may end in ``#id``) as a link from the page at ``from_path``
    (``en/volantes/``; a file such as ``404.html`` counts from its folder). Directory addresses
    keep their trailing slash (``../``, ``./``)."""
    path, hash_mark, fragment = target.partition("#")
    rel = get_relative_url(path, from_path)
    if (path == "" or path.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return rel + hash_mark + fragment


def absolute(root_url: str, path: str) -> str:
    """The public address of ``path``: ``https://example.org/`` + ``en/sobre/``."""
    return (root_url or "/").rstrip("/") + "/" + path
