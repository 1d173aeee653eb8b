"""The dependency graph of a form: which values and judgements read which questions.

Built once per form; the form state uses it so that one changed answer re-evaluates only what
depends on it, in an order where every input is computed before its readers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from fieldapp.core.expressions import Expression
from fieldapp.core.forms.model import Form, Question, QuestionType


def value_expressions(q: Question) -> Iterator[tuple[str, Expression]]:
    """The expressions that decide a question's value and visibility (key, expression)."""
    if q.relevant is not None:
        yield "relevant", q.relevant
    if q.calculate is not None:
        yield "calculate", q.calculate


def judgement_expressions(q: Question) -> Iterator[tuple[str, Expression]]:
    """The expressions of an indicator item's judgement rule."""
    if q.judgement is None:
        return
    if q.judgement.not_applicable is not None:
        yield "not_applicable", q.judgement.not_applicable
    if q.judgement.met_if is not None:
        yield "met_if", q.judgement.met_if
    for t in q.judgement.thresholds:
        if t.when is not None:
            yield "when", t.when


@dataclass(slots=True)
class DependencyGraph:
    """Edges between questions (``reads``) and from questions to indicator judgements."""

    reads: dict[str, frozenset[str]]
    readers: dict[str, set[str]]
    order: tuple[str, ...]
    judgement_reads: dict[str, frozenset[str]]
    judgement_readers: dict[str, set[str]] = field(default_factory=dict)
    _closure: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def affected(self, name: str) -> tuple[str, ...]:
        """Every question whose value or visibility may change when ``name`` changes,
        in evaluation order (cached per name)."""
        cached = self._closure.get(name)
        if cached is not None:
            return cached
        seen: set[str] = set()
        stack = list(self.readers.get(name, ()))
        while stack:
            n = stack.pop()
            if n not in seen:
                seen.add(n)
                stack.extend(self.readers.get(n, ()))
        result = tuple(n for n in self.order if n in seen)
        self._closure[name] = result
        return result

    def affected_indicators(self, names: set[str] | tuple[str, ...]) -> set[str]:
        """The indicator items whose judgement reads any of ``names``."""
        out: set[str] = set()
        for n in names:
            out |= self.judgement_readers.get(n, set())
        return out


class CycleError(Exception):
    """Raised by :func:`build_graph` with the questions that form a cycle."""

    def __init__(self, cycle: list[str]) -> None:
        super().__init__(" → ".join(cycle))
        self.cycle = cycle


def build_graph(form: Form) -> DependencyGraph:
    """Compute the reads of every question (its own expressions plus its ancestors'
    visibility) and a topological order; CycleError if calculations read each other."""
    reads: dict[str, frozenset[str]] = {}
    for q in form.by_name.values():
        deps: set[str] = set()
        for _, expr in value_expressions(q):
            deps |= expr.references
        if q.parent:
            deps.add(q.parent)  # a question is hidden whenever its group or indicator is
        deps.discard(q.name)
        reads[q.name] = frozenset(deps)
    readers: dict[str, set[str]] = {}
    for name, names_read in reads.items():
        for d in names_read:
            readers.setdefault(d, set()).add(name)
    order = _topological_order(form, reads)
    judgement_reads: dict[str, frozenset[str]] = {}
    judgement_readers: dict[str, set[str]] = {}
    for q in form.by_name.values():
        if q.type is not QuestionType.INDICATOR:
            continue
        deps = {t.measure for t in q.judgement.thresholds} if q.judgement else set()
        for _, expr in judgement_expressions(q):
            deps |= expr.references
        deps.add(q.name)  # the override
        judgement_reads[q.name] = frozenset(deps)
        for d in deps:
            judgement_readers.setdefault(d, set()).add(q.name)
    return DependencyGraph(
        reads=reads,
        readers=readers,
        order=order,
        judgement_reads=judgement_reads,
        judgement_readers=judgement_readers,
    )


def _topological_order(form: Form, reads: dict[str, frozenset[str]]) -> tuple[str, ...]:
    # Iterative depth-first search: form order where possible, inputs before readers.
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    order: list[str] = []
    for start in form.by_name:
        if state.get(start):
            continue
        stack: list[tuple[str, list[str]]] = [(start, sorted(reads.get(start, ())))]
        state[start] = 1
        while stack:
            node, pending = stack[-1]
            if pending:
                nxt = pending.pop()
                if nxt not in reads:
                    continue  # unknown names are reported by the form checks
                mark = state.get(nxt)
                if mark == 1:
                    path = [n for n, _ in stack]
                    raise CycleError([*path[path.index(nxt) :], nxt])
                if mark is None:
                    state[nxt] = 1
                    stack.append((nxt, sorted(reads.get(nxt, ()))))
            else:
                stack.pop()
                state[node] = 2
                order.append(node)
    return tuple(order)
