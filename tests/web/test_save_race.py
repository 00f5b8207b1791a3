"""Saving races: a write that lands between the editor's check and its rename is never lost.

Every writer of a case file in iopdocs (the editor's save, `iopdocs hamta
--skriv` and the workbench's review of it) checks that the file is unchanged
and replaces it as one step; whoever comes second gets a conflict.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest
from webhelpers import csrf_of, project_of

from iopdocs.authoring import takeback
from iopdocs.authoring.fieldchanges import Change
from iopdocs.case.roundtrip import round_trip
from iopdocs.web.session import Session

TITLE = ("rubrik",)


def hamta_proposal(case: Path, title: str) -> takeback.Proposal:
    """Return what `hamta` would propose after a Word edit of the title, from the file as it is."""
    text = case.read_text(encoding="utf-8")
    _, data = round_trip(text)
    old = str(data["rubrik"])
    change = Change(TITLE, "rubrik", old, title, "Tjänsteskrivelse, rubriken")
    return takeback.Proposal("tjansteskrivelse.docx", case, text, (change,), ())


def save_in_session(case: Path, line: str) -> bool:
    """Open the case in an editor, add a comment line, save; return whether it was saved."""
    session = Session.open(case)
    session.set_text(session.text + line + "\n")
    return session.save()


def hamta_write(case: Path, project, title: str) -> bool:
    """Write a Word edit of the title as `hamta --skriv` does; return whether it was written."""
    try:
        takeback.write(hamta_proposal(case, title), project)
    except takeback.TakebackError as exc:
        assert "har ändrats sedan" in str(exc)
        return False
    return True


def between_check_and_replace(case: Path, monkeypatch, other) -> list:
    """Run `other` in a thread when the editor renames its new text over `case`; return its result.

    The other writer gets half a second: without a lock shared by the
    writers it finishes in that time, inside the editor's check-to-rename
    window; with one it waits for the editor and finishes afterwards.
    """
    real_replace = os.replace
    result: list = []
    fired: list[threading.Thread] = []

    def hooked(src, dst, *args, **kwargs):
        if Path(dst) == case and not fired:
            thread = threading.Thread(target=lambda: result.append(other()))
            fired.append(thread)
            thread.start()
            thread.join(0.5)
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", hooked)
    return result, fired


def test_another_editor_saving_between_check_and_rename_is_not_lost(example_case, monkeypatch):
    mine = Session.open(example_case)
    mine.set_text(mine.text + "# min rad\n")
    result, fired = between_check_and_replace(
        example_case, monkeypatch, lambda: save_in_session(example_case, "# deras rad")
    )
    assert mine.save()
    fired[0].join(10)
    final = example_case.read_text(encoding="utf-8")
    assert "# min rad" in final
    assert result == [False] or "# deras rad" in final
    assert result == [False]  # the later one is told: a conflict, with the newer file to see
    conflict_of_theirs = Session(example_case, final.replace("# min rad\n", ""))
    assert conflict_of_theirs.conflict() is not None


def test_hamta_writing_between_the_editors_check_and_rename_is_not_lost(example_case, monkeypatch):
    project = project_of(example_case.parent.parent)
    mine = Session.open(example_case)
    mine.set_text(mine.text + "# min rad\n")
    result, fired = between_check_and_replace(
        example_case, monkeypatch, lambda: hamta_write(example_case, project, "Ny rubrik från Word")
    )
    assert mine.save()
    fired[0].join(30)
    final = example_case.read_text(encoding="utf-8")
    assert "# min rad" in final
    assert result == [False]
    assert "Ny rubrik från Word" not in final


def test_the_editor_saving_while_hamta_writes_gets_a_conflict_with_both_diffs(
    example_case, monkeypatch
):
    project = project_of(example_case.parent.parent)
    mine = Session.open(example_case)
    mine.set_text(mine.text + "# min rad\n")
    proposal = hamta_proposal(example_case, "Ny rubrik från Word")
    result, fired = between_check_and_replace(example_case, monkeypatch, mine.save)
    takeback.write(proposal, project)
    fired[0].join(10)
    final = example_case.read_text(encoding="utf-8")
    assert "Ny rubrik från Word" in final
    assert result == [False] and "# min rad" not in final
    conflict = mine.conflict()
    assert "Ny rubrik från Word" in conflict.disk and "# min rad" in conflict.mine


@pytest.fixture
def fast_switching():
    """Switch threads every few microseconds, so that their steps interleave finely."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def test_two_editors_and_hamta_saving_at_once_lose_nothing(example_case, fast_switching):
    """Every accepted write is in the final file; every other one was told it was refused."""
    project = project_of(example_case.parent.parent)
    accepted: list[str] = []
    refused: list[str] = []
    record = threading.Lock()

    def editor(name: str, rounds: int) -> None:
        for i in range(rounds):
            mark = f"# {name}-{i}"
            saved = save_in_session(example_case, mark)
            with record:
                (accepted if saved else refused).append(mark)
            if i % 10 == 9:
                time.sleep(0.3)  # a pause in typing: hamta's slower check gets its turns

    def word(rounds: int) -> None:
        for i in range(rounds):
            mark, saved = f"H{i}", False
            while not saved:  # refused, a person reads it in again and retries
                _, data = round_trip(example_case.read_text(encoding="utf-8"))
                saved = hamta_write(example_case, project, f"{data['rubrik']} {mark}")
                with record:
                    (accepted if saved else refused).append(mark)

    threads = [
        threading.Thread(target=editor, args=("A", 60), daemon=True),
        threading.Thread(target=editor, args=("B", 60), daemon=True),
        threading.Thread(target=word, args=(8,), daemon=True),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    final = example_case.read_text(encoding="utf-8")
    lost = [mark for mark in accepted if mark not in final]
    assert lost == [], f"{len(lost)} of {len(accepted)} accepted writes lost: {lost[:5]}"
    assert not any(thread.is_alive() for thread in threads)
    assert len([m for m in accepted + refused if m.startswith("#")]) == 120
    assert sorted(m for m in accepted if m.startswith("H")) == [f"H{i}" for i in range(8)]


def test_the_editors_save_waiting_for_hamta_shows_the_conflict_with_both_diffs(
    client, example_case, monkeypatch
):
    name = example_case.name
    page = client.get(f"/arende/{name}")
    key = csrf_of(page.text)
    amount = "parter/0/årlig_ersättning"
    client.post(f"/arende/{name}/andra", data={"csrf": key, amount: "349690"})
    project = project_of(example_case.parent.parent)
    proposal = hamta_proposal(example_case, "Deras rubrik från Word")
    result, fired = between_check_and_replace(
        example_case, monkeypatch, lambda: client.post(f"/arende/{name}/spara", data={"csrf": key})
    )
    takeback.write(proposal, project)
    fired[0].join(30)
    answer = result[0]
    assert answer.status_code == 409 and "Filen har ändrats på disken" in answer.text
    assert "+rubrik: Deras rubrik från Word" in answer.text
    assert "+    årlig_ersättning: 349690" in answer.text
    assert "Deras rubrik från Word" in example_case.read_text(encoding="utf-8")
