"""`make eval`: hit@1, hit@3 and MRR on the dev set, for the engine with and without
the semantic ranker and two baselines; then on the paraphrased tuning set; then the
same on the blind set, never tuned on (`--no-blind` leaves it out while tuning).

Every question is asked twice: scoped to its cable, and across the whole library.
Off-topic questions (the dev set's and tests/search/offtopic.jsonl) check the "no
good match" signal (weak) instead. The paragraph vectors are kept under
.cache/eval/ (the first run encodes the whole library: minutes).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.baselines import Baseline, FuzzyOnly, Key, PlainBM25
from benchmarks.devset import DEVSET, DevQuestion, Unresolved, gold_keys, load_devset
from bot.cables.library import Library
from bot.cables.loader import load_library
from bot.search.api import SearchFilters
from bot.search.engine import DENSE_STRONG, WEAK_COVERAGE, CableSearchEngine
from bot.search.semantic.vectors import ParagraphVectors
from bot.search.startup import open_engine, semantic_vectors
from bot.search.tantivy_index import open_index

OFF_TOPIC = DEVSET.with_name("offtopic.jsonl")
BLIND_SET = DEVSET.with_name("blindset.jsonl")
TUNING_SET = DEVSET.with_name("paraphrase_tuning.jsonl")
VECTOR_CACHE = Path(".cache/eval")

DEPTH = 10
Ranker = Callable[[str, str | None], list[Key]]


@dataclass(slots=True)
class Scores:
    hit1: float
    hit3: float
    mrr: float
    count: int

    def row(self, name: str) -> str:
        return f"  {name:<16} {self.hit1:6.3f} {self.hit3:6.3f} {self.mrr:6.3f}   (n={self.count})"


def score(ranker: Ranker, cases: list[tuple[DevQuestion, set[Key]]], scoped: bool) -> Scores:
    ranks = []
    for item, gold in cases:
        ranked = ranker(item.question, item.ref_id if scoped else None)
        rank = next((i + 1 for i, key in enumerate(ranked) if key in gold), None)
        ranks.append(rank)
    n = max(len(ranks), 1)
    return Scores(
        hit1=sum(1 for r in ranks if r == 1) / n,
        hit3=sum(1 for r in ranks if r is not None and r <= 3) / n,
        mrr=sum(1 / r for r in ranks if r is not None) / n,
        count=len(ranks),
    )


def engine_ranker(engine: CableSearchEngine) -> Ranker:
    def rank(question: str, ref_id: str | None) -> list[Key]:
        ranking = engine.rank(question, SearchFilters(ref_id=ref_id), DEPTH, meaning=True)
        return [(p.ref_id, p.index) for p in ranking.paragraphs]

    return rank


def baseline_ranker(baseline: Baseline) -> Ranker:
    return lambda question, ref_id: baseline.rank(question, ref_id, DEPTH)


def gold_cases(
    library: Library, items: list[DevQuestion]
) -> tuple[list[tuple[DevQuestion, set[Key]]], list[str]]:
    cases, problems = [], []
    for item in items:
        if item.ref_id is None:
            continue
        try:
            cases.append((item, gold_keys(library, item)))
        except Unresolved as exc:
            problems.append(str(exc))
    return cases, problems


def weak_report(name: str, engine: CableSearchEngine, items: list[DevQuestion]) -> str:
    on_topic = [i for i in items if i.ref_id is not None]
    off_topic = [i for i in items if i.ref_id is None]
    flagged_on = sum(engine.ask(i.question, SearchFilters(), 3).weak for i in on_topic)
    flagged_off = sum(engine.ask(i.question, SearchFilters(), 3).weak for i in off_topic)
    return (
        f"  {name:<16} off-topic flagged {flagged_off}/{len(off_topic)}, "
        f"on-topic questions flagged {flagged_on}/{len(on_topic)}"
    )


def all_vectors(library: Library) -> ParagraphVectors:
    """Every cable's vectors, from VECTOR_CACHE or encoded now (and stored there)."""
    vectors = semantic_vectors(library, VECTOR_CACHE)
    started = time.perf_counter()
    for cable in library:
        vectors.ensure(cable)
    print(
        f"paragraph vectors: {vectors.cables_done} cables ready in "
        f"{time.perf_counter() - started:.1f}s ({vectors.encoder.encoded} windows encoded now)"
    )
    return vectors


def table(
    title: str, rankers: list[tuple[str, Ranker]], cases: list[tuple[DevQuestion, set[Key]]]
) -> None:
    cables = len({item.ref_id for item, _ in cases})
    print(f"\n{title}: {len(cases)} questions over {cables} cables")
    for scoped, where in ((True, "scoped to the question's cable"), (False, "whole library")):
        print(f"\n{where}:\n  {'':<16} {'hit@1':>6} {'hit@3':>6} {'MRR':>6}")
        for name, ranker in rankers:
            print(score(ranker, cases, scoped).row(name))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Answer quality on the question sets.")
    parser.add_argument(
        "--no-blind", action="store_true", help="leave the blind set out (while tuning)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    library = load_library()
    items = load_devset()
    cases, problems = gold_cases(library, items)
    print(f"library: {len(library)} cables, loaded in {time.perf_counter() - started:.1f}s")
    for problem in problems:
        print(f"  gold not found: {problem}")
    engine = open_engine(library, None)
    semantic = CableSearchEngine(library, open_index(library, None), all_vectors(library))
    rankers: list[tuple[str, Ranker]] = [
        ("engine+meaning", engine_ranker(semantic)),
        ("engine (words)", engine_ranker(engine)),
        (PlainBM25.name, baseline_ranker(PlainBM25(library))),
        (FuzzyOnly.name, baseline_ranker(FuzzyOnly(library))),
    ]
    table("dev set", rankers, cases)
    off_topic = [*items, *load_devset(OFF_TOPIC)]
    print(
        f"\nweak (best hit: coverage < {WEAK_COVERAGE} or words never together, "
        f"and with meaning: cosine < {DENSE_STRONG}):"
    )
    print(weak_report("engine+meaning", semantic, off_topic))
    print(weak_report("engine (words)", engine, off_topic))
    tuning = load_devset(TUNING_SET)
    tuning_cases, problems = gold_cases(library, tuning)
    for problem in problems:
        print(f"  gold not found: {problem}")
    table("tuning set (paraphrased)", rankers, tuning_cases)
    if args.no_blind:
        return 0
    if not BLIND_SET.exists():
        print(f"\nblind set: {BLIND_SET} not found")
        return 0
    blind = load_devset(BLIND_SET)
    blind_cases, problems = gold_cases(library, blind)
    for problem in problems:
        print(f"  gold not found: {problem}")
    table("blind set, never tuned on", rankers, blind_cases)
    for style in sorted({item.style or "" for item, _ in blind_cases}):
        chosen = [case for case in blind_cases if case[0].style == style]
        table(f"blind set, {style} questions", rankers, chosen)
    print("\nweak, blind set:")
    print(weak_report("engine+meaning", semantic, blind))
    print(weak_report("engine (words)", engine, blind))
    return 0


if __name__ == "__main__":
    sys.exit(main())
