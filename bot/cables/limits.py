"""How much one input may hold: the bounds that keep a hostile file from exhausting memory.

Enforced while the bytes stream in, never after reading them: a record or file over
a limit is rejected with a reason naming the limit and the setting that raises it.
The settings (`config/settings.py`) build an `InputLimits`; the loader's default is
the same values.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024
# Below this much output no ratio is checked: a small, very repetitive file is no threat.
RATIO_FLOOR_BYTES = 16 * MB


@dataclass(frozen=True, slots=True)
class InputLimits:
    # One record: a cables.csv row, a JSON line, a whole site page or text file. Real
    # ones stay under 1 MB; building a cable takes up to ~40 bytes per byte of a record
    # dense with paragraphs, so 4 MB keeps the worst record near 200 MB.
    max_record_bytes: int = 4 * MB
    # One file or archive member after decompression (the full cables.csv is 1.7 GB).
    max_file_bytes: int = 4096 * MB
    # Decompressed bytes per compressed byte read from disk, all layers together.
    max_ratio: int = 200


DEFAULT_LIMITS = InputLimits()


class InputLimitError(ValueError):
    """An input over one of the limits; the message names the limit and its setting."""


def over_record_limit(
    max_record_bytes: int, what: str, *, rest_lost: bool = False
) -> InputLimitError:
    rest = "; the rest of the file is not read" if rest_lost else ""
    return InputLimitError(
        f"{what} is over the record size limit of {max_record_bytes / MB:,.4g} MB "
        f"(setting INPUT_MAX_RECORD_MB){rest}"
    )


def over_file_limit(limits: InputLimits) -> InputLimitError:
    return InputLimitError(
        f"over the file size limit of {limits.max_file_bytes // MB:,} MB once decompressed "
        "(setting INPUT_MAX_FILE_MB); the rest of the file is not read"
    )


def over_ratio_limit(limits: InputLimits) -> InputLimitError:
    return InputLimitError(
        f"a decompression bomb? it expands more than {limits.max_ratio:,} times, over the "
        "decompression-ratio limit (setting INPUT_MAX_RATIO); the rest of the file is not read"
    )
