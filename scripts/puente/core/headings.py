"""Heading ids and attribute lists of a page's Markdown, checked before MkDocs renders it.

Ids are addresses other sites link to (``/derechos/salario/#horas-extra``), so:

- every id written in an attribute list (``## Horas extra {#horas-extra}``) is made of
  ``[a-z0-9-]``, and an attribute list has no stray words: ``{#horas extra}`` would become
  ``<h2 extra id="horas">``;
- no two headings of a page get the same id, whether written (``{#id}``) or generated from the
  heading's text: Python-Markdown's ``toc`` silently renames the second to ``id_1``, an address
  nobody chose, and keeps two equal written ids as they are (invalid HTML, one unreachable).

Headings are found by markdown-it-py's block tokens (with their lines; code is skipped, see
``markdown_code``); each heading's id is the one Python-Markdown gives it, configured as MkDocs
configures it (the ``md`` argument), so generated ids are the ones the site will have.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

import markdown as python_markdown
from markdown.extensions.attr_list import get_attrs_and_remainder

from puente.core import markdown_code

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ATTR_LIST = re.compile(r"\{(:?)[ ]*([^}\n ][^}\n]*)\}")
HTML_ID = re.compile(r"<h[1-6][^>]*?\sid=\"([^\"]*)\"")


class HeadingError(Exception):
    def __init__(self, line: int, message: str, hint: str):
        self.line, self.message, self.hint = line, message, hint
        super().__init__(f"{line}: {message}. {hint}")


@dataclass(frozen=True)
class Heading:
    line: int        # 1-based, in the text given
    text: str
    id: str
    written: bool    # the id comes from an attribute list, not from the text


def _line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)


def _is_attr_list(match: re.Match, heading_lines: set[int], line: int) -> bool:
    """Python-Markdown reads any ``{...}`` ending a heading as an attribute list; elsewhere we check
    the ones that look like one (``{: ...}``, ``#id``, ``.class``, ``key=value``)."""
    if line in heading_lines:
        return True
    inner = match.group(2)
    return bool(match.group(1)) or any(t.startswith(("#", ".")) or "=" in t for t in inner.split())


def check_attr_lists(text: str, heading_lines: set[int] | None = None) -> list[tuple[int, str]]:
    """``(line, id)`` of each id written in an attribute list; raises on a malformed one."""
    code = markdown_code.code_map(text)
    starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
    ids = []
    for begin, end in code.text_parts():
        for match in ATTR_LIST.finditer(text, begin, end):
            line = _line_of(starts, match.start())
            if not _is_attr_list(match, heading_lines or set(), line):
                continue
            attrs, _ = get_attrs_and_remainder(match.group(2))
            for key, value in attrs:
                if value is None:
                    raise HeadingError(line, f"attribute list {match.group(0)} has the stray word {key!r}",
                                       "An id is one word with hyphens: {#horas-extra}; classes start with "
                                       "a dot: {.pl-screen-only}")
                if key == "id" and not ID.fullmatch(value):
                    raise HeadingError(line, f"id {value!r} in {match.group(0)} is not lowercase letters, "
                                       "digits and hyphens", "Write it like {#horas-extra}: no capitals, "
                                       "accents, spaces or other signs (it becomes a public address)")
                if key == "id":
                    ids.append((line, value))
    return ids


def headings(text: str, md: python_markdown.Markdown) -> list[Heading]:
    """Every heading of ``text`` with the id Python-Markdown (``md``) gives it."""
    tokens = markdown_code.tokens(text)
    found = []
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.map is None:
            continue
        content = tokens[index + 1].content
        generated = _generated_id(md, int(token.tag[1]), content)
        if generated is not None:
            written = any(key == "id" for key, _ in _trailing_attrs(content))
            found.append(Heading(token.map[0] + 1, content, generated, written))
    return found


@functools.lru_cache(maxsize=4096)
def _generated_id(md: python_markdown.Markdown, level: int, content: str) -> str | None:
    """The id ``md`` gives a heading alone on a page (after ``reset``, nothing of another page
    counts): the same for the same heading, so each is rendered once per build ("Fuentes",
    "A quién llamar" head many pages)."""
    md.reset()
    match = HTML_ID.search(md.convert(f"{'#' * level} {content}"))
    return match.group(1) if match else None


def _trailing_attrs(content: str) -> list:
    match = re.search(r"[ ]+\{:?[ ]*([^}\n ][^}\n]*)\}[ ]*$", content)
    return get_attrs_and_remainder(match.group(1))[0] if match else []


def check(text: str, md: python_markdown.Markdown) -> list[Heading]:
    """The page's headings, after checking attribute lists and that every id is used once."""
    found = headings(text, md)
    written = check_attr_lists(text, {h.line for h in found})
    seen: dict[str, int] = {}
    places = sorted([(h.line, h.id, h.written) for h in found]
                    + [(line, id_, True) for line, id_ in written if line not in {h.line for h in found}])
    for line, id_, is_written in places:
        if id_ in seen:
            how = "written" if is_written else "generated from the heading's text"
            raise HeadingError(line, f"id '{id_}' ({how}) is already used on line {seen[id_]}",
                               "Give one of the headings its own id: ## Heading {#another-id}")
        seen[id_] = line
    return found
