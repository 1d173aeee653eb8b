"""Editable tables of the needs list (需求清单) and the project list (项目清单).

Each edit is written by the writer and counts as a reviewed edit that regeneration keeps; the
row shows the stored record once it is saved, and a refused edit is reported, not shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from fieldapp.core.errors import FieldappError
from fieldapp.core.forms import normalize_number_text
from fieldapp.core.i18n import Text
from fieldapp.ui.i18n import text
from fieldapp.ui.models import DISPLAY, EditableRecordModel, Index

if TYPE_CHECKING:
    pass

EDIT = Qt.ItemDataRole.EditRole
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 10  # [(value, label)] of a choice column

PRIORITY = {
    "high": Text("高", "High"),
    "medium": Text("中", "Medium"),
    "low": Text("低", "Low"),
}
REVIEW = {
    "pending": Text("待审核", "To review"),
    "confirmed": Text("已确认", "Confirmed"),
    "excluded": Text("不纳入", "Excluded"),
}
REVIEW_COLOURS = {"pending": "#a15c00", "confirmed": "#1b7f3b", "excluded": "#616161"}
EDITED_MARK = "✎"


def _number(raw: Any) -> float | None:
    value = str(raw or "").strip()
    if not value:
        return None
    try:
        return float(normalize_number_text(value))
    except ValueError:
        raise FieldappError(Text(f"“{value}” 不是数字", f"'{value}' is not a number")) from None


class PlanTableModel(EditableRecordModel):
    """Rows of a plan list; columns are (field, kind) with kind text, real, choice or a
    read-only ``shown`` column."""

    FIELDS: tuple[str, ...] = ()
    KINDS: tuple[str, ...] = ()
    UPDATE = ""
    TABLE = ""

    def choices(self, column: int) -> dict[str, Text]:
        """The labels of a choice column's values."""
        return PRIORITY if self.FIELDS[column] == "priority" else REVIEW

    def display(self, record: Any, column: int) -> str:
        field, kind = self.FIELDS[column], self.KINDS[column]
        if field == "edited_fields":
            return EDITED_MARK if record.edited_fields else ""
        value = getattr(record, field)
        if value is None:
            return ""
        if kind == "choice":
            label = self.choices(column).get(value)
            return text(label) if label else str(value)
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    def foreground(self, record: Any, column: int) -> QColor | None:
        if self.FIELDS[column] == "review_status":
            return QColor(REVIEW_COLOURS.get(record.review_status, "#000000"))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if self.KINDS[index.column()] == "shown":
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == EDIT:
            if self.KINDS[column] == "choice":
                return getattr(record, self.FIELDS[column])
            return self.display(record, column)
        if role == CHOICES_ROLE and self.KINDS[column] == "choice":
            return [(v, text(label)) for v, label in self.choices(column).items()]
        if role == Qt.ItemDataRole.ToolTipRole and self.FIELDS[column] == "edited_fields":
            return self.tr("已手工修改：{0}").format("、".join(record.edited_fields))
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if not index.isValid() or role != EDIT:
            return False
        column = index.column()
        field, kind = self.FIELDS[column], self.KINDS[column]
        try:
            if kind == "real":
                parsed: Any = _number(value)
            elif kind == "choice":
                parsed = str(value) if value else None
            elif kind == "text":
                parsed = str(value).strip() or None
            else:
                return False
        except FieldappError as exc:
            self.failed.emit(exc)
            return False
        record = self._rows[index.row()]
        if parsed == getattr(record, field):
            return False
        self.update(record.id, {field: parsed})
        return True


class NeedTableModel(PlanTableModel):
    """需求清单: category, title, quantity, unit, priority, review status, edited mark."""

    CATEGORY, TITLE, QUANTITY, UNIT, PRIORITY, REVIEW, EDITED = range(7)
    COLUMNS = FIELDS = (
        "category",
        "title",
        "quantity",
        "unit",
        "priority",
        "review_status",
        "edited_fields",
    )
    KINDS = ("text", "text", "real", "text", "choice", "choice", "shown")
    UPDATE = "update_need"
    TABLE = "needs"

    def headers(self) -> list[str]:
        return [
            self.tr("类别"),
            self.tr("需求"),
            self.tr("数量"),
            self.tr("单位"),
            self.tr("优先级"),
            self.tr("审核"),
            self.tr("已改"),
        ]


class ProjectTableModel(PlanTableModel):
    """项目清单: name, year, estimated cost, priority, review status, edited mark."""

    NAME, YEAR, COST, PRIORITY, REVIEW, EDITED = range(6)
    COLUMNS = FIELDS = (
        "name",
        "year",
        "estimated_cost_wan",
        "priority",
        "review_status",
        "edited_fields",
    )
    KINDS = ("text", "shown", "real", "choice", "choice", "shown")
    UPDATE = "update_renewal_project"
    TABLE = "renewal_projects"

    def headers(self) -> list[str]:
        return [
            self.tr("项目"),
            self.tr("年份"),
            self.tr("估算（万元）"),
            self.tr("优先级"),
            self.tr("审核"),
            self.tr("已改"),
        ]


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a choice column (its model gives CHOICES_ROLE) with a combo box."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        choices = index.data(CHOICES_ROLE)
        if not choices:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for value, label in choices:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(EDIT))))
        else:
            super().setEditorData(editor, index)

    def setModelData(
        self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), EDIT)
        else:
            super().setModelData(editor, model, index)
