"""Pages: the front matter every page must carry, read strictly from the Markdown file.

MkDocs itself silently ignores front matter that is not valid YAML, so pages are read here
again and each problem is reported with the file, the line and what to do about it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from puente.core import svg_safety
from puente.core import text as plain

REQUIRED = ("title", "description", "reviewed", "sources")
BOOLEAN_KEYS = ("flyer", "pocket_card", "print_columns")  # optional; README "Flyers and printing"
# Every key a page may set. Others are refused: MkDocs hands all of them to Material's templates,
# which print some as they are (``status``, ``subtitle``, ``icon``...).
KNOWN_KEYS = (*REQUIRED, *BOOLEAN_KEYS, "source_hash", "search_weight", "flyer_contacts",
              "summary",        # the SMS-sized summary (core/summary.py): required in Spanish and English
              "search_terms")   # words readers search with that the page lacks (at most SEARCH_TERMS_MAX)
SEARCH_TERMS_MAX = 12
FENCE = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _TextDatesLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so a bad date is our error, not a crash."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class DuplicateKey(yaml.YAMLError):
    """Two equal keys in one mapping (YAML says keys are unique; PyYAML keeps the last)."""

    def __init__(self, key, line: int, first: int):
        super().__init__(f"duplicate key {key!r}")
        self.key, self.line, self.first = key, line, first


def _unique_keys(loader, node, deep=False):
    seen: dict = {}
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise DuplicateKey(key, key_node.start_mark.line, seen[key])
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_TextDatesLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_keys)


def parse_date(value) -> dt.date | None:
    """A ``YYYY-MM-DD`` date, or None when ``value`` is not one."""
    text = str(value).strip()
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


class PageError(Exception):
    """A problem in a page's source, with the place to fix it."""

    def __init__(self, path: Path | str, line: int, message: str, hint: str = ""):
        self.path, self.line, self.message, self.hint = str(path), line, message, hint
        text = f"{self.path}:{line}: {message}"
        super().__init__(f"{text}. {hint}" if hint else text)


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None
    contact: str | None = None  # a contacts-registry key: its name and web address are used


@dataclass(frozen=True)
class FrontMatter:
    title: str
    description: str
    reviewed: dt.date
    sources: tuple[Source, ...]
    extra: dict

    @property
    def flyer(self) -> bool:
        """``flyer: true``: the page is a one-page flyer (printed on exactly one sheet, PDF)."""
        return self.extra.get("flyer") is True


def _line_of(block: str, key: str) -> int:
    """1-based line in the file of a top-level key (the opening fence is line 1)."""
    for number, text in enumerate(block.splitlines(), start=2):
        if text.startswith(f"{key}:"):
            return number
    return 1


def _item_line(block: str, index: int) -> int:
    """File line of item ``index`` of ``sources:`` (the opening fence is line 1)."""
    try:
        node = yaml.compose(block, Loader=_TextDatesLoader)
        for key, value in node.value:
            if key.value == "sources":
                return value.value[index].start_mark.line + 2
    except (yaml.YAMLError, AttributeError, IndexError, TypeError):
        pass
    return _line_of(block, "sources")


def key_line(text: str, key: str) -> int:
    """The file line of top-level front-matter ``key`` in the page ``text`` (1 when absent)."""
    match = FENCE.match(text)
    return _line_of(match.group(1), key) if match else 1


def parse_front_matter(text: str, path: Path | str, require_body: bool = False) -> FrontMatter:
    text = text.removeprefix("\ufeff")  # a UTF-8 byte-order mark is allowed (MkDocs drops it too)
    match = FENCE.match(text)
    if not match:
        raise PageError(
            path, 1, "no front matter",
            "Start the file with a '---' block holding title, description, reviewed and sources",
        )
    block = match.group(1)
    try:
        data = yaml.load(block, Loader=_TextDatesLoader)
    except DuplicateKey as error:  # lines in the block: the opening fence is file line 1
        raise PageError(path, error.line + 2, f"front matter has {error.key!r} twice (first on line "
                        f"{error.first + 2})", "Keep one of them: the build would silently use the last") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise PageError(path, line, f"front matter is not valid YAML ({problem})",
                        "Check quotes and indentation; quote values that contain ': '") from None
    if not isinstance(data, dict):
        raise PageError(path, 2, "front matter must be 'key: value' lines")

    for key in REQUIRED:
        if data.get(key) in (None, "", []):
            raise PageError(path, 1, f"front matter is missing '{key}'",
                            "Add it; see 'Page conventions' in README.md")
    for key in data:
        if key not in KNOWN_KEYS:
            raise PageError(path, _line_of(block, str(key)), f"unknown front-matter key {key!r}",
                            f"Known keys: {', '.join(KNOWN_KEYS)} (see 'Page conventions' in README.md)")
    for key in ("title", "description", "summary"):
        if key not in data:
            continue
        problem = plain.text_problem(data[key])
        if problem:
            raise PageError(path, _line_of(block, key), f"'{key}' {problem}", plain.TEXT_HINT)

    reviewed = parse_date(data["reviewed"])
    if reviewed is None:
        raise PageError(path, _line_of(block, "reviewed"),
                        f"'reviewed' must be a date written YYYY-MM-DD, not {data['reviewed']!r}",
                        "Write the day the facts were last checked, e.g. 2026-11-28")
    if reviewed > dt.date.today():
        raise PageError(path, _line_of(block, "reviewed"),
                        f"'reviewed' date {reviewed} is in the future")

    sources = []
    raw_sources = data["sources"]
    if not isinstance(raw_sources, list):
        raise PageError(path, _line_of(block, "sources"), "'sources' must be a list")
    for index, item in enumerate(raw_sources):
        title = item if isinstance(item, str) else item.get("title") if isinstance(item, dict) else None
        if isinstance(item, dict) and set(item) == {"contact"} and isinstance(item["contact"], str):
            sources.append(Source("", contact=item["contact"]))
        elif isinstance(title, str) and (isinstance(item, str) or set(item) <= {"title", "url"}):
            problem = plain.text_problem(title)
            if problem:
                raise PageError(path, _item_line(block, index), f"source title {problem}", plain.TEXT_HINT)
            url = item.get("url") if isinstance(item, dict) else None
            problem = url is not None and plain.url_problem(url)
            if problem:
                line = _item_line(block, index)   # the YAML composed again, only for an error
                raise PageError(path, line + 1 if isinstance(item, dict) and len(item) > 1 else line,
                                f"source URL {url!r} {problem}", plain.URL_HINT)
            sources.append(Source(title, url))
        else:
            raise PageError(path, _item_line(block, index),
                            f"each source is a title, 'title:' with an optional 'url:', or 'contact:' "
                            f"with a registry key ({item!r})")

    terms = data.get("search_terms")
    if terms is not None:
        line = _line_of(block, "search_terms")
        if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
            raise PageError(path, line, "'search_terms' must be a list of words or short phrases",
                            "e.g. search_terms: [el overtime, me pagan menos] (README \"Search\")")
        if len(terms) > SEARCH_TERMS_MAX:
            raise PageError(path, line, f"'search_terms' has {len(terms)} terms, more than {SEARCH_TERMS_MAX}",
                            "Keep the words readers really type that the page does not say (README \"Search\")")
        for term in terms:
            problem = plain.text_problem(term) or ("contains a comma" if "," in term else None)
            if problem:
                raise PageError(path, line, f"search term {term!r} {problem}", plain.TEXT_HINT)
    for key in BOOLEAN_KEYS:
        if key in data and not isinstance(data[key], bool):
            raise PageError(path, _line_of(block, key), f"'{key}' must be true or false, not {data[key]!r}")
    if require_body and not text[match.end():].strip():
        raise PageError(path, 1 + match.group(0).count("\n"), "the page has no text after its front matter",
                        "Write the page below the closing '---' (or delete the file and its nav entry)")
    extra = {k: v for k, v in data.items() if k not in REQUIRED}
    return FrontMatter(data["title"], data["description"], reviewed, tuple(sources), extra)


def read_front_matter(path: Path, shown: str | None = None) -> FrontMatter:
    """Front matter of the file at ``path``; errors name it as ``shown`` (e.g. docs/x.es.md)."""
    return _parsed(read_text(path, shown), str(shown or path))


@functools.lru_cache(maxsize=4096)
def _parsed(text: str, shown: str) -> FrontMatter:
    # Cached by the file's text: a build reads some pages several times (the flyer list reads
    # every page), and `mkdocs serve` rebuilds every page on each edit. FrontMatter is frozen.
    return parse_front_matter(text, shown, require_body=True)


def body_first_line(path: Path) -> int:
    """The file line where the Markdown body starts (what MkDocs hands the hooks)."""
    text = read_text(path)
    match = FENCE.match(text)
    if not match:
        return 1
    rest = text[match.end():]
    return 1 + match.group(0).count("\n") + (len(rest) - len(rest.lstrip("\n")))


def read_text(path: Path | str, shown: str | None = None) -> str:
    """The file as text: UTF-8, a byte-order mark allowed; otherwise an error naming the file,
    the line and the byte offset of the first byte that is not UTF-8."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise PageError(shown or path, line, f"not valid UTF-8: byte {data[error.start]:#04x} at byte offset "
                        f"{error.start} ({error.reason})",
                        "Save the file as UTF-8 (any editor's 'Save with encoding'); "
                        "check the characters around that place") from None


NAME_PART = re.compile(r"[a-z0-9-]+")
ASSET_NAME = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*")
ACTIVE_FILES = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".js", ".mjs", ".svgz", ".xml", ".xsl")
HOST_FILES = (".nojekyll",)   # files static hosts read by name (GitHub Pages: serve files as they are)


def check_file(src_uri: str, abs_path: Path | str, docs_dir: Path | str, languages) -> None:
    """A file of docs/ that MkDocs publishes: a well-formed path, inside docs/, readable text.

    Pages are ``folder/slug.LL.md`` with every folder and the slug made of ``[a-z0-9-]``
    (addresses readers type and share: no capitals, spaces or accents) and ``LL`` a configured
    language; other files (assets) may also have dots and underscores in their names.
    """
    shown = f"docs/{src_uri}"
    docs_real = Path(docs_dir).resolve()
    path = Path(abs_path)
    if path.is_symlink() or path.resolve() != docs_real / src_uri:
        target = path.resolve()
        if not target.is_relative_to(docs_real):
            raise PageError(shown, 1, f"is a link to {target}, outside docs/",
                            "Copy the file into docs/ (the published site must not depend on files "
                            "elsewhere on the machine that builds it)")
    *folders, name = src_uri.split("/")
    for folder in folders:
        if not NAME_PART.fullmatch(folder):
            raise PageError(shown, 1, f"folder name {folder!r} is not lowercase letters, digits and hyphens",
                            "Rename it: no capitals, spaces, accents or other signs ([a-z0-9-]+); it is "
                            "part of the address readers type")
    if name.endswith(".md"):
        slug, _, lang = name[: -len(".md")].rpartition(".")
        if not slug or lang not in languages:
            raise PageError(shown, 1, f"page {name!r} has no language suffix ({', '.join(languages)})",
                            f"Name it <slug>.{languages[0]}.md beside its translation <slug>.{languages[-1]}.md")
        if not NAME_PART.fullmatch(slug):
            raise PageError(shown, 1, f"page name {slug!r} is not lowercase letters, digits and hyphens",
                            "Rename both languages' files: no capitals, spaces, accents or other signs "
                            "([a-z0-9-]+); the name is the page's address")
        read_text(path, shown)
    elif not ASSET_NAME.fullmatch(name) and not (name in HOST_FILES and not folders):
        raise PageError(shown, 1, f"file name {name!r} has characters other than a-z, 0-9, '-', '_' and '.'",
                        "Rename it in lowercase without spaces or accents, e.g. mapa-oficinas.es.png")
    elif name.endswith(ACTIVE_FILES):
        raise PageError(shown, 1, f"{name!r} would be published as a web page or script that no check reads",
                        "Write the page in Markdown (docs/<slug>.es.md); the site's own scripts live in "
                        "overrides/ and scripts/")
    elif name.endswith(".svg"):
        unsafe = svg_safety.problem(path.read_bytes())
        if unsafe:
            raise PageError(shown, unsafe[0], f"this SVG {unsafe[1]}",
                            "Save it as a plain drawing (e.g. Inkscape: Save As > Optimized SVG, or export "
                            "PNG): no scripts, event handlers, links or references to other files")
