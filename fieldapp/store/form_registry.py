"""Registered form definitions: immutable per (form_id, version)."""

from __future__ import annotations

import hashlib

from fieldapp.core.errors import NotFoundError
from fieldapp.core.i18n import Text
from fieldapp.store.base import StoreBase
from fieldapp.store.fields import InvalidValueError
from fieldapp.store.records import FormRecord, record_from_row

__all__ = ["FormRepository"]


def _require_text(field: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(
            Text(f"字段 {field}：不能为空。", f"Field {field}: must not be empty."), field=field
        )
    return value


class FormRepository(StoreBase):
    """Operations on registered forms."""

    def register_form(
        self,
        form_id: str,
        version: str,
        kind: str,
        title_zh: str,
        title_en: str | None,
        source_text: str,
    ) -> FormRecord:
        """Store a form definition, or return the stored one if it is identical.

        Forms are immutable: registering different content under an existing (form_id,
        version) is refused with InvalidValueError — publish it as a new version instead.
        """
        for field, value in (
            ("form_id", form_id),
            ("version", version),
            ("kind", kind),
            ("title_zh", title_zh),
            ("source_text", source_text),
        ):
            _require_text(field, value)
        if title_en is not None and not isinstance(title_en, str):
            _require_text("title_en", title_en)
        sha256 = hashlib.sha256(source_text.encode("utf-8")).hexdigest()
        # Looked up before opening a transaction: the built-in forms are registered at every
        # start, and an identical registration should write nothing.
        rows = self._rows(
            "SELECT * FROM forms WHERE form_id = ? AND version = ?", (form_id, version)
        )
        if not rows:
            with self._write() as stamp:
                row_id = self._insert(
                    stamp,
                    "forms",
                    {
                        "form_id": form_id,
                        "version": version,
                        "kind": kind,
                        "title_zh": title_zh,
                        "title_en": title_en,
                        "sha256": sha256,
                        "source_text": source_text,
                    },
                )
            return record_from_row(FormRecord, self._require("forms", row_id))
        existing = rows[0]
        if (existing["sha256"], existing["kind"], existing["title_zh"], existing["title_en"]) != (
            sha256,
            kind,
            title_zh,
            title_en,
        ):
            raise InvalidValueError(
                Text(
                    f"表单 {form_id} 版本 {version} 已登记，且内容不同。表单登记后不可修改；"
                    "如需修改，请以新版本号发布。",
                    f"Form {form_id} version {version} is already registered with different "
                    "content. Registered forms cannot change; publish the change as a new "
                    "version.",
                ),
                field="source_text",
            )
        return record_from_row(FormRecord, existing)

    def form(self, form_id: str, version: str) -> FormRecord:
        """The registered form (form_id, version); NotFoundError if it is not registered."""
        rows = self._rows(
            "SELECT * FROM forms WHERE form_id = ? AND version = ? AND deleted = 0",
            (form_id, version),
        )
        if not rows:
            raise NotFoundError(
                Text(
                    f"表单 {str(form_id)[:80]} 版本 {str(version)[:40]} 尚未登记。",
                    f"Form {str(form_id)[:80]} version {str(version)[:40]} is not registered.",
                )
            )
        return record_from_row(FormRecord, rows[0])

    def forms(self, *, form_id: str | None = None) -> list[FormRecord]:
        """Registered forms (all versions of ``form_id``, if given), by id then version."""
        if form_id is None:
            rows = self._rows("SELECT * FROM forms WHERE deleted = 0 ORDER BY form_id, version")
        else:
            rows = self._rows(
                "SELECT * FROM forms WHERE deleted = 0 AND form_id = ? ORDER BY version",
                (form_id,),
            )
        return [record_from_row(FormRecord, row) for row in rows]
