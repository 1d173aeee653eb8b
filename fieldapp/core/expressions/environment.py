"""Where an expression gets its values from: the :class:`Environment` protocol."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Protocol, TypeAlias

from fieldapp.core.expressions.values import Value


class Environment(Protocol):
    """The values an expression reads: ``${name}``, ``.`` and the date for ``today()``.

    ``current`` and ``today`` are read-only here so that plain attributes, properties and
    frozen dataclass fields all satisfy the protocol.
    """

    def lookup(self, name: str) -> Value:
        """The value of ``${name}``: None when unanswered, a list for repeat values."""
        ...

    @property
    def current(self) -> Value:
        """The value of ``.``: the answer a constraint is checking."""
        ...

    @property
    def today(self) -> datetime.date:
        """The date ``today()`` returns."""
        ...


# A compiled (sub-)expression.
Fn: TypeAlias = Callable[[Environment], Value]


class MapEnvironment:
    """A dict-backed :class:`Environment`; names that are not in the mapping are empty."""

    __slots__ = ("current", "today", "values")

    def __init__(
        self,
        values: Mapping[str, Value] | None = None,
        *,
        current: Value = None,
        today: datetime.date | None = None,
    ) -> None:
        self.values: dict[str, Value] = dict(values) if values is not None else {}
        self.current: Value = current
        self.today: datetime.date = today if today is not None else datetime.date.today()

    def lookup(self, name: str) -> Value:
        """The value stored under ``name``, or None."""
        return self.values.get(name)

    def __repr__(self) -> str:
        return f"MapEnvironment({self.values!r}, current={self.current!r}, today={self.today})"
