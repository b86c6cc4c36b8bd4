"""A full-size, cables.csv-format test library assembled from the bundled real cables.

The 2011 `cables.csv` (1.7 GB, 251,287 cables) is not redistributable, so the
scale benchmark runs on a stand-in with the same shape: every real reference id
and creation month from `cable2month.csv.gz`, and bodies made of real paragraphs,
subjects, TAGS lines and headings taken from the cables under `seeds/`, laid out
with the real structure (routing header, banner, SIPDIS, E.O. line, TAGS,
SUBJECT, REF block, Classified By, numbered/marked and lettered paragraphs,
section headings, page markers that can fall inside a paragraph).

Deterministic: the same seed and size always give the same bytes.

    python -m benchmarks.generate --size 10k|100k|full [--seed N] [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import random
import re
import tarfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from tqdm import tqdm  # type: ignore[import-untyped]

from bot.cables.bundled import SEEDS
from bot.cables.months import year_of
from bot.cables.raw import RawCable
from bot.cables.readers import cables_csv, site_html

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "bench-data"
SIZES = {"10k": 10_000, "100k": 100_000, "full": 0}

_ID = re.compile(r"^(\d{2})([A-Z]+?)(\d+)$")
# The label and any marking after it (`(C)`, `(S-NF)`, `(S//Rel NATO, ISAF)`):
# the generator writes its own.
_LABEL = re.compile(r"^\s*¶?\s*\d{1,2}\s*[.)]\s*(?:\([A-Za-z/, -]{1,30}\)\s*)?")
_MARKER = re.compile(r"\d{5,8}\s+\d{3}(?:\.\d)? OF \d{3}|PAGE \d{2,3}\s|SECTION \d+ OF \d+")
_HEADING = re.compile(r"^[A-Z][A-Z ,'&/-]{3,40}$")
_SUBJECT = re.compile(r"^SUBJECT:\s*(.{8,120}?)\s*$", re.M)
_TAGS = re.compile(r"^TAGS:?\s*([A-Z][A-Z0-9, -]{1,80}?)\s*$", re.M)
_WIDTH = 68
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
# Shares of the real release (WikiLeaks' own counts, rounded).
_CLASSES = (
    ("UNCLASSIFIED", 30),
    ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", 23),
    ("CONFIDENTIAL", 39),
    ("CONFIDENTIAL//NOFORN", 2),
    ("SECRET", 4),
    ("SECRET//NOFORN", 2),
)
_BANNER = {
    "UNCLASSIFIED": "UNCLAS",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY": "UNCLAS SENSITIVE",
    "CONFIDENTIAL": "C O N F I D E N T I A L",
    "CONFIDENTIAL//NOFORN": "C O N F I D E N T I A L NOFORN",
    "SECRET": "S E C R E T",
    "SECRET//NOFORN": "S E C R E T NOFORN",
}
_MARKING = {
    "UNCLASSIFIED": ("U",),
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY": ("SBU", "U"),
    "CONFIDENTIAL": ("C", "U", "SBU"),
    "CONFIDENTIAL//NOFORN": ("C/NF", "C"),
    "SECRET": ("S", "C"),
    "SECRET//NOFORN": ("S/NF", "S//NF", "C"),
}
_SIGNERS = ("Ambassador", "DCM", "Political Counselor", "Charge d'Affaires", "Econ Chief")
_NAMES = ("JOHNSON", "GARCIA", "MILLER", "DAVIS", "WILSON", "ANDERSON", "THOMAS", "MOORE")


@dataclass
class Pool:
    """Real text the cables are assembled from, in a fixed order."""

    paragraphs: list[list[str]] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    # station code in ids (`BUENOSAIRES`) -> (origin column, name in text)
    stations: dict[str, tuple[str, str]] = field(default_factory=dict)


def wrap(text: str, width: int = _WIDTH) -> list[str]:
    """Greedy word wrap; done once per pool paragraph, so plain and simple."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def _seed_cables() -> Iterator[RawCable]:
    for path in sorted((SEEDS / "raw").glob("*.csv")):
        with path.open(encoding="utf-8", errors="replace", newline="") as f:
            # Some seed rows are cut off on purpose (reader tests); skip those.
            yield from (r for r in cables_csv.stream(f, str(path)) if isinstance(r, RawCable))
    for path in sorted((SEEDS / "raw").glob("*.html")):
        yield from site_html.read(path.read_text("utf-8", "replace"), str(path))
    for archive in sorted((SEEDS / "bulk").glob("*.tar.gz")):
        # Read in archive order (seeking back in a .tar.gz re-inflates it), then sort.
        pages: list[tuple[str, str]] = []
        with tarfile.open(archive) as tar:
            for member in tar:
                page = tar.extractfile(member) if member.isfile() else None
                if page is not None:
                    pages.append((member.name, page.read().decode("utf-8", "replace")))
        for name, text in sorted(pages):
            if site_html.sniff(text[:100_000]):
                yield from site_html.read(text, name)


def _add_station(pool: Pool, raw: RawCable) -> None:
    m = _ID.match(raw.ref_id or "")
    if not m or not raw.origin or m.group(2) in pool.stations:
        return
    name = re.sub(r"^(Embassy|Consulate|Mission|USUN|American Institute)\s+", "", raw.origin)
    pool.stations[m.group(2)] = (raw.origin, name.upper())


def build_pool() -> Pool:
    pool = Pool()
    seen: set[str] = set()
    for raw in _seed_cables():
        _add_station(pool, raw)
        body = raw.body.replace("\r", "").replace("\\", "")
        pool.subjects += _SUBJECT.findall(body)
        pool.tags += _TAGS.findall(body)
        for block in re.split(r"\n\s*\n", body):
            stripped = block.strip()
            if _HEADING.match(stripped) and not _MARKER.search(stripped):
                pool.headings.append(stripped.rstrip(" -"))
            label = _LABEL.match(block)
            if label is None or _MARKER.search(block):
                continue
            text = " ".join(block[label.end() :].split())
            if 80 <= len(text) <= 3000 and text not in seen:
                seen.add(text)
                pool.paragraphs.append(wrap(text))
    pool.subjects = sorted(set(pool.subjects))
    pool.tags = sorted(set(pool.tags))
    # One-word blocks are mostly signers' names, unless common (BACKGROUND, COMMENT).
    counts = Counter(pool.headings)
    pool.headings = sorted(
        h
        for h, n in counts.items()
        if (" " in h or n >= 3) and not h.startswith(("C O R", "BEGIN"))
    )
    return pool


def month_rows() -> list[tuple[str, int, int]]:
    """(ref id, year, month) of every Cablegate cable, oldest first like the release."""
    data = resources.files("bot.cables").joinpath("data/cable2month.csv.gz").read_bytes()
    rows = []
    for line in gzip.decompress(data).decode("ascii").splitlines():
        ref_id, _, month = line.partition(",")
        if ref_id[:2].isdigit() and month.isdigit():
            rows.append((ref_id, year_of(ref_id[:2]), int(month)))
    rows.sort(key=lambda r: (r[1], r[2], r[0]))
    return rows


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("'", "\\'")


class CableWriter:
    """Assembles one cables.csv record at a time from the pool."""

    def __init__(self, pool: Pool, rng: random.Random) -> None:
        self.pool = pool
        self.rng = rng
        self.recent: list[str] = []

    def station(self, code: str) -> tuple[str, str]:
        if code == "STATE":
            return "Secretary of State", "STATE"
        known = self.pool.stations.get(code)
        return known or (f"Embassy {code.title()}", code)

    def record(self, row: int, ref_id: str, year: int, month: int) -> str:
        rng = self.rng
        m = _ID.match(ref_id)
        code, serial = (m.group(2), int(m.group(3))) if m else ("STATE", row)
        origin, name = self.station(code)
        classification = rng.choices([c for c, _ in _CLASSES], [w for _, w in _CLASSES])[0]
        day, hour, minute = rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)
        refs = self.references(ref_id)
        header = self.header(name, year, month, day, hour, minute, serial, classification)
        body = self.body(name, year, month, serial, classification, refs)
        fields = (
            str(row),
            f"{month}/{day}/{year} {hour}:{minute:02d}",
            ref_id,
            origin,
            classification,
            "|".join(refs),
            header,
            body,
        )
        self.recent.append(ref_id)
        if len(self.recent) > 4000:
            del self.recent[:2000]
        return ",".join(f'"{_escape(f)}"' for f in fields) + "\n"

    def references(self, ref_id: str) -> list[str]:
        rng = self.rng
        count = rng.choice((0, 0, 1, 1, 1, 2, 2, 3, 4))
        refs = {rng.choice(self.recent) for _ in range(count) if self.recent}
        if count and rng.random() < 0.3:
            # Many cited cables are not in Cablegate at all.
            refs.add(f"{ref_id[:2]}STATE{rng.randint(1, 199_999)}")
        return sorted(refs)

    def header(
        self,
        name: str,
        year: int,
        month: int,
        day: int,
        hour: int,
        minute: int,
        serial: int,
        classification: str,
    ) -> str:
        rng = self.rng
        prec = rng.choice(("P", "R", "O", "P R", "O P"))
        stamp = f"{day:02d}{hour:02d}{minute:02d}Z {_MONTHS[month - 1]} {year % 100:02d}"
        fm = "SECSTATE WASHDC" if name == "STATE" else f"AMEMBASSY {name}"
        to = "AMEMBASSY " + rng.choice(list(self.pool.stations.values()))[1]
        if name != "STATE":
            to = f"SECSTATE WASHDC {rng.choice(('PRIORITY', 'IMMEDIATE', 'ROUTINE'))} "
            to += str(rng.randint(100, 9999))
        infos = [
            f"AMEMBASSY {n} {rng.choice(('PRIORITY', 'ROUTINE'))}"
            for _, n in rng.sample(list(self.pool.stations.values()), rng.randint(0, 6))
        ]
        if year < 1990:
            return "\n".join(
                [
                    f"{prec} {stamp}",
                    f"FM {fm}",
                    f"TO {to}",
                    *(["INFO " + infos[0], *infos[1:]] if infos else []),
                ]
            )
        letter = classification[0] * 5
        code = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(2))
        return "\n".join(
            [
                f"VZCZCXRO{rng.randint(1000, 9999)}",
                f"{prec.replace(' ', '')}{prec[-1]} RUEHWEB",
                f"DE RUEH{code} #{serial % 10000:04d}/01 {rng.randint(1, 365):03d}{stamp[2:6]}",
                f"ZNY {letter} ZZH",
                f"{prec} {stamp}",
                f"FM {fm}",
                f"TO RUEHC/{to}",
                *(["INFO " + infos[0], *infos[1:]] if infos else []),
                "BT",
            ]
        )

    def body(
        self,
        name: str,
        year: int,
        month: int,
        serial: int,
        classification: str,
        refs: list[str],
    ) -> str:
        rng, pool = self.rng, self.pool
        # Lognormal paragraph counts give the long tail real cables have.
        count = max(1, min(80, round(rng.lognormvariate(1.8, 0.75))))
        paragraphs = [rng.choice(pool.paragraphs) for _ in range(count)]
        pages = max(1, sum(len(p) + 2 for p in paragraphs) // 55 + 1)
        sections = max(1, pages // 3)
        banner = _BANNER[classification]
        first = f"{banner} SECTION 01 OF {sections:02d} {name} {serial:06d}"
        lines = [first if sections > 1 else f"{banner} {name} {serial:06d}", ""]
        if year >= 2005:
            lines += ["SIPDIS", ""]
        lines.append(f"E.O. 12958: DECL: {month:02d}/{rng.randint(1, 28):02d}/{year + 10}")
        lines.append(f"TAGS: {rng.choice(pool.tags)}")
        lines += [f"SUBJECT: {rng.choice(pool.subjects)}", ""]
        lines += self.ref_block(refs)
        if not classification.startswith("UNCLAS"):
            signer = f"{rng.choice(_SIGNERS)} {rng.choice(_NAMES)}"
            lines += [f"Classified By: {signer} for reasons 1.4 (b) and (d).", ""]
        marks = _MARKING[classification]
        lettered = rng.random() < 0.15
        number = 0
        for i, para in enumerate(paragraphs):
            if i and rng.random() < 0.08:
                lines += [rng.choice(pool.headings), ""]
                lettered = rng.random() < 0.5
                number = 0 if lettered else number
            number += 1
            label = chr(64 + min(number, 26)) if lettered else str(number)
            mark = f"({rng.choice(marks)}) " if year >= 1990 and rng.random() < 0.8 else ""
            prefix = "" if lettered else rng.choice(("¶", "", ""))
            head = f"{prefix}{label}. {mark}"
            if i == 0 and count > 3 and rng.random() < 0.5:
                lines.append(f"{head}SUMMARY: {para[0]}")
                lines += para[1:]
                lines[-1] += " END SUMMARY."
            else:
                lines.append(head + para[0])
                lines += para[1:]
            lines.append("")
        lines.append(rng.choice(_NAMES))
        return self.paginate(lines, name, year, serial, classification, pages, sections)

    def ref_block(self, refs: list[str]) -> list[str]:
        cited = []
        for ref in refs:
            m = _ID.match(ref)
            if m:
                station = self.station(m.group(2))[1]
                cited.append(f"{station} {int(m.group(3))}")
        if not cited:
            return []
        if len(cited) == 1:
            return [f"REF: {cited[0]}", ""]
        more = (f"     {chr(66 + i)}. {c}" for i, c in enumerate(cited[1:]))
        return [f"REF: A. {cited[0]}", *more, ""]

    def paginate(
        self,
        lines: list[str],
        name: str,
        year: int,
        serial: int,
        classification: str,
        pages: int,
        sections: int,
    ) -> str:
        """Page markers every ~55 lines, wherever they fall, as in the release."""
        if pages < 2:
            return " \n".join(lines) + " \n"
        out: list[str] = []
        page = 1
        cls = classification.split("//")[0]
        for i, line in enumerate(lines):
            if i and i % 55 == 0:
                page += 1
                if year < 1990:
                    dtg = f"{serial % 28 + 1:02d}{serial % 24:02d}{serial % 60:02d}Z"
                    section = f"{min(page, sections):02d} OF {sections:02d}"
                    marker = f"PAGE {page:02d} {name} {serial % 100000:05d} {section} {dtg}"
                    out += ["", cls, marker]
                else:
                    out += [cls, f"{name} {serial:08d}  {page:03d} OF {pages:03d}"]
            out.append(line)
        return " \n".join(out) + " \n"


def generate(out: Path, size: int, seed: int = 2011, progress: bool = True) -> int:
    """Write `size` cables (0 = all 251,287) to `out`; returns the number written."""
    rng = random.Random(seed)
    rows = month_rows()
    if size and size < len(rows):
        rows = [rows[i] for i in sorted(rng.sample(range(len(rows)), size))]
    writer = CableWriter(build_pool(), rng)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".partial")
    with tmp.open("w", encoding="utf-8", newline="", buffering=1 << 22) as f:
        for row, (ref_id, year, month) in enumerate(
            tqdm(rows, desc=f"generating {out.name}", unit=" cables", disable=not progress), 1
        ):
            f.write(writer.record(row, ref_id, year, month))
    tmp.replace(out)
    return len(rows)


def default_path(size_name: str) -> Path:
    return OUT_DIR / f"cables-{size_name}.csv"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", choices=sorted(SIZES), default="10k")
    parser.add_argument("--seed", type=int, default=2011)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    out = args.out or default_path(args.size)
    written = generate(out, SIZES[args.size], args.seed)
    print(f"{out}: {written:,} cables, {out.stat().st_size / 1e6:,.0f} MB")


if __name__ == "__main__":
    main()
