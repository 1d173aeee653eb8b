"""The syntax tree the parser builds; every node knows its span in the source."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Node:
    """Base of all nodes: ``start``/``end`` are 0-based offsets into the source."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Literal(Node):
    """A number or string written in the expression."""

    value: int | float | str


@dataclass(frozen=True, slots=True)
class Ref(Node):
    """``${name}``."""

    name: str


@dataclass(frozen=True, slots=True)
class Current(Node):
    """``.``, the value being validated."""


@dataclass(frozen=True, slots=True)
class Negate(Node):
    """Unary minus."""

    operand: Node


@dataclass(frozen=True, slots=True)
class Chain(Node):
    """Operands joined by operators of one precedence level, evaluated left to right.

    ``level`` is one of ``or``, ``and``, ``eq``, ``rel``, ``add``, ``mul``; ``rest`` holds
    (operator, operand) pairs after ``first``. Chains are flat so that long sums such as
    ``${a} + ${b} + ...`` do not nest.
    """

    level: str
    first: Node
    rest: tuple[tuple[str, Node], ...]


@dataclass(frozen=True, slots=True)
class Call(Node):
    """A function call; ``start`` is the position of the function name."""

    name: str
    args: tuple[Node, ...]
