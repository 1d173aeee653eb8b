"""The built-in functions: arity for the parser and a builder of compiled closures for each."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal

from fieldapp.core.expressions.environment import Environment, Fn
from fieldapp.core.expressions.nodes import Call, Literal, Node
from fieldapp.core.expressions.patterns import compile_pattern
from fieldapp.core.expressions.values import (
    Number,
    Value,
    Where,
    clean_item,
    fit,
    is_empty,
    to_number,
    to_string,
    to_text,
    truthy,
)
from fieldapp.core.i18n import Text

MAX_REGEX_INPUT_CHARS = 2000
_ROUND_LIMIT = 340  # beyond this many digits a double is unchanged (or rounds to 0)
_ROUND_CONTEXT = Context(prec=1000, rounding=ROUND_HALF_UP, Emin=-10_000, Emax=10_000)

REGEX_INPUT_TOO_LONG = Text(
    "用 regex() 检查的文本过长（最多 {max} 个字符）",
    "text checked with regex() is too long (at most {max} characters)",
)
BAD_TODAY = Text("运行环境没有提供有效的今天日期", "the environment gave no valid date for today()")

Builder = Callable[[Sequence[Fn], Call, str], Fn]


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    """A built-in function: its arity (``max_args`` None = any) and closure builder."""

    name: str
    min_args: int
    max_args: int | None
    build: Builder

    def arity_text(self) -> Text:
        """The accepted number of arguments, for error messages."""
        low, high = self.min_args, self.max_args
        if high is None:
            return Text(f"至少 {low} 个参数", f"at least {low} argument{'s' if low != 1 else ''}")
        if low == high:
            return Text(f"{low} 个参数", f"{low} argument{'s' if low != 1 else ''}")
        return Text(f"{low} 到 {high} 个参数", f"{low} to {high} arguments")


def _where(node: Node, source: str) -> Where:
    return Where(source, node.start, node.end)


def _constant(value: Value) -> Fn:
    def constant(env: Environment) -> Value:
        return value

    return constant


def _build_true(args: Sequence[Fn], call: Call, source: str) -> Fn:
    return _constant(True)


def _build_false(args: Sequence[Fn], call: Call, source: str) -> Fn:
    return _constant(False)


def _build_not(args: Sequence[Fn], call: Call, source: str) -> Fn:
    (operand,) = args

    def not_(env: Environment) -> Value:
        return not truthy(operand(env))

    return not_


def _build_boolean(args: Sequence[Fn], call: Call, source: str) -> Fn:
    (operand,) = args

    def boolean(env: Environment) -> Value:
        return truthy(operand(env))

    return boolean


def _build_if(args: Sequence[Fn], call: Call, source: str) -> Fn:
    condition, then, otherwise = args

    def if_(env: Environment) -> Value:
        value = condition(env)
        if value is True or (value is not False and truthy(value)):
            return then(env)
        return otherwise(env)

    return if_


def _build_coalesce(args: Sequence[Fn], call: Call, source: str) -> Fn:
    operands = tuple(args)

    def coalesce(env: Environment) -> Value:
        for operand in operands:
            value = operand(env)
            if not (value is None or value == "" or value == []):
                return value
        return None

    return coalesce


def _build_selected(args: Sequence[Fn], call: Call, source: str) -> Fn:
    choices, wanted = args
    choices_at = _where(call.args[0], source)
    wanted_at = _where(call.args[1], source)

    def is_selected(value: Value, option: str) -> bool:
        if not option:
            return False
        if isinstance(value, list):
            if option in value:
                return True
            return any(
                to_string(clean_item(item, choices_at), choices_at) == option for item in value
            )
        return option in to_string(value, choices_at).split()

    node = call.args[1]
    if isinstance(node, Literal) and isinstance(node.value, str):
        literal = node.value.strip()

        def selected_literal(env: Environment) -> Value:
            value = choices(env)
            if type(value) is list and literal and literal in value:
                return True
            if type(value) is str:
                return literal in value.split() if literal else False
            return is_selected(value, literal)

        return selected_literal

    def selected(env: Environment) -> Value:
        value = choices(env)
        return is_selected(value, to_string(wanted(env), wanted_at).strip())

    return selected


def _build_count_selected(args: Sequence[Fn], call: Call, source: str) -> Fn:
    (choices,) = args
    where = _where(call.args[0], source)

    def count_selected(env: Environment) -> Value:
        value = choices(env)
        if isinstance(value, list):
            return sum(1 for item in value if not is_empty(clean_item(item, where)))
        return len(to_string(value, where).split())

    return count_selected


def _build_string_length(args: Sequence[Fn], call: Call, source: str) -> Fn:
    (operand,) = args
    where = _where(call.args[0], source)

    def string_length(env: Environment) -> Value:
        return len(to_text(operand(env), where))

    return string_length


def _build_string(args: Sequence[Fn], call: Call, source: str) -> Fn:
    (operand,) = args
    where = _where(call.args[0], source)

    def string(env: Environment) -> Value:
        return to_text(operand(env), where)

    return string


def _build_concat(args: Sequence[Fn], call: Call, source: str) -> Fn:
    parts = tuple(zip(args, (_where(node, source) for node in call.args), strict=True))

    def concat(env: Environment) -> Value:
        return "".join([to_text(part(env), where) for part, where in parts])

    return concat


def _build_number(args: Sequence[Fn], call: Call, source: str) -> Fn:
    (operand,) = args
    where = _where(call.args[0], source)

    def number(env: Environment) -> Value:
        return to_number(operand(env), where)

    return number


def _build_int(args: Sequence[Fn], call: Call, source: str) -> Fn:
    (operand,) = args
    where = _where(call.args[0], source)

    def int_(env: Environment) -> Value:
        value = to_number(operand(env), where)
        return None if value is None else int(value)  # truncates toward zero, like XPath

    return int_


def round_half_away(value: Number, digits: int) -> Number | None:
    """Round to ``digits`` decimals (negative: tens, hundreds...), ties away from zero.

    Floats round by their shortest decimal form, so 2.675 rounds to 2.68 as people expect.
    Zero or negative ``digits`` give an int.
    """
    if digits > _ROUND_LIMIT or (isinstance(value, int) and digits >= 0):
        return value
    if digits < -_ROUND_LIMIT:
        return 0
    exact = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    rounded = exact.quantize(Decimal((0, (1,), -digits)), context=_ROUND_CONTEXT)
    if digits <= 0:
        return fit(int(rounded))
    return fit(float(rounded))


def _build_round(args: Sequence[Fn], call: Call, source: str) -> Fn:
    operand = args[0]
    where = _where(call.args[0], source)
    digits_fn = args[1] if len(args) > 1 else None
    digits_at = _where(call.args[1], source) if len(call.args) > 1 else where

    def round_(env: Environment) -> Value:
        value = to_number(operand(env), where)
        digits: Number | None = 0
        if digits_fn is not None:
            digits = to_number(digits_fn(env), digits_at)
        if value is None or digits is None:
            return None
        return round_half_away(value, int(digits))

    return round_


def _items(value: Value) -> list[Value]:
    return value if isinstance(value, list) else [value]


def _build_sum(args: Sequence[Fn], call: Call, source: str) -> Fn:
    (operand,) = args
    where = _where(call.args[0], source)

    def sum_(env: Environment) -> Value:
        total: Number = 0
        for item in _items(operand(env)):
            number = to_number(clean_item(item, where), where)
            if number is None:
                return None  # one unanswered value leaves the total pending
            total += number
        return fit(total)

    return sum_


def _build_count(args: Sequence[Fn], call: Call, source: str) -> Fn:
    (operand,) = args

    def count(env: Environment) -> Value:
        value = operand(env)
        if isinstance(value, list):
            return len(value)
        return 0 if value is None else 1

    return count


def _build_extreme(pick: Callable[[list[Number]], Number]) -> Builder:
    def build(args: Sequence[Fn], call: Call, source: str) -> Fn:
        operands = tuple(zip(args, (_where(node, source) for node in call.args), strict=True))

        def extreme(env: Environment) -> Value:
            numbers: list[Number] = []
            for operand, where in operands:
                for item in _items(operand(env)):
                    number = to_number(clean_item(item, where), where)
                    if number is None:
                        return None
                    numbers.append(number)
            return pick(numbers) if numbers else None

        return extreme

    return build


def _build_today(args: Sequence[Fn], call: Call, source: str) -> Fn:
    where = _where(call, source)

    def today(env: Environment) -> Value:
        day: object = env.today
        if isinstance(day, datetime.datetime):
            day = day.date()
        if not isinstance(day, datetime.date):
            raise where.error(BAD_TODAY)
        return day.isoformat()

    return today


def _build_regex(args: Sequence[Fn], call: Call, source: str) -> Fn:
    text_fn, pattern_fn = args
    text_at = _where(call.args[0], source)
    pattern_at = _where(call.args[1], source)

    def checked_text(env: Environment) -> str:
        text = to_text(text_fn(env), text_at)
        if len(text) > MAX_REGEX_INPUT_CHARS:
            raise text_at.error(REGEX_INPUT_TOO_LONG.format(max=MAX_REGEX_INPUT_CHARS))
        return text

    node = call.args[1]
    if isinstance(node, Literal) and isinstance(node.value, str):
        compiled = compile_pattern(node.value, pattern_at, literal=True)  # fails parse()

        def regex_literal(env: Environment) -> Value:
            return compiled.search(checked_text(env)) is not None

        return regex_literal

    def regex(env: Environment) -> Value:
        text = checked_text(env)
        pattern = compile_pattern(to_string(pattern_fn(env), pattern_at), pattern_at)
        return pattern.search(text) is not None

    return regex


FUNCTIONS: dict[str, FunctionSpec] = {
    spec.name: spec
    for spec in (
        FunctionSpec("true", 0, 0, _build_true),
        FunctionSpec("false", 0, 0, _build_false),
        FunctionSpec("not", 1, 1, _build_not),
        FunctionSpec("boolean", 1, 1, _build_boolean),
        FunctionSpec("if", 3, 3, _build_if),
        FunctionSpec("coalesce", 1, None, _build_coalesce),
        FunctionSpec("selected", 2, 2, _build_selected),
        FunctionSpec("count-selected", 1, 1, _build_count_selected),
        FunctionSpec("string-length", 1, 1, _build_string_length),
        FunctionSpec("regex", 2, 2, _build_regex),
        FunctionSpec("today", 0, 0, _build_today),
        FunctionSpec("round", 1, 2, _build_round),
        FunctionSpec("sum", 1, 1, _build_sum),
        FunctionSpec("count", 1, 1, _build_count),
        FunctionSpec("min", 1, None, _build_extreme(min)),
        FunctionSpec("max", 1, None, _build_extreme(max)),
        FunctionSpec("number", 1, 1, _build_number),
        FunctionSpec("int", 1, 1, _build_int),
        FunctionSpec("string", 1, 1, _build_string),
        FunctionSpec("concat", 0, None, _build_concat),
    )
}

FUNCTION_NAMES: frozenset[str] = frozenset(FUNCTIONS)
