"""Photo ingest figures: one 12 MP JPEG on one core, 100 of them on two cores, peak memory.

Each measurement runs in a fresh interpreter pinned to the cores it may use (Linux
``sched_setaffinity``), so one figure's warm caches or threads never flatter another. Peak
memory is the largest resident set of that interpreter and any child processes, sampled from
``/proc`` every 10 ms and checked against the kernel's own high-water mark (``wait4``).

The 100 photos are one camera frame with 100 different EXIF blocks (capture time, position)
spliced in: every file decodes the same pixels but stores different bytes, so each is a real
import (no de-duplication shortcut), and generating them takes no time.

The fourth figure of issue 4 — the longest UI stall while a 100-photo import runs — belongs
to the desktop app's benchmark, not here.
"""

from __future__ import annotations

import io
import json
import os
import random
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
SINGLE_TARGET_MS = 250.0
BATCH_TARGET_S = 15.0
MEMORY_TARGET_MB = 400.0
BATCH = 100
SINGLE_RUNS = 11
COMPARE = 24


def camera_frame(seed: int = 2026) -> bytes:
    """A 4000 × 3000 JPEG (12 MP) with the detail and sensor grain of a phone photo."""
    rng = random.Random(seed)
    small = Image.linear_gradient("L").resize((1000, 750)).convert("RGB")
    draw = ImageDraw.Draw(small)
    for _ in range(260):
        x, y, r = rng.randrange(1000), rng.randrange(750), rng.randrange(4, 90)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x, y, x + r, y + r * rng.uniform(0.3, 1.6)), fill=colour)
    for _ in range(400):
        x, y = rng.randrange(1000), rng.randrange(750)
        draw.line((x, y, x + rng.randrange(-60, 60), y + rng.randrange(-60, 60)), fill=(20, 20, 20))
    frame = small.filter(ImageFilter.GaussianBlur(0.7)).resize(
        (4000, 3000), Image.Resampling.BICUBIC
    )
    grain = Image.frombytes("L", frame.size, rng.randbytes(4000 * 3000)).convert("RGB")
    frame = Image.blend(frame, grain, 0.08)
    buffer = io.BytesIO()
    frame.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def with_exif(jpeg: bytes, n: int) -> bytes:
    """``jpeg`` with an APP1 EXIF block of its own (time and position differ by ``n``)."""
    from fieldapp.photos.exif import PhotoMetadata, exif_to_store

    meta = PhotoMetadata(
        taken_at=f"2026-04-14T{9 + n // 60:02d}:{n % 60:02d}:00+08:00",
        lat=28.68 + n * 1e-5,
        lon=115.89 + n * 1e-5,
    )
    payload = b"Exif\x00\x00" + exif_to_store(meta, keep_all=False)
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


def _pin(cores: int) -> None:
    if hasattr(os, "sched_setaffinity"):
        available = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, set(available[:cores]))


def _normalise_file(path: Path) -> str:
    """Decode-to-JPEG of one file, for the thread/process comparison (module level: picklable)."""
    from fieldapp.photos.decode import normalise
    from fieldapp.photos.settings import PhotoSettings

    return normalise(path.read_bytes(), PhotoSettings()).sha256


def _pools(files: list[Path]) -> dict[str, object]:
    """The processing alone, on two cores: a thread pool against a process pool."""
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    from fieldapp.photos.decode import pillow_block_cache

    _pin(2)
    report: dict[str, object] = {}
    for name, pool_type in (("threads", ThreadPoolExecutor), ("processes", ProcessPoolExecutor)):
        with pillow_block_cache.use(2), pool_type(max_workers=2) as pool:
            list(pool.map(_normalise_file, files[:2]))  # start-up and warm-up
            started = time.perf_counter()
            list(pool.map(_normalise_file, files[:COMPARE]))
            report[name] = (time.perf_counter() - started) / COMPARE * 1000
    return report


def _child(mode: str, folder: Path) -> dict[str, object]:
    """Runs in the measured interpreter: import the prepared files, report timings."""
    from fieldapp.photos import PhotoSettings, import_photos
    from fieldapp.photos.workers import photo_processes
    from fieldapp.store.store import Store

    files = sorted(folder.glob("*.jpg"))
    if mode == "pools":
        return _pools(files)
    with Store.open(folder / "data") as store:
        project = store.create_project("基准")
        community = store.create_community(project.id, "基准社区")
        if mode == "single":
            _pin(1)
            times, cpu = [], []
            for path in files[: SINGLE_RUNS + 2]:
                started, cpu_started = time.perf_counter(), time.process_time()
                (result,) = import_photos(
                    store, [path], community_id=community.id, settings=PhotoSettings(workers=1)
                )
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
                assert result.status == "imported", result
            return {"median_ms": statistics.median(times[2:]), "cpu_ms": statistics.median(cpu[2:])}
        _pin(2)
        started, cpu_started = time.perf_counter(), time.process_time()
        results = import_photos(
            store, files[:BATCH], community_id=community.id, settings=PhotoSettings(workers=2)
        )
        elapsed = time.perf_counter() - started
        assert [r.status for r in results] == ["imported"] * BATCH, results[:3]
        cpu = time.process_time() - cpu_started
        photo_processes.release()  # so that the workers' CPU time is counted below
        children = os.times()
        return {
            "seconds": elapsed,
            "cpu_s": cpu + children.children_user + children.children_system,
        }


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and its descendants, in KiB (0 if it is gone)."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(
                int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")
            )
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def _measure(mode: str, folder: Path) -> tuple[dict[str, object], float]:
    """Run one child; its report and its peak memory in MB."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.bench_photos", "--child", mode, str(folder)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
    )
    peak_kb = 0
    while True:
        if hasattr(os, "wait4"):  # this child's own high-water mark, from the kernel
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                child.returncode = os.waitstatus_to_exitcode(status)
                peak_kb = max(peak_kb, usage.ru_maxrss)  # KiB on Linux
                break
        elif child.poll() is not None:
            break
        peak_kb = max(peak_kb, _tree_rss_kb(child.pid))
        time.sleep(0.01)
    out = child.stdout.read() if child.stdout else b""
    if child.returncode != 0:
        raise RuntimeError(f"benchmark child {mode} failed ({child.returncode})")
    return json.loads(out), peak_kb / 1024


def run() -> list[tuple[str, str, str, bool]]:
    """(figure, measured, target, ok) rows, as ``python -m bench`` prints them."""
    frame = camera_frame()
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-photos-") as tmp:
        folder = Path(tmp)
        for n in range(BATCH):
            (folder / f"IMG_{n:04d}.jpg").write_bytes(with_exif(frame, n))
        single, _ = _measure("single", folder)
        batch, peak_mb = _measure("batch", folder)
        pools, _ = _measure("pools", folder)
    single_ms = float(single["median_ms"])  # type: ignore[arg-type]
    batch_s = float(batch["seconds"])  # type: ignore[arg-type]
    size = f"{len(frame) / 2**20:.1f} MB"
    return [
        (
            f"ingest one 12 MP JPEG ({size}), one core, median of {SINGLE_RUNS}",
            f"{single_ms:.0f} ms",
            f"≤ {SINGLE_TARGET_MS:g} ms",
            single_ms <= SINGLE_TARGET_MS,
        ),
        (
            f"ingest {BATCH} such photos, two cores (worker processes)",
            f"{batch_s:.1f} s",
            f"≤ {BATCH_TARGET_S:g} s",
            batch_s <= BATCH_TARGET_S,
        ),
        (
            f"peak memory during the {BATCH}-photo import (RSS, whole process)",
            f"{peak_mb:.0f} MB",
            f"≤ {MEMORY_TARGET_MB:g} MB",
            peak_mb <= MEMORY_TARGET_MB,
        ),
        (
            "  CPU time of that single ingest (user + system), median",
            f"{float(single['cpu_ms']):.0f} ms",  # type: ignore[arg-type]
            "(info)",
            True,
        ),
        (
            f"  the batch: CPU time per photo, workers included ({BATCH / batch_s:.1f} photos/s wall)",
            f"{float(batch['cpu_s']) / BATCH * 1000:.0f} ms",  # type: ignore[arg-type]
            "(info)",
            True,
        ),
        (
            f"  processing only, 2 cores, thread pool ({COMPARE} photos)",
            f"{float(pools['threads']):.0f} ms/photo",  # type: ignore[arg-type]
            "(info)",
            True,
        ),
        (
            f"  processing only, 2 cores, process pool ({COMPARE} photos)",
            f"{float(pools['processes']):.0f} ms/photo",  # type: ignore[arg-type]
            "(info)",
            True,
        ),
    ]


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(_child(sys.argv[2], Path(sys.argv[3]))))
        raise SystemExit(0)
    for name, measured, target, ok in run():
        print(f"{name:<72} {measured:>9}  target {target:<8} {'ok' if ok else 'MISSED'}")
