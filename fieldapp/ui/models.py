"""Table models of the app's lists (model/view; tested through data() without widgets).

Each model has column constants and keeps its records as given; the records behind a row
are under :data:`RECORD_ROLE`. Filtering is done by proxy models, never by reloading.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from fieldapp.core.i18n import Text
from fieldapp.ui import labels
from fieldapp.ui.i18n import text
from fieldapp.ui.style import SEVERITY_COLOURS

if TYPE_CHECKING:
    from fieldapp.ui.writer import Writer

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole


class RecordTableModel(QAbstractTableModel):
    """Rows of immutable records; subclasses say what each column shows."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, rows: Sequence[Any] = ()) -> None:
        super().__init__()
        self._rows: list[Any] = list(rows)

    def headers(self) -> list[str]:
        """Column titles, translated."""
        return list(self.COLUMNS)

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        """The records, in model order."""
        return list(self._rows)

    def record(self, row: int) -> Any:
        """The record of ``row``."""
        return self._rows[row]

    def replace(self, row: int, record: Any) -> None:
        """Put a changed record in place and tell the views."""
        self._rows[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        if role == RECORD_ROLE:
            return record
        if role in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return self.display(record, index.column())
        if role == SORT_ROLE:
            return self.sort_key(record, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(record, index.column())
        return None

    def display(self, record: Any, column: int) -> str:
        """The text of one cell: by default the record's field named by the column;
        subclasses with translated or formatted cells override it."""
        value = getattr(record, self.COLUMNS[column], None)
        return "" if value is None else str(value)

    def sort_key(self, record: Any, column: int) -> Any:
        """What a column sorts by (its text unless overridden)."""
        return self.display(record, column)

    def foreground(self, record: Any, column: int) -> QColor | None:
        """The text colour of one cell, if special."""
        return None


def _refilter(proxy: QSortFilterProxyModel, change: Any) -> None:
    """Change a proxy's filter (Qt ≥ 6.10 wants begin/endFilterChange around it)."""
    if hasattr(proxy, "beginFilterChange"):
        proxy.beginFilterChange()
        change()
        proxy.endFilterChange()
    else:
        change()
        proxy.invalidateFilter()


_SEVERITY_ORDER = {"severe": 0, "major": 1, "minor": 2}


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


class EditableRecordModel(RecordTableModel):
    """Records edited in place: each edit is written by the writer; the row shows the
    stored record once it is saved, and a refused edit is reported and not shown."""

    failed = Signal(object)  # the error
    saved = Signal(object)  # the stored record
    FIELDS: tuple[str, ...] = ()
    KINDS: tuple[str, ...] = ()
    UPDATE = ""  # the Store method that writes one record's fields

    def __init__(self, writer: Writer) -> None:
        super().__init__()
        self.writer = writer

    def update(self, record_id: str, fields: dict[str, Any]) -> None:
        """Write changed fields of one record; the row follows once saved."""
        method = self.UPDATE
        self.writer.submit(
            lambda s: getattr(s, method)(record_id, **fields),
            on_success=self._stored,
            on_failure=self.failed.emit,
        )

    def _stored(self, record: Any) -> None:
        for row, old in enumerate(self._rows):
            if old.id == record.id:
                self.replace(row, record)
        self.saved.emit(record)


class CommunityTableModel(RecordTableModel):
    """The communities of the device: name, street, district, population, households."""

    NAME, STREET, DISTRICT, POPULATION, HOUSEHOLDS = range(5)
    COLUMNS = ("name", "street", "district", "population", "households")

    def headers(self) -> list[str]:
        return [self.tr("社区"), self.tr("街道"), self.tr("区"), self.tr("人口"), self.tr("户数")]

    def display(self, record: Any, column: int) -> str:
        value = getattr(record, self.COLUMNS[column])
        return _number(value) if column >= self.POPULATION else (value or "")

    def sort_key(self, record: Any, column: int) -> Any:
        value = getattr(record, self.COLUMNS[column])
        return (value or 0) if column >= self.POPULATION else (value or "")

    def streets(self) -> list[str]:
        """The distinct streets, sorted (for the street filter)."""
        return sorted({r.street for r in self._rows if r.street})


class CommunityFilterProxy(QSortFilterProxyModel):
    """Filters communities by a search text (name, street, district, address) and a street."""

    def __init__(self) -> None:
        super().__init__()
        self._search = ""
        self._street = ""
        self.setSortRole(SORT_ROLE)

    def set_search(self, value: str) -> None:
        """Show communities whose name, street, district or address contains ``value``."""
        _refilter(self, lambda: setattr(self, "_search", value.strip().casefold()))

    def set_street(self, street: str) -> None:
        """Show one street's communities ("" for all)."""
        _refilter(self, lambda: setattr(self, "_street", street))

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        record = self.sourceModel().index(row, 0, parent).data(RECORD_ROLE)
        if self._street and record.street != self._street:
            return False
        if self._search:
            hay = " ".join(
                str(v or "") for v in (record.name, record.street, record.district, record.address)
            ).casefold()
            return self._search in hay
        return True


class SubmissionTableModel(RecordTableModel):
    """Submissions (checklists or questionnaires) of a community; rows are (Submission, title)."""

    FORM, STATUS, SURVEYOR, STARTED, COMPLETED = range(5)
    COLUMNS = ("form", "status", "surveyor", "started", "completed")

    def headers(self) -> list[str]:
        return [
            self.tr("表单"),
            self.tr("状态"),
            self.tr("填报人"),
            self.tr("开始时间"),
            self.tr("完成时间"),
        ]

    def display(self, record: Any, column: int) -> str:
        submission, title = record
        if column == self.FORM:
            return text(title) if isinstance(title, Text) else str(title)
        if column == self.STATUS:
            return labels.submission_status(submission.status)
        if column == self.SURVEYOR:
            return submission.surveyor or ""
        if column == self.STARTED:
            return labels.local_time(submission.started_at)
        return labels.local_time(submission.completed_at)


class ProblemTableModel(RecordTableModel):
    """Problems of a community with their classification and status."""

    DESCRIPTION, CATEGORY, SEVERITY, CLASS, STATUS, INDICATOR, LOCATION = range(7)
    COLUMNS = (
        "description",
        "category",
        "severity",
        "resolution_class",
        "status",
        "indicator_code",
        "location_text",
    )

    def headers(self) -> list[str]:
        return [
            self.tr("问题描述"),
            self.tr("类别"),
            self.tr("严重程度"),
            self.tr("分类"),
            self.tr("状态"),
            self.tr("指标"),
            self.tr("位置"),
        ]

    def display(self, record: Any, column: int) -> str:
        if column == self.CATEGORY:
            return labels.category(record.category)
        if column == self.SEVERITY:
            return labels.term("severity", record.severity)
        if column == self.CLASS:
            return labels.term("resolution_class", record.resolution_class)
        if column == self.STATUS:
            return labels.term("status", record.status)
        return getattr(record, self.COLUMNS[column]) or ""

    def sort_key(self, record: Any, column: int) -> Any:
        if column == self.SEVERITY:
            return _SEVERITY_ORDER.get(record.severity or "", 9)
        return self.display(record, column)

    def foreground(self, record: Any, column: int) -> QColor | None:
        if column == self.SEVERITY and record.severity in SEVERITY_COLOURS:
            return QColor(SEVERITY_COLOURS[record.severity])
        return None


class ProblemFilterProxy(QSortFilterProxyModel):
    """Filters problems by category, severity, class and status ("" = any)."""

    FIELDS = ("category", "severity", "resolution_class", "status")

    def __init__(self) -> None:
        super().__init__()
        self._filters = dict.fromkeys(self.FIELDS, "")
        self.setSortRole(SORT_ROLE)

    def set_filter(self, field: str, value: str) -> None:
        """Show only problems whose ``field`` is ``value`` ("" for any)."""
        _refilter(self, lambda: self._filters.__setitem__(field, value or ""))

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        record = self.sourceModel().index(row, 0, parent).data(RECORD_ROLE)
        return all(not want or getattr(record, f) == want for f, want in self._filters.items())


class ProblemHistoryModel(RecordTableModel):
    """A problem's status changes: when, who, from → to, note."""

    AT, ACTOR, CHANGE, NOTE = range(4)
    COLUMNS = ("at", "actor", "change", "note")

    def headers(self) -> list[str]:
        return [self.tr("时间"), self.tr("操作人"), self.tr("状态变化"), self.tr("说明")]

    def display(self, record: Any, column: int) -> str:
        if column == self.AT:
            return labels.local_time(record.at)
        if column == self.ACTOR:
            return record.actor
        if column == self.CHANGE:
            to = labels.term("status", record.to_status)
            if not record.from_status:
                return to
            return f"{labels.term('status', record.from_status)} → {to}"
        return record.note or ""
