"""Text normalisation and the analyzers shared by indexing and querying.

One definition serves both sides, so a word in a question is reduced exactly as
the same word was in the cables.
"""

from __future__ import annotations

import re
from functools import lru_cache

import tantivy

from bot.cables.structure.redactions import blank_redactions

# Tokens are runs of letters and digits: tantivy's simple tokenizer (about twice as
# fast as a regex one at indexing), mirrored by this pattern on the Python side.
# "Iceland's" gives "iceland" and "s", a stop word.
WORD = re.compile(r"[^\W_]+")

# A run like ".A.E." after a lone letter: the tail of a dotted abbreviation. Starting
# the pattern with a literal keeps the scan fast (this runs on every paragraph).
_DOT_RUN = re.compile(r"\.(?:[A-Za-z]\.)+(?!\w)")
# Replaced with str.replace: str.translate with a dict is ~100 times slower here.
_SAME_LENGTH = (("’", "'"), ("‘", "'"), ("`", "'"), ("/", " "), ("“", '"'), ("”", '"'))

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
WORDS = "cable_words"


def _same_length(text: str) -> str:
    for old, new in _SAME_LENGTH:
        if old in text:
            text = text.replace(old, new)
    return text


def _undot(text: str) -> str:
    parts: list[str] = []
    last = 0
    for m in _DOT_RUN.finditer(text):
        start = m.start()
        before = text[start - 2] if start >= 2 else " "
        if text[start - 1 : start].isalpha() and not (before.isalnum() or before in "._"):
            parts += [text[last:start], m.group(0).replace(".", "")]
            last = m.end()
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def normalise(text: str) -> str:
    """Unify spellings before tokenizing: `U.A.E.` -> `UAE`, curly quotes, `/` as a
    separator; a redaction run (`XXXXXXXXXXXX`, glued or not) is no word."""
    return blank_redactions(_same_length(_undot(text)))


def stemmed_analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.custom_stopword(sorted(STOP_WORDS)))
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def words_analyzer() -> tantivy.TextAnalyzer:
    """Lower-cased words as written, stop words out (their positions stay as gaps):
    the paragraph text, reached by stem through `bot.search.variants`."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.custom_stopword(sorted(STOP_WORDS)))
        .build()
    )


def plain_analyzer() -> tantivy.TextAnalyzer:
    """Lower-cased words, unstemmed, stop words kept: the origin and classification filters."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
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


def words(text: str) -> list[str]:
    """Lower-cased words of normalised text, in order (stop words included)."""
    return [m.group(0).lower() for m in WORD.finditer(normalise(text))]
