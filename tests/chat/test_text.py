from bot.chat.text import MAX_LINE_CHARS, clean_line, echo


def test_clean_line_drops_mentions_markdown_and_control_characters() -> None:
    line = "!cable **#07DUSHANBE313** <@123> <@!45> <@&6> <#7> @everyone @here\x00\x1b[31m\u200b ¶3"
    assert clean_line(line).text == "!cable 07DUSHANBE313 [31m ¶3"


def test_clean_line_keeps_links_intact() -> None:
    link = "https://wikileaks.org/plusd/cables/07DUSHANBE313_a.html"
    assert clean_line(f"!cable {link}").text == f"!cable {link}"
    page = "https://wikileaks.org/cable/2007/03/07DUSHANBE313.html#parC"
    assert clean_line(page).text == page


def test_clean_line_caps_length_and_says_by_how_much() -> None:
    clean = clean_line("!search " + "x" * 10_000)
    assert len(clean.text) == MAX_LINE_CHARS
    assert clean.cut_from == 10_008
    assert clean_line("!help").cut_from is None


def test_fullwidth_and_compatibility_characters_are_normalised() -> None:
    assert clean_line("！ｃａｂｌｅ ０７ＤＵＳＨＡＮＢＥ３１３").text == "!cable 07DUSHANBE313"


def test_echo_is_short_and_inert() -> None:
    shown = echo("<@123> **bold** `code` [link](http://x) @everyone " + "y" * 200)
    for bad in ("<", ">", "*", "`", "[", "]", "(", ")", "@"):
        assert bad not in shown
    assert len(shown) <= 60
    assert shown.endswith("…")
