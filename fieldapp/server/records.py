"""Synced records on the server: push (merge into the store), pull (pages by cursor).

Every row the devices sync lives in ``records`` as the device's JSON plus what the server
filters on. Pushes are applied in groups, one transaction per group (:class:`PushQueue`,
:meth:`RecordStore.push_group`): each batch is placed (community, street, references),
authorised and merged with :func:`fieldapp.core.merge.decide` — the rule the devices use —
on top of what the batches before it in the group wrote; then all written rows are
numbered and stored, and the transaction commits. (docs/sync.md, "Group commit".)

The pull cursor is a sequence number given to each written row. Numbers are handed out at
the very end of the transaction by bumping the single row of ``seq_counter``: that row stays
locked until the transaction commits, so a transaction holding numbers up to N commits
before any other can take N+1. Hence "every row numbered ≤ N is committed" holds whenever
the counter reads N, and a device that has read up to N can never miss a row committed
later with a smaller number — the failure of plain auto-increment ids, which are handed out
at INSERT and may commit out of order. (docs/sync.md, "The pull cursor".)
"""

from __future__ import annotations

import bisect
import hashlib
import json
import operator
import threading
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Connection,
    and_,
    bindparam,
    delete,
    func,
    or_,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.exc import DBAPIError

from fieldapp.core.ids import new_uuid7
from fieldapp.core.merge import Action, Version, decide
from fieldapp.server.access import (
    Known,
    Placement,
    authorize,
    key_text,
    place_changes,
    prefetch,
    references,
)
from fieldapp.server.accounts import Principal, authenticate, now_iso
from fieldapp.server.blobs import BlobStore
from fieldapp.server.catalog import GLOBAL_TABLES, Catalog
from fieldapp.server.db import ServerDatabase
from fieldapp.server.errors import ApiError, conflict, not_found
from fieldapp.server.schema import (
    conflicts,
    devices,
    photo_blobs,
    push_batches,
    records,
    seq_counter,
    users,
)
from fieldapp.server.validation import PushBody, data_text, legacy_digest
from fieldapp.store.changes import Change, changes_digest, comparable_content

__all__ = [
    "DEFERRED",
    "PushItem",
    "PushQueue",
    "PushReport",
    "RecordStore",
    "nkey_of",
    "row_to_change",
]


def nkey_of(catalog: Catalog, table: str, data: Mapping[str, Any]) -> str | None:
    """The natural key of a row as stored (JSON text), or None for tables without one."""
    key = catalog.tables[table].natural_key
    if key is None:
        return None
    return key_text([data.get(k) for k in key])


# Built once: json.dumps with arguments makes a new encoder on every call. Same output.
_to_json = json.JSONEncoder(ensure_ascii=False).encode


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


class _Deferred:
    def __repr__(self) -> str:
        return "DEFERRED"


DEFERRED: Any = _Deferred()
"""The outcome of a batch that must wait for the next group (see RecordStore._merge)."""

PushOutcome = dict[str, Any] | ApiError | _Deferred


@dataclass(slots=True)
class PushItem:
    """One batch to apply: its id, the digest of its content, its validated changes, and
    whose it is — a principal, or a bearer token checked in the group's transaction."""

    batch_id: str
    request_sha256: str
    changes: list[Change]
    principal: Principal | None = None
    token: str | None = None
    data_texts: list[str] | None = None
    """Each change's data as stored (validation.PushBody), when already made."""
    body: bytes | None = None
    """The request as received: a replay of a batch stored by an earlier version is
    recognised by the digest that version kept (validation.legacy_digest)."""

    @classmethod
    def of_request(
        cls,
        body: bytes,
        parsed: PushBody,
        *,
        token: str | None = None,
        principal: Principal | None = None,
    ) -> PushItem:
        """The batch of a push request (``body``, as ``parse_push`` read it)."""
        return cls(
            parsed.batch_id, parsed.request_sha256, parsed.changes, principal=principal,
            token=token, data_texts=parsed.data_texts, body=body,
        )  # fmt: skip


Key = tuple[str, str]


@dataclass(slots=True)
class _Group:
    """What the batches of one transaction have merged so far, not yet stored."""

    by_id: dict[Key, dict[str, Any]]
    """Current version of each row (stored, or written earlier in the group), by id…"""
    by_nkey: dict[Key, dict[str, Any]]
    """… and by natural key."""
    writes: dict[Key, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    """(table, id) → (position of the batch that wrote it last, the row), in that order."""
    nkeys: set[Key] = field(default_factory=set)
    inserts: set[Key] = field(default_factory=set)
    adopted: set[Key] = field(default_factory=set)
    """Photos given the community of a link (by _index_photos, when stored)."""
    conflict_rows: list[dict[str, Any]] = field(default_factory=list)
    placed: list[Placement] = field(default_factory=list)
    known: Known | None = None
    """Stored rows referred to and streets, read for all the group's batches at once."""
    data_texts: dict[int, str] = field(default_factory=dict)
    """Data of changes as stored, by ``id()`` of the change, where the parser made it."""


def _replay(item: PushItem, request_sha256: str, response: str) -> PushOutcome:
    if request_sha256 != item.request_sha256 and (
        item.body is None or legacy_digest(item.body) != request_sha256
    ):
        return conflict(
            "batch_reused",
            f"批次标识 {item.batch_id} 已用于另一批不同的变更。",
            f"The batch id {item.batch_id} was already used for different changes.",
        )
    return {**json.loads(response), "replayed": True}


class PushQueue:
    """Group commit: pushes arriving while another group is being applied wait, and the
    next group takes all of them (up to ``max_batches`` batches or ``max_changes``
    changes) into one transaction — one lookup, one bump of the counter, one commit —
    on one thread of its own. :meth:`submit` returns a future for the batch's outcome.

    A group that fails as a whole (an error no check foresaw) is applied again one batch
    at a time, so that only the batch at fault gets the error."""

    def __init__(self, records: RecordStore, *, max_batches: int = 64, max_changes: int = 5000):
        self.records = records
        self.max_batches = max_batches
        self.max_changes = max_changes
        self._cond = threading.Condition()
        self._queue: deque[tuple[PushItem, Future[dict[str, Any]]]] = deque()
        self._thread: threading.Thread | None = None
        self._closed = False

    def submit(self, item: PushItem) -> Future[dict[str, Any]]:
        """Queue ``item``; its future gets the response body or the ApiError."""
        future: Future[dict[str, Any]] = Future()
        with self._cond:
            if self._closed:
                raise RuntimeError("the push queue is closed")
            self._queue.append((item, future))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="fieldapp-push-group", daemon=True
                )
                self._thread.start()
            self._cond.notify()
        return future

    def close(self) -> None:
        """Finish what is queued, then stop the thread."""
        with self._cond:
            self._closed = True
            self._cond.notify()
            thread = self._thread
        if thread is not None:
            thread.join(60)

    def _take(self) -> list[tuple[PushItem, Future[dict[str, Any]]]] | None:
        with self._cond:
            while not self._queue:
                if self._closed:
                    return None
                self._cond.wait()
            group: list[tuple[PushItem, Future[dict[str, Any]]]] = []
            changes = 0
            while self._queue and len(group) < self.max_batches:
                item, future = self._queue[0]
                if group and changes + len(item.changes) > self.max_changes:
                    break
                self._queue.popleft()
                # Not running yet: False if the caller gave up (running: deferred once already).
                if future.running() or future.set_running_or_notify_cancel():
                    group.append((item, future))
                    changes += len(item.changes)
            return group

    def _run(self) -> None:
        while (group := self._take()) is not None:
            if group:
                self._apply(group)

    def _apply(self, group: list[tuple[PushItem, Future[dict[str, Any]]]]) -> None:
        items = [item for item, _ in group]
        outcomes: list[PushOutcome | BaseException]
        try:
            outcomes = list(self.records.push_group(items))
        except Exception:  # each batch alone, to find the one at fault
            outcomes = []
            for item in items:
                try:
                    outcomes.append(self.records.push_group([item])[0])
                except Exception as exc:  # that batch's own answer (a 500)
                    outcomes.append(exc)
        deferred = []
        for (item, future), outcome in zip(group, outcomes, strict=True):
            if outcome is DEFERRED:
                deferred.append((item, future))
            elif isinstance(outcome, BaseException):
                future.set_exception(outcome)
            else:
                assert isinstance(outcome, dict)
                future.set_result(outcome)
        if deferred:
            with self._cond:
                self._queue.extendleft(reversed(deferred))


class RecordStore:
    """Push, pull, conflicts and digest over the ``records`` table."""

    def __init__(self, db: ServerDatabase, catalog: Catalog, blobs: BlobStore) -> None:
        self.db = db
        self.catalog = catalog
        self.blobs = blobs
        # Per table: (column, parent table) of each part of its natural key that refers to a
        # row by id — a row that is matched by id alone (see _new_parent).
        self._key_parents = {
            name: tuple(
                (fk.columns[0], fk.parent)
                for fk in info.foreign_keys
                if not fk.by_natural_key
                and fk.columns[0] in info.natural_key
                and catalog.tables[fk.parent].natural_key is None
            )
            for name, info in catalog.tables.items()
            if info.natural_key is not None
        }

    # -- push ---------------------------------------------------------------------------

    def push(
        self, principal: Principal, *, batch_id: str, request_sha256: str, changes: list[Change]
    ) -> dict[str, Any]:
        """Apply one batch (idempotent by ``batch_id`` per device); the response body."""
        item = PushItem(batch_id, request_sha256, changes, principal=principal)
        outcome = self.push_group([item])[0]
        if isinstance(outcome, BaseException):
            raise outcome
        assert isinstance(outcome, dict)
        return outcome

    def push_group(self, items: Sequence[PushItem]) -> list[PushOutcome]:
        """Apply several batches in ONE transaction (group commit, docs/sync.md "The pull
        cursor"): for each batch, in order, its response body, the ApiError it is refused
        with, or DEFERRED (it must wait for the next group, see :meth:`_merge`).

        The outcome of every batch is what it would be were the batches pushed one after
        another: each is merged on top of what the batches before it wrote, and a batch
        refused (token, permission, reference, photo file, reused id) writes nothing and
        leaves the others alone — all refusals are decided before anything is written."""

        def work(conn: Connection) -> list[PushOutcome]:
            out: list[PushOutcome] = [DEFERRED] * len(items)
            who = self._principals(conn, items)
            done = self._done_batches(conn, items, who)
            live: list[int] = []
            seen: set[tuple[str, str]] = set()
            for i, item in enumerate(items):
                principal = who[i]
                if isinstance(principal, ApiError):
                    out[i] = principal
                    continue
                key = (principal.device_ref, item.batch_id)
                if key in done:
                    out[i] = _replay(item, *done[key])
                    continue
                if key in seen:  # a new batch id twice in one group: the second waits
                    continue
                seen.add(key)
                live.append(i)
            changes = [c for i in live for c in items[i].changes]
            nkeys: dict[int, str | None] = {}
            group = self._group(conn, changes, nkeys)
            for i in live:
                if (texts := items[i].data_texts) is not None:
                    group.data_texts.update(zip(map(id, items[i].changes), texts, strict=True))
            # What placing each batch would read, read once for the group.
            group.known = prefetch(conn, self.catalog, changes, group.by_id.values())
            group.known.nkeys = nkeys
            reports: dict[int, PushReport] = {}
            for i in live:
                principal = who[i]
                assert isinstance(principal, Principal)
                try:
                    report = self._merge(
                        conn, items[i].changes, principal=principal, check_access=True,
                        group=group, owner=i,
                    )  # fmt: skip
                except ApiError as exc:
                    out[i] = exc
                    continue
                if report is not None:
                    reports[i] = report
            first_of = self._flush(conn, group)
            now = now_iso()
            answered = []
            for i, report in reports.items():
                principal = who[i]
                assert isinstance(principal, Principal)
                if report.inserted or report.accepted:
                    report.seq_first = first_of(i)
                body = {"batch_id": items[i].batch_id, **report.as_json()}
                answered.append({
                    "device_ref": principal.device_ref, "batch_id": items[i].batch_id,
                    "request_sha256": items[i].request_sha256, "response": json.dumps(body),
                    "created_at": now,
                })  # fmt: skip
                out[i] = {**body, "replayed": False}
            if answered:
                conn.execute(push_batches.insert(), answered)
            return out

        return self.db.write(work)

    def _principals(
        self, conn: Connection, items: Sequence[PushItem]
    ) -> list[Principal | ApiError]:
        """Whose each batch is: its principal, or that of its token (one query for the
        group; revocation takes effect at once), or the 401 the token gets."""
        hashes = {
            hashlib.sha256(item.token.encode()).hexdigest(): item.token
            for item in items
            if item.principal is None and item.token
        }
        found: dict[str, Principal] = {}
        if hashes:
            query = (
                select(devices, users.c.username, users.c.role, users.c.street)
                .join(users, users.c.id == devices.c.user_id)
                .where(devices.c.token_hash.in_(sorted(hashes)), devices.c.revoked_at.is_(None))
            )
            for r in conn.execute(query).mappings():
                found[hashes[r["token_hash"]]] = Principal(
                    str(r["user_id"]), str(r["username"]), str(r["role"]), r["street"],
                    str(r["id"]), str(r["device_id"]),
                )  # fmt: skip
        out: list[Principal | ApiError] = []
        for item in items:
            if item.principal is not None:
                out.append(item.principal)
            elif item.token in found:
                out.append(found[item.token])
            else:
                try:  # refused: authenticate() says why, in its own words
                    out.append(authenticate(self.db, item.token))
                except ApiError as exc:
                    out.append(exc)
        return out

    def _done_batches(
        self, conn: Connection, items: Sequence[PushItem], who: Sequence[Principal | ApiError]
    ) -> dict[tuple[str, str], tuple[str, str]]:
        """(device, batch id) → (request digest, response) of the group's batches that were
        applied before (idempotency)."""
        keys = sorted(
            {(p.device_ref, item.batch_id) for item, p in zip(items, who, strict=True)
             if isinstance(p, Principal)}
        )  # fmt: skip
        if not keys:
            return {}
        query = select(
            push_batches.c.device_ref, push_batches.c.batch_id,
            push_batches.c.request_sha256, push_batches.c.response,
        ).where(tuple_(push_batches.c.device_ref, push_batches.c.batch_id).in_(keys))  # fmt: skip
        return {(r[0], r[1]): (r[2], r[3]) for r in conn.execute(query)}

    def apply(
        self,
        conn: Connection,
        changes: Sequence[Change],
        *,
        principal: Principal,
        check_access: bool,
    ) -> PushReport:
        """Merge ``changes`` inside the caller's transaction (see the module docstring)."""
        group = self._group(conn, changes)
        report = self._merge(
            conn, changes, principal=principal, check_access=check_access, group=group, owner=0
        )
        assert report is not None  # nothing before it in its group
        report.seq_first = self._flush(conn, group)(0)
        return report

    def _group(
        self,
        conn: Connection,
        changes: Sequence[Change],
        nkeys: dict[int, str | None] | None = None,
    ) -> _Group:
        by_id, by_nkey = self._current(conn, changes, {} if nkeys is None else nkeys)
        return _Group(by_id, by_nkey)

    def _merge(
        self,
        conn: Connection,
        changes: Sequence[Change],
        *,
        principal: Principal,
        check_access: bool,
        group: _Group,
        owner: int,
    ) -> PushReport | None:
        """Place, authorise and merge one batch on top of what the group's batches before
        it wrote (``group``); nothing is written yet (:meth:`_flush`). ApiError when the
        batch is refused — before ``group`` is touched, so the other batches go on.

        None (the batch waits for the next group) when its checks would need rows the
        group has written but not stored yet: a reference to such a row, or the street of
        a community changed earlier in the group. Placement reads references and streets
        from the database; it cannot see them. This cannot happen between two devices
        (a device refers only to rows it made or pulled, and those are committed), only
        when the same rows come twice at once."""
        report = PushReport(received=len(changes))
        if not changes:
            return report
        order = self.catalog.order
        batch = sorted(changes, key=lambda c: order(c.table))  # parents first
        if group.writes and self._needs_group_rows(batch, group):
            return None
        placed = place_changes(
            conn, self.catalog, batch, group.by_id, group.by_nkey, known=group.known
        )
        if group.writes:
            own = {c.id for c in batch if c.table == "communities"}
            for p in placed:
                for cid in (p.community_id, p.old_community_id):
                    if cid is not None and cid not in own and ("communities", cid) in group.writes:
                        return None
        if check_access:
            authorize(principal, placed)
        self._require_photo_files(placed)

        by_id, by_nkey, writes = group.by_id, group.by_nkey, group.writes
        inserts, nkeys, texts = group.inserts, group.nkeys, group.data_texts
        pushed_by = principal.device_ref
        inserted = 0
        now = now_iso()
        for p in placed:
            c = p.change
            table, nkey = c.table, p.nkey
            key = (table, c.id)
            # Not p.current: an earlier change of this batch or group may have written it.
            current = by_id.get(key)
            if current is None and nkey is not None:
                current = by_nkey.get((table, nkey))
            if current is not None:  # new rows need no decision: they are inserted
                incoming = Version(c.hlc, c.base_hlc, comparable_content(table, c.data, c.deleted))
                receiver = Version(
                    current["hlc"], current["base_hlc"],
                    comparable_content(table, current["data_obj"], bool(current["deleted"])),
                )  # fmt: skip
                decision = decide(receiver, incoming)
                if decision.action is Action.SKIP:
                    report.skipped += 1
                    continue
                if decision.conflict:
                    report.conflicts += 1
                    report.conflict_rows.append((table, current["id"]))
                    group.conflict_rows.extend(
                        self._conflict_records(p, current, decision.action, now)
                    )
                if decision.action is Action.KEEP:
                    report.kept += 1
                    continue
                key = (table, current["id"])
                report.accepted += 1
            else:  # not written earlier in the group either: by_id has all it wrote
                inserts.add(key)
                inserted += 1
            row = {
                "table_name": table, "id": key[1], "nkey": nkey, "community_id": p.community_id,
                "street": p.street if table == "communities" else None,
                "hlc": c.hlc, "base_hlc": c.base_hlc, "rev": c.rev, "device_id": c.device_id,
                "deleted": c.deleted, "data": texts.get(id(c)) or data_text(c.data),
                "pushed_by": pushed_by, "updated_at": now,
            }  # fmt: skip
            # Last written, last numbered: a row written again later in the group takes a
            # number in the range of the batch that wrote it last (its pushed_by).
            writes.pop(key, None)
            writes[key] = (owner, row)
            # Later changes (of this batch or the group) see this version as the current one.
            stored = {**row, "data_obj": c.data}
            by_id[key] = stored
            if nkey is not None:
                by_nkey[(table, nkey)] = stored
                nkeys.add((table, nkey))
        report.inserted += inserted
        for p in placed:
            if p.orphan_photo is not None and p.community_id is not None:
                group.adopted.add(("photos", p.orphan_photo))
        group.placed.extend(placed)
        return report

    def _needs_group_rows(self, batch: Sequence[Change], group: _Group) -> bool:
        """Does a change of ``batch`` refer to a row written (or given a community) earlier
        in ``group``, other than through its own batch?"""
        mine = {(c.table, c.id) for c in batch}
        known = group.known.refs if group.known is not None else {}
        writes, adopted, nkeys = group.writes, group.adopted, group.nkeys
        for c in batch:
            refs = known.get(id(c))
            for parent, natural, value in references(self.catalog, c) if refs is None else refs:
                if natural:
                    if (parent, value) in nkeys and not any(
                        b.table == parent and nkey_of(self.catalog, b.table, b.data) == value
                        for b in batch
                    ):
                        return True
                    continue
                key = (parent, str(value))
                if key not in mine and (key in writes or key in adopted):
                    return True
        return False

    def _flush(self, conn: Connection, group: _Group) -> Callable[[int], int | None]:
        """Number and store what the group wrote; (owner → the first number of its range).

        Numbers are taken last, in one bump of the counter for the whole group, and given
        in the order of ``group.writes`` — by batch, so each batch has its own contiguous
        range. A batch whose every row was written again by a later batch of the group
        gets the start of where its range would be (nothing of its own lies there)."""
        rows = list(group.writes.values())
        owners = [owner for owner, _ in rows]
        first = 0
        if rows:
            # The counter row stays locked from here to the commit (module docstring).
            top = conn.execute(
                update(seq_counter)
                .where(seq_counter.c.id == 1)
                .values(value=seq_counter.c.value + len(rows))
                .returning(seq_counter.c.value)
            ).scalar_one()
            first = int(top) - len(rows) + 1
            new_rows: list[dict[str, Any]] = []
            changed_rows: list[dict[str, Any]] = []
            for n, (key, (_, row)) in enumerate(group.writes.items()):
                row["seq"] = first + n
                (new_rows if key in group.inserts else changed_rows).append(row)
            self._store_rows(conn, new_rows, changed_rows)
        if group.conflict_rows:
            conn.execute(self.db.insert_ignore(conflicts), group.conflict_rows)
        self._index_photos(conn, group.writes, group.placed)

        def first_of(owner: int) -> int | None:
            return first + bisect.bisect_left(owners, owner) if rows else None

        return first_of

    def _store_rows(
        self,
        conn: Connection,
        new_rows: list[dict[str, Any]],
        changed_rows: list[dict[str, Any]],
    ) -> None:
        if self.db.is_postgres:
            if new_rows:
                _copy_rows(conn, new_rows)
            if changed_rows:
                # One parameter, the rows as JSON: one C call to encode, one statement
                # for PostgreSQL to plan, whatever the number of rows.
                conn.execute(_PG_UPDATE, {"rows": _rows_json(changed_rows)})
            return
        if new_rows:
            conn.execute(records.insert(), new_rows)
        if changed_rows:
            conn.execute(
                _UPDATE_ROW,
                [
                    {"b_table": r["table_name"], "b_id": r["id"], **{k: r[k] for k in _UPDATED}}
                    for r in changed_rows
                ],
            )

    def _current(
        self, conn: Connection, batch: Sequence[Change], memo: dict[int, str | None]
    ) -> tuple[dict[tuple[str, str], dict[str, Any]], dict[tuple[str, str], dict[str, Any]]]:
        """The stored versions of the batch's rows, by id and by natural key — locked
        (PostgreSQL ``FOR UPDATE``) until commit, so a concurrent push of the same row
        waits for this one instead of merging with a stale copy. ``memo`` gets the natural
        key of each change, by ``id()`` of the change."""
        ids: dict[str, set[str]] = {}
        for c in batch:
            ids.setdefault(c.table, set()).add(c.id)
            memo[id(c)] = nkey_of(self.catalog, c.table, c.data)
        by_id: dict[tuple[str, str], dict[str, Any]] = {}
        by_nkey: dict[tuple[str, str], dict[str, Any]] = {}
        if not ids:
            return by_id, by_nkey

        def keep(found: Iterable[Any]) -> None:
            for r in found:
                if (r["table_name"], r["id"]) in by_id:
                    continue
                row = {**r, "data_obj": json.loads(r["data"])}
                by_id[(r["table_name"], r["id"])] = row
                if r["nkey"] is not None:
                    by_nkey[(r["table_name"], r["nkey"])] = row

        keep(self._locked(conn, "id", ids))
        # By natural key, only what could be stored under another id: not a row found by
        # id (it has this natural key, or the change is refused for changing it), and not
        # a child of a row new to the server — stored rows refer to stored rows only.
        nkeys: dict[str, set[str]] = {}
        for c in batch:
            nkey = memo[id(c)]
            if (
                nkey is not None
                and (c.table, c.id) not in by_id
                and not self._new_parent(c, ids, by_id)
            ):
                nkeys.setdefault(c.table, set()).add(nkey)
        if nkeys:
            keep(self._locked(conn, "nkey", nkeys))
        return by_id, by_nkey

    def _locked(self, conn: Connection, column: str, keys: Mapping[str, set[str]]) -> Any:
        """Stored rows whose (table, ``column``) is one of ``keys``, locked in key order."""
        if self.db.is_postgres:
            return conn.execute(_BY_ID if column == "id" else _BY_NKEY, _pairs(keys)).mappings()
        condition = or_(*_keys_in(records.c[column], keys))
        query = select(records).where(condition).order_by(records.c.table_name, records.c.id)
        return conn.execute(query.with_for_update()).mappings()

    def _new_parent(
        self, c: Change, looked_up: Mapping[str, set[str]], found: Mapping[Key, Any]
    ) -> bool:
        """Is a row that ``c``'s natural key refers to (by id) new to the server — looked up
        with the batch and not found? (A parent matched by natural key could be stored
        under another id: those are not considered.)"""
        for column, parent in self._key_parents.get(c.table, ()):
            value = c.data.get(column)
            if value in looked_up.get(parent, ()) and (parent, value) not in found:
                return True
        return False

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

    def _index_photos(
        self,
        conn: Connection,
        writes: dict[tuple[str, str], tuple[int, dict[str, Any]]],
        placed: Sequence[Placement],
    ) -> None:
        """Keep ``photo_blobs`` (which community may download which file) current, for the
        rows ``writes`` stores (``_Group.writes``)."""
        photos = {key[1]: row for key, (_, row) in writes.items() if key[0] == "photos"}
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


def _locked_rows(column: str) -> Any:
    """PostgreSQL: the rows whose (table_name, ``column``) is one of the pairs given as
    the JSON arrays ``tables`` and ``keys``, each locked (``FOR UPDATE``), in the order of
    the pairs — sorted by the caller, so that two transactions lock common rows in the same
    order.

    One index probe per key, whatever the planner's statistics say: an OR of IN lists, or
    a plain join, is planned as a scan of the whole table (or of every answer) when the
    statistics are those of a table that has just grown — as on a new server the morning
    every device first pushes — and that scan would run while holding the locks. The keys
    travel as JSON text: one C call to encode, where a text array costs the driver a
    regular-expression escape per element. (LIMIT 1 keeps the subquery from being
    flattened into a join the planner may hash.)"""
    pairs = (
        "ROWS FROM (json_array_elements_text(CAST(:tables AS json)),"
        " json_array_elements_text(CAST(:keys AS json))) WITH ORDINALITY AS g(t, k, n)"
    )
    row = f"SELECT * FROM records WHERE table_name = g.t AND {column} = g.k LIMIT 1 FOR UPDATE"  # noqa: S608
    return text(f"SELECT r.* FROM {pairs} CROSS JOIN LATERAL ({row}) AS r ORDER BY g.n")  # noqa: S608


_BY_ID = _locked_rows("id")
_BY_NKEY = _locked_rows("nkey")


def _pairs(keys: Mapping[str, set[str]]) -> dict[str, str]:
    pairs = sorted((t, k) for t, v in keys.items() for k in v)
    return {"tables": json.dumps([t for t, _ in pairs]), "keys": json.dumps([k for _, k in pairs])}


_UPDATED = (
    "seq", "nkey", "community_id", "street", "hlc", "base_hlc", "rev", "device_id", "deleted",
    "data", "pushed_by", "updated_at",
)  # fmt: skip
_PG_TYPES = {
    c.name: "bigint" if isinstance(c.type, BigInteger) else
    "boolean" if isinstance(c.type, Boolean) else "text"
    for c in records.columns
}  # fmt: skip
_RECORDSET = "json_to_recordset(CAST(:rows AS json)) AS t({})".format(
    ", ".join(f"{name} {kind}" for name, kind in _PG_TYPES.items())
)
_PG_COPY = f"COPY records ({', '.join(_PG_TYPES)}) FROM STDIN"
_COPY_COLUMNS = operator.itemgetter(*_PG_TYPES)
"""A row's values in the order of _PG_COPY."""


def _copy_rows(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
    """PostgreSQL: insert ``rows`` with COPY, in the connection's transaction — less than
    half the server's time of an INSERT of the same rows, and little of ours. Its errors
    come as SQLAlchemy's, so that ServerDatabase.write retries a race as for any insert."""
    import psycopg

    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(_PG_COPY) as copy:
            write, columns = copy.write_row, _COPY_COLUMNS
            for r in rows:
                write(columns(r))
    except psycopg.Error as exc:
        raise DBAPIError.instance(_PG_COPY, None, exc, psycopg.Error) from exc
    finally:
        cursor.close()


_SETS = ", ".join(f"{k} = t.{k}" for k in _UPDATED)
_PG_UPDATE = text(
    f"UPDATE records SET {_SETS} FROM {_RECORDSET} WHERE records.table_name = t.table_name"  # noqa: S608
    " AND records.id = t.id"
)
_UPDATE_ROW = (
    update(records)
    .where(records.c.table_name == bindparam("b_table"), records.c.id == bindparam("b_id"))
    .values({k: bindparam(k) for k in _UPDATED})
)


def _rows_json(rows: Sequence[Mapping[str, Any]]) -> str:
    # The rows hold exactly the columns (RecordStore._merge, _flush).
    return _to_json(rows)
