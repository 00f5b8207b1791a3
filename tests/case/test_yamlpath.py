"""Field paths as people read them: "parter, part 2 (Ryds Bollklubb), firmatecknare 1, namn"."""

from __future__ import annotations

import pytest

from iopdocs.case.yamlpath import describe, format_path

DATA = {
    "beslutsförslag": ["Nämnden beslutar."],
    "parter": [
        {"namn": "Läxhjälpen", "kostnadsbudget": [{"post": "Lokaler", "belopp": 1}]},
        {"namn": "Ryds Bollklubb", "firmatecknare": [{"namn": "SKRIV: namn"}]},
    ],
    "uppföljningar": [{"år": 2024, "parter": {"Ryds Bollklubb": "Text"}}],
    "bilagor": [{"titel": "SKRIV: titel"}],
}


@pytest.mark.parametrize(
    ("path", "label"),
    [
        (("parter", 1, "firmatecknare", 0, "namn"), "parter, part 2 (Ryds Bollklubb), firmatecknare 1, namn"),
        (("beslutsförslag", 0), "beslutsförslag, punkt 1"),
        (("parter", 0, "kostnadsbudget", 0, "belopp"), "parter, part 1 (Läxhjälpen), kostnadsbudget, rad 1 (Lokaler), belopp"),
        (("uppföljningar", 0, "parter", "Ryds Bollklubb"), "uppföljningar, uppföljning 1 (2024), parter, Ryds Bollklubb"),
        (("bilagor", 0, "titel"), "bilagor, bilaga 1, titel"),  # an unfinished name is left out
        (("handläggare", "namn"), "handläggare, namn"),
        (("parter", 7, "namn"), "parter, part 8, namn"),  # beyond the data: no name
    ],
)  # fmt: skip
def test_a_path_is_described_with_words_numbers_from_one_and_names(path, label):
    assert describe(path, DATA) == label


def test_without_the_data_the_words_and_numbers_remain():
    assert describe(("parter", 1, "namn")) == "parter, part 2, namn"


def test_the_machine_name_of_a_field_is_unchanged():
    assert (
        format_path(("parter", 1, "firmatecknare", 0, "namn")) == "parter[1].firmatecknare[0].namn"
    )
