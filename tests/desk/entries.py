"""Desk entries made from real cables, with the front ends' own converter."""

from __future__ import annotations

from bot.cables.model import Cable
from bot.chat.entries import paragraph_entry, whole_cable
from bot.desk import DeskScope, DeskUser, Entry

ANN = DeskUser("111", "Ann")
BO = DeskUser("222", "Bo")
HERE = DeskScope("900", "901")

__all__ = ["ANN", "BO", "HERE", "paragraph", "paragraph_entry", "paragraphs", "whole_cable"]


def paragraph(cable: Cable, key: str) -> Entry:
    found = cable.paragraph(key)
    assert found is not None, key
    return paragraph_entry(cable, found)


def paragraphs(cable: Cable, count: int) -> list[Entry]:
    entries = [paragraph_entry(cable, p) for p in cable.paragraphs[:count]]
    assert len(entries) == count, f"{cable.ref_id} has only {len(entries)} paragraphs"
    return entries
