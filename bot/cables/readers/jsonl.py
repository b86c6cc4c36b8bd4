"""mongoexport JSON lines of the first Cablegate releases (CABLES.md 6.4).

`{ "_id" : ..., "reference_id", "origin", "date_time", "classification",
"header", "body" }`, one cable per line. The export stripped every newline
(`ankara 000348SipdisE.o. 12958: ...Tags: prel`), which leaves the structure
parser nothing to work with, so line breaks are put back:

- before the site's paragraph marks `¶1.` / `¶B.` (a blank line in the body, a
  line break among the REF bullets before the first numbered paragraph);
- before the first of each header keyword (SIPDIS, E.O., Tags:, Subject:,
  Ref:, Classified by), in any letter case: several cables were sentence-cased
  by media partners (`C o n f i d e n t i a l ... Tags: prel, pgov`);
- in the routing header, before the DE, ZNY/ZNR, DTG, FM, TO and INFO parts and
  each routing indicator.

`date_time` has the Dec 2010 minute bug (minutes = hour mod 12).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime

from bot.cables.limits import DEFAULT_LIMITS, over_record_limit
from bot.cables.model import SourceFormat
from bot.cables.raw import RawCable
from bot.cables.readers.rejected import RejectedRecord, quoted

_REF_ID = re.compile(r"[0-9]{2}[A-Z0-9]{2,40}")
_FIELDS = ("origin", "date_time", "classification", "header", "body")
_FIRST_NUMBERED = re.compile(r"¶\d")
_MARK = re.compile(r"\s*(¶(?:\d{1,2}|[A-Z])\.)")
_KEYWORDS = (
    re.compile(r"(?i)\s*(?=sipdis)"),
    re.compile(r"(?i)\s*(?=e\.?o\.? ?1\d{4})"),
    re.compile(r"(?i)\s*(?=tags:?\s)"),
    re.compile(r"(?i)\s*(?=subject:)"),
    re.compile(r"(?i)\s*(?=refs?:)"),
    re.compile(r"(?i)\s*(?=(?:\([a-z/]+\)\s*)?classified by)"),
)
_ROUTING_PARTS = re.compile(
    r"(?<=^VZCZC[A-Z]{3}\d{4})"
    r"|(?=DE R[A-Z]+ #)"
    r"|(?=ZN[YR] [A-Z]{5})"
    r"|(?=(?:[OPRZ] )?[OPRZ] \d{6}Z [A-Z]{3} \d{2})"
    r"|(?<=Z [A-Z]{3} \d{2})(?=FM )"
    r"|(?=(?:TO|INFO) R[A-Z]{3,6}/)"
    r"|(?<=[\dA-Z])(?=R(?:U|H)[A-Z]{2,5}/)"
)


def sniff(head: str) -> bool:
    first = head.lstrip().split("\n", 1)[0]
    return (
        first.startswith("{")
        and '"body"' in first
        and ('"_id"' in first or '"reference_id"' in first)
    )


def _header_lines(header: str) -> str:
    if "\n" in header or not header.startswith("VZCZC"):
        return header
    return _ROUTING_PARTS.sub("\n", header)


def _body_lines(body: str) -> str:
    if "\n" in body:
        return body
    numbered = _FIRST_NUMBERED.search(body)
    split_at = numbered.start() if numbered else len(body)
    head, rest = body[:split_at], body[split_at:]
    for keyword in _KEYWORDS:
        head = keyword.sub("\n", head, count=1)
    head = _MARK.sub("\n\\1", head)
    rest = _MARK.sub("\n\n\\1", rest)
    return f"{head.strip()}\n\n{rest.lstrip()}" if rest else head.strip()


def _ref_id(record: dict[str, object]) -> str:
    value = record.get("reference_id") or record.get("_id")
    if not value:
        raise ValueError("no reference id (`_id` and `reference_id` are empty)")
    if not isinstance(value, str):
        raise ValueError(f"the reference id is a JSON {type(value).__name__}, not text")
    ref_id = value.strip()
    if not _REF_ID.fullmatch(ref_id):
        raise ValueError(
            f"malformed reference id {quoted(ref_id)}: two year digits, then capital "
            "letters and digits (08REYKJAVIK195)"
        )
    return ref_id


def _raw(record: object, path: str) -> RawCable:
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    ref_id = _ref_id(record)
    missing = [name for name in _FIELDS if not isinstance(record.get(name), str)]
    if missing:
        raise ValueError(f"missing text field(s): {', '.join(missing)}")
    try:
        created = datetime.strptime(record["date_time"].strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise ValueError(f"malformed date_time {quoted(record['date_time'])}") from None
    return RawCable(
        path=path,
        format=SourceFormat.JSONL,
        header=_header_lines(record["header"]),
        body=_body_lines(record["body"]),
        ref_id=ref_id,
        created=created,
        classification=record["classification"].strip(),
        origin=record["origin"].strip(),
        minutes_unreliable=True,
    )


def stream(
    lines: Iterable[str], path: str, max_record_bytes: int = DEFAULT_LIMITS.max_record_bytes
) -> Iterator[RawCable | RejectedRecord]:
    """Cables of an open JSON-lines file, good or rejected, one line at a time."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        name = f"{path}#line {number}"
        if len(line) > max_record_bytes:
            yield RejectedRecord(name, str(over_record_limit(max_record_bytes, "the line")))
            continue
        try:
            yield _raw(json.loads(line), name)
        except ValueError as error:
            yield RejectedRecord(name, f"bad JSON line: {error}")
        except RecursionError:
            yield RejectedRecord(name, "bad JSON line: nested too deeply to read")


def read(text: str, path: str) -> Iterator[RawCable]:
    """The cables of an in-memory JSON-lines text; raises ValueError on a bad line."""
    for item in stream(io.StringIO(text), path):
        if isinstance(item, RejectedRecord):
            raise ValueError(f"{item.path}: {item.reason}")
        yield item
