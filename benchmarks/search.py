"""Search benchmark on the bundled library: index build and reuse, query latency.

Queries are the dev set questions (scoped to their cable and across the library)
plus a typo'd form of each, so spelling correction is on the measured path;
excerpts are built for all 10 hits of every search, as the chat layer asks.
Full-scale figures (251,287 cables) come from `benchmarks.scale`.

    python -m benchmarks.search
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import Table
from benchmarks.devset import load_devset
from bot.cables.library import Library
from bot.cables.loader import load_library
from bot.search.api import SearchFilters
from bot.search.startup import open_engine

TARGET_P99_MS = 20.0
ROUNDS = 3


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
    queries: list[tuple[str, SearchFilters]] = []
    for item in load_devset():
        for question in (item.question, _typo(item.question)):
            queries.append((question, SearchFilters()))
            if item.ref_id is not None:
                queries.append((question, SearchFilters(ref_id=item.ref_id)))
    return queries


def _paragraphs(library: Library) -> int:
    return sum(len(cable.paragraphs) for cable in map(library.get, library.ids()) if cable)


def run() -> list[Table]:
    library = load_library()
    paragraphs = _paragraphs(library)
    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        built = open_engine(library, Path(cache))
        build = time.perf_counter() - started
        started = time.perf_counter()
        engine = open_engine(library, Path(cache))
        reuse = time.perf_counter() - started
    assert built.built_now and not engine.built_now

    queries = _queries()
    for question, filters in queries[:20]:  # warm the caches
        engine.search(question, filters, 10)
    timings = []
    for _ in range(ROUNDS):
        for question, filters in queries:
            t0 = time.perf_counter()
            engine.search(question, filters, 10)
            timings.append((time.perf_counter() - t0) * 1000)
    p50, p95, p99 = (_percentile(timings, s) for s in (0.5, 0.95, 0.99))
    # Facets and timelines: the whole match set of each query, counted (`matching_cables`).
    counting = []
    for question, filters in queries:
        t0 = time.perf_counter()
        engine.matching_cables(question, filters)
        counting.append((time.perf_counter() - t0) * 1000)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    index = Table(
        "Search index (bundled library)",
        ["cables", "paragraphs", "build s", "paragraphs/s", "reopen s", "peak RSS MB"],
    )
    index.rows.append(
        [
            str(len(library)),
            str(paragraphs),
            f"{build:.2f}",
            f"{paragraphs / build:,.0f}",
            f"{reuse:.2f}",
            f"{peak_mb:.0f}",
        ]
    )
    latency = Table(
        "Search latency (limit 10, excerpts included)",
        ["searches", "p50 ms", "p95 ms", "p99 ms", "max ms", f"p99 <= {TARGET_P99_MS:.0f} ms"],
    )
    latency.rows.append(
        [
            str(len(timings)),
            f"{p50:.1f}",
            f"{p95:.1f}",
            f"{p99:.1f}",
            f"{max(timings):.1f}",
            "yes" if p99 <= TARGET_P99_MS else "NO",
        ]
    )
    latency.notes.append(
        "Queries: dev set questions and a typo'd form of each, scoped and library-wide."
    )
    matches = Table(
        "Match-set counting for facets and !timeline (same queries)",
        ["queries", "p50 ms", "p99 ms", "max ms", f"p99 <= {TARGET_P99_MS:.0f} ms"],
    )
    c50, c99 = (_percentile(counting, s) for s in (0.5, 0.99))
    matches.rows.append(
        [
            str(len(counting)),
            f"{c50:.1f}",
            f"{c99:.1f}",
            f"{max(counting):.1f}",
            "yes" if c99 <= TARGET_P99_MS else "NO",
        ]
    )
    return [index, latency, matches]


if __name__ == "__main__":
    for table in run():
        print(table.render(), end="\n\n")
    sys.exit(0)
