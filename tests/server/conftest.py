"""Fixtures of the server tests (helpers in server_testkit.py, shared with tests/sync)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from server_testkit import BACKENDS, Api, ServerProcess, fresh_database, running_server

from fieldapp.server.service import Server


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def live_server(backend: str, tmp_path: Path) -> Iterator[ServerProcess]:
    """A fresh `fieldapp serve` process on the backend's database."""
    with running_server(backend, tmp_path) as server:
        yield server


@pytest.fixture(scope="module", params=BACKENDS)
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """One in-process server per backend for a whole test module (tests use own users)."""
    tmp = tmp_path_factory.mktemp("api")
    with fresh_database(str(request.param), tmp) as url:
        server = Server(tmp / "server", database=url)
        try:
            yield Api(server)
        finally:
            server.close()
