"""Reads of many records at once, for reports over a whole community (hundreds of
questionnaires): one query instead of one per submission."""

from __future__ import annotations

import json
from typing import Any

from fieldapp.store.base import StoreBase

__all__ = ["BulkReadRepository"]


class BulkReadRepository(StoreBase):
    """Read-only queries spanning many submissions."""

    def answers_by_submission(
        self, community_id: str, form_id: str, *, status: str | None = "completed"
    ) -> dict[str, dict[tuple[str, str], Any]]:
        """The live answers of every live submission of ``form_id`` in a community (of one
        status, default completed): submission id → (question, instance) → decoded value —
        what :meth:`answers` gives for each of them."""
        rows = self._db.conn.execute(
            "SELECT a.submission_id, a.question, a.instance, a.value FROM answers AS a "
            "JOIN submissions AS s ON s.id = a.submission_id "
            "WHERE s.community_id = ?1 AND s.form_id = ?2 AND s.deleted = 0 "
            "AND (?3 IS NULL OR s.status = ?3) AND a.deleted = 0",
            (community_id, form_id, status),
        ).fetchall()
        out: dict[str, dict[tuple[str, str], Any]] = {}
        for submission_id, question, instance, value in rows:
            out.setdefault(submission_id, {})[(question, instance)] = (
                None if value is None else json.loads(value)
            )
        return out
