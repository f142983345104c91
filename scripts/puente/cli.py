"""The command line: ``puente <command>`` or ``python -m puente <command>`` (``make`` calls these)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from puente.core.project import here

ROOT = here()   # the project in the current directory (make runs us there)


def compile_catalogs(args: argparse.Namespace) -> int:
    from puente.core import catalogs

    for mo in catalogs.compile_all(ROOT / "locales"):
        print(f"compiled {mo.relative_to(ROOT)}")
    return 0


def linkcheck(args: argparse.Namespace) -> int:
    from puente.commands import links

    return links.linkcheck(args, ROOT)


def published_urls(args: argparse.Namespace) -> int:
    from puente.commands import links

    return links.published_urls(args, ROOT)


def bench_links(args: argparse.Namespace) -> int:
    from puente.bench import links as bench

    return bench.main(args, ROOT)


def flyers_command(args: argparse.Namespace) -> int:
    from puente.features.flyers import pdfs

    try:
        site = Path(args.site)
        pdfs.render(site, ROOT / ".cache" / pdfs.CACHE_NAME, pdfs.site_address(site))
    except pdfs.FlyerError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    return 0


def i18n_status(args: argparse.Namespace) -> int:
    from puente.commands import translations

    return translations.i18n_status(args, ROOT)


def i18n_mark_current(args: argparse.Namespace) -> int:
    from puente.commands import translations

    return translations.i18n_mark_current(args, ROOT)


def i18n_add(args: argparse.Namespace) -> int:
    from puente.commands import translations

    return translations.i18n_add(args, ROOT)


def check_catalogs(args: argparse.Namespace) -> int:
    from puente.checks import catalog_gate

    problems = catalog_gate.check(ROOT)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"catalogs: {len(problems)} problem(s)" if problems else "catalogs: OK")
    return 1 if problems else 0


def _status_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default=str(ROOT / "build"),
                        help="where to write i18n-status.json and .html (default: build/, beside site/)")


def _mark_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", help="translation files, e.g. docs/sobre.en.md")
    parser.add_argument("--all", action="store_true", help="every translation file in docs/")


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("lang", help="the language code, e.g. fr")


def _site_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"), help="the built site (default: site/)")


def _linkcheck_arguments(parser: argparse.ArgumentParser) -> None:
    _site_arguments(parser)
    parser.add_argument("--online", action="store_true", help="also fetch every external link (cached)")


def _urls_arguments(parser: argparse.ArgumentParser) -> None:
    _site_arguments(parser)
    parser.add_argument("--update", action="store_true", help="rewrite data/published-urls.txt")


def _bench_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pages", type=int, default=1000, help="pages per language (default 1000)")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic site in .cache/bench-links")
    parser.add_argument("--pairs", type=int, default=3, help="our checker and lychee, A B A B (default 3 pairs)")


def bench(args: argparse.Namespace) -> int:
    from puente.bench import phone as phone_bench

    return phone_bench.main(args, ROOT)


def _phone_bench_arguments(parser: argparse.ArgumentParser) -> None:
    from puente.bench import phone as phone_bench

    phone_bench.add_arguments(parser)


def _screenshot_arguments(parser: argparse.ArgumentParser) -> None:
    from puente.bench import screenshot as shot

    shot.add_arguments(parser)


def screenshot(args: argparse.Namespace) -> int:
    from puente.bench import screenshot as shot

    return shot.main(args, ROOT)


def edition(args: argparse.Namespace) -> int:
    from puente.commands import edition as start

    return start.main(ROOT)


COMMANDS = {
    "compile-catalogs": (compile_catalogs, "compile locales/*/LC_MESSAGES/messages.po to .mo"),
    "check-catalogs": (check_catalogs, "the catalogs' quality gate (also run by make test)"),
    "i18n-status": (i18n_status, "translated/outdated/missing pages per language (+ build/i18n-status.*)",
                    _status_arguments),
    "i18n-mark-current": (i18n_mark_current, "record that translations match their Spanish original now",
                          _mark_arguments),
    "i18n-add": (i18n_add, "start a new language: its catalog and mkdocs.yml entry", _add_arguments),
    "linkcheck": (linkcheck, "check every link of the built site (both languages)", _linkcheck_arguments),
    "published-urls": (published_urls, "check (or --update) data/published-urls.txt", _urls_arguments),
    "bench-links": (bench_links, "benchmark the link check against lychee and LinkChecker on a synthetic site",
                    _bench_arguments),
    "flyers": (flyers_command, "write the PDF flyers and thumbnails of a built site (cached in .cache/flyers)",
               _site_arguments),
    "bench": (bench, "phone budgets: bytes, requests, Lighthouse, build-time growth (make bench)",
              _phone_bench_arguments),
    "edition": (edition, "start a local edition: write data/organization.yml from its commented template"),
    "screenshot": (screenshot, "URLPATH OUT.png: the built site at phone width (360×740)",
                   _screenshot_arguments),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m puente", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (func, help_text, *add_arguments) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text)
        command.set_defaults(func=func)
        for add in add_arguments:  # optional third item: add_arguments(subparser)
            add(command)
    args = parser.parse_args(argv)
    return args.func(args)
