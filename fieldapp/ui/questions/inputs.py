"""Typed-in questions: text, integer, decimal (with unit and provenance), date, location,
and notes (photos: questions/photo.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from fieldapp.ui.i18n import text
from fieldapp.ui.labels import PROVENANCE
from fieldapp.ui.questions.base import QuestionWidget, role_label

# Typing is saved once the hand pauses this long (and at once when the field is left): every
# change is saved without a save button, but not every keystroke costs a disk write.
TYPING_PAUSE_MS = 600


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class LineQuestion(QuestionWidget):
    """A question typed into one line; saved when typing pauses or the field is left."""

    placeholder = ""

    def build(self) -> None:
        self.row = QHBoxLayout()
        self.edit = QLineEdit()
        self.edit.setObjectName(f"input_{self.q.name}")
        self.edit.setPlaceholderText(self.placeholder)
        if self.q.max_length:
            self.edit.setMaxLength(self.q.max_length + 1)  # one over: the form says why
        if self.q.calculate is not None or self.q.read_only:
            self.edit.setReadOnly(True)
        self.row.addWidget(self.edit, 1)
        self.body.addLayout(self.row)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.save_text)
        self.edit.textEdited.connect(lambda _t: self._typing.start())
        self.edit.editingFinished.connect(self._left)

    def input_widget(self) -> QWidget:
        return self.edit

    def show_value(self, value: Any) -> None:
        shown = _shown(value)
        if self.edit.hasFocus() and self._typing.isActive():
            return  # never move the text under a typing hand
        if self.edit.text() != shown:
            self.edit.setText(shown)

    def current_text(self) -> str:
        """What is in the field now."""
        return self.edit.text()

    def save_text(self) -> None:
        """Hand the typed text to the form (which parses and checks it)."""
        self._typing.stop()
        if self.edit.isReadOnly():
            return
        typed = self.current_text()
        if typed.strip() == _shown(self.state.answer(self.q.name, self.instance)) and (
            self.key not in self.ctx.controller.refused
        ):
            return
        self.commit(typed if typed.strip() else None)

    def _left(self) -> None:
        self.save_text()
        if self.key not in self.ctx.controller.refused:
            self.show_value(self.value())


class TextQuestion(LineQuestion):
    """Free text: one line, or several when the form says multiline."""

    def build(self) -> None:
        if not self.q.multiline:
            super().build()
            return
        self.edit_many = QPlainTextEdit()
        self.edit_many.setObjectName(f"input_{self.q.name}")
        self.edit_many.setFixedHeight(96)
        self.edit_many.setTabChangesFocus(True)
        self.body.addWidget(self.edit_many)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.save_text)
        self.edit_many.textChanged.connect(self._typed)
        self.edit_many.installEventFilter(self)
        self._loading = False

    def _typed(self) -> None:
        if not self._loading:
            self._typing.start()

    def input_widget(self) -> QWidget:
        return self.edit_many if self.q.multiline else self.edit

    def show_value(self, value: Any) -> None:
        if not self.q.multiline:
            super().show_value(value)
            return
        shown = _shown(value)
        if self.edit_many.hasFocus() and self._typing.isActive():
            return
        if self.edit_many.toPlainText() != shown:
            self._loading = True
            self.edit_many.setPlainText(shown)
            self._loading = False

    def current_text(self) -> str:
        return self.edit_many.toPlainText() if self.q.multiline else self.edit.text()

    def save_text(self) -> None:
        if not self.q.multiline:
            super().save_text()
            return
        self._typing.stop()
        typed = self.current_text()
        if typed == _shown(self.state.answer(self.q.name, self.instance)):
            return
        self.commit(typed if typed.strip() else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is getattr(self, "edit_many", None) and event.type() == QEvent.Type.FocusOut:
            self.save_text()
        return super().eventFilter(watched, event)


class NumberQuestion(LineQuestion):
    """An integer or decimal with its unit and, when the form asks, how it was obtained.

    Full-width digits and commas (１２３，５) are accepted: the form engine parses them."""

    def build(self) -> None:
        super().build()
        self.edit.setMaximumWidth(220)
        if self.q.unit:
            self.row.addWidget(QLabel(self.q.unit))
        self.provenance: QComboBox | None = None
        if self.q.provenance:
            self.provenance = QComboBox()
            self.provenance.setObjectName(f"provenance_{self.q.name}")
            self.provenance.setToolTip(self.tr("数据来源：如何取得这个数值"))
            self.provenance.addItem(self.tr("来源未注明"), None)
            for value, label in PROVENANCE.items():
                self.provenance.addItem(text(label), value)
            self.provenance.activated.connect(self._provenance_chosen)
            self.row.addWidget(self.provenance)
        self.row.addStretch(1)

    def show_value(self, value: Any) -> None:
        super().show_value(value)
        if self.provenance is not None:
            chosen = self.ctx.controller.provenance.get(self.key)
            self.provenance.setCurrentIndex(max(0, self.provenance.findData(chosen)))

    def _provenance_chosen(self, index: int) -> None:
        assert self.provenance is not None
        chosen = self.provenance.itemData(index)
        self.ctx.controller.provenance[self.key] = chosen
        current = self.state.answer(self.q.name, self.instance)
        if current is not None:
            self.commit(current, provenance=chosen)


class DateQuestion(LineQuestion):
    """A date, typed (2026-05-01, 2026/5/1, 2026年5月1日) or set to today."""

    placeholder = "YYYY-MM-DD"

    def build(self) -> None:
        super().build()
        self.edit.setMaximumWidth(220)
        today = QPushButton(self.tr("今天"))
        today.clicked.connect(lambda: self.commit(dt.date.today().isoformat()))
        self.row.addWidget(today)
        self.row.addStretch(1)


class LocationQuestion(QuestionWidget):
    """A position: latitude and longitude (and accuracy), saved once both are given."""

    def build(self) -> None:
        row = QHBoxLayout()
        self.lat = QLineEdit()
        self.lat.setPlaceholderText(self.tr("纬度"))
        self.lon = QLineEdit()
        self.lon.setPlaceholderText(self.tr("经度"))
        for edit in (self.lat, self.lon):
            edit.setMaximumWidth(180)
            edit.editingFinished.connect(self._save)
            row.addWidget(edit)
        row.addStretch(1)
        self.body.addLayout(row)

    def input_widget(self) -> QWidget:
        return self.lat

    def show_value(self, value: Any) -> None:
        value = value or {}
        for edit, part in ((self.lat, "lat"), (self.lon, "lon")):
            shown = _shown(value.get(part))
            if edit.text() != shown and not edit.hasFocus():
                edit.setText(shown)

    def _save(self) -> None:
        lat, lon = self.lat.text().strip(), self.lon.text().strip()
        if not lat and not lon:
            if self.state.answer(self.q.name, self.instance) is not None:
                self.commit(None)
            return
        if lat and lon:
            current = self.state.answer(self.q.name, self.instance) or {}
            if (_shown(current.get("lat")), _shown(current.get("lon"))) != (lat, lon):
                self.commit({"lat": lat, "lon": lon})


class NoteQuestion(QuestionWidget):
    """Display-only text of the form (shown when relevant)."""

    def build(self) -> None:
        self.title.setProperty("role", "hint")
        font = self.title.font()
        font.setBold(False)
        self.title.setFont(font)
        self.setProperty("role", "note")


def note_label(value: str) -> QLabel:
    """A muted explanatory label."""
    return role_label(value, "hint")
