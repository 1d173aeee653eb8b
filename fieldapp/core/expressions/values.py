"""The value model and the XPath-like coercion rules every operator and function applies.

Values are what answers look like as JSON: None (empty), bool, int, float, str (dates are ISO
``YYYY-MM-DD`` strings) and lists (multiple-choice answers, a repeat group's values). Values
read from an environment go through :func:`clean` once, so that the hot paths can rely on exact
types: ints within the double range, finite floats.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NamedTuple, TypeAlias

from fieldapp.core.errors import ExpressionError
from fieldapp.core.i18n import Text

Value: TypeAlias = bool | int | float | str | list["Value"] | None
Number: TypeAlias = int | float

# Numbers live in the IEEE double range as in XPath; larger ints count as empty like NaN does,
# which also keeps str() below CPython's 4300-digit conversion limit.
MAX_INT = int(sys.float_info.max)
_MAX_NUMERIC_TEXT = 400
_NUMERIC_RE = re.compile(r"[ \t\r\n]*(-?(?:[0-9]+(\.[0-9]*)?|(\.)[0-9]+))[ \t\r\n]*")

LIST_AS_SCALAR = Text(
    "{label} 是一组值（多选题或重复组的答案），不能在此当作单个值使用；"
    "请改用 selected()、count-selected()、sum()、count() 等函数",
    "{label} holds a list of values (a multiple-choice answer or a repeat group's answers) and "
    "cannot be used as a single value here; use selected(), count-selected(), sum(), count()...",
)
NESTED_LIST = Text(
    "{label} 的元素本身是一组值，无法处理",
    "{label} contains a list inside the list, which cannot be used",
)
UNSUPPORTED_TYPE = Text(
    "{label} 的值类型 {kind} 不能在表达式中使用",
    "{label} has a value of type {kind}, which expressions cannot use",
)


class Where(NamedTuple):
    """The span of a sub-expression, used to point runtime errors at it."""

    source: str
    start: int
    end: int

    @property
    def label(self) -> str:
        """The sub-expression's text, shortened for messages."""
        text = self.source[self.start : self.end].strip() or "."
        return text if len(text) <= 40 else text[:37] + "..."

    def error(self, text: Text) -> ExpressionError:
        """An ExpressionError at this span; ``{label}`` in ``text`` is filled in."""
        return ExpressionError(
            text.format(label=self.label), position=self.start, source=self.source
        )


def truthy(value: Value) -> bool:
    """XPath ``boolean()``: None, '', 0, NaN, False and [] are false, everything else true."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (str, list)):
        return len(value) > 0
    if isinstance(value, (int, float)):
        return value == value and value != 0  # NaN is false
    return bool(value)


def clean(value: object, where: Where) -> Value:
    """Normalise a value read from the environment (or a list item) to an exact Value type.

    Out-of-range ints and non-finite floats become None (empty), tuples become lists and
    subclasses become their base type; anything else is an ExpressionError naming ``where``.
    """
    if value is None or type(value) is str or type(value) is bool:
        return value
    if type(value) is int:
        return value if -MAX_INT <= value <= MAX_INT else None
    if type(value) is float:
        return value if value - value == 0.0 else None
    if type(value) is list:
        return value
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return clean(int(value), where)
    if isinstance(value, float):
        return clean(float(value), where)
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, (list, tuple)):
        return list(value)
    raise where.error(UNSUPPORTED_TYPE.format(label="{label}", kind=type(value).__name__))


def clean_item(item: object, where: Where) -> Value:
    """A list item as a scalar Value; a list nested in a list is an error."""
    value = clean(item, where)
    if isinstance(value, list):
        raise where.error(NESTED_LIST)
    return value


def fit(number: Number) -> Number | None:
    """The number if it is finite and in the double range, else None (empty)."""
    if type(number) is int:
        return number if -MAX_INT <= number <= MAX_INT else None
    return number if number - number == 0.0 else None


def parse_number(text: str) -> Number | None:
    """The number a text denotes (XPath ``number()``: optional '-', digits, optional
    fraction, surrounding blanks), or None. No exponents, '+', 'inf' or 'nan'."""
    if len(text) > _MAX_NUMERIC_TEXT:
        return None
    match = _NUMERIC_RE.fullmatch(text)
    if match is None:
        return None
    body = match.group(1)
    if match.group(2) is None and match.group(3) is None:
        return fit(int(body))
    return fit(float(body))


def to_number(value: Value, where: Where) -> Number | None:
    """Numeric context: bool is 1/0, numeric text is its number, other text and empty are
    None; a list is an ExpressionError naming ``where``."""
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, (int, float)):
        return value
    if value is None:
        return None
    if isinstance(value, str):
        return parse_number(value)
    raise where.error(LIST_AS_SCALAR)


def format_number(number: Number) -> str:
    """XPath ``string()`` of a number: integral values without '.0', never an exponent."""
    if isinstance(number, int):
        return str(number)
    if number != number or number in (math.inf, -math.inf):
        return ""
    if number.is_integer():
        return str(int(number))
    text = repr(number)
    if "e" in text:
        return format(Decimal(text), "f")
    return text


def to_string(value: Value, where: Where) -> str:
    """String context for a single value: None is '', booleans 'true'/'false'; a list is an
    ExpressionError naming ``where``."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(value)
    raise where.error(LIST_AS_SCALAR)


def to_text(value: Value, where: Where) -> str:
    """Explicit text conversion (string(), concat(), ...): like :func:`to_string`, but a list
    becomes its non-empty items joined by spaces, as ODK stores multiple choices."""
    if isinstance(value, list):
        parts = (to_string(clean_item(item, where), where) for item in value)
        return " ".join(part for part in parts if part)
    return to_string(value, where)


def is_empty(value: Value) -> bool:
    """Whether the value is empty: None, '' or []."""
    return value is None or value == "" or value == []


def _plain_number(value: Value) -> Number | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        return parse_number(value)
    return None


def equals(left: Value, right: Value, left_at: Where, right_at: Where) -> bool:
    """The ``=`` operator.

    Empty equals only empty; a non-empty list is an error; a boolean side compares as
    booleans; numbers and numeric text compare as numbers, anything else as strings.
    """
    left_empty = left is None or left == "" or left == []
    right_empty = right is None or right == "" or right == []
    if left_empty or right_empty:
        return left_empty and right_empty
    if isinstance(left, list):
        raise left_at.error(LIST_AS_SCALAR)
    if isinstance(right, list):
        raise right_at.error(LIST_AS_SCALAR)
    if isinstance(left, bool) or isinstance(right, bool):
        return truthy(left) == truthy(right)
    left_number = _plain_number(left)
    if left_number is not None:
        right_number = _plain_number(right)
        if right_number is not None:
            return left_number == right_number
    return to_string(left, left_at) == to_string(right, right_at)


def compare(
    op: Callable[[Any, Any], Any], left: Value, right: Value, left_at: Where, right_at: Where
) -> bool:
    """The ``<`` ``<=`` ``>`` ``>=`` operators.

    False when either side is empty; numbers (and numeric text, booleans as 1/0) compare as
    numbers, two non-numeric texts compare as strings (so ISO dates order correctly), any
    other mix is false like a NaN comparison; lists are an error.
    """
    if isinstance(left, list):
        raise left_at.error(LIST_AS_SCALAR)
    if isinstance(right, list):
        raise right_at.error(LIST_AS_SCALAR)
    if left is None or right is None or left == "" or right == "":
        return False
    left_number = to_number(left, left_at)
    right_number = to_number(right, right_at)
    if left_number is not None and right_number is not None:
        return bool(op(left_number, right_number))
    if isinstance(left, str) and isinstance(right, str):
        return bool(op(left, right))
    return False


NumberOp: TypeAlias = Callable[[Number, Number], "Number | None"]


def add(x: Number, y: Number) -> Number | None:
    """``x + y`` kept in range."""
    return fit(x + y)


def subtract(x: Number, y: Number) -> Number | None:
    """``x - y`` kept in range."""
    return fit(x - y)


def multiply(x: Number, y: Number) -> Number | None:
    """``x * y`` kept in range."""
    return fit(x * y)


def divide(x: Number, y: Number) -> Number | None:
    """``x div y``: always a float; division by zero is empty."""
    if y == 0:
        return None
    return fit(x / y)


def modulo(x: Number, y: Number) -> Number | None:
    """``x mod y``: truncating like XPath (the sign follows x); by zero is empty."""
    if y == 0:
        return None
    if type(x) is int and type(y) is int:
        rest = abs(x) % abs(y)
        return -rest if x < 0 else rest
    return fit(math.fmod(x, y))


def arithmetic(op: NumberOp, left: Value, right: Value, left_at: Where, right_at: Where) -> Value:
    """Apply a binary number operation in numeric context; empty propagates."""
    x = to_number(left, left_at)
    y = to_number(right, right_at)
    if x is None or y is None:
        return None
    return op(x, y)
