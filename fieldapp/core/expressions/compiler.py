"""Compiles a syntax tree into nested closures, so evaluation does no tree walking.

Common shapes (``${a} > 3``, ``${q} = 'yes'``, ``${a} + 1`` on ints) get closures with an
inline fast path for the usual types; everything else goes through the general rules in
:mod:`~fieldapp.core.expressions.values`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, TypeAlias

from fieldapp.core.expressions.environment import Environment, Fn
from fieldapp.core.expressions.functions import FUNCTIONS
from fieldapp.core.expressions.nodes import Call, Chain, Current, Literal, Negate, Node, Ref
from fieldapp.core.expressions.values import (
    MAX_INT,
    NumberOp,
    Value,
    Where,
    add,
    arithmetic,
    clean,
    compare,
    divide,
    equals,
    modulo,
    multiply,
    parse_number,
    subtract,
    to_number,
    truthy,
)

Step: TypeAlias = Callable[[Value, Value, Where, Where], Value]

_COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
# int op int stays an int for these; the fast path skips the general coercions.
_INT_OPERATORS: dict[str, Callable[[int, int], int]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
}
_ARITHMETIC: dict[str, NumberOp] = {
    "+": add,
    "-": subtract,
    "*": multiply,
    "div": divide,
    "mod": modulo,
}


def _where(node: Node, source: str) -> Where:
    return Where(source, node.start, node.end)


def compile_node(node: Node, source: str) -> Fn:
    """The closure that evaluates ``node``; ``source`` is kept for error messages."""
    if isinstance(node, Literal):
        value: Value = node.value

        def literal(env: Environment) -> Value:
            return value

        return literal
    if isinstance(node, Ref):
        return _compile_ref(node, source)
    if isinstance(node, Current):
        return _compile_current(node, source)
    if isinstance(node, Negate):
        return _compile_negate(node, source)
    if isinstance(node, Chain):
        return _compile_chain(node, source)
    if isinstance(node, Call):
        args = [compile_node(arg, source) for arg in node.args]
        return FUNCTIONS[node.name].build(args, node, source)
    raise TypeError(f"unknown node {node!r}")


def _compile_ref(node: Ref, source: str) -> Fn:
    name = node.name
    where = _where(node, source)

    def ref(env: Environment) -> Value:
        value = env.lookup(name)
        if type(value) is str or value is None or type(value) is bool:
            return value
        if type(value) is int and -MAX_INT <= value <= MAX_INT:
            return value
        return clean(value, where)

    return ref


def _compile_current(node: Current, source: str) -> Fn:
    where = _where(node, source)

    def current(env: Environment) -> Value:
        value = env.current
        if type(value) is str or value is None or type(value) is bool:
            return value
        if type(value) is int and -MAX_INT <= value <= MAX_INT:
            return value
        return clean(value, where)

    return current


def _compile_negate(node: Negate, source: str) -> Fn:
    operand = compile_node(node.operand, source)
    where = _where(node.operand, source)

    def negate(env: Environment) -> Value:
        value = operand(env)
        if type(value) is int:
            return -value
        number = to_number(value, where)
        return None if number is None else -number

    return negate


def _compile_chain(node: Chain, source: str) -> Fn:
    first = compile_node(node.first, source)
    fns = [first] + [compile_node(operand, source) for _, operand in node.rest]
    if node.level in ("or", "and"):
        return _logic(node.level == "or", fns)
    if len(node.rest) == 1:
        (op, right_node), right = node.rest[0], fns[1]
        if node.level == "eq":
            return _equality(op == "!=", first, right, node.first, right_node, source)
        if node.level == "rel":
            return _comparison(_COMPARISONS[op], first, right, node.first, right_node, source)
        return _arithmetic(op, first, right, node.first, right_node, source)
    steps: list[tuple[Step, Fn, Where, Where]] = []
    end = node.first.end
    for (op, operand), fn in zip(node.rest, fns[1:], strict=True):
        left_at = Where(source, node.first.start, end)
        steps.append((_step(node.level, op), fn, left_at, _where(operand, source)))
        end = operand.end
    frozen_steps = tuple(steps)

    def fold(env: Environment) -> Value:
        value = first(env)
        for step, fn, left_at, right_at in frozen_steps:
            value = step(value, fn(env), left_at, right_at)
        return value

    return fold


def _step(level: str, op: str) -> Step:
    """One left-to-right step of a chain such as ``a - b - c`` or ``a = b = c``."""
    if level == "eq":
        negate = op == "!="

        def equality(left: Value, right: Value, left_at: Where, right_at: Where) -> Value:
            return equals(left, right, left_at, right_at) != negate

        return equality
    if level == "rel":
        cmp = _COMPARISONS[op]

        def comparison(left: Value, right: Value, left_at: Where, right_at: Where) -> Value:
            return compare(cmp, left, right, left_at, right_at)

        return comparison
    number_op = _ARITHMETIC[op]

    def arith(left: Value, right: Value, left_at: Where, right_at: Where) -> Value:
        return arithmetic(number_op, left, right, left_at, right_at)

    return arith


def _logic(is_or: bool, fns: list[Fn]) -> Fn:
    if len(fns) == 2:
        left, right = fns
        if is_or:

            def or_(env: Environment) -> Value:
                value = left(env)
                # Most operands are comparisons: skip the truthy() call for booleans.
                if value is True or (value is not False and truthy(value)):
                    return True
                value = right(env)
                return value is True or (value is not False and truthy(value))

            return or_

        def and_(env: Environment) -> Value:
            value = left(env)
            if value is False or (value is not True and not truthy(value)):
                return False
            value = right(env)
            return value is True or (value is not False and truthy(value))

        return and_
    operands = tuple(fns)
    if is_or:

        def any_(env: Environment) -> Value:
            return any(truthy(fn(env)) for fn in operands)

        return any_

    def all_(env: Environment) -> Value:
        return all(truthy(fn(env)) for fn in operands)

    return all_


def _equality(
    negate: bool, left: Fn, right: Fn, left_node: Node, right_node: Node, source: str
) -> Fn:
    left_at = _where(left_node, source)
    right_at = _where(right_node, source)
    if isinstance(right_node, Literal):
        return _equality_literal(negate, left, left_at, right_node.value, right_at)
    if isinstance(left_node, Literal):
        return _equality_literal(negate, right, right_at, left_node.value, left_at)

    def equal(env: Environment) -> Value:
        return equals(left(env), right(env), left_at, right_at) != negate

    return equal


def _equality_literal(
    negate: bool, other: Fn, other_at: Where, literal: int | float | str, literal_at: Where
) -> Fn:
    if literal == "":

        def equal_empty(env: Environment) -> Value:
            value = other(env)
            return (value is None or value == "" or value == []) != negate

        return equal_empty
    number = parse_number(literal) if isinstance(literal, str) else literal
    if number is None:

        def equal_text(env: Environment) -> Value:
            value = other(env)
            if type(value) is str:
                return (value == literal) != negate
            return equals(value, literal, other_at, literal_at) != negate

        return equal_text

    def equal_number(env: Environment) -> Value:
        value = other(env)
        if type(value) is int or type(value) is float:
            return (value == number) != negate
        return equals(value, literal, other_at, literal_at) != negate

    return equal_number


def _comparison(
    cmp: Callable[[Any, Any], Any],
    left: Fn,
    right: Fn,
    left_node: Node,
    right_node: Node,
    source: str,
) -> Fn:
    left_at = _where(left_node, source)
    right_at = _where(right_node, source)
    if isinstance(right_node, Literal) and not isinstance(right_node.value, str):
        right_number = right_node.value

        def compare_to_literal(env: Environment) -> Value:
            value = left(env)
            if type(value) is int or type(value) is float:
                return bool(cmp(value, right_number))
            return compare(cmp, value, right_number, left_at, right_at)

        return compare_to_literal
    if isinstance(left_node, Literal) and not isinstance(left_node.value, str):
        left_number = left_node.value

        def literal_compare_to(env: Environment) -> Value:
            value = right(env)
            if type(value) is int or type(value) is float:
                return bool(cmp(left_number, value))
            return compare(cmp, left_number, value, left_at, right_at)

        return literal_compare_to

    def comparison(env: Environment) -> Value:
        return compare(cmp, left(env), right(env), left_at, right_at)

    return comparison


def _arithmetic(op: str, left: Fn, right: Fn, left_node: Node, right_node: Node, source: str) -> Fn:
    left_at = _where(left_node, source)
    right_at = _where(right_node, source)
    number_op = _ARITHMETIC[op]
    int_op = _INT_OPERATORS.get(op)
    if int_op is not None:

        def int_arithmetic(env: Environment) -> Value:
            x = left(env)
            y = right(env)
            if type(x) is int and type(y) is int:
                result: int = int_op(x, y)
                return result if -MAX_INT <= result <= MAX_INT else None
            return arithmetic(number_op, x, y, left_at, right_at)

        return int_arithmetic

    def general_arithmetic(env: Environment) -> Value:
        return arithmetic(number_op, left(env), right(env), left_at, right_at)

    return general_arithmetic
