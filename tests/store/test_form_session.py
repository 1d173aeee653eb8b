"""Filling a submission through the store: validated, saved at once, reopened intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.core.errors import AnswerError, FieldappError
from fieldapp.core.forms import Status, load_form_text
from fieldapp.store import Store
from fieldapp.store.form_session import FormSession, IncompleteError

FORM = """
form:
  id: mini
  version: "1"
  kind: checklist
  title: {zh: 迷你检查表, en: Mini checklist}
sections:
  - name: profile
    label: {zh: 基本情况, en: Profile}
    questions:
      - {name: population, type: integer, label: {zh: 人口, en: Population}, required: true, min: 0}
      - {name: note, type: text, label: {zh: 备注, en: Note}, relevant: "${population} > 100", required: true}
      - name: buildings
        type: group
        repeat: true
        repeat_source: buildings
        label: {zh: 楼栋, en: Buildings}
        questions:
          - {name: cracked, type: yes_no, label: {zh: 有裂缝, en: Cracked}}
          - {name: cracked_flag, type: integer, label: {zh: 裂缝标记, en: Flag}, calculate: "if(${cracked}, 1, 0)"}
      - {name: cracked_count, type: integer, label: {zh: 有裂缝楼栋数, en: Cracked buildings}, calculate: "sum(${cracked_flag})"}
  - name: safety
    label: {zh: 安全, en: Safety}
    category: S
    questions:
      - name: structure
        type: indicator
        code: S-01
        label: {zh: 结构安全, en: Structure}
        baseline: true
        judgement:
          thresholds:
            - {measure: cracked_count, op: "=", value: 0}
"""


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = Store.open(tmp_path / "data")
    yield s
    s.close()


@pytest.fixture
def community(store):  # type: ignore[no-untyped-def]
    project = store.create_project("测试项目")
    c = store.create_community(project.id, "测试社区", street="测试街道")
    estate = store.add_estate(c.id, "一区")
    store.add_building(estate.id, "1 号楼")
    store.add_building(estate.id, "2 号楼")
    return c


@pytest.fixture(scope="module")
def form():  # type: ignore[no-untyped-def]
    return load_form_text(FORM, path="mini.yaml")


def test_answers_are_saved_at_once_and_reopen_exactly(store, community, form) -> None:  # type: ignore[no-untyped-def]
    session = FormSession.start(store, form, community.id, surveyor="王晓明")
    buildings = session.state.instances("buildings")
    assert len(buildings) == 2
    session.set_answer("population", "８６００")
    session.set_answer("cracked", True, instance=buildings[1])
    session.set_last_section("safety")
    assert session.state.judgement("structure").status is Status.NOT_MET

    again = FormSession.open(store, session.submission.id)
    assert again.state.value("population") == 8600
    assert again.state.value("cracked_count") == 1
    assert again.state.judgement("structure").status is Status.NOT_MET
    assert again.submission.last_section == "safety"
    assert again.form.sha256 == form.sha256


def test_invalid_answer_is_refused_and_not_stored(store, community, form) -> None:  # type: ignore[no-untyped-def]
    session = FormSession.start(store, form, community.id)
    session.set_answer("population", 120)
    with pytest.raises(AnswerError, match="不能小于 0"):
        session.set_answer("population", -5)
    assert store.answers(session.submission.id) == {("population", ""): 120}
    assert session.state.value("population") == 120


def test_batch_is_all_or_nothing(store, community, form) -> None:  # type: ignore[no-untyped-def]
    session = FormSession.start(store, form, community.id)
    with pytest.raises(AnswerError):
        session.set_answers([("population", "", 500), ("note", "", "好"), ("population", "", "x")])
    assert store.answers(session.submission.id) == {}
    assert session.state.value("population") is None  # the state did not keep half of it
    session.set_answers([("population", "", 500, "provided"), ("note", "", "好")])
    assert store.answers(session.submission.id) == {("population", ""): 500, ("note", ""): "好"}
    rows = {r.question: r.provenance for r in store.answer_rows(session.submission.id)}
    assert rows == {"population": "provided", "note": None}


def test_complete_lists_what_is_missing(store, community, form) -> None:  # type: ignore[no-untyped-def]
    session = FormSession.start(store, form, community.id)
    with pytest.raises(IncompleteError) as info:
        session.complete()
    assert [m.question.name for m in info.value.missing] == ["population"]
    session.set_answer("population", 500)
    with pytest.raises(IncompleteError) as info:
        session.complete()
    assert [m.question.name for m in info.value.missing] == ["note"]
    assert "备注" in info.value.text.zh and "Note" in info.value.text.en
    session.set_answer("note", "已核实")
    session.complete()
    assert store.submission(session.submission.id).status == "completed"


def test_a_stored_form_version_reopens_even_if_the_file_changed(store, community, form) -> None:  # type: ignore[no-untyped-def]
    session = FormSession.start(store, form, community.id)
    session.set_answer("population", 42)
    changed = load_form_text(FORM.replace("迷你检查表", "迷你检查表（修订）"), path="mini.yaml")
    with pytest.raises(FieldappError, match="版本"):
        FormSession.start(store, changed, community.id)  # same id and version, other text
    again = FormSession.open(store, session.submission.id)
    assert again.form.title.zh == "迷你检查表"
