"""What every question widget shares: label, hint, inline error, relevance, saving."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLayout, QVBoxLayout, QWidget

from fieldapp.core.forms.model import Question
from fieldapp.core.i18n import Text
from fieldapp.ui.i18n import text
from fieldapp.ui.views import role_label

if TYPE_CHECKING:
    from fieldapp.ui.form_controller import FormController
    from fieldapp.ui.photos_import import PhotoContext

Key = tuple[str, str]


@dataclass(slots=True)
class FormContext:
    """What question widgets of one open form share."""

    controller: FormController
    registry: dict[Key, QuestionWidget] = field(default_factory=dict)
    instance_label: Callable[[str, str], str] = lambda group, key: key
    record_problem: Callable[[Question], None] | None = None
    photos: PhotoContext | None = None  # photo questions: writer, ops, photo settings


class QuestionWidget(QFrame):
    """One question on screen: its label, hint and input, and an inline error when the form
    refuses what was entered. Subclasses build the input and show values; saving and
    refusing go through the controller (no rule lives here)."""

    horizontal = False  # grid rows lay label and input side by side

    def __init__(
        self, q: Question, ctx: FormContext, instance: str = "", parent: QWidget | None = None
    ) -> None:
        # Made with its parent: a parentless widget shown even briefly becomes a window.
        super().__init__(parent)
        self.q = q
        self.ctx = ctx
        self.instance = instance
        self.setProperty("role", "question")
        self.setObjectName(f"q_{q.name}")
        outer: QLayout = QHBoxLayout(self) if self.horizontal else QVBoxLayout(self)
        outer.setContentsMargins(4, 6, 4, 6)
        title = text(q.label) + (" *" if q.required else "")
        self.title = role_label(title, "question")
        if not self.horizontal:
            font = self.title.font()
            font.setBold(True)
            self.title.setFont(font)
        outer.addWidget(self.title)
        if q.hint is not None and not self.horizontal:
            outer.addWidget(role_label(text(q.hint), "hint"))
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.body)
        self.error = role_label("", "error")
        self.error.hide()
        if isinstance(outer, QVBoxLayout):
            outer.addWidget(self.error)
        else:
            self.body.addWidget(self.error)
        self.build()
        ctx.registry[(q.name, instance)] = self
        self.refresh()

    # -- for subclasses --------------------------------------------------------------------
    def build(self) -> None:
        """Add the input widgets to ``self.body``."""

    def show_value(self, value: Any) -> None:
        """Show ``value`` (the stored answer, or the calculation) in the input."""

    def input_widget(self) -> QWidget | None:
        """The widget that takes the focus."""
        return None

    # -- shared ----------------------------------------------------------------------------
    @property
    def key(self) -> Key:
        """(question name, repeat instance)."""
        return (self.q.name, self.instance)

    @property
    def state(self) -> Any:
        """The form state."""
        return self.ctx.controller.state

    def value(self) -> Any:
        """The effective value (answer or calculation; None when hidden)."""
        return self.state.value(self.q.name, self.instance)

    def refresh(self) -> None:
        """Show the current relevance and value (called when Changes name this question)."""
        relevant = self.state.is_relevant(self.q.name, self.instance)
        if self.isHidden() == relevant:
            self.setVisible(relevant)
        if self.key not in self.ctx.controller.refused:
            self.show_value(self.value())

    def commit(self, value: Any, *, provenance: str | None = None) -> bool:
        """Hand ``value`` to the form; show its message if refused. True if accepted."""
        refused = self.ctx.controller.set_answer(
            self.q.name, value, instance=self.instance, provenance=provenance
        )
        self.show_error(refused)
        return refused is None

    def show_error(self, message: Text | None) -> None:
        """Show (or clear) the form's message inline and as the input's tooltip."""
        shown = text(message) if message is not None else ""
        self.error.setText(shown)
        self.error.setVisible(bool(shown))
        target = self.input_widget()
        if target is not None:
            target.setToolTip(shown)
            target.setProperty("invalid", bool(shown))
            target.style().unpolish(target)
            target.style().polish(target)

    def focus_input(self) -> None:
        """Put the keyboard focus on the input."""
        target = self.input_widget()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
