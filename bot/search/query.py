"""From a researcher's question to a tantivy query.

The question becomes a list of concepts (one per content word, plus one per
abbreviation or spelled-out form found), each a set of alternative index-term
sequences. Every alternative is searched in the paragraph text and its section
heading, with boosts. Across the library, the cables to score are chosen first by
the question's words in paragraph text and in the cables' subject, id, origin and
tags; re-ranking (`engine.py`) then counts those cable fields in a hit's coverage.

Paragraph text is indexed as written: a term reaches it through every form of the
word that the cables use (`Variants`), the word as typed scoring extra, and a
phrase matches the words as written.

Words in double quotes are also a required phrase: the paragraph's own text (or its
heading) must hold them in that order, as `"chicken street"` asks; the cable's
fields can steer unquoted words only. The items of an `a OR b` chain are one concept
with each item an alternative; words after `-` or `NOT` are excluded (`syntax.py`).

`match_query` is the boolean reading of the same question, for counting: every word
(in any of its forms or alternatives, in the paragraph's text or heading) and every
required phrase present, nothing excluded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

import tantivy

from bot.search.abbreviations import expansions
from bot.search.api import SearchFilters
from bot.search.spelling import Speller
from bot.search.syntax import read_syntax
from bot.search.text import WORD, normalise, plain_analyzer, stem, stemmed_analyzer, words
from bot.search.variants import Variants

# Field boosts: a heading word says more about a paragraph than a body word.
FIELD_BOOSTS = {"body": 1.0, "heading": 1.5}
# Bonus for the very word the user typed, on top of its stem's match.
EXACT_BOOST = 1.0
# A paragraph using several forms of a word scores its best form's match plus this
# share of the others', as a stem's repeats saturate: summing them in full made
# paragraphs that merely repeat a word outscore the one that answers (`make eval`).
FORMS_TIE_BREAKER = 0.3
# A question is read up to this many words (a pasted page must not stall search).
MAX_WORDS = 64
# Two neighbouring words of the question found together (slop 1) earn this much more.
PAIR_WEIGHT = 0.5
# A spelled-out form or abbreviation counts less than the word the user typed.
_EXPANSION_WEIGHT = 0.6
_PLAIN = plain_analyzer()
_STEMMED = stemmed_analyzer()
# A quoted stretch (straight quotes: `normalise` straightens curly ones); a closing
# quote left off ends the phrase at the end of the question.
_QUOTED = re.compile(r'"([^"]*)"?')


class Term(NamedTuple):
    offset: int  # position in its phrase (stop words leave gaps)
    stem: str  # the index term in headings and cable fields, and what excerpts bold
    word: str  # as written, lower-cased: how paragraph text is indexed


Phrase = tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class Concept:
    alternatives: tuple[Phrase, ...]
    weight: float = 1.0
    # The word as the user wrote it (corrected): scores extra where the text has it.
    exact: str | None = None
    # Only adds score (word pairs, abbreviations of spelled-out forms): not counted
    # when judging how well a hit matches.
    bonus: bool = False
    # A spelling correction: a guess, so a match on it is only half-convincing.
    guessed: bool = False


@dataclass(slots=True)
class ParsedQuery:
    concepts: list[Concept]
    corrected: str | None = None
    # Every index term of the question: what excerpts highlight.
    terms: set[str] = field(default_factory=set)
    # Required phrases: one of each group must be in the paragraph's text or heading
    # (a quoted phrase is a group of one; `"a b" OR c` a group of two).
    phrases: list[tuple[Phrase, ...]] = field(default_factory=list)
    # Words and phrases (`-word`, `NOT "a phrase"`) no matching paragraph may hold.
    excluded: list[Phrase] = field(default_factory=list)


def _phrase(words: tuple[str, ...] | list[str]) -> Phrase:
    """Terms of consecutive words with their positions (stop words leave gaps)."""
    out: list[Term] = []
    for offset, word in enumerate(words):
        term = stem(word)
        if term is not None:
            out.append(Term(offset, term, word))
    first = out[0].offset if out else 0
    return tuple(t._replace(offset=t.offset - first) for t in out)


def _positions(text: str, spans: list[tuple[int, int]]) -> list[set[int]]:
    """For each span of `text`, the positions (in WORD order) of its words."""
    groups: list[set[int]] = [set() for _ in spans]
    for position, word in enumerate(WORD.finditer(text)):
        if position >= MAX_WORDS:
            break
        for group, (start, end) in zip(groups, spans, strict=True):
            if start <= word.start() < end:
                group.add(position)
    return groups


def parse(question: str, speller: Speller) -> ParsedQuery:
    syntax = read_syntax(normalise(question))
    text = syntax.positive
    written = [m.group(0) for m in WORD.finditer(text)][:MAX_WORDS]
    lowered = [w.lower() for w in written]
    quoted = [g for g in _positions(text, [m.span(1) for m in _QUOTED.finditer(text)]) if g]
    literal = set().union(*quoted)
    corrected = list(lowered)
    # An unknown word is replaced by its correction (and the question reported
    # corrected); a word the cables use, however rarely, is kept and its common
    # look-alike only added as an alternative.
    fixes: dict[int, str] = {}
    extras: dict[int, str] = {}
    for i, word in enumerate(lowered):
        if stem(word) is None or i in literal:
            continue  # a quoted word is meant as written
        fix = speller.correct(word)
        if fix is None or fix == word:
            continue
        if speller.frequency(word) == 0:
            fixes[i] = corrected[i] = fix
        else:
            extras[i] = fix
    by_position: dict[int, Concept] = {}
    for i, word in enumerate(corrected):
        term = stem(word)
        if term is None:
            continue
        alternatives: list[Phrase] = [(Term(0, term, word),)]
        extra = stem(extras[i]) if i in extras else None
        if extra is not None and extra != term:
            alternatives.append((Term(0, extra, extras[i]),))
        by_position[i] = Concept(tuple(alternatives), exact=word, guessed=i in fixes)
    # An `a OR b` chain is one concept, each item an alternative.
    phrases: list[tuple[Phrase, ...]] = []
    merged: list[Concept] = []
    chained: set[int] = set()
    for spans, required in zip(syntax.chains, syntax.quoted_chains, strict=True):
        either: list[Phrase] = []
        for group in _positions(text, spans):
            chained |= group
            single = by_position.get(min(group)) if len(group) == 1 else None
            if single is not None:
                either += single.alternatives
            elif group and (phrase := _phrase([corrected[i] for i in sorted(group)])):
                either.append(phrase)
            for position in group:
                by_position.pop(position, None)
        if either:
            merged.append(Concept(tuple(either)))
            if required:
                phrases.append(tuple(either))
    concepts = list(by_position.values()) + merged
    positions = sorted(p for p in by_position if p not in chained)
    for a, b in pairwise(positions):
        if b - a <= 2 and PAIR_WEIGHT > 0:
            pair = (
                by_position[a].alternatives[0][0],
                by_position[b].alternatives[0][0]._replace(offset=b - a),
            )
            concepts.append(Concept((pair,), PAIR_WEIGHT, bonus=True))
    for found in expansions(written, corrected):
        alts = tuple(p for p in (_phrase(words) for words in found.alternatives) if p)
        if not alts:
            continue
        own = by_position.get(found.start)
        if found.end - found.start == 1 and own is not None:
            # An abbreviation: its long forms are alternatives of the same concept.
            concepts = [c for c in concepts if c is not own]
            concepts.append(Concept(own.alternatives + alts, exact=own.exact, guessed=own.guessed))
        else:
            # A spelled-out form also finds its abbreviation: a way to match, not a
            # requirement, so it does not count against a hit's coverage.
            concepts.append(Concept(alts, _EXPANSION_WEIGHT, bonus=True))
    terms = {t.stem for concept in concepts for alt in concept.alternatives for t in alt}
    phrases += [
        (p,)
        for group in quoted
        if not group & chained and (p := _phrase([lowered[i] for i in sorted(group)]))
    ]
    excluded = [p for item in syntax.excluded if (p := _phrase(words(item)))]
    shown = None
    if fixes:
        swap = {lowered[i]: fix for i, fix in fixes.items()}
        shown = WORD.sub(lambda m: swap.get(m.group(0).lower(), m.group(0)), question)
    return ParsedQuery(concepts, shown, terms, phrases, excluded)


def _any_form(schema: tantivy.Schema, term: Term, variants: Variants) -> tantivy.Query:
    """Paragraph text holding any form of `term`'s word."""
    forms = variants.forms(term.stem, term.word)
    if len(forms) == 1:
        return tantivy.Query.term_query(schema, "body", forms[0][0])
    return tantivy.Query.disjunction_max_query(
        [
            tantivy.Query.boost_query(tantivy.Query.term_query(schema, "body", f), weight)
            for f, weight in forms
        ],
        FORMS_TIE_BREAKER,
    )


def _field_query(
    schema: tantivy.Schema, name: str, phrase: Phrase, variants: Variants, slop: int = 1
) -> tantivy.Query:
    if name == "body":
        if len(phrase) == 1:
            return _any_form(schema, phrase[0], variants)
        return tantivy.Query.phrase_query(
            schema, name, [(t.offset, t.word) for t in phrase], slop=slop
        )
    if len(phrase) == 1:
        return tantivy.Query.term_query(schema, name, phrase[0].stem)
    # Short fields keep no positions (cheaper to index): all the words suffice.
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, tantivy.Query.term_query(schema, name, t.stem)) for t in phrase]
    )


def _exact(schema: tantivy.Schema, concept: Concept) -> tantivy.Query | None:
    if concept.exact is None:
        return None
    return tantivy.Query.term_query(schema, "body", concept.exact)


def _concept_clauses(
    schema: tantivy.Schema, concept: Concept, variants: Variants
) -> list[tuple[tantivy.Occur, tantivy.Query]]:
    clauses = [
        (
            tantivy.Occur.Should,
            tantivy.Query.boost_query(
                _field_query(schema, name, alt, variants), boost * concept.weight
            ),
        )
        for alt in concept.alternatives
        for name, boost in FIELD_BOOSTS.items()
    ]
    exact = _exact(schema, concept)
    if exact is not None:
        clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(exact, EXACT_BOOST)))
    return clauses


def _either(
    schema: tantivy.Schema, phrases: tuple[Phrase, ...], variants: Variants
) -> tantivy.Query:
    """Any of `phrases` as written in the paragraph's text (in that order), or all of a
    phrase's words in its heading (a heading keeps no positions)."""
    return tantivy.Query.boolean_query(
        [
            (tantivy.Occur.Should, _field_query(schema, name, phrase, variants, slop=0))
            for phrase in phrases
            for name in ("body", "heading")
        ]
    )


def _required(
    schema: tantivy.Schema, parsed: ParsedQuery, variants: Variants
) -> list[tuple[tantivy.Occur, tantivy.Query]]:
    """One unscored clause per required phrase group, one per excluded word or phrase."""
    required = [
        (tantivy.Occur.Must, tantivy.Query.const_score_query(_either(schema, group, variants), 0.0))
        for group in parsed.phrases
    ]
    return required + [
        (tantivy.Occur.MustNot, _either(schema, (phrase,), variants)) for phrase in parsed.excluded
    ]


def flat_query(
    schema: tantivy.Schema,
    parsed: ParsedQuery,
    keep: Callable[[Concept], bool],
    variants: Variants,
) -> tantivy.Query:
    """The question's single words as plain term queries in body and cable fields, the
    words as typed once more: cheap to evaluate over the whole library (pruned by
    tantivy). Only the concepts `keep` accepts take part; quoted phrases are required."""
    clauses = _required(schema, parsed, variants)
    for concept in parsed.concepts:
        if concept.bonus or not keep(concept):
            continue
        for alt in concept.alternatives:
            if len(alt) == 1:
                clauses.append((tantivy.Occur.Should, _any_form(schema, alt[0], variants)))
                clauses.append(
                    (tantivy.Occur.Should, tantivy.Query.term_query(schema, "cable", alt[0].stem))
                )
        exact = _exact(schema, concept)
        if exact is not None:
            clauses.append((tantivy.Occur.Should, exact))
    return tantivy.Query.boolean_query(clauses)


def filter_query(
    schema: tantivy.Schema, filters: SearchFilters, ref_id: str | None
) -> tantivy.Query | None:
    """The filters as one unscored query, or None when nothing is filtered."""
    must: list[tantivy.Query] = []
    if ref_id is not None:
        must.append(tantivy.Query.term_query(schema, "ref", ref_id))
    for tag in filters.tags:
        must.append(tantivy.Query.term_query(schema, "tag", tag.strip().upper()))
    for name, value in (("origin", filters.origin), ("classification", filters.classification)):
        if value:
            words = _PLAIN.analyze(normalise(value))
            if not words:
                continue
            if len(words) == 1:
                must.append(tantivy.Query.term_query(schema, name, words[0]))
            else:
                must.append(
                    tantivy.Query.phrase_query(schema, name, list[str | tuple[int, str]](words))
                )
    if filters.year is not None:
        if filters.year < 0:  # no such year: nothing matches (an unsigned field)
            return tantivy.Query.empty_query()
        must.append(tantivy.Query.term_query(schema, "year", filters.year))
    if filters.subject:
        must += [
            tantivy.Query.term_query(schema, "subject", term)
            for term in _STEMMED.analyze(normalise(filters.subject))
        ]
    if filters.since is not None or filters.until is not None:
        must.append(
            tantivy.Query.range_query(
                schema, "date", tantivy.FieldType.Unsigned, filters.since, filters.until
            )
        )
    if filters.redacted is not None:
        must.append(tantivy.Query.term_query(schema, "redacted", int(filters.redacted)))
    if not must:
        return None
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in must])


def match_query(
    schema: tantivy.Schema,
    parsed: ParsedQuery,
    restriction: tantivy.Query | None,
    variants: Variants,
) -> tantivy.Query:
    """The paragraphs that hold every word of the question (one of a concept's
    alternatives, in any form, in the text or heading), every required phrase and no
    excluded one, within `restriction`: the set that facets and timelines count."""
    clauses = [
        (tantivy.Occur.Must, _either_concept(schema, concept, variants))
        for concept in parsed.concepts
        if not concept.bonus
    ]
    clauses += _required(schema, parsed, variants)
    clauses.append((tantivy.Occur.Must, restriction or tantivy.Query.all_query()))
    return tantivy.Query.boolean_query(clauses)


def _either_concept(schema: tantivy.Schema, concept: Concept, variants: Variants) -> tantivy.Query:
    return tantivy.Query.boolean_query(
        [
            (tantivy.Occur.Should, _field_query(schema, name, alt, variants))
            for alt in concept.alternatives
            for name in FIELD_BOOSTS
        ]
    )


def full_query(
    schema: tantivy.Schema,
    parsed: ParsedQuery,
    restriction: tantivy.Query | None,
    variants: Variants,
) -> tantivy.Query:
    """All clauses in one flat boolean query (nesting one per concept scored the
    same but made tantivy's union slower), restricted to `restriction`."""
    clauses = [
        c for concept in parsed.concepts for c in _concept_clauses(schema, concept, variants)
    ]
    clauses += _required(schema, parsed, variants)
    if restriction is not None:
        clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(restriction, 0.0)))
    return tantivy.Query.boolean_query(clauses, minimum_number_should_match=1)
