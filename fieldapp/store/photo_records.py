"""Photo records and their links to problems and questions (rows only: the files themselves
are written by the photo pipeline, content-addressed under ``photos/``)."""

from __future__ import annotations

from typing import Any

from fieldapp.core.i18n import Text
from fieldapp.store.base import StoreBase
from fieldapp.store.fields import InvalidValueError, check_fields
from fieldapp.store.records import Photo, PhotoLink, record_from_row

__all__ = ["PhotoRepository"]

_HEX = frozenset("0123456789abcdef")


def _check_sha256(field: str, value: object) -> str:
    if not isinstance(value, str) or len(value) != 64 or not set(value) <= _HEX:
        raise InvalidValueError(
            Text(
                f"字段 {field}：应为 64 位小写十六进制 SHA-256 值。",
                f"Field {field}: must be a SHA-256 digest in 64 lowercase hex digits.",
            ),
            field=field,
        )
    return value


class PhotoRepository(StoreBase):
    """Operations on photo records and photo links."""

    def add_photo(self, sha256: str, **fields: Any) -> Photo:
        """Record a photo whose file has SHA-256 ``sha256``; ``fields`` are other photo
        columns (width, height, bytes, mime, taken_at, lat, lon, caption, annotation,
        original_sha256, community_id)."""
        _check_sha256("sha256", sha256)
        values = check_fields("photos", fields)
        if values.get("original_sha256") is not None:
            _check_sha256("original_sha256", values["original_sha256"])
        with self._write() as stamp:
            if values.get("community_id") is not None:
                self._require("communities", values["community_id"])
            photo_id = self._insert(stamp, "photos", {"sha256": sha256, **values})
        return self.photo(photo_id)

    def update_photo(self, photo_id: str, **fields: Any) -> Photo:
        """Change a photo's metadata (caption, annotation, coordinates…); never its file."""
        values = check_fields("photos", fields)
        if values.get("original_sha256") is not None:
            _check_sha256("original_sha256", values["original_sha256"])
        with self._write() as stamp:
            current = self._require("photos", photo_id)
            if values.get("community_id") is not None:
                self._require("communities", values["community_id"])
            self._update(stamp, "photos", current, values)
        return self.photo(photo_id)

    def delete_photo(self, photo_id: str) -> Photo:
        """Mark a photo record deleted (tombstone); the file is left to the photo pipeline."""
        with self._write() as stamp:
            self._update(stamp, "photos", self._require("photos", photo_id), {"deleted": 1})
        return self.photo(photo_id, include_deleted=True)

    def photo(self, photo_id: str, *, include_deleted: bool = False) -> Photo:
        """The photo ``photo_id``; NotFoundError if missing (or deleted)."""
        return record_from_row(Photo, self._require("photos", photo_id, live=not include_deleted))

    def photos(
        self,
        *,
        community_id: str | None = None,
        problem_id: str | None = None,
        submission_id: str | None = None,
        include_deleted: bool = False,
    ) -> list[Photo]:
        """Photos, oldest first: of a community, or linked to a problem or a submission."""
        linked = problem_id is not None or submission_id is not None
        rows = self._rows(
            "SELECT * FROM photos AS p WHERE p.deleted <= ?1 "
            "AND (?2 IS NULL OR p.community_id = ?2) "
            "AND (NOT ?3 OR EXISTS (SELECT 1 FROM photo_links AS l WHERE l.photo_id = p.id "
            "AND l.deleted = 0 AND (?4 IS NULL OR l.problem_id = ?4) "
            "AND (?5 IS NULL OR l.submission_id = ?5))) "
            "ORDER BY p.created_at, p.id",
            (int(include_deleted), community_id, int(linked), problem_id, submission_id),
        )
        return [record_from_row(Photo, row) for row in rows]

    def photo_hashes(self, *, community_id: str | None = None) -> list[tuple[str, str, str | None]]:
        """(photo id, sha256, original sha256) of live photos — cheap enough to check
        thousands of photos for duplicates without loading their records."""
        rows = self._rows(
            "SELECT id, sha256, original_sha256 FROM photos WHERE deleted = 0 "
            "AND (?1 IS NULL OR community_id = ?1) ORDER BY created_at, id",
            (community_id,),
        )
        return [(r["id"], r["sha256"], r["original_sha256"]) for r in rows]

    def link_photo(
        self,
        photo_id: str,
        *,
        problem_id: str | None = None,
        submission_id: str | None = None,
        question: str | None = None,
        instance: str = "",
    ) -> PhotoLink:
        """Attach a photo to a problem and/or a submission (optionally one question of it)."""
        if problem_id is None and submission_id is None:
            raise InvalidValueError(
                Text(
                    "照片必须关联到问题或填报记录。",
                    "A photo must be linked to a problem or a submission.",
                ),
                field="problem_id",
            )
        if question is not None and submission_id is None:
            raise InvalidValueError(
                Text(
                    "关联到题目时必须同时给出填报记录。",
                    "Linking to a question needs its submission too.",
                ),
                field="question",
            )
        if not isinstance(instance, str):
            raise InvalidValueError(
                Text("重复组实例标识应为文字。", "The repeat instance key must be text."),
                field="instance",
            )
        with self._write() as stamp:
            self._require("photos", photo_id)
            if problem_id is not None:
                self._require("problems", problem_id)
            if submission_id is not None:
                self._require("submissions", submission_id)
            link_id = self._insert(
                stamp,
                "photo_links",
                {
                    "photo_id": photo_id,
                    "problem_id": problem_id,
                    "submission_id": submission_id,
                    "question": question,
                    "instance": instance,
                },
            )
        return record_from_row(PhotoLink, self._require("photo_links", link_id))

    def unlink_photo(self, link_id: str) -> PhotoLink:
        """Remove a photo link (tombstone)."""
        with self._write() as stamp:
            current = self._require("photo_links", link_id)
            self._update(stamp, "photo_links", current, {"deleted": 1})
        return record_from_row(PhotoLink, self._require("photo_links", link_id, live=False))

    def photo_links(
        self,
        *,
        photo_id: str | None = None,
        problem_id: str | None = None,
        submission_id: str | None = None,
        include_deleted: bool = False,
    ) -> list[PhotoLink]:
        """Photo links, oldest first, filtered by photo, problem and/or submission."""
        rows = self._rows(
            "SELECT * FROM photo_links WHERE deleted <= ?1 AND (?2 IS NULL OR photo_id = ?2) "
            "AND (?3 IS NULL OR problem_id = ?3) AND (?4 IS NULL OR submission_id = ?4) "
            "ORDER BY created_at, id",
            (int(include_deleted), photo_id, problem_id, submission_id),
        )
        return [record_from_row(PhotoLink, row) for row in rows]
