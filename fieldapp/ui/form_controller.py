"""One submission open for editing in the UI: the FormSession on the main thread, its writes
queued on the writer, and what the views need (save state, per-section progress, errors).

The session's state lives on the main thread, where the widgets read it; the FormSession is
given a :class:`SessionStore` whose reads go to the main thread's read-only connection and
whose writes are queued on the writer. FormSession stays the one path that validates and
writes answers: an invalid value is refused before anything is queued.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from fieldapp.core.errors import AnswerError
from fieldapp.core.forms import Form
from fieldapp.core.forms.model import Question, QuestionType, Section
from fieldapp.core.i18n import Text
from fieldapp.store.form_session import FormSession, IncompleteError
from fieldapp.store.records import AnswerInput

if TYPE_CHECKING:
    from fieldapp.store.records import Submission
    from fieldapp.ui.writer import Writer

Key = tuple[str, str]
SAVED, SAVING, FAILED = "saved", "saving", "failed"


class SessionStore:
    """The store as a FormSession on the UI thread sees it: reads from the main thread's
    read-only connection, writes queued on the writer and acknowledged to the controller."""

    def __init__(self, writer: Writer, controller: FormController) -> None:
        self._writer = writer
        self._controller = controller

    # reads
    def answers(self, submission_id: str) -> dict[Key, Any]:
        """Committed answers (the session reads them once, when it opens)."""
        return self._writer.reader().answers(submission_id)

    def estates(self, community_id: str) -> list[Any]:
        """Estates of a community (repeat groups fed by records)."""
        return self._writer.reader().estates(community_id)

    def buildings(self, estate_id: str) -> list[Any]:
        """Buildings of an estate (repeat groups fed by records)."""
        return self._writer.reader().buildings(estate_id)

    # writes
    def save_answer(
        self,
        submission_id: str,
        question: str,
        value: Any,
        *,
        instance: str = "",
        provenance: str | None = None,
    ) -> int:
        """Queue one validated answer; the controller hears when it is on disk."""
        key = (question, instance)
        ctl = self._controller
        ctl._begin_save([key])
        self._writer.submit(
            lambda s: s.save_answer(
                submission_id, question, value, instance=instance, provenance=provenance
            ),
            on_success=lambda _rev: ctl._end_save([(key, value)]),
            on_failure=lambda exc: ctl._fail_save([key], exc),
        )
        return 0

    def save_answers(self, submission_id: str, items: Sequence[AnswerInput]) -> dict[Key, int]:
        """Queue several validated answers, saved in one transaction."""
        items = list(items)
        keys = [(i.question, i.instance) for i in items]
        ctl = self._controller
        ctl._begin_save(keys)
        self._writer.submit(
            lambda s: s.save_answers(submission_id, items),
            on_success=lambda _revs: ctl._end_save(
                [((i.question, i.instance), i.value) for i in items]
            ),
            on_failure=lambda exc: ctl._fail_save(keys, exc),
        )
        return dict.fromkeys(keys, 0)

    def set_submission_status(self, submission_id: str, status: str) -> Submission:
        """Queue the status change; the controller hears when it is on disk."""
        ctl = self._controller
        ctl._begin_save([("", status)])
        self._writer.submit(
            lambda s: s.set_submission_status(submission_id, status),
            on_success=lambda sub: ctl._status_saved(sub),
            on_failure=lambda exc: ctl._fail_save([("", status)], exc),
        )
        return dataclasses.replace(ctl.session.submission, status=status)

    def set_last_section(self, submission_id: str, section: str | None) -> Submission:
        """Queue remembering the section on screen."""
        self._writer.submit(
            lambda s: s.set_last_section(submission_id, section),
            on_failure=lambda exc: self._controller._fail_save([], exc),
        )
        return dataclasses.replace(self._controller.session.submission, last_section=section)


class FormController(QObject):
    """The UI side of one open submission: set answers, track saving, progress and errors."""

    changed = Signal(object)  # Changes
    save_state_changed = Signal(str)  # SAVED / SAVING / FAILED
    answer_saved = Signal(str, str, object)  # name, instance, value: on disk
    status_saved = Signal(str)  # the submission's status, on disk
    refused_changed = Signal()

    def __init__(self, writer: Writer, form: Form, submission: Submission) -> None:
        super().__init__()
        self.writer = writer
        self.form = form
        self._pending: dict[Key, int] = {}
        self.failed: dict[Key, BaseException] = {}
        self.last_error: BaseException | None = None
        self.refused: dict[Key, Text] = {}
        self.session = FormSession(SessionStore(writer, self), form, submission)  # type: ignore[arg-type]
        self.provenance: dict[Key, str | None] = {
            (r.question, r.instance): r.provenance
            for r in writer.reader().answer_rows(submission.id)
        }
        self.by_section: dict[str, list[Question]] = {s.name: [] for s in form.sections}
        for q in form.by_name.values():
            if q.is_input or q.type is QuestionType.INDICATOR:
                self.by_section.setdefault(q.section, []).append(q)

    # -- reading ---------------------------------------------------------------------------
    @property
    def state(self) -> Any:
        """The live FormState."""
        return self.session.state

    @property
    def submission(self) -> Submission:
        """The submission as last known."""
        return self.session.submission

    @property
    def save_state(self) -> str:
        """SAVED when every change is on disk, SAVING while some are queued, FAILED after an
        error until the failed answers are saved."""
        if self.failed or (self.last_error is not None and not self._pending):
            return FAILED
        return SAVING if self._pending else SAVED

    def section(self, name: str) -> Section:
        """The section called ``name``."""
        return next(s for s in self.form.sections if s.name == name)

    def progress(self, section: str) -> tuple[int, int]:
        """(answered, shown) input questions of a section, counting each repeat instance."""
        state = self.state
        answered = total = 0
        for q in self.by_section.get(section, ()):
            if q.type is QuestionType.INDICATOR:
                continue
            keys = state.instances(q.repeat_group) if q.repeat_group else [""]
            for instance in keys:
                if not state.is_relevant(q.name, instance):
                    continue
                total += 1
                if state.value(q.name, instance) not in (None, "", []):
                    answered += 1
        return answered, total

    def errors_by_section(self) -> dict[str, list[Text]]:
        """Refused inputs and answers no longer meeting their constraint, by section."""
        out: dict[str, list[Text]] = {}
        for (name, _), message in self.refused.items():
            out.setdefault(self._section_of(name), []).append(message)
        for error in self.state.invalid_answers():
            out.setdefault(self._section_of(error.question), []).append(error.text)
        return out

    def _section_of(self, name: str) -> str:
        q = self.form.by_name.get(name)
        return q.section if q else ""

    # -- editing ---------------------------------------------------------------------------
    def set_answer(
        self, name: str, value: Any, *, instance: str = "", provenance: str | None = None
    ) -> Text | None:
        """Validate, queue and apply an answer; the form's message if it is refused."""
        key = (name, instance)
        q = self.form.by_name[name]
        if q.provenance and provenance is None:
            provenance = self.provenance.get(key)
        try:
            changes = self.session.set_answer(name, value, instance=instance, provenance=provenance)
        except AnswerError as exc:
            self.refused[key] = exc.text
            self.refused_changed.emit()
            return exc.text
        if q.provenance:
            self.provenance[key] = provenance
        if self.refused.pop(key, None) is not None:
            self.refused_changed.emit()
        changes.values.add(key)
        self.changed.emit(changes)
        return None

    def clear_refused(self, name: str, instance: str = "") -> None:
        """Forget a refused input (the widget went back to the stored value)."""
        if self.refused.pop((name, instance), None) is not None:
            self.refused_changed.emit()

    def add_instance(self, group: str, key: str) -> None:
        """Add a repeat instance (stored with its first answer)."""
        self.changed.emit(self.session.add_instance(group, key))

    def set_last_section(self, section: str) -> None:
        """Remember the section on screen (a draft reopens there)."""
        if self.session.submission.last_section != section:
            self.session.set_last_section(section)

    def complete(self) -> IncompleteError | None:
        """Mark completed, or the IncompleteError listing what is missing or invalid."""
        try:
            self.session.complete()
        except IncompleteError as exc:
            return exc
        return None

    # -- acknowledgements (main thread, from the writer) -----------------------------------
    def _begin_save(self, keys: list[Key]) -> None:
        for key in keys:
            self._pending[key] = self._pending.get(key, 0) + 1
        self.save_state_changed.emit(self.save_state)

    def _settle(self, key: Key) -> None:
        left = self._pending.get(key, 0) - 1
        if left > 0:
            self._pending[key] = left
        else:
            self._pending.pop(key, None)

    def _end_save(self, saved: list[tuple[Key, Any]]) -> None:
        for key, value in saved:
            self._settle(key)
            self.failed.pop(key, None)
            self.answer_saved.emit(key[0], key[1], value)
        if not self.failed:
            self.last_error = None
        self.save_state_changed.emit(self.save_state)

    def _status_saved(self, submission: Submission) -> None:
        self._settle(("", submission.status))
        self.session.submission = submission
        self.save_state_changed.emit(self.save_state)
        self.status_saved.emit(submission.status)

    def _fail_save(self, keys: list[Key], exc: BaseException) -> None:
        for key in keys:
            self._settle(key)
            self.failed[key] = exc
        self.last_error = exc
        self.save_state_changed.emit(self.save_state)
