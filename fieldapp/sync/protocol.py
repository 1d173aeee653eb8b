"""What the device and the server agree on: paths, limits, patterns (docs/sync.md).

The server imports this module (``fieldapp.server`` sits above ``fieldapp.sync`` in the
layers), so a limit changed here changes on both sides at once.
"""

from __future__ import annotations

import re

API = "/api/v1"
"""Prefix of every endpoint; a protocol change that old devices cannot follow gets /api/v2."""

MAX_BATCH_CHANGES = 1000
"""Changes in one push; the client sends fewer (BATCH_CHANGES)."""
BATCH_CHANGES = 500
BATCH_BYTES = 4 * 1024 * 1024
"""The client closes a batch at this many bytes of JSON, whichever limit comes first."""
MAX_JSON_BYTES = 16 * 1024 * 1024
"""Largest JSON request body the server reads (a push of MAX_BATCH_CHANGES with forms)."""
MAX_CHUNK_BYTES = 8 * 1024 * 1024
"""Largest photo chunk in one request; a typical 2 MB photo goes in one request."""
MAX_BLOB_BYTES = 64 * 1024 * 1024
"""Largest photo file the server stores."""
PAGE_CHANGES = 1000
"""Changes per pull page, unless the device asks for fewer."""
MAX_FUTURE_MS = 24 * 3600 * 1000
"""A stamp further than this ahead of the receiver's wall clock is refused: the sending
device's clock is wrong, and accepting it would make its edits win every conflict."""

SHA256_PATTERN = r"^[0-9a-f]{64}$"
NAME_PATTERN = r"^[A-Za-z0-9._:-]{1,128}$"
"""Device ids, batch ids: printable, no path separators."""
SHA256_RE = re.compile(SHA256_PATTERN)
NAME_RE = re.compile(NAME_PATTERN)

ROLES = ("admin", "coordinator", "street_office", "surveyor")
STREET_ROLES = frozenset({"street_office", "surveyor"})
"""Roles tied to one street: they see and change that street's communities only."""


def is_sha256(value: object) -> bool:
    """True for a lowercase 64-digit hex SHA-256."""
    return isinstance(value, str) and SHA256_RE.match(value) is not None
