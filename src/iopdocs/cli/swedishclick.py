"""Click in Swedish: its own messages, usage lines, metavars and date option type.

Click passes every message a person can read ("Usage:", "Error: …",
"Show this message and exit.", "Aborted!", choice errors) through
`gettext`, which answers in the language of the user's environment, so
a user with LANG=C or en_US would read English. `install` therefore gives
click's modules our Swedish catalogue (locale/click.sv.po, compiled to
click.sv.mo with Babel: tools/compile_catalogue.py) whatever the
environment, without touching the process's gettext settings (which
LibreOffice and other libraries would inherit). It must run before any
option is declared: `click.Path` translates its name ("fil", "mapp") then.

What click never translates (the "[OPTIONS]" and "COMMAND [ARGS]..." of the
usage line, a date type's "[%Y-%m-%d]") is set by `Group`, `Command` and
`IsoDay`.
"""

from __future__ import annotations

import gettext
from datetime import datetime
from importlib import resources

import click
import click._termui_impl
import click.shell_completion

CATALOGUE = "click.sv.mo"
# Every click module that imports gettext's functions under its own names, imported by name
# so that the import graph (tests/test_layers.py) sees what this module loads.
CLICK_MODULES = (
    click._termui_impl,
    click.core,
    click.decorators,
    click.exceptions,
    click.formatting,
    click.parser,
    click.shell_completion,
    click.termui,
    click.types,
    click.utils,
)


def install() -> gettext.GNUTranslations:
    """Make click speak Swedish: replace its gettext functions by our catalogue's."""
    with resources.files("iopdocs.cli").joinpath("locale", CATALOGUE).open("rb") as file:
        swedish = gettext.GNUTranslations(file)
    for module in CLICK_MODULES:
        if getattr(module, "_", None) is gettext.gettext:
            module._ = swedish.gettext
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = swedish.ngettext
    return swedish


class Command(click.Command):
    """A command whose usage line says [FLAGGOR]."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[FLAGGOR]")
        super().__init__(*args, **kwargs)


class Group(click.Group):
    """The command group: Swedish usage line, Swedish commands."""

    command_class = Command

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[FLAGGOR]")
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENT]...")
        super().__init__(*args, **kwargs)


class IsoDay(click.DateTime):
    """A date written ÅÅÅÅ-MM-DD (or another listed format), refused in Swedish."""

    name = "datum"

    def __init__(self, formats: tuple[str, ...] = ("%Y-%m-%d",), shown: str = "ÅÅÅÅ-MM-DD"):
        super().__init__(list(formats))
        self.shown = shown

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        """Return how the date is written, for the help text."""
        return self.shown

    def convert(self, value, param, ctx) -> datetime:
        """Return the date as a datetime; refuse anything else, saying how to write it."""
        if isinstance(value, datetime):
            return value
        for form in self.formats:
            try:
                return datetime.strptime(value, form)
            except ValueError:
                continue
        self.fail(
            f"'{value}' är inget datum. Skriv det som {self.shown}, till exempel 2026-01-01.",
            param,
            ctx,
        )
