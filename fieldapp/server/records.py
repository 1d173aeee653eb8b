"""Synced records on the server: push (merge into the store), pull (pages by cursor).

Every row the devices sync lives in ``records`` as the device's JSON plus what the server
filters on. A push is one transaction: validate and place every change (community, street,
references), authorise it, merge it with :func:`fieldapp.core.merge.decide` — the rule the
devices use — then number the written rows and commit.

The pull cursor is a sequence number given to each written row. Numbers are handed out at
the very end of the transaction by bumping the single row of ``seq_counter``: that row stays
locked until the transaction commits, so a transaction holding numbers up to N commits
before any other can take N+1. Hence "every row numbered ≤ N is committed" holds whenever
the counter reads N, and a device that has read up to N can never miss a row committed
later with a smaller number — the failure of plain auto-increment ids, which are handed out
at INSERT and may commit out of order. (docs/sync.md, "The pull cursor".)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Connection,
    Text,
    and_,
    bindparam,
    delete,
    func,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY

from fieldapp.core.ids import new_uuid7
from fieldapp.core.merge import Action, Version, decide
from fieldapp.server.access import Placement, authorize, place_changes
from fieldapp.server.accounts import Principal, now_iso
from fieldapp.server.blobs import BlobStore
from fieldapp.server.catalog import GLOBAL_TABLES, Catalog
from fieldapp.server.db import ServerDatabase
from fieldapp.server.errors import conflict, not_found
from fieldapp.server.schema import conflicts, photo_blobs, push_batches, records, seq_counter
from fieldapp.store.changes import Change, changes_digest, comparable_content

__all__ = ["PushReport", "RecordStore", "nkey_of", "row_to_change"]


def nkey_of(catalog: Catalog, table: str, data: Mapping[str, Any]) -> str | None:
    """The natural key of a row as stored (JSON text), or None for tables without one."""
    key = catalog.tables[table].natural_key
    if key is None:
        return None
    return json.dumps([data.get(k) for k in key], ensure_ascii=False)


def row_to_change(row: Mapping[Any, Any]) -> Change:
    """A stored record as the change devices receive."""
    return Change(
        table=row["table_name"], id=row["id"], rev=int(row["rev"]), hlc=row["hlc"],
        base_hlc=row["base_hlc"], device_id=row["device_id"], deleted=bool(row["deleted"]),
        data=json.loads(row["data"]),
    )  # fmt: skip


@dataclass(slots=True)
class PushReport:
    """What a push did, counted by outcome; ``conflict_rows`` names the rows concerned."""

    received: int = 0
    inserted: int = 0
    accepted: int = 0
    kept: int = 0
    skipped: int = 0
    conflicts: int = 0
    conflict_rows: list[tuple[str, str]] = field(default_factory=list)
    seq_first: int | None = None
    """The first sequence number this push gave out (see ``pull(own_from=…)``)."""

    def as_json(self) -> dict[str, Any]:
        """The counts as the push response carries them."""
        return {
            "received": self.received, "inserted": self.inserted, "accepted": self.accepted,
            "kept": self.kept, "skipped": self.skipped, "conflicts": self.conflicts,
            "conflict_rows": [list(r) for r in self.conflict_rows], "seq_first": self.seq_first,
        }  # fmt: skip


class RecordStore:
    """Push, pull, conflicts and digest over the ``records`` table."""

    def __init__(self, db: ServerDatabase, catalog: Catalog, blobs: BlobStore) -> None:
        self.db = db
        self.catalog = catalog
        self.blobs = blobs

    # -- push ---------------------------------------------------------------------------

    def push(
        self, principal: Principal, *, batch_id: str, request_sha256: str, changes: list[Change]
    ) -> dict[str, Any]:
        """Apply one batch (idempotent by ``batch_id`` per device); the response body."""

        def work(conn: Connection) -> dict[str, Any]:
            done = conn.execute(
                select(push_batches.c.request_sha256, push_batches.c.response).where(
                    push_batches.c.device_ref == principal.device_ref,
                    push_batches.c.batch_id == batch_id,
                )
            ).first()
            if done is not None:
                if done[0] != request_sha256:
                    raise conflict(
                        "batch_reused",
                        f"批次标识 {batch_id} 已用于另一批不同的变更。",
                        f"The batch id {batch_id} was already used for different changes.",
                    )
                return {**json.loads(done[1]), "replayed": True}
            report = self.apply(conn, changes, principal=principal, check_access=True)
            body = {"batch_id": batch_id, **report.as_json()}
            conn.execute(
                push_batches.insert().values(
                    device_ref=principal.device_ref, batch_id=batch_id,
                    request_sha256=request_sha256, response=json.dumps(body), created_at=now_iso(),
                )
            )  # fmt: skip
            return {**body, "replayed": False}

        return self.db.write(work)

    def apply(
        self,
        conn: Connection,
        changes: Sequence[Change],
        *,
        principal: Principal,
        check_access: bool,
    ) -> PushReport:
        """Merge ``changes`` inside the caller's transaction (see the module docstring)."""
        report = PushReport(received=len(changes))
        if not changes:
            return report
        order = self.catalog.order
        batch = sorted(changes, key=lambda c: order(c.table))
        by_id, by_nkey = self._current(conn, batch)
        placed = place_changes(conn, self.catalog, batch, by_id, by_nkey)
        if check_access:
            authorize(principal, placed)
        self._require_photo_files(placed)

        writes: dict[tuple[str, str], dict[str, Any]] = {}
        inserts: set[tuple[str, str]] = set()
        conflict_rows: list[dict[str, Any]] = []
        now = now_iso()
        for p in placed:
            c = p.change
            # Not p.current: an earlier change of this same batch may have written the row.
            current = by_id.get((c.table, c.id))
            if current is None and p.nkey is not None:
                current = by_nkey.get((c.table, p.nkey))
            incoming = Version(c.hlc, c.base_hlc, comparable_content(c.table, c.data, c.deleted))
            receiver = None
            if current is not None:
                receiver = Version(
                    current["hlc"], current["base_hlc"],
                    comparable_content(c.table, current["data_obj"], bool(current["deleted"])),
                )  # fmt: skip
            decision = decide(receiver, incoming)
            if decision.action is Action.SKIP:
                report.skipped += 1
                continue
            if decision.conflict and current is not None:
                report.conflicts += 1
                report.conflict_rows.append((c.table, current["id"]))
                conflict_rows.extend(self._conflict_records(p, current, decision.action, now))
            if decision.action is Action.KEEP:
                report.kept += 1
                continue
            row_id = current["id"] if current is not None else c.id
            row = {
                "table_name": c.table, "id": row_id, "nkey": p.nkey,
                "community_id": p.community_id,
                "street": p.street if c.table == "communities" else None,
                "hlc": c.hlc, "base_hlc": c.base_hlc, "rev": c.rev, "device_id": c.device_id,
                "deleted": c.deleted, "data": json.dumps(c.data, ensure_ascii=False, sort_keys=True),
                "pushed_by": principal.device_ref, "updated_at": now,
            }  # fmt: skip
            key = (c.table, row_id)
            if current is None and key not in writes:
                inserts.add(key)
                report.inserted += 1
            else:
                report.accepted += 1
            writes[key] = row
            # Later changes of the same batch see this version as the current one.
            stored = {**row, "data_obj": c.data}
            by_id[key] = stored
            if p.nkey is not None:
                by_nkey[(c.table, p.nkey)] = stored
        report.seq_first = self._write(conn, writes, inserts, placed)
        if conflict_rows:
            conn.execute(self.db.insert_ignore(conflicts), conflict_rows)
        return report

    def _current(
        self, conn: Connection, batch: Sequence[Change]
    ) -> tuple[dict[tuple[str, str], dict[str, Any]], dict[tuple[str, str], dict[str, Any]]]:
        """The stored versions of the batch's rows, by id and by natural key — locked
        (PostgreSQL ``FOR UPDATE``) until commit, so a concurrent push of the same row
        waits for this one instead of merging with a stale copy."""
        ids: dict[str, set[str]] = {}
        nkeys: dict[str, set[str]] = {}
        for c in batch:
            ids.setdefault(c.table, set()).add(c.id)
            nkey = nkey_of(self.catalog, c.table, c.data)
            if nkey is not None:
                nkeys.setdefault(c.table, set()).add(nkey)
        by_id: dict[tuple[str, str], dict[str, Any]] = {}
        by_nkey: dict[tuple[str, str], dict[str, Any]] = {}

        def keep(found: Iterable[Mapping[str, Any]]) -> None:
            for r in found:
                if (r["table_name"], r["id"]) in by_id:
                    continue
                row = {**r, "data_obj": json.loads(r["data"])}
                by_id[(r["table_name"], r["id"])] = row
                if r["nkey"] is not None:
                    by_nkey[(r["table_name"], r["nkey"])] = row

        if not self.db.is_postgres:
            condition = or_(*_keys_in(records.c.id, ids), *_keys_in(records.c.nkey, nkeys))
            query = select(records).where(condition).order_by(records.c.table_name, records.c.id)
            keep(conn.execute(query.with_for_update()).mappings())
            return by_id, by_nkey
        keep(conn.execute(_BY_ID, _pairs(ids)).mappings())
        if nkeys:
            keep(conn.execute(_BY_NKEY, _pairs(nkeys)).mappings())
        return by_id, by_nkey

    def _require_photo_files(self, placed: Iterable[Placement]) -> None:
        # The server-side half of "a record is synced only with its photo": a photo row is
        # refused until its file has been uploaded and verified.
        needed = {
            str(p.change.data["sha256"])
            for p in placed
            if p.change.table == "photos" and not p.change.deleted
        }
        missing = sorted(h for h in needed if not self.blobs.has(h))
        if missing:
            raise conflict(
                "photo_missing",
                f"{len(missing)} 张照片的文件尚未上传到服务器（如 {missing[0][:12]}…），"
                "请先上传照片文件再推送其记录。",
                f"The files of {len(missing)} photos are not on the server yet (e.g. "
                f"{missing[0][:12]}…); upload them before pushing their records.",
                missing=missing[:100],
            )
        self.blobs.make_durable(needed)

    def _conflict_records(
        self, p: Placement, current: dict[str, Any], action: Action, now: str
    ) -> list[dict[str, Any]]:
        c = p.change
        mine = comparable_content(c.table, current["data_obj"], bool(current["deleted"]))
        theirs = comparable_content(c.table, c.data, c.deleted)
        stored = (current["hlc"], current["device_id"], mine)
        incoming = (c.hlc, c.device_id, theirs)
        winner, loser = (incoming, stored) if action is Action.ACCEPT else (stored, incoming)
        out = []
        for name in sorted(set(mine) | set(theirs)):
            if mine.get(name) == theirs.get(name):
                continue
            out.append({
                "id": new_uuid7(), "table_name": c.table, "row_id": current["id"], "field": name,
                "community_id": p.community_id,
                "winner_value": json.dumps(winner[2].get(name), ensure_ascii=False),
                "loser_value": json.dumps(loser[2].get(name), ensure_ascii=False),
                "winner_hlc": winner[0], "loser_hlc": loser[0],
                "winner_device": winner[1], "loser_device": loser[1], "created_at": now,
            })  # fmt: skip
        return out

    def _write(
        self,
        conn: Connection,
        writes: dict[tuple[str, str], dict[str, Any]],
        inserts: set[tuple[str, str]],
        placed: Sequence[Placement],
    ) -> int | None:
        """Number and store the written rows; returns the first number (None: none)."""
        first: int | None = None
        if writes:
            # Numbers are taken last: the counter row stays locked only for the writes
            # below and the commit (see the module docstring).
            top = conn.execute(
                update(seq_counter)
                .where(seq_counter.c.id == 1)
                .values(value=seq_counter.c.value + len(writes))
                .returning(seq_counter.c.value)
            ).scalar_one()
            first = int(top) - len(writes) + 1
            new_rows: list[dict[str, Any]] = []
            changed_rows: list[dict[str, Any]] = []
            for n, (key, row) in enumerate(writes.items()):
                row = {**row, "seq": first + n}
                (new_rows if key in inserts else changed_rows).append(row)
            if new_rows:
                if self.db.is_postgres:
                    # One short statement with a column of values per parameter: far less
                    # work for the driver than a row of parameters per statement.
                    conn.execute(_INSERT_ROWS, {c: [r[c] for r in new_rows] for c in _COLUMNS})
                else:
                    conn.execute(records.insert(), new_rows)
            if changed_rows:
                stmt = (
                    update(records)
                    .where(
                        records.c.table_name == bindparam("b_table"),
                        records.c.id == bindparam("b_id"),
                    )
                    .values({k: bindparam(k) for k in _UPDATED})
                )
                conn.execute(
                    stmt,
                    [
                        {"b_table": r["table_name"], "b_id": r["id"], **{k: r[k] for k in _UPDATED}}
                        for r in changed_rows
                    ],
                )
        self._index_photos(conn, writes, placed)
        return first

    def _index_photos(
        self,
        conn: Connection,
        writes: dict[tuple[str, str], dict[str, Any]],
        placed: Sequence[Placement],
    ) -> None:
        """Keep ``photo_blobs`` (which community may download which file) current."""
        photos = {row_id: row for (table, row_id), row in writes.items() if table == "photos"}
        if photos:
            conn.execute(delete(photo_blobs).where(photo_blobs.c.photo_id.in_(sorted(photos))))
            refs = []
            for row_id, row in photos.items():
                data = json.loads(row["data"])
                for h in sorted({data.get("sha256"), data.get("original_sha256")} - {None}):
                    refs.append(
                        {"sha256": h, "photo_id": row_id, "community_id": row["community_id"]}
                    )
            if refs:
                conn.execute(photo_blobs.insert(), refs)
        # A photo without a community of its own takes the one of the first link to it.
        adopted: dict[str, str] = {}
        for p in placed:
            if p.orphan_photo is not None and p.community_id is not None:
                adopted.setdefault(p.orphan_photo, p.community_id)
        for photo_id, community_id in adopted.items():
            conn.execute(
                update(photo_blobs)
                .where(photo_blobs.c.photo_id == photo_id, photo_blobs.c.community_id.is_(None))
                .values(community_id=community_id)
            )
            conn.execute(
                update(records)
                .where(
                    records.c.table_name == "photos",
                    records.c.id == photo_id,
                    records.c.community_id.is_(None),
                )
                .values(community_id=community_id)
            )

    # -- pull ---------------------------------------------------------------------------

    def pull(
        self, principal: Principal, *, after: int, limit: int, own_from: int | None = None
    ) -> dict[str, Any]:
        """One page of rows written after cursor ``after`` that ``principal`` may see, with
        the rows they refer to (so that a device can apply every page on its own).

        ``own_from``: the first number of the caller's pushes in this same sync; rows it
        pushed since then are left out (it has them: it sent them moments ago). Only
        within one sync — a device restored from a backup must get back what it pushed
        before, so this is never applied to older pushes."""
        with self.db.read() as conn:
            # Read the counter first: every row numbered up to it is already committed and
            # visible to the next statement (module docstring), later ones are not needed.
            top = int(conn.execute(select(seq_counter.c.value)).scalar_one())
            query = select(records).where(records.c.seq > after, records.c.seq <= top)
            visible = self._visible(principal)
            if visible is not None:
                query = query.where(visible)
            if own_from is not None:
                query = query.where(
                    or_(
                        records.c.seq < own_from,
                        records.c.pushed_by.is_(None),
                        records.c.pushed_by != principal.device_ref,
                    )
                )
            rows = conn.execute(query.order_by(records.c.seq).limit(limit + 1)).mappings().all()
            more = len(rows) > limit
            rows = rows[:limit]
            ancestors = self._ancestors(conn, rows)
        next_cursor = int(rows[-1]["seq"]) if more else max(top, after)
        changes = [row_to_change(r).to_json() for r in [*ancestors, *rows]]
        return {"changes": changes, "next": next_cursor, "more": more}

    def _visible(self, principal: Principal) -> Any:
        if principal.is_global:
            return None
        communities = select(records.c.id).where(
            records.c.table_name == "communities", records.c.street == principal.street
        )
        return or_(
            records.c.table_name.in_(sorted(GLOBAL_TABLES)),
            records.c.community_id.in_(communities),
        )

    def _ancestors(
        self, conn: Connection, rows: Sequence[Mapping[Any, Any]]
    ) -> list[Mapping[Any, Any]]:
        """Current versions of the rows ``rows`` refer to, transitively. A parent edited
        after its child has a higher number than the child, so without this a device
        reading page by page would meet a child before its parent (its foreign key fails)."""
        have = {(r["table_name"], r["id"]) for r in rows}
        have_nkeys = {(r["table_name"], r["nkey"]) for r in rows if r["nkey"] is not None}
        found: list[Mapping[Any, Any]] = []
        frontier = list(rows)
        while frontier:
            want_ids: dict[str, set[str]] = {}
            want_nkeys: dict[str, set[str]] = {}
            for r in frontier:
                data = json.loads(r["data"])
                for fk in self.catalog.tables[r["table_name"]].foreign_keys:
                    values = [data.get(col) for col in fk.columns]
                    if any(v is None for v in values):
                        continue
                    if fk.by_natural_key:
                        nkey = json.dumps(values, ensure_ascii=False)
                        if (fk.parent, nkey) not in have_nkeys:
                            want_nkeys.setdefault(fk.parent, set()).add(nkey)
                    elif (fk.parent, values[0]) not in have:
                        want_ids.setdefault(fk.parent, set()).add(str(values[0]))
            conditions = [
                and_(records.c.table_name == t, records.c.id.in_(sorted(v)))
                for t, v in want_ids.items()
            ] + [
                and_(records.c.table_name == t, records.c.nkey.in_(sorted(v)))
                for t, v in want_nkeys.items()
            ]
            if not conditions:
                break
            frontier = list(conn.execute(select(records).where(or_(*conditions))).mappings())
            frontier = [r for r in frontier if (r["table_name"], r["id"]) not in have]
            for r in frontier:
                have.add((r["table_name"], r["id"]))
                if r["nkey"] is not None:
                    have_nkeys.add((r["table_name"], r["nkey"]))
            found.extend(frontier)
        order = self.catalog.order
        return sorted(found, key=lambda r: order(r["table_name"]))

    # -- for people ---------------------------------------------------------------------

    def conflicts(
        self, principal: Principal, *, limit: int = 100, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Recorded conflicts, newest first (coordinators and admins see all of them)."""
        query = select(conflicts).order_by(conflicts.c.created_at.desc(), conflicts.c.id)
        if not principal.is_global:
            visible = select(records.c.id).where(
                records.c.table_name == "communities", records.c.street == principal.street
            )
            query = query.where(conflicts.c.community_id.in_(visible))
        with self.db.read() as conn:
            rows = conn.execute(query.limit(limit).offset(offset)).mappings().all()
        return [
            {**r, "winner_value": json.loads(r["winner_value"] or "null"),
             "loser_value": json.loads(r["loser_value"] or "null")}
            for r in rows
        ]  # fmt: skip

    def counts(self) -> dict[str, int]:
        """Live rows by table, and the number of conflicts."""
        with self.db.read() as conn:
            rows = conn.execute(
                select(records.c.table_name, func.count())
                .where(records.c.deleted.is_(False))
                .group_by(records.c.table_name)
            ).all()
            n_conflicts = conn.execute(select(func.count()).select_from(conflicts)).scalar_one()
        out = {str(t): int(n) for t, n in rows}
        out["conflicts"] = int(n_conflicts)
        return out

    def digest(self, principal: Principal | None = None) -> str:
        """The digest devices print (``fieldapp status --json``) over every stored row, or
        over the rows ``principal`` may see (equal to the digest of their synced device)."""
        query = select(records)
        visible = None if principal is None else self._visible(principal)
        if visible is not None:
            query = query.where(visible)
        with self.db.read() as conn:
            rows = conn.execute(query).mappings().all()
        return changes_digest(row_to_change(r) for r in rows)

    def require_row(self, conn: Connection, table: str, row_id: str) -> dict[str, Any]:
        """A stored row (locked for update); 404 if there is none."""
        row = (
            conn.execute(
                select(records)
                .where(records.c.table_name == table, records.c.id == row_id)
                .with_for_update()
            )
            .mappings()
            .first()
        )
        if row is None:
            raise not_found(f"没有记录 {row_id[:64]}。", f"No record {row_id[:64]}.")
        return {**row, "data_obj": json.loads(row["data"])}


def _keys_in(column: Any, keys: Mapping[str, set[str]]) -> list[Any]:
    """(table, key) in ``keys`` as IN lists, to be OR-ed (SQLite plans this well)."""
    return [and_(records.c.table_name == t, column.in_(sorted(v))) for t, v in keys.items()]


def _locked_rows(column: Any) -> Any:
    """PostgreSQL: the rows whose (table_name, ``column``) is one of the pairs of the
    arrays ``tables`` and ``keys``, each locked (``FOR UPDATE``), in the order of the
    pairs — sorted by the caller, so that two pushes lock common rows in the same order.

    One index probe per key, whatever the planner's statistics say: an OR of IN lists, or
    a plain join, is planned as a scan of the whole table (or of every answer) when the
    statistics are those of a table that has just grown — as on a new server the morning
    every device first pushes — and that scan would run while holding the locks. Built
    once: constructing the statement costs more than running it."""
    given = (
        func.unnest(bindparam("tables", type_=ARRAY(Text)), bindparam("keys", type_=ARRAY(Text)))
        .table_valued("t", "k", with_ordinality="n")
        .render_derived()
    )
    # LIMIT 1 keeps the subquery from being flattened into a join the planner may hash.
    row = (
        select(records)
        .where(records.c.table_name == given.c.t, column == given.c.k)
        .limit(1)
        .with_for_update()
        .lateral()
    )
    return select(row).select_from(given.join(row, true())).order_by(given.c.n)


_BY_ID = _locked_rows(records.c.id)
_BY_NKEY = _locked_rows(records.c.nkey)


_COLUMNS = tuple(c.name for c in records.columns)
_ROWS = (
    func.unnest(*[bindparam(c.name, type_=ARRAY(c.type)) for c in records.columns])
    .table_valued(*_COLUMNS)
    .render_derived()
)
_INSERT_ROWS = records.insert().from_select(_COLUMNS, select(*[_ROWS.c[c] for c in _COLUMNS]))
"""PostgreSQL: INSERT … SELECT FROM unnest(one array per column)."""


def _pairs(keys: Mapping[str, set[str]]) -> dict[str, list[str]]:
    pairs = sorted((t, k) for t, v in keys.items() for k in v)
    return {"tables": [t for t, _ in pairs], "keys": [k for _, k in pairs]}


_UPDATED = (
    "seq", "nkey", "community_id", "street", "hlc", "base_hlc", "rev", "device_id", "deleted",
    "data", "pushed_by", "updated_at",
)  # fmt: skip
