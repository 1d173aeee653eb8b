"""Fixtures of the sync tests: a real server process per test, on SQLite and PostgreSQL."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))

from server_testkit import BACKENDS, ServerProcess, running_server


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def live_server(backend: str, tmp_path: Path) -> Iterator[ServerProcess]:
    """A fresh `fieldapp serve` process on the backend's database."""
    with running_server(backend, tmp_path) as server:
        yield server


@pytest.fixture(scope="module", params=BACKENDS)
def shared_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    """One server process per backend for a whole module: tests use their own street and
    users, and compare digests of their street (ServerProcess.digest(street))."""
    with running_server(str(request.param), tmp_path_factory.mktemp("shared")) as server:
        yield server
