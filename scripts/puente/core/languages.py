"""Which languages the site has: one answer for every feature, check, command and test.

The languages are mkdocs-static-i18n's ``languages`` in ``mkdocs.yml``: the one marked
``default: true`` is the original the pages are written in (Spanish, at ``/``), the others are
translations under ``/<code>/``. The project *ships complete* in :data:`COMPLETE`: a page missing
in one of them fails ``make test``; a language added later (``make i18n-add LANG=fr``) may
ship with fallback pages while it grows.

Which language is being built, and whether it is the last build, are questions about a running
MkDocs build: ``puente.features.build_context`` answers them from this model.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

COMPLETE = ("es", "en")   # the languages the project ships with every page translated


@dataclass(frozen=True)
class Languages:
    """The site's languages: the default (the original) first, then the others in config order."""

    codes: tuple[str, ...]
    names: Mapping[str, str] = field(default_factory=dict)   # code -> its name in itself ("Español")
    complete: tuple[str, ...] = COMPLETE

    def __post_init__(self):
        if not self.codes:
            raise ValueError("a site needs at least one language")

    @property
    def default(self) -> str:
        return self.codes[0]

    @property
    def others(self) -> tuple[str, ...]:
        return self.codes[1:]

    def is_complete(self, code: str) -> bool:
        return code in self.complete

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    @classmethod
    def from_entries(cls, entries: Iterable, complete: tuple[str, ...] = COMPLETE) -> Languages:
        """From mkdocs-static-i18n's ``languages`` entries (dicts read from mkdocs.yml, or the
        plugin's config objects): built languages only, the ``default: true`` one first."""
        rows = []
        for entry in entries:
            get = entry.get if isinstance(entry, Mapping) else lambda key, fallback=None, e=entry: getattr(
                e, key, fallback)
            if get("build", True) is False:
                continue
            rows.append((get("locale"), get("name") or get("locale"), bool(get("default", False))))
        defaults = [code for code, _name, default in rows if default] or [code for code, _n, _d in rows[:1]]
        codes = [*defaults[:1], *(code for code, _name, _default in rows if code not in defaults[:1])]
        return cls(tuple(codes), {code: name for code, name, _default in rows}, complete)
