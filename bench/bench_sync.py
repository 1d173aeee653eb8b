"""Sync figures over loopback: a device's first sync (2,000 answers, 300 photos of 2 MB)
against a plain HTTP upload of the same bytes in the same run, and a second sync with
nothing new.

The plain upload is the floor: the same bytes PUT one file per request to a bare ASGI app
under the same uvicorn that writes each body to a file, plus the records as one JSON POST.
Sync on top of that verifies every photo's SHA-256 and makes it durable (fsync) before
acknowledging it, merges every row, and reads its own rows back in the pull.

The comparison is made fair and repeatable:

- plain and sync trials alternate in pairs, in the order plain-sync, sync-plain, … (so a
  drift of the machine's speed over the run weighs on both sides alike);
- every trial starts from the same disk state: the files of earlier trials are deleted,
  then ``os.sync()`` and a wait until the kernel has no dirty pages left to write back, so
  no trial pays for the writeback of another's (the plain upload leaves 600 MB of dirty
  pages behind: that is what a non-durable upload costs, and it is not charged to anyone);
- each side is summarised the same way (median, and best, of its trials) and every trial
  is printed, with the load average of the machine at its start.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

ANSWERS = 2_000
PHOTOS = 300
PHOTO_BYTES = 2 * 1024 * 1024
RATIO_TARGET = 1.5
SECOND_TARGET_S = 0.5


async def plain_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """The baseline server: stores each request body in a file, answers 200."""
    if scope["type"] != "http":
        return
    target = Path(os.environ["BENCH_PLAIN_DIR"]) / (
        scope["path"].strip("/").replace("/", "_") or "x"
    )
    with target.open("wb") as f:
        more = True
        while more:
            message = await receive()
            f.write(message.get("body", b""))
            more = message.get("more_body", False)
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]}
    )
    await send({"type": "http.response.body", "body": b"ok"})


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            httpx.get(url, timeout=1)
            return
        time.sleep(0.05)
    raise RuntimeError("server did not start")


@contextlib.contextmanager
def _process(args: list[str], url: str, env: dict[str, str] | None = None) -> Iterator[None]:
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen(
        args, cwd=root, env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait(url, proc)
        yield
    finally:
        proc.terminate()
        proc.wait(20)


def _device(path: Path) -> Any:
    from fieldapp.store import Store
    from fieldapp.store.paths import photo_path

    store = Store.open(path)
    project = store.create_project("基准项目")
    community = store.create_community(project.id, "基准社区", street="基准街道")
    store.register_form("bench", "1", "questionnaire", "基准问卷", None, "form: {}\n")
    for s in range(ANSWERS // 100):
        sub = store.create_submission(community.id, "bench", "1", surveyor="基准")
        store.save_answers(
            sub.id, [(f"q{q:03d}", {"选项": q % 5, "备注": f"第 {s} 份"}) for q in range(100)]
        )
    problem = store.create_problem(community.id, "基准问题", actor="基准")
    for _ in range(PHOTOS):
        data = os.urandom(PHOTO_BYTES)
        sha = hashlib.sha256(data).hexdigest()
        target = photo_path(store.data_dir, sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        photo = store.add_photo(
            sha, community_id=community.id, bytes=PHOTO_BYTES, mime="image/jpeg"
        )
        store.link_photo(photo.id, problem_id=problem.id)
    return store


def _plain_inputs(template: Path) -> tuple[list[Path], bytes]:
    """What the plain upload sends: the device's photo files and its records as JSON."""
    from fieldapp.store.paths import photo_path

    store = _open(template)
    try:
        photos = [photo_path(store.data_dir, p.sha256) for p in store.photos()]
        records = [c.to_json() for c in store.collect_changes()]
    finally:
        store.close()
    return photos, json.dumps(records, ensure_ascii=False).encode()


def _plain_upload(photos: list[Path], records: bytes, url: str) -> float:
    """The same bytes as the first sync sends: every photo file (one PUT each, over one
    kept-alive connection), and the records' JSON. The client is made before the clock
    starts (it loads TLS certificates, which a plain HTTP upload does not need; the sync
    client loads them once per process)."""
    with httpx.Client(base_url=url, timeout=60) as client:
        started = time.perf_counter()
        for path in photos:
            client.put(f"/{path.name}", content=path.read_bytes()).raise_for_status()
        client.post("/records", content=records).raise_for_status()
        return time.perf_counter() - started


def _copy_device(template: Path, target: Path) -> None:
    """A fresh copy of the never-synced device: the database copied, photos hard-linked."""
    shutil.copytree(template, target, copy_function=os.link, ignore=shutil.ignore_patterns("*.db*"))
    for name in os.listdir(template):
        if name.startswith("fieldapp.db"):
            shutil.copy2(template / name, target / name)


def _dirty_kib() -> int | None:
    """Dirty and under-writeback page cache, in KiB (None where /proc/meminfo is absent)."""
    try:
        text = Path("/proc/meminfo").read_text()
    except OSError:
        return None
    total = 0
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in ("Dirty", "Writeback"):
            total += int(rest.split()[0])
    return total


def _settle(timeout: float = 60.0) -> None:
    """Write back every dirty page and wait until the kernel has (nearly) none left, so the
    next trial is not throttled by an earlier one's writeback."""
    deadline = time.monotonic() + timeout
    while True:
        os.sync()
        dirty = _dirty_kib()
        if dirty is None or dirty < 16 * 1024 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    time.sleep(0.5)  # let the writeback threads and the disk go idle


def _load() -> str:
    try:
        return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        return "load ?"


def _plain_trial(tmp: Path, photos: list[Path], records: bytes, n: int) -> float:
    """One plain upload to a fresh bare server."""
    plain_dir = tmp / f"plain{n}"
    plain_dir.mkdir()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    plain = [sys.executable, "-m", "uvicorn", "bench.bench_sync:plain_app", "--port",
             str(port), "--log-level", "warning", "--no-access-log"]  # fmt: skip
    try:
        with _process(plain, url, {"BENCH_PLAIN_DIR": str(plain_dir)}):
            _settle()
            load = _load()
            took = _plain_upload(photos, records, url)
        print(f"  trial {n} plain: {took:.2f} s  ({load})", file=sys.stderr)
        return took
    finally:
        shutil.rmtree(plain_dir)


def _sync_trial(tmp: Path, template: Path, n: int) -> tuple[float, list[float]]:
    """One first sync of a fresh copy of the device to a fresh server, then syncs with
    nothing new."""
    from fieldapp.server.accounts import add_user, create_enrolment
    from fieldapp.server.service import Server
    from fieldapp.sync import sync_once

    exe = str(Path(sys.executable).with_name("fieldapp"))
    server_dir, device_dir = tmp / f"server{n}", tmp / f"device{n}"
    admin = Server(server_dir)
    add_user(admin.db, username="bench", role="surveyor", street="基准街道")
    code, _ = create_enrolment(admin.db, username="bench")
    admin.close()
    _copy_device(template, device_dir)
    store = _open(device_dir)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    serve = [exe, "serve", "--data-dir", str(server_dir), "--port", str(port)]
    try:
        with _process(serve, f"{url}/api/v1/info"):
            marks: list[tuple[str, float]] = []

            def mark(p: Any) -> None:
                if not marks or marks[-1][0] != p.phase:
                    marks.append((p.phase, time.perf_counter()))

            _settle()
            load = _load()
            started = time.perf_counter()
            first = sync_once(store, server_url=url, code=code, progress=mark)
            took = time.perf_counter() - started
            phases = [(a[0], b[1] - a[1]) for a, b in itertools.pairwise(marks)]
            assert first.photos_uploaded == PHOTOS and first.held_back == 0, first
            again = []
            for _ in range(5):
                started = time.perf_counter()
                nothing = sync_once(store, server_url=url)
                again.append(time.perf_counter() - started)
                assert nothing.pushed == nothing.pulled == nothing.photos_uploaded == 0
        steps = ", ".join(f"{k} {v:.2f}" for k, v in phases)
        print(f"  trial {n} sync:  {took:.2f} s  ({load}; {steps})", file=sys.stderr)
        return took, again
    finally:
        store.close()
        shutil.rmtree(server_dir)
        shutil.rmtree(device_dir)


def _open(path: Path) -> Any:
    from fieldapp.store import Store

    return Store.open(path)


PAIRS = 4
"""Pairs of trials (one plain upload, one first sync each)."""


def run() -> list[tuple[str, str, str, bool]]:
    """The figures: (name, measured, target, met). The ratio is of the medians of each
    side's trials; the best of each is printed beside it."""
    plains: list[float] = []
    syncs: list[float] = []
    again: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp_name:
        tmp = Path(tmp_name)
        template = tmp / "template"
        _device(template).close()
        photos, records = _plain_inputs(template)
        n = 0
        for pair in range(PAIRS):
            order = ("plain", "sync") if pair % 2 == 0 else ("sync", "plain")
            for side in order:
                if side == "plain":
                    plains.append(_plain_trial(tmp, photos, records, n))
                else:
                    took, more = _sync_trial(tmp, template, n)
                    syncs.append(took)
                    again.extend(more)
                n += 1
    plain_s, sync_s = statistics.median(plains), statistics.median(syncs)
    ratio = sync_s / plain_s
    best = min(syncs) / min(plains)
    print(
        f"  plain median {plain_s:.2f} s (best {min(plains):.2f}), first sync median "
        f"{sync_s:.2f} s (best {min(syncs):.2f}); ratio of medians {ratio:.2f}×, of bests "
        f"{best:.2f}×",
        file=sys.stderr,
    )
    second = statistics.median(again)
    return [
        (
            f"first sync: {ANSWERS} answers + {PHOTOS} photos × 2 MB vs plain upload (medians)",
            f"{sync_s:.1f} s / {plain_s:.1f} s = {ratio:.2f}×",
            f"≤ {RATIO_TARGET}×",
            ratio <= RATIO_TARGET,
        ),
        (
            "second sync, nothing new (median)",
            f"{second * 1000:.0f} ms",
            f"≤ {SECOND_TARGET_S * 1000:.0f} ms",
            second <= SECOND_TARGET_S,
        ),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
