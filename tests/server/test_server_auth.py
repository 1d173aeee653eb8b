"""Every authentication and authorisation rule, on SQLite and PostgreSQL (in-process app).

Rules: every endpoint but /info and /enrol needs a valid, unrevoked token; enrolment codes
work once and expire; surveyors and street offices see and change their street's
communities only; street offices change only problems, their history and photos;
conflicts are for coordinators and admins; everyone refused is told why (bilingual).
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest
from server_testkit import Api, add_photo, seed

from fieldapp.server.accounts import add_user, create_enrolment, revoke
from fieldapp.store import Store

_n = itertools.count()


def _name(prefix: str) -> str:
    return f"{prefix}{next(_n)}"


def _wire(store: Store) -> list[dict[str, Any]]:
    return [c.to_json() for c in store.collect_changes(dirty_only=True)]


def _bilingual(response: Any, code: int) -> dict[str, Any]:
    assert response.status_code == code, response.text
    error = response.json()["error"]
    assert error["zh"] and error["en"] and error["zh"] != error["en"]
    return error


def _street_data(api: Api, tmp: Path, street: str) -> tuple[Store, Any]:
    """A community of ``street`` on the server (pushed by a coordinator), and its device."""
    store = Store.open(tmp / _name("dev"))
    s = seed(store, street=street, name=_name("社区"), answers=3, photos=1)
    coordinator = api.token(_name("coord"), "coordinator")
    api.upload_photos(coordinator, store)
    assert api.push(coordinator, _wire(store)).status_code == 200
    store.mark_shared(store.collect_changes())
    return store, s


AUTHENTICATED = [
    ("GET", "/api/v1/me", None),
    ("POST", "/api/v1/push", {"batch_id": "b1", "changes": []}),
    ("GET", "/api/v1/changes", None),
    ("POST", "/api/v1/blobs/missing", {"hashes": []}),
    ("GET", f"/api/v1/blobs/{'a' * 64}/upload", None),
    ("GET", f"/api/v1/blobs/{'a' * 64}", None),
    ("GET", "/api/v1/conflicts", None),
    ("POST", "/api/v1/problems/x/status", {"to_status": "closed"}),
]


@pytest.mark.parametrize(("method", "path", "body"), AUTHENTICATED)
def test_no_bad_or_revoked_token_is_401(api: Api, method: str, path: str, body: Any) -> None:
    user = _name("u")
    headers = api.token(user, "coordinator")
    for h in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic eDp5"}):
        error = _bilingual(api.client.request(method, path, json=body, headers=h), 401)
        assert error["code"] == "unauthorized"
    revoke(api.server.db, username=user)
    error = _bilingual(api.client.request(method, path, json=body, headers=headers), 401)
    assert "撤销" in error["zh"] and "revoked" in error["en"]


def test_upload_without_token_is_401_before_reading(api: Api) -> None:
    answer = api.client.put(
        f"/api/v1/blobs/{'b' * 64}", params={"offset": 0, "total": 3}, content=b"abc"
    )
    _bilingual(answer, 401)


def test_enrolment_code_is_single_use_and_expires(api: Api) -> None:
    user = _name("u")
    add_user(api.server.db, username=user, role="surveyor", street="和平街道")
    code, _ = create_enrolment(api.server.db, username=user)
    first = api.client.post("/api/v1/enrol", json={"code": code, "device_id": "d1"})
    assert first.status_code == 200
    assert first.json()["user"] == {
        "username": user,
        "role": "surveyor",
        "street": "和平街道",
        "device_id": "d1",
    }
    other = api.client.post("/api/v1/enrol", json={"code": code, "device_id": "d2"})
    assert "已使用" in _bilingual(other, 401)["zh"]
    # The same device retrying (its answer was lost) gets a new token; the old one dies.
    again = api.client.post("/api/v1/enrol", json={"code": code.lower(), "device_id": "d1"})
    assert again.status_code == 200
    old = {"Authorization": f"Bearer {first.json()['token']}"}
    new = {"Authorization": f"Bearer {again.json()['token']}"}
    assert api.client.get("/api/v1/me", headers=old).status_code == 401
    assert api.client.get("/api/v1/me", headers=new).status_code == 200
    stale, _ = create_enrolment(api.server.db, username=user, valid_for=dt.timedelta(seconds=-1))
    _bilingual(api.client.post("/api/v1/enrol", json={"code": stale, "device_id": "d3"}), 401)
    revoked, _ = create_enrolment(api.server.db, username=user)
    revoke(api.server.db, username=user)
    _bilingual(api.client.post("/api/v1/enrol", json={"code": revoked, "device_id": "d4"}), 401)
    assert api.client.get("/api/v1/me", headers=new).status_code == 401


def test_surveyor_sees_and_changes_only_own_street(api: Api, tmp_path: Path) -> None:
    mine, s_mine = _street_data(api, tmp_path, "和平街道")
    theirs, s_theirs = _street_data(api, tmp_path, "友谊街道")
    surveyor = api.token(_name("sv"), "surveyor", "和平街道")

    # Pull: own street's rows, and the shared catalogue (projects, forms) only.
    page = api.client.get("/api/v1/changes", headers=surveyor).json()
    communities = {c["id"] for c in page["changes"] if c["table"] == "communities"}
    assert s_mine.community_id in communities and s_theirs.community_id not in communities
    assert not any(c["data"].get("community_id") == s_theirs.community_id for c in page["changes"])
    coordinator = api.token(_name("coord"), "coordinator")
    everything = api.client.get("/api/v1/changes", headers=coordinator).json()
    assert {s_mine.community_id, s_theirs.community_id} <= {
        c["id"] for c in everything["changes"] if c["table"] == "communities"
    }

    before = api.state()
    # Writing into the other street's community: refused, nothing stored.
    theirs.save_answer(s_theirs.submission_id, "q0000", "篡改")
    error = _bilingual(api.push(surveyor, _wire(theirs)), 403)
    assert "友谊街道" not in error["zh"] and "和平街道" in error["zh"]
    # Moving own community into another street, or a forged copy of the other street's
    # estate that claims to belong to our community: refused too.
    mine.update_community(s_mine.community_id, street="友谊街道")
    _bilingual(api.push(surveyor, _wire(mine)), 403)
    mine.update_community(s_mine.community_id, street="和平街道")
    estate = next(c for c in theirs.collect_changes() if c.table == "estates").to_json()
    forged = {**estate, "hlc": mine.clock.now(), "rev": 9,
              "data": {**estate["data"], "community_id": s_mine.community_id}}  # fmt: skip
    _bilingual(api.push(surveyor, [forged]), 403)
    # A new community in another street.
    other = Store.open(tmp_path / "other")
    seed(other, street="友谊街道", name="新社区")
    _bilingual(api.push(surveyor, _wire(other)), 403)
    assert api.state() == before

    # Photo files: only of photos in a visible community.
    sha_theirs = theirs.photos()[0].sha256
    sha_mine = mine.photos()[0].sha256
    assert api.client.get(f"/api/v1/blobs/{sha_mine}", headers=surveyor).status_code == 200
    _bilingual(api.client.get(f"/api/v1/blobs/{sha_theirs}", headers=surveyor), 404)
    # Own street: allowed.
    mine.save_answer(s_mine.submission_id, "q0000", "本街道")
    assert api.push(surveyor, _wire(mine)).status_code == 200


def test_street_office_changes_problems_only(api: Api, tmp_path: Path) -> None:
    mine, s_mine = _street_data(api, tmp_path, "和平街道")
    _, s_theirs = _street_data(api, tmp_path, "友谊街道")
    office = api.token(_name("office"), "street_office", "和平街道")
    before = api.state()
    mine.add_estate(s_mine.community_id, "新小区")
    error = _bilingual(api.push(office, _wire(mine)), 403)
    assert "街道办" in error["zh"] and "street office" in error["en"]
    assert api.state() == before
    mine.mark_shared(mine.collect_changes())
    mine.change_problem_status(s_mine.problem_id, "reported", actor="街道办")
    add_photo(mine, s_mine.community_id, s_mine.problem_id, seed="evidence", size=3000)
    api.upload_photos(office, mine)
    assert api.push(office, _wire(mine)).status_code == 200

    # The status endpoint: own street yes, other street as if it did not exist.
    ok = api.client.post(
        f"/api/v1/problems/{s_mine.problem_id}/status",
        json={"to_status": "closed", "note": "已整改"}, headers=office,
    )  # fmt: skip
    assert ok.status_code == 200, ok.text
    assert ok.json()["event"]["data"]["actor"].startswith("office")
    _bilingual(
        api.client.post(
            f"/api/v1/problems/{s_theirs.problem_id}/status",
            json={"to_status": "closed"},
            headers=office,
        ),
        404,
    )
    surveyor = api.token(_name("sv"), "surveyor", "和平街道")
    _bilingual(
        api.client.post(
            f"/api/v1/problems/{s_mine.problem_id}/status",
            json={"to_status": "closed"},
            headers=surveyor,
        ),
        403,
    )


def test_conflicts_are_for_coordinators_and_admins(api: Api) -> None:
    for role, street, status in (
        ("surveyor", "和平街道", 403),
        ("street_office", "和平街道", 403),
        ("coordinator", None, 200),
        ("admin", None, 200),
    ):
        headers = api.token(_name(role), role, street)
        answer = api.client.get("/api/v1/conflicts", headers=headers)
        if status == 200:
            assert answer.status_code == 200 and isinstance(answer.json(), list)
        else:
            _bilingual(answer, status)


def test_account_rules(api: Api) -> None:
    from fieldapp.server.accounts import AccountError

    with pytest.raises(AccountError, match="--street"):
        add_user(api.server.db, username=_name("x"), role="surveyor", street=None)
    with pytest.raises(AccountError, match="未知的角色"):
        add_user(api.server.db, username=_name("x"), role="mayor", street=None)
    name = _name("dup")
    add_user(api.server.db, username=name, role="street-office", street="和平街道")
    with pytest.raises(AccountError, match="已存在"):
        add_user(api.server.db, username=name, role="admin", street=None)
    with pytest.raises(AccountError, match="没有用户"):
        create_enrolment(api.server.db, username="nobody")
    # Tokens are stored hashed only.
    headers = api.token(_name("h"), "admin")
    token = headers["Authorization"].split()[1]
    from sqlalchemy import select

    from fieldapp.server.schema import devices

    with api.server.db.read() as conn:
        stored = [r[0] for r in conn.execute(select(devices.c.token_hash))]
    assert token not in stored and all(len(h) == 64 for h in stored)
