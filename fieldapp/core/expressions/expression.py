"""The public entry point: :func:`parse` builds an immutable, compiled :class:`Expression`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from fieldapp.core.errors import ExpressionError
from fieldapp.core.expressions.compiler import compile_node
from fieldapp.core.expressions.environment import Environment, Fn
from fieldapp.core.expressions.lexer import tokenize
from fieldapp.core.expressions.parser import parse_tree
from fieldapp.core.expressions.values import Value
from fieldapp.core.i18n import Text

MAX_SOURCE_CHARS = 10_000

NOT_TEXT = Text("表达式必须是文本，却是 {kind}", "an expression must be text, not {kind}")
TOO_LONG = Text(
    "表达式过长（最多 {max} 个字符）", "the expression is too long (at most {max} characters)"
)


@dataclass(frozen=True, slots=True)
class Expression:
    """A parsed and compiled expression; immutable, hashable and safe to share.

    ``references`` are the names of every ``${name}`` it reads; ``uses_current`` tells
    whether it reads ``.`` (the value a constraint is checking).
    """

    source: str
    references: frozenset[str]
    uses_current: bool
    _fn: Fn = field(repr=False, compare=False)

    def evaluate(self, env: Environment) -> Value:
        """The expression's value in ``env``; raises only ExpressionError."""
        return self._fn(env)

    def __reduce__(self) -> tuple[Callable[[str], Expression], tuple[str]]:
        # Closures do not pickle; the source is all it takes to rebuild the expression.
        return parse, (self.source,)


def parse(source: str) -> Expression:
    """Parse and compile ``source``; raises ExpressionError with a 0-based ``position``."""
    if not isinstance(source, str):
        raise ExpressionError(NOT_TEXT.format(kind=type(source).__name__), source=repr(source))
    if len(source) > MAX_SOURCE_CHARS:
        raise ExpressionError(
            TOO_LONG.format(max=MAX_SOURCE_CHARS), position=MAX_SOURCE_CHARS, source=source
        )
    parsed = parse_tree(source, tokenize(source))
    fn = compile_node(parsed.node, source)
    return Expression(source, parsed.references, parsed.uses_current, fn)
