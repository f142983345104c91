"""YAML for the project's data files, read so that every problem can name its line.

A safe loader that keeps dates as text (a bad date is the caller's error, not a crash), rejects
duplicate keys and records, in each mapping, the line of each key under ``__lines__``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

LINES = "__lines__"


class _LineLoader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver; mappings record their keys' lines."""


_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader, node, deep=False):
    seen: dict = {}
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise loader.puente_error(loader.name, key_node.start_mark.line + 1,
                                      f"duplicate key '{key}' (first on line {seen[key]})",
                                      "Each key must appear once; merge or rename one")
        seen[key] = key_node.start_mark.line + 1
    mapping = loader.construct_mapping(node, deep=deep)
    mapping[LINES] = seen
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(path: Path | str, error: Callable[[str, int, str, str], Exception], shown: str | None = None):
    """The data of the YAML file at ``path``; ``error(file, line, message, hint)`` makes the
    exception raised for a file that is not UTF-8, invalid YAML or a duplicate key; errors name
    ``shown`` (default: ``path``)."""
    from puente.core.front_matter import PageError, read_text

    shown = shown or str(path)
    try:
        loader = _LineLoader(read_text(path, shown))
        loader.name = shown
        loader.puente_error = error
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except PageError as problem:   # not UTF-8: the line and byte offset
        raise error(shown, problem.line, problem.message, problem.hint) from None
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        raise error(shown, mark.line + 1 if mark else 1,
                    f"not valid YAML ({getattr(problem, 'problem', problem)})",
                    "Check indentation and quotes") from None


def lines_of(mapping: dict) -> dict:
    """``key -> line`` of a loaded mapping (empty for anything else)."""
    return mapping.get(LINES, {}) if isinstance(mapping, dict) else {}


def without_lines(mapping: dict) -> dict:
    return {k: v for k, v in mapping.items() if k != LINES}
