"""The layers of iopdocs, bottom to top, and the one rule of each.

A module may import modules of its own layer and of the layers below it,
never one above it, and never one of another layer at the same height
(siblings know nothing of each other). `tests/test_layers.py` reads the
import graph of src/ and holds the code to this, together with: no import
cycles between modules, counting imports inside functions too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layer:
    """A package of iopdocs (or the base modules), its height and its rule."""

    name: str
    height: int
    rule: str


LAYERS: tuple[Layer, ...] = (
    Layer("base", 0, "errors, codes, files, layers: used by all, import no other layer"),
    Layer("swedish", 1, "swedish/: the Swedish language only; no case, no documents"),
    Layer("case", 2, "case/: the case file and its rules; knows nothing of Word, builds or PDF"),
    Layer("word", 3, "word/: Word documents; knows the case model, nothing of builds"),
    Layer("build", 4, "build/: cases into .docx; nothing of PDF or the web (only the seam)"),
    Layer("publish", 5, "publish/: formats beside .docx and their checks; nothing of review"),
    Layer("review", 5, "review/: reads what was built; nothing of publishing or authoring"),
    Layer("authoring", 5, "authoring/: drafts case files; nothing of publishing or review"),
    Layer("web", 6, "web/: the browser workbench; only calls the layers below"),
    Layer("archive", 6, "archive/: information packages of decided cases; calls build and publish"),
    Layer("cli", 7, "cli/: the command line; only calls, holds no logic of its own"),
)


_BY_NAME = {layer.name: layer for layer in LAYERS}
_ENTRY_POINTS = {"__main__": "cli"}  # `python -m iopdocs` runs the command line


def layer_of(module: str) -> Layer:
    """Return the layer of a module: `iopdocs.<layer>...`, else a base module."""
    parts = module.split(".")
    name = parts[1] if len(parts) > 1 else "base"
    return _BY_NAME.get(_ENTRY_POINTS.get(name, name), _BY_NAME["base"])


def may_import(importer: str, imported: str) -> bool:
    """Return whether module `importer` may import module `imported` under the layer rules."""
    low, high = layer_of(imported), layer_of(importer)
    return low == high or low.height < high.height
