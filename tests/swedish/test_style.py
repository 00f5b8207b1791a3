"""Officialese, passive verbs and noun chains."""

from __future__ import annotations

import pytest

from iopdocs.swedish.prose import prose
from iopdocs.swedish.spelling import DictionaryMissing, shared_speller
from iopdocs.swedish.style import Phrases, default_phrases, is_passive, noun_chains


@pytest.fixture(scope="module")
def speller():
    found = shared_speller()
    assert not isinstance(found, DictionaryMissing), str(found)
    return found


def found(phrases: Phrases, text: str) -> list[tuple[str, str]]:
    words = prose(text).words
    return [
        (" ".join(w.text for w in words[m.first : m.first + m.count]), m.better)
        for m in phrases.find(words)
    ]


def test_the_shipped_list_has_the_issues_examples_and_many_more():
    phrases = default_phrases()
    text = "Avseende detta vill vi, i syfte att\n  verkställa planen, därutöver ändra den."
    assert found(phrases, text) == [
        ("Avseende", "om, när det gäller"),
        ("i syfte att", "för att"),
        ("verkställa", "genomföra"),
        ("därutöver", "dessutom"),
    ]
    assert len(phrases.replacements) >= 150  # forms; the file has about 80 entries


def test_inflected_forms_are_found_and_similar_words_are_not():
    phrases = Phrases.parse("erhålla|erhåller|erhöll = få\n")
    assert found(phrases, "Föreningen erhöll och erhåller stöd") == [
        ("erhöll", "få"),
        ("erhåller", "få"),
    ]
    assert found(phrases, "erhållande erhållen") == []


def test_the_longest_phrase_wins_where_phrases_overlap():
    phrases = Phrases.parse("avseende = om\nmed avseende på = när det gäller\n")
    assert found(phrases, "Med avseende på budgeten") == [("Med avseende på", "när det gäller")]


def test_a_municipality_extends_and_overrides_the_list():
    phrases = default_phrases().extended({"härvid|härvidlag": "här", "avseende": "gällande"})
    assert found(phrases, "Härvidlag avseende") == [("Härvidlag", "här"), ("avseende", "gällande")]
    assert found(default_phrases(), "Härvidlag") == []  # the shipped list is unchanged


@pytest.mark.parametrize("line", ["avseende", "= om", "avseende =", "# bara en kommentar = x"])
def test_a_broken_line_is_refused_with_its_number(line):
    if line.startswith("#"):
        assert Phrases.parse(line).replacements == {}
        return
    with pytest.raises(ValueError, match="rad 2"):
        Phrases.parse(f"# lista\n{line}\n")


PASSIVES = str.split(
    "betalas betalades betalats följs följdes hyrs görs ges erbjuds används användas "
    "prövas ändras ändrats präglas uppfylls anses skrivs skrevs skrivits bedöms bedömdes "
    "tillsätts fastställs fastställdes beviljas krävs krävdes lämnas läggs lades lagts"
)
NOT_PASSIVES = str.split(
    "kyrkas kommuns nämnds års dags mans ens nyss annars finns hoppas lyckades Linköpings "
    "barns områdes sammanträdes resultats avtals kvinnors ungdomars parternas hus status vars "
    "träffas möts"
)


@pytest.mark.parametrize("word", PASSIVES)
def test_passive_verb_forms_are_found(speller, word):
    assert is_passive(word, speller)


@pytest.mark.parametrize("word", NOT_PASSIVES)
def test_genitives_deponents_and_adverbs_are_not_passive(speller, word):
    assert not is_passive(word, speller)


def test_a_chain_of_three_nominalisations_is_found():
    text = prose("Syftet är en förbättring av genomförandet av uppföljningen av verksamheten.")
    chains = [(text.words[a].text, text.words[b].text) for a, b in noun_chains(text.words)]
    assert chains == [("förbättring", "verksamheten")]


def test_two_nominalisations_or_other_nouns_are_no_chain():
    text = prose("Uppföljningen av verksamheten sker i samråd med kommunen av parterna.")
    assert list(noun_chains(text.words)) == []


def test_articles_may_stand_inside_a_chain():
    text = prose("en utveckling av den samordningen inom en organisationen")
    assert list(noun_chains(text.words)) == [(1, 7)]
