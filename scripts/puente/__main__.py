"""The project's commands: ``python -m puente <command>`` (``make`` calls these)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def compile_catalogs(args: argparse.Namespace) -> int:
    from puente import catalogs

    for mo in catalogs.compile_all(ROOT / "locales"):
        print(f"compiled {mo.relative_to(ROOT)}")
    return 0


def linkcheck(args: argparse.Namespace) -> int:
    from puente import linkcheck_command

    return linkcheck_command.linkcheck(args, ROOT)


def published_urls(args: argparse.Namespace) -> int:
    from puente import linkcheck_command

    return linkcheck_command.published_urls(args, ROOT)


def bench_links(args: argparse.Namespace) -> int:
    from puente import bench_links as bench

    return bench.main(args, ROOT)


def flyers_command(args: argparse.Namespace) -> int:
    from puente import flyers

    try:
        flyers.render(Path(args.site), ROOT / flyers.CACHE)
    except flyers.FlyerError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    return 0


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


COMMANDS = {
    "compile-catalogs": (compile_catalogs, "compile locales/*/LC_MESSAGES/messages.po to .mo"),
    "linkcheck": (linkcheck, "check every link of the built site (both languages)", _linkcheck_arguments),
    "published-urls": (published_urls, "check (or --update) data/published-urls.txt", _urls_arguments),
    "bench-links": (bench_links, "benchmark the link check against LinkChecker on a synthetic site",
                    _bench_arguments),
    "flyers": (flyers_command, "write the PDF flyers and thumbnails of a built site (cached in .cache/flyers)",
               _site_arguments),
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


if __name__ == "__main__":
    sys.exit(main())
