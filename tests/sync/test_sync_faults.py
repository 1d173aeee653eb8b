"""Connections cut at random points — at least 50 times, during pushes and photo uploads —
and still: both devices and the server converge, nothing lost, nothing twice."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cutting_proxy import CuttingProxy
from server_testkit import Device, ServerProcess, add_photo, seed

from fieldapp.core.errors import NotFoundError
from fieldapp.store.paths import photo_path
from fieldapp.sync import SyncError

FAST = {"attempts": 2, "backoff": 0.005, "chunk_size": 8192, "batch_size": 30, "page_size": 25}


def _has_submission(device: Device, submission_id: str) -> bool:
    try:
        device.store.submission(submission_id)
    except NotFoundError:
        return False  # not pulled yet: the cuts may have stopped every sync so far
    return True


def test_cuts_during_push_and_upload_converge(live_server: ServerProcess, tmp_path: Path) -> None:
    proxy = CuttingProxy(live_server.port, p=0.8, max_bytes=30_000, seed=20260501)
    a = Device(tmp_path / "a", proxy.url, live_server.user("wang", "surveyor", "和平街道"))
    b = Device(tmp_path / "b", proxy.url, live_server.user("li", "surveyor", "和平街道"))
    try:
        sa = seed(a.store, name="甲社区", answers=60, photos=2, photo_bytes=20_000)
        sb = seed(b.store, name="乙社区", answers=40, photos=2, photo_bytes=20_000)
        failures = rounds = 0
        while rounds < 80 and (proxy.stats.cuts < 60 or rounds < 8):
            # Keep writing while syncs fail: new answers and photos on both devices, and
            # edits of the same answer on both (which must end as one value, one conflict).
            rounds += 1
            a.store.save_answers(sa.submission_id, [(f"a{rounds}-{i}", i) for i in range(15)])
            b.store.save_answers(sb.submission_id, [(f"b{rounds}-{i}", i) for i in range(15)])
            add_photo(a.store, sa.community_id, sa.problem_id, seed=f"a{rounds}", size=20_000)
            add_photo(b.store, sb.community_id, sb.problem_id, seed=f"b{rounds}", size=20_000)
            if rounds % 3 == 0 and _has_submission(b, sa.submission_id):
                a.store.save_answer(sa.submission_id, "q0001", f"a{rounds}")
                b.store.save_answer(sa.submission_id, "q0001", f"b{rounds}")
            for device in (a, b):
                try:
                    device.sync(**FAST)
                except SyncError:
                    failures += 1
        print(f"\n{rounds} rounds, {failures} failed syncs, {proxy.stats}")
        assert proxy.stats.cuts >= 50, proxy.stats
        assert proxy.stats.upstream >= 20, proxy.stats  # cut while the device was sending
        assert failures > 0

        proxy.enabled = False
        for device in (a, b, a):
            device.sync(**FAST)
        assert a.digest() == b.digest() == live_server.digest()

        # Nothing lost: every answer and photo each device wrote is everywhere; nothing
        # twice: one answer per (submission, question), one record per photo, files intact.
        for device in (a, b):
            assert len(device.store.answers(sa.submission_id)) == 60 + 15 * rounds
            assert len(device.store.answers(sb.submission_id)) == 40 + 15 * rounds
            assert device.store.counts()["photos"] == 4 + 2 * rounds
            assert device.store.collect_changes(dirty_only=True) == []
            for photo in device.store.photos():
                data = photo_path(device.path, photo.sha256).read_bytes()
                assert hashlib.sha256(data).hexdigest() == photo.sha256
                assert live_server.admin.blobs.has(photo.sha256)
        counts = live_server.admin.records.counts()
        assert counts["answers"] == 100 + 30 * rounds
        assert counts["photos"] == 4 + 2 * rounds
        assert counts["submissions"] == 2 and counts["communities"] == 2
    finally:
        proxy.close()
        a.close()
        b.close()
