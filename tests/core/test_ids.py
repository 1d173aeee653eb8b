"""UUIDv7 ids: RFC 9562 layout, canonical text, strictly increasing within one process."""

from __future__ import annotations

import itertools
import random
import re
import uuid
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.core.ids import UUIDv7Generator, new_uuid7, uuid7_timestamp_ms

CANONICAL = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
MS = 1_775_001_600_000  # 2026-04-01T00:00:00Z


def seeded(seed: int = 1) -> Callable[[int], bytes]:
    return random.Random(seed).randbytes


def test_format_version_and_variant() -> None:
    value = new_uuid7()
    assert CANONICAL.match(value), value
    parsed = uuid.UUID(value)
    assert parsed.version == 7
    assert parsed.variant == uuid.RFC_4122
    assert str(parsed) == value  # canonical lowercase form


def test_timestamp_is_the_clock_in_milliseconds() -> None:
    make = UUIDv7Generator(now_ms=lambda: MS, rand=seeded())
    assert uuid7_timestamp_ms(make()) == MS


def test_known_layout_with_fixed_randomness() -> None:
    # rand always returns zero bytes: counter seed 0, tail 0 — the bits are all ours.
    make = UUIDv7Generator(now_ms=lambda: 0x0123456789AB, rand=lambda n: bytes(n))
    assert make() == "01234567-89ab-7000-8000-000000000000"
    assert make() == "01234567-89ab-7000-8000-000100000000"  # counter + 1 (low 30 bits)


def test_monotonic_within_one_millisecond() -> None:
    make = UUIDv7Generator(now_ms=lambda: MS, rand=seeded())
    ids = [make() for _ in range(5000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert {uuid7_timestamp_ms(i) for i in ids} == {MS}


def test_ordered_across_milliseconds() -> None:
    now = [MS]
    make = UUIDv7Generator(now_ms=lambda: now[0], rand=seeded())
    ids = []
    for _ in range(100):
        ids.append(make())
        now[0] += 1
    assert ids == sorted(ids)


def test_wall_clock_going_backwards_keeps_order() -> None:
    now = [MS]
    make = UUIDv7Generator(now_ms=lambda: now[0], rand=seeded())
    first = make()
    now[0] = MS - 60_000  # the clock is set back a minute
    second = make()
    assert second > first
    assert uuid7_timestamp_ms(second) == MS


def test_counter_rollover_moves_to_next_millisecond() -> None:
    # All-ones randomness seeds the counter at 2**41 - 1; force it to its maximum.
    make = UUIDv7Generator(now_ms=lambda: MS, rand=lambda n: b"\xff" * n)
    first = make()
    make._counter = (1 << 42) - 1  # white-box: the rollover path is otherwise 2**41 calls away
    second = make()
    assert second > first
    assert uuid7_timestamp_ms(second) == MS + 1


def test_new_uuid7_shares_one_process_wide_sequence() -> None:
    far_future = 4_000_000_000_000  # 2096: later than any id this process made before
    a = new_uuid7(now_ms=lambda: far_future, rand=seeded(2))
    b = new_uuid7(now_ms=lambda: far_future, rand=seeded(2))
    c = new_uuid7()  # real time is earlier, but ids still increase
    assert a < b < c
    assert uuid7_timestamp_ms(a) == far_future


def test_out_of_range_timestamp_is_refused() -> None:
    with pytest.raises(ValueError):
        UUIDv7Generator(now_ms=lambda: 1 << 48)()


@given(st.lists(st.integers(min_value=0, max_value=(1 << 48) - 1), min_size=1, max_size=50))
def test_any_clock_sequence_gives_strictly_increasing_valid_ids(times: list[int]) -> None:
    feed = iter(times)
    make = UUIDv7Generator(now_ms=lambda: next(feed), rand=seeded(3))
    ids = [make() for _ in times]
    assert all(CANONICAL.match(i) for i in ids)
    assert all(a < b for a, b in itertools.pairwise(ids))
