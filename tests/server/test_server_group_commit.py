"""Group commit of pushes (records.PushQueue, RecordStore.push_group): batches that arrive
together are applied in one transaction, each with the outcome it would have had alone —
the same merge and conflict records as sequential pushes, a refused batch refused with its
usual error while the others are stored, idempotency per batch — and the pull cursor still
never skips a row, with two server processes writing groups at once."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from server_testkit import Api, ServerProcess, add_photo, fresh_database, seed
from sqlalchemy import select, update

from fieldapp.server.accounts import Principal, add_user, create_enrolment, enrol_device
from fieldapp.server.errors import ApiError
from fieldapp.server.records import DEFERRED, PushItem
from fieldapp.server.schema import conflicts, records, seq_counter
from fieldapp.server.service import Server
from fieldapp.server.validation import legacy_digest, parse_push
from fieldapp.store import Store

_n = itertools.count()
STREET = "和平街道"


def _wire(changes: list[Any], batch_id: str = "") -> bytes:
    wire = [c.to_json() for c in changes]
    batch_id = batch_id or hashlib.sha256(json.dumps(wire).encode()).hexdigest()[:32]
    return json.dumps({"batch_id": batch_id, "changes": wire}, ensure_ascii=False).encode()


@pytest.fixture
def server(backend: str, tmp_path: Path) -> Iterator[Server]:
    """A server on a fresh database of the backend (SQLite or PostgreSQL)."""
    with fresh_database(backend, tmp_path) as url:
        opened = Server(tmp_path / "server", database=url)
        try:
            yield opened
        finally:
            opened.close()


def _item(server: Server, who: Principal, body: bytes) -> PushItem:
    return PushItem.of_request(body, parse_push(body, server.catalog), principal=who)


def _principal(server: Server, role: str = "surveyor", street: str | None = STREET) -> Principal:
    username = f"gc{next(_n)}"
    add_user(server.db, username=username, role=role, street=street)
    code, _ = create_enrolment(server.db, username=username)
    return enrol_device(server.db, code=code, device_id=f"dev-{username}", name="")[1]


@contextlib.contextmanager
def _database_held(server: Server) -> Iterator[None]:
    """Hold the counter row (and on SQLite the write lock): a group applied meanwhile
    waits, and the pushes arriving after it queue up for the next group."""
    with server.db.engine.begin() as conn:
        conn.execute(update(seq_counter).values(value=seq_counter.c.value))
        yield


def _record_groups(server: Server) -> list[int]:
    """Sizes of the groups the server's push queue applies (wraps push_group)."""
    sizes: list[int] = []
    apply = server.records.push_group

    def recording(items: Any) -> Any:
        sizes.append(len(items))
        return apply(items)

    server.records.push_group = recording  # type: ignore[method-assign]
    return sizes


def _concurrently(api: Api, requests: list[tuple[dict[str, str], bytes]]) -> list[httpx.Response]:
    """Send the pushes from threads while the database is held, so that they queue up
    behind the first one and go as a group when it is released."""
    answers: list[httpx.Response | None] = [None] * len(requests)

    def send(n: int) -> None:
        headers, body = requests[n]
        answers[n] = api.client.post(
            "/api/v1/push", content=body, headers={**headers, "Content-Type": "application/json"}
        )

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(requests))]
    with _database_held(api.server):
        for t in threads:
            t.start()
        deadline = time.monotonic() + 10
        while len(api.server.pushes._queue) < len(requests) - 1 and time.monotonic() < deadline:
            time.sleep(0.02)
    for t in threads:
        t.join(60)
    assert all(a is not None for a in answers)
    return [a for a in answers if a is not None]


def test_concurrent_pushes_are_coalesced_and_each_answered(api: Api, tmp_path: Path) -> None:
    sizes = _record_groups(api.server)
    try:
        requests, expected = [], []
        for n in range(12):
            headers = api.token(f"co{next(_n)}", "surveyor", STREET)
            with Store.open(tmp_path / f"d{n}") as store:
                seed(store, answers=3 + n, name=f"社区{n}", street=STREET)
                changes = store.collect_changes()
                requests.append((headers, _wire(changes)))
                expected.append({(c.table, c.id) for c in changes})
        answers = _concurrently(api, requests)
    finally:
        del api.server.records.push_group  # the class's method again
    assert max(sizes) > 1, sizes  # coalesced
    ranges = []
    with api.server.db.read() as conn:
        stored = conn.execute(select(records.c.table_name, records.c.id, records.c.seq)).all()
    for answer, rows in zip(answers, expected, strict=True):
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert (body["received"], body["replayed"]) == (len(rows), False)
        # Every row once (primary key); the form "mini" 1 all devices registered is one
        # row, merged by natural key — as when pushed one by one.
        own = {key for key in rows if key[0] != "forms"}
        mine = {(t, i): seq for t, i, seq in stored if (t, i) in own}
        assert set(mine) == own
        assert body["inserted"] in (len(rows), len(rows) - 1)
        # Each batch's rows lie in its own range, starting at its seq_first.
        first, end = body["seq_first"], body["seq_first"] + body["inserted"] + body["accepted"]
        assert all(first <= seq < end for seq in mine.values()), (first, end, mine)
        assert min(mine.values()) == first
        ranges.append((first, max(mine.values())))
    ranges.sort()
    assert all(a[1] < b[0] for a, b in itertools.pairwise(ranges))  # not interleaved


def _two_devices_editing_one_answer(tmp_path: Path) -> tuple[Any, ...]:
    """Device A made a checklist, B pulled it; then both changed the same answer."""
    a = Store.open(tmp_path / "a")
    b = Store.open(tmp_path / "b")
    s = seed(a, answers=3, street=STREET)
    base = a.collect_changes()
    b.apply_changes(base)
    a.mark_shared(base)
    a.save_answer(s.submission_id, "q0001", "甲的答案")
    b.save_answer(s.submission_id, "q0001", "乙的答案")
    edits = (a.collect_changes(dirty_only=True), b.collect_changes(dirty_only=True))
    a.close()
    b.close()
    return base, *edits


def _outcome(server: Server) -> tuple[Any, ...]:
    with server.db.read() as conn:
        lost = conn.execute(
            select(
                conflicts.c.table_name, conflicts.c.field, conflicts.c.winner_value,
                conflicts.c.loser_value, conflicts.c.winner_hlc, conflicts.c.loser_hlc,
                conflicts.c.winner_device, conflicts.c.loser_device,
            ).order_by(conflicts.c.field)
        ).all()  # fmt: skip
    return server.records.digest(), [tuple(r) for r in lost]


def test_same_answer_from_two_devices_in_one_group_as_if_sequential(
    backend: str, tmp_path: Path
) -> None:
    base, edit_a, edit_b = _two_devices_editing_one_answer(tmp_path)
    outcomes = []
    for how in ("group", "one by one"):
        with fresh_database(backend, tmp_path / how) as url:
            server = Server(tmp_path / how / "server", database=url)
            try:
                who_a, who_b = _principal(server), _principal(server)
                server.records.push(who_a, batch_id="base", request_sha256="0" * 64,
                                    changes=base)  # fmt: skip
                items = [_item(server, who_a, _wire(edit_a)), _item(server, who_b, _wire(edit_b))]
                if how == "group":
                    answers = server.records.push_group(items)
                else:
                    answers = [server.records.push_group([item])[0] for item in items]
                assert all(isinstance(x, dict) for x in answers), answers
                counts = [
                    {k: v for k, v in x.items() if k != "seq_first"}
                    for x in answers
                    if isinstance(x, dict)
                ]
                outcomes.append((counts, _outcome(server)))
            finally:
                server.close()
    (group_counts, group_state), (seq_counts, seq_state) = outcomes
    assert group_counts == seq_counts
    assert group_counts[1]["conflicts"] == 1  # B's later edit wins over A's, recorded
    assert len(group_state[1]) == 1
    assert group_state == seq_state  # the same rows, versions and conflict record


def test_a_refused_batch_gets_its_usual_error_and_the_others_are_stored(
    api: Api, tmp_path: Path
) -> None:
    mine = api.token(f"ok{next(_n)}", "surveyor", STREET)
    other = api.token(f"el{next(_n)}", "surveyor", "别的街道")
    requests, kinds = [], []
    for n in range(3):
        with Store.open(tmp_path / f"good{n}") as store:
            seed(store, answers=2, name=f"好社区{n}", street=STREET)
            requests.append((mine, _wire(store.collect_changes())))
            kinds.append("good")
    with Store.open(tmp_path / "elsewhere") as store:
        seed(store, answers=2, name="别处", street=STREET)  # not the caller's street
        requests.insert(1, (other, _wire(store.collect_changes())))
        kinds.insert(1, "forbidden")
    with Store.open(tmp_path / "photo") as store:
        s = seed(store, answers=1, name="有照片", street=STREET)
        add_photo(store, s.community_id, s.problem_id, seed="group-missing", size=3000)
        requests.insert(3, (mine, _wire(store.collect_changes())))  # file never uploaded
        kinds.insert(3, "photo_missing")
    before = api.state()[1]
    answers = _concurrently(api, requests)
    for kind, answer, (headers, body) in zip(kinds, answers, requests, strict=True):
        if kind == "good":
            assert answer.status_code == 200, answer.text
            continue
        assert answer.status_code in (403, 409), answer.text
        assert answer.json()["error"]["code"] == ("forbidden" if kind == "forbidden" else kind)
        # Exactly what the batch gets when pushed alone.
        alone = api.client.post("/api/v1/push", content=body, headers=headers)
        assert (alone.status_code, alone.json()) == (answer.status_code, answer.json())
    after = api.state()[1]
    assert after["answers"] - before.get("answers", 0) == 3 * 2


def test_replayed_and_reused_batch_ids_inside_a_group(server: Server, tmp_path: Path) -> None:
    who = _principal(server)
    with Store.open(tmp_path / "d") as store:
        s = seed(store, answers=2, street=STREET)
        first = _wire(store.collect_changes(), batch_id="b-1")
        store.mark_shared(store.collect_changes())
        store.save_answer(s.submission_id, "q0000", "新")
        later = store.collect_changes(dirty_only=True)
    done = server.records.push_group([_item(server, who, first)])[0]
    assert isinstance(done, dict)
    again, fresh, reused, twice, twice_again = server.records.push_group([
        _item(server, who, first),  # the same batch again
        _item(server, who, _wire(later, batch_id="b-2")),
        _item(server, who, _wire(later, batch_id="b-1")),  # b-1, other content
        _item(server, who, _wire(later, batch_id="b-3")),
        _item(server, who, _wire(later, batch_id="b-3")),  # twice in one group
    ])  # fmt: skip
    assert again == {**done, "replayed": True}
    assert isinstance(fresh, dict) and fresh["accepted"] == 1
    assert isinstance(reused, ApiError) and reused.code == "batch_reused"
    assert isinstance(twice, dict) and twice["skipped"] == 1  # b-2 wrote it first
    assert twice_again is DEFERRED  # waits for the next group …
    # … where, through the queue, it is answered as the replay it is.
    answer = server.pushes.submit(_item(server, who, _wire(later, batch_id="b-3")))
    assert answer.result(30) == {**twice, "replayed": True}
    # Twice in one queued group: the second waits for the next group, and replays.
    futures = [
        server.pushes.submit(_item(server, who, _wire(later, batch_id="b-4"))) for _ in range(2)
    ]
    results = [f.result(30) for f in futures]
    assert [r["replayed"] for r in results] == [False, True]


def test_a_batch_an_earlier_server_answered_is_replayed(server: Server, tmp_path: Path) -> None:
    # Earlier servers kept another digest of the batch (validation.legacy_digest).
    who = _principal(server)
    with Store.open(tmp_path / "d") as store:
        seed(store, answers=2, street=STREET)
        body = _wire(store.collect_changes(), batch_id="old-1")
    old = legacy_digest(body)
    assert old is not None and old != parse_push(body, server.catalog).request_sha256
    done = server.records.push(
        who, batch_id="old-1", request_sha256=old,
        changes=parse_push(body, server.catalog).changes,
    )  # fmt: skip
    again = server.records.push_group([_item(server, who, body)])[0]
    assert again == {**done, "batch_id": "old-1", "replayed": True}
    other = json.loads(body)
    other["changes"] = other["changes"][:1]
    reused = server.records.push_group([_item(server, who, json.dumps(other).encode())])[0]
    assert isinstance(reused, ApiError) and reused.code == "batch_reused"


def test_rows_are_looked_up_by_natural_key_only_where_they_could_be_stored(
    server: Server, tmp_path: Path
) -> None:
    # The answers of a submission new to the server cannot be stored; an answer another
    # device made for a stored submission may be, under another id.
    by_nkey: list[str] = []  # tables of the rows looked up by natural key
    locked = server.records._locked

    def recording(conn: Any, column: str, keys: Any) -> Any:
        if column == "nkey":
            by_nkey.extend(t for t, values in keys.items() for _ in values)
        return locked(conn, column, keys)

    server.records._locked = recording  # type: ignore[method-assign]
    who = _principal(server)
    with Store.open(tmp_path / "a") as a, Store.open(tmp_path / "b") as b:
        s = seed(a, answers=3, street=STREET)
        first = a.collect_changes()
        done = server.records.push_group([_item(server, who, _wire(first))])[0]
        assert isinstance(done, dict) and done["inserted"] == len(first)
        assert by_nkey == ["forms"]  # not the answers
        # B has the submission but not A's answers: its answer has another id.
        b.apply_changes([c for c in first if c.table != "answers"])
        b.save_answer(s.submission_id, "q0001", 42)
        mine = [c for c in b.collect_changes(dirty_only=True) if c.table == "answers"]
        theirs = next(c for c in first if c.table == "answers"
                      and c.data["question"] == "q0001")  # fmt: skip
        assert len(mine) == 1 and mine[0].id != theirs.id
        answer = server.records.push_group([_item(server, who, _wire(mine))])[0]
    assert isinstance(answer, dict) and answer["inserted"] == 0
    assert answer["accepted"] + answer["kept"] == 1
    assert by_nkey == ["forms", "answers"]
    with server.db.read() as conn:
        stored = conn.execute(
            select(records.c.id).where(
                records.c.table_name == "answers", records.c.nkey.like("%q0001%")
            )
        ).all()
    assert [r[0] for r in stored] == [theirs.id]


def test_pull_alongside_two_processes_pushing_misses_nothing(backend: str, tmp_path: Path) -> None:
    from bench import bench_sync_load as load

    with fresh_database(backend, tmp_path) as url:
        servers = [ServerProcess(tmp_path / "server", url).start() for _ in range(2)]
        fleet: list[Any] = []
        try:
            admin = servers[0].admin
            fleet = load.make_fleet(tmp_path, admin, devices=10, changes=8, rounds=3, streets=2)
            load.enrol(fleet, [s.url for s in servers])
            watcher = servers[1].user(f"watch{next(_n)}", "coordinator")
            token = httpx.post(
                f"{servers[1].url}/api/v1/enrol",
                json={"code": watcher, "device_id": "watcher", "name": ""},
            ).json()["token"]
            seen: set[tuple[str, str]] = set()
            cursor = 0
            pushing = threading.Event()
            pushing.set()
            errors: list[str] = []

            def pull_once(n: int) -> bool:
                nonlocal cursor
                page = httpx.get(
                    f"{servers[n % 2].url}/api/v1/changes",
                    params={"after": cursor, "limit": 37},
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=60,
                ).json()
                seen.update((c["table"], c["id"]) for c in page["changes"])
                cursor = page["next"]
                return bool(page["more"])

            def push(d: Any) -> None:
                for batch in d.batches:
                    answer = httpx.post(
                        f"{d.url}/api/v1/push", content=batch.body, timeout=60,
                        headers={"Authorization": f"Bearer {d.token}",
                                 "Content-Type": "application/json"},
                    )  # fmt: skip
                    if answer.status_code != 200:
                        errors.append(answer.text)

            threads = [threading.Thread(target=push, args=(d,)) for d in fleet]
            for t in threads:
                t.start()
            n = 0
            while any(t.is_alive() for t in threads):
                pull_once(n)  # the cursor moves along while groups commit
                n += 1
            for t in threads:
                t.join()
            while pull_once(n):
                n += 1
            assert errors == []
            assert n > 1
            pushed = {key for d in fleet for b in d.batches for key in b.rows}
            assert pushed - seen == set()  # nothing skipped, though never read from 0
        finally:
            for s in servers:
                s.stop()
            for d in fleet:
                d.store.close()
