"""One sync of a device with the server: enrol if asked, push, pull, fetch photo files.

The order matters. Photo files go first, then rows in batches, parents first; a row is
marked shared only after the server acknowledged its batch, and a photo row (and anything
referring to it) is pushed only once its file is on the server — so a record is never
reported synced while its photo is not. Pushing before pulling lets the server see — and
keep a record of — every concurrent edit this device made. Every step can be cut at any
point and simply repeated: batches carry an id, chunks an offset, pages a cursor.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import httpx

from fieldapp.core.i18n import Text
from fieldapp.store import Store
from fieldapp.store.changes import Change
from fieldapp.store.paths import photo_path
from fieldapp.sync.client import ServerClient, SyncError
from fieldapp.sync.photos import download_photo
from fieldapp.sync.protocol import API, BATCH_CHANGES, MAX_CHUNK_BYTES, PAGE_CHANGES
from fieldapp.sync.push import push_changes
from fieldapp.sync.state import SyncState

__all__ = ["SyncProgress", "SyncResult", "sync_once"]


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """Where a sync is: ``phase`` (connect, photos_up, push, pull, photos_down, done),
    ``done`` of ``total`` in that phase, and a line for people."""

    phase: str
    done: int
    total: int
    text: Text


@dataclass(slots=True)
class SyncResult:
    """What one sync did. ``conflicts`` counts rows where a concurrent edit lost (on the
    server or here); ``held_back`` rows stay unsynced because a photo file they need is
    missing on this device."""

    pushed: int = 0
    pulled: int = 0
    photos_uploaded: int = 0
    photos_downloaded: int = 0
    conflicts: int = 0
    held_back: int = 0
    retries: int = 0
    seconds: float = 0.0
    server_url: str = ""
    finished_at: str = ""
    warnings: list[Text] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The summary ``fieldapp sync --json`` prints."""
        out = asdict(self)
        out["warnings"] = [{"zh": w.zh, "en": w.en} for w in self.warnings]
        out["seconds"] = round(self.seconds, 3)
        return out


Progress = Callable[[SyncProgress], None]


def sync_once(
    store: Store,
    *,
    server_url: str,
    code: str | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    full: bool = False,
    chunk_size: int = MAX_CHUNK_BYTES,
    batch_size: int = BATCH_CHANGES,
    page_size: int = PAGE_CHANGES,
    attempts: int = 6,
    backoff: float = 0.2,
    transport: httpx.BaseTransport | None = None,
) -> SyncResult:
    """Sync ``store`` with the server at ``server_url`` once; see the module docstring.

    ``code`` enrols the device (first time only). ``progress`` receives SyncProgress
    updates, always on the calling thread; ``cancel`` is polled before every request —
    also from the photo upload threads, so it must be safe to call from any thread (read a
    flag) — and SyncCancelled is raised once it returns True.
    ``full`` pulls everything again from the start. ``chunk_size`` (photo bytes per
    request), ``batch_size`` (changes per push), ``page_size`` (changes per pull page), ``attempts`` and ``backoff`` (seconds
    before the first retry, doubling) tune the transfer. Raises SyncError, with a bilingual
    message, when the server is unreachable or refuses; the outcome (success or the error)
    is remembered for :func:`fieldapp.sync.state.last_sync`.
    """
    started = time.monotonic()
    state = SyncState(store)
    result = SyncResult(server_url=server_url)
    report = progress or (lambda _p: None)
    client = ServerClient(
        server_url, attempts=attempts, backoff=backoff, cancel=cancel, transport=transport
    )
    try:
        _connect(client, state, store, server_url=server_url, code=code, report=report)
        pushed = push_changes(
            client,
            store,
            chunk_size=chunk_size,
            batch_size=batch_size,
            photo_tick=lambda n, total: report(
                SyncProgress("photos_up", n, total, Text("正在上传照片", "Uploading photos"))
            ),
            batch_tick=lambda n, total: report(
                SyncProgress("push", n, total, Text("正在上传记录", "Uploading records"))
            ),
        )
        result.pushed, result.photos_uploaded = pushed.pushed, pushed.photos_uploaded
        result.held_back = pushed.held_back
        result.warnings.extend(pushed.warnings)
        lost, own_from = set(pushed.conflict_rows), pushed.own_from
        lost |= _pull(
            client, store, state, result, report, full=full, page_size=page_size, own_from=own_from
        )
        result.conflicts = len(lost)
        _download(client, store, result, report)
    except SyncError as exc:
        _remember(state, server_url, error=exc.text)
        raise
    finally:
        result.retries = client.retries
        client.close()
    result.seconds = time.monotonic() - started
    result.finished_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    _remember(state, server_url, result=result)
    report(SyncProgress("done", 1, 1, Text("同步完成", "Sync finished")))
    return result


def _remember(
    state: SyncState, url: str, *, result: SyncResult | None = None, error: Text | None = None
) -> None:
    last: dict[str, Any] = {
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "server_url": url,
        "ok": error is None,
    }
    if result is not None:
        last["summary"] = result.to_json()
    if error is not None:
        last["error"] = {"zh": error.zh, "en": error.en}
    state.save({"last": json.dumps(last, ensure_ascii=False)})


def _connect(
    client: ServerClient,
    state: SyncState,
    store: Store,
    *,
    server_url: str,
    code: str | None,
    report: Progress,
) -> None:
    report(SyncProgress("connect", 0, 1, Text("正在连接服务器", "Connecting to the server")))
    info = client.request_json("GET", f"{API}/info", keys=("server_id",), auth=False)
    server_id = str(info["server_id"])
    if code:
        body = {"code": code, "device_id": store.device_id, "name": store.data_dir.name}
        enrolled = client.request_json(
            "POST", f"{API}/enrol", keys=("token", "user"), json=body, auth=False
        )
        values: dict[str, str | None] = {
            "token": enrolled["token"], "server_id": server_id, "server_url": server_url,
            "user": json.dumps(enrolled["user"], ensure_ascii=False),
        }  # fmt: skip
        if state.server_id != server_id:
            values["cursor"] = "0"  # another server: everything it has is new here
        state.save(values)
    elif state.token is None:
        raise SyncError(
            Text(
                "本设备尚未登记。请向管理员索取登记码，并在首次同步时填写（--code）。",
                "This device is not enrolled yet. Ask the administrator for an enrolment code "
                "and give it on the first sync (--code).",
            ),
            code="not_enrolled",
        )
    elif state.server_id != server_id:
        # The token is never sent to a server it was not issued by (a changed address may
        # point at another server).
        raise SyncError(
            Text(
                f"{server_url} 不是本设备登记的服务器。如需改用该服务器，请用它发放的登记码重新登记。",
                f"{server_url} is not the server this device is enrolled with. To use it, "
                "enrol again with a code it issued.",
            ),
            code="other_server",
        )
    elif state.server_url != server_url:
        state.save({"server_url": server_url})
    client.token = state.token
    report(SyncProgress("connect", 1, 1, Text("已连接", "Connected")))


def _pull(
    client: ServerClient,
    store: Store,
    state: SyncState,
    result: SyncResult,
    report: Progress,
    *,
    full: bool,
    page_size: int,
    own_from: int | None,
) -> set[tuple[str, str]]:
    """Apply pages of changes; returns the rows where a local edit met a concurrent one."""
    cursor = 0 if full else state.cursor
    before = {c.id for c in store.conflicts()}
    pages = 0
    while True:
        report(SyncProgress("pull", pages, pages + 1, Text("正在下载更新", "Downloading updates")))
        params: dict[str, int] = {"after": cursor, "limit": max(1, min(page_size, PAGE_CHANGES))}
        if own_from is not None:
            params["own_from"] = own_from  # what this sync pushed need not come back
        page = client.request_json(
            "GET", f"{API}/changes", keys=("changes", "next", "more"), params=params
        )
        changes = [Change.from_json(obj) for obj in page["changes"]]
        if changes:
            applied = store.apply_changes(changes)
            result.pulled += applied.changed
        # The cursor is saved after the page is applied: a cut in between means pulling
        # the same page again, which changes nothing.
        cursor = int(page["next"])
        state.save({"cursor": str(cursor)})
        pages += 1
        if not page["more"]:
            break
    return {(c.table_name, c.row_id) for c in store.conflicts() if c.id not in before}


def _download(client: ServerClient, store: Store, result: SyncResult, report: Progress) -> None:
    hashes = sorted({sha for _, sha, _ in store.photo_hashes()})
    wanted = [sha for sha in hashes if not photo_path(store.data_dir, sha).is_file()]
    for n, sha in enumerate(wanted):
        report(
            SyncProgress("photos_down", n, len(wanted), Text("正在下载照片", "Downloading photos"))
        )
        try:
            stored = download_photo(client, store.data_dir, sha)
        except OSError as exc:
            raise SyncError(
                Text(
                    f"无法保存下载的照片（{exc.strerror or exc}）。请检查磁盘空间和数据目录的写入权限。",
                    f"Cannot store a downloaded photo ({exc.strerror or exc}). Check the free "
                    "disk space and that the data directory is writable.",
                ),
                code="disk",
            ) from exc
        result.photos_downloaded += int(stored)
