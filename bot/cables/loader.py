"""Load files, directories and archives into a Library.

PROVISIONAL: only site HTML pages; the full loader accounts for every format,
duplicate and rejection.
"""

from __future__ import annotations

import tarfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from bot.cables.build import build_cable
from bot.cables.library import Library, LoadReport
from bot.cables.readers import site_html

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _texts(path: Path) -> Iterator[tuple[str, str]]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file():
                yield from _texts(child)
    elif path.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(path) as tar:
            for member in tar:
                f = tar.extractfile(member) if member.isfile() else None
                if f is not None:
                    yield f"{path}!{member.name}", f.read().decode("utf-8", "replace")
    else:
        yield str(path), path.read_text("utf-8", "replace")


def load_library(paths: Sequence[Path] = ()) -> Library:
    cables = {}
    report = LoadReport()
    for root in paths or [SEEDS]:
        for name, text in _texts(root):
            report.files += 1
            if site_html.sniff(text[:100_000]):
                for raw in site_html.read(text, name):
                    cable = build_cable(raw)
                    cables[cable.ref_id] = cable
    report.cables = len(cables)
    return Library(cables.values(), report)
