"""The import graph of src/ keeps the layers one way and has no cycles.

Every import counts: at the top of a module, inside a function, under
`if TYPE_CHECKING:`. The rule of each layer is in `iopdocs.layers`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from iopdocs.layers import LAYERS, layer_of, may_import

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src"
MAX_LINES = 500


def module_name(path: Path) -> str:
    """Return the dotted module name of a file under src/."""
    parts = path.relative_to(SOURCE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SOURCE.rglob("*.py"))}


def imported_by(module: str) -> set[str]:
    """Return the iopdocs modules `module` imports, anywhere in its code."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {name for name in imports_in(tree, package) if name in MODULES and name != module}


def imports_in(tree: ast.AST, package: str) -> set[str]:
    """Return the modules a module of `package` imports: statements and dynamic imports."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports the module; a name from a package's
            # __init__ (or a module) is an import of that package (or module).
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in MODULES else base)
        elif isinstance(node, ast.Call) and _imports(node.func):
            name = node.args[0] if node.args else None
            literal = isinstance(name, ast.Constant) and isinstance(name.value, str)
            found.add(name.value if literal else COMPUTED)
    return found


COMPUTED = "<computed>"
"""What a dynamic import of a name computed at run time counts as: the graph cannot see it."""


def _imports(function: ast.expr) -> bool:
    """Return whether a call's function is `__import__` or `importlib.import_module`."""
    if isinstance(function, ast.Attribute):
        return function.attr == "import_module"
    return isinstance(function, ast.Name) and function.id in ("__import__", "import_module")


GRAPH = {module: imported_by(module) for module in MODULES}


@pytest.mark.parametrize(
    "code",
    [
        "import importlib\nimportlib.import_module('iopdocs.publish.pdf')",
        "from importlib import import_module\nimport_module('iopdocs.publish.pdf')",
        "__import__('iopdocs.publish.pdf')",
        "import iopdocs.publish.pdf",
    ],
)
def test_dynamic_imports_count_too(code):
    assert "iopdocs.publish.pdf" in imports_in(ast.parse(code), "iopdocs.case")


def test_an_import_by_a_computed_name_is_seen():
    code = "import importlib\nimportlib.import_module('iopdocs.' + layer)"
    assert COMPUTED in imports_in(ast.parse(code), "iopdocs.case")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_name_computed_at_run_time(module):
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    assert COMPUTED not in imports_in(tree, module), f"{module}: import with a computed name"


BASE_MODULES = {"iopdocs", "iopdocs.errors", "iopdocs.codes", "iopdocs.files", "iopdocs.layers"}


def test_every_module_belongs_to_a_layer_and_base_modules_are_few():
    base = {m for m in MODULES if layer_of(m).name == "base"}
    assert base <= BASE_MODULES
    layered = {m.split(".")[1] for m in MODULES if m not in base and m != "iopdocs.__main__"}
    assert layered <= {layer.name for layer in LAYERS}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_higher_or_sibling_layer(module):
    wrong = sorted(i for i in GRAPH[module] if not may_import(module, i))
    assert not wrong, (
        f"{module} ({layer_of(module).name}) must not import {wrong}: {layer_of(module).rule}"
    )


def test_no_import_cycles_between_modules():
    """Depth-first search; report the first cycle found, as a chain of modules."""
    done: set[str] = set()

    def visit(module: str, chain: list[str]) -> list[str] | None:
        if module in chain:
            return chain[chain.index(module) :] + [module]
        if module in done:
            return None
        for imported in sorted(GRAPH[module]):
            # A package's __init__ is imported with any of its modules: only its own code counts.
            cycle = visit(imported, [*chain, module])
            if cycle:
                return cycle
        done.add(module)
        return None

    for module in sorted(GRAPH):
        cycle = visit(module, [])
        assert cycle is None, " -> ".join(cycle)


def test_the_layer_rules_catch_what_they_should():
    assert not may_import("iopdocs.case.load", "iopdocs.word.ooxml")
    assert not may_import("iopdocs.build.cases", "iopdocs.publish.pdf")
    assert not may_import("iopdocs.review.diff", "iopdocs.publish.pdf")  # siblings
    assert not may_import("iopdocs.errors", "iopdocs.swedish.formatting")
    assert may_import("iopdocs.cli.build", "iopdocs.publish")
    assert may_import("iopdocs.__main__", "iopdocs.cli")
    assert may_import("iopdocs.publish.pdf", "iopdocs.build.publishing")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_500_lines(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines"


def test_the_docs_name_every_layer_and_the_readme_every_module():
    architecture = (ROOT / "docs" / "arkitektur.md").read_text(encoding="utf-8")
    for layer in LAYERS:
        assert f"`{layer.name}/`" in architecture or layer.name == "base", layer.name
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    module_map = readme.split("## Projektets delar", 1)[1].split("\n## ", 1)[0]
    for module, path in MODULES.items():
        if path.name not in ("__init__.py", "__main__.py"):
            assert path.name in module_map, f"{module} saknas i README:s Projektets delar"
