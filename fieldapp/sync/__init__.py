"""The device side of sync (docs/sync.md): push, pull and photo files, resumable.

The desktop app and the CLI call :func:`sync_once`; it never raises anything but
:class:`SyncError` (with a bilingual message) for a failed sync, and remembers the outcome
for :func:`last_sync`.
"""

from __future__ import annotations

from fieldapp.sync.client import SyncCancelled, SyncError
from fieldapp.sync.engine import SyncProgress, SyncResult, sync_once
from fieldapp.sync.state import last_sync

__all__ = ["SyncCancelled", "SyncError", "SyncProgress", "SyncResult", "last_sync", "sync_once"]
