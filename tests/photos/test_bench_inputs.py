"""The photo benchmark's inputs are what it claims: one frame, distinct stored files."""

from __future__ import annotations

from photo_testkit import jpeg_bytes, quadrants

from bench.bench_photos import with_exif
from fieldapp.photos.decode import normalise
from fieldapp.photos.settings import PhotoSettings


def test_spliced_exif_variants_are_distinct_imports() -> None:
    frame = jpeg_bytes(quadrants((64, 48)))
    first, second = (normalise(with_exif(frame, n), PhotoSettings()) for n in (1, 2))
    assert first.sha256 != second.sha256  # no de-duplication shortcut in the benchmark
    assert (first.width, first.height) == (second.width, second.height) == (64, 48)
    assert first.taken_at == "2026-04-14T09:01:00+08:00"
    assert first.lat is not None and abs(first.lat - 28.68001) < 1e-6
