"""Shared by tests/server and tests/sync: databases, server processes, devices, seed data.

PostgreSQL: each server gets a fresh database on 127.0.0.1:5432, dropped afterwards. Under
CI (CI set) the PostgreSQL tests must run, so an absent PostgreSQL fails them; elsewhere
they are skipped, saying why.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from fieldapp.server.accounts import add_user, create_enrolment
from fieldapp.server.service import Server
from fieldapp.store import Store
from fieldapp.store.paths import photo_path
from fieldapp.sync import SyncResult, sync_once

FIELDAPP = Path(sys.executable).with_name("fieldapp")
BACKENDS = ["sqlite", "postgresql"]
_PG_USERS = ("postgres", "root")


@dataclass(frozen=True)
class PgAdmin:
    """How to reach the PostgreSQL server as a user allowed to create databases."""

    user: str

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}@127.0.0.1:5432/{database}"


def _find_postgres() -> tuple[PgAdmin | None, str]:
    import psycopg

    reason = ""
    for user in _PG_USERS:
        try:
            with psycopg.connect(
                host="127.0.0.1", port=5432, user=user, dbname="test", connect_timeout=3
            ):
                return PgAdmin(user), ""
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return None, reason


_PG: tuple[PgAdmin | None, str] | None = None


def postgres() -> PgAdmin:
    """The PostgreSQL admin, or skip (fail under CI) when there is none."""
    global _PG
    if _PG is None:
        _PG = _find_postgres()
    admin, reason = _PG
    if admin is None:
        message = f"PostgreSQL on 127.0.0.1:5432 is not available ({reason})"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must run the PostgreSQL tests")
        pytest.skip(f"{message}; set up PostgreSQL (trust auth, database test) to run these")
    return admin


@contextlib.contextmanager
def fresh_database(backend: str, tmp: Path) -> Iterator[str | None]:
    """None (SQLite in the data dir) or the URL of a new PostgreSQL database, dropped after."""
    if backend == "sqlite":
        yield None
        return
    import psycopg

    admin = postgres()
    name = f"fieldapp_t_{secrets.token_hex(6)}"
    with psycopg.connect(admin.url("test"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield admin.url(name)
    finally:
        with psycopg.connect(admin.url("test"), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """`fieldapp serve` as a subprocess on a free loopback port."""

    def __init__(self, data_dir: Path, database: str | None) -> None:
        self.data_dir = data_dir
        self.database = database
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self._admin: Server | None = None

    def args(self) -> list[str]:
        extra = ["--database", self.database] if self.database else []
        return ["--data-dir", str(self.data_dir), *extra]

    def start(self) -> ServerProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        # A file, not a pipe: nobody reads a pipe while the tests run, and a full pipe
        # would block the server on its next log line.
        self.log = self.data_dir / f"serve-{self.port}.log"
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(
                [str(FIELDAPP), "serve", *self.args(), "--port", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.log.read_text(errors="replace"))
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/api/v1/info", timeout=1).status_code == 200:
                    return self
            time.sleep(0.05)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self._admin is not None:
            self._admin.close()
            self._admin = None

    @property
    def admin(self) -> Server:
        """The same server opened in this process, for account set-up and inspection."""
        if self._admin is None:
            self._admin = Server(self.data_dir, database=self.database)
        return self._admin

    def user(self, username: str, role: str, street: str | None = None) -> str:
        """Create a user and return a fresh enrolment code for them."""
        add_user(self.admin.db, username=username, role=role, street=street)
        return self.code(username)

    def code(self, username: str) -> str:
        code, _ = create_enrolment(self.admin.db, username=username)
        return code

    def digest(self, street: str | None = None) -> str:
        """The server's digest: of everything, or of what a user of ``street`` sees."""
        from fieldapp.server.accounts import Principal

        who = None if street is None else Principal("", "", "surveyor", street, "", "")
        return self.admin.records.digest(who)


_streets = iter(range(10**6))


def new_street() -> str:
    """A street of its own for a test sharing a server with others."""
    return f"测试街道{next(_streets)}"


_users = iter(range(10**6))


def new_user(name: str) -> str:
    """A username of its own for a test sharing a server with others."""
    return f"{name}{next(_users)}"


@contextlib.contextmanager
def running_server(backend: str, tmp: Path) -> Iterator[ServerProcess]:
    with fresh_database(backend, tmp) as url:
        server = ServerProcess(tmp / "server", url).start()
        try:
            yield server
        finally:
            server.stop()


class Device:
    """A device: a data directory with its store, and sync against one server."""

    def __init__(self, path: Path, server_url: str, code: str | None = None) -> None:
        self.path = path
        self.store = Store.open(path)
        self.server_url = server_url
        self.code = code

    def sync(self, **kwargs: Any) -> SyncResult:
        url = kwargs.pop("server_url", self.server_url)
        result = sync_once(self.store, server_url=url, code=self.code, **kwargs)
        self.code = None
        return result

    def digest(self) -> str:
        return self.store.digest()

    def close(self) -> None:
        self.store.close()


FORM = "form:\n  id: mini\n  version: '1'\n"


@dataclass
class Seeded:
    project_id: str
    community_id: str
    submission_id: str
    problem_id: str
    photo_ids: list[str]


def seed(
    store: Store,
    *,
    street: str = "和平街道",
    name: str = "甲社区",
    answers: int = 10,
    photos: int = 0,
    photo_bytes: int = 2000,
    project_id: str | None = None,
) -> Seeded:
    """A community with an estate, a submission with answers, a problem and photos (rows
    and files, as the photo pipeline leaves them)."""
    if project_id is None:
        project_id = store.create_project("2026 年体检").id
    community = store.create_community(project_id, name, street=street)
    estate = store.add_estate(community.id, "一区")
    store.add_building(estate.id, "1 号楼", floors=6)
    store.register_form("mini", "1", "checklist", "迷你", "Mini", FORM)
    sub = store.create_submission(community.id, "mini", "1", surveyor="王")
    store.save_answers(sub.id, [(f"q{i:04d}", i) for i in range(answers)])
    problem = store.create_problem(community.id, "消防通道被占用", actor="王", severity="severe")
    ids = []
    for n in range(photos):
        ids.append(add_photo(store, community.id, problem.id, seed=f"{name}-{n}", size=photo_bytes))
    return Seeded(project_id, community.id, sub.id, problem.id, ids)


def add_photo(
    store: Store, community_id: str, problem_id: str | None, *, seed: str, size: int
) -> str:
    """A photo file (deterministic bytes) and its row, linked to a problem if given."""
    data = (hashlib.sha256(seed.encode()).digest() * (size // 32 + 1))[:size]
    sha = hashlib.sha256(data).hexdigest()
    path = photo_path(store.data_dir, sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    photo = store.add_photo(sha, community_id=community_id, bytes=size, mime="image/jpeg")
    if problem_id is not None:
        store.link_photo(photo.id, problem_id=problem_id)
    return photo.id


class Api:
    """The app in-process (fastapi TestClient) on a fresh database, with helpers."""

    def __init__(self, server: Server) -> None:
        import warnings

        from fieldapp.server.app import create_app

        with warnings.catch_warnings():
            # Starlette's TestClient on httpx is deprecated in favour of httpx2; it works.
            warnings.simplefilter("ignore")
            from fastapi.testclient import TestClient

        self.server = server
        self.client = TestClient(create_app(server))

    def token(self, username: str, role: str, street: str | None = None) -> dict[str, str]:
        """Create a user, enrol a device for them, return the auth header."""
        code = _user_code(self.server, username, role, street)
        answer = self.client.post(
            "/api/v1/enrol", json={"code": code, "device_id": f"dev-{username}"}
        )
        assert answer.status_code == 200, answer.text
        return {"Authorization": f"Bearer {answer.json()['token']}"}

    def push(self, headers: dict[str, str], changes: list[dict], batch_id: str = "") -> Any:
        import hashlib
        import json

        batch_id = batch_id or hashlib.sha256(json.dumps(changes).encode()).hexdigest()[:32]
        return self.client.post(
            "/api/v1/push", json={"batch_id": batch_id, "changes": changes}, headers=headers
        )

    def upload_photos(self, headers: dict[str, str], store: Any) -> None:
        """Upload the files of every photo of a device store, in one chunk each."""
        from fieldapp.store.paths import photo_path

        for photo in store.photos(include_deleted=True):
            data = photo_path(store.data_dir, photo.sha256).read_bytes()
            answer = self.client.put(
                f"/api/v1/blobs/{photo.sha256}",
                params={"offset": 0, "total": len(data)},
                content=data,
                headers=headers,
            )
            assert answer.status_code == 200, answer.text

    def state(self) -> tuple[str, dict[str, int]]:
        """Digest and counts: equal before and after a refused request (nothing stored)."""
        return self.server.records.digest(), self.server.records.counts()


def _user_code(server: Server, username: str, role: str, street: str | None) -> str:
    from fieldapp.server.accounts import add_user, create_enrolment

    add_user(server.db, username=username, role=role, street=street)
    return create_enrolment(server.db, username=username)[0]
