"""Published addresses never vanish.

``data/published-urls.txt`` lists every public address of the site, both languages: each page,
each section anchor a heading declares with an explicit id (``## Horas extra {#horas-extra}``
-> ``/derechos/salario/#horas-extra``), each anchor a template marks stable (``data-pl-stable``:
the Deadlines page's ``/plazos/#osha-11c``) and each PDF (flyers). NGOs print and share these.

The tests compare the built site with the list: an address that is gone (a page removed or
renamed without a redirect in ``redirect_maps``, a heading id renamed, a PDF no longer made)
fails with the address named. New addresses are fine; ``make urls`` adds them to the list.
"""

from __future__ import annotations

import re
from pathlib import Path

from puente.checks import link_sources
from puente.checks.linkcheck import Checker, url_path
from puente.core.languages import Languages
from puente.core.project import Project

LIST = Path("data/published-urls.txt")
HEADING_ID = re.compile(r"^#{1,6}\s.*\{[^}\n]*#([\w-]+)[^}\n]*\}\s*$", re.MULTILINE)
STABLE_ID = re.compile(r'<[a-z][^>]*\bid="([\w-]+)"[^>]*\bdata-pl-stable\b')
HEADER = """\
# Every public address of the site (both languages): pages, section anchors declared by
# headings ({#id}) and PDFs. Removing or renaming one without a redirect fails the tests.
# Refresh with `make urls` after adding pages (never delete lines by hand).
"""


def _checker(site: Path, languages: Languages) -> Checker:
    checker = Checker(site, languages=languages)
    checker.read()
    return checker


def collect(site: Path, docs: Path, checker: Checker | None = None) -> list[str]:
    """Every public address of the built ``site`` (built from ``docs``' project)."""
    checker = checker or _checker(site, Project(Path(docs).parent).languages)
    urls = set()
    for path, page in checker.pages.items():
        if page.redirect is not None or path.endswith("404.html") or not path.endswith("/"):
            continue
        urls.add(path)
        markdown = link_sources.markdown_for(path, docs, checker.languages)
        if markdown is None:
            continue
        for anchor in HEADING_ID.findall(markdown.read_text(encoding="utf-8")):
            if anchor in page.ids:
                urls.add(f"{path}#{anchor}")
        rel = checker.target_file(path)
        if rel is not None:  # anchors a template declares stable (the Deadlines page's entries)
            text = (Path(site) / rel).read_text(encoding="utf-8")
            urls.update(f"{path}#{anchor}" for anchor in STABLE_ID.findall(text) if anchor in page.ids)
    urls.update("/" + rel for rel in checker.files if rel.endswith(".pdf"))
    return sorted(urls)


def read(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def write(path: Path, urls: list[str]) -> None:
    """Write the list, keeping every address already listed (a list only grows)."""
    merged = sorted(set(urls) | set(read(path)))
    path.write_text(HEADER + "\n".join(merged) + "\n", encoding="utf-8")


def missing(site: Path, listed: list[str], languages: Languages, checker: Checker | None = None) -> list[str]:
    """A message for each listed address the built ``site`` no longer serves."""
    checker = checker or _checker(site, languages)
    problems = []
    for url in listed:
        path, _, anchor = url.partition("#")
        rel = checker.target_file(path)
        if rel is None:
            hint = ("make the flyer again, or keep the file at this address" if path.endswith(".pdf") else
                    "restore the page, or add its old name to redirect_maps in mkdocs.yml "
                    "(e.g. derechos/pago.md: derechos/salario.md)")
            problems.append(f"published URL {url} no longer exists: {hint}")
            continue
        final, chain, looped = checker.follow(url_path(site, rel))
        if looped:
            problems.append(f"published URL {url} is caught in a redirect loop: {' -> '.join(chain)}")
            continue
        final_rel = checker.target_file(final)
        if final_rel is None:
            problems.append(f"published URL {url} redirects to {final}, which does not exist")
            continue
        page = checker.pages.get(url_path(site, final_rel))
        if anchor and page is not None and anchor not in page.ids:
            problems.append(f"published URL {url}: the page no longer has the id '{anchor}'; keep it on "
                            f"the heading ({{#{anchor}}}): ids are never renamed once published")
    return problems


def compare(site: Path, root: Path) -> tuple[list[str], list[str]]:
    """(addresses gone, addresses not yet listed) for the site built from ``root``."""
    languages = Project(root).languages
    checker = _checker(site, languages)
    listed = read(root / LIST)
    current = collect(site, root / "docs", checker)
    return missing(site, listed, languages, checker), sorted(set(current) - set(listed))
