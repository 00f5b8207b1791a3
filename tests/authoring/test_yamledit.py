"""Values changed in a case file with everything else kept: comments, order, layout."""

from __future__ import annotations

from iopdocs.authoring import yamledit
from iopdocs.case.roundtrip import dump, round_trip

TEXT = """\
# Ärendefil
rubrik: Stöd till mötesplats   # kort
handläggare:
  namn: Elin Nordqvist
  titel: Verksamhetsutvecklare
beslutsförslag:
  - Nämnden ingår överenskommelsen.
  - Direktören undertecknar.

ärende: |
  Första stycket
  på två rader.

  Andra stycket.

överenskommelse:
  värdeår: 2025
  # uppräkning utelämnad
  utbetalning: |
    Två gånger om året.
"""


def edit(change) -> str:
    yaml, data = round_trip(TEXT)
    change(data)
    return dump(yaml, data)


def test_a_block_stays_a_block_and_a_plain_value_keeps_its_comment():
    out = edit(
        lambda d: (
            yamledit.set_text(d, ("ärende",), "Ett nytt stycke.\n\nOch ett till."),
            yamledit.set_text(d, ("rubrik",), "Stöd till mötesplatsen"),
        )
    )
    line = next(line for line in out.splitlines() if line.startswith("rubrik:"))
    assert line == "rubrik: Stöd till mötesplatsen # kort"
    assert line.index("#") == TEXT.index("# kort") - TEXT.index("rubrik:")  # the comment stays put
    assert "ärende: |\n  Ett nytt stycke.\n\n  Och ett till.\n\növerenskommelse:" in out


def test_items_change_one_by_one_and_the_blank_line_after_the_list_stays():
    out = edit(
        lambda d: yamledit.set_items(
            d,
            ("beslutsförslag",),
            ["Nämnden ingår överenskommelsen.", "Direktören undertecknar.", "En tredje punkt."],
        )
    )
    assert "  - Direktören undertecknar.\n  - En tredje punkt.\n\närende: |" in out, out


def test_a_missing_key_is_added_where_the_schema_has_it():
    out = edit(
        lambda d: yamledit.set_text(
            d, ("överenskommelse", "uppräkning"), "Ingen uppräkning.", ["värdeår"]
        )
    )
    assert (
        "  värdeår: 2025\n  uppräkning: Ingen uppräkning.\n  # uppräkning utelämnad\n" in out
        or ("  # uppräkning utelämnad\n  uppräkning: Ingen uppräkning.\n" in out)
    )
