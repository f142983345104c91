"""What one build knows, in one object: created by ``scripts/hooks.py``, handed to the features.

MkDocs loads the hooks module again for every build it starts (each ``mkdocs build``, each
rebuild under ``mkdocs serve``), and mkdocs-static-i18n runs one build per language inside it:
so a ``BuildState`` lives for one whole multi-language build. Caches of pure functions (QR codes,
compiled templates, CSS bundles) are not state and live beside their functions.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any


@dataclass
class BuildState:
    serving: bool = False                   # under `mkdocs serve` (no PDFs)
    registry: Any = None                    # core.contacts.Registry, loaded once
    shortcodes: dict = field(default_factory=dict)       # name -> handler, for every page
    used_contacts: set[str] = field(default_factory=set)  # keys the pages referred to
    deadlines: Any = None                   # core.deadlines.Registry, loaded once
    used_deadlines: dict[str, set[str]] = field(default_factory=dict)   # language -> deadline keys cited
    deadline_allowlist: Any = None          # checks.deadline_mentions' committed exceptions
    translations: Any = None                # core.translation_status.Status of this language build
    renderers: dict = field(default_factory=dict)         # (language build, text language) -> render()
    error_pages: dict[str, bytes] = field(default_factory=dict)   # site dir -> the default language's 404
    python_markdown: Any = None             # Python-Markdown configured as MkDocs does (heading ids)
    said: set[str] = field(default_factory=set)           # one-line notices already printed
    offline: dict = field(default_factory=dict)           # language -> what the service worker shows

    def say_once(self, message: str | None) -> None:
        """Print ``message`` on stderr once per build (a notice, not a MkDocs warning, which
        ``strict: true`` would turn into a failure)."""
        if message and message not in self.said:
            self.said.add(message)
            print(message, file=sys.stderr, flush=True)
