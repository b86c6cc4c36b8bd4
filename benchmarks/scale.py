"""Scale: the whole bot on 10k, 100k and all 251,287 cables of a generated cables.csv.

Each start runs in a fresh process (`python -m benchmarks.scale --child ...`), so
load times and resident memory are what a bot process sees:

- cold start: parse (both cores) into the cable store, build the search index;
- warm start: open the persisted store and index;
- memory: resident set (VmRSS) with library and engine loaded and queries run;
- latency: `!cable`, `!ask`, `!search` through the real dispatch and handlers, `!ask`
  by meaning too as shipped (questions in sampled cables first: they encode them);
- load: 50 simulated users at once on the Discord command path (handlers in
  worker threads via asyncio.to_thread), with a ticker measuring event-loop lag;
- baselines on the same paragraphs, in the same run, each within a time budget:
  SQLite FTS5, rank-bm25 and `grep -ri` over the exported text.

Sizes: 10k, 100k and full by default (about 15 minutes on 2 cores); fewer with
`BENCH_SIZES=10k,100k make bench` or `python -m benchmarks.scale --sizes 10k`. The
corpus is generated under bench-data/ when missing.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import Table
from benchmarks.generate import SIZES, default_path, generate
from bot.cables.parallel import install_handler_threads

DEFAULT_SIZES = ("10k", "100k", "full")
# Seconds each baseline may take to build before it is reported as not finishing.
DEFAULT_BUDGET = 180.0
# Baselines hold every paragraph in memory; above this they are stopped, not swapped.
_BASELINE_MEMORY = 6 << 30
USERS = 50
_COMMANDS_PER_USER = 4
_TICK = 0.005
_SAMPLES = 200
SEARCHES = (
    "human trafficking",
    "nuclear program",
    "whaling",
    "election fraud",
    "corruption minister",
    "arms sales",
    "oil exports",
    "terrorist financing",
    "refugees border",
    "press freedom",
)
BROWSES = (
    "tag:PREL",
    "tag:KCRM year:2007",
    "origin:dushanbe",
    "year:2009 class:secret",
    "tag:ETRD origin:tokyo",
)
# !timeline counts the whole match set (the distinct cables of every matching paragraph).
TIMELINES = (
    "human trafficking",
    "nuclear OR uranium",
    "corruption -police",
    "election year:2007-2008",
    "tag:KCRM",
)
# `!tag` answers from the tag index: common tags, a rare one, and a typo (closest tags).
TAGS = ("PREL", "KCRM", "PGOV", "IC", "KTIP", "ETRD", "PRELL")
QUESTIONS = (
    "what did the ambassador say about corruption",
    "how many refugees crossed the border",
    "who leads the opposition party",
    "what is the status of the nuclear talks",
    "why did the minister resign",
    "how did the government react to the protests",
    "what did officials say about the election results",
    "who is responsible for counter-narcotics cooperation",
    "what happened at the meeting with the foreign minister",
    "how much aid did the united states provide",
)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50": ordered[len(ordered) // 2] * 1e3,
        "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1e3,
    }


# -- child: one bot start, optionally followed by the command measurements --------------


def _command_lines(ids: list[str], count: int, seed: int = 7) -> dict[str, list[str]]:
    rng = random.Random(seed)
    picked = [rng.choice(ids) for _ in range(count)]
    return {
        "cable": [f"{ref_id} ¶2" if i % 2 else ref_id for i, ref_id in enumerate(picked)],
        "ask": [QUESTIONS[i % len(QUESTIONS)] for i in range(count)],
        "search": [SEARCHES[i % len(SEARCHES)] for i in range(count)],
        "browse": [BROWSES[i % len(BROWSES)] for i in range(count)],
        "timeline": [TIMELINES[i % len(TIMELINES)] for i in range(count)],
        "tag": [TAGS[i % len(TAGS)] for i in range(count)],
        "versions": picked,
    }


def _latencies(run: Callable[[str, str], Any], lines: dict[str, list[str]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, args_list in lines.items():
        samples = []
        for args in args_list:
            started = time.perf_counter()
            run(name, args)
            samples.append(time.perf_counter() - started)
        result[name] = _percentiles(samples)
    return result


async def _crowd(
    dispatch: Callable[[str, str], Any],
    render: Callable[[Any], object],
    lines: dict[str, list[str]],
    bounded: bool,
) -> dict[str, Any]:
    """USERS users send commands at once on the Discord cog's path (dispatch in a worker
    thread, rendering on the loop); a ticker task measures how late the loop runs.

    `bounded`: handler threads as the bot installs them (`install_handler_threads`: one
    per core, the GIL handed over every millisecond), else asyncio's default executor
    (cores + 4 threads) and Python's default 5 ms hand-over (run first: a process
    keeps the interval it was given)."""
    loop = asyncio.get_running_loop()
    if bounded:
        install_handler_threads(loop)
    lags: list[float] = []
    answered = 0
    stop = asyncio.Event()

    async def ticker() -> None:
        while not stop.is_set():
            before = loop.time()
            await asyncio.sleep(_TICK)
            lags.append(loop.time() - before - _TICK)

    async def user(number: int) -> None:
        nonlocal answered
        kinds = list(lines)
        for turn in range(_COMMANDS_PER_USER):
            name = kinds[(number + turn) % len(kinds)]
            args = lines[name][(number * _COMMANDS_PER_USER + turn) % len(lines[name])]
            reply = await asyncio.to_thread(dispatch, name, args)
            answered += render(reply) is not None

    # A full collection holds the GIL: timing each tells a stall it caused from others.
    full: list[float] = []
    began = 0.0

    def timed(phase: str, info: dict[str, int]) -> None:
        nonlocal began
        if phase == "start":
            began = time.perf_counter()
        elif info["generation"] == 2:
            full.append(time.perf_counter() - began)

    tick = asyncio.create_task(ticker())
    gc.callbacks.append(timed)
    started = time.perf_counter()
    try:
        await asyncio.gather(*(user(n) for n in range(USERS)))
    finally:
        gc.callbacks.remove(timed)
    elapsed = time.perf_counter() - started
    stop.set()
    await tick
    return {
        "sent": USERS * _COMMANDS_PER_USER,
        "answered": answered,
        "seconds": elapsed,
        "max_lag_ms": max(lags, default=0.0) * 1e3,
        "p99_lag_ms": _percentiles(lags or [0.0])["p99"],
        "full_collections": len(full),
        "max_full_collection_ms": max(full, default=0.0) * 1e3,
    }


def child_serve(
    corpus: Path, cache: Path, commands: bool, store: Path | None = None
) -> dict[str, Any]:
    """One bot start, as `load_state` does it: without `store`, a cold start (parse,
    store and index in one pass); with it, a warm start from that store (as the cold
    start wrote it, even if a parser source changed since and would give a new store
    name) and its index."""
    from bot.cables.stored_library import StoredLibrary, open_store
    from bot.chat.state import AppState
    from bot.render.discord import render_reply
    from bot.search.startup import Loaded, load_searchable
    from handlers.dispatch import dispatch_command

    wall, cpu = time.perf_counter(), _cpu_seconds()
    opened = open_store(store) if store else None
    loaded = (
        Loaded(opened, opened.store.path.parent)
        if opened
        else load_searchable([corpus], cache, progress=True)
    )
    # Ranking by meaning, as the bot ships (SEMANTIC on): up to 20,000 cables the
    # vectors are built in the background beside the commands; above, only a cable
    # asked about is encoded.
    engine = loaded.engine(loaded.library, semantic=True)
    started = time.perf_counter()
    library = loaded.library
    if not isinstance(library, StoredLibrary):
        raise RuntimeError(f"no cable store could be written under {cache}")
    cpu_used = _cpu_seconds() - cpu
    result: dict[str, Any] = {
        "cables": len(library),
        "store": str(library.store.path),
        "start_s": started - wall,
        "cpu_s": cpu_used,
        "index_built": engine.built_now,
        "cores_used": cpu_used / max(started - wall, 1e-9),
        "rss_loaded_mb": _rss_mb(),
    }
    if commands:
        state = AppState(library, engine_factory=lambda _: engine)

        def dispatch(name: str, args: str) -> Any:
            return dispatch_command(state, name, args)

        lines = _command_lines(library.ids(), _SAMPLES)
        # The first browse builds the catalogue (metadata of every cable) once.
        before = time.perf_counter()
        dispatch("browse", BROWSES[0])
        result["first_browse_s"] = time.perf_counter() - before
        # The first tag builds the tag index (per-tag counts over the catalogue) once.
        before = time.perf_counter()
        dispatch("tag", TAGS[0])
        result["first_tag_s"] = time.perf_counter() - before
        # What facets and timelines count, which the Discord client makes after a load.
        before = time.perf_counter()
        engine.prepare_counting()
        result["prepare_counting_s"] = time.perf_counter() - before
        # A question in a cable not encoded yet encodes it while the researcher waits;
        # asked again, it has its vectors. Library-wide questions (next) then fuse with
        # the vectors of these cables.
        sampled = lines["versions"]  # the sampled cables' ids
        asked = [f"{ref} {QUESTIONS[i % len(QUESTIONS)]}" for i, ref in enumerate(sampled)]
        scoped = {"ask": asked}
        result["ask_first"] = _latencies(dispatch, scoped)["ask"]
        result["ask_scoped"] = _latencies(dispatch, scoped)["ask"]
        result["latency"] = _latencies(dispatch, lines)
        result["crowd_default"] = asyncio.run(_crowd(dispatch, render_reply, lines, False))
        result["crowd"] = asyncio.run(_crowd(dispatch, render_reply, lines, True))
        result["rss_after_mb"] = _rss_mb()
    return result


# -- child: baselines over the same paragraphs ------------------------------------------


def _export(corpus: Path, cache: Path, out: Path, store: Path | None) -> int:
    from bot.cables.store_build import load_stored_library
    from bot.cables.stored_library import open_store

    library = (open_store(store) if store else None) or load_stored_library([corpus], cache)
    count = 0
    with out.open("w", encoding="utf-8") as f:
        for ref_id in library.ids():
            cable = library.get(ref_id)
            for paragraph in cable.paragraphs if cable else []:
                f.write(f"{ref_id}\t{paragraph.label or ''}\t{' '.join(paragraph.text.split())}\n")
                count += 1
    return count


def _paragraphs(export: Path) -> list[tuple[str, str]]:
    with export.open(encoding="utf-8") as f:
        return [(ref, text) for ref, _, text in (line.rstrip("\n").split("\t", 2) for line in f)]


def child_fts5(export: Path, db_path: Path) -> dict[str, Any]:
    started = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.execute("CREATE VIRTUAL TABLE p USING fts5(ref UNINDEXED, body, tokenize='porter')")
    with export.open(encoding="utf-8") as f:
        rows = (line.rstrip("\n").split("\t", 2) for line in f)
        db.executemany("INSERT INTO p VALUES (?, ?)", ((r[0], r[2]) for r in rows))
    db.commit()
    built = time.perf_counter() - started
    samples = []
    for query in SEARCHES * (_SAMPLES // len(SEARCHES)):
        match = " OR ".join(f'"{word}"' for word in query.split())
        t = time.perf_counter()
        db.execute("SELECT ref FROM p WHERE p MATCH ? ORDER BY rank LIMIT 10", (match,)).fetchall()
        samples.append(time.perf_counter() - t)
    return {"build_s": built, **_percentiles(samples)}


def child_bm25(export: Path) -> dict[str, Any]:
    from rank_bm25 import BM25Okapi

    from bot.search.text import words

    started = time.perf_counter()
    paragraphs = _paragraphs(export)
    bm25 = BM25Okapi([words(text) or [""] for _, text in paragraphs])
    built = time.perf_counter() - started
    samples = []
    for query in SEARCHES:  # one pass: each query scores every paragraph
        t = time.perf_counter()
        scores = bm25.get_scores(words(query))
        sorted(range(len(scores)), key=lambda i: -scores[i])[:10]
        samples.append(time.perf_counter() - t)
    return {"build_s": built, **_percentiles(samples)}


def child_grep(export: Path) -> dict[str, Any]:
    samples = []
    for query in SEARCHES:
        t = time.perf_counter()
        subprocess.run(["grep", "-ri", "-c", "--", query, str(export)], capture_output=True)
        samples.append(time.perf_counter() - t)
    return {"build_s": 0.0, **_percentiles(samples)}


def _child_main(args: argparse.Namespace) -> None:
    kind = args.child
    if kind == "serve":
        result = child_serve(args.corpus, args.cache, args.commands, args.store)
    elif kind == "export":
        result = {"paragraphs": _export(args.corpus, args.cache, args.export, args.store)}
    elif kind == "fts5":
        result = child_fts5(args.export, args.cache / "fts5.sqlite")
    elif kind == "bm25":
        try:
            result = child_bm25(args.export)
        except MemoryError:  # over _BASELINE_MEMORY: reported as such by the parent
            sys.exit(3)
    else:
        result = child_grep(args.export)
    print(json.dumps(result), flush=True)


# -- parent: run the children, print the table -------------------------------------------


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_BASELINE_MEMORY, _BASELINE_MEMORY))


def _spawn(
    args: list[str], timeout: float | None = None, limit_memory: bool = False
) -> dict[str, Any] | str:
    """A child's JSON result, or why it has none ("over budget", "failed: ...")."""
    command = [sys.executable, "-m", "benchmarks.scale", "--child", *args]
    try:
        done = subprocess.run(
            command,
            stdout=subprocess.PIPE,
            text=True,
            timeout=timeout,
            preexec_fn=_limit_memory if limit_memory else None,
        )
    except subprocess.TimeoutExpired:
        return f"over {timeout:.0f} s budget"
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return "out of memory" if limit_memory else f"failed (exit {done.returncode})"
    parsed: dict[str, Any] = json.loads(lines[-1])
    return parsed


def measure(size: str, budget: float) -> dict[str, Any]:
    corpus = default_path(size)
    if not corpus.exists():
        print(f"generating {corpus} ...", file=sys.stderr, flush=True)
        generate(corpus, SIZES[size])
    cache = Path(tempfile.mkdtemp(prefix=f"cablebot-scale-{size}-"))
    try:
        common = ["--corpus", str(corpus), "--cache", str(cache)]
        print(f"[{size}] cold start ...", file=sys.stderr, flush=True)
        cold = _spawn(["serve", *common])
        print(f"[{size}] warm start and commands ...", file=sys.stderr, flush=True)
        store = _get(cold, "store")
        common += ["--store", store] if store else []
        warm = _spawn(["serve", *common, "--commands"])
        export = cache / "export.txt"
        exported = _spawn(["export", *common, "--export", str(export)])
        baselines: dict[str, dict[str, Any] | str] = {}
        for name in ("fts5", "bm25", "grep"):
            print(f"[{size}] baseline {name} ...", file=sys.stderr, flush=True)
            baselines[name] = _spawn(
                [name, *common, "--export", str(export)], timeout=budget, limit_memory=True
            )
        return {"size": size, "cold": cold, "warm": warm, "export": exported, **baselines}
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def _get(result: dict[str, Any] | str, *keys: str) -> Any:
    value: Any = result
    for key in keys:
        if not isinstance(value, dict):
            return value if isinstance(value, str) else None
        value = value.get(key)
    return value


def _seconds(value: Any) -> str:
    return f"{value:.1f} s" if isinstance(value, float) else str(value or "-")


def _ms(value: Any) -> str:
    return f"{value:.2f} ms" if isinstance(value, float) else str(value or "-")


def _ratio(theirs: Any, ours: Any) -> str:
    if not isinstance(theirs, float) or not isinstance(ours, float) or ours <= 0:
        return str(theirs or "-")
    return f"{theirs:.1f} ms ({theirs / ours:,.1f}x)"


Cell = Callable[[dict[str, Any]], str]


def _full_collections(result: dict[str, Any]) -> str:
    """How many full collections ran while the users waited, and the longest."""
    count = _get(result, "warm", "crowd", "full_collections")
    if count is None:
        return "-"
    return f"{count}, longest {_ms(_get(result, 'warm', 'crowd', 'max_full_collection_ms'))}"


def _cell(show: Callable[[Any], str], *keys: str) -> Cell:
    return lambda result: show(_get(result, *keys))


def _ratio_cell(baseline: str, stat: str) -> Cell:
    return lambda r: _ratio(_get(r, baseline, stat), _get(r, "warm", "latency", "search", stat))


def table(results: list[dict[str, Any]]) -> Table:
    rows: list[tuple[str, Cell]] = [
        ("cables", lambda r: f"{_get(r, 'cold', 'cables') or 0:,}"),
        ("cold start: parse, store, index", _cell(_seconds, "cold", "start_s")),
        ("cold: CPU time, all processes", _cell(_seconds, "cold", "cpu_s")),
        ("cold: cores used (cpu/wall)", lambda r: f"{_get(r, 'cold', 'cores_used') or 0:.2f}"),
        ("cold: RSS", lambda r: f"{_get(r, 'cold', 'rss_loaded_mb') or 0:,.0f} MB"),
        ("warm start (store + index)", _cell(_seconds, "warm", "start_s")),
        ("warm: RSS after commands", lambda r: f"{_get(r, 'warm', 'rss_after_mb') or 0:,.0f} MB"),
    ]
    rows.append(("first !browse (builds catalogue)", _cell(_seconds, "warm", "first_browse_s")))
    rows.append(("first !tag (builds tag index)", _cell(_seconds, "warm", "first_tag_s")))
    rows.append(
        ("facet columns (made after a load)", _cell(_seconds, "warm", "prepare_counting_s"))
    )
    for label, key in (
        ("!ask in a cable, first question", "ask_first"),
        ("!ask in a cable, vectors made", "ask_scoped"),
    ):
        for stat in ("p50", "p99"):
            rows.append((f"{label} {stat}", _cell(_ms, "warm", key, stat)))
    # !search includes its facets (the match set counted by year, origin and tag).
    for name in ("cable", "ask", "search", "browse", "timeline", "tag", "versions"):
        for stat in ("p50", "p99"):
            rows.append((f"!{name} {stat}", _cell(_ms, "warm", "latency", name, stat)))
    rows += [
        (
            f"{USERS} users: answered",
            lambda r: f"{_get(r, 'warm', 'crowd', 'answered')}/{_get(r, 'warm', 'crowd', 'sent')}",
        ),
        (f"{USERS} users: max loop lag", _cell(_ms, "warm", "crowd", "max_lag_ms")),
        (f"{USERS} users: p99 loop lag", _cell(_ms, "warm", "crowd", "p99_lag_ms")),
        (f"{USERS} users: full collections", _full_collections),
        (
            f"{USERS} users: max loop lag, default executor",
            _cell(_ms, "warm", "crowd_default", "max_lag_ms"),
        ),
        ("paragraphs indexed", lambda r: f"{_get(r, 'export', 'paragraphs') or 0:,}"),
    ]
    for name, label in (("fts5", "SQLite FTS5"), ("bm25", "rank-bm25"), ("grep", "grep -ri")):
        if name != "grep":
            rows.append((f"{label} build", _cell(_seconds, name, "build_s")))
        for stat in ("p50", "p99"):
            rows.append((f"{label} query {stat} (x ours)", _ratio_cell(name, stat)))
    return Table(
        title="Scale: generated cables.csv (bench-data/), fresh process per start",
        columns=["", *(r["size"] for r in results)],
        rows=[[label, *(cell(r) for r in results)] for label, cell in rows],
        notes=[
            f"Machine: {_machine()}.",
            "Ratios: a baseline's query time over our !search time at the same percentile.",
            "!ask ranks by meaning too, as shipped; !ask alone is library-wide, after the "
            "questions in a cable.",
            "Fewer sizes: BENCH_SIZES=10k,100k make bench "
            "(or python -m benchmarks.scale --sizes 10k).",
        ],
    )


def _machine() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    return f"{os.cpu_count()} cores, {pages / 2**30:.0f} GB RAM, {model}; load average {load}"


def _sizes_from_env() -> list[str]:
    chosen = os.environ.get("BENCH_SIZES", ",".join(DEFAULT_SIZES))
    return [size.strip() for size in chosen.split(",") if size.strip() in SIZES]


def run(sizes: list[str] | None = None, budget: float | None = None) -> list[Table]:
    budget = budget or float(os.environ.get("BENCH_BUDGET", DEFAULT_BUDGET))
    results = [measure(size, budget) for size in sizes or _sizes_from_env()]
    for result in results:
        print(json.dumps(result), file=sys.stderr, flush=True)
    return [table(results)]


def main() -> None:
    parser = argparse.ArgumentParser(description="cablebot scale benchmark")
    parser.add_argument("--sizes", help="comma-separated: 10k,100k,full")
    parser.add_argument("--budget", type=float, help="seconds per baseline build")
    parser.add_argument("--child", choices=("serve", "export", "fts5", "bm25", "grep"))
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--export", type=Path)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--commands", action="store_true")
    args = parser.parse_args()
    if args.child:
        _child_main(args)
        return
    sizes = [s for s in (args.sizes or "").split(",") if s in SIZES] or None
    for result in run(sizes, args.budget):
        print(result.render())


if __name__ == "__main__":
    main()
