"""Research reading on the bundled library: `!tag` (and the tag index built on its first
call), `!versions`, `!cable <id> header` and `!similar`, through the real dispatch; and
the `!timeline` chart Discord attaches (its cost does not grow with the library: at most
one bar a year or month).

Target: `!tag` and `!versions` under 50 ms. The same commands are in the scale
benchmark's mix (benchmarks/scale.py) for the generated full-size library.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchmarks import Table
from bot.cables.loader import load_library
from bot.chat.replies import TimelineReply
from bot.chat.state import AppState
from bot.render.chart import timeline_png
from bot.search.startup import open_engine
from handlers.dispatch import dispatch_command

TARGET_MS = 50.0
ROUNDS = 3


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def run() -> list[Table]:
    library = load_library()
    with tempfile.TemporaryDirectory() as cache:
        engine = open_engine(library, Path(cache))
    state = AppState(library, engine_factory=lambda _: engine)
    tags = sorted({tag for cable in library.catalogue() for tag in cable.tags})
    duplicated = [duplicate.ref_id for duplicate in library.report.duplicates]
    started = time.perf_counter()
    dispatch_command(state, "tag", tags[0])
    first_tag_ms = (time.perf_counter() - started) * 1000
    lines = {
        "tag": tags,
        "versions": duplicated,
        "cable (header)": [f"{ref_id} header" for ref_id in library.ids()[:300]],
        "similar": [f"{ref_id} 2" for ref_id in library.ids()[:60]],
    }
    table = Table(
        "Research reading (bundled library, through dispatch)",
        ["command", "calls", "p50 ms", "p99 ms", "max ms", f"p99 <= {TARGET_MS:.0f} ms"],
    )
    for name, args_list in lines.items():
        command = name.split()[0]
        samples = []
        for _ in range(ROUNDS):
            for args in args_list:
                started = time.perf_counter()
                dispatch_command(state, command, args)
                samples.append((time.perf_counter() - started) * 1000)
        p99 = _percentile(samples, 0.99)
        table.rows.append(
            [
                f"!{name}",
                str(len(samples)),
                f"{_percentile(samples, 0.5):.2f}",
                f"{p99:.2f}",
                f"{max(samples):.2f}",
                "yes" if p99 <= TARGET_MS else "NO",
            ]
        )
    charts = []
    for args in ("trafficking", "tag:PREL", "trafficking year:2007-2008", "iceland OR reykjavik"):
        reply = dispatch_command(state, "timeline", args)
        assert isinstance(reply, TimelineReply)
        for _ in range(ROUNDS):
            started = time.perf_counter()
            timeline_png(reply)
            charts.append((time.perf_counter() - started) * 1000)
    table.rows.append(
        [
            "!timeline chart (PNG)",
            str(len(charts)),
            f"{_percentile(charts, 0.5):.2f}",
            f"{_percentile(charts, 0.99):.2f}",
            f"{max(charts):.2f}",
            "",
        ]
    )
    table.notes.append(
        f"The first !tag builds the tag index over {len(library):,} cables: {first_tag_ms:.0f} ms."
    )
    return [table]


if __name__ == "__main__":
    for table in run():
        print(table.render(), end="\n\n")
    sys.exit(0)
