"""Pages: the front matter every page must carry, read strictly from the Markdown file.

MkDocs itself silently ignores front matter that is not valid YAML, so pages are read here
again and each problem is reported with the file, the line and what to do about it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

REQUIRED = ("title", "description", "reviewed", "sources")
BOOLEAN_KEYS = ("flyer", "pocket_card", "print_columns")  # optional; README "Flyers and printing"
FENCE = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _TextDatesLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so a bad date is our error, not a crash."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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


def key_line(text: str, key: str) -> int:
    """The file line of top-level front-matter ``key`` in the page ``text`` (1 when absent)."""
    match = FENCE.match(text)
    return _line_of(match.group(1), key) if match else 1


def parse_front_matter(text: str, path: Path | str) -> FrontMatter:
    match = FENCE.match(text)
    if not match:
        raise PageError(
            path, 1, "no front matter",
            "Start the file with a '---' block holding title, description, reviewed and sources",
        )
    block = match.group(1)
    try:
        data = yaml.load(block, Loader=_TextDatesLoader)
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
    for key in ("title", "description"):
        if not isinstance(data[key], str):
            raise PageError(path, _line_of(block, key), f"'{key}' must be text")

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
    for item in raw_sources:
        if isinstance(item, str):
            sources.append(Source(item))
        elif isinstance(item, dict) and set(item) == {"contact"} and isinstance(item["contact"], str):
            sources.append(Source("", contact=item["contact"]))
        elif isinstance(item, dict) and isinstance(item.get("title"), str):
            url = item.get("url")
            if url is not None and not str(url).startswith("https://"):
                raise PageError(path, _line_of(block, "sources"),
                                f"source URL must start with https:// ({url})")
            sources.append(Source(item["title"], url))
        else:
            raise PageError(path, _line_of(block, "sources"),
                            f"each source is a title, 'title:' with an optional 'url:', or 'contact:' "
                            f"with a registry key ({item!r})")

    for key in BOOLEAN_KEYS:
        if key in data and not isinstance(data[key], bool):
            raise PageError(path, _line_of(block, key), f"'{key}' must be true or false, not {data[key]!r}")
    extra = {k: v for k, v in data.items() if k not in REQUIRED}
    return FrontMatter(data["title"], data["description"], reviewed, tuple(sources), extra)


def read_front_matter(path: Path, shown: str | None = None) -> FrontMatter:
    """Front matter of the file at ``path``; errors name it as ``shown`` (e.g. docs/x.es.md)."""
    return parse_front_matter(Path(path).read_text(encoding="utf-8"), shown or path)


def body_first_line(path: Path) -> int:
    """The file line where the Markdown body starts (what MkDocs hands the hooks)."""
    text = Path(path).read_text(encoding="utf-8")
    match = FENCE.match(text)
    if not match:
        return 1
    rest = text[match.end():]
    return 1 + match.group(0).count("\n") + (len(rest) - len(rest.lstrip("\n")))
