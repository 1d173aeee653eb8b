"""Submissions (filled forms) and their answers, stored one row per answered question.

One row per (submission, question, repeat instance) rather than one JSON blob per submission,
so that two devices editing different questions of the same submission merge cleanly.
Checking answers against the form is the core form engine's job, before it calls the store;
the store checks only what keeps the database consistent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from fieldapp.core.errors import NotFoundError
from fieldapp.core.i18n import Text
from fieldapp.store.base import Stamp, StoreBase
from fieldapp.store.fields import (
    PROVENANCE,
    SUBMISSION_STATUS,
    InvalidValueError,
    check_choice,
    encode_json,
)
from fieldapp.store.records import AnswerInput, AnswerRow, Submission, record_from_row

__all__ = ["SubmissionRepository"]

AnswerKey = tuple[str, str]
"""(question, repeat-group instance); the instance is "" outside repeat groups."""


def _check_key(question: object, instance: object) -> None:
    if not isinstance(question, str) or not question:
        raise InvalidValueError(
            Text("题目名称不能为空。", "The question name must not be empty."), field="question"
        )
    if not isinstance(instance, str):
        raise InvalidValueError(
            Text("重复组实例标识应为文字。", "The repeat instance key must be text."),
            field="instance",
        )


class SubmissionRepository(StoreBase):
    """Operations on submissions and answers."""

    # -- submissions ----------------------------------------------------------------------

    def create_submission(
        self,
        community_id: str,
        form_id: str,
        form_version: str,
        *,
        surveyor: str | None,
        estate_id: str | None = None,
        building_id: str | None = None,
    ) -> Submission:
        """Start a draft of form (form_id, form_version) for a community.

        The form must be registered; an estate and building, if given, must belong to the
        community (a building alone implies its estate).
        """
        with self._write() as stamp:
            self._require("communities", community_id)
            if not self._rows(
                "SELECT 1 FROM forms WHERE form_id = ? AND version = ? AND deleted = 0",
                (form_id, form_version),
            ):
                raise NotFoundError(
                    Text(
                        f"表单 {str(form_id)[:80]} 版本 {str(form_version)[:40]} 尚未登记。",
                        f"Form {str(form_id)[:80]} version {str(form_version)[:40]} is not "
                        "registered.",
                    )
                )
            estate_id, building_id = self._check_place(community_id, estate_id, building_id)
            submission_id = self._insert(
                stamp,
                "submissions",
                {
                    "community_id": community_id,
                    "form_id": form_id,
                    "form_version": form_version,
                    "status": "draft",
                    "surveyor": surveyor,
                    "estate_id": estate_id,
                    "building_id": building_id,
                    "started_at": stamp.at,
                },
            )
        return self.submission(submission_id)

    def submission(self, submission_id: str, *, include_deleted: bool = False) -> Submission:
        """The submission ``submission_id``; NotFoundError if missing (or deleted)."""
        row = self._require("submissions", submission_id, live=not include_deleted)
        return record_from_row(Submission, row)

    def submissions(
        self,
        community_id: str,
        *,
        form_id: str | None = None,
        status: str | None = None,
        include_deleted: bool = False,
    ) -> list[Submission]:
        """The submissions of a community, oldest first, optionally of one form or status."""
        rows = self._rows(
            "SELECT * FROM submissions WHERE community_id = ?1 AND deleted <= ?2 "
            "AND (?3 IS NULL OR form_id = ?3) AND (?4 IS NULL OR status = ?4) "
            "ORDER BY started_at, id",
            (community_id, int(include_deleted), form_id, status),
        )
        return [record_from_row(Submission, row) for row in rows]

    def set_submission_status(self, submission_id: str, status: str) -> Submission:
        """Mark a submission ``draft`` or ``completed`` (completing records completed_at)."""
        check_choice("status", status, SUBMISSION_STATUS)
        with self._write() as stamp:
            current = self._require("submissions", submission_id)
            if current["status"] != status:
                completed_at = stamp.at if status == "completed" else None
                self._update(
                    stamp,
                    "submissions",
                    current,
                    {"status": status, "completed_at": completed_at},
                )
        return self.submission(submission_id)

    def set_last_section(self, submission_id: str, section: str | None) -> Submission:
        """Remember the section the surveyor was on, to reopen a draft where it was left."""
        if section is not None and not isinstance(section, str):
            raise InvalidValueError(
                Text("字段 last_section：应为文字。", "Field last_section: must be text."),
                field="last_section",
            )
        with self._write() as stamp:
            current = self._require("submissions", submission_id)
            self._update(stamp, "submissions", current, {"last_section": section})
        return self.submission(submission_id)

    def delete_submission(self, submission_id: str) -> Submission:
        """Mark a submission deleted (tombstone); its answers stay, for sync and recovery."""
        with self._write() as stamp:
            current = self._require("submissions", submission_id)
            self._update(stamp, "submissions", current, {"deleted": 1})
        return self.submission(submission_id, include_deleted=True)

    # -- answers --------------------------------------------------------------------------

    def save_answer(
        self,
        submission_id: str,
        question: str,
        value: Any,
        *,
        instance: str = "",
        provenance: str | None = None,
    ) -> int:
        """Save one answer, committed to disk before returning; return the answer's rev.

        ``value`` is stored as canonical JSON; ``provenance`` (provided / imagery / site)
        describes this value and is stored as given. Saving the value and provenance already
        stored writes nothing and returns the current rev.
        """
        with self._write() as stamp:
            self._require("submissions", submission_id)
            return self._put_answer(stamp, submission_id, question, value, instance, provenance)

    def save_answers(
        self,
        submission_id: str,
        items: Iterable[AnswerInput | tuple[Any, ...]] | Mapping[AnswerKey, Any],
    ) -> dict[AnswerKey, int]:
        """Save several answers in one transaction: all are committed, or none.

        ``items`` are :class:`AnswerInput` values or tuples in the same order — (question,
        value[, instance[, provenance]]) — or a mapping (question, instance) → value as
        returned by :meth:`answers`. Returns each answer's rev.
        """
        if isinstance(items, Mapping):
            inputs = [AnswerInput(q, v, instance=i) for (q, i), v in items.items()]
        else:
            inputs = [i if isinstance(i, AnswerInput) else AnswerInput(*i) for i in items]
        revs: dict[AnswerKey, int] = {}
        with self._write() as stamp:
            self._require("submissions", submission_id)
            for item in inputs:
                revs[(item.question, item.instance)] = self._put_answer(
                    stamp, submission_id, item.question, item.value, item.instance, item.provenance
                )
        return revs

    def clear_answer(self, submission_id: str, question: str, *, instance: str = "") -> int:
        """Clear an answer: the row becomes a tombstone without its value. Returns its rev,
        or 0 when the question had no answer."""
        _check_key(question, instance)
        with self._write() as stamp:
            self._require("submissions", submission_id)
            current = self._answer_row(submission_id, question, instance)
            if current is None:
                return 0
            return self._update(
                stamp, "answers", current, {"deleted": 1, "value": None, "provenance": None}
            )

    def answers(self, submission_id: str) -> dict[AnswerKey, Any]:
        """The live answers of a submission: (question, instance) → decoded value."""
        return {(row.question, row.instance): row.value for row in self.answer_rows(submission_id)}

    def answer_rows(self, submission_id: str, *, include_deleted: bool = False) -> list[AnswerRow]:
        """The answer rows of a submission with provenance and sync bookkeeping."""
        self._require("submissions", submission_id, live=False)
        rows = self._rows(
            "SELECT * FROM answers WHERE submission_id = ? AND deleted <= ? "
            "ORDER BY question, instance",
            (submission_id, int(include_deleted)),
        )
        return [record_from_row(AnswerRow, row) for row in rows]

    def _answer_row(
        self, submission_id: str, question: str, instance: str
    ) -> dict[str, Any] | None:
        rows = self._rows(
            "SELECT * FROM answers WHERE submission_id = ? AND question = ? AND instance = ?",
            (submission_id, question, instance),
        )
        return rows[0] if rows else None

    def _put_answer(
        self,
        stamp: Stamp,
        submission_id: str,
        question: str,
        value: Any,
        instance: str,
        provenance: str | None,
    ) -> int:
        _check_key(question, instance)
        check_choice("provenance", provenance, PROVENANCE)
        encoded = encode_json(value, field=question)
        current = self._answer_row(submission_id, question, instance)
        if current is None:
            self._insert(
                stamp,
                "answers",
                {
                    "submission_id": submission_id,
                    "question": question,
                    "instance": instance,
                    "value": encoded,
                    "provenance": provenance,
                },
            )
            return 1
        return self._update(
            stamp, "answers", current, {"value": encoded, "provenance": provenance, "deleted": 0}
        )
