"""The template sandbox: what a template may compute, bounded at render time, never folded.

Jinja folds constant expressions while it compiles (`{{ 7**30000000 }}` took
80 s before any limit applied) and then writes the folded value into Python
source (`{{ 10**5000 }}` failed there with Python's 4,300-digit limit, as a
traceback). The environment here is created with `optimized=False`, so
nothing is computed at compile time, and every way a template can make a
large value in one step is asked first (`sizes`): the operators `**`, `*`,
`+` and `%`, joining with `~`, a block's or macro's output, the filters that
pad, indent, wrap, replace, join or fill, the text methods that do the same,
`.format()`, `range()` and `lipsum()`, and every value written out. A power
may have at most `MAX_DIGITS` digits and anything else at most
`sizes.MAX_LENGTH` characters or items. `{% include %}`, `{% import %}` and
`{% extends %}` are refused while the template is read: a template is one
.docx. `constant_problems` finds the constant expressions the sandbox would
stop, for `iopdocs check-templates`, without computing anything large.
"""

from __future__ import annotations

import contextvars
import functools
import math
import operator
import time
import types
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Namespace, generate_lorem_ipsum

from iopdocs.word import sizes
from iopdocs.word.sizes import TooLarge, digits

__all__ = ["MAX_DIGITS", "Sandbox", "TooLarge", "constant_problems", "too_large"]

MAX_DIGITS = 4000
MAX_RANGE = 100_000
_OPERATORS = {"**": operator.pow, "*": operator.mul, "+": operator.add, "-": operator.sub}
_OTHER_TEMPLATES = {
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from … import",
    nodes.Extends: "extends",
}


DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("deadline", default=None)


class TooSlow(SecurityError):
    """A render outside the main thread ran past its deadline; the message is Swedish."""


def tick() -> None:
    """Raise TooSlow if this thread's render is past its deadline (set by the renderer).

    The main thread is stopped by a timer signal; other threads (the
    workbench's) cannot be, so the sandbox looks at the clock at every call,
    attribute, operator and output instead.
    """
    deadline = DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        raise TooSlow("ifyllningen tog för lång tid")


class _Generator(CodeGenerator):
    """Jinja's code generator, with `a ~ b` joined through the sandbox's size check."""

    def visit_Concat(self, node: nodes.Concat, frame) -> None:
        """Write `environment.joined(join, (parts…))` instead of `join((parts…))`."""
        self.write("environment.joined(")
        if frame.eval_ctx.volatile:
            self.write("(markup_join if context.eval_ctx.volatile else str_join)")
        elif frame.eval_ctx.autoescape:
            self.write("markup_join")
        else:
            self.write("str_join")
        self.write(", (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with every large value refused before it is made."""

    intercepted_binops = frozenset({"**", "*", "+", "%"})
    code_generator_class = _Generator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals.update(range=bounded_range, lipsum=bounded_lipsum)
        given = self.finalize
        self.finalize = functools.partial(_finalize, given)

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        """Return `left operator right`, refusing a result too large to be meant."""
        tick()
        refused = too_large(operator_, left, right)
        if refused:
            raise TooLarge(refused)
        return super().call_binop(context, operator_, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Return an attribute as Jinja's sandbox does, looking at the deadline first."""
        tick()
        return super().getattr(obj, attribute)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """Call as Jinja's sandbox does, looking at the deadline first."""
        tick()
        return super().call(__context, __obj, *args, **kwargs)

    def joined(self, join: Any, parts: tuple) -> Any:
        """Return `a ~ b ~ …` joined by Jinja's `join`, refusing a text too long."""
        sizes.refuse_above(
            sum(sizes.text_size(p) for p in parts), "texten som fogas ihop med ~ skulle bli"
        )
        return join(parts)

    def concat(self, parts: Any) -> str:  # type: ignore[override]
        """Return a block's or macro's output joined, refusing one too long."""
        parts = list(parts)
        sizes.refuse_above(sum(map(len, parts)), "utdata från ett block eller makro skulle bli")
        return "".join(parts)

    def wrap_str_format(self, value: Any) -> Any:
        """Return text methods that can grow (.format, .center, .join …) checked first."""
        wrapped = super().wrap_str_format(value)
        if not isinstance(value, types.BuiltinMethodType | types.MethodType):
            return wrapped
        owner, name = getattr(value, "__self__", None), value.__name__
        if not isinstance(owner, str):
            return wrapped
        if wrapped is not None:
            return _checked_format(wrapped, owner, name == "format_map")
        if name in (
            "center",
            "ljust",
            "rjust",
            "zfill",
            "expandtabs",
            "replace",
            "join",
            "translate",
        ):
            return _checked_method(value, owner, name)
        return None

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Return the syntax tree, refusing tags that would fetch another template."""
        tree = super()._parse(source, name, filename)
        for node in tree.find_all(tuple(_OTHER_TEMPLATES)):
            tag = _OTHER_TEMPLATES[type(node)]
            raise TemplateSyntaxError(
                f"{{% {tag} %}} hämtar en annan mall, men en iopdocs-mall är en enda .docx. "
                "Skriv texten direkt i mallen (en {% macro %} i samma mall går bra)",
                node.lineno,
                name,
                filename,
            )
        return tree


def add_filter_bounds(env: Sandbox) -> None:
    """Replace every filter of `env` by one that refuses a value or result too large."""
    env.filters = {name: _checked_filter(name, f) for name, f in env.filters.items()}


def _checked_filter(name: str, function: Any) -> Any:
    """Return `function` (a Jinja filter) checking its value and result size first."""
    skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if name == "join" and len(args) > skip and _is_iterator(args[skip]):
            args = (*args[:skip], list(args[skip]), *args[skip + 1 :])
        sizes.check_filter(name, args[skip:], kwargs)
        return function(*args, **kwargs)

    return checked


def _checked_method(method: Any, owner: str, name: str) -> Any:
    """Return a text method that refuses a result too large before making it."""

    @functools.wraps(method)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if name == "join" and args and _is_iterator(args[0]):
            args = (list(args[0]), *args[1:])
        sizes.check_method(name, owner, args, kwargs)
        return method(*args, **kwargs)

    return checked


def _checked_format(wrapped: Any, owner: str, is_map: bool) -> Any:
    """Return the sandbox's .format/.format_map, refusing a result too large first."""

    @functools.wraps(wrapped)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if is_map and len(args) == 1 and isinstance(args[0], dict):
            sizes.check_format(owner, (), args[0])
        else:
            sizes.check_format(owner, args, kwargs)
        return wrapped(*args, **kwargs)

    return checked


def _is_iterator(value: Any) -> bool:
    """Return whether `value` is iterated once only (a generator, a map)."""
    return not isinstance(value, str | list | tuple | dict | set | frozenset) and hasattr(
        value, "__next__"
    )


_CONTAINERS = (list, tuple, dict, set, frozenset, Namespace)


def _finalize(given: Any, value: Any) -> Any:
    """Return `value` for output through `given`, refusing one too long to write out."""
    tick()
    if isinstance(value, _CONTAINERS):  # texts and numbers are bounded where they are made
        sizes.refuse_above(sizes.text_size(value), "värdet som skrivs ut skulle bli")
    return given(value) if given is not None else value


def bounded_range(*args: int) -> range:
    """Return `range(*args)`, refusing more than MAX_RANGE numbers (in Swedish)."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TooLarge(
            f"range() skulle ge {_grouped(len(numbers))} tal, fler än {_grouped(MAX_RANGE)}"
        )
    return numbers


def _grouped(number: int) -> str:
    """Return a number with its thousands grouped as Swedish writes them: 100 000."""
    return f"{number:,}".replace(",", "\u00a0")


def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
    """Return Jinja's placeholder text, refusing more than a sane length."""
    if isinstance(n, int) and isinstance(max, int):
        sizes.refuse_above(n * max * 12, "lipsum() skulle ge")
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


def too_large(operator_: str, left: Any, right: Any) -> str:
    """Return why `left operator right` is refused, in Swedish ("" when it is allowed)."""
    if operator_ == "**" and _is_int(left) and _is_int(right) and _power_digits(left, right):
        return f"talet {left}**{right} blir för stort (mer än {MAX_DIGITS} siffror)"
    if operator_ == "*":
        for items, times in ((left, right), (right, left)):
            if (
                isinstance(items, str | list | tuple)
                and _is_int(times)
                and sizes.text_size(items) * times > sizes.MAX_LENGTH
            ):
                return f"upprepningen blir för lång (mer än {sizes.limit_text()})"
        if _is_int(left) and _is_int(right) and digits(left) + digits(right) > MAX_DIGITS:
            return f"talet blir för stort (mer än {MAX_DIGITS} siffror)"
    if (
        operator_ == "+"
        and isinstance(left, str | list | tuple)
        and sizes.text_size(left) + sizes.text_size(right) > sizes.MAX_LENGTH
    ):
        return f"summan blir för lång (mer än {sizes.limit_text()})"
    if operator_ == "%" and isinstance(left, str):
        try:
            sizes.check_printf(left, right)
        except TooLarge as exc:
            return str(exc)
    return ""


def constant_problems(tree: nodes.Node) -> list[str]:
    """Return why each constant expression in `tree` would be stopped at render time."""
    problems: list[str] = []
    for node in tree.find_all(nodes.BinExpr):
        if node.operator in Sandbox.intercepted_binops:
            try:
                _value(node)
            except SecurityError as exc:
                problems.append(str(exc))
            except (_NotConstant, ArithmeticError, TypeError, ValueError):
                continue
    return list(dict.fromkeys(problems))


class _NotConstant(Exception):
    """The expression depends on the case, or on something this evaluator does not know."""


def _value(node: nodes.Node) -> Any:
    """Return the value of a constant arithmetic expression, refusing what the sandbox would."""
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, nodes.Neg):
        return -_value(node.node)
    if isinstance(node, nodes.BinExpr) and node.operator in _OPERATORS:
        left, right = _value(node.left), _value(node.right)
        refused = too_large(node.operator, left, right)
        if refused:
            raise SecurityError(refused)
        if isinstance(left, int) and isinstance(right, int) and digits(left) > MAX_DIGITS:
            raise _NotConstant
        return _OPERATORS[node.operator](left, right)
    raise _NotConstant


def _power_digits(base: int, exponent: int) -> bool:
    """Return whether base**exponent has more than MAX_DIGITS digits."""
    return exponent > 0 and abs(base) > 1 and exponent * math.log10(abs(base)) > MAX_DIGITS


def _is_int(value: Any) -> bool:
    """Return whether a value is an int (not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool)
