"""The live state of one filled form: answers, visibility, calculations and judgements.

One changed answer re-evaluates only the questions and judgements that depend on it
(through the form's dependency graph), so that a form of a thousand questions stays
responsive while typing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fieldapp.core.errors import AnswerError, ExpressionError
from fieldapp.core.expressions import Expression, truthy
from fieldapp.core.forms.answers import coerce_answer
from fieldapp.core.forms.graph import DependencyGraph, build_graph
from fieldapp.core.forms.judgement import IndicatorResult, judge
from fieldapp.core.forms.model import Form, Question, QuestionType
from fieldapp.core.i18n import Text

Key = tuple[str, str]  # (question name, repeat instance; '' outside repeats)


@dataclass(slots=True)
class Changes:
    """What one edit changed, so that each view redraws only that."""

    values: set[Key] = field(default_factory=set)
    relevance: set[Key] = field(default_factory=set)
    indicators: set[str] = field(default_factory=set)


class _Env:
    """Expression environment bound to one repeat instance of the state."""

    __slots__ = ("current", "group", "instance", "state", "today")

    def __init__(self, state: FormState, group: str, instance: str, current: Any = None) -> None:
        self.state = state
        self.group = group
        self.instance = instance
        self.current = current
        self.today = state.today

    def lookup(self, name: str) -> Any:
        q = self.state.form.by_name[name]
        values = self.state._values
        if not q.repeat_group:
            return values.get((name, ""))
        if q.repeat_group == self.group:
            return values.get((name, self.instance))
        # Read from outside its repeat: the list of every instance's (non-empty) value.
        return [
            v
            for i in self.state.instances(q.repeat_group)
            if (v := values.get((name, i))) is not None
        ]


class FormState:
    """Answers of one submission with everything derived from them kept up to date."""

    def __init__(
        self,
        form: Form,
        answers: Mapping[Key, Any] | None = None,
        *,
        instances: Mapping[str, Iterable[str]] | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.form = form
        self.graph: DependencyGraph = form.graph or build_graph(form)
        self.today = today or dt.date.today()
        self._instances: dict[str, list[str]] = {
            g: list(keys) for g, keys in (instances or {}).items()
        }
        self._answers: dict[Key, Any] = {}
        self._values: dict[Key, Any] = {}
        self._relevant: dict[Key, bool] = {}
        self._judgements: dict[str, IndicatorResult] = {}
        self.expression_errors: dict[Key, Text] = {}
        for (name, instance), value in (answers or {}).items():
            q = form.by_name.get(name)
            if q is None:
                continue  # answers to questions a newer/older version dropped are kept in store
            if q.repeat_group and instance not in self._instances.setdefault(q.repeat_group, []):
                self._instances[q.repeat_group].append(instance)
            self._answers[(name, instance)] = value
        self.recompute()

    # -- reading ---------------------------------------------------------------------------
    def instances(self, group: str) -> list[str]:
        """The instance keys of a repeat group, in order."""
        return self._instances.get(group, [])

    def _keys_of(self, q: Question) -> list[str]:
        return self._instances.get(q.repeat_group, []) if q.repeat_group else [""]

    def value(self, name: str, instance: str = "") -> Any:
        """The effective value: the answer, the calculation, or None when hidden/empty."""
        return self._values.get((name, instance))

    def answer(self, name: str, instance: str = "") -> Any:
        """The stored answer, kept even while the question is hidden."""
        return self._answers.get((name, instance))

    def answers(self) -> dict[Key, Any]:
        """Every stored answer (what the store persists)."""
        return dict(self._answers)

    def is_relevant(self, name: str, instance: str = "") -> bool:
        """Whether the question is shown (its own and its ancestors' relevance)."""
        return self._relevant.get((name, instance), False)

    def judgement(self, name: str) -> IndicatorResult:
        """The current judgement of indicator item ``name``."""
        return self._judgements[name]

    def judgements(self) -> dict[str, IndicatorResult]:
        """Judgements of every indicator item, in form order."""
        return dict(self._judgements)

    def evaluate(self, expr: Expression) -> Any:
        """Evaluate an expression against the current (non-repeat) values."""
        return expr.evaluate(_Env(self, "", ""))

    # -- editing ---------------------------------------------------------------------------
    def set_answer(self, name: str, value: Any, *, instance: str = "") -> tuple[Any, Changes]:
        """Validate and set an answer; return the canonical value and what changed.

        Raises AnswerError (with the form's message) and changes nothing if invalid."""
        canonical = self.validate(name, value, instance=instance)
        return canonical, self.apply(name, canonical, instance=instance)

    def validate(self, name: str, value: Any, *, instance: str = "") -> Any:
        """The canonical form of ``value`` for question ``name``, or AnswerError; the state
        is not changed (so a caller can persist first, then :meth:`apply`)."""
        q = self.form.by_name.get(name)
        if q is None:
            raise AnswerError(
                Text(f"表单中没有题目 “{name}”", f"the form has no question '{name}'"),
                question=name,
            )
        label = q.label
        if not q.is_input and q.type is not QuestionType.INDICATOR:
            raise AnswerError(
                Text(
                    f"“{label.zh}” 为自动计算或只读，不能填写",
                    f"'{label.en or label.zh}' is calculated or read-only",
                ),
                question=name,
            )
        if q.repeat_group and instance not in self.instances(q.repeat_group):
            raise AnswerError(
                Text(
                    f"“{label.zh}” 的重复项 “{instance}” 不存在",
                    f"no instance '{instance}' for '{label.en or label.zh}'",
                ),
                question=name,
            )
        if not q.repeat_group and instance:
            raise AnswerError(
                Text(
                    f"“{label.zh}” 不在重复组中",
                    f"'{label.en or label.zh}' is not in a repeat group",
                ),
                question=name,
            )
        canonical = coerce_answer(q, value)
        self.check_constraint(q, canonical, instance)
        return canonical

    def apply(self, name: str, canonical: Any, *, instance: str = "") -> Changes:
        """Set an already validated answer and re-evaluate what depends on it."""
        self._answers[(name, instance)] = canonical
        return self._propagate(self.form.by_name[name], instance)

    def check_constraint(self, q: Question, value: Any, instance: str = "") -> None:
        """Raise AnswerError if ``value`` violates the question's constraint."""
        if value is None or q.constraint is None:
            return
        # A rule like ". <= ${estates}" cannot be judged until ${estates} is known; it is
        # checked again when the other answer arrives and when the submission is completed.
        if any(
            self.value(ref) is None
            for ref in q.constraint.references
            if not self.form.by_name[ref].repeat_group
        ):
            return
        env = _Env(self, q.repeat_group, instance, current=value)
        try:
            ok = truthy(q.constraint.evaluate(env))
        except ExpressionError:
            ok = False
        if not ok:
            message = q.constraint_message or Text("不符合填写要求", "does not meet the constraint")
            label = q.label
            raise AnswerError(
                Text(
                    f"“{label.zh}”：{message.zh}",
                    f"'{label.en or label.zh}': {message.en or message.zh}",
                ),
                question=q.name,
            )

    def add_instance(self, group: str, key: str) -> Changes:
        """Add an instance (e.g. one building) to a repeat group."""
        q = self.form.by_name[group]
        if not q.repeat:
            raise ValueError(f"{group} is not a repeat group")
        keys = self._instances.setdefault(group, [])
        if key in keys:
            return Changes()
        keys.append(key)
        return self._recompute_group(group)

    def remove_instance(self, group: str, key: str) -> Changes:
        """Remove a repeat instance and its answers from the state."""
        keys = self._instances.get(group, [])
        if key not in keys:
            return Changes()
        keys.remove(key)
        for k in [k for k in self._answers if k[1] == key]:
            del self._answers[k]
        for store in (self._values, self._relevant):
            for k in [k for k in store if k[1] == key]:
                del store[k]
        return self._recompute_group(group)

    # -- evaluation ------------------------------------------------------------------------
    def recompute(self) -> None:
        """Re-evaluate everything (on load); edits use the incremental path."""
        for name in self.graph.order:
            q = self.form.by_name[name]
            for instance in self._keys_of(q):
                self._evaluate(q, instance)
        for q in self.form.indicators:
            self._judgements[q.name] = self._judge(q)

    def _recompute_group(self, group: str) -> Changes:
        changes = Changes()
        names = {q.name for q in self.form.by_name.values() if q.repeat_group == group}
        touched: set[str] = set(names)
        for n in names:
            touched.update(self.graph.affected(n))
        for name in self.graph.order:
            if name in touched:
                q = self.form.by_name[name]
                for instance in self._keys_of(q):
                    self._evaluate(q, instance, changes)
        for ind in self.graph.affected_indicators(touched):
            self._rejudge(ind, changes)
        return changes

    def _propagate(self, q: Question, instance: str) -> Changes:
        changes = Changes()
        self._evaluate(q, instance, changes)
        affected = self.graph.affected(q.name)
        for name in affected:
            target = self.form.by_name[name]
            if target.repeat_group and target.repeat_group == q.repeat_group:
                self._evaluate(target, instance, changes)
            else:
                for inst in self._keys_of(target):
                    self._evaluate(target, inst, changes)
        for ind in self.graph.affected_indicators({q.name, *affected}):
            self._rejudge(ind, changes)
        return changes

    def _rejudge(self, name: str, changes: Changes) -> None:
        result = self._judge(self.form.by_name[name])
        if self._judgements.get(name) != result:
            self._judgements[name] = result
            changes.indicators.add(name)

    def _judge(self, q: Question) -> IndicatorResult:
        env = _Env(self, "", "")
        return judge(
            self.form,
            q,
            lookup=env.lookup,
            is_missing=self._awaits_answer,
            evaluate=lambda expr: self._safe_eval(expr, env, (q.name, "")),
        )

    def _awaits_answer(self, name: str) -> bool:
        # Hidden questions are empty on purpose; only a shown, empty one is still to come.
        q = self.form.by_name[name]
        if q.repeat_group:
            return False
        return self.is_relevant(name) and self.value(name) is None

    def _safe_eval(self, expr: Expression, env: _Env, key: Key) -> Any:
        try:
            result = expr.evaluate(env)
        except ExpressionError as exc:
            self.expression_errors[key] = exc.text
            return None
        self.expression_errors.pop(key, None)
        return result

    def _evaluate(self, q: Question, instance: str, changes: Changes | None = None) -> None:
        key = (q.name, instance)
        env = _Env(self, q.repeat_group, instance)
        relevant = not q.parent or self._relevant.get(
            (q.parent, instance if self.form.by_name[q.parent].repeat_group else ""), True
        )
        if relevant and q.relevant is not None:
            relevant = truthy(self._safe_eval(q.relevant, env, key))
        if not q.is_answerable or not relevant:
            value = None
        elif q.calculate is not None:
            value = _cast(q, self._safe_eval(q.calculate, env, key))
        elif key in self._answers:
            value = self._answers[key]
        else:
            value = _default(q)
        if changes is not None:
            if self._relevant.get(key) != relevant:
                changes.relevance.add(key)
            if self._values.get(key) != value:
                changes.values.add(key)
        self._relevant[key] = relevant
        if value is None:
            self._values.pop(key, None)
        else:
            self._values[key] = value

    # -- completion ------------------------------------------------------------------------
    def missing_required(self) -> list[tuple[Question, str]]:
        """Required, shown questions without a value, in form order."""
        missing = []
        for q in self.form.by_name.values():
            if not q.required or not q.is_answerable:
                continue
            for instance in self._keys_of(q):
                if self.is_relevant(q.name, instance) and self.value(q.name, instance) in (
                    None,
                    [],
                    "",
                ):
                    missing.append((q, instance))
        return missing

    def invalid_answers(self) -> list[AnswerError]:
        """Stored answers that no longer meet their constraint (another answer changed)."""
        errors = []
        for (name, instance), value in self._answers.items():
            q = self.form.by_name[name]
            if q.constraint is None or not self.is_relevant(name, instance):
                continue
            try:
                self.check_constraint(q, value, instance)
            except AnswerError as exc:
                errors.append(exc)
        return errors


def _default(q: Question) -> Any:
    if q.default is None or not q.is_input:
        return None
    try:
        return coerce_answer(q, q.default)
    except AnswerError:
        return None


def _cast(q: Question, value: Any) -> Any:
    """Give a calculated result the question's type (empty on failure, never an error)."""
    if value is None or value == "" or isinstance(value, list):
        return None
    t = q.type
    if t in (QuestionType.INTEGER, QuestionType.DECIMAL):
        if isinstance(value, bool):
            value = int(value)
        try:
            number = float(value)
        except (TypeError, ValueError):
            return None
        if number != number or number in (float("inf"), float("-inf")):
            return None
        if t is QuestionType.INTEGER or number.is_integer():
            return (
                int(number + (0.5 if number >= 0 else -0.5))
                if not number.is_integer()
                else int(number)
            )
        return number
    if t is QuestionType.YES_NO:
        return truthy(value)
    return value if isinstance(value, str) else str(value)
