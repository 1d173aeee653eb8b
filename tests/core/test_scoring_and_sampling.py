"""Category results, the baseline veto, tiers as data, and the questionnaire sampling rules."""

from __future__ import annotations

import pytest

from fieldapp.core.forms import FormState, check_sampling, load_form_text, satisfaction_rate
from fieldapp.core.forms.scoring import score_checklist

CHECKLIST = """
form:
  id: tiny
  version: "1"
  kind: checklist
  title: 小检查表
  tiering:
    note: 产品建议规则
    tiers:
      - {id: basic, label: {zh: 基础类, en: Basic}, requires: {no_baseline_failures: true, items_met: [A-1]}}
      - {id: quality, label: {zh: 品质类, en: Quality}, requires: {met_rate_min: 0.6, satisfaction_min: 0.8}}
      - {id: demonstration, label: {zh: 示范类, en: Model}, requires: {all_met: true, satisfaction_min: 0.9}}
sections:
  - name: a
    label: 甲类
    category: A
    questions:
      - name: a1
        type: indicator
        code: A-1
        label: 甲一
        measures: [{name: a1_area, type: decimal, label: 面积}]
        judgement: {thresholds: [{measure: a1_area, op: ">=", value: 100, partly: 50}]}
      - name: a2
        type: indicator
        code: A-2
        label: 甲二
        baseline: true
        measures: [{name: a2_blocked, type: yes_no, label: 占用}]
        judgement: {thresholds: [{measure: a2_blocked, op: "no"}]}
  - name: b
    label: 乙类
    category: B
    questions:
      - name: b1
        type: indicator
        code: B-1
        label: 乙一
        measures: [{name: b1_count, type: integer, label: 数量}]
        judgement: {thresholds: [{measure: b1_count, op: ">=", value: 1}]}
"""


@pytest.fixture(scope="module")
def checklist():  # type: ignore[no-untyped-def]
    return load_form_text(CHECKLIST, path="tiny.yaml")


def _result(form, answers, satisfaction=None):  # type: ignore[no-untyped-def]
    state = FormState(form)
    for name, value in answers.items():
        state.set_answer(name, value)
    return score_checklist(form, state.judgements(), satisfaction_rate=satisfaction)


def test_categories_scores_and_veto(checklist) -> None:  # type: ignore[no-untyped-def]
    result = _result(checklist, {"a1_area": 60, "a2_blocked": True, "b1_count": 2})
    a, b = result.categories
    assert (a.code, a.counts) == ("A", {"partly_met": 1, "not_met": 1})
    assert a.score == pytest.approx(0.25)
    assert a.vetoed and not b.vetoed
    assert result.baseline_failures == ("A-2",)
    assert result.met_rate == pytest.approx(1 / 3)
    assert result.tier is None
    assert any("底线型指标不达标：A-2" in t.zh for t in result.unmet_for_next_tier)


def test_tiers_climb_with_results_and_satisfaction(checklist) -> None:  # type: ignore[no-untyped-def]
    answers = {"a1_area": 120, "a2_blocked": False, "b1_count": 0}
    assert _result(checklist, answers).tier.id == "basic"  # met rate 2/3 but no survey yet
    assert _result(checklist, answers, 0.85).tier.id == "quality"
    answers["b1_count"] = 3
    top = _result(checklist, answers, 0.95)
    assert top.tier.id == "demonstration"
    assert top.unmet_for_next_tier == ()
    assert _result(checklist, answers, 0.85).tier.id == "quality"


def test_pending_items_count_against_the_met_rate(checklist) -> None:  # type: ignore[no-untyped-def]
    result = _result(checklist, {"a1_area": 120})
    assert result.pending == 2
    assert result.met_rate == pytest.approx(1 / 3)


SURVEY = """
form:
  id: survey
  version: "1"
  kind: questionnaire
  title: 问卷
  sampling:
    min_valid: 6
    female: {question: gender, value: f, max_share: 0.7}
    age_mix:
      question: age
      tolerance: 0.05
      groups:
        - {label: 16-30岁, values: ["16-30"], share: 0.30}
        - {label: 31-60岁, values: ["31-45", "46-60"], share: 0.55}
        - {label: 60岁以上, values: ["61+"], share: 0.15}
    public_sector: {question: job, values: [public], max_share: 0.15}
    exclude_if: "${age} = 'lt16'"
scales:
  likert5:
    options:
      - {value: 5, label: 非常满意, score: 100}
      - {value: 4, label: 满意, score: 80}
      - {value: 3, label: 一般, score: 60}
      - {value: 2, label: 不满意, score: 40}
      - {value: 1, label: 非常不满意, score: 20}
      - {value: 0, label: 不了解, score: null}
sections:
  - name: a
    label: 基本信息
    questions:
      - name: age
        type: single
        label: 年龄
        options: [{value: lt16, label: 16岁以下}, {value: "16-30", label: 16-30岁},
                  {value: "31-45", label: 31-45岁}, {value: "46-60", label: 46-60岁},
                  {value: "61+", label: 60岁以上}]
      - {name: gender, type: single, label: 性别, options: [{value: m, label: 男}, {value: f, label: 女}]}
      - {name: job, type: single, label: 职业, options: [{value: public, label: 机关}, {value: other, label: 其他}]}
      - {name: overall, type: rating, scale: likert5, label: 总体满意度, role: overall_satisfaction}
"""


@pytest.fixture(scope="module")
def survey():  # type: ignore[no-untyped-def]
    return load_form_text(SURVEY, path="survey.yaml")


def _people(spec: list[tuple[str, str, str, int]]) -> list[dict[str, object]]:
    return [{"age": a, "gender": g, "job": j, "overall": o} for a, g, j, o in spec]


def test_sampling_rules_hold_for_a_balanced_sample(survey) -> None:  # type: ignore[no-untyped-def]
    ages = ["16-30"] * 6 + ["31-45"] * 6 + ["46-60"] * 5 + ["61+"] * 3
    people = _people([(a, "f" if i % 2 else "m", "other", 4) for i, a in enumerate(ages)])
    people.append({"age": "lt16", "gender": "f", "job": "other", "overall": 1})
    report = check_sampling(survey, people)
    assert (report.total, report.valid) == (21, 20)
    assert report.ok, [c.text.zh for c in report.checks if not c.ok]


def test_each_sampling_rule_can_fail(survey) -> None:  # type: ignore[no-untyped-def]
    people = _people([("31-45", "f", "public", 5)] * 5)
    report = check_sampling(survey, people)
    failed = {c.rule for c in report.checks if not c.ok}
    assert {"min_valid", "female_share", "public_sector", "age:16-30", "age:61+"} <= failed
    assert "有效问卷 5 份，要求不少于 6 份" in [c.text.zh for c in report.checks]


def test_satisfaction_rate_leaves_out_dont_know(survey) -> None:  # type: ignore[no-untyped-def]
    people = _people([("31-45", "m", "other", o) for o in (5, 4, 3, 0, 0, 2)])
    assert satisfaction_rate(survey, people) == pytest.approx(2 / 4)
    assert satisfaction_rate(survey, []) is None
