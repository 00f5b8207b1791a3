"""Template bombs: each way one expression could ask for gigabytes or hang is refused in Swedish.

Every attack here made Python allocate the whole value (gigabytes) or run for
minutes before the sandbox asked first. The address space of this process is
capped while each test runs, so a guard that regresses fails the test with a
MemoryError message instead of exhausting the machine.
"""

from __future__ import annotations

import resource
import threading

import pytest
from test_render import body_text, make_template

from iopdocs.errors import TemplateProblem
from iopdocs.word import render, sandbox, sizes

HEADROOM = 1_500_000_000


@pytest.fixture(autouse=True)
def capped_memory():
    """Cap this process's address space a little above what it uses now, during the test."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as statm:
        used = int(statm.read().split()[0]) * resource.getpagesize()
    cap = used + HEADROOM if hard == resource.RLIM_INFINITY else min(hard, used + HEADROOM)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def refused(tmp_path, tag: str, context: dict | None = None) -> str:
    """Return the Swedish message with which the template holding `tag` is stopped."""
    path = make_template(tmp_path / "bomb.docx", tag)
    with pytest.raises(TemplateProblem) as caught:
        compiled = render.compile_template(path)
        render.render(compiled, {"title": "", "x": "abc\ndef", **(context or {})}, {})
    message = str(caught.value)
    assert "bomb.docx: brödtexten (word/document.xml)" in message
    assert "minnet räckte inte" not in message
    return message


BOMBS = [
    ("{{ x|center(10**10) }}", "filtret center skulle ge mer än"),
    ("{{ 'a'*10**9 }}", "upprepningen blir för lång"),
    ("{{ x|indent(10**10) }}", "filtret indent skulle ge mer än"),
    ("{{ (x * 9)|indent('-' * 999999) }}", "filtret indent skulle ge mer än"),
    ("{{ x|wordwrap(1, wrapstring='y' * 999999) }}", "filtret wordwrap skulle ge mer än"),
    ("{{ '%10000000000s'|format(x) }}", "filtret format skulle ge mer än"),
    ("{{ '%*s'|format(10**10, x) }}", "filtret format skulle ge mer än"),
    ("{{ '%10000000000s' % x }}", "%-formateringen skulle ge mer än"),
    ("{{ '{:>10000000000}'.format(x) }}", ".format() skulle ge mer än"),
    ("{{ '{:>{}}'.format(x, 10**10) }}", ".format() skulle ge mer än"),
    ("{{ '{a:>10000000000}'.format_map({'a': x}) }}", ".format() skulle ge mer än"),
    ("{{ x.center(10**10) }}", ".center() skulle ge mer än"),
    ("{{ x.ljust(10**10) }}", ".ljust() skulle ge mer än"),
    ("{{ x.zfill(10**10) }}", ".zfill() skulle ge mer än"),
    ("{{ ('\\t' * 1000).expandtabs(10**7) }}", ".expandtabs() skulle ge mer än"),
    ("{{ (x * 99999).replace('', 'y' * 999) }}", ".replace() skulle ge mer än"),
    ("{{ (x * 99999)|replace('', 'y' * 999) }}", "filtret replace skulle ge mer än"),
    ("{{ (x * 99999).translate({97: 'y' * 999}) }}", ".translate() skulle ge mer än"),
    ("{{ (x * 400000, x * 400000)|join }}", "filtret join"),
    ("{{ ''.join((x * 400000, x * 400000)) }}", ".join() skulle ge mer än"),
    ("{{ x|batch(10**10, 'y')|list }}", "filtret batch skulle ge mer än"),
    ("{{ x|slice(10**9)|list }}", "filtret slice skulle ge mer än"),
    ("{{ x|tojson(indent=10**10) }}", "filtret tojson skulle ge mer än"),
    ("{{ ('www.a.se ' * 100000)|urlize(target='y' * 999) }}", "filtret urlize skulle ge mer än"),
    (
        "{% for i in range(10**9) %}{% endfor %}",
        "range() skulle ge 1\u00a0000\u00a0000\u00a0000 tal",
    ),
    ("{{ lipsum(10**7) }}", "lipsum() skulle ge mer än"),
    ("{{ x * 99999 + x * 9999999 }}", "upprepningen blir för lång"),
    ("{{ [x * 400000] + [x * 400000] }}", "summan blir för lång"),
    (
        "{% set ns = namespace(a='x') %}{% for i in range(60) %}"
        "{% set ns.a = ns.a ~ ns.a %}{% endfor %}",
        "texten som fogas ihop med ~ skulle bli mer än",
    ),
    (
        "{% set ns = namespace(a='x') %}{% for i in range(60) %}"
        "{% set ns.a %}{{ ns.a }}{{ ns.a }}{% endset %}{% endfor %}",
        "utdata från ett block eller makro skulle bli mer än",
    ),
    (
        "{% macro twice(s) %}{{ s }}{{ s }}{% endmacro %}{% set ns = namespace(a='x') %}"
        "{% for i in range(60) %}{% set ns.a = twice(ns.a) %}{% endfor %}",
        "utdata från ett block eller makro skulle bli mer än",
    ),
    (
        "{% set ns = namespace(a=[1]) %}{% for i in range(60) %}"
        "{% set ns.a = [ns.a, ns.a] %}{% endfor %}{{ ns.a }}",
        "värdet som skrivs ut skulle bli mer än",
    ),
    (
        "{% set ns = namespace(a=[1]) %}{% for i in range(60) %}"
        "{% set ns.a = [ns.a, ns.a] %}{% endfor %}{{ ns.a|string|length }}",
        "värdet till filtret string är som text mer än",
    ),
    ("{{ 10.0**400 }}", "ett tal blev för stort"),
]


@pytest.mark.parametrize(("tag", "said"), BOMBS, ids=[tag for tag, _ in BOMBS])
def test_a_template_bomb_is_refused_in_swedish_naming_file_and_paragraph(tmp_path, tag, said):
    message = refused(tmp_path, tag)
    assert said in message
    assert "stycket \u201d" in message


@pytest.mark.parametrize(
    "tag",
    [
        "{% include 'a.docx' %}",
        "{% import 'a.docx' as a %}",
        "{% from 'a.docx' import b %}",
        "{% extends 'a.docx' %}",
    ],
)
def test_a_tag_fetching_another_template_is_refused_in_swedish(tmp_path, tag):
    path = make_template(tmp_path / "t.docx", "Före", tag)
    with pytest.raises(TemplateProblem) as caught:
        render.compile_template(path)
    message = str(caught.value)
    assert "t.docx: brödtexten" in message and tag in message
    assert "hämtar en annan mall, men en iopdocs-mall är en enda .docx" in message
    assert "loader" not in message


def test_a_slow_template_is_stopped_outside_the_main_thread_too(tmp_path, monkeypatch):
    # The workbench renders in a worker thread, where no timer signal can stop a loop.
    monkeypatch.setattr(render, "RENDER_SECONDS", 0.5)
    path = make_template(
        tmp_path / "t.docx",
        "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    )
    compiled = render.compile_template(path)
    caught: list[BaseException] = []

    def run() -> None:
        try:
            render.render(compiled, {"title": ""}, {})
        except TemplateProblem as exc:
            caught.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(20)
    assert not worker.is_alive()
    assert caught and "sekunder" in str(caught[0])


def test_ordinary_uses_of_the_guarded_filters_and_methods_still_work(tmp_path):
    tags = (
        "{{ x|center(9) }}|{{ 'a' ~ x }}|{{ '%5s' % 'a' }}|{{ [1, 2]|join(', ') }}|"
        "{{ '{:>4}'.format(3) }}|{{ 'ab'.zfill(4) }}|{{ x|indent(2) }}|{{ range(3)|list }}|"
        "{{ '%s-%s'|format(1, 2) }}|{{ [1] + [2] }}|{{ 'a'.replace('a', 'bb') }}"
    )
    data = render.render(
        render.compile_template(make_template(tmp_path / "t.docx", tags)),
        {"title": "", "x": "abc"},
        {},
    )

    assert body_text(data) == ["   abc   |aabc|    a|1, 2|   3|00ab|abc|[0, 1, 2]|1-2|[1, 2]|bb"]


def test_text_size_counts_a_shared_list_as_often_as_it_is_written():
    shared: list = [1]
    for _ in range(60):
        shared = [shared, shared]
    assert sizes.text_size(shared) > sizes.MAX_LENGTH
    assert sizes.text_size(["ab", "cd"]) < 20


def test_range_within_the_limit_is_still_range():
    assert sandbox.bounded_range(3) == range(3)
