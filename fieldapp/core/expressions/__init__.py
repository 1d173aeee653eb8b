"""XLSForm-style expressions: ``relevant``, ``constraint``, ``calculate`` and judgements.

A real lexer, a Pratt parser and a compiler to closures (never Python ``eval``)::

    expr = parse("if(${a} > 3 and selected(${m}, 'x'), ${b} * 2, 0)")
    expr.references                     # frozenset({'a', 'm', 'b'})
    expr.evaluate(MapEnvironment({"a": 5, "m": ["x"], "b": 4}))   # 8

The language is specified in ``docs/forms.md`` ("Expressions"). Every error, at parse or
evaluation time, is an :class:`~fieldapp.core.errors.ExpressionError` with a bilingual message
and, where it applies, the 0-based ``position`` of the offending part of the source.
"""

from __future__ import annotations

from fieldapp.core.errors import ExpressionError
from fieldapp.core.expressions.environment import Environment, MapEnvironment
from fieldapp.core.expressions.expression import Expression, parse
from fieldapp.core.expressions.functions import FUNCTION_NAMES
from fieldapp.core.expressions.values import Value, truthy

__all__ = [
    "FUNCTION_NAMES",
    "Environment",
    "Expression",
    "ExpressionError",
    "MapEnvironment",
    "Value",
    "parse",
    "truthy",
]
