"""The device side of sync (docs/sync.md): push, pull and photo files, resumable.

The desktop app and the CLI call :func:`sync_once`; it never raises anything but
:class:`SyncError` (with a bilingual message) for a failed sync, and remembers the outcome
for :func:`last_sync`. Names are imported on first use, so that the server, which only
needs :mod:`fieldapp.sync.protocol`, does not load the HTTP client and the device store.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fieldapp.sync.client import SyncCancelled, SyncError
    from fieldapp.sync.engine import SyncProgress, SyncResult, sync_once
    from fieldapp.sync.state import last_sync

__all__ = ["SyncCancelled", "SyncError", "SyncProgress", "SyncResult", "last_sync", "sync_once"]

_HOMES = {
    "SyncCancelled": "fieldapp.sync.client",
    "SyncError": "fieldapp.sync.client",
    "SyncProgress": "fieldapp.sync.engine",
    "SyncResult": "fieldapp.sync.engine",
    "sync_once": "fieldapp.sync.engine",
    "last_sync": "fieldapp.sync.state",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
