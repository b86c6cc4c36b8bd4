"""The signer: the name on the last line (`JACOBSON`, `VAN VOORST`, `Riley`), or glued
to the last sentence (`... END COMMENT. SKODON`), before trailing junk such as `NNNN`
or a repeated classification line (CABLES.md 7, "Signature and extras").
"""

from __future__ import annotations

import re

_TRAILER = re.compile(
    r"^\s*(?:$|NNNN?|Declassified/Released .*|[^A-Za-z0-9]+|"
    r"(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)(?:\s*//?\s*[A-Z ]+)?)\s*$"
)
_NAME_WORD = r"(?:[A-Z]\.|[A-Z][A-Za-z'’-]+)"
_SIGNER_LINE = re.compile(r"^\s*(" + _NAME_WORD + r"(?: " + _NAME_WORD + r"){0,3})\s*$")
_GLUED = re.compile(
    r"^(.*?(?:[.!?\"”)]|\bEND (?:COMMENT|NOTE|TEXT)))"  # `... END COMMENT THORNE` (09ROME1187)
    r"\s+([A-Z][A-Z'’-]{2,}(?: [A-Z][A-Z'’-]{2,})?)\s*$"
)
_NOT_A_NAME = re.compile(r"^(?:END|BEGIN|QUOTE|UNQUOTE|TEXT|COMMENT|SUMMARY|NOTE|SIPDIS)\b")
_MAX_SIGNER = 40


def split_signer(lines: list[str]) -> tuple[list[str], str | None]:
    """The body without its trailer and signer, and the signer if one was found."""
    end = len(lines)
    while end > 0 and _TRAILER.match(lines[end - 1]):
        end -= 1
    if end == 0:
        return lines[:end], None
    last = lines[end - 1].strip()
    alone = _SIGNER_LINE.match(last)
    if alone and len(last) <= _MAX_SIGNER and not _NOT_A_NAME.match(last.upper()):
        return lines[: end - 1], alone.group(1)
    glued = _GLUED.match(last)
    if glued and not glued.group(1).isupper() and not _NOT_A_NAME.match(glued.group(2)):
        return [*lines[: end - 1], glued.group(1)], glued.group(2)
    return lines[:end], None
