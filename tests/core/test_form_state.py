"""The live form state: validation, relevance, calculations, repeats and judgements."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldapp.core.errors import AnswerError
from fieldapp.core.forms import FormState, Status, load_form_text

FORM = """
form:
  id: sample
  version: "1"
  kind: checklist
  title: {zh: 样例检查表, en: Sample checklist}
  sources:
    STD: {zh: 某标准, en: A standard}
sections:
  - name: profile
    label: {zh: 基本情况, en: Profile}
    questions:
      - {name: population, type: integer, label: {zh: 常住人口, en: Population}, unit: 人, min: 0,
         constraint: ". <= 200000", constraint_message: {zh: 人口不应超过20万, en: At most 200000}}
      - {name: households, type: integer, label: 户数, min: 0}
      - {name: per_household, type: decimal, label: 户均人口, calculate: "round(${population} div ${households}, 2)"}
      - name: construction
        type: single
        label: {zh: 建设类型, en: Construction}
        options:
          - {value: new, label: {zh: 新建, en: New}}
          - {value: existing, label: {zh: 既有, en: Existing}}
      - {name: has_children, type: yes_no, label: 有儿童}
      - {name: children_note, type: text, label: 儿童说明, relevant: "${has_children}", required: true}
      - name: issues
        type: multiple
        label: 问题
        max_select: 2
        options:
          - {value: a, label: 甲}
          - {value: b, label: 乙}
          - {value: c, label: 丙}
          - {value: none, label: 无, exclusive: true}
      - {name: visit_date, type: date, label: 日期}
      - {name: rating, type: rating, label: 评分, max: 5}
      - {name: spot, type: location, label: 位置}
      - {name: pics, type: photo, label: 照片, max_count: 2}
      - name: buildings
        type: group
        repeat: true
        repeat_source: buildings
        label: 楼栋
        questions:
          - {name: floors, type: integer, label: 层数}
          - {name: tall, type: integer, label: 高层, calculate: "if(${floors} >= 10, 1, 0)"}
          - {name: lift, type: yes_no, label: 电梯, relevant: "${floors} >= 4"}
      - {name: tall_count, type: integer, label: 高层楼栋数, calculate: "sum(${tall})"}
  - name: services
    label: {zh: 公共服务, en: Services}
    category: C1
    questions:
      - name: station
        type: indicator
        code: X-01
        label: {zh: 服务站, en: Service station}
        requirement: {zh: 建筑面积以800平方米为宜, en: About 800 m2}
        source: STD
        verification: unverified
        measures:
          - {name: station_area, type: decimal, unit: m², label: {zh: 建筑面积, en: Floor area}, provenance: true}
        judgement:
          thresholds:
            - {measure: station_area, op: ">=", value: 800, partly: 600}
      - name: kindergarten
        type: indicator
        code: X-02
        label: 幼儿园
        measures:
          - {name: kg_classes, type: integer, label: 班数}
          - {name: kg_site, type: decimal, label: 用地面积}
          - {name: kg_shared, type: yes_no, label: 与相邻社区共享}
        judgement:
          not_applicable: "${population} < 1000"
          met_if: "${kg_shared}"
          thresholds:
            - {measure: kg_classes, op: ">=", value: 6}
            - {measure: kg_site, op: ">=", value: 3500, when: "${construction} = 'new'"}
      - name: fire_lane
        type: indicator
        code: X-03
        label: 消防通道
        baseline: true
        measures:
          - {name: lane_blocked, type: yes_no, label: 消防通道被占用}
        judgement:
          thresholds:
            - {measure: lane_blocked, op: "no"}
      - {name: culture, type: indicator, code: X-04, label: 社区文化}
"""


@pytest.fixture(scope="module")
def form():  # type: ignore[no-untyped-def]
    return load_form_text(FORM, path="sample.yaml")


def test_calculation_follows_its_inputs(form) -> None:  # type: ignore[no-untyped-def]
    state = FormState(form)
    assert state.value("per_household") is None
    state.set_answer("population", 6000)
    _, changes = state.set_answer("households", 2000)
    assert state.value("per_household") == 3
    assert ("per_household", "") in changes.values
    state.set_answer("households", 1800)
    assert state.value("per_household") == pytest.approx(3.33)


def test_relevance_hides_and_restores_without_losing_the_answer(form) -> None:  # type: ignore[no-untyped-def]
    state = FormState(form)
    assert not state.is_relevant("children_note")
    state.set_answer("has_children", True)
    state.set_answer("children_note", "两名学龄前儿童")
    _, changes = state.set_answer("has_children", False)
    assert ("children_note", "") in changes.relevance
    assert state.value("children_note") is None
    assert state.answer("children_note") == "两名学龄前儿童"
    state.set_answer("has_children", "是")
    assert state.value("children_note") == "两名学龄前儿童"


def test_required_only_when_shown(form) -> None:  # type: ignore[no-untyped-def]
    state = FormState(form)
    assert "children_note" not in [q.name for q, _ in state.missing_required()]
    state.set_answer("has_children", True)
    assert [q.name for q, _ in state.missing_required()] == ["children_note"]


def test_invalid_answers_are_refused_and_change_nothing(form) -> None:  # type: ignore[no-untyped-def]
    state = FormState(form)
    state.set_answer("population", 5000)
    cases = [
        ("population", "abc", "不是数字"),
        ("population", 12.5, "整数"),
        ("population", -1, "不能小于 0"),
        ("population", 300000, "人口不应超过20万"),
        ("construction", "old", "不是可选项"),
        ("issues", ["a", "none"], "不能与其他选项同选"),
        ("issues", ["a", "b", "c"], "最多选 2 项"),
        ("visit_date", "2026-02-30", "不是有效日期"),
        ("rating", 6, "1 到 5"),
        ("spot", {"lat": 95, "lon": 10}, "超出范围"),
        ("pics", ["p1", "p2", "p3"], "最多 2 张"),
        ("has_children", "maybe", "是”或“否"),
        ("per_household", 3, "自动计算"),
        ("station", {"status": "met", "reason": " "}, "理由"),
        ("station", {"status": "pending", "reason": "x"}, "人工判定结果"),
        ("nope", 1, "没有题目"),
    ]
    for name, value, message in cases:
        with pytest.raises(AnswerError) as info:
            state.set_answer(name, value)
        assert message in info.value.text.zh, (name, info.value.text.zh)
        assert info.value.text.en
        assert info.value.question == name
    assert state.value("population") == 5000
    assert state.answers() == {("population", ""): 5000}


def test_full_width_and_decimal_comma_numbers(form) -> None:  # type: ignore[no-untyped-def]
    state = FormState(form)
    assert state.set_answer("population", "１２３")[0] == 123
    assert state.set_answer("station_area", "１２３，５")[0] == 123.5
    assert state.set_answer("station_area", "1,234")[0] == 1234
    assert state.set_answer("station_area", " ８００．２５ ")[0] == 800.25
    assert state.set_answer("visit_date", "2026年3月5日")[0] == "2026-03-05"


def test_repeat_instances_and_sum(form) -> None:  # type: ignore[no-untyped-def]
    state = FormState(form)
    state.add_instance("buildings", "b1")
    state.add_instance("buildings", "b2")
    state.set_answer("floors", 12, instance="b1")
    state.set_answer("floors", 6, instance="b2")
    assert state.value("tall_count") == 1
    assert state.is_relevant("lift", "b2")
    _, changes = state.set_answer("floors", 3, instance="b2")
    assert not state.is_relevant("lift", "b2")
    assert ("lift", "b1") not in changes.relevance  # only the edited instance re-evaluated
    state.set_answer("floors", 18, instance="b2")
    assert state.value("tall_count") == 2
    state.remove_instance("buildings", "b1")
    assert state.value("tall_count") == 1
    with pytest.raises(AnswerError, match="重复项"):
        state.set_answer("floors", 3, instance="b9")


def test_answers_reload_into_the_same_state(form) -> None:  # type: ignore[no-untyped-def]
    state = FormState(form)
    state.add_instance("buildings", "b1")
    state.set_answer("floors", 12, instance="b1")
    state.set_answer("population", 8000)
    state.set_answer("station_area", 700)
    again = FormState(form, state.answers())
    assert again.value("tall_count") == 1
    assert again.judgement("station").status is Status.PARTLY_MET


@pytest.mark.parametrize(
    ("area", "status"),
    [
        (None, Status.PENDING),
        (599.99, Status.NOT_MET),
        (600, Status.PARTLY_MET),
        (799.99, Status.PARTLY_MET),
        (800, Status.MET),
        (800.01, Status.MET),
    ],
)
def test_threshold_with_partly_value(form, area, status) -> None:  # type: ignore[no-untyped-def]
    state = FormState(form)
    state.set_answer("station_area", area)
    result = state.judgement("station")
    assert result.status is status
    if area is not None:
        assert "建筑面积" in result.basis.zh


def test_when_limits_thresholds_to_new_estates(form) -> None:  # type: ignore[no-untyped-def]
    state = FormState(form)
    state.set_answer("population", 8000)
    state.set_answer("kg_classes", 6)
    state.set_answer("kg_site", 3000)
    assert state.judgement("kindergarten").status is Status.PENDING  # construction unknown
    state.set_answer("construction", "existing")
    assert state.judgement("kindergarten").status is Status.MET
    _, changes = state.set_answer("construction", "new")
    assert "kindergarten" in changes.indicators
    assert state.judgement("kindergarten").status is Status.PARTLY_MET
    state.set_answer("kg_classes", 3)
    assert state.judgement("kindergarten").status is Status.NOT_MET
    state.set_answer("kg_shared", True)
    assert state.judgement("kindergarten").status is Status.MET
    state.set_answer("population", 800)
    assert state.judgement("kindergarten").status is Status.NOT_APPLICABLE


def test_override_needs_reason_and_keeps_derived(form) -> None:  # type: ignore[no-untyped-def]
    state = FormState(form)
    state.set_answer("lane_blocked", True)
    assert state.judgement("fire_lane").status is Status.NOT_MET
    state.set_answer("fire_lane", {"status": "partly_met", "reason": "已整改一半"})
    result = state.judgement("fire_lane")
    assert result.status is Status.PARTLY_MET
    assert result.derived is Status.NOT_MET
    assert result.overridden and "已整改一半" in result.basis.zh
    state.set_answer("fire_lane", None)
    assert state.judgement("fire_lane").status is Status.NOT_MET


def test_item_without_rule_waits_for_override(form) -> None:  # type: ignore[no-untyped-def]
    state = FormState(form)
    assert state.judgement("culture").status is Status.PENDING
    state.set_answer("culture", {"status": "met", "reason": "有居民公约"})
    assert state.judgement("culture").status is Status.MET


def test_constraint_rechecked_when_reloaded(form) -> None:  # type: ignore[no-untyped-def]
    state = FormState(form, {("population", ""): 999999})
    errors = state.invalid_answers()
    assert [e.question for e in errors] == ["population"]


def test_today_is_injectable(form) -> None:  # type: ignore[no-untyped-def]
    state = FormState(form, today=dt.date(2026, 1, 2))
    assert state.today == dt.date(2026, 1, 2)


def test_a_failed_veto_threshold_makes_the_item_not_met() -> None:
    form = load_form_text(
        FORM.replace(
            '- {measure: kg_classes, op: ">=", value: 6}',
            '- {measure: kg_classes, op: ">=", value: 6, veto: true}',
        ),
        path="veto.yaml",
    )
    state = FormState(form)
    state.set_answer("population", 8000)
    state.set_answer("construction", "new")
    state.set_answer("kg_site", 4000)
    state.set_answer("kg_classes", 3)
    assert state.judgement("kindergarten").status is Status.NOT_MET  # not "partly met"
    state.set_answer("kg_classes", 6)
    assert state.judgement("kindergarten").status is Status.MET


def test_one_change_reaches_only_its_dependents(form) -> None:  # type: ignore[no-untyped-def]
    graph = form.graph
    assert set(graph.affected("population")) == {"per_household"}
    assert set(graph.affected("households")) == {"per_household"}
    assert set(graph.affected("floors")) == {"tall", "lift", "tall_count"}
    assert graph.affected_indicators({"construction"}) == {"kindergarten"}
    assert graph.affected_indicators({"population"}) == {"kindergarten"}
    assert "station" not in graph.affected_indicators({"population", "floors"})
