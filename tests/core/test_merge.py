"""The reconciliation rule: idempotent, order-independent, never silently loses an edit."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.core.merge import Action, Decision, Version, decide


def v(hlc: str, base: str = "", content: object = None) -> Version:
    return Version(hlc, base, content if content is not None else hlc)


def test_new_row_is_inserted() -> None:
    assert decide(None, v("2")) == Decision(Action.INSERT)


def test_redelivery_and_stale_copies_are_skipped() -> None:
    assert decide(v("2"), v("2")) == Decision(Action.SKIP)
    # The receiver edited after receiving 2: an old package with 2 again is stale.
    assert decide(v("5", base="2"), v("2")) == Decision(Action.SKIP)


def test_fast_forward_without_conflict() -> None:
    assert decide(v("2"), v("5", base="2")) == Decision(Action.ACCEPT)


def test_concurrent_edits_later_wins_loser_kept() -> None:
    mine, theirs = v("4", base="2", content="a"), v("5", base="2", content="b")
    assert decide(mine, theirs) == Decision(Action.ACCEPT, conflict=True)
    assert decide(theirs, mine) == Decision(Action.KEEP, conflict=True)
    same = v("5", base="2", content="a")
    assert decide(mine, same) == Decision(Action.ACCEPT, conflict=False)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 9), st.sampled_from("abc")), min_size=1, max_size=5))
def test_replicas_converge_whatever_the_order(edits: list[tuple[int, str]]) -> None:
    # Versions made independently from a common empty base reach every receiver in any
    # order; all end on the same (greatest-hlc) version.
    versions = [Version(f"{h:02d}{i}", "", c) for i, (h, c) in enumerate(edits)]
    finals = set()
    for order in itertools.permutations(versions):
        current: Version | None = None
        for incoming in order:
            d = decide(current, incoming)
            if d.action in (Action.INSERT, Action.ACCEPT):
                current = Version(incoming.hlc, incoming.hlc, incoming.content)
            elif d.action is Action.KEEP and current is not None:
                current = Version(current.hlc, max(current.base, incoming.hlc), current.content)
        assert current is not None
        finals.add((current.hlc, current.content))
    assert finals == {max((x.hlc, x.content) for x in versions)}
