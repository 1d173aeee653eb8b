"""`fieldapp server …` and `fieldapp serve`: the command-line contract of the server."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from server_testkit import BACKENDS, FIELDAPP, fresh_database

from fieldapp.cli import main

FORMS = Path(__file__).resolve().parents[2] / "forms"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("backend", BACKENDS)
def test_accounts_from_the_command_line(
    backend: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with fresh_database(backend, tmp_path) as url:
        where = ["--data-dir", str(tmp_path / "srv"), *(["--database", url] if url else [])]
        code, out, _ = run(capsys, "server", "add-user", *where, "--username", "wang",
                           "--role", "surveyor", "--street", "和平街道")  # fmt: skip
        assert code == 0 and "wang" in out
        code, _, err = run(capsys, "server", "add-user", *where, "--username", "li",
                           "--role", "surveyor")  # fmt: skip
        assert code == 1 and "--street" in err and "街道" in err
        code, _, err = run(
            capsys, "server", "add-user", *where, "--username", "x", "--role", "king"
        )
        assert code == 1 and "未知的角色" in err and "Unknown role" in err

        code, out, err = run(capsys, "server", "enroll", *where, "--username", "wang")
        assert code == 0
        enrol_code = out.strip().splitlines()[-1]
        assert len(enrol_code) == 14 and enrol_code.count("-") == 2
        assert "one-time" in err
        code, _, err = run(capsys, "server", "enroll", *where, "--username", "nobody")
        assert code == 1 and "没有用户" in err and "No user" in err

        code, out, _ = run(capsys, "server", "users", *where, "--json")
        assert json.loads(out) == [{"username": "wang", "role": "surveyor", "street": "和平街道",
                                    "devices": 0, "created_at": json.loads(out)[0]["created_at"]}]  # fmt: skip
        code, out, _ = run(capsys, "server", "revoke", *where, "--username", "wang")
        assert code == 0 and "0" in out

        code, out, _ = run(
            capsys, "server", "publish-form", *where, str(FORMS / "resident_survey.yaml")
        )
        assert code == 0 and "resident_survey" in out and "published" in out
        code, out, _ = run(
            capsys, "server", "publish-form", *where, str(FORMS / "resident_survey.yaml")
        )
        assert "already" in out
        code, out, _ = run(capsys, "server", "status", *where, "--json")
        status = json.loads(out)
        assert status["records"]["forms"] == 1 and len(status["digest"]) == 64
        assert status["database"] == backend
        code, out, _ = run(capsys, "server", "conflicts", *where)
        assert code == 0 and "没有冲突" in out


def test_bad_database_url_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "server", "users", "--data-dir", str(tmp_path), "--database", "mysql://x"
    )
    assert code == 1 and "不支持的数据库地址" in err and "Unsupported database URL" in err
    code, _, err = run(
        capsys, "server", "users", "--data-dir", str(tmp_path),
        "--database", "postgresql://nobody@127.0.0.1:1/none",
    )  # fmt: skip
    assert code == 1 and "无法连接" in err and "Cannot reach" in err


def test_serve_publishes_openapi(tmp_path: Path) -> None:
    from server_testkit import ServerProcess

    server = ServerProcess(tmp_path / "srv", None).start()
    try:
        import httpx

        schema = httpx.get(f"{server.url}/openapi.json").json()
        assert {"/api/v1/push", "/api/v1/changes", "/api/v1/blobs/{sha256}"} <= set(schema["paths"])
        info = httpx.get(f"{server.url}/api/v1/info").json()
        assert info["api"] == 1 and info["server_id"] == server.admin.server_id
    finally:
        server.stop()
    # Port taken: a clear failure, no traceback.
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = subprocess.run(
            [str(FIELDAPP), "serve", "--data-dir", str(tmp_path / "srv"), "--port", str(port)],
            capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "端口可能已被占用" in result.stderr and "port may be in use" in result.stderr


def test_serving_collects_cycles_rarely_and_restores_the_collector(tmp_path: Path) -> None:
    # A push burst's parsed batches would be walked again by every young collection at the
    # default threshold (app._lifespan), and the push group's thread would wait up to 5 ms
    # for the GIL after each database call; the process's own settings come back afterwards.
    import gc
    import sys
    import warnings

    from fieldapp.server.app import create_app
    from fieldapp.server.service import Server

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    before, interval = gc.get_threshold(), sys.getswitchinterval()
    server = Server(tmp_path / "srv")
    try:
        with TestClient(create_app(server)) as client:
            assert client.get("/api/v1/info").status_code == 200
            assert gc.get_threshold()[0] >= 100_000
            assert gc.get_threshold()[1:] == before[1:]
            assert sys.getswitchinterval() == pytest.approx(0.001)
        assert gc.get_threshold() == before
        assert sys.getswitchinterval() == interval
    finally:
        server.close()
