"""Opening a store: the device id, the clock across restarts, the data directory layout."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from store_testkit import DEVICE, FakeWall, open_store

import fieldapp
from fieldapp.core.clock import HybridLogicalClock, parse_hlc
from fieldapp.core.errors import StoreError
from fieldapp.core.ids import uuid7_timestamp_ms
from fieldapp.store.store import Store


def _meta(store: Store) -> dict[str, str]:
    return dict(store.database.execute("SELECT key, value FROM meta").fetchall())


def test_new_store_layout_and_meta(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        assert store.path == data_dir / "fieldapp.db"
        assert store.data_dir == data_dir
        assert store.photos_dir.is_dir()
        meta = _meta(store)
        assert meta["device_id"] == store.device_id
        assert meta["created_with"] == meta["last_opened_with"] == fieldapp.__version__
        uuid7_timestamp_ms(store.device_id)  # a generated device id is a UUIDv7


def test_device_id_is_made_once_and_kept(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        first = store.device_id
    with Store.open(data_dir) as store:
        assert store.device_id == first
    with Store.open(data_dir, device_id=first) as store:
        assert store.device_id == first


def test_device_id_given_on_first_open_is_kept(data_dir: Path) -> None:
    Store.open(data_dir, device_id="tablet-07").close()
    with Store.open(data_dir) as store:
        assert store.device_id == "tablet-07"
        assert parse_hlc(store.create_project("p").hlc)[2] == "tablet-07"


def test_opening_as_another_device_is_refused(data_dir: Path) -> None:
    Store.open(data_dir, device_id="tablet-07").close()
    with pytest.raises(StoreError) as info:
        Store.open(data_dir, device_id="tablet-08")
    assert "属于设备 tablet-07" in str(info.value)
    with pytest.raises(StoreError):
        Store.open(data_dir, clock=HybridLogicalClock("tablet-08"))
    with pytest.raises(ValueError):
        Store.open(data_dir.parent / "other", device_id="a", clock=HybridLogicalClock("b"))


def test_clock_state_survives_a_restart_with_the_wall_clock_set_back(
    data_dir: Path, wall: FakeWall
) -> None:
    with open_store(data_dir, wall) as store:
        last = store.create_project("p").hlc
    wall.ms -= 7 * 86_400_000  # the tablet's clock was reset a week back
    with open_store(data_dir, wall) as store:
        later = store.create_project("q")
        assert later.hlc > last
        assert later.updated_at == "2026-04-01T00:00:00.000Z", "time is the HLC's, not the wall's"


def test_injected_id_generator_is_used(data_dir: Path) -> None:
    ids = iter(f"id-{n:03d}" for n in range(100))
    with Store.open(data_dir, device_id=DEVICE, new_id=lambda: next(ids)) as store:
        assert store.create_project("p").id == "id-000"
        assert store.create_project("q").id == "id-001"


def test_store_may_be_handed_to_a_writer_thread(store: Store) -> None:
    # The UI opens the store, then one writer thread owns it.
    result: list[str] = []
    worker = threading.Thread(target=lambda: result.append(store.create_project("p").name))
    worker.start()
    worker.join()
    assert result == ["p"]
    assert [p.name for p in store.projects()] == ["p"]


def test_close_folds_the_wal_back_into_the_file(data_dir: Path, wall: FakeWall) -> None:
    store = open_store(data_dir, wall)
    store.create_project("p")
    store.close()
    # A user copying fieldapp.db to a USB stick must get everything in that one file.
    assert not (data_dir / "fieldapp.db-wal").exists()


def test_a_write_blocked_by_another_process_is_reported_and_undone(store: Store) -> None:
    other = sqlite3.connect(store.path)
    other.execute("BEGIN IMMEDIATE")  # e.g. the CLI importing a package right now
    store.database.execute("PRAGMA busy_timeout = 0")  # fail at once instead of waiting 5 s
    try:
        with pytest.raises(StoreError) as info:
            store.create_project("p")
        assert "正被另一个程序占用" in str(info.value)
        assert not store.database.conn.in_transaction
    finally:
        other.rollback()
        other.close()
    assert store.create_project("p").name == "p"


def test_device_local_meta_values(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        assert store.meta("sync_cursor") is None
        store.set_meta({"sync_cursor": "42", "sync_token": "t"})
        store.set_meta({"sync_token": None})
        device = store.device_id
        with pytest.raises(StoreError, match="Reserved"):
            store.set_meta({"device_id": "someone-else", "sync_cursor": "0"})
        digest = store.digest()
    with Store.open(data_dir) as store:
        assert (store.meta("sync_cursor"), store.meta("sync_token")) == ("42", None)
        assert store.device_id == device
        assert store.digest() == digest  # device-local: not part of synced content
