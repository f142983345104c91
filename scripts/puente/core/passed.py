"""Checks passed before, remembered between builds.

A check that is a pure function of its input (a page's article HTML, a page's Markdown) need not
run again on an input it has passed: ``mkdocs serve`` rebuilds every page on each edit, and a
daily ``make build`` sees mostly unchanged pages.

    POLICY = Passes("html-policy", version_of(Path(__file__), justhtml.__version__))
    POLICY.keep_in(project.cache / "passed")     # nothing is remembered without a folder
    if not POLICY.seen(fragment, site_url):
        check(fragment, site_url)                 # raises on a problem
        POLICY.add(fragment, site_url)
    POLICY.save()                                 # at the end of the build

Only passes are remembered, never failures: a page with a problem is checked, and its problems
reported, on every build. The key is a digest of the input and of the check's ``version`` (its
own source and the versions of the libraries it relies on), so an edited check or a new library
starts from nothing. The file is written whole, then renamed: two builds at once never read half
of it, and at worst one build's new passes are checked again next time.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

LIMIT = 50_000   # digests kept per check (about 1.7 MB); the oldest go first


def version_of(*parts: Path | str) -> str:
    """A digest of source files (their bytes) and version strings."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.read_bytes() if isinstance(part, Path) else part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class Passes:
    def __init__(self, name: str, version: str):
        self.name, self.version = name, version
        self._file: Path | None = None
        self._known: dict[str, None] = {}   # insertion-ordered: the oldest first
        self._new = False

    def keep_in(self, folder: Path) -> None:
        """Remember passes in ``folder`` (read now, written by ``save``). Called again with the
        same folder (the next language build, a rebuild under ``mkdocs serve``), it keeps what
        this process knows."""
        file = Path(folder) / f"{self.name}.txt"
        if file != self._file:
            self._file = file
            self._known, self._new = self._read(), False

    def _key(self, parts: tuple[str, ...]) -> str:
        digest = hashlib.blake2b(self.version.encode("ascii"), digest_size=16)
        for part in parts:
            digest.update(b"\0")
            digest.update(part.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def seen(self, *parts: str) -> bool:
        return self._file is not None and self._key(parts) in self._known

    def add(self, *parts: str) -> None:
        if self._file is not None:
            self._known[self._key(parts)] = None
            self._new = True

    def _read(self) -> dict[str, None]:
        try:
            lines = self._file.read_text(encoding="ascii").split()
        except (OSError, UnicodeDecodeError):
            return {}
        return dict.fromkeys(lines[1:]) if lines[:1] == [self.version] else {}

    def save(self) -> None:
        """Write what this build added, with what another build may have written meanwhile."""
        if self._file is None or not self._new:
            return
        known = {**self._read(), **self._known}
        keep = list(known)[-LIMIT:]
        self._file.parent.mkdir(parents=True, exist_ok=True)
        partial = self._file.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text("\n".join([self.version, *keep]) + "\n", encoding="ascii")
        partial.replace(self._file)
        self._known, self._new = dict.fromkeys(keep), False
