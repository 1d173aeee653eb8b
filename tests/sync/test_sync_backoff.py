"""The app's automatic sync retries: the backoff schedule and which failures it retries."""

from __future__ import annotations

import pytest

from fieldapp.core.i18n import Text
from fieldapp.sync.backoff import Backoff, needs_enrolment, retryable
from fieldapp.sync.client import SyncCancelled, SyncError


def test_delays_double_from_15_seconds_up_to_10_minutes() -> None:
    b = Backoff()
    assert [b.next_delay() for _ in range(8)] == [15, 30, 60, 120, 240, 480, 600, 600]
    assert b.failures == 8
    assert b.delay(10_000) == 600  # no overflow however long it fails


def test_success_starts_over() -> None:
    b = Backoff(first=2, factor=3, cap=50)
    assert [b.next_delay() for _ in range(4)] == [2, 6, 18, 50]
    b.reset()
    assert b.failures == 0
    assert b.next_delay() == 2


def test_jitter_stays_within_its_band() -> None:
    draws = iter([0.0, 1.0, 0.5])
    b = Backoff(jitter=0.2, rand=lambda: next(draws))
    assert b.next_delay() == 15  # draw 0: the full delay
    assert b.next_delay() == pytest.approx(30 * 0.8)  # draw 1: 20 % shorter
    assert b.next_delay() == pytest.approx(60 * 0.9)


@pytest.mark.parametrize(
    "kwargs",
    [{"first": 0}, {"first": 10, "cap": 5}, {"factor": 0.5}, {"jitter": 1.5}],
)
def test_nonsense_settings_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        Backoff(**kwargs)


def _error(**kwargs: object) -> SyncError:
    return SyncError(Text("错", "error"), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("exc", "retry", "enrol"),
    [
        (_error(unreachable=True), True, False),
        (_error(status=503, code="unavailable"), True, False),
        (_error(status=429, code="busy"), True, False),
        (_error(status=302, code="unexpected"), True, False),  # a network sign-in page
        (_error(status=401, code="unauthorized"), False, True),  # revoked token, bad code
        (_error(code="not_enrolled"), False, True),
        (_error(code="other_server"), False, True),
        (_error(status=403, code="forbidden"), False, False),
        (_error(status=422, code="clock_ahead"), False, False),
        (_error(code="disk"), False, False),
        (SyncCancelled(), False, False),
        (RuntimeError("bug"), False, False),
    ],
)
def test_what_is_retried(exc: BaseException, retry: bool, enrol: bool) -> None:
    assert retryable(exc) is retry
    assert needs_enrolment(exc) is enrol
