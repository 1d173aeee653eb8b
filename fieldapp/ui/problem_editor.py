"""The problem editor: a problem's description and classification from the taxonomy."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from fieldapp.ui import labels
from fieldapp.ui.i18n import text
from fieldapp.ui.views import role_label

# The vocabularies chosen from combo boxes: (problem field, taxonomy vocabulary).
CHOICES = (
    ("severity", "severity"),
    ("difficulty", "difficulty"),
    ("resolution_class", "resolution_class"),
    ("remediation_type", "remediation_type"),
    ("responsible_unit", "responsible_unit"),
)


def category_for_indicator(code: str) -> str:
    """The taxonomy category that lists indicator ``code`` ("" if none)."""
    from fieldapp.core.problems import taxonomy

    for category in taxonomy().categories:
        if code in category.indicators or any(s.indicator == code for s in category.sub_problems):
            return category.code
    return ""


class ProblemEditor(QDialog):
    """Records a new problem or edits one: description, category and sub-problem (which
    suggest severity and class), severity, difficulty, class, remediation type, responsible
    unit, location and suggested action. A problem recorded from an indicator item shows the
    item it is linked to."""

    def __init__(self, values: dict[str, Any] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        from fieldapp.core.problems import taxonomy

        self.taxonomy = taxonomy()
        self.values_in = dict(values or {})
        self.setWindowTitle(self.tr("编辑问题") if "id" in self.values_in else self.tr("记录问题"))
        self.setMinimumWidth(720)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        link = self.values_in.get("indicator_code")
        if link:
            shown = link
            if self.values_in.get("indicator_label"):
                shown += "  " + self.values_in["indicator_label"]
            linked = QLabel(shown)
            linked.setObjectName("problem_indicator")
            form.addRow(self.tr("关联指标"), linked)
        self.description = QPlainTextEdit()
        self.description.setObjectName("problem_description")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(90)
        self.description.setPlainText(self.values_in.get("description") or "")
        form.addRow(self.tr("问题描述 *"), self.description)
        self.category = QComboBox()
        self.category.setObjectName("problem_category")
        self.category.addItem(self.tr("（未分类）"), "")
        for c in self.taxonomy.categories:
            self.category.addItem(text(c.label), c.code)
        form.addRow(self.tr("问题类别"), self.category)
        self.sub_problem = QComboBox()
        self.sub_problem.setObjectName("problem_sub_problem")
        form.addRow(self.tr("子问题"), self.sub_problem)
        self.combos: dict[str, QComboBox] = {}
        titles = {
            "severity": self.tr("严重程度"),
            "difficulty": self.tr("治理难度"),
            "resolution_class": self.tr("问题分类"),
            "remediation_type": self.tr("整治类型"),
            "responsible_unit": self.tr("责任单位"),
        }
        for field, vocabulary in CHOICES:
            combo = QComboBox()
            combo.setObjectName(f"problem_{field}")
            combo.addItem(self.tr("（未定）"), "")
            for value, label in labels.terms(vocabulary):
                combo.addItem(label, value)
            self.combos[field] = combo
            form.addRow(titles[field], combo)
        self.location = QLineEdit(self.values_in.get("location_text") or "")
        self.location.setObjectName("problem_location")
        form.addRow(self.tr("位置"), self.location)
        self.action = QLineEdit(self.values_in.get("suggested_action") or "")
        self.action.setObjectName("problem_action")
        form.addRow(self.tr("建议措施"), self.action)
        layout.addLayout(form)
        self.error = role_label("", "error")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.category.currentIndexChanged.connect(self._fill_sub_problems)
        self.sub_problem.activated.connect(self._sub_problem_chosen)
        category = self.values_in.get("category") or category_for_indicator(link or "")
        self.category.setCurrentIndex(max(0, self.category.findData(category)))
        self._fill_sub_problems()
        wanted_sub = self.values_in.get("sub_problem_code")
        if wanted_sub:
            self.sub_problem.setCurrentIndex(max(0, self.sub_problem.findData(wanted_sub)))
        for field, combo in self.combos.items():
            combo.setCurrentIndex(max(0, combo.findData(self.values_in.get(field) or "")))

    def _fill_sub_problems(self) -> None:
        code = self.category.currentData()
        link = self.values_in.get("indicator_code") or ""
        self.sub_problem.clear()
        self.sub_problem.addItem(self.tr("（不指定）"), "")
        for c in self.taxonomy.categories:
            if c.code != code:
                continue
            subs = [s for s in c.sub_problems if not link or s.indicator == link] or list(
                c.sub_problems
            )
            for s in subs:
                self.sub_problem.addItem(f"{s.code} {text(s.label)}", s.code)

    def _sub_problem_chosen(self) -> None:
        sub = self.taxonomy.sub_problem(self.sub_problem.currentData() or "")
        if sub is None:
            return
        for field, value in (
            ("severity", sub.default_severity),
            ("resolution_class", sub.default_class),
        ):
            combo = self.combos[field]
            combo.setCurrentIndex(max(0, combo.findData(value)))
        if not self.description.toPlainText().strip():
            self.description.setPlainText(text(sub.label))

    def values(self) -> dict[str, Any]:
        """The problem's fields as the store takes them (None for "not chosen")."""
        out: dict[str, Any] = {
            "description": self.description.toPlainText().strip(),
            "category": self.category.currentData() or None,
            "sub_problem_code": self.sub_problem.currentData() or None,
            "location_text": self.location.text().strip() or None,
            "suggested_action": self.action.text().strip() or None,
        }
        for field, combo in self.combos.items():
            out[field] = combo.currentData() or None
        for field in ("indicator_code", "submission_id", "question"):
            if self.values_in.get(field):
                out[field] = self.values_in[field]
        return out

    def _accept(self) -> None:
        if not self.description.toPlainText().strip():
            self.error.setText(self.tr("请填写问题描述。"))
            self.error.show()
            self.description.setFocus()
            return
        self.accept()
