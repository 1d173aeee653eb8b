"""The sync load benchmark, scaled down (3 devices × 5 changes) against a real `fieldapp
serve`, on SQLite and PostgreSQL: its batches are what a device pushes, they are accepted,
and its checks find every row once — so the benchmark cannot silently rot."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))

from server_testkit import BACKENDS, fresh_database

from bench import bench_sync_load as load


@pytest.mark.parametrize("backend", BACKENDS)
def test_scaled_down_load_run(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        result = load.run_load(
            tmp_path, url, devices=3, changes=5, rounds=2, servers=2 if url else 1,
            generators=1, streets=2, resend=3, cold_rounds=1,
        )  # fmt: skip
    assert result.problems == []
    assert (result.lost, result.duplicated) == (0, 0)
    assert [len(r) for r in result.latencies] == [3, 3]
    assert [len(r) for r in result.cold_latencies] == [3]
    assert result.resent == 3 + 1  # three with their ids, one under a new id
    assert all(0 < t < 60 for r in result.latencies for t in r)
    assert len(result.cpu) == 2 and all(s >= 0 and p >= 0 for s, p in result.cpu)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux's /proc")
def test_round_cpu_is_read_from_proc(tmp_path: Path) -> None:
    import os
    import time

    before = load._cpu_seconds([os.getpid()])
    end = time.process_time() + 0.05
    while time.process_time() < end:
        pass
    assert load._cpu_seconds([os.getpid()]) - before >= 0.03
    assert load._cpu_seconds([2**22 + 12345]) == 0  # a process that is gone counts nothing
    with fresh_database("postgresql", tmp_path) as url:
        assert url is not None
        assert load._postgres_pids()  # the cluster serving it


def test_batches_are_what_a_device_pushes(tmp_path: Path) -> None:
    import json

    from fieldapp.core.forms.builtin import builtin_form
    from fieldapp.store import Store

    form = builtin_form(load.FORM_ID)
    with Store.open(tmp_path / "d") as store:
        project = store.create_project("P")
        community = store.create_community(project.id, "社区", street="街道")
        batch = load.make_batch(store, form, community.id, 49)
        body = json.loads(batch.body)
        changes = body["changes"]
        assert [c["table"] for c in changes] == ["submissions"] + ["answers"] * 49
        assert {c["device_id"] for c in changes} == {store.device_id}
        assert len({c["data"]["question"] for c in changes[1:]}) == 49
        # The batch id is the content's hash, as fieldapp.sync.push makes it.
        mine = [
            c
            for c in store.collect_changes(dirty_only=True)
            if c.table in ("submissions", "answers")
        ]
        assert batch.batch_id == load.wire_batch(mine).batch_id


def test_reference_loop_is_cpu_time() -> None:
    import time

    started = time.perf_counter()
    measured = load.reference_loop_ms()
    elapsed = (time.perf_counter() - started) * 1000
    assert 0 < measured <= elapsed  # CPU of the best of three, within their wall time
