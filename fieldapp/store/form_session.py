"""Filling one submission: the form engine validates, the store saves every change at once.

This is the one path by which the app, the CLI and the demo write answers, so that an
invalid value is refused with the form's message and never stored, and an answer shown as
saved is committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.core.errors import AnswerError, NotFoundError
from fieldapp.core.forms import Changes, Form, FormState, load_form_text
from fieldapp.core.forms.model import Question
from fieldapp.core.i18n import Text
from fieldapp.store.records import AnswerInput

if TYPE_CHECKING:
    from fieldapp.store.records import Submission
    from fieldapp.store.store import Store


@dataclass(frozen=True, slots=True)
class Missing:
    """A required answer that is still empty, for the "what is missing" list."""

    question: Question
    instance: str

    @property
    def text(self) -> Text:
        """How the missing item is shown to users."""
        label = self.question.label
        return Text(f"“{label.zh}” 未填写", f"'{label.en or label.zh}' is not answered")


class IncompleteError(AnswerError):
    """Completing a submission failed: ``missing`` answers and ``invalid`` ones."""

    def __init__(self, missing: list[Missing], invalid: list[AnswerError]) -> None:
        lines = [m.text for m in missing] + [e.text for e in invalid]
        shown = lines[:10]
        more = len(lines) - len(shown)
        zh = "；".join(t.zh for t in shown) + (f"；另有 {more} 项" if more else "")
        en = "; ".join(t.en for t in shown) + (f"; and {more} more" if more else "")
        first = missing[0].question.name if missing else invalid[0].question
        super().__init__(Text(f"尚不能完成：{zh}", f"cannot complete yet: {en}"), question=first)
        self.missing = missing
        self.invalid = invalid


def form_for_submission(store: Store, submission: Submission) -> Form:
    """The exact form version a submission was started with, from the store."""
    for record in store.forms():
        if record.form_id == submission.form_id and record.version == submission.form_version:
            return load_form_text(record.source_text, path=f"{record.form_id}@{record.version}")
    raise NotFoundError(
        Text(
            f"找不到填报所用的表单 {submission.form_id} {submission.form_version}",
            f"form {submission.form_id} {submission.form_version} of this submission is missing",
        )
    )


class FormSession:
    """One submission open for editing."""

    def __init__(self, store: Store, form: Form, submission: Submission) -> None:
        self.store = store
        self.form = form
        self.submission = submission
        instances = self._source_instances()
        self.state = FormState(form, store.answers(submission.id), instances=instances)

    @classmethod
    def start(
        cls,
        store: Store,
        form: Form,
        community_id: str,
        *,
        surveyor: str = "",
        estate_id: str | None = None,
        building_id: str | None = None,
    ) -> FormSession:
        """Register ``form`` (if new) and start a draft submission for a community."""
        store.register_form(
            form.id, form.version, form.kind.value, form.title.zh, form.title.en, form.source_text
        )
        submission = store.create_submission(
            community_id,
            form.id,
            form.version,
            surveyor=surveyor,
            estate_id=estate_id,
            building_id=building_id,
        )
        return cls(store, form, submission)

    @classmethod
    def open(cls, store: Store, submission_id: str) -> FormSession:
        """Reopen a submission exactly where it was left."""
        submission = store.submission(submission_id)
        return cls(store, form_for_submission(store, submission), submission)

    def _source_instances(self) -> dict[str, list[str]]:
        # Repeat groups fed by the community's records get one instance per record.
        out: dict[str, list[str]] = {}
        estates = None
        for q in self.form.questions:
            if not q.repeat_source:
                continue
            if estates is None:
                estates = self.store.estates(self.submission.community_id)
            if q.repeat_source == "estates":
                out[q.name] = [e.id for e in estates]
            else:
                out[q.name] = [b.id for e in estates for b in self.store.buildings(e.id)]
        return out

    def set_answer(
        self, name: str, value: Any, *, instance: str = "", provenance: str | None = None
    ) -> Changes:
        """Validate, save (committed before returning) and apply one answer."""
        canonical = self.state.validate(name, value, instance=instance)
        self.store.save_answer(
            self.submission.id, name, canonical, instance=instance, provenance=provenance
        )
        return self.state.apply(name, canonical, instance=instance)

    def set_answers(self, items: Sequence[tuple[Any, ...]]) -> Changes:
        """Validate and save several answers in one transaction, e.g. an imported record.

        Each item is ``(name, instance, value)`` or ``(name, instance, value, provenance)``.
        Nothing is saved, and the state is unchanged, if any answer is invalid."""
        changes = Changes()
        canonical: list[AnswerInput] = []
        try:
            for name, instance, value, *rest in items:
                # Apply as we go: later answers may depend on earlier ones (relevance...).
                value = self.state.validate(name, value, instance=instance)
                canonical.append(AnswerInput(name, value, instance, rest[0] if rest else None))
                step = self.state.apply(name, value, instance=instance)
                changes.values |= step.values
                changes.relevance |= step.relevance
                changes.indicators |= step.indicators
            self.store.save_answers(self.submission.id, canonical)
        except Exception:
            # Nothing was stored: rebuild the state from what the store holds.
            self.state = FormState(
                self.form,
                self.store.answers(self.submission.id),
                instances=self._source_instances(),
            )
            raise
        return changes

    def add_instance(self, group: str, key: str) -> Changes:
        """Add a repeat instance (it is stored with its first answer)."""
        return self.state.add_instance(group, key)

    def missing(self) -> list[Missing]:
        """Required answers still empty, in form order."""
        return [Missing(q, i) for q, i in self.state.missing_required()]

    def complete(self) -> None:
        """Mark the submission completed; IncompleteError lists what is missing or invalid."""
        missing = self.missing()
        invalid = self.state.invalid_answers()
        if missing or invalid:
            raise IncompleteError(missing, invalid)
        self.submission = self.store.set_submission_status(self.submission.id, "completed")

    def reopen(self) -> None:
        """Put a completed submission back into draft."""
        self.submission = self.store.set_submission_status(self.submission.id, "draft")

    def set_last_section(self, section: str) -> None:
        """Remember the section on screen, so a draft reopens where it was left."""
        self.submission = self.store.set_last_section(self.submission.id, section)
