"""Photo uploads run several at a time; each keeps every guarantee of a single one: a cut
upload resumes, the server verifies the hash before a file counts (nothing stored
otherwise), and a photo's record is pushed only once its file is on the server."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import httpx
import pytest
from cutting_proxy import CuttingProxy
from server_testkit import Device, ServerProcess, add_photo, seed

from fieldapp.server.blobs import FileBlobStore
from fieldapp.server.errors import ApiError
from fieldapp.store.paths import photo_path
from fieldapp.sync import SyncError
from fieldapp.sync.photos import UPLOAD_WORKERS

PHOTO_BYTES = 300_000


class Overlapping(httpx.HTTPTransport):
    """Counts photo uploads in flight; each one waits (briefly) until another is under
    way too, so uploads one after the other show as at most one in flight and a slow test."""

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()
        self.in_flight = self.most = self.puts = 0
        self.overlapped = threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        upload = request.method == "PUT" and "/blobs/" in request.url.path
        if not upload:
            return super().handle_request(request)
        with self.lock:
            self.in_flight += 1
            self.puts += 1
            self.most = max(self.most, self.in_flight)
            if self.in_flight >= 2:
                self.overlapped.set()
        try:
            self.overlapped.wait(5)
            return super().handle_request(request)
        finally:
            with self.lock:
                self.in_flight -= 1


def _server_file_ok(server: ServerProcess, sha: str) -> bool:
    path = server.admin.blobs.path(sha)
    return path is not None and hashlib.sha256(path.read_bytes()).hexdigest() == sha


def _partials(server: ServerProcess) -> list[Path]:
    return sorted((server.data_dir / "blobs" / ".partial").glob("*.part"))


def test_uploads_overlap(live_server: ServerProcess, tmp_path: Path) -> None:
    device = Device(
        tmp_path / "d", live_server.url, live_server.user("wang", "surveyor", "和平街道")
    )
    try:
        seed(device.store, answers=20, photos=8, photo_bytes=PHOTO_BYTES)
        transport = Overlapping()
        result = device.sync(transport=transport)
        assert (result.photos_uploaded, result.held_back) == (8, 0)
        assert transport.puts == 8  # one request per photo: each fits in one chunk
        assert 2 <= transport.most <= UPLOAD_WORKERS
        for photo in device.store.photos():
            assert _server_file_ok(live_server, photo.sha256)
        assert device.store.collect_changes(dirty_only=True) == []
        assert device.digest() == live_server.digest()
        assert _partials(live_server) == []
    finally:
        device.close()


def test_concurrent_uploads_cut_and_resumed(live_server: ServerProcess, tmp_path: Path) -> None:
    # Every connection is cut somewhere in its first 400 kB each way: uploads of several
    # chunks (64 kB) break off half way, on several connections at once, and resume.
    proxy = CuttingProxy(live_server.port, p=1.0, max_bytes=400_000, seed=20261122)
    device = Device(tmp_path / "d", proxy.url, live_server.user("li", "surveyor", "和平街道"))
    try:
        seed(device.store, answers=20, photos=6, photo_bytes=PHOTO_BYTES)
        tries = 0
        while True:
            tries += 1
            try:
                result = device.sync(chunk_size=64 * 1024, attempts=4, backoff=0.005)
                break
            except SyncError:
                assert tries < 40, proxy.stats
            # After every failed sync: a photo row is shared only if its file is complete
            # and verified on the server.
            unsynced = {(c.table, c.id) for c in device.store.collect_changes(dirty_only=True)}
            for photo in device.store.photos():
                if ("photos", photo.id) not in unsynced:
                    assert _server_file_ok(live_server, photo.sha256)
        assert proxy.stats.upstream >= 3, proxy.stats  # cut while a device was sending
        assert result.held_back == 0
        assert device.store.collect_changes(dirty_only=True) == []
        for photo in device.store.photos():
            assert _server_file_ok(live_server, photo.sha256)
        proxy.enabled = False
        device.sync()
        assert device.digest() == live_server.digest()
    finally:
        proxy.close()
        device.close()


def test_damaged_file_refused_while_others_go(live_server: ServerProcess, tmp_path: Path) -> None:
    device = Device(
        tmp_path / "d", live_server.url, live_server.user("zhao", "surveyor", "和平街道")
    )
    try:
        s = seed(device.store, answers=5, photos=5, photo_bytes=PHOTO_BYTES)
        big = add_photo(device.store, s.community_id, s.problem_id, seed="big", size=PHOTO_BYTES)
        small = add_photo(device.store, s.community_id, s.problem_id, seed="small", size=5000)
        damaged = {device.store.photo(big).sha256, device.store.photo(small).sha256}
        for sha in damaged:  # one byte flipped in the middle: same size, wrong hash
            path = photo_path(device.path, sha)
            data = bytearray(path.read_bytes())
            data[len(data) // 2] ^= 0xFF
            path.write_bytes(bytes(data))
        # Chunks of 64 kB: the big one goes in several requests (verified once complete,
        # from the file), the small one in one (verified before anything is written).
        result = device.sync(chunk_size=64 * 1024)
        assert result.photos_uploaded == 5
        assert result.held_back == 4  # the two photos and their links
        assert any("SHA-256" in w.en for w in result.warnings)
        waiting = {(c.table, c.id) for c in device.store.collect_changes(dirty_only=True)}
        assert {("photos", big), ("photos", small)} <= waiting
        for sha in damaged:
            assert not live_server.admin.blobs.has(sha)
            assert not photo_path(live_server.data_dir, sha).exists()
        assert _partials(live_server) == []
        for photo_id in s.photo_ids:
            assert _server_file_ok(live_server, device.store.photo(photo_id).sha256)
            assert ("photos", photo_id) not in waiting
    finally:
        device.close()


def test_upload_of_pieces_verifies_and_stores(tmp_path: Path) -> None:
    """The server's store takes a request body as the pieces it arrived in."""
    blobs = FileBlobStore(tmp_path / "blobs")
    data = bytes(range(256)) * 4000
    sha = hashlib.sha256(data).hexdigest()
    pieces = [data[i : i + 65536] for i in range(0, len(data), 65536)]
    assert blobs.append(sha, "dev", offset=0, total=len(data), data=pieces) == len(data)
    assert blobs.open(sha).read() == data
    # Two requests, each in pieces.
    other = data[::-1]
    sha2 = hashlib.sha256(other).hexdigest()
    half = len(other) // 2
    first = [memoryview(other)[:1000], other[1000:half]]
    assert blobs.append(sha2, "dev", offset=0, total=len(other), data=first) == half
    assert blobs.received(sha2, "dev") == half
    rest = [other[half:]]
    assert blobs.append(sha2, "dev", offset=half, total=len(other), data=rest) == len(other)
    assert blobs.open(sha2).read() == other
    blobs.make_durable([sha, sha2])
    # Pieces that do not add up to the hash: refused, nothing kept.
    wrong = hashlib.sha256(b"something else").hexdigest()
    for split in ([data], [data[:half], data[half:]]):
        with pytest.raises(ApiError) as refused:
            blobs.append(wrong, "dev", offset=0, total=len(data), data=split)
        assert (refused.value.status, refused.value.code) == (422, "hash_mismatch")
        assert not blobs.has(wrong)
        assert blobs.received(wrong, "dev") == 0
    # The same mismatch over two requests: found at the end, the partial file dropped.
    blobs.append(wrong, "dev", offset=0, total=len(data), data=[data[:half]])
    with pytest.raises(ApiError) as refused:
        blobs.append(wrong, "dev", offset=half, total=len(data), data=[data[half:]])
    assert refused.value.code == "hash_mismatch"
    assert not blobs.has(wrong)
    assert blobs.received(wrong, "dev") == 0
