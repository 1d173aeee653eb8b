"""Run every benchmark module and print a table: figure, measured, target, verdict.

Each module runs in an interpreter of its own, so that none measures with what an earlier
one left behind (a heap full of its objects for the garbage collector to walk, threads,
warm caches).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

MODULES = [
    "bench.bench_forms",
    "bench.bench_store",
    "bench.bench_photos",
    "bench.bench_reports",
    "bench.bench_sync",
    "bench.bench_sync_load",
    "bench.bench_ui",
]
MARK = "BENCH-ROWS "
_CHILD = (
    "import importlib, json, sys\n"
    "rows = importlib.import_module(sys.argv[1]).run()\n"
    f"print({MARK!r} + json.dumps(rows), flush=True)\n"
)


def _run_module(name: str) -> list[tuple[str, str, str, bool]]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, name], stdout=subprocess.PIPE, text=True, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    if done.returncode != 0 or not lines:
        return [(f"{name} failed (exit {done.returncode})", "—", "—", False)]
    return [tuple(row) for row in json.loads(lines[-1][len(MARK) :])]  # type: ignore[misc]


def main() -> int:
    rows: list[tuple[str, str, str, str]] = []
    for name in MODULES:
        started = time.perf_counter()
        for figure, measured, target, ok in _run_module(name):
            rows.append((figure, measured, target, "ok" if ok else "MISSED"))
        print(f"[{name} ran in {time.perf_counter() - started:.1f} s]", file=sys.stderr)
    width = max(len(r[0]) for r in rows)
    print(f"{'figure'.ljust(width)}  {'measured':>18}  {'target':>16}  verdict")
    for figure, measured, target, verdict in rows:
        print(f"{figure.ljust(width)}  {measured:>18}  {target:>16}  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
