"""Helpers for the Discord test folders (the shared library is in tests/conftest.py)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.cables.library import Library
from bot.cables.model import Cable
from config.settings import Settings

REPO = Path(__file__).resolve().parents[2]
SEED_ID = "07DUSHANBE313"


def full_cables(library: Library) -> Iterator[Cable]:
    """Every cable with its body (a stored library's iteration may yield metadata only)."""
    for ref_id in library.ids():
        cable = library.get(ref_id)
        assert cable is not None
        yield cable


# The documented DATA_DIR is the repository's data/: tests keep their desks out of it.
SCRATCH_DATA_DIR = Path(tempfile.mkdtemp(prefix="cablebot-test-desk-"))
atexit.register(shutil.rmtree, SCRATCH_DATA_DIR, ignore_errors=True)


def offline_settings(**overrides: Any) -> Settings:
    """The documented defaults plus `overrides`, whatever the environment or `.env` say
    (except DATA_DIR: a scratch directory unless overridden)."""
    defaults = {
        name: field.get_default(call_default_factory=True)
        for name, field in Settings.model_fields.items()
    }
    defaults["data_dir"] = SCRATCH_DATA_DIR
    return Settings(_env_file=None, **{**defaults, **overrides})  # type: ignore[call-arg]
