"""Device storage: SQLite through sqlite-utils — schema, migrations, queries, blob paths.

The :class:`Store` owns the write connection; see :mod:`fieldapp.store.store`.
"""

from __future__ import annotations

from fieldapp.store.store import Store

__all__ = ["Store"]
