"""The texts: characters a document cannot hold (X001), misspelt party names (N001)."""

from __future__ import annotations

import re

from iopdocs.case.derive import Derived
from iopdocs.case.model import Case
from iopdocs.case.rules.checker import Checker
from iopdocs.case.settings import Settings
from iopdocs.case.yamlpath import texts
from iopdocs.case.yamlproblems import BIDI_CONTROLS
from iopdocs.swedish import names

# What XML 1.0, and so a Word document, cannot hold: control characters, lone
# surrogates and the two non-characters U+FFFE and U+FFFF.
_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def invalid_xml_chars(text: str) -> list[int]:
    """Return the offsets of characters XML 1.0 cannot hold."""
    return [m.start() for m in _BAD_XML_CHARS.finditer(text)]


# Bidirectional embeddings, overrides and isolates, as escapes in quoted text
# ("\u202e"); the loader refuses them written as they are (Y006).
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def check_xml_characters(
    checker: Checker, case: Case, settings: Settings, derived: Derived
) -> None:
    """X001: characters a Word document cannot hold (control characters, lone surrogates),
    and controls of the writing direction, which can make a text read as another."""
    add_unwritable(checker)


def add_unwritable(checker: Checker) -> None:
    """Add X001 for every text of the checked file (a case, or the settings) Word cannot hold."""
    for path, _, _, text in texts(checker.loaded.data):
        bidi = _BIDI.search(text)
        if bidi:
            checker.add(
                path,
                "X001",
                f"texten innehåller ett tecken för skrivriktning (U+{ord(bidi.group()):04X}), "
                "som kan få texten att visas i en annan ordning än den står. Ta bort det.",
                at=checker.locate(path, text, bidi.start()),
            )
        offsets = invalid_xml_chars(text)
        if offsets:
            bad = ", ".join(sorted({f"U+{ord(text[i]):04X}" for i in offsets}))
            checker.add(
                path,
                "X001",
                f"texten innehåller tecken som ett Word-dokument inte kan lagra ({bad}), "
                "ofta osynliga styrtecken från en kopierad text. Skriv om texten utan dem.",
                at=checker.locate(path, text, offsets[0]),
            )


# Runs of words and names of about the same length, at most: far above any real case
# (the examples: about 2,000; ten times their parties and texts: 240,000), so that no
# file can make the check run for minutes (1,000 parties and the example's texts: 1.5
# million, 1.4 s; 1,000 parties in 2 MB of text: about a billion).
NAME_CHECK_BUDGET = 2_000_000


def check_party_names(checker: Checker, case: Case, settings: Settings, derived: Derived) -> None:
    """N001 (warning): a party's name spelt differently somewhere in the texts.

    A form a reviewer has accepted under `undantag.namnformer` is quiet everywhere.
    """
    known = [n for p in case.parter for n in (p.namn, p.organisation) if n]
    parties = {names.normalize(p.namn): p.namn for p in case.parter}
    index = names.name_index(tuple(parties), tuple(known))
    accepted = {names.normalize(form.text) for form in case.undantag.namnformer}
    found = list(texts(checker.loaded.data, skip=("undantag",)))
    work = index.work(text for *_, text in found)
    if work > NAME_CHECK_BUDGET:
        checker.add(
            ("parter",),
            "N001",
            f"ärendet har {len(parties)} parter och så mycket text att namnen inte jämfördes "
            "med texterna (det skulle ta för lång tid). Kontrollera stavningen av parternas "
            "namn själv, eller dela upp ärendet.",
        )
        return
    for path, _, _, text in found:
        for name, start, end in index.variants(text):
            variant = " ".join(text[start:end].split())
            if names.normalize(variant) in accepted or not checker.room(path, "N001"):
                continue
            party_name = parties[name]
            checker.add(
                path,
                "N001",
                f"'{variant}' liknar partens namn men är stavat annorlunda. "
                f"Skriv '{party_name}' om det är parten som avses. Är formen rätt, lägg in "
                "den under undantag.namnformer (text, motivering, granskad_av).",
                at=checker.locate(path, text, start),
            )
