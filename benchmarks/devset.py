"""The dev question set (tests/search/devset.jsonl) and its gold paragraphs.

Each line: a question, the cable it is about (None for off-topic questions, which
must come back weak) and its gold paragraphs as the parser labels them: section,
label and a short verbatim quote. The quote finds the paragraph; section and label
record what the parser calls it. `python -m benchmarks.devset --write` refreshes
section and label from the loaded library after a parser change.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from bot.cables.library import Library
from bot.cables.loader import load_library
from bot.cables.model import Cable

DEVSET = Path(__file__).resolve().parents[1] / "tests" / "search" / "devset.jsonl"


class Gold(BaseModel):
    section: str | None = None
    label: str | None = None
    quote: str


class DevQuestion(BaseModel):
    question: str
    ref_id: str | None
    gold: list[Gold] = Field(default_factory=list)
    # The blind set's: "paraphrase" (avoids the answer's words) or "plain".
    style: str | None = None


class Unresolved(ValueError):
    pass


def load_devset(path: Path = DEVSET) -> list[DevQuestion]:
    lines = path.read_text("utf-8").splitlines()
    return [DevQuestion.model_validate_json(line) for line in lines if line.strip()]


def _flat(text: str) -> str:
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).lower()


def locate(library: Library, ref_id: str, gold: Gold) -> tuple[Cable, int]:
    """The gold paragraph's cable and index in it; raises Unresolved with the reason."""
    cable = library.get(ref_id)
    if cable is None:
        raise Unresolved(f"{ref_id} is not in the library")
    quote = _flat(gold.quote)
    found = [i for i, p in enumerate(cable.paragraphs) if quote in _flat(p.text)]
    if len(found) > 1 and gold.label is not None:
        found = [i for i in found if cable.paragraphs[i].label == gold.label]
    if len(found) != 1:
        raise Unresolved(f"{ref_id}: quote {gold.quote!r} is in {len(found)} paragraphs")
    return cable, found[0]


def gold_keys(library: Library, item: DevQuestion) -> set[tuple[str, int]]:
    """(cable id, paragraph index) of the question's gold paragraphs (empty when off-topic)."""
    if item.ref_id is None:
        return set()
    keys = set()
    for gold in item.gold:
        cable, index = locate(library, item.ref_id, gold)
        keys.add((cable.ref_id, index))
    return keys


def refresh(library: Library, items: list[DevQuestion]) -> list[str]:
    """Set every gold's section and label from the library; returns the problems met."""
    problems = []
    for item in items:
        ref_id = item.ref_id
        if ref_id is None:
            continue
        for gold in item.gold:
            try:
                cable, index = locate(library, ref_id, gold)
            except Unresolved as exc:
                problems.append(f"{item.question!r}: {exc}")
                continue
            gold.section = cable.paragraphs[index].section
            gold.label = cable.paragraphs[index].label
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check or refresh the dev set's gold labels.")
    parser.add_argument("--write", action="store_true", help="rewrite section/label in place")
    args = parser.parse_args(argv)
    items = load_devset()
    problems = refresh(load_library(), items)
    for problem in problems:
        print(problem)
    if args.write and not problems:
        DEVSET.write_text(
            "".join(item.model_dump_json() + "\n" for item in items), encoding="utf-8"
        )
        print(f"rewrote {DEVSET}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
