"""An indicator item as a card: requirement, measured inputs, derived status, override."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from fieldapp.core.forms.judgement import FAIL, PARTLY, PASS, PENDING
from fieldapp.core.forms.model import OVERRIDE_STATUSES, Status
from fieldapp.ui.i18n import text
from fieldapp.ui.questions.base import QuestionWidget, role_label
from fieldapp.ui.style import STATUS_COLOURS, STATUS_MARKS

_OUTCOME_MARKS = {PASS: "✔", PARTLY: "◐", FAIL: "✘", PENDING: "…"}
_OVERRIDE_ORDER = [Status.MET, Status.PARTLY_MET, Status.NOT_MET, Status.NOT_APPLICABLE]


class IndicatorCard(QuestionWidget):
    """One indicator item: its requirement text, the measured inputs, the status derived by
    the form's rule (colour and text, with the reasons), the surveyor's override with a
    reason, and "记录问题" to record a problem linked to the item."""

    def build(self) -> None:
        from fieldapp.ui.questions.factory import create_question

        self.setProperty("role", "card")
        self.title.setText(f"{self.q.code}  {text(self.q.label)}")
        self.title.setProperty("role", "heading")
        head = QHBoxLayout()
        self.chip = QLabel()
        self.chip.setObjectName(f"status_{self.q.name}")
        self.chip.setMinimumHeight(32)
        head.addWidget(self.chip)
        if self.q.baseline:
            badge = QLabel(self.tr("底线型"))
            badge.setStyleSheet("color: #c62828; font-weight: bold;")
            badge.setToolTip(self.tr("底线型指标：不达标时否决所在类别"))
            head.addWidget(badge)
        head.addStretch(1)
        self.override_button = QPushButton(self.tr("人工判定…"))
        self.override_button.setObjectName(f"override_{self.q.name}")
        self.override_button.setCheckable(True)
        self.override_button.toggled.connect(self._toggle_override)
        head.addWidget(self.override_button)
        self.problem_button = QPushButton(self.tr("记录问题"))
        self.problem_button.setObjectName(f"problem_{self.q.name}")
        self.problem_button.clicked.connect(self._record_problem)
        self.problem_button.setEnabled(self.ctx.record_problem is not None)
        head.addWidget(self.problem_button)
        self.body.addLayout(head)
        if self.q.requirement is not None:
            self.body.addWidget(
                role_label(self.tr("要求：") + text(self.q.requirement), "requirement")
            )
        for child in self.q.children:
            self.body.addWidget(create_question(child, self.ctx, self.instance, parent=self))
        self.basis = role_label("", "hint")
        self.body.addWidget(self.basis)
        self.body.addWidget(self._override_panel())

    def _override_panel(self) -> QWidget:
        self.panel = QWidget()
        row = QHBoxLayout(self.panel)
        row.setContentsMargins(0, 0, 0, 0)
        self.override_status = QComboBox()
        self.override_status.setObjectName(f"override_status_{self.q.name}")
        for status in _OVERRIDE_ORDER:
            if status in OVERRIDE_STATUSES:
                self.override_status.addItem(text(status.label), status.value)
        self.reason = QLineEdit()
        self.reason.setObjectName(f"override_reason_{self.q.name}")
        self.reason.setPlaceholderText(self.tr("理由（必填）"))
        self.reason.returnPressed.connect(self._apply_override)
        apply = QPushButton(self.tr("应用"))
        apply.setObjectName(f"override_apply_{self.q.name}")
        apply.clicked.connect(self._apply_override)
        self.undo = QPushButton(self.tr("撤销人工判定"))
        self.undo.clicked.connect(lambda: self.commit(None))
        for w in (QLabel(self.tr("判定为")), self.override_status, self.reason, apply, self.undo):
            row.addWidget(w)
        row.setStretch(2, 1)
        self.panel.hide()
        return self.panel

    def input_widget(self) -> QWidget:
        return self.override_button

    def _toggle_override(self, on: bool) -> None:
        self.panel.setVisible(on)
        if on:
            self.reason.setFocus()

    def _apply_override(self) -> None:
        status = self.override_status.currentData()
        if self.commit({"status": status, "reason": self.reason.text()}):
            self.override_button.setChecked(False)

    def _record_problem(self) -> None:
        if self.ctx.record_problem is not None:
            self.ctx.record_problem(self.q)

    def show_value(self, value: Any) -> None:
        result = self.state.judgement(self.q.name)
        status = result.status
        colour = STATUS_COLOURS[status]
        shown = f"{STATUS_MARKS[status]} {text(status.label)}"
        if result.overridden:
            shown += self.tr("（人工判定，原判定：{0}）").format(text(result.derived.label))
        self.chip.setText(shown)
        self.chip.setStyleSheet(
            f"background: {colour}; color: white; border-radius: 4px; padding: 4px 10px;"
            "font-weight: bold;"
        )
        lines = [text(result.basis)] if result.basis is not None else []
        if not result.overridden:
            lines = []
            for t in result.thresholds:
                mark = _OUTCOME_MARKS.get(t.outcome)
                if mark is not None:
                    lines.append(f"{mark} {text(t.text)}")
            if not lines:
                lines = [text(result.basis)]
        self.basis.setText("\n".join(lines))
        self.undo.setVisible(result.overridden)
        if result.overridden and isinstance(value, dict):
            self.reason.setText(str(value.get("reason", "")))
            self.override_status.setCurrentIndex(
                max(0, self.override_status.findData(value.get("status")))
            )

    def refresh(self) -> None:
        self.setVisible(self.state.is_relevant(self.q.name, self.instance))
        self.show_value(self.state.answer(self.q.name, self.instance))
