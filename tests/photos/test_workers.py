"""Where photos are processed: worker processes for a batch, a thread for one file; a worker
that dies costs the files it had, with a clear reason, and nothing else."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

from photo_testkit import Place, files_under, jpeg_bytes, quadrants, write

from fieldapp.photos import PhotoSettings, import_photos
from fieldapp.photos.workers import photo_processes


def sources(tmp_path: Path, count: int, width: int = 64) -> list[Path]:
    return [
        write(tmp_path, f"IMG_{n:04d}.jpg", jpeg_bytes(quadrants((width + 8 * n, width * 3 // 4))))
        for n in range(count)
    ]


def test_a_batch_is_processed_in_worker_processes(place: Place, tmp_path: Path) -> None:
    photo_processes.release()
    results = import_photos(
        place.store,
        sources(tmp_path, 4),
        community_id=place.community.id,
        settings=PhotoSettings(workers=2),
    )
    assert [r.status for r in results] == ["imported"] * 4
    assert photo_processes.held  # kept warm for the next import
    workers = multiprocessing.active_children()
    assert len(workers) == 2 and all(w.pid != os.getpid() for w in workers)
    photo_processes.release()
    assert not photo_processes.held and multiprocessing.active_children() == []


def test_one_file_needs_no_worker_process(place: Place, tmp_path: Path) -> None:
    photo_processes.release()
    (result,) = import_photos(place.store, sources(tmp_path, 1), community_id=place.community.id)
    assert result.status == "imported"
    assert not photo_processes.held and multiprocessing.active_children() == []


def test_a_dead_worker_costs_only_its_files(place: Place, tmp_path: Path) -> None:
    photo_processes.release()
    files = sources(tmp_path, 8, width=3200)  # slow enough that most are still in flight

    def kill_workers(done: int, total: int, result: object) -> None:
        if done == 1:  # as if a hostile file had crashed the decoder
            for worker in multiprocessing.active_children():
                os.kill(worker.pid or 0, signal.SIGKILL)

    results = import_photos(
        place.store,
        files,
        community_id=place.community.id,
        progress=kill_workers,
        settings=PhotoSettings(workers=2),
    )
    statuses = [r.status for r in results]
    assert statuses[0] == "imported" and "error" in statuses
    failed = [r for r in results if r.status == "error"]
    assert all(r.error is not None and "stopped unexpectedly" in r.error.en for r in failed)
    assert all("意外退出" in r.error.zh for r in failed if r.error is not None)
    stored = place.store.photos(community_id=place.community.id)
    assert len(stored) == statuses.count("imported")
    # Each stored photo has its three files; a killed worker may leave a temporary file,
    # which the next import's sweep removes once it is stale — never a final-named file.
    final = [p for p in files_under(place.store.photos_dir) if not p.name.endswith(".tmp")]
    assert len(final) == 3 * len(stored)
    # The broken pool was dropped: the same files import now.
    again = import_photos(
        place.store,
        [f for f, r in zip(files, results, strict=True) if r.status == "error"],
        community_id=place.community.id,
        settings=PhotoSettings(workers=2),
    )
    assert {r.status for r in again} == {"imported"}
    assert len(place.store.photos(community_id=place.community.id)) == 8
    photo_processes.release()
