"""Run every benchmark module and print a table: figure, measured, target, verdict."""

from __future__ import annotations

import importlib
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


def main() -> int:
    rows: list[tuple[str, str, str, str]] = []
    for name in MODULES:
        started = time.perf_counter()
        module = importlib.import_module(name)
        for figure, measured, target, ok in module.run():
            rows.append((figure, measured, target, "ok" if ok else "MISSED"))
        print(f"[{name} ran in {time.perf_counter() - started:.1f} s]", file=sys.stderr)
    width = max(len(r[0]) for r in rows)
    print(f"{'figure'.ljust(width)}  {'measured':>18}  {'target':>16}  verdict")
    for figure, measured, target, verdict in rows:
        print(f"{figure.ljust(width)}  {measured:>18}  {target:>16}  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
