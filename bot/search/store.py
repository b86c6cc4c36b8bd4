"""The paragraph index store: one tantivy document per paragraph, built once per library.

Each document carries its paragraph's text and section heading and, in `cable`,
its cable's subject, id, origin and tags, so a question naming a post or a subject
is steered to the right cable. Only the cable id and paragraph number are stored:
texts are read back from the Library. On disk the index lives under `cache_dir/search/<key>`,
where the key changes whenever the library or this module's schema changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import tantivy

from bot.cables.library import Library
from bot.cables.model import Cable
from bot.search.spelling import Speller
from bot.search.text import PLAIN, STEMMED, normalise, plain_analyzer, stemmed_analyzer

# Bump when the schema, analyzers or indexed text change: old indexes are rebuilt.
SCHEMA_VERSION = "4"
_VOCABULARY = "vocabulary.json"
_META = "cablebot-index.json"
# Writer budget (cables): tantivy splits its heap between threads (>= 15 MB each);
# a small library is indexed faster than a second thread would start.
_SMALL_LIBRARY = 5_000


@dataclass(slots=True)
class IndexHandle:
    index: tantivy.Index
    speller: Speller
    key: str
    built_now: bool


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", tokenizer_name=STEMMED, index_option="position")
    for name in ("heading", "cable"):
        builder.add_text_field(name, tokenizer_name=STEMMED, index_option="freq")
    # Unstemmed words: exact matches outrank stem-only ones ("trafficker" vs
    # "trafficking"), and its term list is the spelling vocabulary.
    builder.add_text_field("exact", tokenizer_name=PLAIN, index_option="freq")
    builder.add_text_field("ref", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("para", stored=True)
    builder.add_text_field("tag", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("origin", tokenizer_name=PLAIN, index_option="position")
    builder.add_text_field("classification", tokenizer_name=PLAIN, index_option="position")
    builder.add_unsigned_field("year", indexed=True)
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


def _documents(library: Library) -> Iterator[tantivy.Document]:
    # Iterating reads a stored library in one sequential scan (no per-id lookups).
    for cable in library:
        about = normalise(f"{cable.subject} {cable.ref_id} {cable.origin} {' '.join(cable.tags)}")
        year = cable_year(cable)
        headings: dict[str | None, str] = {}
        for number, paragraph in enumerate(cable.paragraphs):
            body = normalise(paragraph.text)
            heading = headings.get(paragraph.section)
            if heading is None:
                heading = headings[paragraph.section] = normalise(paragraph.section or "")
            doc = tantivy.Document()
            doc.add_text("body", body)
            doc.add_text("heading", heading)
            doc.add_text("cable", about)
            doc.add_text("exact", body)
            doc.add_text("ref", cable.ref_id)
            doc.add_unsigned("para", number)
            for tag in cable.tags:
                doc.add_text("tag", tag.upper())
            doc.add_text("origin", cable.origin)
            doc.add_text("classification", cable.classification)
            doc.add_unsigned("year", year)
            yield doc


def _register(index: tantivy.Index) -> None:
    index.register_tokenizer(STEMMED, stemmed_analyzer())
    index.register_tokenizer(PLAIN, plain_analyzer())


def _build(library: Library, path: Path | None) -> tuple[tantivy.Index, dict[str, int]]:
    index = tantivy.Index(schema(), path=str(path) if path else None)
    _register(index)
    threads, heap = (1, 64_000_000) if len(library) < _SMALL_LIBRARY else (2, 600_000_000)
    writer = index.writer(heap_size=heap, num_threads=threads)
    for doc in _documents(library):
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    vocabulary = {
        word: freq
        for word, freq in index.searcher().terms_with_prefix("exact", "")
        if word.isalpha()
    }
    return index, vocabulary


def _open_existing(path: Path) -> tuple[tantivy.Index, dict[str, int]] | None:
    try:
        meta = json.loads((path / _META).read_text("utf-8"))
        if meta.get("schema") != SCHEMA_VERSION:
            return None
        vocabulary: dict[str, int] = json.loads((path / _VOCABULARY).read_text("utf-8"))
        index = tantivy.Index.open(str(path))
    except (OSError, ValueError):
        return None
    _register(index)
    index.reload()
    return index, vocabulary


def _persisted(
    library: Library, root: Path, key: str
) -> tuple[tantivy.Index, dict[str, int], bool]:
    final = root / key
    if final.is_dir():
        opened = _open_existing(final)
        if opened is not None:
            return opened[0], opened[1], False
        shutil.rmtree(final, ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    # Built aside and renamed into place, so a crash never leaves a half index
    # that a later start would trust.
    staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=root))
    index, vocabulary = _build(library, staging)
    (staging / _VOCABULARY).write_text(json.dumps(vocabulary), "utf-8")
    (staging / _META).write_text(json.dumps({"schema": SCHEMA_VERSION, "key": key}), "utf-8")
    try:
        os.replace(staging, final)
    except OSError:  # another process won the race: use its copy
        shutil.rmtree(staging, ignore_errors=True)
        opened = _open_existing(final)
        if opened is None:
            raise
        return opened[0], opened[1], False
    for stale in root.iterdir():
        if stale.name != key and not stale.name.startswith("."):
            shutil.rmtree(stale, ignore_errors=True)
    index = tantivy.Index.open(str(final))
    _register(index)
    index.reload()
    return index, vocabulary, True


def open_index(library: Library, cache_dir: Path | None) -> IndexHandle:
    key = index_key(library)
    if cache_dir is None:
        index, vocabulary = _build(library, None)
        return IndexHandle(index, Speller(vocabulary), key, built_now=True)
    try:
        index, vocabulary, built = _persisted(library, cache_dir / "search", key)
    except OSError:
        # An unusable cache directory costs a rebuild at each start, not the search.
        index, vocabulary = _build(library, None)
        built = True
    return IndexHandle(index, Speller(vocabulary), key, built_now=built)
