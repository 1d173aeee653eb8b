"""Record ids: RFC 9562 UUID version 7, made on the device, sortable by creation time.

Every synced row gets its id on the device that creates it, offline, so ids must be unique
without coordination and should sort roughly by creation time (B-tree friendly inserts, stable
listings). UUIDv7 gives both: a 48-bit Unix millisecond timestamp followed by random bits.

Within one millisecond this module uses RFC 9562 §6.2 "Method 1" (a fixed-length dedicated
counter): 42 bits after the timestamp form a counter seeded randomly each new millisecond and
incremented for each further id, so ids made by one process are strictly increasing even when
many are made in the same millisecond or the wall clock steps backwards.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

__all__ = ["UUIDv7Generator", "new_uuid7", "uuid7_timestamp_ms"]

_COUNTER_BITS = 42
_COUNTER_MAX = (1 << _COUNTER_BITS) - 1
# The seed leaves the counter's top bit clear so that at least 2**41 increments fit in one
# millisecond before it rolls over (RFC 9562 §6.2, "counter rollover guards").
_SEED_MASK = (1 << (_COUNTER_BITS - 1)) - 1
_TIMESTAMP_MAX = (1 << 48) - 1


def _system_ms() -> int:
    return time.time_ns() // 1_000_000


class UUIDv7Generator:
    """A source of strictly increasing UUIDv7 strings.

    ``now_ms`` returns Unix time in milliseconds and ``rand(n)`` returns ``n`` random bytes;
    both are injectable so tests are deterministic. Calls are thread-safe.
    """

    def __init__(
        self,
        *,
        now_ms: Callable[[], int] | None = None,
        rand: Callable[[int], bytes] | None = None,
    ) -> None:
        self._now_ms = now_ms or _system_ms
        self._rand = rand or os.urandom
        self._lock = threading.Lock()
        self._last_ms = -1
        self._counter = 0

    def __call__(self) -> str:
        """Return the next id as a canonical lowercase string."""
        return self.next(now_ms=self._now_ms(), rand=self._rand)

    def next(self, *, now_ms: int, rand: Callable[[int], bytes]) -> str:
        """Return the next id for wall time ``now_ms``, never sorting before an earlier one."""
        if not 0 <= now_ms <= _TIMESTAMP_MAX:
            raise ValueError(f"timestamp out of the UUIDv7 range: {now_ms}")
        with self._lock:
            if now_ms > self._last_ms:
                self._last_ms = now_ms
                self._counter = int.from_bytes(rand(6), "big") & _SEED_MASK
            else:
                # Same millisecond, or the clock stepped back: keep the last timestamp and count
                # on, so that ids stay in creation order.
                self._counter += 1
                if self._counter > _COUNTER_MAX:
                    self._last_ms += 1
                    self._counter = int.from_bytes(rand(6), "big") & _SEED_MASK
            ms, counter = self._last_ms, self._counter
        tail = int.from_bytes(rand(4), "big")
        value = (
            (ms << 80)
            | (0x7 << 76)
            | ((counter >> 30) << 64)
            | (0b10 << 62)
            | ((counter & ((1 << 30) - 1)) << 32)
            | tail
        )
        h = f"{value:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_default = UUIDv7Generator()


def new_uuid7(
    *,
    now_ms: Callable[[], int] | None = None,
    rand: Callable[[int], bytes] | None = None,
) -> str:
    """Return a new RFC 9562 UUIDv7 as a canonical lowercase string.

    Ids from one process are strictly increasing: all calls share one counter state, also
    when ``now_ms`` (Unix milliseconds) or ``rand`` (like :func:`os.urandom`) are injected,
    so an injected time earlier than an id already made yields that earlier id's timestamp.
    Tests that need exact, independent sequences use their own :class:`UUIDv7Generator`.
    """
    return _default.next(now_ms=(now_ms or _system_ms)(), rand=rand or os.urandom)


def uuid7_timestamp_ms(value: str) -> int:
    """The Unix millisecond timestamp stored in a UUIDv7 string."""
    return int(value.replace("-", "")[:12], 16)
