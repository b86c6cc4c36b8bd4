"""`cablebot export --out FILE [PATH...]`: the loaded cables as JSON Lines, whole model."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from bot.cables.library import Library
from bot.cables.loader import load_library
from bot.cli.corpus import complain_missing
from bot.cli.settings import load_settings


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "export",
        help="write the loaded cables as JSON Lines",
        description="Load cables (default: the bundled library) and write one JSON cable per line.",
    )
    p.add_argument("--out", required=True, help="output file, or - for standard output")
    p.add_argument("paths", nargs="*", type=Path, help="files, directories, .tar.gz/.gz archives")
    p.set_defaults(handler=run)


def write_jsonl(library: Library, out: TextIO) -> int:
    count = 0
    for cable in sorted(library, key=lambda c: c.ref_id):
        out.write(cable.model_dump_json())
        out.write("\n")
        count += 1
    return count


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    if settings is None:
        return 2
    if complain_missing("export", args.paths):
        return 2
    if args.out != "-":
        out_path = Path(args.out)
        if out_path.is_dir():
            print(f"cablebot export: --out is a directory: {out_path}", file=sys.stderr)
            return 2
        if not out_path.parent.is_dir():
            print(f"cablebot export: no such directory: {out_path.parent}", file=sys.stderr)
            return 2
    library = load_library(args.paths, settings.input_limits())
    try:
        if args.out == "-":
            count = write_jsonl(library, sys.stdout)
        else:
            with open(args.out, "w", encoding="utf-8") as out:
                count = write_jsonl(library, out)
    except OSError as error:
        print(
            f"cablebot export: cannot write {args.out}: {error.strerror or error}", file=sys.stderr
        )
        return 1
    rejected = len(library.report.rejected)
    explained = f"; {rejected:,} rejected, `cablebot corpus` says why" if rejected else ""
    print(f"Wrote {count:,} cables to {args.out}{explained}.", file=sys.stderr)
    return 0
