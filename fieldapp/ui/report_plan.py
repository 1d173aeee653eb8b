"""Review of the needs list and the project list before a report goes out: two editable
tables, add and delete, 重新生成 (derive again, keeping every edit) and 恢复自动值."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import FieldappError
from fieldapp.ui.i18n import text, tr
from fieldapp.ui.report_models import (
    ChoiceDelegate,
    NeedTableModel,
    PlanTableModel,
    ProjectTableModel,
)
from fieldapp.ui.views import role_label, table

if TYPE_CHECKING:
    from fieldapp.store.plans import MergeReport
    from fieldapp.ui.writer import Writer


def error_message(exc: BaseException) -> str:
    """What the user reads about a failure: the message in the language in use, never a
    traceback (that goes to stderr for the log)."""
    if isinstance(exc, FieldappError):
        return text(exc.text)
    print("".join(getattr(exc, "__notes__", [])) or repr(exc), file=sys.stderr)
    return tr("发生意外错误：{0}").format(exc)


class PlanEditor(QWidget):
    """需求清单 and 项目清单 in two tabs; every change is written through the writer."""

    changed = Signal()  # a list changed on disk

    def __init__(self, writer: Writer, community_id: str) -> None:
        super().__init__()
        self.writer = writer
        self.community_id = community_id
        self.needs = NeedTableModel(writer)
        self.projects = ProjectTableModel(writer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.need_view = self._table(self.needs, "needs_table", NeedTableModel.TITLE)
        self.project_view = self._table(self.projects, "projects_table", ProjectTableModel.NAME)
        self.tabs.addTab(
            self._list_tab(self.need_view, self.tr("新需求"), "new_need"), self.tr("需求清单")
        )
        self.tabs.addTab(
            self._list_tab(self.project_view, self.tr("新项目"), "new_project"),
            self.tr("项目清单"),
        )
        layout.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        self.regenerate_button = QPushButton(self.tr("重新生成"))
        self.regenerate_button.setObjectName("regenerate_plan")
        self.regenerate_button.setToolTip(
            self.tr("按最新的体检数据重新推导两张清单；手工修改和删除会保留。")
        )
        self.regenerate_button.clicked.connect(self.regenerate)
        self.revert_button = QPushButton(self.tr("恢复自动值"))
        self.revert_button.setObjectName("revert_plan_row")
        self.revert_button.setToolTip(self.tr("放弃所选行的手工修改，恢复为推导的值。"))
        self.revert_button.clicked.connect(self.revert_selected)
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.setObjectName("delete_plan_row")
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.regenerate_button, self.revert_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = role_label("", "hint")
        self.status.setObjectName("plan_status")
        layout.addWidget(self.status)
        for model in (self.needs, self.projects):
            model.failed.connect(self._failed)
            model.saved.connect(lambda _r: self._saved())
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        self._generated_once = False

    def _table(self, model: PlanTableModel, name: str, stretch: int) -> QTableView:
        view = table(model, name)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        view.setWordWrap(True)
        view.setItemDelegate(ChoiceDelegate(view))
        view.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        return view

    def _list_tab(self, view: QTableView, placeholder: str, name: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(view, 1)
        row = QHBoxLayout()
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        button = QPushButton(self.tr("添加"))
        button.setObjectName(f"{name}_button")
        button.clicked.connect(lambda: self._add(edit))
        edit.returnPressed.connect(lambda: self._add(edit))
        row.addWidget(edit, 1)
        row.addWidget(button)
        layout.addLayout(row)
        return page

    # -- reading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read both lists again (small: the main thread's reader)."""
        reader = self.writer.reader()
        self.needs.set_rows(reader.needs(self.community_id))
        self.projects.set_rows(reader.renewal_projects(self.community_id))
        self.tabs.setTabText(0, self.tr("需求清单（{0}）").format(self.needs.rowCount()))
        self.tabs.setTabText(1, self.tr("项目清单（{0}）").format(self.projects.rowCount()))
        self._update_buttons()

    def ensure_lists(self) -> None:
        """Derive the lists the first time they are looked at, if the community has none."""
        if self._generated_once:
            return
        self._generated_once = True
        self.reload()
        if not self.needs.rowCount() and not self.projects.rowCount():
            self.regenerate()

    def current(self) -> tuple[PlanTableModel, Any] | None:
        """The model of the list shown and its selected record, if any."""
        model, view = (
            (self.needs, self.need_view)
            if self.tabs.currentIndex() == 0
            else (self.projects, self.project_view)
        )
        row = view.currentIndex().row()
        if row < 0 or row >= model.rowCount():
            return None
        return model, model.record(row)

    def _update_buttons(self) -> None:
        chosen = self.current()
        self.delete_button.setEnabled(chosen is not None)
        self.revert_button.setEnabled(
            chosen is not None and chosen[1].origin == "derived" and bool(chosen[1].edited_fields)
        )

    # -- writing ---------------------------------------------------------------------------
    def regenerate(self) -> None:
        """Derive both lists again from the data and merge them in, keeping every edit."""
        from fieldapp.reports import regenerate_plan

        community_id = self.community_id
        self.status.setText(self.tr("正在重新生成清单…"))
        self.regenerate_button.setEnabled(False)
        self.writer.submit(
            lambda s: regenerate_plan(s, community_id),
            on_success=self._regenerated,
            on_failure=self._failed,
        )

    def _regenerated(self, report: MergeReport) -> None:
        self.regenerate_button.setEnabled(True)
        self.reload()
        self._say(
            self.tr("已重新生成：新增 {0}，更新 {1}，保留手工修改 {2}，移除 {3}。").format(
                report.added, report.updated, report.kept_edited, report.retired
            )
        )
        self.changed.emit()

    def revert_selected(self) -> None:
        """Forget the edits of the selected row, then derive again so its values return."""
        from fieldapp.reports import regenerate_plan

        chosen = self.current()
        if chosen is None:
            return
        model, record = chosen
        table_name, community_id = model.TABLE, self.community_id

        def revert(store: Any) -> MergeReport:
            store.revert_plan_edits(table_name, record.id)
            return regenerate_plan(store, community_id)

        self.writer.submit(revert, on_success=self._regenerated, on_failure=self._failed)

    def delete_selected(self) -> None:
        """Delete the selected row (a deleted derived row stays deleted on regeneration)."""
        chosen = self.current()
        if chosen is None:
            return
        model, record = chosen
        method = "delete_need" if model is self.needs else "delete_renewal_project"
        self.writer.submit(
            lambda s: getattr(s, method)(record.id),
            on_success=lambda _r: self._written(self.tr("已删除")),
            on_failure=self._failed,
        )

    def _add(self, edit: QLineEdit) -> None:
        title = edit.text().strip()
        if not title:
            return
        community_id = self.community_id
        if edit.objectName() == "new_need":
            category = self.tr("其他")
            job: Any = lambda s: s.add_need(community_id, title, category=category)  # noqa: E731
        else:
            job = lambda s: s.add_renewal_project(community_id, title)  # noqa: E731
        self.writer.submit(
            job,
            on_success=lambda _r: (edit.clear(), self._written(self.tr("已添加"))),
            on_failure=self._failed,
        )

    def _written(self, message: str) -> None:
        self.reload()
        self._say(message)
        self.changed.emit()

    def _saved(self) -> None:
        self._update_buttons()
        self._say(self.tr("✔ 已保存"))
        self.changed.emit()

    def _say(self, message: str) -> None:
        self.status.setProperty("role", "hint")
        self.status.setStyleSheet("color: #1b7f3b;")
        self.status.setText(message)

    def _failed(self, exc: BaseException) -> None:
        self.regenerate_button.setEnabled(True)
        self.status.setStyleSheet("color: #c62828;")
        self.status.setText(error_message(exc))
