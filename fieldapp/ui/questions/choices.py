"""Chosen answers: single choice, multiple choice, yes/no and ratings (also as grid rows)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QWidget,
)

from fieldapp.core.forms.model import Option
from fieldapp.ui.i18n import text
from fieldapp.ui.questions.base import QuestionWidget


class _Buttons(QuestionWidget):
    """Options as touch-sized buttons laid out in columns; a clear button when answered."""

    columns = 2

    def options(self) -> list[tuple[str, str]]:
        """(value, label) of each option, in order."""
        return [(o.value, text(o.label)) for o in self.q.choices]

    def make_button(self, label: str) -> QAbstractButton:
        return QRadioButton(label)

    def build(self) -> None:
        self.buttons: dict[str, QAbstractButton] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        options = self.options()
        columns = 1 if any(len(label) > 18 for _, label in options) else self.columns
        if self.horizontal:
            columns = len(options)
        for i, (value, label) in enumerate(options):
            button = self.make_button(label)
            button.setObjectName(f"opt_{self.q.name}_{value}")
            self.buttons[value] = button
            self.group.addButton(button)
            grid.addWidget(button, i // columns, i % columns)
        self.group.buttonClicked.connect(self._clicked)
        grid.setHorizontalSpacing(28)
        row = QHBoxLayout()
        row.addLayout(grid)
        row.addStretch(1)
        self.clear = QPushButton(self.tr("清除"))
        self.clear.setObjectName(f"clear_{self.q.name}")
        self.clear.setToolTip(self.tr("清除这一题的答案"))
        self.clear.clicked.connect(lambda: self.commit(None))
        row.addWidget(self.clear)
        self.body.addLayout(row)

    def input_widget(self) -> QWidget | None:
        return next(iter(self.buttons.values()), None)

    def chosen(self, value: Any) -> set[str]:
        """The option values ``value`` selects."""
        if value is None:
            return set()
        if isinstance(value, bool):
            return {"yes" if value else "no"}
        if isinstance(value, list):
            return {str(v) for v in value}
        return {str(value)}

    def show_value(self, value: Any) -> None:
        chosen = self.chosen(value)
        for option, button in self.buttons.items():
            button.setChecked(option in chosen)
        self.clear.setVisible(bool(chosen) and self.q.is_input)

    def _clicked(self, button: QAbstractButton) -> None:
        value = next(v for v, b in self.buttons.items() if b is button)
        if not self.commit(self.answer_for(value, button.isChecked())):
            self.show_value(self.state.answer(self.q.name, self.instance))

    def answer_for(self, value: str, checked: bool) -> Any:
        """The answer after the option ``value`` was clicked (radio: always that option)."""
        return value


class SingleQuestion(_Buttons):
    """One option of several."""


class YesNoQuestion(_Buttons):
    """是 / 否."""

    columns = 2

    def options(self) -> list[tuple[str, str]]:
        return [("yes", self.tr("是")), ("no", self.tr("否"))]

    def answer_for(self, value: str, checked: bool) -> Any:
        return value == "yes"


class MultipleQuestion(_Buttons):
    """Several options; an exclusive one ("none of the above") clears the others, and
    ordered questions (rankings) show the order of choice."""

    def make_button(self, label: str) -> QAbstractButton:
        return QCheckBox(label)

    def answer_for(self, value: str, checked: bool) -> Any:
        current = [str(v) for v in self.state.answer(self.q.name, self.instance) or []]
        if not checked:
            current = [v for v in current if v != value]
        else:
            option: Option | None = self.q.option(value)
            if option is not None and option.exclusive:
                current = [value]
            else:
                exclusive = {o.value for o in self.q.choices if o.exclusive}
                current = [v for v in current if v not in exclusive] + [value]
        return current or None

    def show_value(self, value: Any) -> None:
        super().show_value(value)
        if self.q.ordered:
            order = [str(v) for v in value or []]
            for (option, label), button in zip(self.options(), self.buttons.values(), strict=True):
                rank = order.index(option) + 1 if option in order else 0
                button.setText(f"{label}（{rank}）" if rank else label)


class RatingQuestion(_Buttons):
    """A rating: its scale's options (value and label), or 1..max."""

    columns = 3

    def options(self) -> list[tuple[str, str]]:
        if self.q.scale is not None:
            return [(o.value, f"{o.value} {text(o.label)}") for o in self.q.scale.options]
        return [(str(i), str(i)) for i in range(1, int(self.q.maximum or 5) + 1)]

    def answer_for(self, value: str, checked: bool) -> Any:
        return int(value)


class RatingRow(RatingQuestion):
    """One row of a rating grid: the row's label beside the scale's buttons."""

    horizontal = True

    def build(self) -> None:
        self.title.setMinimumWidth(260)
        self.title.setMaximumWidth(360)
        super().build()
