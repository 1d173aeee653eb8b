"""Pushing a device's unsynced rows: photo files first (in the background), rows in
batches, and a row that needs a photo only once that photo's file is on the server.

Rows that cannot refer to any photo being uploaded (most of them: communities, forms,
submissions, most answers) go while the files are still on their way; photo rows, their
links, and answers or history entries naming one of those photos wait for the uploads.
Parents always precede children: photos are parents of links only, so neither group ever
needs a row of the other that has not gone yet.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from fieldapp.core.i18n import Text
from fieldapp.store import Store
from fieldapp.store.changes import Change
from fieldapp.store.paths import photo_path
from fieldapp.sync.client import ServerClient
from fieldapp.sync.photos import PhotoUploads, missing_on_server
from fieldapp.sync.protocol import API, BATCH_BYTES

__all__ = ["PushOutcome", "push_changes"]

# Photo ids (UUIDs) and file hashes as they appear inside answer values and evidence lists.
_TOKENS = re.compile(r"[0-9A-Fa-f-]{32,}")
_MENTIONING = ("answers", "problem_events")


@dataclass(slots=True)
class PushOutcome:
    """What the push did (the engine folds it into the SyncResult)."""

    pushed: int = 0
    photos_uploaded: int = 0
    held_back: int = 0
    conflict_rows: set[tuple[str, str]] = field(default_factory=set)
    own_from: int | None = None
    warnings: list[Text] = field(default_factory=list)


def _mentions(c: Change, marks: set[str]) -> bool:
    if c.table not in _MENTIONING or not marks:
        return False
    text = f"{c.data.get('value') or ''} {c.data.get('evidence') or ''}"
    return any(token in marks for token in _TOKENS.findall(text))


def _waiting_on(changes: Sequence[Change], hashes: set[str]) -> set[tuple[str, str]]:
    """Rows that need one of the photo files ``hashes``: the photos, their links, rows
    naming them."""
    photos = {c.id for c in changes if c.table == "photos" and c.data.get("sha256") in hashes}
    marks = photos | hashes
    out = {("photos", p) for p in photos}
    for c in changes:
        if (c.table == "photo_links" and c.data.get("photo_id") in photos) or _mentions(c, marks):
            out.add((c.table, c.id))
    return out


def _batches(changes: Sequence[Change], most: int) -> Iterable[list[Change]]:
    """Consecutive batches (parents before children is kept) within both size limits."""
    batch: list[Change] = []
    size = 0
    for c in changes:
        item = len(json.dumps(c.data, ensure_ascii=False)) + 200
        if batch and (len(batch) >= most or size + item > BATCH_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(c)
        size += item
    if batch:
        yield batch


def push_changes(
    client: ServerClient,
    store: Store,
    *,
    chunk_size: int,
    batch_size: int,
    photo_tick: Callable[[int, int], None],
    batch_tick: Callable[[int, int], None],
) -> PushOutcome:
    """Push everything not yet on the server (see the module docstring)."""
    out = PushOutcome()
    dirty = store.collect_changes(dirty_only=True)
    needed = {str(c.data["sha256"]) for c in dirty if c.table == "photos" and not c.deleted}
    # Also every photo already synced whose file is here: should the server have lost one
    # (restored from an older backup), it gets it back.
    needed |= {
        str(r[0])
        for r in store.database.execute("SELECT DISTINCT sha256 FROM photos WHERE deleted = 0")
        if photo_path(store.data_dir, str(r[0])).is_file()
    }
    missing = sorted(missing_on_server(client, needed)) if needed else []
    uploads = PhotoUploads(client, store.data_dir, missing, chunk_size=chunk_size)
    try:
        later = _waiting_on(dirty, set(missing)) | {
            (c.table, c.id) for c in dirty if c.table in ("photos", "photo_links")
        }
        _send(client, store, [c for c in dirty if (c.table, c.id) not in later], batch_size,
              batch_tick, out)  # fmt: skip
        done = uploads.wait(lambda n: photo_tick(n, len(missing)))
    finally:
        uploads.close()
    out.photos_uploaded = done.uploaded
    out.warnings.extend(done.warnings)
    held = _waiting_on(dirty, done.unavailable)
    if held:
        out.held_back = len(held)
        out.warnings.append(
            Text(
                f"{len(done.unavailable)} 张照片的文件在本机缺失或损坏，相关的 {len(held)} 条记录暂不同步。",
                f"{len(done.unavailable)} photo files are missing or damaged on this device; "
                f"{len(held)} records that need them are not synced yet.",
            )
        )
    rest = [c for c in dirty if (c.table, c.id) in later and (c.table, c.id) not in held]
    _send(client, store, rest, batch_size, batch_tick, out)
    return out


def _send(
    client: ServerClient,
    store: Store,
    changes: Sequence[Change],
    batch_size: int,
    tick: Callable[[int, int], None],
    out: PushOutcome,
) -> None:
    batches = list(_batches(changes, max(1, batch_size)))
    for n, batch in enumerate(batches):
        tick(n, len(batches))
        wire = [c.to_json() for c in batch]
        # The id is the content's hash: a batch resent after a cut has the same id.
        batch_id = hashlib.sha256(
            json.dumps(wire, sort_keys=True, ensure_ascii=True).encode()
        ).hexdigest()[:40]
        answer = client.request_json(
            "POST", f"{API}/push", keys=("received",), json={"batch_id": batch_id, "changes": wire}
        )
        # Shared only now that the server has acknowledged the batch.
        store.mark_shared(batch)
        out.pushed += len(batch)
        out.conflict_rows.update((t, i) for t, i in answer.get("conflict_rows", []))
        first = answer.get("seq_first")
        if isinstance(first, int) and (out.own_from is None or first < out.own_from):
            out.own_from = first
