"""The seed cable 07DUSHANBE313 (rendered page text, lettered paragraphs per section)
and citations between bundled cables."""

from __future__ import annotations

import pytest

from bot.chat.passages import MAX_PARAGRAPHS
from bot.chat.replies import (
    AnswerReply,
    BrowseReply,
    CableCard,
    ErrorReply,
    ParagraphsReply,
    ReferenceStatus,
    RefsReply,
    Reply,
    SearchReply,
)
from tests.chat.conftest import Ask

SEED = "07DUSHANBE313"
PAGE = "https://wikileaks.org/cable/2007/03/07DUSHANBE313.html"
HEADINGS = [
    "OVERVIEW",
    "PREVENTION",
    "INVESTIGATION AND PROSECUTION OF TRAFFICKERS",
    "PROTECTION AND ASSISTANCE TO VICTIMS",
]


def _paragraphs(reply: Reply) -> ParagraphsReply:
    assert isinstance(reply, ParagraphsReply), reply
    return reply


def _error(reply: Reply) -> ErrorReply:
    assert isinstance(reply, ErrorReply), reply
    return reply


def test_seed_card(ask: Ask) -> None:
    card = ask(f"!cable {SEED}")
    assert isinstance(card, CableCard)
    assert card.subject == "TAJIKISTAN'S 2006-2007 TRAFFICKING IN PERSONS REPORT"
    assert card.created is not None and card.created.isoformat() == "2007-03-02T13:48:00"
    assert card.released is not None and card.released.isoformat() == "2011-08-26T00:00:00"
    assert not card.minutes_unreliable
    assert card.classification == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    assert card.origin == "Embassy Dushanbe"
    assert [t.tag for t in card.tags][:3] == ["KCRM", "PHUM", "KWMN"]
    meanings = {t.tag: t.meaning for t in card.tags}
    assert meanings["KCRM"] == "Criminal activity"
    assert meanings["TI"] == "Tajikistan"
    [ref] = card.references
    assert (ref.ref_id, ref.status) == ("06STATE202745", ReferenceStatus.NOT_IN_CABLEGATE)
    assert ref.year_inferred and ref.as_written == "STATE 202745"
    assert card.sections == HEADINGS
    assert [(s.heading, s.paragraphs) for s in card.outline] == list(
        zip(HEADINGS, [4, 8, 15, 9], strict=True)
    )
    assert card.permalink == PAGE
    assert card.plusd_link == "https://wikileaks.org/plusd/cables/07DUSHANBE313_a.html"


def test_overview_c_is_whole_across_the_page_break(ask: Ask) -> None:
    [c] = _paragraphs(ask(f"!cable {SEED} overview C")).paragraphs
    assert (c.section, c.label) == ("OVERVIEW", "C")
    assert c.text.startswith(
        "The inter-agency commission and the International Organization for Migration "
        "continue to point out that the Trafficking In Persons Law (Article 130) is inadequate."
    )
    assert "002.2 OF 008" not in c.text
    assert "DUSHANBE 00000313" not in c.text
    # Its last block, three blank-line-separated blocks later.
    assert c.text.rstrip().endswith("provides support in-kind, not in cash.")


@pytest.mark.parametrize(
    ("where", "label", "opening"),
    [
        ("overview", "A", "Tajikistan is an origin country for trafficking."),
        ("prevention", "F", "Each government agency that deals with trafficking has at"),
        ("investigation", "O", "Tajikistan ratified ILO Convention 182"),
        ("protection", "I", "The federal and local government cooperated closely"),
    ],
)
def test_lettered_paragraph_of_each_section(ask: Ask, where: str, label: str, opening: str) -> None:
    reply = _paragraphs(ask(f"!cable {SEED} {where} {label}"))
    [paragraph] = reply.paragraphs
    assert paragraph.label == label
    assert paragraph.section == reply.section
    assert reply.section is not None and reply.section.lower().startswith(where)
    assert paragraph.text.startswith(opening)
    # A letter's first occurrence holds the site's `#parX` anchor; a later one (¶I of
    # protection: investigation has A-O) links to the cable's page, and says why.
    assert paragraph.anchor_ambiguous == (where == "protection")
    expected = PAGE if paragraph.anchor_ambiguous else f"{PAGE}#par{label}"
    assert paragraph.permalink == expected


def test_spaced_id_section_and_label(ask: Ask) -> None:
    assert ask("!cable 07 dushanbe 313 prevention F") == ask(f"!cable {SEED} PREVENTION ¶F")


def test_numbered_paragraphs(ask: Ask) -> None:
    [first] = _paragraphs(ask(f"!cable {SEED} 1")).paragraphs
    assert first.text.startswith("Please note that Post's paragraph designation corresponds")
    assert first.permalink == f"{PAGE}#par1"
    [third] = _paragraphs(ask(f"!cable {SEED} para 3")).paragraphs
    assert third.text.startswith("Time spent preparing this report:")
    assert "Total: 15 hours" in third.text


def test_ranges_within_a_section(ask: Ask) -> None:
    reply = _paragraphs(ask(f"!cable {SEED} prevention ¶B-D"))
    assert [(p.section, p.label) for p in reply.paragraphs] == [
        ("PREVENTION", "B"),
        ("PREVENTION", "C"),
        ("PREVENTION", "D"),
    ]


def test_long_ranges_are_capped_with_a_note(ask: Ask) -> None:
    # From ¶1 to ¶3 runs through all 36 lettered paragraphs.
    reply = _paragraphs(ask(f"!cable {SEED} ¶1-3"))
    assert len(reply.paragraphs) == MAX_PARAGRAPHS
    assert reply.paragraphs[0].label == "1"
    assert reply.notes == [
        f"Showing the first {MAX_PARAGRAPHS} of 39 paragraphs; ask for a range to read the rest."
    ]


@pytest.mark.parametrize(
    ("query", "heading"),
    [
        ("overview", "OVERVIEW"),
        ("prevention", "PREVENTION"),
        ("investigation", "INVESTIGATION AND PROSECUTION OF TRAFFICKERS"),
        ("prosecution", "INVESTIGATION AND PROSECUTION OF TRAFFICKERS"),
        ("protecton", "PROTECTION AND ASSISTANCE TO VICTIMS"),
        ("assistance to victims", "PROTECTION AND ASSISTANCE TO VICTIMS"),
        ("PREVENTON", "PREVENTION"),
    ],
)
def test_fuzzy_section_names(ask: Ask, query: str, heading: str) -> None:
    reply = _paragraphs(ask(f"!cable {SEED} {query}"))
    assert reply.section == heading
    assert [p.section for p in reply.paragraphs] == [heading] * len(reply.paragraphs)
    assert reply.paragraphs[0].label == "A"


def test_a_letter_in_every_section_asks_which_and_each_suggestion_works(ask: Ask) -> None:
    error = _error(ask(f"!cable {SEED} A"))
    assert "several sections" in error.message
    assert len(error.suggestions) == 4
    for suggestion, heading in zip(error.suggestions, HEADINGS, strict=True):
        [paragraph] = _paragraphs(ask(suggestion)).paragraphs
        assert (paragraph.section, paragraph.label) == (heading, "A")
    # A pasted permalink to `#parC` is not: it opens the first ¶C (test_cable.py).


def test_unknown_section_or_label_lists_what_exists(ask: Ask) -> None:
    error = _error(ask(f"!cable {SEED} economy"))
    assert error.suggestions == HEADINGS
    assert "OVERVIEW; PREVENTION" in error.message
    error = _error(ask(f"!cable {SEED} prevention Z"))
    assert error.message == f"{SEED} has no ¶Z in PREVENTION. Labels there: A, B, C, D, E, F, G, H."
    error = _error(ask(f"!cable {SEED} summary"))
    assert error.message == f"{SEED} has no summary marked."


def test_summary_and_comment_as_sections(ask: Ask) -> None:
    summary = _paragraphs(ask("!cable 08REYKJAVIK195 summary"))
    [item] = summary.paragraphs
    assert summary.section == "SUMMARY"
    assert item.text.startswith("On August 26, Minister for Foreign Affairs")
    assert item.permalink.endswith("#par1")
    # 06MADRID766 heads its comment `//COMMENT//`: the heading is used.
    comment = _paragraphs(ask("!cable 06MADRID766 comment"))
    assert comment.section == "//COMMENT//"
    assert [p.label for p in comment.paragraphs] == ["12"]


def test_refs_inside_the_library(ask: Ask) -> None:
    cited = ask("!refs 06MADRID1914")
    assert isinstance(cited, RefsReply)
    assert [c.ref_id for c in cited.cited_by] == ["06MADRID2657", "07MADRID1805", "09MADRID347"]
    citing = ask("!refs 06MADRID2657")
    assert isinstance(citing, RefsReply)
    statuses = {ref.ref_id: ref.status for ref in citing.cites}
    assert statuses["06MADRID1914"] is ReferenceStatus.IN_LIBRARY
    assert "06MADRID1914" in {c.ref_id for c in ask.state.library}
    seed = ask(f"!refs {SEED}")
    assert isinstance(seed, RefsReply)
    assert [(r.ref_id, r.status) for r in seed.cites] == [
        ("06STATE202745", ReferenceStatus.NOT_IN_CABLEGATE)
    ]
    assert seed.cited_by == []


def test_ask_and_search_reach_the_seed(ask: Ask) -> None:
    answer = ask(f"!ask {SEED} which article of the criminal code covers human trafficking")
    assert isinstance(answer, AnswerReply)
    assert answer.hits and {h.ref_id for h in answer.hits} == {SEED}
    assert answer.hits[0].section == "INVESTIGATION AND PROSECUTION OF TRAFFICKERS"
    found = ask("!search trafficking victims origin:dushanbe year:2007")
    assert isinstance(found, SearchReply)
    assert found.hits[0].ref_id == SEED
    listed = ask("!browse tag:KCRM origin:dushanbe")
    assert isinstance(listed, BrowseReply)
    assert SEED in {c.ref_id for c in listed.cables}
