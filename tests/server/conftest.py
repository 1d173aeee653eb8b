"""Fixtures of the server tests (helpers in server_testkit.py, shared with tests/sync)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from server_testkit import BACKENDS, ServerProcess, running_server


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def live_server(backend: str, tmp_path: Path) -> Iterator[ServerProcess]:
    """A fresh `fieldapp serve` process on the backend's database."""
    with running_server(backend, tmp_path) as server:
        yield server
