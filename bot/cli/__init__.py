"""The `cablebot` command: one subcommand per module in this package."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.cli import chat, corpus, desk, export, run


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cablebot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for module in (chat, corpus, desk, export, run):
        module.register(sub)
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
