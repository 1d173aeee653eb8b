"""Filling a form: section navigator with progress and error badges, the questions of one
section, the save state (已保存 / 保存中 / 保存失败, no save button) and 完成."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.forms import Changes
from fieldapp.core.forms.model import Question, QuestionType
from fieldapp.ui.form_controller import SAVED, SAVING, FormController
from fieldapp.ui.i18n import text
from fieldapp.ui.questions import FormContext, QuestionWidget, create_question
from fieldapp.ui.questions.groups import RepeatGroupQuestion
from fieldapp.ui.style import TOUCH
from fieldapp.ui.views import role_label

if TYPE_CHECKING:
    from fieldapp.store.form_session import IncompleteError
    from fieldapp.ui.settings import Settings

Index = QModelIndex | QPersistentModelIndex
# Questions built at once when a section opens; the rest follow in idle-time batches.
FIRST_BATCH = 12
LATER_BATCH = 4
DISPLAY = Qt.ItemDataRole.DisplayRole


class SectionModel(QAbstractTableModel):
    """The sections of the open form with progress (answered/shown) and error count."""

    LABEL, PROGRESS, ERRORS = range(3)

    def __init__(self, controller: FormController) -> None:
        super().__init__()
        self.controller = controller
        self.sections = list(controller.form.sections)
        self._progress: dict[str, tuple[int, int]] = {}
        self._errors: dict[str, list[Any]] | None = None
        controller.changed.connect(self.on_changes)
        controller.refused_changed.connect(self._errors_changed)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.sections)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def progress(self, row: int) -> tuple[int, int]:
        """(answered, shown) of the section in ``row``."""
        name = self.sections[row].name
        if name not in self._progress:
            self._progress[name] = self.controller.progress(name)
        return self._progress[name]

    def errors(self, row: int) -> list[Any]:
        """The error messages of the section in ``row``."""
        if self._errors is None:
            self._errors = self.controller.errors_by_section()
        return self._errors.get(self.sections[row].name, [])

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == DISPLAY:
            if column == self.LABEL:
                return text(self.sections[row].label)
            if column == self.PROGRESS:
                done, total = self.progress(row)
                return f"{done}/{total}" if total else "—"
            count = len(self.errors(row))
            return f"⚠ {count}" if count else ""
        if role == Qt.ItemDataRole.ToolTipRole and column == self.ERRORS:
            return "\n".join(text(t) for t in self.errors(row)) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.ERRORS:
                return QColor("#c62828")
            if column == self.PROGRESS:
                done, total = self.progress(row)
                return QColor("#1b7f3b") if total and done == total else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.LABEL:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def on_changes(self, changes: Changes) -> None:
        """Recount the sections an edit touched."""
        touched = {self.controller.form.by_name[name].section for name, _ in changes.values}
        touched |= {self.controller.form.by_name[name].section for name, _ in changes.relevance}
        for name in touched:
            self._progress.pop(name, None)
        self._errors = None
        self.dataChanged.emit(self.index(0, 0), self.index(len(self.sections) - 1, 2))

    def _errors_changed(self) -> None:
        self._errors = None
        self.dataChanged.emit(self.index(0, 2), self.index(len(self.sections) - 1, 2))


class FormView(QWidget):
    """A submission being filled: navigator, one section's questions, save state, 完成."""

    completed = Signal(str)

    def __init__(
        self,
        controller: FormController,
        settings: Settings,
        *,
        title: str,
        instance_label: Any = None,
        record_problem: Any = None,
        photos: Any = None,
    ) -> None:
        super().__init__()
        self.controller = controller
        self.settings = settings
        self.ctx = FormContext(
            controller,
            instance_label=instance_label or (lambda group, key: ""),
            record_problem=record_problem,
            photos=photos,
        )
        self._pages: dict[str, QScrollArea] = {}
        self._pending: dict[str, list[Question]] = {}
        self._containers: dict[str, tuple[QWidget, QVBoxLayout]] = {}
        self.current_section = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(self._header(title))
        split = QSplitter()
        self.navigator = QTableView()
        self.navigator.setObjectName("section_navigator")
        self.sections = SectionModel(controller)
        self.navigator.setModel(self.sections)
        self.navigator.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.navigator.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.navigator.verticalHeader().hide()
        self.navigator.horizontalHeader().hide()
        self.navigator.verticalHeader().setDefaultSectionSize(TOUCH)
        header = self.navigator.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.navigator.setMinimumWidth(280)
        self.navigator.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: (
                self.show_section(self.sections.sections[cur.row()].name) if cur.isValid() else None
            )
        )
        split.addWidget(self.navigator)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        right_layout.addWidget(self.stack, 1)
        self.missing = QListWidget()
        self.missing.setObjectName("missing_list")
        self.missing.setMaximumHeight(170)
        self.missing.itemActivated.connect(self._jump_to_item)
        self.missing.itemClicked.connect(self._jump_to_item)
        self.missing_title = role_label("", "error")
        right_layout.addWidget(self.missing_title)
        right_layout.addWidget(self.missing)
        self.missing.hide()
        self.missing_title.hide()
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 900])
        layout.addWidget(split, 1)
        controller.changed.connect(self._on_changes)
        controller.save_state_changed.connect(self._show_save_state)
        controller.status_saved.connect(self._status_saved)
        self._focus_timer = QTimer(self)
        self._focus_timer.setSingleShot(True)
        self._focus_timer.setInterval(300)
        self._focus_timer.timeout.connect(self._remember_focus)
        self._focused: tuple[str, str] | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        for keys, slot in (
            ("Alt+Left", self.previous_section),
            ("Alt+Right", self.next_section),
            ("Ctrl+Return", self.try_complete),
            ("Ctrl+Enter", self.try_complete),
        ):
            # Window-wide while this view is the page on screen (a hidden widget's
            # shortcuts are inactive), so they work wherever the focus is.
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        self._show_save_state(controller.save_state)

    def _header(self, title: str) -> QHBoxLayout:
        row = QHBoxLayout()
        self.title = role_label(title, "title", wrap=False)
        row.addWidget(self.title, 1)
        self.save_label = QLabel()
        self.save_label.setObjectName("save_state")
        row.addWidget(self.save_label)
        self.prev_button = QPushButton(self.tr("◀ 上一节"))
        self.prev_button.setToolTip("Alt+←")
        self.prev_button.clicked.connect(self.previous_section)
        self.next_button = QPushButton(self.tr("下一节 ▶"))
        self.next_button.setToolTip("Alt+→")
        self.next_button.clicked.connect(self.next_section)
        self.complete_button = QPushButton(self.tr("完成"))
        self.complete_button.setObjectName("complete_button")
        self.complete_button.setToolTip("Ctrl+Enter")
        self.complete_button.clicked.connect(self.try_complete)
        for w in (self.prev_button, self.next_button, self.complete_button):
            row.addWidget(w)
        return row

    # -- sections --------------------------------------------------------------------------
    def section_names(self) -> list[str]:
        """Section names in form order."""
        return [s.name for s in self.sections.sections]

    def ensure_page(self, name: str) -> QScrollArea:
        """The scrollable page of a section. The first questions are built at once, the
        rest in small batches while the event loop is idle, so a long section is usable
        at once; :meth:`complete_page` finishes it when a question further down is needed."""
        page = self._pages.get(name)
        if page is not None:
            return page
        section = self.controller.section(name)
        page = QScrollArea()
        page.setObjectName(f"page_{name}")
        page.setWidgetResizable(True)
        container = QWidget(page)
        layout = QVBoxLayout(container)
        layout.setContentsMargins(4, 4, 12, 4)
        layout.addWidget(role_label(text(section.label), "heading"))
        layout.addStretch(1)
        self._pending[name] = list(section.questions)
        self._containers[name] = (container, layout)
        self._build_some(name, FIRST_BATCH)
        page.setWidget(container)
        self._pages[name] = page
        self.stack.addWidget(page)
        if self._pending.get(name):
            QTimer.singleShot(0, lambda: self._build_later(name))
        return page

    def _build_some(self, name: str, count: int) -> None:
        pending = self._pending.get(name)
        if not pending:
            return
        container, layout = self._containers[name]
        for q in pending[:count]:
            layout.insertWidget(layout.count() - 1, create_question(q, self.ctx, parent=container))
        del pending[:count]

    def _build_later(self, name: str) -> None:
        self._build_some(name, LATER_BATCH)
        if self._pending.get(name):
            QTimer.singleShot(0, lambda: self._build_later(name))

    def complete_page(self, name: str) -> None:
        """Build the rest of a section's questions now."""
        self.ensure_page(name)
        self._build_some(name, len(self._pending.get(name, ())))

    def show_section(self, name: str) -> None:
        """Show a section and remember it (a draft reopens there)."""
        page = self.ensure_page(name)
        self.stack.setCurrentWidget(page)
        self.current_section = name
        row = self.section_names().index(name)
        if self.navigator.currentIndex().row() != row:
            self.navigator.selectRow(row)
        self.controller.set_last_section(name)

    def previous_section(self) -> None:
        """Alt+←."""
        names = self.section_names()
        i = names.index(self.current_section) if self.current_section in names else 0
        if i > 0:
            self.show_section(names[i - 1])
            self.focus_first_open()

    def next_section(self) -> None:
        """Alt+→."""
        names = self.section_names()
        i = names.index(self.current_section) if self.current_section in names else 0
        if i + 1 < len(names):
            self.show_section(names[i + 1])
            self.focus_first_open()

    def restore(self) -> None:
        """Open where the draft was left: its section and the question that had the focus."""
        names = self.section_names()
        last = self.controller.submission.last_section
        self.show_section(last if last in names else names[0])
        focus = self.settings.draft_focus(self.controller.submission.id)
        by_name = self.controller.form.by_name
        if focus is not None and getattr(by_name.get(focus[0]), "section", None) == (
            self.current_section
        ):
            self.jump_to(*focus)
            return
        self.focus_first_open()

    def focus_first_open(self) -> None:
        """Focus the first shown, unanswered question of the current section."""
        state = self.controller.state
        for q in self.controller.by_section.get(self.current_section, ()):
            if q.type is QuestionType.INDICATOR or q.repeat_group:
                continue
            if state.is_relevant(q.name) and state.value(q.name) in (None, "", []):
                widget = self.ctx.registry.get((q.name, ""))
                if widget is None:
                    self.complete_page(self.current_section)
                    widget = self.ctx.registry.get((q.name, ""))
                if widget is not None:
                    self._reveal(widget)
                    return

    def jump_to(self, name: str, instance: str = "") -> QuestionWidget | None:
        """Show question ``name`` (of repeat ``instance``) and put the focus on it."""
        q: Question = self.controller.form.by_name[name]
        self.show_section(q.section)
        self.complete_page(q.section)
        widget = self.ctx.registry.get((name, instance))
        if widget is None and q.repeat_group:
            group = self.ctx.registry.get((q.repeat_group, ""))
            if isinstance(group, RepeatGroupQuestion):
                group.select_instance(instance)
            widget = self.ctx.registry.get((name, instance))
        if widget is not None:
            self._reveal(widget)
        return widget

    def _reveal(self, widget: QuestionWidget) -> None:
        page = self._pages[self.current_section]
        page.ensureWidgetVisible(widget, 0, 40)
        QTimer.singleShot(0, lambda: page.ensureWidgetVisible(widget, 0, 40))
        widget.focus_input()

    # -- edits -----------------------------------------------------------------------------
    def _on_changes(self, changes: Changes) -> None:
        registry = self.ctx.registry
        for key in changes.values | changes.relevance:
            widget = registry.get(key)
            if widget is not None:
                widget.refresh()
        for name in changes.indicators:
            widget = registry.get((name, ""))
            if widget is not None:
                widget.refresh()
        if self.missing.isVisible():
            self._fill_missing(None)

    def _show_save_state(self, state: str) -> None:
        if state == SAVED:
            shown, colour = self.tr("✔ 已保存"), "#1b7f3b"
        elif state == SAVING:
            shown, colour = self.tr("保存中…"), "#3d5a80"
        else:
            error = self.controller.last_error
            detail = text(error.text) if error is not None and hasattr(error, "text") else ""
            shown, colour = self.tr("✘ 保存失败"), "#c62828"
            self.save_label.setToolTip(detail)
        self.save_label.setText(shown)
        self.save_label.setStyleSheet(f"color: {colour}; font-weight: bold; padding: 0 8px;")
        self.save_label.setProperty("state", state)

    # -- completing ------------------------------------------------------------------------
    def try_complete(self) -> bool:
        """完成: refused with the list of what is missing, each a link to its question."""
        self._commit_focused()
        problem = self.controller.complete()
        if problem is not None:
            self._fill_missing(problem)
            return False
        self.missing.hide()
        self.missing_title.hide()
        return True

    def _commit_focused(self) -> None:
        # A field being typed in saves on leaving it; completing must see that answer too.
        focused = QApplication.focusWidget()
        while focused is not None and not isinstance(focused, QuestionWidget):
            focused = focused.parentWidget()
        if focused is not None and hasattr(focused, "save_text"):
            focused.save_text()

    def _fill_missing(self, problem: IncompleteError | None) -> None:
        if problem is None:
            from fieldapp.store.form_session import IncompleteError

            missing = self.controller.session.missing()
            invalid = self.controller.state.invalid_answers()
            problem = IncompleteError(missing, invalid) if missing or invalid else None
        self.missing.clear()
        if problem is None:
            self.missing.hide()
            self.missing_title.hide()
            return
        by_name = self.controller.form.by_name
        for m in problem.missing:
            where = self._where(m.question, m.instance)
            item = QListWidgetItem(f"{text(m.text)} — {where}")
            item.setData(Qt.ItemDataRole.UserRole, (m.question.name, m.instance))
            self.missing.addItem(item)
        for error in problem.invalid:
            q = by_name[error.question]
            item = QListWidgetItem(f"{text(error.text)} — {self._where(q, '')}")
            item.setData(Qt.ItemDataRole.UserRole, (error.question, ""))
            self.missing.addItem(item)
        count = len(problem.missing) + len(problem.invalid)
        self.missing_title.setText(
            self.tr("尚不能完成，还有 {0} 项需要处理（点击跳转）：").format(count)
        )
        self.missing_title.show()
        self.missing.show()

    def _where(self, q: Question, instance: str) -> str:
        section = text(self.controller.section(q.section).label)
        if instance and q.repeat_group:
            label = self.ctx.instance_label(q.repeat_group, instance)
            return f"{section} · {label}" if label else section
        return section

    def _jump_to_item(self, item: QListWidgetItem) -> None:
        name, instance = item.data(Qt.ItemDataRole.UserRole)
        self.jump_to(name, instance)

    def _status_saved(self, status: str) -> None:
        if status == "completed":
            self.completed.emit(self.controller.submission.id)

    # -- focus memory ----------------------------------------------------------------------
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        while new is not None and not isinstance(new, QuestionWidget):
            new = new.parentWidget()
        if new is not None and new.ctx is self.ctx:
            self._focused = new.key
            self._focus_timer.start()

    def _remember_focus(self) -> None:
        if self._focused is not None:
            self.settings.set_draft_focus(self.controller.submission.id, *self._focused)

    def close_view(self) -> None:
        """Save what is being typed and stop listening (the view is going away)."""
        self._commit_focused()
        self._remember_focus()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
