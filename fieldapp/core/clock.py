"""Hybrid logical clock (Kulkarni et al., 2014): timestamps that respect causality across devices.

Devices work offline for days and their wall clocks disagree, so "which edit is later" cannot
be read off wall time alone. A hybrid logical clock keeps a physical part (the highest
millisecond seen, local or remote) and a logical counter. Its timestamps

- never go backwards on one device, even when the wall clock does;
- are greater than every timestamp the device has received (``observe``), so a change made
  after syncing always wins over the changes it was made on top of;
- stay close to wall time, so the physical part doubles as a readable "updated at".

A timestamp is encoded as ``"{ms:013d}-{counter:06d}-{device}"``: fixed-width numbers first,
so plain string comparison (and SQL ``ORDER BY``) gives causal order, with the device id as a
final tie-breaker that makes the order total.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable

__all__ = ["HybridLogicalClock", "format_hlc", "hlc_ms", "parse_hlc"]

_MS_WIDTH = 13
_COUNTER_WIDTH = 6
_MS_MAX = 10**_MS_WIDTH - 1
_COUNTER_MAX = 10**_COUNTER_WIDTH - 1


def _system_ms() -> int:
    return time.time_ns() // 1_000_000


def format_hlc(ms: int, counter: int, device: str) -> str:
    """Encode an HLC timestamp as a fixed-width, lexicographically sortable string."""
    if not 0 <= ms <= _MS_MAX or not 0 <= counter <= _COUNTER_MAX:
        raise ValueError(f"HLC component out of range: ms={ms} counter={counter}")
    if not device:
        raise ValueError("HLC device id must not be empty")
    return f"{ms:0{_MS_WIDTH}d}-{counter:0{_COUNTER_WIDTH}d}-{device}"


def parse_hlc(s: str) -> tuple[int, int, str]:
    """Decode ``"{ms}-{counter}-{device}"`` into ``(ms, counter, device)``.

    Raises ValueError for anything that is not a well-formed timestamp; the device part may
    itself contain dashes (a UUID does).
    """
    parts = s.split("-", 2)
    if (
        len(parts) != 3
        or len(parts[0]) != _MS_WIDTH
        or len(parts[1]) != _COUNTER_WIDTH
        or not (parts[0].isascii() and parts[0].isdigit())
        or not (parts[1].isascii() and parts[1].isdigit())
        or not parts[2]
    ):
        raise ValueError(f"not a hybrid logical clock timestamp: {s!r}")
    return int(parts[0]), int(parts[1]), parts[2]


_WELL_FORMED = re.compile(rf"[0-9]{{{_MS_WIDTH}}}-[0-9]{{{_COUNTER_WIDTH}}}-.", re.DOTALL).match


def hlc_ms(s: str) -> int | None:
    """The milliseconds of ``s`` if :func:`parse_hlc` accepts it, else None — one match,
    for checking many stamps quickly."""
    return int(s[:_MS_WIDTH]) if _WELL_FORMED(s) is not None else None


class HybridLogicalClock:
    """A device's hybrid logical clock; ``wall_ms`` (Unix milliseconds) is injectable.

    ``now()`` stamps a local event or an outgoing change; ``observe(remote)`` merges a received
    timestamp and returns a stamp for the receive event. Thread-safe.
    """

    def __init__(self, device_id: str, *, wall_ms: Callable[[], int] = _system_ms) -> None:
        if not device_id:
            raise ValueError("device_id must not be empty")
        self.device_id = device_id
        self._wall_ms = wall_ms
        self._lock = threading.Lock()
        self._ms = 0
        self._counter = 0

    def now(self) -> str:
        """A timestamp for a local event, greater than every one issued or observed before."""
        with self._lock:
            wall = self._wall_ms()
            if wall > self._ms:
                self._ms, self._counter = wall, 0
            else:
                self._tick(self._ms, self._counter + 1)
            return format_hlc(self._ms, self._counter, self.device_id)

    def observe(self, remote: str) -> str:
        """Merge a received timestamp; return a stamp greater than both it and local state."""
        r_ms, r_counter, _ = parse_hlc(remote)
        with self._lock:
            wall = self._wall_ms()
            top = max(self._ms, r_ms, wall)
            if top == self._ms and top == r_ms:
                self._tick(top, max(self._counter, r_counter) + 1)
            elif top == self._ms:
                self._tick(top, self._counter + 1)
            elif top == r_ms:
                self._tick(top, r_counter + 1)
            else:
                self._ms, self._counter = wall, 0
            return format_hlc(self._ms, self._counter, self.device_id)

    def last(self) -> str:
        """The latest timestamp issued or observed (for persisting the clock's state)."""
        with self._lock:
            return format_hlc(self._ms, self._counter, self.device_id)

    def advance_past(self, timestamp: str) -> None:
        """Make every later timestamp sort after ``timestamp``, without issuing one.

        Used to restore the clock from persisted state when the app restarts, so that a wall
        clock set back between runs cannot produce timestamps older than stored ones.
        """
        ms, counter, _ = parse_hlc(timestamp)
        with self._lock:
            if (ms, counter) > (self._ms, self._counter):
                self._ms, self._counter = ms, counter

    def _tick(self, ms: int, counter: int) -> None:
        # The counter has a fixed width; instead of overflowing it the physical part moves one
        # millisecond ahead of the wall clock, which the wall clock soon catches up with.
        if counter > _COUNTER_MAX:
            ms, counter = ms + 1, 0
        self._ms, self._counter = ms, counter
