"""The commands ``python -m puente linkcheck`` and ``python -m puente published-urls``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def linkcheck(args: argparse.Namespace, root: Path) -> int:
    from puente.checks import linkcheck as check

    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site}: no built site here; run `make build` first (or `make linkcheck`)", file=sys.stderr)
        return 2
    # The project the site was built from: its parent when it holds a mkdocs.yml (site/ inside a
    # project), else this project (e.g. a build into /tmp).
    project = site.resolve().parent if (site.resolve().parent / "mkdocs.yml").is_file() else root
    report = check.run(site, project=project)
    for problem in report.problems:
        print(problem)
    errors = len(report.problems)
    if getattr(args, "online", False):
        from puente.checks import linkcheck_online

        results = linkcheck_online.check_urls(sorted(report.external), cache_file=project / linkcheck_online.CACHE)
        for result in results:
            if result.problem:
                pages = sorted({page.path for page in report.external[result.url]})
                print(f"{result.url}: {result.problem} (on {', '.join(pages[:3])}"
                      f"{' …' if len(pages) > 3 else ''})")
                errors += result.is_error
        print(f"online: {len(results)} external addresses checked, "
              f"{sum(r.from_cache for r in results)} from the cache ({linkcheck_online.CACHE})")
    print(f"linkcheck: {report.pages} pages, {report.links} links, {len(report.external)} external "
          f"addresses, checked in {report.seconds:.3f} s: {errors} error{'s' * (errors != 1)}",
          file=sys.stderr if errors else sys.stdout)
    return 1 if errors else 0


def published_urls(args: argparse.Namespace, root: Path) -> int:
    from puente.checks import published_urls as urls

    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site}: no built site here; run `make build` first (or `make urls`)", file=sys.stderr)
        return 2
    if args.update:
        listed = urls.collect(site, root / "docs")
        urls.write(root / urls.LIST, listed)
        print(f"{urls.LIST}: {len(listed)} published URLs")
        return 0
    missing, new = urls.compare(site, root)
    for problem in missing:
        print(problem, file=sys.stderr)
    if new:
        print(f"{len(new)} new URLs not yet in {urls.LIST} (fine; run `make urls` to add them)")
    return 1 if missing else 0
