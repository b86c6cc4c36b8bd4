"""`cablebot corpus`: the load report of a library."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bot.cables.loader import load_library


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("corpus", help="load cables and report")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("paths", nargs="*", type=Path)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    library = load_library(args.paths)
    print(library.report.model_dump_json(indent=2) if args.json else library.report)
    return 0
