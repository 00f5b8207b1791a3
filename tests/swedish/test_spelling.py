"""Spelling with hunspell-sv through Enchant, and the words a case may add."""

from __future__ import annotations

import subprocess
import sys

import pytest

from iopdocs.swedish.spelling import (
    INSTALL,
    DictionaryMissing,
    WordList,
    default_words,
    open_speller,
    shared_speller,
)


@pytest.fixture(scope="module")
def speller():
    found = shared_speller()
    assert not isinstance(found, DictionaryMissing), f"{found} (CI installs it: .ci/run)"
    return found


@pytest.mark.parametrize(
    "word",
    ["överenskommelsen", "Förvaltningen", "Pingstförsamlingens", "MBL-förhandling", "t.ex", "2024"],
)
def test_swedish_words_compounds_and_numbers_are_right(speller, word):
    assert speller.correct(word, WordList())


@pytest.mark.parametrize("word", ["Förvaltnigen", "anan", "överenskommmelse", "linköpingsbor"])
def test_misspelt_words_are_wrong(speller, word):
    assert not speller.correct(word, WordList())


def test_suggestions_come_from_the_dictionary(speller):
    assert speller.suggest("Förvaltnigen")[0] == "Förvaltningen"
    assert len(speller.suggest("Förvaltnigen")) <= 3


def test_an_accepted_lower_case_word_may_start_a_sentence_and_take_a_genitive(speller):
    words = WordList.parse("# kommunens egna ord\nlinköpingsbor  # invånarna\n\nCupolen\n")
    for word in ("linköpingsbor", "Linköpingsbor", "linköpingsbors", "Cupolen", "Cupolens"):
        assert speller.correct(word, words), word


def test_an_accepted_name_keeps_its_capital(speller):
    assert not speller.correct("cupolen", WordList(["Cupolen"]))


def test_a_name_is_accepted_word_by_word_and_part_by_part(speller):
    words = WordList()
    words.add_name("Celebrate Recovery CEMR-gruppen")
    for word in ("Celebrate", "Recovery", "CEMR", "CEMR-gruppen", "CEMR:s"):
        assert speller.correct(word, words), word


def test_hyphenated_words_are_checked_part_by_part(speller):
    assert not speller.correct("CEMR-deklarationen", WordList())
    assert speller.correct("CEMR-deklarationen", default_words())
    assert not speller.correct("IOP-överenskomelse", default_words())


def test_an_ending_after_a_colon_is_checked_on_its_word(speller):
    assert speller.correct("IOP:n", default_words())
    assert not speller.correct("XYZQ:n", default_words())


def test_copies_do_not_share_added_words():
    base = WordList(["Cupolen"])
    copy = base.copy()
    copy.add("Kvarnen")
    assert "Kvarnen" in copy and "Kvarnen" not in base and "Cupolen" in copy


def test_a_language_without_a_dictionary_says_how_to_install_one():
    with pytest.raises(DictionaryMissing) as missing:
        open_speller("xx_YY")
    assert INSTALL in str(missing.value)
    assert "hunspell-sv" in str(missing.value)


def test_without_the_enchant_library_the_speller_says_how_to_install_it(tmp_path):
    not_a_library = tmp_path / "libenchant-2.so.2"
    not_a_library.write_bytes(b"")
    code = "from iopdocs.swedish.spelling import shared_speller\nprint(shared_speller())\n"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYENCHANT_LIBRARY_PATH": str(not_a_library), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Enchant" in result.stdout and INSTALL in result.stdout
