"""Helpers of the UI tests: answering what is missing, typing a questionnaire."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from fieldapp.core.forms.model import Question, QuestionType
from fieldapp.ui.form_controller import FormController


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as key events (QTest.keyClicks only knows ASCII; this also types
    Chinese and full-width digits, as an input method delivers them)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def candidates(q: Question) -> list[Any]:
    """Plausible answers for ``q``, tried in order until the form accepts one."""
    t = q.type
    if t is QuestionType.INTEGER:
        low = int(q.minimum or 0)
        return [max(low, 1), max(low, 6), 12, 100, 1000, 0]
    if t is QuestionType.DECIMAL:
        return [2500, 1.5, 100, 0]
    if t is QuestionType.YES_NO:
        return [True, False]
    if t is QuestionType.SINGLE:
        return [o.value for o in q.choices]
    if t is QuestionType.MULTIPLE:
        return [[o.value] for o in q.choices if not o.exclusive] + [
            [o.value] for o in q.choices if o.exclusive
        ]
    if t is QuestionType.RATING:
        return [int(o.value) for o in q.choices] or [3]
    if t is QuestionType.DATE:
        return ["2026-05-01"]
    if t is QuestionType.TEXT:
        return ["现场核实"]
    if t is QuestionType.LOCATION:
        return [{"lat": 30.5, "lon": 114.3}]
    if t is QuestionType.PHOTO:
        return [["photo-1"]]
    return []


def answer_missing(controller: FormController, *, rounds: int = 6) -> None:
    """Answer every required, shown, empty question (answers may reveal more)."""
    for _ in range(rounds):
        missing = controller.session.missing()
        if not missing:
            return
        for m in missing:
            for value in candidates(m.question):
                if controller.set_answer(m.question.name, value, instance=m.instance) is None:
                    break


def type_questionnaire(qtbot: Any, view: Any, *, age_key: str = "3", gender_key: str = "1") -> None:
    """Type one questionnaire into the transcription view with key presses only."""
    start = view.controller.submission.id
    for _ in range(200):
        if view.controller.submission.id != start:
            return
        q = view.current()
        if q is None:
            break
        if q.type in (QuestionType.NOTE, QuestionType.TEXT):
            QTest.keyClick(view.line if q.type is QuestionType.TEXT else view, Qt.Key.Key_Return)
            continue
        if q.name == "age":
            keys = age_key
        elif q.name == "gender":
            keys = gender_key
        elif q.name == "residence":
            keys = "3"  # 3-10 years: a valid respondent
        elif q.type is QuestionType.RATING:
            keys = "4"
        elif q.type is QuestionType.MULTIPLE:
            keys = next(k for k, v, _ in view.keys(q) if not q.option(v).exclusive)
        else:
            keys = "1"
        for ch in keys:
            QTest.keyClick(view, ch)
        if len(view.keys(q)) > 9 and len(keys) == 1:
            view._flush_digits()  # don't wait for a possible second digit
        QTest.keyClick(view, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not view._starting, timeout=5000)
    raise AssertionError("questionnaire did not complete")
