"""The pages: problem levels named in Swedish, any later level under its own name."""

from __future__ import annotations

from iopdocs.errors import Problem
from iopdocs.web.checking import Checked, Placed
from iopdocs.web.pages import TEMPLATES


def rendered(*problems: Problem) -> str:
    """Return the problem list and status for some problems."""
    placed = [Placed(p, None) for p in problems]
    checked = Checked(placed, inspection=None, seconds=0.0)
    page = TEMPLATES.get_template("kontroll.html").render(checked=checked, labels={})
    return page + TEMPLATES.get_template("kontroll_status.html").render(checked=checked)


def test_errors_and_warnings_are_named_and_marked_differently():
    html = rendered(
        Problem("f", 1, 1, "rubrik", "saknas", "S001", "fel"),
        Problem("f", 2, 1, "ärende", "ofärdig", "W001", "varning"),
    )
    assert '<li class="fel"><span class="niva">Fel</span> S001' in html
    assert '<li class="varning"><span class="niva">Varning</span> W001' in html
    assert "1 fel, 1 varning." in html


def test_a_level_added_later_shows_under_its_own_name_and_is_no_warning():
    html = rendered(Problem("f", 3, 1, "ärende", "långa meningar", "L001", "språk"))
    assert '<li class="språk"><span class="niva">Språk</span> L001' in html
    assert "Godkänd: inga fel eller varningar." in html
