"""The template sandbox: what a template may compute, bounded at render time, never folded.

Jinja folds constant expressions while it compiles (`{{ 7**30000000 }}` took
80 s before any limit applied) and then writes the folded value into Python
source (`{{ 10**5000 }}` failed there with Python's 4,300-digit limit, as a
traceback). The environment here is created with `optimized=False`, so
nothing is computed at compile time, and intercepts `**` and `*`, whose
results can grow far beyond their operands: a power may have at most
`MAX_DIGITS` digits and a repeated text or list at most `MAX_REPEAT` items.
`constant_problems` finds the constant expressions the sandbox would stop,
for `iopdocs check-templates`, without computing anything large.
"""

from __future__ import annotations

import math
import operator
from typing import Any

from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

MAX_DIGITS = 4000
MAX_REPEAT = 1_000_000
_OPERATORS = {"**": operator.pow, "*": operator.mul, "+": operator.add, "-": operator.sub}


class TooLarge(SecurityError):
    """A power or repetition in a template would be far too large; the message is Swedish."""


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with powers and repetitions bounded."""

    intercepted_binops = frozenset({"**", "*"})

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        """Return `left operator right`, refusing a result too large to be meant."""
        refused = too_large(operator_, left, right)
        if refused:
            raise TooLarge(refused)
        return super().call_binop(context, operator_, left, right)


def too_large(operator_: str, left: Any, right: Any) -> str:
    """Return why `left operator right` is refused, in Swedish ("" when it is allowed)."""
    if operator_ == "**" and _is_int(left) and _is_int(right) and _power_digits(left, right):
        return f"talet {left}**{right} blir för stort (mer än {MAX_DIGITS} siffror)"
    if operator_ == "*":
        for items, times in ((left, right), (right, left)):
            if (
                isinstance(items, str | list | tuple)
                and _is_int(times)
                and len(items) * times > MAX_REPEAT
            ):
                return f"upprepningen blir för lång (mer än {MAX_REPEAT} tecken eller poster)"
        if _is_int(left) and _is_int(right) and _digits(left) + _digits(right) > MAX_DIGITS:
            return f"talet blir för stort (mer än {MAX_DIGITS} siffror)"
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
        if isinstance(left, int) and isinstance(right, int) and _digits(left) > MAX_DIGITS:
            raise _NotConstant
        return _OPERATORS[node.operator](left, right)
    raise _NotConstant


def _power_digits(base: int, exponent: int) -> bool:
    """Return whether base**exponent has more than MAX_DIGITS digits."""
    return exponent > 0 and abs(base) > 1 and exponent * math.log10(abs(base)) > MAX_DIGITS


def _is_int(value: Any) -> bool:
    """Return whether a value is an int (not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _digits(value: int) -> int:
    """Return about how many decimal digits an int has, without writing it out."""
    return int(abs(value).bit_length() * 0.30103) + 1
