"""What a device remembers about its server, in the device database's ``meta`` table:
address, server id, token, pull cursor, who it is enrolled as, and the last sync's outcome.

Kept in the database (not a settings file) so that it travels with the data: a restored
backup carries the cursor that matches its rows, and pulling again from there is safe.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from fieldapp.store import Store

__all__ = ["SyncState", "last_sync"]

_PREFIX = "sync_"


class SyncState:
    """Read and write the ``sync_*`` keys of a store's ``meta`` table."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def _get(self, key: str) -> str | None:
        return self._store.meta(_PREFIX + key)

    def save(self, values: Mapping[str, str | None]) -> None:
        """Write several keys in one transaction (None deletes a key)."""
        self._store.set_meta({_PREFIX + key: value for key, value in values.items()})

    @property
    def server_url(self) -> str | None:
        """The address last synced with."""
        return self._get("server_url")

    @property
    def server_id(self) -> str | None:
        """The id of the server the token belongs to."""
        return self._get("server_id")

    @property
    def token(self) -> str | None:
        """This device's token (None until enrolled)."""
        return self._get("token")

    @property
    def cursor(self) -> int:
        """The server sequence number pulled up to."""
        value = self._get("cursor")
        return int(value) if value and value.isdigit() else 0

    @property
    def user(self) -> dict[str, Any] | None:
        """Who the device is enrolled as (username, role, street)."""
        value = self._get("user")
        return json.loads(value) if value else None

    @property
    def last(self) -> dict[str, Any] | None:
        """The last sync's time and outcome (see :func:`last_sync`)."""
        value = self._get("last")
        return json.loads(value) if value else None


def last_sync(store: Store) -> dict[str, Any] | None:
    """The time and result of the last sync, for the app to show: ``{"finished_at",
    "ok", "summary" | "error": {"zh", "en"}, "server_url"}``; None if it never synced."""
    return SyncState(store).last
