"""Questionnaire transcription: stacks of paper questionnaires typed in with the keyboard.

One question at a time: digit keys choose options (1–9 by position; two digits for longer
lists; ratings by their value), a digit toggles an option of a multiple choice, Enter or Tab
moves on (Shift+Tab back), Ctrl+Enter completes early. After the last question the
questionnaire is completed and the next blank one opens by itself. A running count and the
sampling-rule check stay in view. Every keystroke is saved at once, like any answer.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from fieldapp.core.forms import check_sampling
from fieldapp.core.forms.model import Question, QuestionType
from fieldapp.ui.form_controller import SAVED, SAVING, FormController
from fieldapp.ui.i18n import text
from fieldapp.ui.views import role_label

if TYPE_CHECKING:
    from fieldapp.core.forms import Form
    from fieldapp.store.records import Community, Submission
    from fieldapp.ui.ops import OpRunner
    from fieldapp.ui.writer import Writer

# Two-digit option numbers: the second digit is awaited this long after the first.
SECOND_DIGIT_MS = 700
_DIGITS = {getattr(Qt.Key, f"Key_{d}"): d for d in range(10)}


class TranscriptionView(QWidget):
    """Keyboard-only entry of one questionnaire after another, with the running count and
    the sampling check."""

    questionnaire_completed = Signal(str)
    ready = Signal()

    def __init__(
        self,
        writer: Writer,
        ops: OpRunner,
        community: Community,
        form: Form,
        *,
        surveyor: str = "",
    ) -> None:
        super().__init__()
        self.writer = writer
        self.ops = ops
        self.community = community
        self.form = form
        self.surveyor = surveyor
        self.controller: FormController | None = None
        self.questions = [
            q
            for q in form.by_name.values()
            if (q.is_input or q.type is QuestionType.NOTE) and not q.repeat_group
        ]
        self.position = 0
        self.entered = 0
        self.responses: list[dict[str, Any]] = []
        self._buffer = ""
        self._queued_keys: list[tuple[int, Qt.KeyboardModifier, str]] = []
        self._starting = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build()
        self._second_digit = QTimer(self)
        self._second_digit.setSingleShot(True)
        self._second_digit.setInterval(SECOND_DIGIT_MS)
        self._second_digit.timeout.connect(self._flush_digits)
        self._load_responses()
        self.start_next()

    def _build(self) -> None:
        layout = QHBoxLayout(self)
        main = QVBoxLayout()
        head = QHBoxLayout()
        head.addWidget(role_label(self.tr("问卷录入") + " · " + text(self.form.title), "title"), 1)
        self.save_label = QLabel()
        self.save_label.setObjectName("transcription_save_state")
        head.addWidget(self.save_label)
        main.addLayout(head)
        self.where = role_label("", "hint")
        self.where.setObjectName("transcription_where")
        main.addWidget(self.where)
        self.question = role_label("", "question")
        self.question.setObjectName("transcription_question")
        font = self.question.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.question.setFont(font)
        main.addWidget(self.question)
        self.hint = role_label("", "hint")
        main.addWidget(self.hint)
        self.options = QLabel()
        self.options.setObjectName("transcription_options")
        self.options.setTextFormat(Qt.TextFormat.RichText)
        self.options.setWordWrap(True)
        font = self.options.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.options.setFont(font)
        main.addWidget(self.options)
        self.line = QLineEdit()
        self.line.setObjectName("transcription_text")
        self.line.installEventFilter(self)
        main.addWidget(self.line)
        self.message = role_label("", "error")
        self.message.setObjectName("transcription_message")
        main.addWidget(self.message)
        main.addStretch(1)
        main.addWidget(
            role_label(
                self.tr(
                    "数字键选择选项（多选题再按一次取消），Enter 或 Tab 下一题，Shift+Tab 上一题，"
                    "Ctrl+Enter 提前完成本份问卷；最后一题后自动打开下一份空白问卷。"
                ),
                "hint",
            )
        )
        layout.addLayout(main, 3)
        panel = QFrame()
        panel.setProperty("role", "card")
        side = QVBoxLayout(panel)
        side.setContentsMargins(16, 12, 16, 12)
        self.count = role_label("", "heading")
        self.count.setObjectName("transcription_count")
        side.addWidget(self.count)
        self.sampling = role_label("", "body")
        self.sampling.setObjectName("transcription_sampling")
        self.sampling.setTextFormat(Qt.TextFormat.RichText)
        side.addWidget(self.sampling)
        side.addStretch(1)
        layout.addWidget(panel, 2)

    # -- questionnaires --------------------------------------------------------------------
    def _load_responses(self) -> None:
        from fieldapp.ui.summary import responses

        writer, form, community_id = self.writer, self.form, self.community.id

        def load(_progress: Any) -> list[dict[str, Any]]:
            reader = writer.new_reader()
            try:
                ids = [
                    s.id
                    for s in reader.submissions(community_id, form_id=form.id, status="completed")
                ]
                return responses(reader, ids)
            finally:
                reader.close()

        self.ops.run(load, on_success=self._responses_loaded)

    def _responses_loaded(self, loaded: list[dict[str, Any]]) -> None:
        self.responses = loaded + self.responses
        self._show_counts()

    def start_next(self) -> None:
        """Open the next blank questionnaire (keys typed meanwhile are kept for it)."""
        from fieldapp.store.form_session import FormSession

        self._starting = True
        form, community_id, surveyor = self.form, self.community.id, self.surveyor
        self.writer.submit(
            lambda s: FormSession.start(s, form, community_id, surveyor=surveyor).submission,
            on_success=self._started,
            on_failure=self._failed,
        )

    def _started(self, submission: Submission) -> None:
        if self.controller is not None:
            self.controller.save_state_changed.disconnect(self._show_save_state)
        self.controller = FormController(self.writer, self.form, submission)
        self.controller.save_state_changed.connect(self._show_save_state)
        self._starting = False
        self.position = -1
        self.move(1)
        self._show_save_state(self.controller.save_state)
        self.ready.emit()
        queued, self._queued_keys = self._queued_keys, []
        for key, modifiers, typed in queued:
            self.handle_key(key, modifiers, typed)

    def _complete(self) -> None:
        assert self.controller is not None
        controller = self.controller
        problem = controller.complete()
        if problem is not None:
            first = (
                problem.missing[0].question.name if problem.missing else problem.invalid[0].question
            )
            self.show_question(self._index_of(first))
            self.message.setText(text(problem.text))
            return
        response = {n: v for (n, i), v in controller.state.answers().items() if not i}
        submission_id = controller.submission.id
        controller.status_saved.connect(
            lambda status: self._counted(submission_id, response) if status == "completed" else None
        )
        self.start_next()

    def _counted(self, submission_id: str, response: dict[str, Any]) -> None:
        self.entered += 1
        self.responses.append(response)
        self._show_counts()
        self.questionnaire_completed.emit(submission_id)

    def _show_counts(self) -> None:
        report = check_sampling(self.form, self.responses)
        self.count.setText(
            self.tr("本次已录入 {0} 份\n本社区已完成 {1} 份，有效 {2} 份").format(
                self.entered, report.total, report.valid
            )
        )
        title = self.tr("抽样要求")
        lines = [f"<b>{html.escape(title)}</b>"]
        for check in report.checks:
            colour = "#1b7f3b" if check.ok else "#c62828"
            mark = "✔" if check.ok else "✘"
            lines.append(
                f"<span style='color:{colour}'>{mark} {html.escape(text(check.text))}</span>"
            )
        self.sampling.setText("<br>".join(lines))

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(text(getattr(exc, "text", None)) or str(exc))

    # -- questions -------------------------------------------------------------------------
    def _index_of(self, name: str) -> int:
        return next((i for i, q in enumerate(self.questions) if q.name == name), 0)

    def current(self) -> Question | None:
        """The question on screen."""
        if 0 <= self.position < len(self.questions):
            return self.questions[self.position]
        return None

    def move(self, step: int) -> None:
        """Go to the next (or previous) question that is shown; past the last, complete."""
        assert self.controller is not None
        state = self.controller.state
        i = self.position + step
        while 0 <= i < len(self.questions) and not state.is_relevant(self.questions[i].name):
            i += step
        if i >= len(self.questions):
            self._complete()
            return
        self.show_question(max(i, 0))

    def show_question(self, index: int) -> None:
        """Show question ``index`` with its options and current answer."""
        self.position = index
        self._buffer = ""
        self.message.clear()
        q = self.questions[index]
        section = next(s for s in self.form.sections if s.name == q.section)
        self.where.setText(
            self.tr("第 {0}/{1} 题 · {2}").format(
                index + 1, len(self.questions), text(section.label)
            )
        )
        title = text(q.label) + (" *" if q.required else "")
        if q.parent and self.form.by_name[q.parent].type is QuestionType.GROUP:
            title = text(self.form.by_name[q.parent].label) + "\n" + title
        self.question.setText(title)
        self.hint.setText(text(q.hint) if q.hint else "")
        typed = q.type in (
            QuestionType.TEXT,
            QuestionType.INTEGER,
            QuestionType.DECIMAL,
            QuestionType.DATE,
        )
        self.line.setVisible(typed)
        self.options.setVisible(not typed)
        if typed:
            value = self.controller.state.answer(q.name) if self.controller else None
            self.line.setText("" if value is None else str(value))
            self.line.setFocus()
            self.line.selectAll()
        else:
            self.setFocus()
            self._show_options()

    def keys(self, q: Question) -> list[tuple[str, str, str]]:
        """(key, option value, label) of each option: ratings by value, others by position."""
        if q.type is QuestionType.YES_NO:
            return [("1", "yes", self.tr("是")), ("2", "no", self.tr("否"))]
        if q.type is QuestionType.RATING and q.scale is None:
            return [(str(i), str(i), str(i)) for i in range(1, int(q.maximum or 5) + 1)]
        if q.type is QuestionType.RATING:
            return [(o.value, o.value, text(o.label)) for o in q.choices]
        return [(str(n), o.value, text(o.label)) for n, o in enumerate(q.choices, 1)]

    def _show_options(self) -> None:
        q = self.current()
        if q is None or self.controller is None:
            return
        if q.type is QuestionType.NOTE:
            self.options.setText(html.escape(self.tr("（说明，按 Enter 继续）")))
            return
        value = self.controller.state.answer(q.name)
        chosen = _chosen(value)
        rows = []
        for key, option, label in self.keys(q):
            rank = ""
            if q.ordered and isinstance(value, list) and option in value:
                rank = f" （{value.index(option) + 1}）"
            if option in chosen:
                rows.append(
                    f"<div style='background:#d7ecff'><b>[{key}] ✔ {html.escape(label)}{rank}</b></div>"
                )
            else:
                rows.append(f"<div>[{key}] {html.escape(label)}</div>")
        self.options.setText("".join(rows))

    # -- keys ------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # Tab moves to the next question here, not to the next widget.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        ):
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
                Qt.Key.Key_Tab,
                Qt.Key.Key_Backtab,
            ):
                self.keyPressEvent(event)
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.handle_key(Qt.Key(event.key()), event.modifiers(), event.text())

    def handle_key(self, key: Qt.Key | int, modifiers: Any, typed: str = "") -> None:
        """React to one key (queued while the next questionnaire is being opened)."""
        if self._starting or self.controller is None:
            self._queued_keys.append((key, modifiers, typed))
            return
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl:
            self._commit_line()
            self._complete()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
            if self._second_digit.isActive():
                self._flush_digits()
            if self._commit_line():
                self.move(1)
        elif key == Qt.Key.Key_Backtab or (
            key == Qt.Key.Key_Tab and modifiers & Qt.KeyboardModifier.ShiftModifier
        ):
            self._commit_line()
            self.move(-1)
        elif key in _DIGITS and not self.line.isVisible():
            self._digit(str(_DIGITS[key]))

    def _digit(self, digit: str) -> None:
        q = self.current()
        if q is None or q.type is QuestionType.NOTE:
            return
        keys = [k for k, _, _ in self.keys(q)]
        self._buffer += digit
        longer = [k for k in keys if k.startswith(self._buffer) and k != self._buffer]
        if longer:
            self._second_digit.start()  # "1" may be option 1 or the start of 10–14
            return
        self._flush_digits()

    def _flush_digits(self) -> None:
        self._second_digit.stop()
        buffer, self._buffer = self._buffer, ""
        q = self.current()
        if q is None or self.controller is None:
            return
        match = [(k, v) for k, v, _ in self.keys(q) if k == buffer]
        if not match:
            self.message.setText(self.tr("没有选项 {0}").format(buffer))
            return
        option = match[0][1]
        value: Any
        if q.type is QuestionType.MULTIPLE:
            current = [str(v) for v in self.controller.state.answer(q.name) or []]
            value = [v for v in current if v != option] if option in current else [*current, option]
            value = value or None
        elif q.type is QuestionType.YES_NO:
            value = option == "yes"
        elif q.type is QuestionType.RATING:
            value = int(option)
        else:
            value = option
        refused = self.controller.set_answer(q.name, value)
        self.message.setText(text(refused) if refused else "")
        self._show_options()

    def _commit_line(self) -> bool:
        q = self.current()
        if q is None or self.controller is None or not self.line.isVisible():
            return True
        typed = self.line.text()
        current = self.controller.state.answer(q.name)
        if typed.strip() == ("" if current is None else str(current)):
            return True
        refused = self.controller.set_answer(q.name, typed if typed.strip() else None)
        self.message.setText(text(refused) if refused else "")
        return refused is None

    def _show_save_state(self, state: str) -> None:
        shown = {SAVED: self.tr("✔ 已保存"), SAVING: self.tr("保存中…")}.get(
            state, self.tr("✘ 保存失败")
        )
        colour = {SAVED: "#1b7f3b", SAVING: "#3d5a80"}.get(state, "#c62828")
        self.save_label.setText(shown)
        self.save_label.setStyleSheet(f"color: {colour}; font-weight: bold;")


def _chosen(value: Any) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, bool):
        return {"yes" if value else "no"}
    if isinstance(value, list):
        return {str(v) for v in value}
    return {str(value)}
