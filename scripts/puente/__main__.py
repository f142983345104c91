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


COMMANDS = {
    "compile-catalogs": (compile_catalogs, "compile locales/*/LC_MESSAGES/messages.po to .mo"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m puente", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (func, help_text) in COMMANDS.items():
        sub.add_parser(name, help=help_text).set_defaults(func=func)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
