"""Report figures for a large community: 100 photos, 40 problems, 600 questionnaires.

The community is the demo (600 questionnaires instead of 64) with 24 more problems and
photos up to 100, stored as the photo pipeline stores them (long edge 2560 px, JPEG q85,
with camera-like detail and grain). The report is built in a fresh interpreter, whose wall
time and peak resident memory (``wait4``'s high-water mark) are the figures; the handoff
package is then exported and imported into an empty data directory, timed together.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
REPORT_TARGET_S = 8.0
MEMORY_TARGET_MB = 600.0
SIZE_TARGET_MB = 20.0
PACKAGE_TARGET_S = 10.0
PHOTOS, PROBLEMS, QUESTIONNAIRES = 100, 40, 600
DATE = dt.date(2026, 5, 1)

_CHILD = """
import datetime as dt, json, sys, time
from pathlib import Path
from fieldapp.store import Store
from fieldapp.reports import build_report
started = time.perf_counter()
with Store.open(Path(sys.argv[1])) as store:
    result = build_report(store, sys.argv[2], sys.argv[3], date=dt.date(2026, 5, 1))
print(json.dumps({"seconds": time.perf_counter() - started, "pages": result.pages}))
"""


def _photo(rng: random.Random) -> bytes:
    """A 2560 × 1920 JPEG like the pipeline stores: shapes, soft detail, sensor grain."""
    small = Image.linear_gradient("L").resize((640, 480)).convert("RGB")
    draw = ImageDraw.Draw(small)
    for _ in range(120):
        x, y, r = rng.randrange(640), rng.randrange(480), rng.randrange(4, 70)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.rectangle((x, y, x + r, y + r * rng.uniform(0.3, 1.6)), fill=colour)
    frame = small.filter(ImageFilter.GaussianBlur(0.8)).resize(
        (2560, 1920), Image.Resampling.BICUBIC
    )
    grain = Image.frombytes("L", frame.size, rng.randbytes(2560 * 1920)).convert("RGB")
    frame = Image.blend(frame, grain, 0.05)
    out = io.BytesIO()
    frame.save(out, "JPEG", quality=85)
    return out.getvalue()


def build_community(data_dir: Path) -> str:
    """The large community (see the module docstring); returns its id."""
    from fieldapp.demo import create_demo
    from fieldapp.store.paths import photo_path
    from fieldapp.store.store import Store

    rng = random.Random(2026)
    with Store.open(data_dir) as store:
        summary = create_demo(store, questionnaires=QUESTIONNAIRES)
        cid = summary.community_id
        problems = store.problems(cid)
        fields = (
            "estate_id",
            "building_id",
            "indicator_code",
            "sub_problem_code",
            "category",
            "severity",
            "difficulty",
            "resolution_class",
            "remediation_type",
            "responsible_unit",
            "location_text",
            "lat",
            "lon",
            "suggested_action",
        )
        for n in range(PROBLEMS - len(problems)):
            base = problems[n % len(problems)]
            values = {f: getattr(base, f) for f in fields}
            store.create_problem(
                cid, f"（复查补充 {n + 1}）{base.description}", actor="基准测试", **values
            )
        problems = store.problems(cid)
        existing = len(store.photos(community_id=cid))
        for n in range(PHOTOS - existing):
            data = _photo(rng)
            sha = hashlib.sha256(data).hexdigest()
            path = photo_path(data_dir, sha)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            problem = problems[n % len(problems)]
            photo = store.add_photo(
                sha,
                width=2560,
                height=1920,
                bytes=len(data),
                mime="image/jpeg",
                taken_at=f"2026-04-14T{9 + n // 30:02d}:{n % 60:02d}:00+08:00",
                lat=problem.lat,
                lon=problem.lon,
                community_id=cid,
                caption=f"现场照片 {n + 1}",
                annotation={
                    "version": 1,
                    "shapes": [
                        {
                            "type": "arrow",
                            "from": [0.2, 0.2],
                            "to": [0.45, 0.5],
                            "color": "#ff3b30",
                            "width": 0.008,
                        }
                    ],
                }
                if n % 3 == 0
                else None,
            )
            store.link_photo(photo.id, problem_id=problem.id)
        counts = store.counts()
    assert counts["problems"] == PROBLEMS and counts["photos"] >= PHOTOS, counts
    return cid


def _report(data_dir: Path, cid: str, out: Path) -> tuple[float, float, int]:
    """Build the report in a fresh interpreter: (seconds, peak MB, pages)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(data_dir), cid, str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    output = proc.stdout.read() if proc.stdout else ""
    if status != 0:
        raise RuntimeError(f"report child failed with status {status}")
    result = json.loads(output)
    return float(result["seconds"]), usage.ru_maxrss / 1024, int(result["pages"])


def _handoff(data_dir: Path, cid: str, folder: Path) -> float:
    """Seconds to export the community's package and import it into an empty data dir."""
    from fieldapp.reports.package import import_package, write_package
    from fieldapp.store.store import Store

    started = time.perf_counter()
    with Store.open(data_dir) as store:
        package = write_package(store, cid, folder / "out", date=DATE)
    with Store.open(folder / "office") as office:
        imported = import_package(office, package.path)
    assert imported.changed
    return time.perf_counter() - started


def run() -> list[tuple[str, str, str, bool]]:
    """The figures beside their targets."""
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-reports-") as tmp:
        base = Path(tmp)
        data_dir = base / "data"
        cid = build_community(data_dir)
        pdf = base / "report.pdf"
        seconds, peak, pages = _report(data_dir, cid, pdf)
        size = pdf.stat().st_size / 1e6
        # The usual flow: the report was just built (previewed), so export reuses it.
        warm = _handoff(data_dir, cid, base / "warm")
        # And without it: export lays the report out again.
        shutil.rmtree(data_dir / "cache", ignore_errors=True)
        cold = _handoff(data_dir, cid, base / "cold")
    label = f"{PHOTOS} photos, {PROBLEMS} problems, {QUESTIONNAIRES} questionnaires"
    return [
        (
            f"report PDF ({label}, {pages} pages)",
            f"{seconds:.1f} s",
            f"≤ {REPORT_TARGET_S:g} s",
            seconds <= REPORT_TARGET_S,
        ),
        (
            "peak memory while building that report",
            f"{peak:.0f} MB",
            f"≤ {MEMORY_TARGET_MB:g} MB",
            peak <= MEMORY_TARGET_MB,
        ),
        ("size of that PDF", f"{size:.1f} MB", f"≤ {SIZE_TARGET_MB:g} MB", size <= SIZE_TARGET_MB),
        (
            "export + import of its handoff package (report already built)",
            f"{warm:.1f} s",
            f"≤ {PACKAGE_TARGET_S:g} s",
            warm <= PACKAGE_TARGET_S,
        ),
        ("the same, laying the report out again", f"{cold:.1f} s", "(information)", True),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
