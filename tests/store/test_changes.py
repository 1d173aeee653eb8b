"""The change format: export, idempotent import, per-answer merge, conflicts kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldapp.core.clock import parse_hlc
from fieldapp.store import Store
from fieldapp.store.changes import Change, ChangeError

FORM = "form:\n  id: mini\n  version: '1'\n"


def _seed(store: Store) -> tuple[str, str]:
    project = store.create_project("项目")
    community = store.create_community(project.id, "甲社区", street="和平街道")
    estate = store.add_estate(community.id, "一区")
    store.add_building(estate.id, "1 号楼", floors=6)
    store.register_form("mini", "1", "checklist", "迷你", "Mini", FORM)
    sub = store.create_submission(community.id, "mini", "1", surveyor="王")
    store.save_answer(sub.id, "population", 8600)
    problem = store.create_problem(community.id, "消防通道被占用", actor="王", severity="severe")
    store.change_problem_status(problem.id, "reported", actor="李")
    return community.id, sub.id


@pytest.fixture
def pair(tmp_path: Path):  # type: ignore[no-untyped-def]
    a = Store.open(tmp_path / "a")
    b = Store.open(tmp_path / "b")
    yield a, b
    a.close()
    b.close()


def _wire(changes: list[Change]) -> list[Change]:
    # Through JSON, as over the network or in a package.
    return [Change.from_json(json.loads(json.dumps(c.to_json()))) for c in changes]


def test_round_trip_converges_and_is_idempotent(pair) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    _seed(a)
    report = b.apply_changes(_wire(a.collect_changes()))
    assert report.inserted == len(a.collect_changes()) and report.conflicts == 0
    assert b.counts() == a.counts()
    assert b.digest() == a.digest()
    again = b.apply_changes(_wire(a.collect_changes()))
    assert (again.changed, again.skipped, again.conflicts) == (0, report.inserted, 0)
    assert b.digest() == a.digest()
    # The receiver's clock now runs ahead of everything it received.
    newest = max(c.hlc for c in a.collect_changes())
    assert parse_hlc(b.clock.now())[:2] > parse_hlc(newest)[:2]


def test_community_scope(pair) -> None:  # type: ignore[no-untyped-def]
    a, _ = pair
    community_id, _ = _seed(a)
    other = a.create_community(a.projects()[0].id, "乙社区")
    a.add_estate(other.id, "乙一区")
    scoped = a.collect_changes(community_id=community_id)
    tables = {c.table for c in scoped}
    assert {
        "projects",
        "communities",
        "estates",
        "buildings",
        "forms",
        "submissions",
        "answers",
        "problems",
        "problem_events",
    } <= tables
    assert all(c.id != other.id for c in scoped)
    assert not any(c.table == "estates" and c.data["community_id"] == other.id for c in scoped)


def test_concurrent_edits_later_wins_and_loser_is_kept(pair) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    _, sub = _seed(a)
    b.apply_changes(a.collect_changes())
    a.mark_shared(a.collect_changes())
    a.save_answer(sub, "population", 8700)  # earlier
    b.save_answer(sub, "population", 8800)  # later
    from_a, from_b = a.collect_changes(dirty_only=True), b.collect_changes(dirty_only=True)
    assert [c.table for c in from_a] == ["answers"]
    ra = a.apply_changes(_wire(from_b))
    rb = b.apply_changes(_wire(from_a))
    assert (ra.accepted, ra.conflicts, rb.kept, rb.conflicts) == (1, 1, 1, 1)
    assert a.answers(sub) == b.answers(sub) == {("population", ""): 8800}
    lost = a.conflicts()
    assert [(x.field, x.local_value, x.remote_value, x.winner) for x in lost] == [
        ("value", "8700", "8800", "remote")
    ]
    assert a.digest() == b.digest()
    # Delivering either side's changes again records nothing new.
    a.apply_changes(_wire(from_b))
    b.apply_changes(_wire(from_a))
    assert len(a.conflicts()) == 1 and len(b.conflicts()) == 1


def test_stale_copy_is_not_a_conflict(pair) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    _, sub = _seed(a)
    package = a.collect_changes()
    b.apply_changes(package)
    b.save_answer(sub, "population", 9000)
    report = b.apply_changes(package)  # the same old package, imported again
    assert report.changed == 0 and report.conflicts == 0
    assert b.answers(sub) == {("population", ""): 9000}


def test_answers_merge_by_question_not_by_id(pair) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    _, sub = _seed(a)
    b.apply_changes(a.collect_changes())
    a.save_answer(sub, "households", 3100)
    b.save_answer(sub, "households", 3100)  # same answer typed on both, different row ids
    b.apply_changes(a.collect_changes(dirty_only=True))
    rows = [r for r in b.answer_rows(sub) if r.question == "households"]
    assert len(rows) == 1
    assert b.conflicts() == []  # same value: nothing lost


def test_bad_batches_apply_nothing(pair) -> None:  # type: ignore[no-untyped-def]
    a, b = pair
    _seed(a)
    good = a.collect_changes()
    broken = Change.from_json({**good[-1].to_json(), "data": {**good[-1].data, "evil": 1}})
    with pytest.raises(ChangeError, match="未知的字段 evil"):
        b.apply_changes([*good, broken])
    assert b.counts()["communities"] == 0
    orphan = next(c for c in good if c.table == "answers")
    with pytest.raises(ChangeError) as info:
        b.apply_changes([orphan])
    assert "未导入任何数据" in info.value.text.zh and "Nothing was imported" in info.value.text.en
    for bad in (
        {"table": "users"},
        {**good[0].to_json(), "rev": 0},
        {**good[0].to_json(), "hlc": "yesterday"},
        [],
        {**good[0].to_json(), "id": 5},
    ):
        with pytest.raises(ChangeError):
            Change.from_json(bad)


def test_mark_shared_clears_dirty_unless_edited_again(pair) -> None:  # type: ignore[no-untyped-def]
    a, _ = pair
    _, sub = _seed(a)
    pushed = a.collect_changes(dirty_only=True)
    a.save_answer(sub, "population", 8601)  # edited after the push was sent
    a.mark_shared(pushed)
    still = a.collect_changes(dirty_only=True)
    assert [(c.table, c.data.get("question")) for c in still] == [("answers", "population")]
