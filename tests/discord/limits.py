"""Discord's size limits, checked on real `discord.Embed` objects."""

from __future__ import annotations

import re
from collections.abc import Sequence

import discord

from bot.render.discord import (
    AUTHOR_LIMIT,
    DESCRIPTION_LIMIT,
    EMBEDS_PER_MESSAGE,
    FIELD_COUNT_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    FOOTER_LIMIT,
    MESSAGE_EMBED_TOTAL,
    TITLE_LIMIT,
)

_CODE = re.compile(r"```\n(.*?)\n```", re.S)


def limit_problems(embeds: Sequence[discord.Embed]) -> list[str]:
    """Every way one message carrying `embeds` breaks a Discord limit (empty: none)."""
    problems = []
    if len(embeds) > EMBEDS_PER_MESSAGE:
        problems.append(f"{len(embeds)} embeds")
    if sum(len(e) for e in embeds) > MESSAGE_EMBED_TOTAL:
        problems.append(f"total {sum(len(e) for e in embeds)}")
    for e in embeds:
        checks = [
            ("title", len(e.title or ""), TITLE_LIMIT),
            ("description", len(e.description or ""), DESCRIPTION_LIMIT),
            ("fields", len(e.fields), FIELD_COUNT_LIMIT),
            ("footer", len(e.footer.text or ""), FOOTER_LIMIT),
            ("author", len(e.author.name or ""), AUTHOR_LIMIT),
        ]
        for f in e.fields:
            checks += [
                ("field name", len(f.name or ""), FIELD_NAME_LIMIT),
                ("field value", len(f.value or ""), FIELD_VALUE_LIMIT),
            ]
        problems += [f"{what} {size} > {limit}" for what, size, limit in checks if size > limit]
        problems += [f"empty field {f.name!r}" for f in e.fields if not f.name or not f.value]
    return problems


def quoted_text(embeds: Sequence[discord.Embed]) -> str:
    """The cable text quoted in code blocks across pages, whitespace normalised."""
    blocks = [m.group(1) for e in embeds for m in _CODE.finditer(e.description or "")]
    return " ".join(" ".join(blocks).split())
