"""Models through data(), without widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt

from fieldapp.core.forms import builtin_form
from fieldapp.store import Store
from fieldapp.store.form_session import FormSession
from fieldapp.ui.form_controller import SAVED, FormController
from fieldapp.ui.form_view import SectionModel
from fieldapp.ui.models import (
    RECORD_ROLE,
    CommunityFilterProxy,
    CommunityTableModel,
    ProblemFilterProxy,
    ProblemHistoryModel,
    ProblemTableModel,
)
from fieldapp.ui.place_models import EstateTableModel
from fieldapp.ui.writer import Writer

D = Qt.ItemDataRole.DisplayRole


def _store(path: Path) -> Store:
    store = Store.open(path)
    project = store.create_project("2026 年体检")
    a = store.create_community(project.id, "幸福社区", street="和平街道", population=8600)
    store.create_community(project.id, "光明社区", street="解放街道", address="光明路 1 号")
    store.create_problem(a.id, "消防通道被占", actor="王", severity="severe", category="safety")
    p = store.create_problem(a.id, "路灯损坏", actor="王", severity="minor", category="environment")
    store.change_problem_status(p.id, "reported", actor="李", note="已上报街道")
    return store


def test_communities_search_and_street(tmp_path: Path) -> None:
    with _store(tmp_path / "d") as store:
        model = CommunityTableModel(store.communities())
    assert model.rowCount() == 2 and model.columnCount() == 5
    assert model.headerData(0, Qt.Orientation.Horizontal) == "社区"
    row = next(r for r in range(2) if model.index(r, 0).data() == "幸福社区")
    assert model.index(row, CommunityTableModel.POPULATION).data() == "8600"
    assert model.streets() == ["和平街道", "解放街道"]
    proxy = CommunityFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search("光明路")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["光明社区"]
    proxy.set_search("")
    proxy.set_street("和平街道")
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data(RECORD_ROLE).name == "幸福社区"


def test_problems_filters_labels_history(tmp_path: Path) -> None:
    with _store(tmp_path / "d") as store:
        community = store.find_community("幸福社区")
        problems = store.problems(community.id)
        history = store.problem_history(problems[1].id)
    model = ProblemTableModel(problems)
    assert model.index(0, ProblemTableModel.SEVERITY).data() == "严重"
    assert (
        model.index(0, ProblemTableModel.SEVERITY).data(Qt.ItemDataRole.ForegroundRole) is not None
    )
    assert model.index(1, ProblemTableModel.STATUS).data() == "已上报"
    assert model.index(0, ProblemTableModel.CATEGORY).data() == "安全耐久"
    proxy = ProblemFilterProxy()
    proxy.setSourceModel(model)
    for field, value, expected in (
        ("severity", "minor", 1),
        ("status", "found", 0),
        ("severity", "", 1),
        ("status", "", 2),
        ("category", "safety", 1),
        ("resolution_class", "deadline", 0),
    ):
        proxy.set_filter(field, value)
        assert proxy.rowCount() == expected, (field, value)
    changes = ProblemHistoryModel(history)
    assert [changes.index(r, ProblemHistoryModel.CHANGE).data() for r in range(2)] == [
        "发现",
        "发现 → 已上报",
    ]
    assert changes.index(1, ProblemHistoryModel.ACTOR).data() == "李"
    assert changes.index(1, ProblemHistoryModel.NOTE).data() == "已上报街道"


def test_section_model_progress_and_errors(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    form = builtin_form("resident_survey")
    with _store(tmp_path / "d") as store:
        community = store.find_community("幸福社区")
        submission = FormSession.start(store, form, community.id).submission
    writer = Writer(tmp_path / "d", inline=True)
    writer.start()
    try:
        controller = FormController(writer, form, submission)
        model = SectionModel(controller)
        assert model.rowCount() == len(form.sections) and model.columnCount() == 3
        assert model.index(0, SectionModel.LABEL).data() == "一、基本信息"
        assert model.index(0, SectionModel.PROGRESS).data() == "0/6"
        assert controller.set_answer("age", "31_45") is None
        assert model.index(0, SectionModel.PROGRESS).data() == "1/6"
        # Relevance changes what counts: children's questions appear with a child at home.
        before = model.index(2, SectionModel.PROGRESS).data()
        controller.set_answer("household_members", ["infant"])
        assert model.index(2, SectionModel.PROGRESS).data() != before
        refused = controller.set_answer(
            "home_upgrades", ["elevator", "fiber", "security", "insulation"]
        )
        assert refused is not None and "最多选 3 项" in refused.zh
        assert model.index(1, SectionModel.ERRORS).data() == "⚠ 1"
        assert "最多选 3 项" in model.index(1, SectionModel.ERRORS).data(
            Qt.ItemDataRole.ToolTipRole
        )
        assert controller.state.answer("home_upgrades") is None  # refused: never stored
        assert controller.save_state == SAVED
        assert writer.reader().answers(submission.id)[("age", "")] == "31_45"
    finally:
        writer.close()


def test_estate_model_edits_through_the_writer(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    with _store(tmp_path / "d") as store:
        community = store.find_community("幸福社区")
        store.add_estate(community.id, "一区", households=100)
    writer = Writer(tmp_path / "d", inline=True)
    writer.start()
    try:
        model = EstateTableModel(writer)
        model.set_rows(writer.reader().estates(community.id))
        errors: list[object] = []
        model.failed.connect(errors.append)
        index = model.index(0, EstateTableModel.HOUSEHOLDS)
        assert model.setData(index, "１，２００")  # full-width: understood
        assert model.index(0, EstateTableModel.HOUSEHOLDS).data() == "1200"
        assert not model.setData(index, "很多")
        assert errors and "不是数字" in errors[-1].text.zh
        assert model.setData(
            model.index(0, EstateTableModel.OLD),
            Qt.CheckState.Checked.value,
            Qt.ItemDataRole.CheckStateRole,
        )
        assert writer.reader().estates(community.id)[0].is_old_estate is True
        assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
        assert model.rowCount(QModelIndex()) == 1
    finally:
        writer.close()
