"""How two versions of one synced row are reconciled — the rule every receiver applies.

Devices, the server and package imports all use :func:`decide`, so that sync and the USB
package are the same idempotent operation. Each version carries its hybrid-logical-clock
stamp ``hlc`` and ``base``: the hlc of the last version it is known to descend from (the last
one shared with the other side). With those:

- the same hlc: the same version — nothing to do (idempotent re-delivery);
- incoming hlc ≤ receiver's base: incoming is an ancestor of what the receiver has — stale;
- receiver's hlc ≤ incoming base: the receiver's version is an ancestor — fast-forward;
- otherwise both changed since they last agreed: concurrent. The later hlc wins and, if
  their contents differ, the loser is kept as a conflict record — never dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Action(StrEnum):
    """What the receiver does with an incoming version."""

    INSERT = "insert"  # the receiver has no such row
    SKIP = "skip"  # same version, or a stale one
    ACCEPT = "accept"  # take the incoming version
    KEEP = "keep"  # keep the receiver's version (it won a concurrent edit)


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a row: its stamp, what it descends from, and its content."""

    hlc: str
    base: str
    content: object


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome for one incoming version; ``conflict`` when a concurrent edit lost."""

    action: Action
    conflict: bool = False


def decide(receiver: Version | None, incoming: Version) -> Decision:
    """Reconcile ``incoming`` with the receiver's current version (None: it has none)."""
    if receiver is None:
        return Decision(Action.INSERT)
    if incoming.hlc == receiver.hlc or incoming.hlc <= receiver.base:
        return Decision(Action.SKIP)
    if receiver.hlc <= incoming.base:
        return Decision(Action.ACCEPT)
    differ = incoming.content != receiver.content
    if incoming.hlc > receiver.hlc:
        return Decision(Action.ACCEPT, conflict=differ)
    return Decision(Action.KEEP, conflict=differ)
