from bot.chat.grammar import (
    LabelRange,
    Locator,
    looks_like_id,
    parse_locator,
    split_command,
    split_filters,
    take_id,
)


def test_split_command_with_and_without_prefix() -> None:
    assert split_command("!cable 07DUSHANBE313 ¶3", "!") is not None
    with_prefix = split_command("!Cable 07DUSHANBE313  ¶3", "!")
    without = split_command("cable 07DUSHANBE313  ¶3", "!")
    assert with_prefix == without
    assert with_prefix is not None
    assert (with_prefix.name, with_prefix.args) == ("cable", "07DUSHANBE313  ¶3")
    assert split_command("?help", "?") == split_command("help", "?")
    assert split_command("!", "!") is None
    assert split_command("", "!") is None


def test_take_id_joins_spaced_ids_and_stops_at_the_serial() -> None:
    split = take_id(["07", "DUSHANBE", "313", "prevention", "F"])
    assert split is not None
    assert (split.id_text, split.rest) == ("07DUSHANBE313", ["prevention", "F"])
    # The serial ends the id: a following number is a paragraph label, not more serial.
    split = take_id(["07DUSHANBE313", "3"])
    assert split is not None
    assert (split.id_text, split.rest) == ("07DUSHANBE313", ["3"])
    split = take_id(["07-dushanbe-313"])
    assert split is not None
    assert split.id_text == "07DUSHANBE313"


def test_take_id_accepts_four_digit_years_and_padded_serials() -> None:
    for words in (["2007", "DUSHANBE", "313"], ["07DUSHANBE000313"], ["DUSHANBE"]):
        split = take_id(words)
        assert split is not None
        assert split.id_text == ("DUSHANBE" if words == ["DUSHANBE"] else "07DUSHANBE313")
    split = take_id(["2007", "trafficking", "victims"])
    assert split is not None
    assert not looks_like_id(split.id_text)


def test_take_id_reads_permalinks() -> None:
    split = take_id(["https://wikileaks.org/cable/2007/03/07DUSHANBE313.html#parC"])
    assert split is not None
    assert (split.id_text, split.anchor) == ("07DUSHANBE313", "C")
    split = take_id(["https://wikileaks.org/plusd/cables/08REYKJAVIK195_a.html", "2"])
    assert split is not None
    assert (split.id_text, split.rest, split.anchor) == ("08REYKJAVIK195", ["2"], None)


def test_take_id_keeps_a_malformed_first_word_for_did_you_mean() -> None:
    split = take_id(["DUSHANBE313", "F"])
    assert split is not None
    assert (split.id_text, split.rest) == ("DUSHANBE313", ["F"])
    assert take_id([]) is None


def test_locators() -> None:
    assert parse_locator([]) == Locator()
    assert parse_locator(["prevention", "F"]) == Locator("prevention", LabelRange("F"))
    assert parse_locator(["prevention", "F)"]) == Locator("prevention", LabelRange("F"))
    assert parse_locator(["protecton"]) == Locator("protecton")
    assert parse_locator(["summary"]) == Locator("summary")
    for words in (["¶3"], ["para", "3"], ["paragraph", "3"], ["3"], ["¶", "3"], ["par3"], ["3."]):
        assert parse_locator(words) == Locator(None, LabelRange("3")), words
    for words in (["¶3-5"], ["3", "-", "5"], ["¶3", "to", "¶5"], ["3–5"]):
        assert parse_locator(words) == Locator(None, LabelRange("3", "5")), words
    assert parse_locator(["investigation", "b-d"]) == Locator("investigation", LabelRange("B", "D"))


def test_filters_split_from_words() -> None:
    split = split_filters("human trafficking tag:KCRM Tag:phum origin:dushanbe page:2 when:x")
    assert split.words == ["human", "trafficking"]
    assert split.filters == {"tag": "KCRM phum", "origin": "dushanbe", "page": "2"}
    assert split.unknown == ["when"]
    assert split_filters("classification:secret from:2007 until:2008").filters == {
        "class": "secret",
        "from": "2007",
        "to": "2008",
    }


def test_quoted_filter_values() -> None:
    split = split_filters('victims origin:"buenos  aires" year:2009 class:"secret//noforn')
    assert split.words == ["victims"]
    assert split.filters == {"origin": "buenos aires", "year": "2009", "class": "secret//noforn"}
    empty = split_filters('origin:"" x')
    assert (empty.words, empty.empty) == (["x"], ["origin"])


def test_quotes_or_a_colon_keep_a_section_name_whole() -> None:
    whole = Locator("Question A")
    assert parse_locator(['"Question', 'A"']) == whole
    assert parse_locator(["“Question", "A”"]) == whole
    assert parse_locator(["Question", "A:"]) == whole
    assert parse_locator(["Question", "A:", "3"]) == Locator("Question A", LabelRange("3"))
    assert parse_locator(['"Question', 'A"', "¶3-5"]) == Locator("Question A", LabelRange("3", "5"))
    # The last colon ends the name; one inside a heading belongs to it.
    assert parse_locator(["Comment:", "Stage", "is", "Set:"]) == Locator("Comment: Stage is Set")
    # Without quotes or colon a trailing letter is still a label.
    assert parse_locator(["Question", "A"]) == Locator("Question", LabelRange("A"))


def test_a_word_starting_like_para_is_not_a_label() -> None:
    # "para" is not "par" + ¶A; "para 3", "par3" and "p. 3" still name ¶3.
    assert parse_locator(["para"]) == Locator("para")
    assert parse_locator(["prevention", "para", "F"]) == Locator("prevention", LabelRange("F"))
    for words in (["para", "3"], ["par3"], ["p.", "3"]):
        assert parse_locator(words) == Locator(None, LabelRange("3")), words


def test_punctuation_around_an_id_is_dropped() -> None:
    for word in ("(07DUSHANBE313)", "“07DUSHANBE313”", "07DUSHANBE313.", "<07DUSHANBE313>"):
        split = take_id([word, "3"])
        assert split is not None
        assert (split.id_text, split.rest) == ("07DUSHANBE313", ["3"]), word


def test_empty_filters_are_reported_and_colon_words_kept() -> None:
    split = split_filters('iran tag: origin:"" warning:')
    assert split.empty == ["tag", "origin"]
    assert split.words == ["iran", "warning:"]
