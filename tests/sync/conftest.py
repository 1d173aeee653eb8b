"""Fixtures of the sync tests: a real server process per test, on SQLite and PostgreSQL."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))

from server_testkit import BACKENDS, ServerProcess, running_server  # noqa: E402


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def live_server(backend: str, tmp_path: Path) -> Iterator[ServerProcess]:
    """A fresh `fieldapp serve` process on the backend's database."""
    with running_server(backend, tmp_path) as server:
        yield server
