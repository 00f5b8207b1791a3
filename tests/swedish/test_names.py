"""Misspelt party names (N001): the index finds what comparing everything finds, in linear work;
ordinary phrases are not variants of a party's name."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iopdocs.swedish import names
from iopdocs.swedish.names import _MIN_NAME_LENGTH, _NAME_RATIO, NameIndex, _bare, _likeness, _norm

SYLLABLES = [
    "ber",
    "ga",
    "mö",
    "tes",
    "plats",
    "lin",
    "kö",
    "ping",
    "val",
    "la",
    "ström",
    "sjö",
    "äng",
    "dal",
    "holm",
    "vik",
    "ås",
    "by",
    "torp",
    "lund",
]


def reference(text: str, targets: list[str], known: list[str]) -> list[tuple[str, int, int]]:
    """Return the variants by comparing every run of words with every name (the definition)."""
    targets = [n for n in targets if len(n) >= _MIN_NAME_LENGTH]
    words = list(names._WORD.finditer(text))
    allowed = {_norm(n) for n in known}

    def runs(size):
        for i in range(len(words) - size + 1):
            run = words[i : i + size]
            letters = sum(w.end() - w.start() for w in run)
            yield run[0].start(), run[-1].end(), letters, " ".join(w.group().lower() for w in run)

    taken = [
        (s, e)
        for name in allowed
        for s, e, _, span in runs(len(name.split()))
        if span == name or _bare(span) == name
    ]
    found = []
    for name in targets:
        size, letters = len(name.split()), len(name.replace(" ", ""))
        scored = []
        for n in {max(size - 1, 1), size, size + 1}:
            for start, end, length, span in runs(n):
                if not _NAME_RATIO * letters <= length <= letters / _NAME_RATIO:
                    continue
                if _likeness(span, name) < _NAME_RATIO:
                    continue
                if any(s < end and start < e for s, e in taken):
                    continue
                bare = " ".join(_bare(w) for w in span.split())
                if any(f" {bare} " in f" {k} " for k in allowed):
                    continue
                if names._one_phrase(text[start:end], name):  # not an ordinary phrase
                    scored.append((-_likeness(span, name), start, end))
        kept: list[tuple[int, int]] = []
        for _, start, end in sorted(scored):
            if not any(s < end and start < e for s, e in kept):
                kept.append((start, end))
        found += [(name, s, e) for s, e in sorted(kept)]
    return found


PARTIES = ["IOGT-NTO", "Pingstförsamlingen", "Kvarnbackens IK", "Stiftelsen Stångåmissionen"]


def misspell(rng: random.Random, name: str) -> str:
    """Return `name` with one letter dropped, doubled or swapped, or split, or run together."""
    i = rng.randrange(1, len(name) - 1)
    return rng.choice(
        [name[:i] + name[i + 1 :], name[:i] + name[i] + name[i:], name[:i] + " " + name[i:],
         name.replace(" ", ""), name[:i] + name[i + 1] + name[i] + name[i + 2 :], name.lower() + ":s"]
    )  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(min_value=1, max_value=4))
def test_the_index_finds_exactly_what_comparing_everything_finds(rng, parties):
    chosen = PARTIES[:parties]
    words = [
        "kommunen",
        "och",
        "föreningen",
        "har",
        "avtal",
        "med",
        "parterna",
        "om",
        "stöd",
        "till",
    ]
    pieces = [rng.choice([*words, misspell(rng, rng.choice(chosen)), rng.choice(chosen)])
              for _ in range(rng.randint(0, 25))]  # fmt: skip
    text = " ".join(pieces)
    targets = [names.normalize(n) for n in chosen]
    assert NameIndex(targets, chosen).variants(text) == reference(text, targets, chosen)


def variants(text: str, name: str) -> list[str]:
    found = names.find_variants(text, [names.normalize(name)], [name])
    return [text[start:end] for _, start, end in found]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Ryds Bollklubb", "Klubben ger läxhjälp i Ryds skola."),
        ("Ryds Bollklubb", "läxhjälp i Ryds"),
        ("Föreningen Arbetsbron", "Föreningen har bett kommunen om hjälp."),
        ("Rädda Barnen", "Många lever med rädsla. Barnen behöver trygga vuxna."),
        ("Stadsmissionen", "en egen bostad.\n- Missionens personal hjälper"),
        ("Ryttarföreningen", "Styrelsen bad att föreningen skulle"),
    ],
)
def test_an_ordinary_phrase_is_no_misspelt_name(name, text):
    assert variants(text, name) == []


@pytest.mark.parametrize(
    ("name", "text", "variant"),
    [
        ("Ryds Bollklubb", "Ryd Bollklubb tränar", "Ryd Bollklubb"),
        ("IOGT-NTO", "I OGT-NTO driver", "I OGT-NTO"),
        ("Kvarterets Vänner: Ryd", "Kvarterets Vänner: Rid ordnar", "Kvarterets Vänner: Rid"),
        ("Läxhjälpen i Ryd", "Läxhjälpen i Rid hjälper", "Läxhjälpen i Rid"),
    ],
)
def test_a_misspelt_name_is_still_found(name, text, variant):
    assert variants(text, name) == [variant]


def test_an_index_is_kept_per_names_and_its_findings_per_text():
    index = names.name_index(("IOGT-NTO", "Pingstförsamlingen"), ("IOGT-NTO", "Pingstförsamlingen"))
    again = names.name_index(("IOGT-NTO", "Pingstförsamlingen"), ("IOGT-NTO", "Pingstförsamlingen"))
    assert again is index
    text = "Pingstförsamligen och IOGT-NTO arbetar tillsammans."
    first = index.variants(text)
    first.clear()  # a caller's list is its own: the kept findings are not changed
    assert index.variants(text) == [("Pingstförsamlingen", 0, 17)]
    fresh = NameIndex(["IOGT-NTO", "Pingstförsamlingen"], ["IOGT-NTO", "Pingstförsamlingen"])
    assert fresh.variants(text) == index.variants(text)
