"""Problems (defects and hazards) and their status history (发现 → 已上报 → 处置中 → 已办结)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fieldapp.core.i18n import Text
from fieldapp.store.base import Stamp, StoreBase
from fieldapp.store.fields import (
    PROBLEM_STATUS,
    SEVERITY,
    InvalidValueError,
    check_choice,
    check_fields,
    encode_json,
)
from fieldapp.store.records import Problem, ProblemEvent, record_from_row

__all__ = ["ProblemRepository"]


def _require_actor(actor: object) -> str:
    if not isinstance(actor, str) or not actor.strip():
        raise InvalidValueError(
            Text("必须注明操作人。", "The person making the change (actor) must be given."),
            field="actor",
        )
    return actor


class ProblemRepository(StoreBase):
    """Operations on problems and their status history."""

    def create_problem(
        self, community_id: str, description: str, *, actor: str, **fields: Any
    ) -> Problem:
        """Record a problem found in a community, with status ``found``.

        ``fields`` are other problem columns (estate_id, building_id, submission_id, question,
        indicator_code, severity, difficulty, resolution_class, remediation_type, lat, lon…).
        The first entry of the status history, by ``actor``, is written in the same
        transaction.
        """
        _require_actor(actor)
        values = check_fields("problems", {"description": description, **fields})
        with self._write() as stamp:
            self._require("communities", community_id)
            self._check_links(community_id, values)
            problem_id = self._insert(
                stamp, "problems", {"community_id": community_id, "status": "found", **values}
            )
            self._add_event(stamp, problem_id, None, "found", actor=actor, note="", evidence=())
        return self.problem(problem_id)

    def update_problem(self, problem_id: str, **fields: Any) -> Problem:
        """Change some fields of a problem. The status changes only through
        :meth:`change_problem_status`, which keeps the history."""
        values = check_fields("problems", fields)
        with self._write() as stamp:
            current = self._require("problems", problem_id)
            links = {
                key: values[key] if key in values else current[key]
                for key in ("estate_id", "building_id", "submission_id")
            }
            self._check_links(current["community_id"], links)
            if "estate_id" in values or "building_id" in values:
                values["estate_id"] = links["estate_id"]
            self._update(stamp, "problems", current, values)
        return self.problem(problem_id)

    def change_problem_status(
        self,
        problem_id: str,
        to_status: str,
        *,
        actor: str,
        note: str = "",
        evidence: Iterable[str] = (),
    ) -> Problem:
        """Move a problem to ``to_status`` and append the change — who, when, note, evidence
        photo ids — to its history, in one transaction.

        Any status may follow any other (a closed problem can be reopened); the same status
        again records a progress note with new evidence.
        """
        check_choice("to_status", to_status, PROBLEM_STATUS)
        _require_actor(actor)
        if not isinstance(note, str):
            raise InvalidValueError(Text("备注应为文字。", "The note must be text."), field="note")
        photo_ids = tuple(evidence)
        with self._write() as stamp:
            current = self._require("problems", problem_id)
            for photo_id in photo_ids:
                self._require("photos", photo_id)
            self._update(stamp, "problems", current, {"status": to_status})
            self._add_event(
                stamp,
                problem_id,
                current["status"],
                to_status,
                actor=actor,
                note=note,
                evidence=photo_ids,
            )
        return self.problem(problem_id)

    def delete_problem(self, problem_id: str) -> Problem:
        """Mark a problem deleted (tombstone); its history stays."""
        with self._write() as stamp:
            self._update(stamp, "problems", self._require("problems", problem_id), {"deleted": 1})
        return self.problem(problem_id, include_deleted=True)

    def problem(self, problem_id: str, *, include_deleted: bool = False) -> Problem:
        """The problem ``problem_id``; NotFoundError if missing (or deleted)."""
        row = self._require("problems", problem_id, live=not include_deleted)
        return record_from_row(Problem, row)

    def problems(
        self,
        community_id: str,
        *,
        status: str | None = None,
        severity: str | None = None,
        include_deleted: bool = False,
    ) -> list[Problem]:
        """The problems of a community, oldest first, optionally of one status or severity."""
        check_choice("status", status, PROBLEM_STATUS)
        check_choice("severity", severity, SEVERITY)
        rows = self._rows(
            "SELECT * FROM problems WHERE community_id = ?1 AND deleted <= ?2 "
            "AND (?3 IS NULL OR status = ?3) AND (?4 IS NULL OR severity = ?4) "
            "ORDER BY created_at, id",
            (community_id, int(include_deleted), status, severity),
        )
        return [record_from_row(Problem, row) for row in rows]

    def problem_history(self, problem_id: str) -> list[ProblemEvent]:
        """The status changes of a problem, oldest first."""
        self._require("problems", problem_id, live=False)
        rows = self._rows(
            "SELECT * FROM problem_events WHERE problem_id = ? AND deleted = 0 "
            "ORDER BY at, hlc, id",
            (problem_id,),
        )
        return [record_from_row(ProblemEvent, row) for row in rows]

    def _check_links(self, community_id: str, links: dict[str, Any]) -> None:
        """Check estate, building and submission against the community; fills in
        ``links["estate_id"]`` from the building when only the building is given."""
        links["estate_id"], _ = self._check_place(
            community_id, links.get("estate_id"), links.get("building_id")
        )
        submission_id = links.get("submission_id")
        if submission_id is not None:
            submission = self._require("submissions", submission_id)
            if submission["community_id"] != community_id:
                raise InvalidValueError(
                    Text(
                        "该填报记录不属于此问题所在的社区。",
                        "The submission does not belong to the problem's community.",
                    ),
                    field="submission_id",
                )

    def _add_event(
        self,
        stamp: Stamp,
        problem_id: str,
        from_status: str | None,
        to_status: str,
        *,
        actor: str,
        note: str,
        evidence: tuple[str, ...],
    ) -> str:
        return self._insert(
            stamp,
            "problem_events",
            {
                "problem_id": problem_id,
                "from_status": from_status,
                "to_status": to_status,
                "actor": actor,
                "at": stamp.at,
                "note": note,
                "evidence": encode_json(list(evidence), field="evidence"),
            },
        )
