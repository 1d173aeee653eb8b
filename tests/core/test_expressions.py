"""Unit tests of the expression language (docs/forms.md, "Expressions")."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import re
from decimal import Decimal

import pytest

from fieldapp.core.expressions import (
    FUNCTION_NAMES,
    Environment,
    Expression,
    ExpressionError,
    MapEnvironment,
    Value,
    parse,
    truthy,
)

TODAY = dt.date(2024, 5, 1)


def ev(source: str, values: dict[str, Value] | None = None, *, current: Value = None) -> Value:
    return parse(source).evaluate(MapEnvironment(values or {}, current=current, today=TODAY))


def parse_error(source: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as info:
        parse(source)
    return info.value


def eval_error(source: str, values: dict[str, Value] | None = None) -> ExpressionError:
    expression = parse(source)
    with pytest.raises(ExpressionError) as info:
        expression.evaluate(MapEnvironment(values or {}, today=TODAY))
    return info.value


def assert_bilingual(error: ExpressionError) -> None:
    assert re.search(r"[\u4e00-\u9fff]", error.text.zh), error.text.zh
    assert error.text.en and error.text.en != error.text.zh
    assert not re.search(r"[\u4e00-\u9fff]", error.text.en), error.text.en
    assert " / " in str(error)


def same(actual: Value, expected: Value) -> bool:
    """Equal with the same type (so 2 is not 2.0 and True is not 1)."""
    return type(actual) is type(expected) and actual == expected


# --- literals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("42", 42),
        ("3.25", 3.25),
        (".5", 0.5),
        ("7.", 7.0),
        ("'text'", "text"),
        ('"text"', "text"),
        ("'it''s'", None),  # no escapes: two adjacent strings are a syntax error, checked below
        ('"it\'s"', "it's"),
        ("'中文 ✓ 🙂'", "中文 ✓ 🙂"),
        ("''", ""),
        ("true()", True),
        ("false()", False),
        ("  42  ", 42),
        ("\t1\n+\r\n2", 3),
        ("1\u30002", None),  # ideographic space separates tokens; two numbers are an error
    ],
)
def test_literals(source: str, expected: Value) -> None:
    if expected is None:
        parse_error(source)
    else:
        assert same(ev(source), expected)


# --- operators ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2", 3),
        ("7 - 10", -3),
        ("6 * 7", 42),
        ("7 div 2", 3.5),
        ("4 div 2", 2.0),
        ("7 mod 3", 1),
        ("-7 mod 3", -1),  # truncating like XPath, not Python's floor modulo
        ("7 mod -3", 1),
        ("7.5 mod 2", 1.5),
        ("1.5 + 1", 2.5),
        ("2 * 0.5", 1.0),
        ("-3", -3),
        ("-(1 + 2)", -3),
        ("- -3", 3),
        ("--3", 3),
        ("'2' + 3", 5),
        ("' 2.5 ' * 2", 5.0),
        ("true() + 1", 2),
        ("1 = 1", True),
        ("1 != 1", False),
        ("1 < 2", True),
        ("2 <= 2", True),
        ("3 > 2", True),
        ("2 >= 3", False),
        ("true() and false()", False),
        ("true() and true()", True),
        ("true() or false()", True),
        ("false() or false()", False),
        ("1 and 'x'", True),
        ("0 or ''", False),
    ],
)
def test_operators(source: str, expected: Value) -> None:
    assert same(ev(source), expected)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 - 2 - 3", -4),
        ("2 + 3 * 4", 14),
        ("(2 + 3) * 4", 20),
        ("12 div 2 div 3", 2.0),
        ("100 div 10 * 2", 20.0),
        ("2 * 3 mod 4", 2),
        ("10 - 2 + 3", 11),
        ("-2 * 3", -6),
        ("- 2 + 3", 1),
        ("-2 - -2", 0),
        ("true() or true() and false()", True),  # a or (b and c)
        ("(true() or true()) and false()", False),
        ("false() and true() or true()", True),
        ("1 + 1 = 2", True),
        ("1 < 2 = true()", True),
        ("3 > 2 > 1", False),  # (3 > 2) > 1 is true() > 1
        ("1 = 1 and 2 = 2", True),
        ("1 = 2 or 2 = 2 and 3 = 3", True),
        ("1 + 2 * 3 - 4 div 2", 5.0),
    ],
)
def test_precedence_and_associativity(source: str, expected: Value) -> None:
    assert same(ev(source), expected)


def test_long_flat_chains_do_not_nest() -> None:
    assert ev("+".join(["1"] * 3000)) == 3000
    assert ev("-".join(["1"] * 3000)) == 1 - 2999
    assert ev(" and ".join(["true()"] * 500)) is True
    assert ev(" or ".join(["${x}"] * 500), {"x": 0}) is False
    assert ev(" = ".join(["1"] * 500)) is True  # ((1 = 1) = 1) = ... compares booleans


# --- comparison rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, True),
        ("", True),
        ([], True),
        (0, False),
        (False, False),  # an answered "no" is not empty
        ("a", False),
        (["a"], False),
    ],
)
def test_equals_empty_string_tests_for_empty(value: Value, expected: bool) -> None:
    assert ev("${x} = ''", {"x": value}) is expected
    assert ev("'' = ${x}", {"x": value}) is expected
    assert ev("${x} != ''", {"x": value}) is (not expected)


@pytest.mark.parametrize("op", ["=", "<", "<=", ">", ">="])
def test_comparison_with_empty_number_is_false(op: str) -> None:
    assert ev(f"${{x}} {op} 0", {}) is False
    assert ev(f"0 {op} ${{x}}", {}) is False
    assert ev(f"${{x}} {op} ${{y}}", {"y": 3}) is False


def test_not_equal_with_empty_is_true() -> None:
    assert ev("${x} != 0") is True
    assert ev("${x} != ${y}", {"y": 2}) is True
    assert ev("${x} = ${y}") is True  # both empty
    assert ev("${x} != ${y}") is False


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("'5' = 5", True),
        ("'5.0' = 5", True),
        ("' 5 ' = 5", True),
        ("'05' = '5'", True),  # both numeric: compared as numbers
        ("1.0 = 1", True),
        ("'a' = 'a'", True),
        ("'a' = 'A'", False),
        ("'abc' = 5", False),
        ("'1e3' = 1000", False),  # no exponents: compared as strings
        ("'yes' = \"yes\"", True),
        ("true() = 1", True),
        ("false() = 0", True),
        ("true() = 2", True),  # XPath: the other side becomes a boolean
        ("true() = 'false'", True),  # ...and a non-empty string is true
        ("false() = 'x'", False),
        ("true() != false()", True),
    ],
)
def test_equality_rules(source: str, expected: bool) -> None:
    assert ev(source) is expected


def test_equality_of_references() -> None:
    assert ev("${a} = ${b}", {"a": "2", "b": 2}) is True
    assert ev("${a} = ${b}", {"a": 2.0, "b": 2}) is True
    assert ev("${a} = 'yes'", {"a": "yes"}) is True
    assert ev("${a} = 'yes'", {"a": "no"}) is False
    assert ev("${a} = 'yes'", {"a": True}) is True
    assert ev("${a} = 3", {"a": "3"}) is True
    assert ev("3 != ${a}", {"a": 3}) is False
    assert ev("${a} = true()", {"a": False}) is False


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("'2024-01-02' < '2024-03-01'", True),
        ("'2024-12-31' >= '2024-01-01'", True),
        ("'10' < '9'", False),  # numeric text compares as numbers
        ("'10' < 9", False),
        ("'b' > 'a'", True),
        ("'abc' < 1", False),  # text against a number: like NaN, false
        ("'abc' >= 1", False),
        ("true() > false()", True),
        ("true() >= 1", True),
        ("1.5 < 2", True),
        ("'' < 'a'", False),
    ],
)
def test_relational_rules(source: str, expected: bool) -> None:
    assert ev(source) is expected


def test_dates_compare_as_strings() -> None:
    values: dict[str, Value] = {"d": "2024-04-30", "e": "2024-05-02"}
    assert ev("${d} < today()", values) is True
    assert ev("${e} <= today()", values) is False
    assert ev("${d} < ${e}", values) is True


# --- empty propagation --------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "${x} + 1",
        "1 - ${x}",
        "${x} * 2",
        "${x} div 2",
        "${x} mod 2",
        "-${x}",
        "${x} + 1 * 3 - 2",
        "'' + 1",
        "'abc' * 2",
        "1 div 0",
        "1 mod 0",
        "1.5 div 0.0",
        "0 div 0",
    ],
)
def test_empty_propagates_through_arithmetic(source: str) -> None:
    assert ev(source) is None


# --- lists --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "position"),
    [
        ("${r} + 1", 0),
        ("1 + ${r}", 4),
        ("-${r}", 1),
        ("${r} > 1", 0),
        ("${r} = 'a'", 0),
        ("2 * ${r} * 3", 4),
        ("selected(${m}, ${r})", 15),
        ("number(${r})", 7),
    ],
)
def test_list_used_as_a_single_value_is_an_error_naming_it(source: str, position: int) -> None:
    error = eval_error(source, {"r": [1, 2], "m": ["a"]})
    assert error.position == position
    assert "${r}" in error.text.zh and "${r}" in error.text.en
    assert_bilingual(error)


def test_lists_where_lists_are_fine() -> None:
    values: dict[str, Value] = {"m": ["a", "b"], "r": [1, 2, 3]}
    assert ev("${m} != ''", values) is True
    assert ev("string(${m})", values) == "a b"
    assert ev("concat(${m}, '!')", values) == "a b!"
    assert ev("string-length(${m})", values) == 3
    assert ev("boolean(${m})", values) is True
    assert ev("if(${m}, 1, 2)", values) == 1
    assert ev("if(true(), ${r}, 0)", values) == [1, 2, 3]
    assert ev("coalesce(${r}, 0)", values) == [1, 2, 3]
    assert ev("not(${e})", {"e": []}) is True


# --- functions ----------------------------------------------------------------------------


def test_function_names() -> None:
    assert {"if", "selected", "count-selected", "regex", "round", "coalesce"} <= FUNCTION_NAMES


@pytest.mark.parametrize(
    ("source", "values", "expected"),
    [
        ("not(true())", {}, False),
        ("not('')", {}, True),
        ("not(${x})", {}, True),
        ("not(0)", {}, True),
        ("boolean('0')", {}, True),  # XPath: any non-empty string
        ("boolean(0)", {}, False),
        ("boolean(0.5)", {}, True),
        ("boolean(${x})", {}, False),
        ("if(true(), 1, 2)", {}, 1),
        ("if('', 1, 2)", {}, 2),
        ("if(${x} > 3, 'big', 'small')", {"x": 4}, "big"),
        ("if(true(), 1, ${r} + 1)", {"r": [1]}, 1),  # the other branch is not evaluated
        ("coalesce(${x}, 'd')", {}, "d"),
        ("coalesce(${x}, 'd')", {"x": 0}, 0),
        ("coalesce(${x}, 'd')", {"x": ""}, "d"),
        ("coalesce(${x}, 'd')", {"x": []}, "d"),
        ("coalesce(${x}, ${y}, 3)", {}, 3),
        ("coalesce(${x})", {"x": "v"}, "v"),
        ("coalesce(${x}, ${y})", {}, None),
        ("selected(${m}, 'a')", {"m": ["a", "b"]}, True),
        ("selected(${m}, 'c')", {"m": ["a", "b"]}, False),
        ("selected(${m}, 'b')", {"m": "a b"}, True),  # ODK's space-separated form
        ("selected(${m}, 'a b')", {"m": "a b"}, False),
        ("selected(${m}, ' a ')", {"m": ["a"]}, True),
        ("selected(${m}, '')", {"m": ["a"]}, False),
        ("selected(${m}, '')", {"m": [""]}, False),
        ("selected(${m}, 'a')", {}, False),
        ("selected(${m}, 'a')", {"m": []}, False),
        ("selected(${m}, 1)", {"m": ["1", "2"]}, True),
        ("selected(${m}, '2')", {"m": [1, 2]}, True),
        ("selected(${m}, ${v})", {"m": ["x", "y"], "v": "y"}, True),
        ("count-selected(${m})", {"m": ["a", "b"]}, 2),
        ("count-selected(${m})", {"m": "a b  c"}, 3),
        ("count-selected(${m})", {}, 0),
        ("count-selected(${m})", {"m": []}, 0),
        ("string-length('abc')", {}, 3),
        ("string-length('中文')", {}, 2),
        ("string-length(${x})", {}, 0),
        ("string-length(12.5)", {}, 4),
        ("today()", {}, "2024-05-01"),
        ("sum(${r})", {"r": [1, 2, 3]}, 6),
        ("sum(${r})", {"r": [1.5, 2]}, 3.5),
        ("sum(${r})", {"r": []}, 0),
        ("sum(${r})", {"r": ["1", "2"]}, 3),
        ("sum(${r})", {"r": [1, None]}, None),  # an unanswered instance leaves it pending
        ("sum(${r})", {"r": [1, "x"]}, None),
        ("sum(${r})", {"r": 5}, 5),
        ("count(${r})", {"r": [1, None, 3]}, 3),
        ("count(${r})", {"r": []}, 0),
        ("count(${r})", {}, 0),
        ("count(${r})", {"r": "a"}, 1),
        ("min(${r})", {"r": [3, 1, 2]}, 1),
        ("max(${r})", {"r": [3, 1, 2]}, 3),
        ("max(1, 2.5, '3')", {}, 3),
        ("min(${r}, 0)", {"r": [3, 1]}, 0),
        ("max(${r})", {"r": []}, None),
        ("max(${r})", {"r": [1, None]}, None),
        ("min(4)", {}, 4),
        ("number('12')", {}, 12),
        ("number(' 1.5 ')", {}, 1.5),
        ("number('-.5')", {}, -0.5),
        ("number('abc')", {}, None),
        ("number('1e5')", {}, None),
        ("number('+5')", {}, None),
        ("number('inf')", {}, None),
        ("number('')", {}, None),
        ("number('٣')", {}, None),  # only ASCII digits
        ("number(true())", {}, 1),
        ("number(${x})", {}, None),
        ("int(3.9)", {}, 3),
        ("int(-3.9)", {}, -3),
        ("int('7.2')", {}, 7),
        ("int(${x})", {}, None),
        ("string(4 div 2)", {}, "2"),
        ("string(1.5)", {}, "1.5"),
        ("string(-0.0)", {}, "0"),
        ("string(0.0000001)", {}, "0.0000001"),
        ("string(true())", {}, "true"),
        ("string(false())", {}, "false"),
        ("string(${x})", {}, ""),
        ("string(12)", {}, "12"),
        ("concat('a', 1, true(), ${x}, 'b')", {}, "a1trueb"),
        ("concat()", {}, ""),
        ("concat('中', \"文\")", {}, "中文"),
        ("true()", {}, True),
        ("false()", {}, False),
    ],
)
def test_functions(source: str, values: dict[str, Value], expected: Value) -> None:
    assert same(ev(source, values), expected)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("round(2.5)", 3),
        ("round(-2.5)", -3),  # half away from zero, not banker's rounding
        ("round(0.5)", 1),
        ("round(1.5)", 2),
        ("round(2.4)", 2),
        ("round(-2.4)", -2),
        ("round(2.675, 2)", 2.68),  # by the decimal the user wrote, not the binary double
        ("round(1.005, 2)", 1.01),
        ("round(-1.005, 2)", -1.01),
        ("round(1.25, 1)", 1.3),
        ("round(1234.5678, -2)", 1200),
        ("round(1250, -2)", 1300),
        ("round(5, 2)", 5),
        ("round(5.5, 0)", 6),
        ("round('2.5')", 3),
        ("round(2.5, 1.9)", 2.5),  # digits are truncated to an int
        ("round(${x})", None),
        ("round(2.5, ${x})", None),
        ("round(1.5, 1000)", 1.5),
        ("round(123.4, -1000)", 0),
    ],
)
def test_round(source: str, expected: Value) -> None:
    assert same(ev(source), expected)


def test_regex() -> None:
    assert ev("regex('123456', '^[0-9]{6}$')") is True
    assert ev("regex('12345', '^[0-9]{6}$')") is False
    assert ev("regex('abc123', '[0-9]+')") is True  # a search, anchor explicitly
    assert ev("regex(${x}, '^$')") is True
    assert ev("regex(., '^1[3-9][0-9]{9}$')", current="13812345678") is True
    assert ev("regex(., '^1[3-9][0-9]{9}$')", current="1381234567") is False
    assert ev("regex(${t}, ${p})", {"t": "abc", "p": "^a"}) is True
    assert ev("regex(12, '^1')") is True
    assert ev("regex('中文', '^\\w+$')") is True


def test_regex_guards() -> None:
    error = parse_error("regex(., '" + "a" * 201 + "')")
    assert error.position == 9
    assert_bilingual(error)
    error = parse_error("regex(., '(a+)+$')")
    assert error.position == 9
    assert_bilingual(error)
    for nested in ["(a*)*", "(\\w+\\s?)+", "((ab)+c)*", "(x{2,})+"]:
        parse_error(f"regex(., '{nested}')")
    for fine in ["(ab)+", "(a|b)*", "[a+]+", "(\\d{3}-)+", "a+b*", "(\\(+)"]:
        parse(f"regex(., '{fine}')")
    error = eval_error("regex(${t}, 'a')", {"t": "a" * 2001})
    assert error.position == 6
    assert_bilingual(error)
    error = eval_error("regex('a', ${p})", {"p": "["})
    assert error.position == 11
    assert_bilingual(error)
    error = eval_error("regex('a', ${p})", {"p": "(a+)+"})
    assert error.position == 11


def test_today_from_environment() -> None:
    expression = parse("today()")
    assert expression.evaluate(MapEnvironment(today=dt.date(2026, 1, 2))) == "2026-01-02"
    moment = dt.datetime(2026, 3, 4, 23, 59)
    assert expression.evaluate(MapEnvironment(today=moment)) == "2026-03-04"
    assert expression.evaluate(MapEnvironment()) == dt.date.today().isoformat()


def test_result_types() -> None:
    assert same(ev("1 + 2"), 3)
    assert same(ev("1 + 2.0"), 3.0)
    assert same(ev("6 div 3"), 2.0)
    assert same(ev("7 mod 2"), 1)
    assert same(ev("7.0 mod 2"), 1.0)
    assert same(ev("${a} * ${b}", {"a": 2, "b": 3}), 6)
    assert same(ev("${a} * ${b}", {"a": True, "b": 3}), 3)


# --- references ---------------------------------------------------------------------------


def test_references_and_uses_current() -> None:
    expression = parse("if(${a} > 3 and selected(${m}, 'x'), ${b} * 2, ${a})")
    assert expression.references == frozenset({"a", "m", "b"})
    assert expression.uses_current is False
    assert parse(". > 3").uses_current is True
    assert parse(". > 3").references == frozenset()
    assert parse("regex(., '^x$') or ${q_1} = ''").uses_current is True
    assert parse("'${a} and .'").references == frozenset()  # inside text: neither
    assert parse("'${a} and .'").uses_current is False
    assert parse("${_x} + ${Name2}").references == frozenset({"_x", "Name2"})
    assert parse("3.5").uses_current is False


def test_current_value() -> None:
    assert ev(". >= 18", current=20) is True
    assert ev(". >= 18", current=None) is False
    assert ev("string-length(.) <= 4", current="abcd") is True
    assert ev(". + 1", current="41") == 42


# --- the Expression object and environments -----------------------------------------------


def test_expression_is_immutable_and_hashable() -> None:
    expression = parse("${a} + 1")
    assert isinstance(expression, Expression)
    assert expression.source == "${a} + 1"
    with pytest.raises(dataclasses.FrozenInstanceError):
        expression.source = "2"  # type: ignore[misc]
    assert expression == parse("${a} + 1")
    assert len({expression, parse("${a} + 1"), parse("${a} + 2")}) == 2
    assert "${a} + 1" in repr(expression)
    copied = pickle.loads(pickle.dumps(expression))
    assert copied == expression
    assert copied.evaluate(MapEnvironment({"a": 1})) == 2


def test_any_object_with_the_protocol_is_an_environment() -> None:
    class Answers:
        def __init__(self) -> None:
            self._values: dict[str, Value] = {"a": 4}

        def lookup(self, name: str) -> Value:
            return self._values.get(name)

        @property
        def current(self) -> Value:
            return "c"

        @property
        def today(self) -> dt.date:
            return TODAY

    env: Environment = Answers()
    assert parse("concat(${a}, ., today())").evaluate(env) == "4c2024-05-01"


def test_map_environment() -> None:
    env = MapEnvironment({"a": 1})
    assert env.lookup("a") == 1
    assert env.lookup("missing") is None
    assert env.current is None
    assert env.today == dt.date.today()
    source = {"a": 1}
    env = MapEnvironment(source, current=5, today=TODAY)
    source["a"] = 2
    assert env.lookup("a") == 1  # copied
    assert (env.current, env.today) == (5, TODAY)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, False),
        ("", False),
        (0, False),
        (0.0, False),
        (float("nan"), False),
        (False, False),
        ([], False),
        ("0", True),
        ("false", True),
        (1, True),
        (-0.5, True),
        (True, True),
        (["a"], True),
        ([None], True),
    ],
)
def test_truthy(value: Value, expected: bool) -> None:
    assert truthy(value) is expected


@pytest.mark.parametrize(
    ("value", "source", "expected"),
    [
        (10**400, "${a} + 1", None),  # beyond the double range: empty, like NaN
        (10**400, "${a} = ''", True),
        (-(10**400), "${a} > 0", False),
        (float("nan"), "${a} = ''", True),
        (float("inf"), "${a} > 0", False),
        (float("-inf"), "string(${a})", ""),
        (1e308, "${a} * 10", None),  # overflow is empty
        (1.7e308, "${a} + ${a}", None),
        (2**1023, "${a} * 2 * 2", None),
        (("a", "b"), "selected(${a}, 'b')", True),  # tuples act as lists
        ("x" * 100_000, "string-length(${a})", 100_000),
        ("1" * 5000, "number(${a})", None),
        ("\x00\ud800", "string-length(${a})", 2),
    ],
)
def test_odd_environment_values(value: object, source: str, expected: Value) -> None:
    assert same(ev(source, {"a": value}), expected)  # type: ignore[dict-item]


def test_unsupported_environment_value_is_an_expression_error() -> None:
    location = {"lat": 30.1, "lon": 120.2}
    for value in [location, Decimal("1.5"), object(), [[1]]]:
        error = eval_error("sum(${loc}) + 1", {"loc": value})  # type: ignore[dict-item]
        assert error.position == 4
        assert "${loc}" in error.text.en
        assert_bilingual(error)


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "position"),
    [
        ("", 0),
        ("   ", 0),
        ("1 +", 3),
        ("(1 + 2", 0),
        ("1 + (2 * 3", 4),
        ("1 + 2)", 5),
        (")", 0),
        ("'abc", 0),
        ('1 = "x', 4),
        ("'it''s'", 4),
        ("${a", 0),
        ("${a} + ${b", 7),
        ("${1a}", 2),
        ("${}", 2),
        ("${a b}", 3),
        ("${a-b}", 3),
        ("${名称}", 2),
        ("$a", 0),
        ("foo(1)", 0),
        ("1 + bar()", 4),
        ("if(1, 2)", 0),
        ("not()", 0),
        ("1 + count-selected(1, 2)", 4),
        ("today(1)", 0),
        ("1 2", 2),
        ("${a} ${b}", 5),
        ("1 == 2", 2),
        ("1 +* 2", 3),
        ("1 ! 2", 2),
        ("1 + \x00", 4),
        ("'a\x00'", 2),
        ("if(1, 2, 3", 2),
        ("if(1 2, 3)", 5),
        ("sum(,)", 4),
        ("concat('a',)", 11),
        ("yes", 0),
        ("${a} = yes", 7),
        ("true", 0),
        ("1 AND 2", 2),
        ("and 1", 0),
        ("1 and", 5),
        ("（1）", 0),
        ("1 ＋ 2", 2),
        ("‘a’", 0),
        ("1e5", 1),
        ("${a} . 3", 5),
        ("..", 1),
        ("1" * 40, 0),
        ("regex(., '[')", 10),
        ("regex(., 'ab(c')", 12),
        ("1 # 2", 2),
        ("jr:choice-name(${a}, 'a')", 2),
        ("x" * 10_001, 10_000),
    ],
)
def test_parse_error_positions(source: str, position: int) -> None:
    error = parse_error(source)
    assert error.position == position, error.text.en
    assert error.source == source
    assert_bilingual(error)
    assert f"(at character {position + 1})" in error.text.en


def test_error_messages_are_helpful() -> None:
    assert "count-selected" in parse_error("count-selectd(${m})").text.en
    assert "true()" in parse_error("${a} = true").text.en
    assert "'='" in parse_error("1 == 1").text.en
    assert "'('" in parse_error("（1）").text.en
    assert "${yes}" in parse_error("yes").text.en
    assert "if() takes 3 arguments but got 2" in parse_error("if(1, 2)").text.en
    assert "at least 1" in parse_error("max()").text.en
    assert "1 to 2" in parse_error("round()").text.en


def test_parse_refuses_non_text() -> None:
    error = parse_error(12)  # type: ignore[arg-type]
    assert error.position is None
    assert_bilingual(error)


def test_deep_nesting_is_an_error_not_a_recursion_error() -> None:
    assert ev("(" * 60 + "1" + ")" * 60) == 1
    assert ev("not(" * 30 + "true()" + ")" * 30) is True
    for source in [
        "(" * 65 + "1" + ")" * 65,
        "(" * 4000 + "1" + ")" * 4000,
        "-" * 5000 + "1",
        "not(" * 1000 + "1" + ")" * 1000,
        "if(1, " * 500 + "1" + ", 2)" * 500,
        "1 + (" * 1000 + "1" + ")" * 1000,
    ]:
        error = parse_error(source)
        assert "nested too deeply" in error.text.en
    assert parse_error("(" * 65 + "1" + ")" * 65).position == 64
