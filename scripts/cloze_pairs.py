"""Training pairs for scripts/finetune_minilm.py, run by hand with the project's venv:

    .venv/bin/python -m scripts.cloze_pairs /tmp/cloze_pairs.jsonl

Inverse cloze: one sentence of a window (six words or more) is the query, and the rest
of that window, with its subject and section prefix, is what it should find; one pair in
ten keeps the sentence in. One pair a window, windows as the encoder reads them
(bot/search/semantic/windows.py), from every bundled cable except those the dev, tuning
and blind sets ask about, so the model never reads the cables it is measured on.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from benchmarks.devset import load_devset
from bot.cables.loader import load_library
from bot.search.excerpt import sentences
from bot.search.semantic.encoder import Encoder
from bot.search.semantic.windows import prefix, windows

QUESTION_SETS = Path("tests/search")
MIN_QUERY_WORDS = 6
KEEP_SENTENCE = 0.1


def held_out() -> set[str]:
    return {
        item.ref_id
        for path in QUESTION_SETS.glob("*.jsonl")
        for item in load_devset(path)
        if item.ref_id
    }


def main(out: Path) -> None:
    rng = random.Random(13)
    skip = held_out()
    encoder = Encoder()
    pairs = []
    for cable in load_library():
        if cable.ref_id in skip:
            continue
        for paragraph in cable.paragraphs:
            head = prefix(cable, paragraph)
            for window in windows(cable, paragraph, encoder.token_counts):
                body = window.text.removeprefix(head).strip()
                said = [body[a:b] for a, b in sentences(body)]
                long = [i for i, s in enumerate(said) if len(s.split()) >= MIN_QUERY_WORDS]
                if len(said) < 2 or not long:
                    continue
                i = rng.choice(long)
                rest = said if rng.random() < KEEP_SENTENCE else said[:i] + said[i + 1 :]
                pairs.append(
                    {
                        "cable": cable.ref_id,
                        "query": said[i],
                        "doc": f"{head} {' '.join(rest)}".strip(),
                    }
                )
    out.write_text("\n".join(json.dumps(p) for p in pairs) + "\n")
    print(f"{len(pairs)} pairs from the bundled library, {len(skip)} cables held out -> {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
