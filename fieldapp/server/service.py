"""The server as one object: its database, photo store, records, clock — and the changes
the server itself makes (a problem's status set at the street office, a published form),
which reach devices through the same pull as everything else."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from fieldapp.core.clock import HybridLogicalClock
from fieldapp.core.i18n import Text
from fieldapp.core.ids import new_uuid7
from fieldapp.server.accounts import Principal
from fieldapp.server.blobs import FileBlobStore
from fieldapp.server.catalog import device_catalog
from fieldapp.server.db import ServerDatabase, database_url
from fieldapp.server.errors import ServerSetupError, forbidden, invalid, not_found
from fieldapp.server.records import PushQueue, RecordStore, nkey_of
from fieldapp.server.schema import records as records_table
from fieldapp.store.base import iso_from_hlc
from fieldapp.store.changes import Change

__all__ = ["Server"]

_SYSTEM = Principal("", "server", "admin", None, "", "server")


class Server:
    """Everything one server process needs, opened from a data directory (and URL)."""

    def __init__(self, data_dir: Path, *, database: str | None = None, migrate: bool = True):
        self.data_dir = Path(data_dir).absolute()
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ServerSetupError(
                Text(
                    f"无法创建服务器数据目录 {self.data_dir}：{exc.strerror or exc}",
                    f"Cannot create the server data directory {self.data_dir}: "
                    f"{exc.strerror or exc}",
                )
            ) from exc
        self.db = ServerDatabase(database_url(self.data_dir, database), data_dir=self.data_dir)
        if migrate:
            self.db.migrate()
        self.server_id = self.db.server_id()
        self.blobs = FileBlobStore(self.data_dir / "blobs")
        self.catalog = device_catalog()
        self.records = RecordStore(self.db, self.catalog, self.blobs)
        self.pushes = PushQueue(self.records)
        """Pushes of the HTTP API, applied in groups (one transaction per group)."""
        self.clock = HybridLogicalClock(f"server-{self.server_id}")

    def close(self) -> None:
        """Finish the queued pushes; release the database connections."""
        self.pushes.close()
        self.db.close()

    # -- changes made on the server -------------------------------------------------------

    def change_problem_status(
        self, principal: Principal, problem_id: str, *, to_status: str, note: str
    ) -> dict[str, Any]:
        """Set a problem's status and append the change to its history, as devices do;
        street offices for their street's problems, coordinators and admins for all."""
        if principal.role == "surveyor":
            raise forbidden(
                "体检员在设备上修改问题状态，并通过同步上传。",
                "Surveyors change a problem's status on their device and sync it.",
            )

        def work(conn: Connection) -> dict[str, Any]:
            row = self.records.require_row(conn, "problems", problem_id)
            if row["deleted"] or not self._may_see(conn, principal, row["community_id"]):
                raise not_found(f"没有问题 {problem_id[:64]}。", f"No problem {problem_id[:64]}.")
            self.clock.observe(row["hlc"])
            stamp = self.clock.now()
            at = iso_from_hlc(stamp)
            data = dict(row["data_obj"])
            from_status = data.get("status")
            data.update(status=to_status, updated_at=at)
            problem = Change(
                table="problems", id=row["id"], rev=int(row["rev"]) + 1, hlc=stamp,
                base_hlc=row["hlc"], device_id=self.clock.device_id, deleted=False, data=data,
            )  # fmt: skip
            event = Change(
                table="problem_events", id=new_uuid7(), rev=1, hlc=stamp, base_hlc="",
                device_id=self.clock.device_id, deleted=False,
                data={"created_at": at, "updated_at": at, "problem_id": row["id"],
                      "from_status": from_status, "to_status": to_status,
                      "actor": principal.username, "at": at, "note": note, "evidence": "[]"},
            )  # fmt: skip
            self.records.apply(conn, [problem, event], principal=_SYSTEM, check_access=False)
            return {"problem": problem.to_json(), "event": event.to_json()}

        return self.db.write(work)

    def _may_see(self, conn: Connection, principal: Principal, community_id: str | None) -> bool:
        if principal.is_global:
            return True
        street = conn.execute(
            select(records_table.c.street).where(
                records_table.c.table_name == "communities", records_table.c.id == community_id
            )
        ).scalar_one_or_none()
        return street is not None and street == principal.street

    def publish_form(self, path: Path) -> tuple[str, str, bool]:
        """Publish a form file to every device: (form id, version, newly published?).
        The same (id, version) with different content is refused: forms are immutable."""
        from fieldapp.core.forms.loader import load_form

        form = load_form(path)
        source = form.source_text
        sha256 = hashlib.sha256(source.encode("utf-8")).hexdigest()
        stamp = self.clock.now()
        at = iso_from_hlc(stamp)
        data = {
            "created_at": at, "updated_at": at, "form_id": form.id, "version": form.version,
            "kind": form.kind.value, "title_zh": form.title.zh, "title_en": form.title.en or None,
            "sha256": sha256, "source_text": source,
        }  # fmt: skip

        def work(conn: Connection) -> bool:
            nkey = nkey_of(self.catalog, "forms", data)
            found = conn.execute(
                select(records_table.c.data).where(
                    records_table.c.table_name == "forms", records_table.c.nkey == nkey
                )
            ).scalar_one_or_none()
            if found is not None:
                if json.loads(found).get("sha256") == sha256:
                    return False
                raise invalid(
                    f"表单 {form.id} 版本 {form.version} 已发布且内容不同；请以新版本号发布。",
                    f"Form {form.id} version {form.version} is already published with different "
                    "content; publish it under a new version.",
                )
            change = Change(
                table="forms", id=new_uuid7(), rev=1, hlc=stamp, base_hlc="",
                device_id=self.clock.device_id, deleted=False, data=data,
            )  # fmt: skip
            self.records.apply(conn, [change], principal=_SYSTEM, check_access=False)
            return True

        return form.id, form.version, self.db.write(work)

    def status(self) -> dict[str, Any]:
        """Counts by table, conflicts and the digest (equal to converged devices')."""
        from fieldapp.server.accounts import list_users

        return {
            "server_id": self.server_id,
            "database": "postgresql" if self.db.is_postgres else "sqlite",
            "users": len(list_users(self.db)),
            "records": self.records.counts(),
            "digest": self.records.digest(),
        }
