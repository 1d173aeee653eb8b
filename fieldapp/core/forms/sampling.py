"""Checking a community's questionnaire responses against the manual's sampling rules,
and the satisfaction figures derived from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fieldapp.core.errors import ExpressionError
from fieldapp.core.expressions import MapEnvironment, truthy
from fieldapp.core.forms.model import Form
from fieldapp.core.i18n import Text

Response = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class RuleCheck:
    """One sampling rule: whether it holds, with the figures behind it."""

    rule: str
    ok: bool
    text: Text


@dataclass(frozen=True, slots=True)
class SamplingReport:
    """The sampling check of one community's responses."""

    total: int
    valid: int
    checks: tuple[RuleCheck, ...]

    @property
    def ok(self) -> bool:
        """Whether every rule holds."""
        return all(c.ok for c in self.checks)


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def is_valid_response(form: Form, response: Response, *, today: dt.date | None = None) -> bool:
    """Whether a response counts as valid (not excluded by ``sampling.exclude_if``)."""
    s = form.sampling
    if s is None or s.exclude_if is None:
        return True
    env = MapEnvironment(dict(response), today=today or dt.date.today())
    try:
        return not truthy(s.exclude_if.evaluate(env))
    except ExpressionError:
        return False


def check_sampling(
    form: Form, responses: Sequence[Response], *, today: dt.date | None = None
) -> SamplingReport:
    """Check ``responses`` (question name → value) against the form's sampling rules."""
    s = form.sampling
    valid = [r for r in responses if is_valid_response(form, r, today=today)]
    n = len(valid)
    checks: list[RuleCheck] = []
    if s is None:
        return SamplingReport(len(responses), n, ())
    if s.min_valid:
        checks.append(
            RuleCheck(
                "min_valid",
                n >= s.min_valid,
                Text(
                    f"有效问卷 {n} 份，要求不少于 {s.min_valid} 份",
                    f"{n} valid responses, at least {s.min_valid} required",
                ),
            )
        )
    if s.female_question and s.female_max_share is not None:
        share = (sum(r.get(s.female_question) == s.female_value for r in valid) / n) if n else 0.0
        checks.append(
            RuleCheck(
                "female_share",
                n > 0 and share <= s.female_max_share,
                Text(
                    f"女性占比 {_pct(share)}，要求不超过 {_pct(s.female_max_share)}",
                    f"women {_pct(share)}, at most {_pct(s.female_max_share)}",
                ),
            )
        )
    if s.age_question and s.age_groups:
        for group in s.age_groups:
            share = (sum(r.get(s.age_question) in group.values for r in valid) / n) if n else 0.0
            ok = n > 0 and abs(share - group.share) <= s.age_tolerance + 1e-9
            checks.append(
                RuleCheck(
                    f"age:{'/'.join(group.values)}",
                    ok,
                    Text(
                        f"{group.label.zh} 占比 {_pct(share)}，目标 {_pct(group.share)}"
                        f"（±{_pct(s.age_tolerance)}）",
                        f"{group.label.en or group.label.zh} {_pct(share)}, target {_pct(group.share)} "
                        f"(±{_pct(s.age_tolerance)})",
                    ),
                )
            )
    if s.public_question and s.public_max_share is not None:
        share = (sum(r.get(s.public_question) in s.public_values for r in valid) / n) if n else 0.0
        checks.append(
            RuleCheck(
                "public_sector",
                n > 0 and share <= s.public_max_share,
                Text(
                    f"党政机关、事业单位人员占比 {_pct(share)}，要求不超过 {_pct(s.public_max_share)}",
                    f"public-sector staff {_pct(share)}, at most {_pct(s.public_max_share)}",
                ),
            )
        )
    return SamplingReport(len(responses), n, tuple(checks))


def satisfaction_rate(
    form: Form, responses: Sequence[Response], *, today: dt.date | None = None
) -> float | None:
    """Share of valid answers to the ``overall_satisfaction`` question that are satisfied
    (score ≥ 80 on its scale, i.e. 满意 or 非常满意); "don't know" answers are left out."""
    question = next((q for q in form.by_name.values() if q.role == "overall_satisfaction"), None)
    if question is None:
        return None
    answered = 0
    satisfied = 0
    for r in responses:
        if not is_valid_response(form, r, today=today):
            continue
        value = r.get(question.name)
        if value is None:
            continue
        opt = question.option(str(value))
        score = opt.score if opt is not None else None
        if score is None:
            continue
        answered += 1
        satisfied += score >= 80
    return satisfied / answered if answered else None
