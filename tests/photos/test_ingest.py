"""Importing into the store: rows, files, de-duplication, and all-or-nothing on failure."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import threading
from pathlib import Path

import pytest
from photo_testkit import Place, exif_with, files_under, jpeg_bytes, quadrants, write
from PIL import Image

from fieldapp.core.errors import NotFoundError, StoreError
from fieldapp.core.i18n import Text
from fieldapp.photos import PhotoError, PhotoSettings, import_photos, thumbnail_path
from fieldapp.photos import files as photo_files
from fieldapp.photos.files import sweep_temp_files
from fieldapp.store.paths import photo_path


def good(tmp_path: Path, name: str = "IMG_0001.jpg", *, size: tuple[int, int] = (64, 48)) -> Path:
    exif = exif_with(taken_at="2026-04-12T09:30:15+08:00", lat=28.68205, lon=115.88912)
    return write(tmp_path, name, jpeg_bytes(quadrants(size), exif=exif))


def test_import_writes_files_and_row(place: Place, tmp_path: Path) -> None:
    source = good(tmp_path)
    (result,) = import_photos(place.store, [source], community_id=place.community.id)
    assert result.status == "imported" and result.ok and result.error is None
    photo = result.photo
    assert photo is not None and photo.community_id == place.community.id
    stored = photo_path(place.store.data_dir, photo.sha256)
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == photo.sha256
    assert (photo.width, photo.height, photo.mime) == (64, 48, "image/jpeg")
    assert photo.bytes == stored.stat().st_size
    assert (photo.taken_at, photo.lat, photo.lon) == (
        "2026-04-12T09:30:15+08:00",
        28.68205,
        115.88912,
    )
    original = hashlib.sha256(source.read_bytes()).hexdigest()
    assert photo.original_sha256 == original
    assert photo_path(place.store.data_dir, original).read_bytes() == source.read_bytes()
    assert Image.open(thumbnail_path(place.store.data_dir, photo.sha256)).size == (64, 48)
    assert place.store.photos(community_id=place.community.id) == [photo]
    assert result.to_json() == {
        "file": str(source),
        "status": "imported",
        "sha256": photo.sha256,
        "width": 64,
        "height": 48,
        "taken_at": "2026-04-12T09:30:15+08:00",
        "lat": 28.68205,
        "lon": 115.88912,
    }


def test_original_not_kept_by_setting(place: Place, tmp_path: Path) -> None:
    (result,) = import_photos(
        place.store,
        [good(tmp_path)],
        community_id=place.community.id,
        settings=PhotoSettings(keep_original=False),
    )
    assert result.photo is not None and result.photo.original_sha256 is None
    assert len(files_under(place.store.photos_dir)) == 2  # the photo and its thumbnail


def test_duplicates_by_content_and_by_original(place: Place, tmp_path: Path) -> None:
    first = good(tmp_path, "a.jpg")
    copy = write(tmp_path, "copy-of-a.jpg", first.read_bytes())
    results = import_photos(
        place.store,
        [first, copy, first],
        community_id=place.community.id,
        problem_id=place.problem.id,
    )
    assert [r.status for r in results] == ["imported", "duplicate", "duplicate"]
    assert len({r.photo.id for r in results if r.photo}) == 1
    assert len(place.store.photos(community_id=place.community.id)) == 1
    assert len(place.store.photo_links(problem_id=place.problem.id)) == 1
    # Re-encoded to the very same stored bytes: also a duplicate, though the source differs.
    again = import_photos(place.store, [first], community_id=place.community.id)
    assert again[0].status == "duplicate"
    assert again[0].to_json()["sha256"] == results[0].to_json()["sha256"]
    assert not any(p.name.endswith(".tmp") for p in files_under(place.store.photos_dir))


def test_duplicate_gets_linked_to_a_new_problem(place: Place, tmp_path: Path) -> None:
    source = good(tmp_path)
    import_photos(place.store, [source], community_id=place.community.id)
    other = place.store.create_problem(place.community.id, "路灯损坏", actor="李静")
    (result,) = import_photos(
        place.store, [source], community_id=place.community.id, problem_id=other.id
    )
    assert result.status == "duplicate" and result.photo is not None
    assert place.store.photos(problem_id=other.id) == [result.photo]


def test_photos_attach_to_an_answer(place: Place, tmp_path: Path) -> None:
    store = place.store
    store.register_form("f", "1", "checklist", "检查表", None, "form: {}\n")
    submission = store.create_submission(place.community.id, "f", "1", surveyor="王晓明")
    source = good(tmp_path)
    for _ in range(2):  # the second time a duplicate: linked once all the same
        import_photos(
            store,
            [source],
            community_id=place.community.id,
            submission_id=submission.id,
            question="q_photo",
        )
    (link,) = store.photo_links(submission_id=submission.id)
    assert (link.question, link.instance, link.problem_id) == ("q_photo", "", None)


def test_good_files_imported_bad_ones_refused_without_leftovers(
    place: Place, tmp_path: Path
) -> None:
    bad = [
        write(tmp_path, "empty.jpg", b""),
        write(tmp_path, "notes.jpg", "今天下雨".encode()),
        write(tmp_path, "cut.jpg", jpeg_bytes(quadrants((400, 300)))[:900]),
        tmp_path / "missing.jpg",
        tmp_path,
    ]
    files = [good(tmp_path, "1.jpg"), *bad, good(tmp_path, "2.jpg", size=(80, 60))]
    results = import_photos(place.store, files, community_id=place.community.id)
    assert [r.status for r in results] == ["imported"] + ["error"] * len(bad) + ["imported"]
    assert [r.file for r in results] == [os.fspath(f) for f in files]
    for result in results[1:-1]:
        assert result.error is not None and result.error.zh and result.error.en
        assert result.to_json() == {
            "file": result.file,
            "status": "error",
            "error": result.error.both(),
        }
    assert len(place.store.photos(community_id=place.community.id)) == 2
    assert len(files_under(place.store.photos_dir)) == 6  # 2 × (photo, original, thumbnail)


def test_full_disk_leaves_no_row_and_no_partial_file(
    place: Place, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = [good(tmp_path, f"{n}.jpg", size=(64 + 8 * n, 48)) for n in range(3)]
    real_write = photo_files._write_all
    calls = 0
    lock = threading.Lock()

    def disk_fills_up(fd: int, data: bytes) -> None:
        nonlocal calls
        with lock:
            calls += 1
            fail = calls > 3  # the first photo's three files fit, then the disk is full
        if fail:
            os.write(fd, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(fd, data)

    monkeypatch.setattr(photo_files, "_write_all", disk_fills_up)
    results = import_photos(
        place.store, sources, community_id=place.community.id, settings=PhotoSettings(workers=1)
    )
    assert [r.status for r in results] == ["imported", "error", "error"]
    assert results[1].error is not None and "disk is full" in results[1].error.en
    assert "磁盘空间不足" in results[1].error.zh
    photo = results[0].photo
    assert photo is not None and place.store.photos(community_id=place.community.id) == [photo]
    assert {p.name for p in files_under(place.store.photos_dir)} == {
        photo.sha256,
        f"{photo.sha256}.jpg",
        str(photo.original_sha256),
    }


def test_database_failure_removes_the_files_just_written(
    place: Place, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise StoreError(Text("数据库已满。", "The database is full."))

    monkeypatch.setattr(place.store, "add_photo", refuse)
    (result,) = import_photos(place.store, [good(tmp_path)], community_id=place.community.id)
    assert result.status == "error" and result.error is not None
    assert result.error.en == "The database is full."
    assert files_under(place.store.photos_dir) == []


def test_link_failure_rolls_back_the_row(
    place: Place, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise StoreError(Text("磁盘已满。", "Disk full."))

    monkeypatch.setattr(place.store, "link_photo", refuse)
    (result,) = import_photos(
        place.store, [good(tmp_path)], community_id=place.community.id, problem_id=place.problem.id
    )
    assert result.status == "error"
    assert place.store.photos(community_id=place.community.id, include_deleted=True) == []
    assert files_under(place.store.photos_dir) == []


def test_progress_and_cancel(place: Place, tmp_path: Path) -> None:
    sources = [good(tmp_path, f"{n}.jpg", size=(64 + 8 * n, 48)) for n in range(6)]
    seen: list[tuple[int, int, str]] = []
    stop = threading.Event()

    def progress(done: int, total: int, result: object) -> None:
        seen.append((done, total, result.status))  # type: ignore[attr-defined]
        if done == 2:
            stop.set()

    results = import_photos(
        place.store,
        sources,
        community_id=place.community.id,
        progress=progress,
        cancel=stop.is_set,
        settings=PhotoSettings(workers=2),
    )
    statuses = [r.status for r in results]
    assert statuses[:2] == ["imported", "imported"]
    assert set(statuses[2:]) == {"cancelled"}
    assert [s[:2] for s in seen] == [(n, 6) for n in range(1, 7)]
    assert len(place.store.photos(community_id=place.community.id)) == 2
    assert len(files_under(place.store.photos_dir)) == 6  # nothing of the cancelled ones


def test_an_interrupt_leaves_no_temporary_files(place: Place, tmp_path: Path) -> None:
    sources = [good(tmp_path, f"{n}.jpg", size=(64 + 8 * n, 48)) for n in range(6)]

    def interrupt(done: int, total: int, result: object) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_photos(
            place.store,
            sources,
            community_id=place.community.id,
            progress=interrupt,
            settings=PhotoSettings(workers=2),
        )
    assert len(place.store.photos(community_id=place.community.id)) == 1
    assert len(files_under(place.store.photos_dir)) == 3  # the one photo committed, nothing else


def test_wrong_community_or_problem_is_refused_up_front(place: Place, tmp_path: Path) -> None:
    source = good(tmp_path)
    with pytest.raises(NotFoundError):
        import_photos(place.store, [source], community_id="nope")
    with pytest.raises(NotFoundError):
        import_photos(place.store, [source], community_id=place.community.id, problem_id="nope")
    other = place.store.create_community(place.community.project_id, "光明社区")
    with pytest.raises(PhotoError, match="another community"):
        import_photos(place.store, [source], community_id=other.id, problem_id=place.problem.id)
    assert files_under(place.store.photos_dir) == []


def test_stale_temporary_files_are_swept(place: Place) -> None:
    folder = place.store.photos_dir / "ab"
    folder.mkdir(parents=True)
    stale, fresh = folder / ".abc.1.tmp", folder / ".abc.2.tmp"
    stale.write_bytes(b"half a photo")
    fresh.write_bytes(b"being written")
    os.utime(stale, (0, 0))
    assert sweep_temp_files(place.store.data_dir) == 1
    assert not stale.exists() and fresh.exists()


def test_big_photo_is_resized_and_its_original_kept(place: Place, tmp_path: Path) -> None:
    source = write(tmp_path, "big.jpg", jpeg_bytes(quadrants((3000, 2000)), quality=80))
    (result,) = import_photos(place.store, [source], community_id=place.community.id)
    photo = result.photo
    assert photo is not None and (photo.width, photo.height) == (2560, 1707)
    with Image.open(io.BytesIO(photo_path(place.store.data_dir, photo.sha256).read_bytes())) as im:
        assert im.size == (2560, 1707)
    assert Image.open(thumbnail_path(place.store.data_dir, photo.sha256)).size == (400, 267)
    assert photo.original_sha256 is not None
    kept = photo_path(place.store.data_dir, photo.original_sha256)
    assert kept.read_bytes() == source.read_bytes()


def test_pillow_memory_cache_is_returned_after_imports(place: Place, tmp_path: Path) -> None:
    from fieldapp.photos.decode import _PILLOW_CORE, pillow_block_cache

    pillow_block_cache.release()  # earlier tests' imports may still be keeping it warm
    before = _PILLOW_CORE.get_blocks_max()
    import_photos(place.store, [good(tmp_path)], community_id=place.community.id)
    assert _PILLOW_CORE.get_blocks_max() >= 8  # kept warm for the next capture
    pillow_block_cache.release()  # what the timer does a little later
    assert _PILLOW_CORE.get_blocks_max() == before
