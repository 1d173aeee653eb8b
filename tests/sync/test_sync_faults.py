"""Connections cut at random points — at least 50 times, during pushes and photo uploads —
and still: both devices and the server converge, nothing lost, nothing twice."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cutting_proxy import CuttingProxy
from server_testkit import Device, ServerProcess, add_photo, seed

from fieldapp.store.paths import photo_path
from fieldapp.sync import SyncError

FAST = {"attempts": 2, "backoff": 0.005, "chunk_size": 16 * 1024, "batch_size": 40}


def test_cuts_during_push_and_upload_converge(live_server: ServerProcess, tmp_path: Path) -> None:
    proxy = CuttingProxy(live_server.port, p=1.0, max_bytes=40_000, seed=20260501)
    a = Device(tmp_path / "a", proxy.url, live_server.user("wang", "surveyor", "和平街道"))
    b = Device(tmp_path / "b", proxy.url, live_server.user("li", "surveyor", "和平街道"))
    try:
        sa = seed(a.store, name="甲社区", answers=150, photos=6, photo_bytes=60_000)
        sb = seed(b.store, name="乙社区", answers=100, photos=4, photo_bytes=60_000)
        failures = 0
        rounds = 0
        edits = 0
        while rounds < 200:
            rounds += 1
            if rounds % 4 == 0 and edits < 6:
                # Keep writing while syncs fail: new answers, a new photo, a same-answer edit.
                edits += 1
                a.store.save_answer(sa.submission_id, f"late{edits}", edits)
                b.store.save_answer(sb.submission_id, f"late{edits}", -edits)
                add_photo(a.store, sa.community_id, sa.problem_id, seed=f"a{edits}", size=40_000)
            ok = 0
            for device in (a, b):
                try:
                    device.sync(**FAST)
                    ok += 1
                except SyncError:
                    failures += 1
            if proxy.stats.cuts >= 60 and ok == 2 and edits >= 6:
                break
        assert proxy.stats.cuts >= 50, proxy.stats
        assert proxy.stats.upstream >= 20, proxy.stats  # cut while the device was sending
        assert failures > 0

        proxy.enabled = False
        for device in (a, b, a):
            device.sync(**FAST)
        assert a.digest() == b.digest() == live_server.digest()

        # Nothing lost: every answer each device wrote is on the other; nothing twice: one
        # answer per (submission, question), one record per photo, every file intact.
        assert len(a.store.answers(sa.submission_id)) == 150 + edits
        assert len(b.store.answers(sa.submission_id)) == 150 + edits
        assert len(a.store.answers(sb.submission_id)) == 100 + edits
        counts = live_server.admin.records.counts()
        assert counts["answers"] == 250 + 2 * edits
        assert counts["photos"] == 10 + edits == a.store.counts()["photos"]
        assert counts["submissions"] == 2 and counts["communities"] == 2
        for device in (a, b):
            assert device.store.collect_changes(dirty_only=True) == []
            for photo in device.store.photos():
                data = photo_path(device.path, photo.sha256).read_bytes()
                assert hashlib.sha256(data).hexdigest() == photo.sha256
                assert live_server.admin.blobs.has(photo.sha256)
    finally:
        proxy.close()
        a.close()
        b.close()
