"""Text normalisation and the analyzers shared by indexing and querying.

One definition serves both sides, so a word in a question is reduced exactly as
the same word was in the cables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import tantivy

# Tokens: runs of letters/digits, keeping an English possessive so the stemmer
# can strip it ("Iceland's" -> "iceland"). The Python pattern mirrors the Rust one.
_RUST_TOKEN = r"[\p{L}\p{N}]+(?:'\p{L}+)?"
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")

_DOTTED = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){2,})(?![\w])")
_SPAN = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}(?!\w)|[^\W_]+(?:'[^\W_]+)?")
# Same length in and out, so offsets in normalised text stay valid in the original.
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "/": " ", "“": '"', "”": '"'})

# Lucene's English list plus question words; "us" stays searchable (U.S.).
STOP_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "if",
        "in",
        "into",
        "is",
        "it",
        "no",
        "not",
        "of",
        "on",
        "or",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "will",
        "with",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "has",
        "have",
        "had",
        "having",
        "were",
        "been",
        "being",
        "am",
        "i",
        "me",
        "my",
        "we",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "its",
        "them",
        "theirs",
        "about",
        "any",
        "some",
        "can",
        "could",
        "would",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "so",
        "than",
        "too",
        "very",
        "just",
        "also",
        "from",
        "up",
        "down",
        "out",
        "over",
        "under",
        "again",
        "once",
        "here",
        "all",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "own",
        "same",
        "only",
        "tell",
        "please",
        "give",
        "show",
        "find",
        "s",
        "",
    }
)

STEMMED = "cable_en"
PLAIN = "cable_plain"


def normalise(text: str) -> str:
    """Unify spellings before tokenizing: `U.A.E.` -> `UAE`, curly quotes, `/` as a separator."""
    text = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), text)
    return text.translate(_QUOTES)


def stemmed_analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(_RUST_TOKEN))
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.custom_stopword(sorted(STOP_WORDS)))
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def plain_analyzer() -> tantivy.TextAnalyzer:
    """Lower-cased words, unstemmed: the spelling vocabulary and the exact-match filters."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(_RUST_TOKEN))
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .build()
    )


_STEMMER = stemmed_analyzer()


@lru_cache(maxsize=65536)
def stem(word: str) -> str | None:
    """The index term of one word, or None for a stop word."""
    terms = _STEMMER.analyze(word)
    return terms[0] if terms else None


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Words of the original `text` with their offsets in it (`U.A.E.` is the word `UAE`)."""
    for m in _SPAN.finditer(text.translate(_QUOTES)):
        yield m.start(), m.end(), m.group(0).replace(".", "")


def words(text: str) -> list[str]:
    """Lower-cased words of normalised text, in order (stop words included)."""
    return [m.group(0).lower() for m in WORD.finditer(normalise(text))]
