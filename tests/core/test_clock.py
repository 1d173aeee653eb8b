"""Hybrid logical clock: monotonic, causal, close to wall time; encoded to sort as text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.core.clock import HybridLogicalClock, format_hlc, hlc_ms, parse_hlc

MS = 1_775_001_600_000  # 2026-04-01T00:00:00Z


class Wall:
    """An injectable wall clock the test moves by hand."""

    def __init__(self, ms: int = MS) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_encoding_is_fixed_width_and_round_trips() -> None:
    stamp = format_hlc(MS, 7, "dev-a")
    assert stamp == "1775001600000-000007-dev-a"
    assert parse_hlc(stamp) == (MS, 7, "dev-a")
    uuid_device = "0196a1b2-0000-7000-8000-00000000d001"
    assert parse_hlc(format_hlc(5, 0, uuid_device)) == (5, 0, uuid_device)


@pytest.mark.parametrize(
    "bad", ["", "123-000001-d", "1775001600000-1-d", "1775001600000-000001-", "x" * 13 + "-0-d"]
)
def test_parse_refuses_malformed(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_hlc(bad)


def test_now_follows_the_wall_clock() -> None:
    wall = Wall()
    clock = HybridLogicalClock("a", wall_ms=wall)
    assert clock.now() == format_hlc(MS, 0, "a")
    wall.ms += 5
    assert clock.now() == format_hlc(MS + 5, 0, "a")


def test_same_millisecond_counts_up() -> None:
    clock = HybridLogicalClock("a", wall_ms=Wall())
    stamps = [clock.now() for _ in range(3)]
    assert [parse_hlc(s)[:2] for s in stamps] == [(MS, 0), (MS, 1), (MS, 2)]


def test_wall_clock_going_backwards_never_goes_back() -> None:
    wall = Wall()
    clock = HybridLogicalClock("a", wall_ms=wall)
    before = clock.now()
    wall.ms -= 3_600_000  # the user sets the tablet's clock back an hour
    after = clock.now()
    assert after > before
    assert parse_hlc(after)[:2] == (MS, 1)
    wall.ms = MS + 10  # once the wall clock passes the HLC again, it takes over
    assert parse_hlc(clock.now())[:2] == (MS + 10, 0)


def test_observe_remote_ahead_adopts_its_time() -> None:
    local = HybridLogicalClock("a", wall_ms=Wall())
    remote_stamp = format_hlc(MS + 60_000, 4, "b")  # the other device's clock runs a minute fast
    received = local.observe(remote_stamp)
    assert received > remote_stamp
    assert parse_hlc(received) == (MS + 60_000, 5, "a")
    assert local.now() > received  # and later local events stay after it


def test_observe_remote_behind_keeps_local_time() -> None:
    wall = Wall()
    local = HybridLogicalClock("a", wall_ms=wall)
    local.now()
    received = local.observe(format_hlc(MS - 1000, 9, "b"))
    assert parse_hlc(received)[:2] == (MS, 1)


def test_observe_same_millisecond_takes_the_larger_counter() -> None:
    local = HybridLogicalClock("a", wall_ms=Wall())
    local.now()
    local.now()  # (MS, 1)
    assert parse_hlc(local.observe(format_hlc(MS, 7, "b")))[:2] == (MS, 8)
    assert parse_hlc(local.observe(format_hlc(MS, 2, "b")))[:2] == (MS, 9)


def test_observe_wall_ahead_of_both_resets_counter() -> None:
    wall = Wall()
    local = HybridLogicalClock("a", wall_ms=wall)
    local.now()
    wall.ms += 100
    assert parse_hlc(local.observe(format_hlc(MS + 50, 3, "b")))[:2] == (MS + 100, 0)


def test_causality_across_two_devices_with_skewed_clocks() -> None:
    wall_a, wall_b = Wall(MS), Wall(MS - 300_000)  # b is five minutes slow
    a = HybridLogicalClock("a", wall_ms=wall_a)
    b = HybridLogicalClock("b", wall_ms=wall_b)
    sent = a.now()
    b.observe(sent)
    reply = b.now()  # made after seeing a's change, so it must sort after it
    assert reply > sent
    a.observe(reply)
    assert a.now() > reply


def test_counter_overflow_moves_physical_part_on() -> None:
    clock = HybridLogicalClock("a", wall_ms=Wall())
    clock.advance_past(format_hlc(MS, 999_999, "x"))
    assert parse_hlc(clock.now())[:2] == (MS + 1, 0)


def test_advance_past_restores_persisted_state_without_issuing() -> None:
    wall = Wall(MS - 86_400_000)  # after a restart the wall clock is a day behind
    clock = HybridLogicalClock("a", wall_ms=wall)
    stored = format_hlc(MS, 3, "a")
    clock.advance_past(stored)
    assert clock.now() > stored
    clock.advance_past(format_hlc(1, 0, "a"))  # an older state never moves it back
    assert parse_hlc(clock.now())[:2] == (MS, 5)


def test_empty_device_is_refused() -> None:
    with pytest.raises(ValueError):
        HybridLogicalClock("")


_events = st.lists(
    st.one_of(
        st.tuples(st.just("tick"), st.integers(-5000, 5000)),
        st.tuples(st.just("recv"), st.integers(-5000, 5000), st.integers(0, 50)),
    ),
    max_size=60,
)


@given(_events)
def test_property_monotonic_and_after_everything_observed(events: list[tuple[int, ...]]) -> None:
    wall = Wall()
    clock = HybridLogicalClock("dev", wall_ms=wall)
    last = ""
    for event in events:
        if event[0] == "tick":
            wall.ms = MS + int(event[1])
            stamp = clock.now()
        else:
            remote = format_hlc(MS + int(event[1]), int(event[2]), "other")
            stamp = clock.observe(remote)
            assert stamp > remote
        assert stamp > last
        # Lexicographic order is numeric order of (ms, counter).
        if last:
            assert parse_hlc(stamp)[:2] > parse_hlc(last)[:2]
        last = stamp


_NEAR_STAMPS = st.one_of(
    st.text(alphabet="0123456789-x\n１", max_size=30),
    st.builds(
        "{}-{}-{}".format,
        st.text(alphabet="0123456789１", min_size=12, max_size=14),
        st.text(alphabet="0123456789", min_size=5, max_size=7),
        st.text(alphabet="x-\n", max_size=3),
    ),
)


@given(_NEAR_STAMPS)
def test_hlc_ms_accepts_what_parse_hlc_accepts(s: str) -> None:
    try:
        expected: int | None = parse_hlc(s)[0]
    except ValueError:
        expected = None
    assert hlc_ms(s) == expected


def test_hlc_ms_of_stamps() -> None:
    stamp = format_hlc(1_795_320_128_485, 3, "dev-1")
    assert hlc_ms(stamp) == 1_795_320_128_485
    for bad in ("", "x", stamp[:21], stamp.replace("-", "_", 1), "１" + stamp[1:]):
        assert hlc_ms(bad) is None
