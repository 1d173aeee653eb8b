"""A community's problems: filtered list, editor, and status changes kept as history."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import FieldappError
from fieldapp.ui import labels
from fieldapp.ui.i18n import text
from fieldapp.ui.models import (
    RECORD_ROLE,
    ProblemFilterProxy,
    ProblemHistoryModel,
    ProblemTableModel,
)
from fieldapp.ui.problem_editor import ProblemEditor
from fieldapp.ui.views import role_label, table

if TYPE_CHECKING:
    from fieldapp.store.records import Community, Problem
    from fieldapp.ui.photos_import import PhotoContext
    from fieldapp.ui.writer import Writer


class ProblemsView(QWidget):
    """Problems of one community filtered by category, severity, class and status; the
    selected problem's history and its next status (who, when and a note are recorded)."""

    changed = Signal()

    def __init__(self, writer: Writer, community: Community) -> None:
        super().__init__()
        self.writer = writer
        self.community = community
        self.actor: Callable[[], str] = lambda: ""
        self.photos: PhotoContext | None = None  # given by the window: the editor's photos
        self.editor: ProblemEditor | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        split = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.model = ProblemTableModel()
        self.proxy = ProblemFilterProxy()
        self.proxy.setSourceModel(self.model)
        self.view = table(self.proxy, "problems_table")
        self.view.setSortingEnabled(True)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ProblemTableModel.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ProblemTableModel.LOCATION, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ProblemTableModel.LOCATION, 150)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.view.activated.connect(lambda _i: self.edit_selected())
        left_layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        new = QPushButton(self.tr("新建问题"))
        new.setObjectName("new_problem")
        new.setToolTip("Ctrl+N")
        new.clicked.connect(lambda: self.new_problem())
        edit = QPushButton(self.tr("编辑…"))
        edit.clicked.connect(self.edit_selected)
        buttons.addWidget(new)
        buttons.addWidget(edit)
        buttons.addStretch(1)
        self.count = role_label("", "hint")
        buttons.addWidget(self.count)
        left_layout.addLayout(buttons)
        split.addWidget(left)
        split.addWidget(self._detail())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([860, 400])
        layout.addWidget(split, 1)
        shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.new_problem())

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.filters: dict[str, QComboBox] = {}
        choices = {
            "category": [(c, labels.category(c)) for c in _category_codes()],
            "severity": labels.terms("severity"),
            "resolution_class": labels.terms("resolution_class"),
            "status": labels.terms("status"),
        }
        titles = {
            "category": self.tr("全部类别"),
            "severity": self.tr("全部严重程度"),
            "resolution_class": self.tr("全部分类"),
            "status": self.tr("全部状态"),
        }
        for field, options in choices.items():
            combo = QComboBox()
            combo.setObjectName(f"filter_{field}")
            # Long category names must not widen the window past a laptop screen.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
            combo.addItem(titles[field], "")
            for value, label in options:
                combo.addItem(label, value)
            combo.currentIndexChanged.connect(
                lambda _i, f=field, c=combo: self._filter(f, c.currentData())
            )
            self.filters[field] = combo
            row.addWidget(combo, 1)
        return row

    def _detail(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.detail = role_label(self.tr("选择一个问题查看处置记录"), "hint")
        layout.addWidget(self.detail)
        self.history = ProblemHistoryModel()
        self.history_view = table(self.history, "problem_history")
        layout.addWidget(self.history_view, 1)
        row = QHBoxLayout()
        self.next_status = QComboBox()
        self.next_status.setObjectName("next_status")
        self.note = QLineEdit()
        self.note.setObjectName("status_note")
        self.note.setPlaceholderText(self.tr("处置说明"))
        self.note.returnPressed.connect(self.change_status)
        self.change_button = QPushButton(self.tr("变更状态"))
        self.change_button.setObjectName("change_status")
        self.change_button.clicked.connect(self.change_status)
        row.addWidget(self.next_status)
        row.addWidget(self.note, 1)
        row.addWidget(self.change_button)
        layout.addLayout(row)
        self.message = role_label("", "error")
        layout.addWidget(self.message)
        return box

    # -- data ------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        """Read the community's problems again (keeping or moving the selection)."""
        current = select or (self.selected().id if self.selected() else None)
        self.model.set_rows(self.writer.reader().problems(self.community.id))
        self.count.setText(self.tr("共 {0} 个问题").format(self.model.rowCount()))
        if current:
            for row in range(self.proxy.rowCount()):
                if self.proxy.index(row, 0).data(RECORD_ROLE).id == current:
                    self.view.selectRow(row)
                    break
        self._show_selected()

    def _filter(self, field: str, value: str) -> None:
        self.proxy.set_filter(field, value)
        self._show_selected()

    def selected(self) -> Problem | None:
        """The selected problem, if any."""
        index = self.view.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    def _show_selected(self) -> None:
        problem = self.selected()
        self.next_status.clear()
        self.message.clear()
        if problem is None:
            self.history.set_rows([])
            self.detail.setText(self.tr("选择一个问题查看处置记录"))
            self.change_button.setEnabled(False)
            return
        from fieldapp.core.problems import taxonomy

        self.detail.setText(
            f"{problem.description}\n"
            + self.tr("当前状态：{0}").format(labels.term("status", problem.status))
        )
        self.history.set_rows(self.writer.reader().problem_history(problem.id))
        for term in taxonomy().statuses:
            if term.value == problem.status:
                for value in term.next:
                    self.next_status.addItem(labels.term("status", value), value)
        self.change_button.setEnabled(self.next_status.count() > 0)

    # -- actions ---------------------------------------------------------------------------
    def new_problem(self, prefill: dict[str, Any] | None = None) -> ProblemEditor:
        """Open the editor for a new problem (pre-linked to an indicator when given)."""
        editor = ProblemEditor(prefill, self, photos=self.photos, community_id=self.community.id)
        editor.accepted.connect(lambda: self._create(editor.values()))
        self._open(editor)
        return editor

    def edit_selected(self) -> ProblemEditor | None:
        """Open the editor on the selected problem."""
        problem = self.selected()
        if problem is None:
            return None
        fields = {
            k: getattr(problem, k)
            for k in (
                "id",
                "description",
                "category",
                "sub_problem_code",
                "severity",
                "difficulty",
                "resolution_class",
                "remediation_type",
                "responsible_unit",
                "location_text",
                "suggested_action",
                "indicator_code",
            )
        }
        editor = ProblemEditor(fields, self, photos=self.photos, community_id=self.community.id)
        editor.accepted.connect(lambda: self._update(problem.id, editor.values()))
        self._open(editor)
        return editor

    def _open(self, editor: ProblemEditor) -> None:
        self.editor = editor
        editor.open()

    def _create(self, values: dict[str, Any]) -> None:
        description = values.pop("description")
        photo_ids = values.pop("photo_ids", None)
        community_id, actor = self.community.id, self.actor() or self.tr("体检员")

        def create(s: Any) -> Problem:
            with s.transaction():  # the problem and its photos, or neither
                problem = s.create_problem(community_id, description, actor=actor, **values)
                if photo_ids:
                    from fieldapp.ui.photos_jobs import set_problem_photos

                    set_problem_photos(s, problem.id, photo_ids)
            return problem

        self.writer.submit(create, on_success=self._stored, on_failure=self._failed)

    def _update(self, problem_id: str, values: dict[str, Any]) -> None:
        for key in ("indicator_code", "submission_id", "question"):
            values.pop(key, None)
        photo_ids = values.pop("photo_ids", None)

        def update(s: Any) -> Problem:
            with s.transaction():
                problem = s.update_problem(problem_id, **values)
                if photo_ids is not None:
                    from fieldapp.ui.photos_jobs import set_problem_photos

                    set_problem_photos(s, problem_id, photo_ids)
            return problem

        self.writer.submit(update, on_success=self._stored, on_failure=self._failed)

    def change_status(self) -> None:
        """Move the selected problem to the chosen status with the note (kept in history)."""
        problem = self.selected()
        to_status = self.next_status.currentData()
        if problem is None or not to_status:
            return
        note, actor = self.note.text().strip(), self.actor() or self.tr("体检员")
        self.writer.submit(
            lambda s: s.change_problem_status(problem.id, to_status, actor=actor, note=note),
            on_success=lambda p: (self.note.clear(), self._stored(p)),
            on_failure=self._failed,
        )

    def _stored(self, problem: Problem) -> None:
        self.reload(select=problem.id)
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(text(exc.text) if isinstance(exc, FieldappError) else str(exc))


def _category_codes() -> list[str]:
    from fieldapp.core.problems import taxonomy

    return [c.code for c in taxonomy().categories]
