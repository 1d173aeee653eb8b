"""Groups: plain groups, rating grids, and repeat groups (one instance per building...)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.forms.model import QuestionType
from fieldapp.ui.questions.base import QuestionWidget


class GroupQuestion(QuestionWidget):
    """A titled group of questions (a rating grid lays its rows out as a table)."""

    def build(self) -> None:
        from fieldapp.ui.questions.factory import create_question

        self.setProperty("role", "card")
        self.title.setProperty("role", "heading")
        children = self.q.children
        grid = bool(children) and all(
            c.type is QuestionType.RATING and c.scale is not None and c.scale == children[0].scale
            for c in children
        )
        for child in children:
            self.body.addWidget(
                create_question(child, self.ctx, self.instance, parent=self, grid_row=grid)
            )

    def refresh(self) -> None:
        self.setVisible(self.state.is_relevant(self.q.name, self.instance))


class RepeatGroupQuestion(QuestionWidget):
    """A repeat group: a list of its instances (e.g. every building) beside one instance's
    questions, built when first shown so a long ledger opens fast."""

    def build(self) -> None:
        row = QHBoxLayout()
        side = QVBoxLayout()
        self.instances = QListWidget()
        self.instances.setObjectName(f"instances_{self.q.name}")
        self.instances.setMaximumWidth(220)
        self.instances.currentRowChanged.connect(self._show_row)
        side.addWidget(self.instances, 1)
        if not self.q.repeat_source:
            add = QPushButton(self.tr("添加一项"))
            add.clicked.connect(self._add)
            side.addWidget(add)
        row.addLayout(side)
        self.pages = QStackedWidget()
        row.addWidget(self.pages, 1)
        self.body.addLayout(row)
        self._pages: dict[str, QWidget] = {}
        self._keys: list[str] = []
        self.empty = QLabel(self.tr("（暂无记录：请先在社区概况中添加小区和楼栋）"))
        self.body.addWidget(self.empty)
        self._load_instances()

    def _load_instances(self) -> None:
        keys = list(self.state.instances(self.q.name))
        if keys == self._keys:
            return
        self._keys = keys
        current = self.instances.currentRow()
        self.instances.blockSignals(True)
        self.instances.clear()
        for n, key in enumerate(keys, 1):
            label = self.ctx.instance_label(self.q.name, key) or self.tr("第 {0} 项").format(n)
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.instances.addItem(item)
        self.instances.blockSignals(False)
        self.empty.setVisible(not keys)
        if keys:
            self.instances.setCurrentRow(min(max(current, 0), len(keys) - 1))
            self._show_row(self.instances.currentRow())

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self._keys):
            self.select_instance(self._keys[row])

    def select_instance(self, key: str) -> None:
        """Show one instance's questions (building them the first time)."""
        from fieldapp.ui.questions.factory import create_question

        page = self._pages.get(key)
        if page is None:
            page = QWidget(self)
            layout = QVBoxLayout(page)
            layout.setContentsMargins(0, 0, 0, 0)
            for child in self.q.children:
                layout.addWidget(create_question(child, self.ctx, key, parent=page))
            layout.addStretch(1)
            self._pages[key] = page
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        if key in self._keys and self.instances.currentRow() != self._keys.index(key):
            self.instances.setCurrentRow(self._keys.index(key))

    def _add(self) -> None:
        from fieldapp.core.ids import new_uuid7

        key = new_uuid7()
        self.ctx.controller.add_instance(self.q.name, key)
        self._load_instances()
        self.select_instance(key)

    def input_widget(self) -> QWidget:
        return self.instances

    def show_value(self, value: Any) -> None:
        self._load_instances()

    def refresh(self) -> None:
        self.setVisible(self.state.is_relevant(self.q.name, ""))
        self._load_instances()
