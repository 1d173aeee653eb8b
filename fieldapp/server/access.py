"""Where each pushed change belongs, and whether its sender may write it.

Placing a change means: find the stored row it updates (by id, or by natural key for
answers and forms), check that every row it refers to exists — on the server or earlier in
the same batch — and lies in the same community, and work out that community and its
street. Authorising means: street-bound users (surveyors, street offices) may write only
rows whose community is in their street, both as the row is now and as it would become;
street offices only problems, their status history and photos.

A reference to a row that does not exist is refused rather than stored: devices apply rows
with foreign keys on, and one dangling reference would stop every device that pulls it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from typing import Any

from sqlalchemy import Connection, and_, or_, select

from fieldapp.server.accounts import Principal
from fieldapp.server.catalog import GLOBAL_TABLES, Catalog
from fieldapp.server.errors import ApiError, forbidden, invalid
from fieldapp.server.schema import records
from fieldapp.store.base import NOUNS
from fieldapp.store.changes import Change

__all__ = [
    "STREET_OFFICE_TABLES",
    "Known",
    "Placement",
    "authorize",
    "key_text",
    "place_changes",
    "prefetch",
    "references",
]

STREET_OFFICE_TABLES = frozenset({"problems", "problem_events", "photos", "photo_links"})
"""What a street office changes: problem status and evidence (it does not survey)."""

Key = tuple[str, str]


@dataclass(slots=True)
class Placement:
    """A change with the stored row it updates and the community it belongs to."""

    index: int
    change: Change
    current: dict[str, Any] | None
    nkey: str | None
    community_id: str | None = None
    street: str | None = None
    old_community_id: str | None = None
    old_street: str | None = None
    orphan_photo: str | None = None
    """For a link: the id of its photo when that photo has no community yet."""
    refs: list[tuple[str, bool, Any]] | None = None
    """The change's references (``references``), worked out once."""


def _noun(table: str) -> tuple[str, str]:
    return NOUNS.get(table, (table, table))


def place_changes(
    conn: Connection,
    catalog: Catalog,
    batch: Sequence[Change],
    by_id: Mapping[Key, dict[str, Any]],
    by_nkey: Mapping[Key, dict[str, Any]],
    *,
    known: Known | None = None,
) -> list[Placement]:
    """Place every change of ``batch`` (parents first); ApiError 422 for a change that
    refers to a missing row, mixes communities, or changes a row's natural key.

    ``known``: stored rows and streets already read (for several batches at once, see
    :func:`prefetch`); what is not there is read here."""
    from fieldapp.server.records import nkey_of

    placed: list[Placement] = []
    in_batch: set[Key] = set()
    in_batch_nkeys: set[Key] = set()
    nkeys = known.nkeys if known is not None else {}
    refs = known.refs if known is not None else {}
    for n, c in enumerate(batch, start=1):
        memo, key = id(c), (c.table, c.id)
        nkey = nkeys[memo] if memo in nkeys else nkey_of(catalog, c.table, c.data)
        current = by_id.get(key)
        if nkey is not None:
            if current is None:
                current = by_nkey.get((c.table, nkey))
            elif current["nkey"] != nkey:
                raise invalid(
                    f"第 {n} 条变更：不能修改已有{_noun(c.table)[0]}的题目或所属记录。",
                    f"change {n}: the natural key of an existing {_noun(c.table)[1]} cannot "
                    "change.",
                    index=n,
                )
            in_batch_nkeys.add((c.table, nkey))
        placed.append(Placement(n, c, current, nkey, refs=refs.get(memo)))
        in_batch.add(key)

    stored = _referenced_rows(conn, catalog, placed, in_batch, in_batch_nkeys, known)
    community_of: dict[Key, str | None] = {}
    for p in placed:
        p.community_id = _community(catalog, p, community_of, stored)
        community_of[(p.change.table, p.change.id)] = p.community_id
        if p.current is not None:
            p.old_community_id = p.current["community_id"]
    _fill_streets(conn, placed, known)
    return placed


Ref = tuple[str, bool, Any]
"""(parent table, by natural key?, id or natural key)."""


@dataclass(slots=True)
class Known:
    """Stored rows that changes refer to, and streets of communities, read in advance."""

    rows: dict[Ref, dict[str, Any]]
    streets: dict[str, str | None]
    refs: dict[int, list[Ref]] = field(default_factory=dict)
    """The references of each change (by ``id()`` of the change), worked out once."""
    nkeys: dict[int, str | None] = field(default_factory=dict)
    """The natural key of each change (by ``id()``), when the caller has worked it out."""


def prefetch(
    conn: Connection,
    catalog: Catalog,
    changes: Sequence[Change],
    current: Iterable[Mapping[str, Any]],
) -> Known:
    """What :func:`place_changes` would read for each of many batches, in two queries:
    the stored rows ``changes`` refer to, and the streets of their communities and of
    those of the ``current`` rows."""
    want: dict[tuple[str, bool], set[str]] = {}
    communities: set[str] = set()
    refs: dict[int, list[Ref]] = {}
    for c in changes:
        refs[id(c)] = found = references(catalog, c)
        for parent, natural, value in found:
            if isinstance(value, str):
                want.setdefault((parent, natural), set()).add(value)
                if parent == "communities" and not natural:
                    communities.add(value)
    rows = _stored_rows(conn, want)
    communities.update(r["community_id"] for r in rows.values() if r["community_id"])
    communities.update(r["community_id"] for r in current if r.get("community_id"))
    return Known(rows, _streets(conn, communities), refs)


def _stored_rows(
    conn: Connection, want: Mapping[tuple[str, bool], set[str]]
) -> dict[Ref, dict[str, Any]]:
    if not want:
        return {}
    conditions = [
        and_(
            records.c.table_name == parent,
            (records.c.nkey if natural else records.c.id).in_(sorted(values)),
        )
        for (parent, natural), values in want.items()
    ]
    found: dict[Ref, dict[str, Any]] = {}
    query = select(
        records.c.table_name, records.c.id, records.c.nkey, records.c.community_id
    ).where(or_(*conditions))
    for r in conn.execute(query).mappings():
        found[(r["table_name"], False, r["id"])] = dict(r)
        if r["nkey"] is not None:
            found[(r["table_name"], True, r["nkey"])] = dict(r)
    return found


def _streets(conn: Connection, communities: set[str]) -> dict[str, str | None]:
    if not communities:
        return {}
    rows = conn.execute(
        select(records.c.id, records.c.street).where(
            records.c.table_name == "communities", records.c.id.in_(sorted(communities))
        )
    ).all()
    return {str(i): s for i, s in rows}


def references(catalog: Catalog, c: Change) -> list[tuple[str, bool, Any]]:
    """(parent table, by natural key?, id or natural key) of each reference ``c`` makes."""
    out: list[tuple[str, bool, Any]] = []
    get = c.data.get
    for fk in catalog.tables[c.table].foreign_keys:
        if fk.by_natural_key:
            values = [get(col) for col in fk.columns]
            if None not in values:
                out.append((fk.parent, True, key_text(values)))
        elif (value := get(fk.columns[0])) is not None:
            out.append((fk.parent, False, value))
    return out


def key_text(values: list[Any]) -> str:
    """``values`` as JSON text, as natural keys are stored (``records.nkey``) and referred
    to."""
    try:  # the usual case, all text, without an encoder
        return "[" + ", ".join(map(encode_basestring, values)) + "]"
    except TypeError:  # a value that is not text
        return _to_json(values)


# Built once: json.dumps with arguments makes a new encoder on every call. Same output.
_to_json = json.JSONEncoder(ensure_ascii=False).encode


def _refs(catalog: Catalog, p: Placement) -> list[tuple[str, bool, Any]]:
    if p.refs is None:
        p.refs = references(catalog, p.change)
    return p.refs


def _referenced_rows(
    conn: Connection,
    catalog: Catalog,
    placed: Sequence[Placement],
    in_batch: set[Key],
    in_batch_nkeys: set[Key],
    known: Known | None = None,
) -> dict[tuple[str, bool, Any], dict[str, Any]]:
    want: dict[tuple[str, bool], set[str]] = {}
    found: dict[tuple[str, bool, Any], dict[str, Any]] = {}
    unread: list[tuple[Placement, str, bool, str]] = []
    """References neither in the batch nor known: read below, then each must be there."""
    rows = known.rows if known is not None else {}
    for p in placed:
        for parent, natural, value in _refs(catalog, p):
            if (parent, str(value)) in (in_batch_nkeys if natural else in_batch):
                continue
            if not isinstance(value, str):
                raise _dangling(p, parent, value)
            ref = (parent, natural, value)
            if ref in rows:
                found[ref] = rows[ref]
                continue
            want.setdefault((parent, natural), set()).add(value)
            unread.append((p, parent, natural, value))
    if unread:
        found.update(_stored_rows(conn, want))
        for p, parent, natural, value in unread:
            if (parent, natural, value) not in found:
                raise _dangling(p, parent, value)
    return found


def _dangling(p: Placement, parent: str, value: Any) -> ApiError:
    zh, en = _noun(parent)
    shown = str(value)[:80]
    return invalid(
        f"第 {p.index} 条变更（{_noun(p.change.table)[0]} {p.change.id}）引用了不存在的{zh} {shown}。",
        f"change {p.index} ({_noun(p.change.table)[1]} {p.change.id}) refers to a {en} that "
        f"does not exist: {shown}.",
        index=p.index,
    )


def _community(
    catalog: Catalog,
    p: Placement,
    community_of: Mapping[Key, str | None],
    stored: Mapping[tuple[str, bool, Any], dict[str, Any]],
) -> str | None:
    c = p.change
    if c.table == "communities":
        return c.id
    if c.table in GLOBAL_TABLES:
        return None
    found: set[str] = set()
    for parent, natural, value in _refs(catalog, p):
        if parent in GLOBAL_TABLES:
            continue
        if parent == "communities":
            found.add(str(value))
            continue
        key = (parent, str(value))
        if key in community_of:
            community = community_of[key]
        else:
            community = stored[(parent, natural, value)]["community_id"]
        if community is not None:
            found.add(community)
        elif parent == "photos":
            p.orphan_photo = str(value)
    if len(found) > 1:
        raise invalid(
            f"第 {p.index} 条变更引用了不同社区的记录。",
            f"change {p.index} refers to records of different communities.",
            index=p.index,
        )
    if found:
        return found.pop()
    p.orphan_photo = None
    # A photo without a community takes the one of the problem or submission it is linked
    # to (records.RecordStore sets it when the link arrives).
    return p.current["community_id"] if p.current is not None else None


def _fill_streets(
    conn: Connection, placed: Sequence[Placement], known: Known | None = None
) -> None:
    """The street of each change's community as it would be after the batch (``street``)
    and as it is now (``old_street``)."""
    in_batch = {
        p.change.id: p.change.data.get("street") for p in placed if p.change.table == "communities"
    }
    wanted = {
        cid for p in placed for cid in (p.community_id, p.old_community_id) if cid is not None
    }
    stored: dict[str, str | None] = {}
    if known is not None:
        stored = {cid: known.streets[cid] for cid in wanted if cid in known.streets}
        wanted -= set(stored)
    stored.update(_streets(conn, wanted))
    for p in placed:
        cid, old = p.community_id, p.old_community_id
        if cid is not None:
            p.street = in_batch[cid] if cid in in_batch else stored.get(cid)
        if p.change.table == "communities":
            p.old_street = p.current["street"] if p.current is not None else None
        elif old is not None:
            p.old_street = stored[old] if old in stored else in_batch.get(old)


def authorize(principal: Principal, placed: Sequence[Placement]) -> None:
    """403 unless ``principal`` may write every placed change (see the module docstring)."""
    if principal.is_global:
        return
    for p in placed:
        table = p.change.table
        if principal.role == "street_office" and table not in STREET_OFFICE_TABLES:
            zh, en = _noun(table)
            raise forbidden(
                f"街道办账号不能修改{zh}（只能修改问题、处置记录和照片）。",
                f"A street office account cannot change a {en} (only problems, their "
                "status history and photos).",
            )
        if table in GLOBAL_TABLES or (table == "photos" and p.community_id is None):
            continue
        elsewhere = p.street != principal.street or (
            p.current is not None
            and (p.old_community_id is not None or table == "communities")
            and p.old_street != principal.street
        )
        if elsewhere:
            zh, en = _noun(table)
            raise forbidden(
                f"第 {p.index} 条变更（{zh} {p.change.id}）属于其他街道的社区，"
                f"您的账号只能修改“{principal.street}”的社区。",
                f"change {p.index} ({en} {p.change.id}) belongs to a community of another "
                f"street; your account may change the communities of {principal.street} only.",
            )
