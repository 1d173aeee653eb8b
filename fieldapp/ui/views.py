"""Small widget helpers every page uses (kept light: imported on the start-up path)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
)

from fieldapp.ui.style import TOUCH


def role_label(value: str, role: str, *, wrap: bool = True) -> QLabel:
    """A label styled by role (title, heading, hint, error)."""
    label = QLabel(value)
    label.setProperty("role", role)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def dialog_buttons(
    accept_text: str,
    cancel_text: str,
    on_accept: Callable[[], Any],
    on_cancel: Callable[[], Any],
    *,
    accept: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Ok,
) -> QDialogButtonBox:
    """A dialog's accept and cancel buttons with our (translated) texts."""
    cancel = QDialogButtonBox.StandardButton.Cancel
    buttons = QDialogButtonBox(accept | cancel)
    buttons.button(accept).setText(accept_text)
    buttons.button(cancel).setText(cancel_text)
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(on_cancel)
    return buttons


def table(model: Any, name: str) -> QTableView:
    """A touch-friendly, row-selecting table view of ``model``."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(TOUCH)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.setAlternatingRowColors(True)
    return view
