"""Property tests: the expression engine fails only with ExpressionError, and agrees with
Python where their semantics coincide."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from fieldapp.core.expressions import (
    FUNCTION_NAMES,
    ExpressionError,
    MapEnvironment,
    Value,
    parse,
    truthy,
)

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = ["a", "b", "c", "m"]

# --- (1) parsing arbitrary text -----------------------------------------------------------

TOKENS = [
    *("${a}", "${b}", "${m}", "${", "}", "$", ".", "..", "(", ")", ",", "'", '"', "'x'"),
    *('"y"', "''", "0", "1", "2.5", ".5", "1.", "99999999999999999999999999999999999"),
    *("=", "!=", "<", "<=", ">", ">=", "==", "!", "+", "-", "*", "div", "mod", "and", "or"),
    *("not", "if", "selected", "count-selected", "regex", "round", "sum", "max", "concat"),
    *("true()", "false()", "today()", "foo", "AND", " ", "\t", "\n", "\x00", "（", "中", "\ud800"),
    *("[", "(a+)+", "\\", "${a b}", "${1}", "${名}"),
]


def _assert_parse_fails_cleanly(source: str) -> None:
    try:
        expression = parse(source)
    except ExpressionError as error:
        assert error.source == source
        assert error.position is not None
        assert 0 <= error.position <= len(source)
        assert error.text.zh and error.text.en
    else:
        assert expression.source == source
        assert expression.references <= frozenset(
            name for name in _ref_names(source) if name.isidentifier()
        )


def _ref_names(source: str) -> list[str]:
    return [part.split("}", 1)[0] for part in source.split("${")[1:]]


@FAST
@given(st.text())
def test_parse_arbitrary_text_raises_only_expression_error(source: str) -> None:
    _assert_parse_fails_cleanly(source)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=25), st.sampled_from(["", " "]))
def test_parse_token_soup_raises_only_expression_error(tokens: list[str], glue: str) -> None:
    _assert_parse_fails_cleanly(glue.join(tokens))


# --- (2) evaluating valid expressions with arbitrary values -------------------------------

_LEAVES = st.sampled_from(
    [
        "${a}",
        "${b}",
        "${c}",
        "${m}",
        ".",
        "0",
        "1",
        "-2",
        "3.5",
        "0.1",
        "''",
        "'x'",
        "'5'",
        "'a b'",
        "'2024-05-01'",
        "true()",
        "false()",
        "today()",
    ]
)
_BINARY = ["or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div", "mod"]
_UNARY_FUNCTIONS = [
    "not",
    "boolean",
    "count-selected",
    "string-length",
    "sum",
    "count",
    "number",
    "int",
    "string",
    "round",
    "max",
    "min",
]


def _extend(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, st.sampled_from(_BINARY), children).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        st.tuples(children, st.sampled_from(_BINARY), children).map(
            lambda t: f"{t[0]} {t[1]} {t[2]}"
        ),
        children.map(lambda e: f"-{e}"),
        st.tuples(st.sampled_from(_UNARY_FUNCTIONS), children).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(children, children, children).map(lambda t: f"if({t[0]}, {t[1]}, {t[2]})"),
        st.tuples(children, children).map(lambda t: f"selected({t[0]}, {t[1]})"),
        st.tuples(children, children).map(lambda t: f"round({t[0]}, {t[1]})"),
        st.tuples(children, children).map(lambda t: f"regex({t[0]}, {t[1]})"),
        children.map(lambda e: f"regex({e}, '^[0-9]+$')"),
        st.lists(children, min_size=1, max_size=3).map(lambda xs: f"coalesce({', '.join(xs)})"),
        st.lists(children, max_size=3).map(lambda xs: f"concat({', '.join(xs)})"),
        st.lists(children, min_size=1, max_size=3).map(lambda xs: f"max({', '.join(xs)})"),
    )


EXPRESSIONS = st.recursive(_LEAVES, _extend, max_leaves=12)

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([0, -1, 10**400, -(10**400), 2**1023, 2**53 + 1]),
    st.floats(),  # including NaN, infinities and -0.0
    st.text(max_size=20),
    st.sampled_from(["", "5", " 7 ", "-.5", "1e5", "x y", "2024-05-01", "a" * 3000]),
)
VALUES: st.SearchStrategy[Value] = st.one_of(_SCALARS, st.lists(_SCALARS, max_size=4))


def _is_value(value: object) -> bool:
    if isinstance(value, list):
        return all(_is_value(item) for item in value)
    return value is None or isinstance(value, (bool, int, float, str))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    EXPRESSIONS,
    st.fixed_dictionaries({name: VALUES for name in NAMES}),
    VALUES,
    st.dates(),
)
def test_evaluate_raises_only_expression_error(
    source: str, values: dict[str, Value], current: Value, today: dt.date
) -> None:
    try:
        expression = parse(source)
    except ExpressionError as error:
        # The grammar only builds valid expressions; only the depth limit may refuse one.
        assert "nested too deeply" in error.text.en, (source, error.text.en)
        assume(False)
        return
    env = MapEnvironment(values, current=current, today=today)
    try:
        result = expression.evaluate(env)
    except ExpressionError as error:
        assert error.source == source
        assert error.position is not None and 0 <= error.position < len(source)
    else:
        assert _is_value(result)
        if isinstance(result, float):
            assert math.isfinite(result)
        assert isinstance(truthy(result), bool)


@FAST
@given(EXPRESSIONS)
def test_generated_expressions_parse_and_know_their_references(source: str) -> None:
    try:
        expression = parse(source)
    except ExpressionError as error:
        assert "nested too deeply" in error.text.en
        return
    expected = {name for name in NAMES if "${" + name + "}" in source}
    assert expression.references == expected
    assert expression.uses_current == (source.replace("${", "").count(".") > _decimals(source))


def _decimals(source: str) -> int:
    return sum(source.count(number) for number in ("3.5", "0.1"))


# --- (3) agreement with Python -------------------------------------------------------------

INTS = st.integers(min_value=-(10**12), max_value=10**12)


@FAST
@given(INTS, INTS, INTS)
def test_integer_arithmetic_agrees_with_python(a: int, b: int, c: int) -> None:
    assert parse(f"{a} + {b} * {c}").evaluate(MapEnvironment()) == a + b * c
    assert parse(f"{a} - {b} - {c}").evaluate(MapEnvironment()) == a - b - c
    assert parse(f"({a} - {b}) * {c}").evaluate(MapEnvironment()) == (a - b) * c
    env = MapEnvironment({"a": a, "b": b, "c": c})
    result = parse("${a} * ${b} - ${c} + 1").evaluate(env)
    assert type(result) is int and result == a * b - c + 1


@FAST
@given(INTS, INTS)
def test_div_mod_and_comparisons_agree_with_python(a: int, b: int) -> None:
    env = MapEnvironment({"a": a, "b": b})
    if b == 0:
        assert parse("${a} div ${b}").evaluate(env) is None
        assert parse("${a} mod ${b}").evaluate(env) is None
    else:
        assert parse("${a} div ${b}").evaluate(env) == a / b
        assert parse("${a} mod ${b}").evaluate(env) == int(math.fmod(a, b))
        assert parse("(${a} div ${b}) * ${b}").evaluate(env) == (a / b) * b
    for op, expected in [("=", a == b), ("!=", a != b), ("<", a < b), ("<=", a <= b)]:
        assert parse(f"${{a}} {op} ${{b}}").evaluate(env) is expected
        # Numeric text behaves like the number it spells.
        text_env = MapEnvironment({"a": str(a), "b": f" {b} "})
        assert parse(f"${{a}} {op} ${{b}}").evaluate(text_env) is expected


@FAST
@given(st.integers(min_value=-(2**50), max_value=2**50))
def test_round_half_away_from_zero(n: int) -> None:
    env = MapEnvironment({"x": n + 0.5})
    assert parse("round(${x})").evaluate(env) == (n + 1 if n >= 0 else n)
    assert parse("round(${n})").evaluate(MapEnvironment({"n": n})) == n


@FAST
@given(st.one_of(INTS, st.floats(allow_nan=False, allow_infinity=False, width=32)))
def test_number_string_round_trip(x: int | float) -> None:
    env = MapEnvironment({"x": x})
    assert parse("number(string(${x})) = ${x}").evaluate(env) is True
    assert parse("string(${x}) = ${x}").evaluate(env) is True


@FAST
@given(EXPRESSIONS, st.fixed_dictionaries({name: VALUES for name in NAMES}))
def test_not_negates_truthiness(source: str, values: dict[str, Value]) -> None:
    try:
        expression = parse(source)
        negated = parse(f"not({source})")
    except ExpressionError:
        assume(False)
        return
    env = MapEnvironment(values, current="1")
    try:
        value = expression.evaluate(env)
    except ExpressionError:
        return
    assert negated.evaluate(env) is (not truthy(value))


def test_every_function_is_covered_by_the_grammar() -> None:
    covered = set(_UNARY_FUNCTIONS) | {"if", "selected", "regex", "coalesce", "concat", "true"}
    covered |= {"false", "today", "max"}
    assert covered == set(FUNCTION_NAMES)
