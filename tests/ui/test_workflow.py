"""The whole day, driven through the widgets: create a community, fill the checklist,
record a problem from an indicator, transcribe three questionnaires by keystrokes, close
and reopen the app — everything is there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QRadioButton
from ui_testkit import answer_missing, type_questionnaire, type_text

from fieldapp.core.forms import builtin_form
from fieldapp.store import Store
from fieldapp.ui.transcription import TranscriptionView


def focus(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    widget.window().activateWindow()
    qtbot.waitUntil(widget.window().isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_whole_workflow(make_app, data_dir: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    window = app.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    # -- a new community, by keyboard: Ctrl+N, type, Enter ---------------------------------
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.dialog
    type_text(dialog.name, "光明社区")
    type_text(dialog.street, "和平街道")
    QTest.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.community_page is not None, timeout=5000)
    page = window.community_page
    assert page.community.name == "光明社区"
    # -- profile: full-width digits are understood ----------------------------------------
    page.setCurrentWidget(page.profile)
    population = page.profile.edits["population"]
    focus(qtbot, population)
    type_text(population, "８，６００")
    QTest.keyClick(population, Qt.Key.Key_Tab)
    app.settle()
    assert page.profile.community.population == 8600
    type_text(page.findChild(QLineEdit, "new_estate"), "幸福一区")
    QTest.keyClick(page.findChild(QLineEdit, "new_estate"), Qt.Key.Key_Return)
    app.settle()
    type_text(page.findChild(QLineEdit, "new_building"), "1 号楼")
    QTest.keyClick(page.findChild(QLineEdit, "new_building"), Qt.Key.Key_Return)
    app.settle()
    assert page.profile.buildings.rowCount() == 1

    # -- the checklist ---------------------------------------------------------------------
    window.start_checklist(builtin_form("complete_community"))
    qtbot.waitUntil(lambda: window.form_view is not None, timeout=5000)
    view = window.form_view
    controller = view.controller
    field = view.findChild(QLineEdit, "input_population")
    focus(qtbot, field)
    type_text(field, "１２３，５")  # a decimal comma on an integer question: refused
    QTest.keyClick(field, Qt.Key.Key_Tab)
    assert "整数" in view.ctx.registry[("population", "")].error.text()
    assert controller.state.answer("population") is None  # never stored
    focus(qtbot, field)
    field.selectAll()
    type_text(field, "８６００")
    QTest.keyClick(field, Qt.Key.Key_Tab)
    assert controller.state.answer("population") == 8600
    assert not view.ctx.registry[("population", "")].error.isVisible()
    view.findChild(QRadioButton, "opt_construction_existing").click()
    # Relevance and judgement update live: WZ-02 needs a kindergarten.
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.current_section == "public_services"
    view.findChild(QRadioButton, "opt_wz02_has_no").click()
    chip = view.ctx.registry[("wz02", "")].chip
    assert "不达标" in chip.text() or "达标" in chip.text()
    app.settle()
    assert view.save_label.text().endswith("已保存")
    # Completing too early lists what is missing; a click jumps to the question.
    assert view.try_complete() is False
    assert view.missing.count() > 0
    first = view.missing.item(0)
    name, _ = first.data(Qt.ItemDataRole.UserRole)
    view.missing.itemClicked.emit(first)
    assert view.current_section == controller.form.by_name[name].section

    # -- a problem recorded from an indicator item, pre-linked to it ------------------------
    view.show_section("public_services")
    view.ctx.registry[("wz02", "")].problem_button.click()
    editor = window.dialog
    assert "WZ-02" in editor.findChild(type(editor.error), "problem_indicator").text()
    editor.description.setPlainText("社区内无幼儿园，适龄儿童需跨社区入园")
    editor.combos["severity"].setCurrentIndex(editor.combos["severity"].findData("major"))
    editor._accept()
    app.settle()
    problems = window.community_page.problems
    assert problems.model.rowCount() == 1
    problem = problems.model.record(0)
    assert problem.indicator_code == "WZ-02" and problem.question == "wz02"
    assert problem.submission_id == controller.submission.id
    problems.view.selectRow(0)
    problems.next_status.setCurrentIndex(0)
    problems.note.setText("已报街道")
    problems.change_status()
    app.settle()
    assert [e.to_status for e in app.writer.reader().problem_history(problem.id)] == [
        "found",
        "reported",
    ]

    answer_missing(controller)
    app.settle()
    submission_id = controller.submission.id
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    app.settle()
    assert app.writer.reader().submission(submission_id).status == "completed"

    # -- three questionnaires by keystrokes --------------------------------------------------
    tv = window.start_transcription()
    assert isinstance(tv, TranscriptionView)
    qtbot.waitUntil(lambda: tv.controller is not None, timeout=5000)
    for age, gender in (("3", "1"), ("4", "2"), ("2", "2")):
        type_questionnaire(qtbot, tv, age_key=age, gender_key=gender)
    app.settle()
    assert tv.entered == 3
    assert "已录入 3 份" in tv.count.text()
    assert "有效问卷 3 份" in tv.sampling.text()

    # -- close and reopen: everything is there ---------------------------------------------
    app.close()
    app2 = make_app()
    assert [c.name for c in app2.writer.reader().communities()] == ["光明社区"]
    community = app2.writer.reader().communities()[0]
    page2 = app2.window.open_community(community)
    assert page2.profile.edits["population"].text() == "8600"
    assert page2.profile.estates.rowCount() == 1
    assert page2.checklists.rowCount() == 1
    assert page2.problems.model.rowCount() == 1
    assert page2.questionnaires.rowCount() == 4  # three completed, the next one open
    app2.close()
    with Store.open(data_dir) as store:
        subs = store.submissions(community.id, form_id="resident_survey", status="completed")
        assert len(subs) == 3
        assert store.answers(subs[1].id)[("gender", "")] == "f"
        assert store.database.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
