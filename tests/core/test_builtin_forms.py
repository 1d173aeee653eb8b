"""The built-in forms: they load, cite their sources, and every indicator judges correctly on
values just below, at and just above each of its thresholds."""

from __future__ import annotations

import itertools
import operator
import re
from typing import Any

import pytest

from fieldapp.core.errors import AnswerError
from fieldapp.core.expressions import truthy
from fieldapp.core.forms import FormState, QuestionType, Status, builtin_forms
from fieldapp.core.forms.model import Form, Question, Threshold
from fieldapp.core.problems import taxonomy

FORMS = {f.id: f for f in builtin_forms()}
CHECKLISTS = [f for f in FORMS.values() if f.kind.value == "checklist"]


def test_the_three_built_in_forms_and_their_counts() -> None:
    assert {"complete_community", "city_checkup_2025", "resident_survey"} <= set(FORMS)
    cc = FORMS["complete_community"]
    assert len(cc.categories) == 6 and len(cc.indicators) == 20
    assert [q.code for q in cc.indicators] == [f"WZ-{i:02d}" for i in range(1, 21)]
    ct = FORMS["city_checkup_2025"]
    codes = [q.code for q in ct.indicators]
    assert codes == [f"CT-H{i:02d}" for i in range(1, 10)] + [f"CT-C{i}" for i in range(10, 22)]
    survey = FORMS["resident_survey"]
    assert survey.sampling is not None and survey.sampling.min_valid == 6
    assert len([q for q in survey.answerable]) >= 20


def test_bilingual_labels_everywhere() -> None:
    for form in FORMS.values():
        assert form.title.en
        for q in form.questions:
            assert q.label.zh and q.label.en, f"{form.id}:{q.name} lacks a label language"
            for option in q.options:
                assert option.label.en, f"{form.id}:{q.name}:{option.value} lacks English"


def test_every_indicator_cites_its_source_and_verification() -> None:
    for form in CHECKLISTS:
        for q in form.indicators:
            assert q.source in form.sources, f"{form.id} {q.code} cites no known source"
            assert q.verification in {"official_text", "secondary_source", "unverified"}
            assert q.requirement is not None and q.requirement.zh, f"{q.code} has no requirement"


def test_baseline_items_are_the_safety_items() -> None:
    ct = FORMS["city_checkup_2025"]
    baseline = {q.code for q in ct.indicators if q.baseline}
    assert {"CT-H01", "CT-H02", "CT-H03", "CT-H04", "CT-H06"} <= baseline


def test_tiering_is_data() -> None:
    tiering = FORMS["complete_community"].tiering
    assert tiering is not None
    assert [t.id for t in tiering.tiers] == ["basic", "quality", "demonstration"]


def test_taxonomy_covers_the_manual_sub_problems() -> None:
    tax = taxonomy()
    codes = {s.code for c in tax.categories for s in c.sub_problems}
    expected = {
        "H01-1",
        "H01-4",
        "H03-8",
        "H04-5",
        "H06-3",
        "H07-4",
        "H09-4",
        "C14-2",
        "C15-5",
        "C18-7",
    }
    assert expected <= codes
    assert [t.value for t in tax.statuses] == ["found", "reported", "in_progress", "closed"]
    assert tax.can_move("found", "reported") and not tax.can_move("found", "closed")
    for c in tax.categories:
        for s in c.sub_problems:
            tax.check("severity", s.default_severity)
            tax.check("resolution_class", s.default_class)


# -- thresholds at their boundaries -------------------------------------------------------


def _candidates(q: Question, sources: list[str]) -> list[Any]:
    if q.type is QuestionType.SINGLE:
        return [o.value for o in q.options]
    if q.type is QuestionType.YES_NO:
        return [False, True]
    numbers = {0.0, 800.0, 3000.0, 5000.0, 8000.0, 12000.0, 13000.0, 20000.0}
    for src in sources:
        for lit in re.findall(r"(?<![\w.])\d+(?:\.\d+)?", src):
            n = float(lit)
            numbers |= {n - 1, n, n + 1}
    values = sorted(v for v in numbers if v >= 0)
    return [int(v) if q.type is QuestionType.INTEGER else v for v in values]


def _passing(t: Threshold) -> Any:
    assert t.value is not None or t.op in ("yes", "no")
    return {
        ">=": t.value,
        ">": (t.value or 0) + 1,
        "<=": t.value,
        "<": (t.value or 0) - 1,
        "=": t.value,
        "!=": (t.value or 0) + 1,
        "yes": True,
        "no": False,
    }[t.op]


def _setting(form: Form, q: Question, target: Threshold) -> dict[str, Any] | None:
    """Answers to the rule's conditions that make ``target`` apply, the item applicable and
    met_if false; None if no such answers are found among the candidates."""
    rule = q.judgement
    assert rule is not None
    exprs = [e for e in (rule.not_applicable, rule.met_if) if e is not None]
    exprs += [t.when for t in rule.thresholds if t.when is not None]
    refs = sorted({r for e in exprs for r in e.references})
    if any(not form.by_name[r].is_input for r in refs):
        return None
    choices = [_candidates(form.by_name[r], [e.source for e in exprs]) for r in refs]
    for combo in itertools.product(*choices):
        answers = dict(zip(refs, combo, strict=True))
        state = FormState(form)
        try:
            for name, value in answers.items():
                state.set_answer(name, value)
        except Exception:
            continue
        if rule.not_applicable is not None and truthy(state.evaluate(rule.not_applicable)):
            continue
        if rule.met_if is not None and truthy(state.evaluate(rule.met_if)):
            continue
        if target.when is not None and not truthy(state.evaluate(target.when)):
            continue
        return answers
    return None


def _boundary_cases() -> list[tuple[str, str, int]]:
    cases = []
    for form in CHECKLISTS:
        for q in form.indicators:
            if q.judgement is None:
                continue
            for i, t in enumerate(q.judgement.thresholds):
                if t.op not in ("yes", "no") and form.by_name[t.measure].is_input:
                    cases.append((form.id, q.name, i))
    return cases


BOUNDARY_CASES = _boundary_cases()


def test_most_numeric_thresholds_are_covered_here() -> None:
    assert len(BOUNDARY_CASES) >= 25


def _outcome(t: Threshold, value: float) -> str:
    ops = {
        ">=": operator.ge,
        ">": operator.gt,
        "<=": operator.le,
        "<": operator.lt,
        "=": operator.eq,
        "!=": operator.ne,
    }
    assert t.value is not None
    if ops[t.op](value, t.value):
        return "pass"
    if t.partly is not None and ops[t.op](value, t.partly):
        return "partly"
    return "fail"


@pytest.mark.parametrize(
    ("form_id", "item", "index"), BOUNDARY_CASES, ids=[f"{f}:{q}:{i}" for f, q, i in BOUNDARY_CASES]
)
def test_threshold_boundaries(form_id: str, item: str, index: int) -> None:
    form = FORMS[form_id]
    q = form.by_name[item]
    assert q.judgement is not None
    target = q.judgement.thresholds[index]
    setting = _setting(form, q, target)
    assert setting is not None, f"{q.code}: no answers make threshold {index} apply"
    measure = form.by_name[target.measure]
    step = 1 if measure.type is QuestionType.INTEGER else 0.01
    assert target.value is not None
    checked = 0
    for value in (target.value - step, target.value, target.value + step):
        if (measure.minimum is not None and value < measure.minimum) or (
            measure.maximum is not None and value > measure.maximum
        ):
            continue
        state = FormState(form)
        for name, v in setting.items():
            state.set_answer(name, v)
        others = [t for j, t in enumerate(q.judgement.thresholds) if j != index]
        for t in others:
            if t.measure != target.measure and form.by_name[t.measure].is_input:
                state.set_answer(t.measure, _passing(t))
        try:
            state.set_answer(target.measure, value)
        except AnswerError:
            continue  # the measure's own constraint (e.g. ≤ the number of estates) refuses it
        checked += 1
        result = state.judgement(item)
        mine = next(r for r in result.thresholds if r.threshold is target)
        expected = _outcome(target, value)
        assert mine.outcome == expected, (q.code, value, mine.outcome, expected)
        statuses = {r.outcome for r in result.thresholds if r.outcome != "skipped"}
        if statuses <= {"pass", "partly", "fail"}:
            want = (
                Status.MET
                if statuses == {"pass"}
                else Status.NOT_MET
                if statuses == {"fail"}
                else Status.PARTLY_MET
            )
            assert result.status is want, (q.code, value, result.status, result.basis.zh)
    assert checked >= 2, f"{q.code}: fewer than two boundary values could be entered"
