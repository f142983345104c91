"""The project on disk: where its parts live, and its configuration read as plain data.

Commands, checks and tests that run outside a MkDocs build read ``mkdocs.yml`` here, with the
loader MkDocs uses (PyYAML's ``Loader`` with ``!ENV``, ``mkdocs.utils.yaml``), so ``!ENV`` values
resolve as in a build; a configuration that ``INHERIT``s another is read by MkDocs' own
``yaml_load``. Importing MkDocs for every file would cost each command about 8 MiB and 0.15 s
(the link check among them). A running build gets the same answers from its config object
(``puente.features.build_context``).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml
import yaml_env_tag

from puente.core.languages import Languages


class _ConfigLoader(getattr(yaml, "CLoader", yaml.Loader)):
    """``mkdocs.utils.yaml.get_yaml_loader()`` without a build: PyYAML's Loader and ``!ENV`` (in C
    when PyYAML has libyaml: ten times faster on our mkdocs.yml, which every command reads)."""


_ConfigLoader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)

ROOT = Path(__file__).resolve().parents[3]   # the checkout: scripts/puente/core/project.py
# What a build is made of (no site/, caches, .venv or compiled catalogs): a copy of these builds.
SOURCES = ("mkdocs.yml", "babel.cfg", "data", "docs", "overrides", "locales", "scripts")


def here(start: Path | None = None) -> Path:
    """The project a command works on: the nearest folder at or above ``start`` (the current
    directory) with a mkdocs.yml, else the checkout this package lives in."""
    start = Path(start or Path.cwd()).resolve()
    return next((folder for folder in (start, *start.parents) if (folder / "mkdocs.yml").is_file()), ROOT)


@dataclass(frozen=True)
class Project:
    root: Path = ROOT

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def locales(self) -> Path:
        return self.root / "locales"

    @property
    def cache(self) -> Path:
        """Build caches (flyers, link checks, benchmarks): outside site/, never published."""
        return self.root / ".cache"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @cached_property
    def config(self) -> dict:
        data = yaml.load(self.config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
        if isinstance(data, dict) and "INHERIT" in data:   # built on another file: MkDocs merges them
            from mkdocs.utils import yaml_load

            with self.config_file.open(encoding="utf-8") as handle:
                return yaml_load(handle) or {}
        return data

    def i18n(self) -> dict:
        """The mkdocs-static-i18n plugin's settings (empty for a site without it)."""
        for plugin in self.config.get("plugins") or []:
            if isinstance(plugin, dict) and "i18n" in plugin:
                return plugin["i18n"] or {}
        return {}

    @cached_property
    def languages(self) -> Languages:
        entries = self.i18n().get("languages")
        if not entries:
            theme = self.config.get("theme") or {}
            return Languages((theme.get("language", "en"),))
        return Languages.from_entries(entries)

    @property
    def site_url(self) -> str:
        return self.config.get("site_url") or ""

    def copy_sources(self, target: Path) -> Project:
        """A copy of the project's sources (``SOURCES``) in ``target``, ready to build."""
        target = Path(target)
        target.mkdir(parents=True, exist_ok=True)
        for name in SOURCES:
            source = self.root / name
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo",
                                                                                      "*.egg-info"))
            elif source.exists():
                shutil.copy2(source, target / name)
        return Project(target)
