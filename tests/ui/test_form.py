"""Filling forms through the widgets: refusal at the widget, live relevance, indicator
cards, repeat groups, reopening a draft where it was left."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QLineEdit, QRadioButton
from ui_testkit import type_text

from fieldapp.store import Store


def _open(make_app, demo_dir: Path, form_id: str):  # type: ignore[no-untyped-def]
    app = make_app(demo_dir)
    reader = app.writer.reader()
    community = reader.communities()[0]
    page = app.window.open_community(community)
    from fieldapp.ui.forms_cache import builtin

    form = next(f for f in builtin() if f.id == form_id)
    app.window.start_checklist(form) if form.kind.value != "questionnaire" else None
    if form.kind.value == "questionnaire":
        page.start_checklist.emit(form)
    app.qtbot.waitUntil(lambda: app.window.form_view is not None, timeout=5000)
    return app, app.window.form_view


def test_invalid_input_is_refused_with_the_forms_message(make_app, demo_dir: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    app, view = _open(make_app, demo_dir, "complete_community")
    field = view.findChild(QLineEdit, "input_households")
    field.setText("0")  # min is 1
    field.editingFinished.emit()
    widget = view.ctx.registry[("households", "")]
    assert widget.error.isVisible() and "不能小于 1" in widget.error.text()
    assert "不能小于 1" in field.toolTip()
    assert view.controller.state.answer("households") is None
    assert view.sections.index(0, 2).data() == "⚠ 1"
    field.setText("３，２５０")  # full-width with a thousands comma
    field.editingFinished.emit()
    assert view.controller.state.answer("households") == 3250
    assert not widget.error.isVisible()
    app.settle()
    assert app.writer.reader().answers(view.controller.submission.id)[("households", "")] == 3250
    # Provenance is recorded with the value.
    combo = view.findChild(type(widget.provenance), "provenance_households")
    combo.setCurrentIndex(combo.findData("site"))
    combo.activated.emit(combo.currentIndex())
    app.settle()
    rows = app.writer.reader().answer_rows(view.controller.submission.id)
    assert next(r for r in rows if r.question == "households").provenance == "site"


def test_indicator_card_status_and_override(make_app, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _app, view = _open(make_app, demo_dir, "complete_community")
    view.controller.set_answer("construction", "existing")
    view.controller.set_answer("households", 3000)
    view.show_section("public_services")
    view.complete_page("public_services")
    card = view.ctx.registry[("wz02", "")]
    assert "待判定" in card.chip.text()
    view.findChild(QRadioButton, "opt_wz02_has_yes").click()
    for name, value in (("wz02_classes", "6"), ("wz02_floor_area", "1800")):
        edit = view.findChild(QLineEdit, f"input_{name}")
        edit.setText(value)
        edit.editingFinished.emit()
    view.controller.set_answer("wz02_shared", False)
    view.controller.set_answer("wz02_site_area", 2000)
    view.controller.set_answer("wz02_affordable", True)
    view.controller.set_answer("population", 8600)
    assert "基本达标" in card.chip.text() or "不达标" in card.chip.text()
    assert "建筑面积" in card.basis.text()
    card.override_button.click()
    card.override_status.setCurrentIndex(card.override_status.findData("met"))
    card._apply_override()  # no reason: refused with the form's message
    assert "理由" in card.error.text()
    card.reason.setText("街道统筹配建，已签协议")
    card._apply_override()
    assert card.chip.text().startswith("✔ 达标") and "人工判定" in card.chip.text()
    assert view.controller.state.judgement("wz02").override_reason == "街道统筹配建，已签协议"


def test_relevance_live_and_multiple_choice_rules(make_app, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _app, view = _open(make_app, demo_dir, "resident_survey")
    view.show_section("basic")
    view.complete_page("basic")
    view.complete_page("services")
    child = view.ctx.registry.get(("child_problems", ""))
    assert child is not None and child.isHidden()
    view.findChild(QCheckBox, "opt_household_members_infant").click()
    assert not child.isHidden()
    # The exclusive "none of the above" clears the other choices.
    view.findChild(QCheckBox, "opt_household_members_none").click()
    assert view.controller.state.answer("household_members") == ["none"]
    assert child.isHidden()
    view.show_section("housing")
    view.complete_page("housing")
    for value in ("elevator", "barrier_free", "insulation", "security"):
        view.findChild(QCheckBox, f"opt_home_upgrades_{value}").click()
    assert view.controller.state.answer("home_upgrades") == [
        "elevator",
        "barrier_free",
        "insulation",
    ]
    assert not view.findChild(QCheckBox, "opt_home_upgrades_security").isChecked()
    assert "最多选 3 项" in view.ctx.registry[("home_upgrades", "")].error.text()


def test_repeat_group_one_instance_per_building(make_app, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _app, view = _open(make_app, demo_dir, "city_checkup_2025")
    view.show_section("ledger")
    view.complete_page("ledger")
    group = view.ctx.registry[("building", "")]
    assert group.instances.count() == 15
    assert group.instances.item(0).text().startswith("幸福里一区 1 号楼")
    key = group._keys[1]
    group.instances.setCurrentRow(1)
    q = next(c for c in view.controller.form.by_name["building"].children if c.is_input)
    assert (q.name, key) in view.ctx.registry


def test_draft_reopens_where_it_was_left(make_app, demo_dir: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    app, view = _open(make_app, demo_dir, "complete_community")
    submission_id = view.controller.submission.id
    view.show_section("commerce")
    widget = view.jump_to("wz07_lockers")
    qtbot.waitUntil(lambda: view._focused == ("wz07_lockers", ""), timeout=3000)
    type_text(widget.edit, "12")
    QTest.keyClick(widget.edit, Qt.Key.Key_Tab)
    qtbot.wait(400)  # the focus memory is written after a short pause
    app.close()  # as after a crash, nothing else is done on the way out
    app2 = make_app(demo_dir)
    page = app2.window.open_community(app2.writer.reader().communities()[0])
    page.open_submission.emit(submission_id)
    qtbot.waitUntil(lambda: app2.window.form_view is not None, timeout=5000)
    view2 = app2.window.form_view
    assert view2.current_section == "commerce"
    focused = view2.ctx.registry[("wz07_lockers", "")].edit
    qtbot.waitUntil(focused.hasFocus, timeout=3000) if app2.window.isActiveWindow() else None
    assert view2.focusWidget() in (focused, None) or focused.hasFocus()
    assert view2.controller.state.answer("wz07_lockers") == 12
    with Store.open(demo_dir) as store:
        assert store.submission(submission_id).last_section == "commerce"
