"""The search index: Pagefind, run over the built site once every language is written.

Pagefind reads each page's ``<html lang>`` and writes one index per language, so a reader only
ever searches their own language's pages; it folds case and accents (``telefono`` finds
``teléfono``). Only the article (``data-pagefind-body``, set by ``page_weight``) is indexed;
elements marked ``data-pagefind-ignore`` (share links) are left out. The binary comes from the
``pagefind-bin`` wheel pinned in requirements.txt; it needs no network.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from pagefind_bin import get_executable

EXCLUDE = ".pl-facts, .pl-share"


class SearchIndexError(RuntimeError):
    pass


def build(site: Path) -> str:
    command = [str(get_executable()), "--site", str(site), "--exclude-selectors", EXCLUDE]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(
            f"pagefind failed on {site} (exit {done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    _sort_entry(site / "pagefind" / "pagefind-entry.json")
    summary = [line.strip() for line in done.stdout.splitlines() if line.strip().startswith("Indexed")]
    return "; ".join(summary)


def _sort_entry(entry: Path) -> None:
    """Pagefind lists the languages of its entry file in a random order (a hash map): sorted,
    two builds of one commit give the same bytes. Readers of the file see the same JSON."""
    if entry.is_file():
        data = json.loads(entry.read_text(encoding="utf-8"))
        entry.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")),
                         encoding="utf-8")
