"""When the app tries a failed sync again: exponential backoff, and which failures are worth
another try.

A sync that could not reach the server (or met a server in trouble, 5xx/429) is tried again
after 15 s, 30 s, 60 s … up to 10 minutes, optionally with jitter; a success starts over.
A refusal that waiting cannot fix — a revoked token, a wrong enrolment code, a change the
server will not take — and a cancelled sync are not retried. Pure Python, no Qt: the app
drives its timer with these numbers.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Backoff", "needs_enrolment", "retryable"]


@dataclass
class Backoff:
    """The delays between automatic retries: ``first`` seconds, times ``factor`` after each
    further failure, never more than ``cap``. ``jitter`` (0…1) scales each delay by a
    random factor in ``[1 - jitter, 1]`` so that many devices do not retry in step."""

    first: float = 15.0
    factor: float = 2.0
    cap: float = 600.0
    jitter: float = 0.0
    rand: Callable[[], float] = field(default=random.random, repr=False)
    failures: int = 0
    """Failures in a row so far (0 after a success)."""

    def __post_init__(self) -> None:
        if self.first <= 0 or self.cap < self.first or self.factor < 1:
            raise ValueError("need 0 < first <= cap and factor >= 1")
        if not 0 <= self.jitter <= 1:
            raise ValueError("jitter must lie in [0, 1]")

    def delay(self, failures: int) -> float:
        """Seconds to wait after the ``failures``-th failure in a row (1, 2, …)."""
        n = max(1, failures)
        # Capped before it can overflow: factor ** n grows without bound.
        base = self.first
        for _ in range(n - 1):
            base *= self.factor
            if base >= self.cap:
                base = self.cap
                break
        if self.jitter:
            base *= 1 - self.jitter * self.rand()
        return base

    def next_delay(self) -> float:
        """Count one more failure and return how long to wait before the next try."""
        self.failures += 1
        return self.delay(self.failures)

    def reset(self) -> None:
        """A sync succeeded (or the user stopped retrying): start again from ``first``."""
        self.failures = 0


def retryable(exc: BaseException) -> bool:
    """Whether trying the same sync again later may succeed: the server did not answer,
    answered 5xx or 429, or something other than the server answered (a network sign-in
    page). Not a cancel, not a refusal (401, 403, 4xx), not a local problem (disk)."""
    # Imported here: the app builds its Backoff at start-up, before it needs the HTTP client.
    from fieldapp.sync.client import SyncCancelled, SyncError

    if not isinstance(exc, SyncError) or isinstance(exc, SyncCancelled):
        return False
    if exc.unreachable:
        return True
    if exc.status is not None and (exc.status == 429 or exc.status >= 500):
        return True
    return exc.code == "unexpected"


def needs_enrolment(exc: BaseException) -> bool:
    """Whether the device must be enrolled (again) with a new code before it can sync:
    never enrolled, token revoked or unknown, code wrong or used, or another server."""
    from fieldapp.sync.client import SyncCancelled, SyncError

    if not isinstance(exc, SyncError) or isinstance(exc, SyncCancelled):
        return False
    return exc.status == 401 or exc.code in ("not_enrolled", "other_server")
