"""Shortcodes are a small language with errors; code is what a CommonMark parser says is code."""

from __future__ import annotations

import collections
import html.parser
import re

import markdown as python_markdown
import pytest
import yaml
from mkdocs.utils import meta

from conftest import ROOT
from puente.core import contacts, markdown_code
from puente.features import shortcodes

# What MkDocs gives Python-Markdown: its default extensions plus mkdocs.yml's.
MKDOCS_DEFAULT_EXTENSIONS = ["toc", "tables", "fenced_code"]


def python_markdown_extensions() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    return MKDOCS_DEFAULT_EXTENSIONS + [n for n in names if n not in MKDOCS_DEFAULT_EXTENSIONS]


class _CodeText(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth, self.found, self.current = 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag == "code":
            self.depth, self.current = self.depth + 1, []

    def handle_endtag(self, tag):
        if tag == "code":
            self.depth -= 1
            self.found.append("".join(self.current))

    def handle_data(self, data):
        if self.depth:
            self.current.append(data)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def python_markdown_code(body: str) -> collections.Counter:
    """The text of every <code> element Python-Markdown (as MkDocs configures it) makes."""
    parser = _CodeText()
    parser.feed(python_markdown.markdown(body, extensions=python_markdown_extensions()))
    return collections.Counter(_norm(text) for text in parser.found)


def markdown_it_code(body: str) -> collections.Counter:
    """The code markdown-it-py's own tokens hold: fences, indented blocks, code spans."""
    found = collections.Counter()
    for token in markdown_code.parser().parse(body):
        if token.type in ("fence", "code_block"):
            found[_norm(token.content)] += 1
        found.update(_norm(child.content) for child in token.children or () if child.type == "code_inline")
    return found


def code_map_code(body: str) -> collections.Counter:
    """What ``code_map`` marks as code, delimiters stripped, for comparison with the above."""
    found = collections.Counter()
    for written in markdown_code.code_map(body).code_texts():
        text = written
        if written.lstrip().startswith(("```", "~~~")):
            text = "\n".join(written.strip("\n").split("\n")[1:-1])
        elif written.startswith("`"):
            size = len(written) - len(written.lstrip("`"))
            text = written[size:-size]
        found[_norm(text)] += 1
    return found


PAGES = sorted(p for p in (ROOT / "docs").rglob("*.md"))

# Hand-made pages with every kind of code and the constructs around them that the two parsers
# must read alike (admonition and definition bodies are indented text, not code).
SAMPLES = {
    "tilde line inside a backtick fence": "Text.\n\n```text\n~~~\n[[tel:x]]\n```\n\nAfter [[check]].\n",
    "backtick line inside a tilde fence": "~~~\n```\n[[tel:x]]\n~~~\n\nAfter.\n",
    "indented code": "Paragraph.\n\n    [[tel:x]] in code\n\nText.\n",
    "inline code, two backticks": "Write ``[[tel:`whd`]]`` and `[[check]]` here.\n",
    "unmatched backticks are text": "One ` tick and ``two`` and `` unclosed.\n",
    "admonition body": '!!! note "Nota"\n    First.\n\n    Second `code`.\n\nAfter.\n',
    "definition body": "Term\n:   Definition `x`.\n\n    More of it.\n\nAfter.\n",
    "markdown in html": '<div class="pl-screen-only" markdown>\n\nText `c`.\n\n</div>\n',
    "table": "| a | b |\n| --- | --- |\n| `x` | y |\n",
}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_markdown_it_and_python_markdown_agree_on_code_in_docs(page):
    body, _ = meta.get_data(page.read_text(encoding="utf-8-sig"))
    assert markdown_it_code(body) == python_markdown_code(body)
    assert code_map_code(body) == markdown_it_code(body)


@pytest.mark.parametrize("name", SAMPLES)
def test_markdown_it_and_python_markdown_agree_on_code_samples(name):
    body = SAMPLES[name]
    assert markdown_it_code(body) == python_markdown_code(body)
    assert code_map_code(body) == markdown_it_code(body)


def test_docs_have_code_to_compare():
    assert sum(sum(markdown_it_code(meta.get_data(p.read_text(encoding="utf-8"))[0]).values())
               for p in PAGES) >= 8


# --- expansion --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ctx():
    registry = contacts.load(ROOT / contacts.REGISTRY)

    def render(name, **values):  # the templates are not under test here: name what was asked
        contact = values.get("contact")
        return f"<{name}:{contact.key if contact else values.get('kind', '')}>"

    return shortcodes.Context(registry=registry, lang="es", render=render, source="docs/x.es.md")


@pytest.mark.parametrize("text, expected", [
    ("Llame [[tel:whd]].", "Llame <partials/call-link.html:whd>."),
    ("Dato. [[check]]", "Dato. <partials/fact-mark.html:check>"),
    ("`[[tel:whd]]` se escribe así.", "`[[tel:whd]]` se escribe así."),
    ("``[[tel:WHD]]`` en código.", "``[[tel:WHD]]`` en código."),
    ("Texto.\n\n    [[tel:nope]]\n\nFin.", "Texto.\n\n    [[tel:nope]]\n\nFin."),
    ("```\n~~~\n[[tel:nope]]\n```\n\n[[check]]", "```\n~~~\n[[tel:nope]]\n```\n\n<partials/fact-mark.html:check>"),
    ("~~~\n```\n[[tel:nope]]\n~~~\n[[tel:whd]]", "~~~\n```\n[[tel:nope]]\n~~~\n<partials/call-link.html:whd>"),
    ("Un ` suelto y [[tel:whd]]", "Un ` suelto y <partials/call-link.html:whd>"),
])
def test_shortcodes_expand_outside_code_only(ctx, text, expected):
    assert shortcodes.expand(text, ctx) == expected


@pytest.mark.parametrize("text, line, complaint", [
    ("Llame [[tel:WHD]].", 1, "is not lowercase"),
    ("Llame [[TEL:whd]].", 1, "is not lowercase"),
    ("Uno.\n\n[[contact:foo", 3, "unclosed shortcode"),
    ("[[contact:../../x]]", 1, "is not a contact key"),
    ("[[tel:who_knows]]", 1, "is not a contact key"),
    ("[[ tel:whd ]]", 1, "malformed shortcode"),
    ("[[tel:]]", 1, "malformed shortcode"),
    ("[[telefono:whd]]", 1, "unknown shortcode"),
    ("[[tel:nadie]]", 1, "unknown contact key"),
    ("```\n~~~\n```\n\n[[tel:WHD]]", 5, "is not lowercase"),
    ("Texto.\n\n    código\n\n[[Check]]", 5, "is not lowercase"),
    ("`código` y [[tel:WHD]] y `más`", 1, "is not lowercase"),
    ("```\n~~~\n```\n1-800-555-0199", 4, "phone number typed"),
    ("~~~\nLlame al 1-866-487-9243\n~~~", 2, "phone number typed"),
])
def test_anything_like_a_shortcode_that_is_not_one_fails_with_its_line(ctx, text, line, complaint):
    with pytest.raises(contacts.ContactError) as error:
        shortcodes.expand(text, ctx, first_line=1)
    assert error.value.line == line
    assert complaint in str(error.value)
    assert str(error.value).startswith(f"docs/x.es.md:{line}: ")


def test_first_line_offsets_the_reported_line(ctx):
    with pytest.raises(contacts.ContactError) as error:
        shortcodes.expand("Uno.\n[[tel:WHD]]", ctx, first_line=10)
    assert error.value.line == 11
