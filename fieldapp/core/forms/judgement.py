"""Deriving an indicator item's status (达标/基本达标/不达标/不适用/待判定) from its measures.

The rule is data in the form file (docs/forms.md, "Indicator items"); this module only
applies it. A surveyor's override replaces the derived status but both are kept.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fieldapp.core.expressions import Expression, truthy
from fieldapp.core.forms.model import Form, Question, Status, Threshold
from fieldapp.core.i18n import Text

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "=": operator.eq,
    "!=": operator.ne,
}
_OP_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "!=": "≠"}

PASS, PARTLY, FAIL, PENDING, SKIPPED = "pass", "partly", "fail", "pending", "skipped"


@dataclass(frozen=True, slots=True)
class ThresholdResult:
    """How one threshold fared: pass, partly, fail, pending (no value) or skipped (n/a)."""

    threshold: Threshold
    outcome: str
    value: Any
    text: Text


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    """The judgement of one indicator item: derived status, override and final status."""

    question: str
    code: str
    derived: Status
    status: Status
    basis: Text
    thresholds: tuple[ThresholdResult, ...] = ()
    override_reason: str = ""
    baseline: bool = False

    @property
    def overridden(self) -> bool:
        """Whether a surveyor replaced the derived status."""
        return bool(self.override_reason)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    return None


def _describe(form: Form, t: Threshold, value: Any) -> Text:
    measure = form.by_name[t.measure]
    unit = measure.unit
    label = measure.label
    if t.op in ("yes", "no"):
        want = Text("是", "yes") if t.op == "yes" else Text("否", "no")
        return Text(f"{label.zh} 应为“{want.zh}”", f"{label.en or label.zh} must be {want.en}")
    shown = (
        "—"
        if value is None
        else f"{_number(value):g}{unit}"
        if _number(value) is not None
        else str(value)
    )
    op = _OP_TEXT[t.op]
    target = f"{t.value:g}{unit}" if t.value is not None else ""
    return Text(
        f"{label.zh} {shown}（要求 {op} {target}）",
        f"{label.en or label.zh} {shown} (required {op} {target})",
    )


def _threshold(
    form: Form,
    t: Threshold,
    value: Any,
    evaluate: Callable[[Expression], Any],
    is_missing: Callable[[str], bool],
) -> ThresholdResult:
    if t.when is not None:
        if any(is_missing(ref) for ref in t.when.references):
            return ThresholdResult(t, PENDING, value, _describe(form, t, value))
        if not truthy(evaluate(t.when)):
            return ThresholdResult(t, SKIPPED, value, _describe(form, t, value))
    text = _describe(form, t, value)
    if value is None:
        return ThresholdResult(t, PENDING, value, text)
    if t.op in ("yes", "no"):
        ok = truthy(value) == (t.op == "yes")
        return ThresholdResult(t, PASS if ok else FAIL, value, text)
    number = _number(value)
    if number is None or t.value is None:
        return ThresholdResult(t, PENDING, value, text)
    if _COMPARE[t.op](number, t.value):
        return ThresholdResult(t, PASS, value, text)
    if t.partly is not None and _COMPARE[t.op](number, t.partly):
        return ThresholdResult(t, PARTLY, value, text)
    return ThresholdResult(t, FAIL, value, text)


def judge(
    form: Form,
    q: Question,
    *,
    lookup: Callable[[str], Any],
    evaluate: Callable[[Expression], Any],
    is_missing: Callable[[str], bool] | None = None,
) -> IndicatorResult:
    """Judge indicator ``q``: ``lookup(name)`` gives current values (None when empty or
    hidden), ``evaluate(expr)`` evaluates an expression against the same answers, and
    ``is_missing(name)`` says whether a question still awaits an answer (default: empty)."""
    missing = is_missing or (lambda name: lookup(name) is None)
    derived, basis, results = _derive(form, q, lookup=lookup, evaluate=evaluate, is_missing=missing)
    override = lookup(q.name)
    status, reason = derived, ""
    if isinstance(override, dict) and override.get("status"):
        status, reason = Status(override["status"]), str(override.get("reason", ""))
        basis = Text(f"人工判定：{reason}", f"Set by surveyor: {reason}")
    return IndicatorResult(
        question=q.name,
        code=q.code,
        derived=derived,
        status=status,
        basis=basis,
        thresholds=results,
        override_reason=reason,
        baseline=q.baseline,
    )


def _derive(
    form: Form,
    q: Question,
    *,
    lookup: Callable[[str], Any],
    evaluate: Callable[[Expression], Any],
    is_missing: Callable[[str], bool],
) -> tuple[Status, Text, tuple[ThresholdResult, ...]]:
    rule = q.judgement
    if rule is None or (
        not rule.thresholds and rule.met_if is None and rule.not_applicable is None
    ):
        return Status.PENDING, Text("需人工判定", "To be judged by the surveyor"), ()
    if rule.not_applicable is not None and truthy(evaluate(rule.not_applicable)):
        return Status.NOT_APPLICABLE, Text("不适用于本社区", "Does not apply to this community"), ()
    if rule.met_if is not None and truthy(evaluate(rule.met_if)):
        return Status.MET, Text("通过共享或替代方式达标", "Met by sharing or an alternative"), ()
    results = tuple(
        _threshold(form, t, lookup(t.measure), evaluate, is_missing) for t in rule.thresholds
    )
    applicable = [r for r in results if r.outcome != SKIPPED]
    if not rule.thresholds:
        return Status.PENDING, Text("需人工判定", "To be judged by the surveyor"), results
    if not applicable:
        return Status.NOT_APPLICABLE, Text("本社区无适用要求", "No requirement applies"), results
    if any(r.outcome == PENDING for r in applicable):
        missing = [r.text for r in applicable if r.outcome == PENDING]
        return (
            Status.PENDING,
            Text(
                "待填写：" + "；".join(t.zh for t in missing),
                "To fill in: " + "; ".join(t.en for t in missing),
            ),
            results,
        )
    outcomes = {r.outcome for r in applicable}
    failing = [r.text for r in applicable if r.outcome != PASS]
    if any(r.threshold.veto and r.outcome == FAIL for r in applicable):
        # A failed veto condition (e.g. a blocked fire lane) cannot be offset by others.
        outcomes = {FAIL}
    if outcomes == {PASS}:
        status = Status.MET
        basis = Text(
            "；".join(r.text.zh for r in applicable), "; ".join(r.text.en for r in applicable)
        )
    else:
        status = Status.NOT_MET if outcomes == {FAIL} else Status.PARTLY_MET
        basis = Text("；".join(t.zh for t in failing), "; ".join(t.en for t in failing))
    return status, basis, results
