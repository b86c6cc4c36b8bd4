"""Bad input of every kind gets a friendly error reply, never an exception."""

from __future__ import annotations

import json

import pytest

from bot.chat.commands import Command
from bot.chat.replies import REPLY_ADAPTER, CableCard, ErrorReply, Reply, SearchReply
from bot.chat.state import AppState
from bot.chat.text import MAX_LINE_CHARS
from handlers import cable
from handlers import dispatch as dispatch_module
from handlers.dispatch import dispatch_command
from tests.chat.conftest import Ask

NASTY = [
    "",
    "   ",
    "!",
    "!!!!",
    "!frobnicate",
    "!cable",
    "!cable @everyone",
    "!cable <@123>",
    "!cable ZZZZ",
    "!cable [click](http://evil.example) <script>",
    "!cable 08REYKJAVIK195 ¶",
    "!cable 08REYKJAVIK195 ¶99-100",
    "!ask",
    "!ask @here",
    "!search",
    "!search <@&42> <#7>",
    "!search tag:KCRM",
    "!search trafficking year:abc",
    "!search trafficking year:1850",
    "!search trafficking page:0",
    "!search trafficking when:yesterday",
    "!browse",
    "!browse nothing here",
    "!browse tag:",
    "!browse page:2",
    "!refs",
    "!refs ???",
    "!help nonsense",
    "\x00\x01\x02\x1b[2J",
    "\u202e!cable 08REYKJAVIK195\u202c",
    "!cable " + "9" * 5000,
    "!search " + "trafficking " * 2000,
]


@pytest.mark.parametrize("line", NASTY, ids=range(len(NASTY)))
def test_nasty_lines_get_well_formed_replies(ask: Ask, line: str) -> None:
    reply = ask(line)
    data = json.loads(reply.model_dump_json())
    assert REPLY_ADAPTER.validate_python(data) == reply
    if isinstance(reply, ErrorReply):
        assert reply.message
        assert "Traceback" not in reply.message
        assert isinstance(reply.suggestions, list)


def _error(reply: Reply) -> ErrorReply:
    assert isinstance(reply, ErrorReply), reply
    return reply


def test_empty_commands(ask: Ask) -> None:
    for line in ("", "   ", "!", "! "):
        error = _error(ask(line))
        assert error.message == "Empty command. Try `!help`."
        assert "!cable" in error.suggestions


def test_unknown_command_suggests_the_closest(ask: Ask) -> None:
    error = _error(ask("!serch trafficking"))
    assert error.suggestions[0] == "!search"
    assert "Did you mean !search?" in error.message
    error = _error(ask("!frobnicate"))
    assert error.suggestions == []
    assert "Unknown command frobnicate" in error.message
    # Undecodable bytes come in as U+FFFD, which is not echoed back.
    error = _error(ask("\ufffd\ufffd garbage"))
    assert error.message == "That is not a command I know. Type `!help` for the list."


def test_missing_arguments_explain_the_form(ask: Ask) -> None:
    assert "Which cable?" in _error(ask("!cable")).message
    assert "What is your question?" in _error(ask("!ask")).message
    assert "What should I search for?" in _error(ask("!search")).message
    assert "browse" in _error(ask("!search tag:KCRM")).message
    assert "Browse by tag:" in _error(ask("!browse")).message
    assert "Which cable?" in _error(ask("!refs")).message


def test_bad_filter_values(ask: Ask) -> None:
    assert (
        "year: needs a number from 1966 to 2010, not abc" in _error(ask("!browse year:abc")).message
    )
    assert "page: needs a number from 1 to 100" in _error(ask("!search x page:0")).message
    # Digits of other scripts pass str.isdigit but not int(): an input error all the same.
    assert "page: needs a number from 1 to 100, not ᧚" in _error(ask("!browse page:᧚")).message
    assert "year: needs a number from 1966 to 2010" in _error(ask("!search x year:𐩀")).message
    error = _error(ask("!search x class:secrte"))
    assert (
        error.message == "class: needs a classification such as SECRET or TOP SECRET, not secrte."
    )
    assert error.suggestions == ["class:secret", 'class:"top secret"']  # typed as shown
    error = _error(ask("!browse when:yesterday"))
    assert "Unknown filter when:" in error.message
    assert error.suggestions == [
        "class:",
        "from:",
        "origin:",
        "page:",
        "redacted:",
        "sort:",
        "subject:",
        "tag:",
        "to:",
        "year:",
    ]


def test_bad_query_language_values(ask: Ask) -> None:
    assert "`from:2007-03`" in _error(ask("!search x from:kabul")).message
    assert "origin:" in _error(ask("!search x from:kabul")).message
    assert "2007-13 is no date" in _error(ask("!search x from:2007-13")).message
    assert "run from 1966 to 2010" in _error(ask("!timeline x to:2011")).message
    assert "comes after" in _error(ask("!search x from:2009 to:2007")).message
    assert "runs backwards" in _error(ask("!search x year:2008-2006")).message
    error = _error(ask("!search x sort:date"))
    assert error.suggestions == ["sort:relevance", "sort:newest", "sort:oldest"]
    assert _error(ask("!search x redacted:maybe")).suggestions == ["redacted:yes", "redacted:no"]
    assert "subject: needs a word" in _error(ask("!search x subject:the")).message
    assert "sort:" in _error(ask("!ask who runs the shelters sort:newest")).message
    assert "What should I count?" in _error(ask("!timeline")).message


def test_mentions_and_markdown_are_never_echoed(ask: Ask) -> None:
    for line in (
        "!cable @everyone <@123> x",
        "!cable [click](http://evil.example)",
        "!help <@&42>**bold**`x`",
        "!frob@everyone",
    ):
        error = _error(ask(line))
        # Our own wording uses `code` marks; nothing the user typed may add markup.
        for bad in ("@", "<", ">", "*", "[", "]", "(http", "`x"):
            assert bad not in error.message, (line, error.message)


def test_queries_and_filters_are_echoed_inert(ask: Ask) -> None:
    reply = ask("!search [click](http://evil.example) <@1> origin:dushanbe @everyone")
    assert isinstance(reply, SearchReply)
    assert reply.query == "click http://evil.example"
    # A value no cable has is named in the error, as inert as the query.
    error = _error(ask('!search trafficking origin:"<b>[x](y)"'))
    assert error.message == "No cable in the library comes from b x y."


def test_markdown_and_control_characters_around_an_id_are_ignored(ask: Ask) -> None:
    expected = ask("!cable 08REYKJAVIK195")
    for line in (
        "!cable **08REYKJAVIK195**",
        "!cable `08REYKJAVIK195`",
        "!cable #08REYKJAVIK195",
        "!cable\x0008REYKJAVIK195\x07",
        "!cable <@123> 08REYKJAVIK195",
        "\u202e!cable 08REYKJAVIK195\u202c",
    ):
        assert ask(line) == expected, line


def test_very_long_lines_are_capped_and_the_reply_says_so(ask: Ask) -> None:
    reply = ask("!cable 08REYKJAVIK195 " + "¶" * 20_000)
    assert reply.notes[0] == (
        f"Your message had 20,022 characters; only the first {MAX_LINE_CHARS:,} were read."
    )
    assert isinstance(ask("!cable 08REYKJAVIK195" + " " * 5000), CableCard)


def test_dispatch_command_takes_discord_style_arguments(state: AppState) -> None:
    assert dispatch_command(state, "cable", "08 reykjavik 195") == dispatch_command(
        state, "CABLE", "**08REYKJAVIK195**"
    )
    assert dispatch_command(state, "!help", "") == dispatch_command(state, "help", "")
    error = _error(dispatch_command(state, "cable", "x" * 3000))
    assert error.notes[0].startswith("Your message had 3,000 characters")


def test_a_failing_handler_becomes_an_apology(
    state: AppState, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(state: AppState, request: cable.CableRequest) -> Reply:
        raise RuntimeError("bug")

    broken_cable = Command(cable.SPEC, cable.parse, broken)
    monkeypatch.setattr(dispatch_module, "command_named", lambda name: broken_cable)
    error = _error(dispatch_command(state, "cable", "08REYKJAVIK195"))
    assert error.message == "Sorry, that command failed on our side. It has been logged."


def test_inputs_a_demanding_user_types(ask: Ask) -> None:
    # A note must not say "closest match" for the exact id in parentheses.
    card = ask("!cable (07DUSHANBE313)")
    assert card.kind == "cable" and card.notes == []
    assert _error(ask("!search tag:")).message == "tag: needs a value, e.g. tag:KCRM."
    assert _error(ask('!browse origin:"')).message.startswith("origin: needs a value")
    for line in ("!search 🙂🙂", "!ask ¿?", "!ask 07DUSHANBE313 🙂"):
        assert _error(ask(line)).message.startswith("There is nothing to search for"), line
    for typed in ("3,5", "¶3 ¶5", "1-"):
        message = _error(ask(f"!cable 07DUSHANBE313 {typed}")).message
        assert message.startswith(f"{typed} is not a paragraph label or range"), typed


def test_browse_suggests_only_close_tags_and_origins(ask: Ask) -> None:
    error = _error(ask("!browse tag:KCRN"))
    assert error.suggestions[0] == "KCRM"
    assert _error(ask("!browse tag:ZZZZ")).suggestions == []
    assert _error(ask("!browse origin:reykjavk")).suggestions == ["Embassy Reykjavik"]
    error = _error(ask("!browse origin:atlantis"))
    assert (
        error.suggestions == [] and error.message == "No cable in the library comes from atlantis."
    )
