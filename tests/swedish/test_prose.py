"""Words and sentences of a case text: markup, links and addresses are not words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from iopdocs.swedish.prose import prose


def words(text: str) -> list[str]:
    return [w.text for w in prose(text).words]


def sentences(text: str) -> list[list[str]]:
    return [[w.text for w in s.words] for s in prose(text).sentences]


def test_markup_is_not_read_as_words():
    text = "Läs **mer** om *målen* i [kommunens plan](https://linkoping.se/mal_2023-plan)."
    assert words(text) == ["Läs", "mer", "om", "målen", "i", "kommunens", "plan"]


def test_addresses_are_not_words():
    text = "Skriv till info@forening.se eller se www.forening.se/om-oss och https://x.se/a."
    assert words(text) == ["Skriv", "till", "eller", "se", "och"]


def test_an_address_is_blanked_whole_and_a_long_word_without_one_is_kept():
    assert words("Mejla anna.b+iop@ryds-bk.se i dag") == ["Mejla", "i", "dag"]
    long_word = "1" * 50000
    assert words(f"Beloppet {long_word} kr") == ["Beloppet", long_word, "kr"]


def test_names_abbreviations_and_endings_stay_one_word():
    assert words("IOGT-NTO:s stöd, t.ex. IOP:n och IOP´n") == [
        "IOGT-NTO:s",
        "stöd",
        "t.ex",
        "IOP:n",
        "och",
        "IOP´n",
    ]


def test_offsets_point_into_the_value():
    text = "- **Kamratstödet** ger [stöd](https://x.se) till\n  fler.\n"
    for word in prose(text).words:
        assert text[word.start : word.end] == word.text


def test_sentences_end_at_period_colon_and_question_mark():
    text = "Det här är en mening. Här är nästa: en lista? Ja!"
    assert sentences(text) == [
        ["Det", "här", "är", "en", "mening"],
        ["Här", "är", "nästa"],
        ["en", "lista"],
        ["Ja"],
    ]


def test_abbreviations_and_numbers_do_not_end_a_sentence():
    text = "Öppet kl. 10.30 t.ex. på måndagar, ca. 200 dagar om året. Sedan stängt."
    assert [len(s) for s in sentences(text)] == [11, 2]


def test_a_period_before_a_lower_case_word_does_not_end_a_sentence():
    assert len(sentences("Lokaler m.m. ingår i budgeten.")) == 1


def test_each_list_item_and_paragraph_is_its_own_sentence():
    text = "Överenskommelsen ska\n\n- nå människor\n- erbjuda gemenskap\n\nSista stycket"
    assert sentences(text) == [
        ["Överenskommelsen", "ska"],
        ["nå", "människor"],
        ["erbjuda", "gemenskap"],
        ["Sista", "stycket"],
    ]


def test_a_line_break_inside_a_paragraph_does_not_end_a_sentence():
    assert len(sentences("Parterna har träffats\nregelbundet under året.")) == 1


def test_letters_count_only_letters():
    first, second = prose("IOGT-NTO:s 2024").words
    assert (first.letters, second.letters) == (8, 0)


@given(st.text(alphabet=st.sampled_from("ab åÖ.:*-_[]()\n#!?´'1/"), max_size=80))
def test_any_text_gives_words_inside_it_and_sentences_in_order(text):
    result = prose(text)
    assert len(result.masked) == len(text)
    for word in result.words:
        assert text[word.start : word.end] == word.text
    starts = [s.start for s in result.sentences]
    assert starts == sorted(starts)
    assert sum(len(s.words) for s in result.sentences) == len(result.words)
