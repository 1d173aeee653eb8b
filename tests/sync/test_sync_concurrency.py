"""Two server processes on one database, started at the same moment (migrations race),
with devices pushing concurrently to both — edits to different answers and to the same
answer — while another device keeps pulling. Nothing lost or doubled, every device and the
server converge, and the puller, which never re-read from the start, missed nothing: the
pull cursor cannot skip a row that commits late."""

from __future__ import annotations

import threading
from pathlib import Path

from server_testkit import Device, ServerProcess, fresh_database, new_user, seed

from fieldapp.sync import SyncError

DEVICES = 4
STREET = "和平街道"


def test_devices_push_concurrently_to_two_processes(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        servers = [ServerProcess(tmp_path / "server", url) for _ in range(2)]
        # Start all at once: each runs the migrations on the same fresh database.
        starters = [threading.Thread(target=s.start) for s in servers]
        for t in starters:
            t.start()
        for t in starters:
            t.join()
        try:
            assert all(s.proc is not None and s.proc.poll() is None for s in servers)
            _race(servers, tmp_path)
        finally:
            for s in servers:
                s.stop()


def _race(servers: list[ServerProcess], tmp_path: Path) -> None:
    admin = servers[0]
    devices = [
        Device(
            tmp_path / f"d{i}", servers[i % 2].url, admin.user(new_user("sv"), "surveyor", STREET)
        )
        for i in range(DEVICES)
    ]
    watcher = Device(tmp_path / "watch", servers[1].url, admin.user("watch", "surveyor", STREET))
    try:
        base = seed(devices[0].store, answers=5, street=STREET)
        for d in devices:
            d.sync()
        watcher.sync()
        for n, d in enumerate(devices):
            d.store.save_answers(base.submission_id, [(f"d{n}-{i}", i) for i in range(30)])
            d.store.save_answer(base.submission_id, "q0000", f"device {n}")
        errors: list[BaseException] = []
        done = threading.Event()

        def push(d: Device) -> None:
            try:
                for _ in range(2):  # two rounds each, so pushes and pulls interleave
                    d.sync(batch_size=15)
            except (SyncError, AssertionError) as exc:  # pragma: no cover - reported below
                errors.append(exc)

        def watch() -> None:
            while not done.is_set():
                try:
                    watcher.sync(page_size=10)
                except SyncError as exc:  # pragma: no cover
                    errors.append(exc)

        threads = [threading.Thread(target=push, args=(d,)) for d in devices]
        watching = threading.Thread(target=watch)
        watching.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        done.set()
        watching.join()
        assert not errors, errors

        for d in devices:
            d.sync()
        watcher.sync()  # its cursor only moved forward: it must have everything
        final = {d.store.answers(base.submission_id)[("q0000", "")] for d in (*devices, watcher)}
        assert len(final) == 1  # one winner everywhere
        expected = 5 + 30 * DEVICES
        for d in (*devices, watcher):
            assert len(d.store.answers(base.submission_id)) == expected
        assert admin.admin.records.counts()["answers"] == expected
        digests = {d.digest() for d in (*devices, watcher)}
        assert digests == {admin.digest()}
        assert len(admin.admin.records.conflicts(_admin(), limit=100)) >= 1
    finally:
        for d in (*devices, watcher):
            d.close()


def _admin():  # type: ignore[no-untyped-def]
    from fieldapp.server.accounts import Principal

    return Principal("", "", "admin", None, "", "")
