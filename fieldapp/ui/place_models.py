"""Editable tables of a community's estates and buildings; edits go through the writer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from fieldapp.core.errors import FieldappError
from fieldapp.core.forms import normalize_number_text
from fieldapp.core.i18n import Text
from fieldapp.ui.models import DISPLAY, EditableRecordModel, Index

if TYPE_CHECKING:
    pass

EDIT = Qt.ItemDataRole.EditRole
CHECK = Qt.ItemDataRole.CheckStateRole


def parse_count(value: Any) -> int | None:
    """A whole number typed by a person (full-width digits too); None when empty."""
    raw = str(value or "").strip()
    if not raw:
        return None
    try:
        number = float(normalize_number_text(raw))
    except ValueError:
        raise FieldappError(Text(f"“{raw}” 不是数字", f"'{raw}' is not a number")) from None
    if not number.is_integer():
        raise FieldappError(Text("应为整数", "must be a whole number"))
    return int(number)


class PlaceTableModel(EditableRecordModel):
    """Records edited in place: each edit is written by the writer; the row shows the
    stored record once it is saved, and a refused edit is reported and not shown."""

    FIELDS: tuple[str, ...] = ()
    KINDS: tuple[str, ...] = ()  # "text", "int" or "bool" per column
    UPDATE = ""

    def display(self, record: Any, column: int) -> str:
        value = getattr(record, self.FIELDS[column])
        if self.KINDS[column] == "bool":
            return ""
        return "" if value is None else str(value)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if self.KINDS[index.column()] == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if index.isValid() and role == EDIT:
            return self.display(self._rows[index.row()], index.column())
        if index.isValid() and role == CHECK and self.KINDS[index.column()] == "bool":
            value = getattr(self._rows[index.row()], self.FIELDS[index.column()])
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if not index.isValid():
            return False
        column = index.column()
        kind = self.KINDS[column]
        try:
            if kind == "bool" and role == CHECK:
                parsed: Any = Qt.CheckState(value) == Qt.CheckState.Checked
            elif role == EDIT and kind == "int":
                parsed = parse_count(value)
            elif role == EDIT and kind == "text":
                parsed = str(value).strip() or None
            else:
                return False
        except FieldappError as exc:
            self.failed.emit(exc)
            return False
        record = self._rows[index.row()]
        self.update(record.id, {self.FIELDS[column]: parsed})
        return True


class EstateTableModel(PlaceTableModel):
    """A community's estates (小区): name, year built, households, old-estate flag."""

    NAME, YEAR_BUILT, HOUSEHOLDS, OLD = range(4)
    COLUMNS = FIELDS = ("name", "year_built", "households", "is_old_estate")
    KINDS = ("text", "int", "int", "bool")
    UPDATE = "update_estate"

    def headers(self) -> list[str]:
        return [self.tr("小区"), self.tr("建成年份"), self.tr("户数"), self.tr("老旧小区")]


class BuildingTableModel(PlaceTableModel):
    """An estate's buildings (楼栋): name, floors, units, households, year, lift."""

    NAME, FLOORS, UNITS, HOUSEHOLDS, YEAR_BUILT, LIFT = range(6)
    COLUMNS = FIELDS = ("name", "floors", "units", "households", "year_built", "has_lift")
    KINDS = ("text", "int", "int", "int", "int", "bool")
    UPDATE = "update_building"

    def headers(self) -> list[str]:
        return [
            self.tr("楼栋"),
            self.tr("层数"),
            self.tr("单元"),
            self.tr("户数"),
            self.tr("建成年份"),
            self.tr("电梯"),
        ]
