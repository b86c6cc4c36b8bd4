"""`cablebot corpus [--json] [PATH...]`: load cables and report where every input went."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.cables.library import LoadReport
from bot.cables.loader import load_library
from bot.cli.settings import load_settings


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "corpus",
        help="load cables and report what was loaded, duplicated or rejected",
        description="Load cables (default: the bundled library) and report every input.",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("paths", nargs="*", type=Path, help="files, directories, .tar.gz/.gz archives")
    p.set_defaults(handler=run)


def missing_paths(paths: Sequence[Path]) -> list[Path]:
    """Paths given on the command line that do not exist (a dangling link counts as given)."""
    return [p for p in paths if not p.exists() and not p.is_symlink()]


def complain_missing(command: str, paths: Sequence[Path]) -> bool:
    """Print a clear message for missing paths; True when there were any."""
    missing = missing_paths(paths)
    for path in missing:
        print(f"cablebot {command}: no such file or directory: {path}", file=sys.stderr)
    return bool(missing)


def _shown(path: str) -> str:
    """Paths under the working directory are shown relative to it."""
    cwd = f"{Path.cwd()}/"
    return path.removeprefix(cwd)


def summary(report: LoadReport) -> str:
    lines = [
        f"Loaded {report.cables:,} cables from {report.files:,} files "
        f"({report.records:,} cable records).",
    ]
    if report.by_format:
        formats = ", ".join(f"{name} {count:,}" for name, count in report.by_format.items())
        lines.append(f"By format: {formats}.")
    if report.duplicates:
        lines.append(
            f"Duplicates: {len(report.duplicates):,} ids had more than one copy; "
            f"{report.dropped():,} copies dropped, one kept:"
        )
        by_reason: dict[str, list[str]] = {}
        for dup in report.duplicates:
            by_reason.setdefault(dup.reason, []).append(f"{dup.ref_id} (kept {_shown(dup.kept)})")
        for reason, cases in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
            more = f" and {len(cases) - 1:,} more" if len(cases) > 1 else ""
            lines.append(f"  {len(cases):,} x {reason}")
            lines.append(f"      e.g. {cases[0]}{more}")
    if report.rejected:
        lines.append(f"Rejected: {len(report.rejected):,}.")
        lines.extend(f"  {_shown(r.path)}: {r.reason}" for r in report.rejected)
    else:
        lines.append("Rejected: none.")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    if settings is None:
        return 2
    if complain_missing("corpus", args.paths):
        return 2
    report = load_library(args.paths, settings.input_limits()).report
    print(report.model_dump_json(indent=2) if args.json else summary(report))
    return 0
