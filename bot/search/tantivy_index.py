"""The paragraph index store: one tantivy document per paragraph, built once per library.

Each document carries its paragraph's text and section heading; a cable's first
paragraph also carries, in `cable`, its subject, id, origin and tags, so a question
naming a post or a subject picks the right cable to score (once a cable: these
words were an eighth of the indexing cost when repeated on every paragraph, and
scoring them per paragraph did not rank better). Only the cable id and paragraph
number are stored: texts are read back from the Library. Each paragraph also carries
its cable's number (`cable_no`, the order the cables were indexed in; `cables.json`
lists their ids in that order), a fast field that facets and timelines count by.
On disk the index lives under `<library folder>/search/<key>`, where the key changes
whenever the library or this module's schema changes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

import tantivy

from bot.cables.claims import Claim, claim, remove_unclaimed
from bot.cables.library import Library
from bot.cables.model import Cable
from bot.cables.store_build import building
from bot.cables.structure.redactions import cable_redactions
from bot.search.index_damage import is_panic, was_unreadable
from bot.search.spelling import Speller
from bot.search.text import (
    PLAIN,
    STEMMED,
    WORDS,
    normalise,
    plain_analyzer,
    stemmed_analyzer,
    words_analyzer,
)
from bot.search.variants import Variants

log = logging.getLogger(__name__)

TAG_LIST = "cable_tags"
CABLE_NO = "cable_no"
# Bump when the schema, analyzers or indexed text change: old indexes are rebuilt.
SCHEMA_VERSION = "9"
_VOCABULARY = "vocabulary.json"
_CABLES = "cables.json"
_META = "cablebot-index.json"
# Libraries from this many cables get the large writer heap (fewer, larger segments).
_SMALL_LIBRARY = 5_000
# One writer thread: during a cold start the parse workers keep both cores busy, and
# a second writer thread cost 14 of 225 CPU-seconds and 500 MB at full size, for a
# longer build (116 s against 108 s, measured).
_WRITER_THREADS = 1


@dataclass(frozen=True, slots=True)
class Built:
    """A finished index, with what is kept beside it."""

    index: tantivy.Index
    vocabulary: dict[str, int]
    # The id of each cable by its `cable_no`.
    cables: list[str]


@dataclass(slots=True)
class IndexHandle:
    index: tantivy.Index
    speller: Speller
    variants: Variants
    key: str
    built_now: bool
    cables: list[str]
    # On disk: its folder's inode (a rebuilt copy has another) and the claim that keeps
    # other processes from deleting it while it is used.
    inode: int | None = None
    claim: Claim | None = None

    @classmethod
    def of(
        cls,
        built: Built,
        key: str,
        built_now: bool,
        path: Path | None = None,
        held: Claim | None = None,
    ) -> IndexHandle:
        index, vocabulary = built.index, built.vocabulary
        total = max(int(index.searcher().num_docs), 1)
        inode = path.stat().st_ino if path is not None else None
        speller, variants = Speller(vocabulary), Variants(vocabulary, total)
        return cls(index, speller, variants, key, built_now, built.cables, inode, held)


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    # Words as written: a question's stem reaches them through `Variants`, the word
    # as typed can outrank its other forms, and the term list is the spelling vocabulary.
    builder.add_text_field("body", tokenizer_name=WORDS, index_option="position")
    for name in ("heading", "cable"):
        builder.add_text_field(name, tokenizer_name=STEMMED, index_option="freq")
    builder.add_text_field("ref", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("para", stored=True)
    # Facets and timelines collect the distinct cables of a match set from it: integer
    # buckets, never turned back into id strings, and numbers that index arrays.
    builder.add_unsigned_field(CABLE_NO, fast=True)
    # All of a cable's tags in one value, split at spaces (TAGS never contain one):
    # one value a paragraph instead of one a tag saves 5% of the indexing CPU.
    builder.add_text_field("tag", tokenizer_name=TAG_LIST, index_option="basic")
    builder.add_text_field("origin", tokenizer_name=PLAIN, index_option="position")
    builder.add_text_field("classification", tokenizer_name=PLAIN, index_option="position")
    builder.add_unsigned_field("year", indexed=True)
    # `from:` / `to:` ranges and `sort:newest|oldest` (a `date_key`).
    builder.add_unsigned_field("date", indexed=True, fast=True)
    builder.add_text_field("subject", tokenizer_name=STEMMED, index_option="basic")
    builder.add_unsigned_field("redacted", indexed=True)
    return builder.build()


def index_key(library: Library) -> str:
    """Names the index of this library built by this schema (`Library.fingerprint`
    changes with the inputs and the parser)."""
    return hashlib.sha256(f"{SCHEMA_VERSION}:{library.fingerprint}".encode()).hexdigest()[:20]


def cable_year(cable: Cable) -> int:
    if cable.created is not None:
        return cable.created.year
    yy = int(cable.ref_id[:2])
    return 1900 + yy if yy > 10 else 2000 + yy


def date_key(cable: Cable) -> int:
    """The cable's date as YYYYMMDD; an undated cable is YYYY0000 (the year of its id)."""
    created = cable.created
    if created is None:
        return cable_year(cable) * 10_000
    return created.year * 10_000 + created.month * 100 + created.day


class IndexedCable(NamedTuple):
    """What the index takes of one cable, its text already normalised.

    Made in a parse worker during a cold start (`indexed_cable` is the store's
    sidecar), so the one pass over the inputs also feeds the index.
    """

    ref_id: str
    about: str
    tags: str  # upper case, space-separated
    origin: str
    classification: str
    year: int
    date: int  # date_key
    subject: str
    redacted: bool
    # (text, section heading) of each paragraph, in order.
    paragraphs: tuple[tuple[str, str], ...]


def indexed_cable(cable: Cable) -> IndexedCable:
    headings: dict[str | None, str] = {}
    paragraphs = []
    for paragraph in cable.paragraphs:
        heading = headings.get(paragraph.section)
        if heading is None:
            heading = headings[paragraph.section] = normalise(paragraph.section or "")
        paragraphs.append((normalise(paragraph.text), heading))
    return IndexedCable(
        ref_id=cable.ref_id,
        about=normalise(f"{cable.subject} {cable.ref_id} {cable.origin} {' '.join(cable.tags)}"),
        tags=" ".join(tag.upper() for tag in cable.tags),
        origin=cable.origin,
        classification=cable.classification,
        year=cable_year(cable),
        date=date_key(cable),
        subject=normalise(cable.subject),
        redacted=cable_redactions(cable) > 0,
        paragraphs=tuple(paragraphs),
    )


class IndexBuilder:
    """Writes the paragraph index of cables added one by one (in memory when `path` is None)."""

    def __init__(self, path: Path | None, large: bool) -> None:
        self.index = tantivy.Index(schema(), path=str(path) if path else None)
        _register(self.index)
        heap = 600_000_000 if large else 64_000_000
        self._writer = self.index.writer(heap_size=heap, num_threads=_WRITER_THREADS)
        self._writing = True
        self.superseded = False
        self._cables: list[str] = []

    def add(self, ref_id: str, cable: IndexedCable, replaces: bool = False) -> None:
        """Index `cable`; `replaces`: a better copy of a cable already added.

        Deleting the earlier copy's paragraphs would leave them in tantivy's BM25
        statistics until a merge, so the scores would differ from a fresh build of
        the same library; the builder is marked `superseded` instead, and indexes
        nothing more (its index will not be used).
        """
        self.superseded = self.superseded or replaces
        if self.superseded:
            return
        cable_no = len(self._cables)
        self._cables.append(ref_id)
        for number, (body, heading) in enumerate(cable.paragraphs):
            doc = tantivy.Document()
            doc.add_text("body", body)
            doc.add_text("heading", heading)
            if number == 0:
                # Once a cable: it only steers which cables the full query scores.
                doc.add_text("cable", cable.about)
            doc.add_text("ref", ref_id)
            doc.add_unsigned("para", number)
            doc.add_unsigned(CABLE_NO, cable_no)
            doc.add_text("tag", cable.tags)
            doc.add_text("origin", cable.origin)
            doc.add_text("classification", cable.classification)
            doc.add_unsigned("year", cable.year)
            doc.add_unsigned("date", cable.date)
            doc.add_text("subject", cable.subject)
            doc.add_unsigned("redacted", int(cable.redacted))
            self._writer.add_document(doc)

    def abandon(self) -> None:
        """Stop the writer's threads: they would go on writing segment files into a
        folder being deleted (and recreate what was just removed). Once finished, a no-op."""
        if self._writing:
            self._writing = False
            self._writer.rollback()
            self._writer.wait_merging_threads()

    def finish(self) -> Built:
        """Commit, wait for merges, and return the index with its spelling vocabulary
        and cable numbers."""
        self._writing = False
        self._writer.commit()
        self._writer.wait_merging_threads()
        self.index.reload()
        vocabulary = {
            word: freq
            for word, freq in self.index.searcher().terms_with_prefix("body", "")
            if word.isalpha()
        }
        return Built(self.index, vocabulary, self._cables)


def _register(index: tantivy.Index) -> None:
    index.register_tokenizer(STEMMED, stemmed_analyzer())
    index.register_tokenizer(PLAIN, plain_analyzer())
    index.register_tokenizer(WORDS, words_analyzer())
    index.register_tokenizer(
        TAG_LIST, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
    )


def _build(library: Library, path: Path | None) -> Built:
    builder = IndexBuilder(path, large=len(library) >= _SMALL_LIBRARY)
    try:
        # Iterating reads a stored library in one sequential scan (no per-id lookups).
        for cable in library:
            builder.add(cable.ref_id, indexed_cable(cable))
    except BaseException:
        builder.abandon()  # a damaged store row, Ctrl-C: stop writing before cleanup
        raise
    return builder.finish()


def _is_vocabulary(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(word, str) and type(count) is int for word, count in value.items()
    )


def _is_id_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(ref_id, str) for ref_id in value)


def _open_existing(path: Path, again: bool) -> Built | None:
    """The index at `path`, or None when there is none or it is unreadable (logged,
    unless this is a look `again`)."""
    if not path.is_dir():
        return None
    try:
        meta = json.loads((path / _META).read_text("utf-8"))
        if not isinstance(meta, dict) or meta.get("schema") != SCHEMA_VERSION:
            raise ValueError(f"{_META} names another schema")
        vocabulary = json.loads((path / _VOCABULARY).read_text("utf-8"))
        if not _is_vocabulary(vocabulary):
            raise ValueError(f"{_VOCABULARY} is not a word count table")
        cables = json.loads((path / _CABLES).read_text("utf-8"))
        if not _is_id_list(cables):
            raise ValueError(f"{_CABLES} is not a list of cable ids")
        index = tantivy.Index.open(str(path))
        _register(index)
        index.reload()
        index.searcher()
    except (OSError, ValueError) as error:
        cause = str(error)
    except BaseException as error:
        if not is_panic(error):
            raise
        cause = f"tantivy panicked: {error}"
    else:
        return Built(index, vocabulary, cables)
    if not again:
        log.warning("the search index %s is unreadable (%s); rebuilding it", path, cause)
    return None


def staging_dir(folder: Path) -> Path:
    """A fresh directory to build an index in, beside where `install` will put it.

    Built aside and renamed into place, so a crash never leaves a half index that
    a later start would trust (and the next build clears it away: `building`).
    """
    root = folder / "search"
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".build-", dir=root))


def install(
    folder: Path,
    staging: Path,
    library: Library,
    built: Built,
) -> IndexHandle:
    """Move the index built in `staging` into place as the index of `library`; the
    caller holds the folder's build lock."""
    root = folder / "search"
    key = index_key(library)
    final = root / key
    (staging / _VOCABULARY).write_text(json.dumps(built.vocabulary), "utf-8")
    (staging / _CABLES).write_text(json.dumps(built.cables), "utf-8")
    (staging / _META).write_text(json.dumps({"schema": SCHEMA_VERSION, "key": key}), "utf-8")
    held = claim(final, shared=True)
    if final.exists():
        # An unreadable index of the same name: moved aside in one step (a process
        # still reading it keeps its open files), then deleted.
        aside = staging_dir(folder)
        os.replace(final, aside)
        shutil.rmtree(aside, ignore_errors=True)
    os.replace(staging, final)
    for stale in root.iterdir():
        if stale.name != key and not stale.name.startswith(".") and stale.is_dir():
            remove_unclaimed(stale)  # an older index of this library nobody uses
    index = tantivy.Index.open(str(final))
    _register(index)
    index.reload()
    return IndexHandle.of(replace(built, index=index), key, True, final, held)


def _reopen(path: Path, key: str, again: bool) -> IndexHandle | None:
    if not path.is_dir():
        return None
    held = claim(path, shared=True)
    opened = _open_existing(path, again)
    if opened is None:
        return None
    return IndexHandle.of(opened, key, False, path, held)


def _persisted(library: Library, folder: Path) -> IndexHandle:
    """The index of `library` under `folder`, built when missing or unreadable (a copy
    found unreadable while searched is not opened again; one rebuilt since is)."""
    key = index_key(library)
    path = folder / "search" / key

    def usable(again: bool) -> IndexHandle | None:
        if path.is_dir() and was_unreadable(path.stat().st_ino):
            return None
        return _reopen(path, key, again)

    handle = usable(again=False)
    if handle is not None:
        return handle
    with building(folder):
        handle = usable(again=True)  # built meanwhile by another process
        if handle is not None:
            return handle
        staging = staging_dir(folder)
        try:
            return install(folder, staging, library, _build(library, staging))
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # gone already when installed


def open_index(library: Library, folder: Path | None) -> IndexHandle:
    """The index of `library` in `folder`/search (None: in memory)."""
    if folder is not None:
        try:
            return _persisted(library, folder)
        except OSError:
            pass  # an unusable cache directory costs a rebuild at each start, not the search
    return IndexHandle.of(_build(library, None), index_key(library), built_now=True)
