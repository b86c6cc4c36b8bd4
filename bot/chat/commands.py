"""The command reference: the one text behind `!help` and docs/commands.md."""

from __future__ import annotations

from dataclasses import dataclass

from bot.chat.text import MAX_LINE_CHARS


@dataclass(slots=True, frozen=True)
class CommandSpec:
    name: str
    usage: str
    summary: str
    details: tuple[str, ...]
    examples: tuple[str, ...]


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec(
        "cable",
        "cable <id> [<section>] [<label>|¶<label>|para <n>|<from>-<to>]",
        "A cable's card, or the paragraphs you ask for.",
        (
            "Without more, the card: subject, dates, classification, origin, tags and what they "
            "mean, references (in the library, in Cablegate but not loaded, or not in Cablegate), "
            "sections with their paragraph counts, the start of the summary, and links to "
            "WikiLeaks and PlusD.",
            "Add a section name (it may be shortened or misspelt: `prevention`, `protecton`), or "
            "`summary` or `comment`, to read that part.",
            "Add a paragraph label (`3`, `¶3`, `para 3`, `F`) or a range (`¶3-5`, `B-D`) to read "
            "those paragraphs; letters repeat in each section, so name the section too.",
            "A section name ending in a letter or number (`Question A`) is read whole when it is "
            'quoted or ends with a colon: `"Question A"`, `Question A:`, `Question A: 4`.',
            "Ids ignore case, spaces and dashes (`07 dushanbe-313`); a WikiLeaks or PlusD link "
            "works as an id. A typo gets the three closest ids.",
            "Times like `17:??` are from early site pages whose minutes are unreliable.",
        ),
        (
            "cable 07DUSHANBE313",
            "cable 07DUSHANBE313 prevention F",
            "cable 07DUSHANBE313 overview C",
            'cable 07PORTAUPRINCE408 "Question A"',
            "cable 08REYKJAVIK195 ¶2-3",
        ),
    ),
    CommandSpec(
        "ask",
        "ask [<id>] <question> [tag:<TAG>] [origin:<place>] [year:<yyyy>] [class:<level>]",
        "Paragraphs that answer a plain question, best first, each with its permalink.",
        (
            "Start with a cable id to look only inside that cable; add filters, as for "
            "`search`, to look only in some cables.",
            "When nothing matches well the reply says so rather than guess.",
        ),
        (
            "ask how many victims were repatriated from the UAE",
            "ask 07DUSHANBE313 who is the point of contact on trafficking",
            "ask who runs the shelters tag:KCRM",
        ),
    ),
    CommandSpec(
        "search",
        "search <words> [tag:<TAG>] [origin:<place>] [year:<yyyy>] [class:<level>] [page:<n>]",
        "Ranked paragraphs matching your words, with optional filters.",
        (
            "Filters narrow the paragraphs searched: `tag:KCRM` (repeat for several tags), "
            "`origin:dushanbe`, `year:2007`, `class:secret`. Quote values with spaces: "
            '`origin:"buenos aires"`.',
            "Words in double quotes must stand together in the paragraph itself: "
            '`"chicken street"`.',
            "`page:2` shows the next hits.",
        ),
        (
            "search human trafficking tag:KCRM",
            "search peacekeeping origin:reykjavik year:2008",
            'search "chicken street"',
        ),
    ),
    CommandSpec(
        "browse",
        "browse tag:<TAG> | origin:<place> | year:<yyyy> | class:<level> [page:<n>]",
        "Lists of cables in the library, newest first, like the WikiLeaks browse pages.",
        (
            "Filters combine: `browse tag:PHUM year:2007`. Quote values with spaces: "
            '`origin:"buenos aires"`.',
            "`class:secret` lists SECRET and SECRET//NOFORN; write the full marking to get one.",
        ),
        (
            "browse tag:KCRM",
            "browse tag:KCRM page:2",
            "browse class:secret year:2009",
        ),
    ),
    CommandSpec(
        "refs",
        "refs <id>",
        "What a cable cites, and which cables in the library cite it.",
        ("Each reference says whether it is in the library, in Cablegate only, or not leaked.",),
        ("refs 07DUSHANBE313",),
    ),
    CommandSpec(
        "help",
        "help [<command>]",
        "This reference, or one command's part of it.",
        (),
        ("help", "help cable"),
    ),
)

COMMAND_NAMES: tuple[str, ...] = tuple(spec.name for spec in COMMANDS)


def spec_for(name: str) -> CommandSpec | None:
    return next((spec for spec in COMMANDS if spec.name == name), None)


def command_help(spec: CommandSpec, prefix: str) -> str:
    lines = [f"## `{prefix}{spec.usage}`", "", spec.summary]
    if spec.details:
        lines += ["", *(f"- {detail}" for detail in spec.details)]
    lines += ["", "Examples:", "", *(f"    {prefix}{example}" for example in spec.examples)]
    return "\n".join(lines)


def reference_text(prefix: str) -> str:
    """The whole reference as Markdown (docs/commands.md is this text for prefix `!`)."""
    intro = (
        "# cablebot commands\n\n"
        f"Type a command in Discord (with the prefix `{prefix}`, or as a slash command) or in "
        "`cablebot chat` (the prefix is optional there). Every reply is also available as JSON: "
        "`cablebot chat --json MESSAGE`.\n\n"
        "A message that starts with a cable id or link, without a command, shows that cable. "
        f"Messages are read up to {MAX_LINE_CHARS:,} characters; mentions, markdown and control "
        "characters in them are ignored."
    )
    return "\n\n".join([intro, *(command_help(spec, prefix) for spec in COMMANDS)]) + "\n"
