"""Search benchmark: index build and reuse time, query latency (p50/p95/p99), memory.

    python -m bot.bench.search [--library PATH ...] [--rounds N]

Without paths it runs on the bundled library (`seeds/`); with a generated scale
library (`make gen-corpus SIZE=100k`) it shows the build throughput at scale.
Queries are the dev set questions (scoped to their cable and across the library)
plus their typo'd forms, so correction is part of the measured path.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bot.cables.loader import load_library
from bot.search.api import SearchFilters
from bot.search.devset import load_devset
from bot.search.index import open_engine

TARGET_P99_MS = 20.0


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _typo(question: str) -> str:
    """The question with its longest word's second-to-last letter dropped."""
    words = question.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) > 5:
        words[longest] = word[:-2] + word[-1]
    return " ".join(words)


def _queries() -> list[tuple[str, SearchFilters]]:
    items = load_devset()
    queries: list[tuple[str, SearchFilters]] = []
    for item in items:
        for question in (item.question, _typo(item.question)):
            queries.append((question, SearchFilters()))
            if item.ref_id is not None:
                queries.append((question, SearchFilters(ref_id=item.ref_id)))
    return queries


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", nargs="*", type=Path, default=[])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    library = load_library(args.library)
    paragraphs = sum(len(c.paragraphs) for c in library)
    print(
        f"library: {len(library)} cables, {paragraphs} paragraphs, "
        f"loaded in {time.perf_counter() - started:.1f}s"
    )

    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        engine = open_engine(library, Path(cache))
        build = time.perf_counter() - started
        started = time.perf_counter()
        reopened = open_engine(library, Path(cache))
        reuse = time.perf_counter() - started
        assert engine.built_now and not reopened.built_now
    rate = paragraphs / build if build else 0.0
    print(f"index build: {build:.2f}s ({rate:,.0f} paragraphs/s); reopen (reuse): {reuse:.2f}s")
    print(f"peak memory so far: {_peak_rss_mb():.0f} MB")

    queries = _queries()
    for question, filters in queries[:20]:  # warm the caches
        reopened.search(question, filters, 10)
    timings = []
    for _ in range(args.rounds):
        for question, filters in queries:
            t0 = time.perf_counter()
            reopened.search(question, filters, 10)
            timings.append((time.perf_counter() - t0) * 1000)
    p50, p95, p99 = (_percentile(timings, s) for s in (0.5, 0.95, 0.99))
    verdict = "OK" if p99 <= TARGET_P99_MS else f"OVER the {TARGET_P99_MS:.0f} ms target"
    print(
        f"query latency over {len(timings)} searches (limit 10, excerpts included): "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms, max {max(timings):.1f} ms "
        f"-> {verdict}"
    )
    return 0 if p99 <= TARGET_P99_MS else 1


if __name__ == "__main__":
    sys.exit(main())
