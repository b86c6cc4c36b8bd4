"""Where the bundled library lives: the cables shipped in the repository's `seeds/`."""

from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
