"""Concurrent edits: to different answers they merge; to the same answer the later one (by
hybrid logical clock) wins everywhere and the loser is kept as a conflict record that
coordinators can see — on the server (API and CLI) and on the device that lost."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
import pytest
from server_testkit import Device, ServerProcess, new_street, new_user, seed

from fieldapp.cli import main
from fieldapp.server.accounts import Principal

_ADMIN = Principal("", "", "admin", None, "", "")


def _of_street(server: ServerProcess, token: str, street: str) -> list[dict]:
    """Conflicts the coordinator sees, of the communities of ``street``."""
    from sqlalchemy import select

    from fieldapp.server.schema import records

    with server.admin.db.read() as conn:
        mine = {
            r[0]
            for r in conn.execute(
                select(records.c.id).where(
                    records.c.table_name == "communities", records.c.street == street
                )
            )
        }
    seen = httpx.get(
        f"{server.url}/api/v1/conflicts", headers={"Authorization": f"Bearer {token}"}
    ).json()
    return [c for c in seen if c["community_id"] in mine]


def _pair(server: ServerProcess, tmp_path: Path) -> tuple[Device, Device, str, str]:
    street = new_street()
    a = Device(tmp_path / "a", server.url, server.user(new_user("wang"), "surveyor", street))
    b = Device(tmp_path / "b", server.url, server.user(new_user("li"), "surveyor", street))
    s = seed(a.store, answers=5, street=street)
    a.sync()
    b.sync()
    return a, b, s.submission_id, street


def test_edits_to_different_answers_merge(shared_server: ServerProcess, tmp_path: Path) -> None:
    a, b, sub, street = _pair(shared_server, tmp_path)
    try:
        a.store.save_answer(sub, "q0001", "甲改")
        b.store.save_answer(sub, "q0002", "乙改")
        b.store.save_answer(sub, "new", "乙新")  # a new answer, never seen by A
        ra, rb, ra2 = a.sync(), b.sync(), a.sync()
        assert (ra.conflicts, rb.conflicts, ra2.conflicts) == (0, 0, 0)
        for d in (a, b):
            answers = d.store.answers(sub)
            assert answers[("q0001", "")] == "甲改" and answers[("q0002", "")] == "乙改"
            assert answers[("new", "")] == "乙新"
            assert d.store.conflicts() == []
        assert a.digest() == b.digest() == shared_server.digest(street)
        community = a.store.submission(sub).community_id
        recorded = shared_server.admin.records.conflicts(_ADMIN, limit=1000)
        assert not [c for c in recorded if c["community_id"] == community]
    finally:
        a.close()
        b.close()


@pytest.mark.parametrize("first", ["earlier", "later"])
def test_same_answer_later_wins_loser_kept(
    shared_server: ServerProcess, tmp_path: Path, first: str, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, sub, street = _pair(shared_server, tmp_path)
    try:
        a.store.save_answer(sub, "q0003", "甲的值")  # earlier
        time.sleep(0.01)  # past the millisecond, where stamps are ordered by device id
        b.store.save_answer(sub, "q0003", "乙的值")  # later: wins
        order = (a, b) if first == "earlier" else (b, a)
        results = [d.sync() for d in order] + [order[0].sync()]
        for d in (a, b):
            assert d.store.answers(sub)[("q0003", "")] == "乙的值"
        assert a.digest() == b.digest() == shared_server.digest(street)
        # The device whose edit lost is told, and keeps the lost value.
        assert sum(r.conflicts for r in results) >= 1
        lost = a.store.conflicts()
        assert [(c.field, c.local_value, c.remote_value) for c in lost] == [
            ("value", '"甲的值"', '"乙的值"')
        ]
        # Coordinators see it on the server: API and command line, recorded once.
        coordinator = shared_server.user(new_user("zhao"), "coordinator")
        token = httpx.post(
            f"{shared_server.url}/api/v1/enrol", json={"code": coordinator, "device_id": "pc"}
        ).json()["token"]
        seen = _of_street(shared_server, token, street)
        assert [(c["field"], c["winner_value"], c["loser_value"]) for c in seen] == [
            ("value", '"乙的值"', '"甲的值"')
        ]
        a.sync()
        b.sync()
        assert len(_of_street(shared_server, token, street)) == 1
        code = main(["server", "conflicts", *shared_server.args(), "--json", "--limit", "1000"])
        listed = json.loads(capsys.readouterr().out)
        assert code == 0
        assert [c["loser_value"] for c in listed if c["id"] == seen[0]["id"]] == ['"甲的值"']
    finally:
        a.close()
        b.close()


def test_deleted_on_one_edited_on_other(shared_server: ServerProcess, tmp_path: Path) -> None:
    """A tombstone is a version like any other: the later of delete and edit wins."""
    a, b, sub, street = _pair(shared_server, tmp_path)
    try:
        b.store.save_answer(sub, "q0004", "先改")
        # Two devices' stamps in the same millisecond are ordered by device id, not by
        # which came first; step past it so "later" means later.
        time.sleep(0.01)
        a.store.clear_answer(sub, "q0004")  # later: the answer is cleared everywhere
        b.sync()
        a.sync()
        b.sync()
        for d in (a, b):
            assert ("q0004", "") not in d.store.answers(sub)
        assert a.digest() == b.digest() == shared_server.digest(street)
    finally:
        a.close()
        b.close()
