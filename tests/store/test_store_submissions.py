"""Forms, submissions and answers: immutability, per-answer rows, atomic batches."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from store_testkit import FORM_TEXT, FakeWall, Place

from fieldapp.core.errors import NotFoundError, StoreError
from fieldapp.store.database import open_reader
from fieldapp.store.fields import InvalidValueError
from fieldapp.store.records import AnswerInput, FormRecord, Submission
from fieldapp.store.store import Store

# -- forms ------------------------------------------------------------------------------


def test_register_form(store: Store, form: FormRecord) -> None:
    assert form.sha256 == hashlib.sha256(FORM_TEXT.encode()).hexdigest()
    assert (form.form_id, form.version, form.kind) == ("complete_community", "2026.1", "checklist")
    assert store.forms() == [form]
    assert store.form("complete_community", "2026.1") == form


def test_register_form_is_idempotent(store: Store, form: FormRecord) -> None:
    again = store.register_form(
        form.form_id, form.version, form.kind, form.title_zh, form.title_en, form.source_text
    )
    assert again == form
    assert store.database["forms"].count == 1


def test_forms_are_immutable(store: Store, form: FormRecord) -> None:
    with pytest.raises(InvalidValueError) as info:
        store.register_form(
            form.form_id,
            form.version,
            form.kind,
            form.title_zh,
            form.title_en,
            form.source_text + "# changed\n",
        )
    assert "登记后不可修改" in str(info.value)
    assert store.form(form.form_id, form.version) == form
    newer = store.register_form(
        form.form_id, "2026.2", form.kind, form.title_zh, None, form.source_text + "# v2\n"
    )
    assert [f.version for f in store.forms(form_id=form.form_id)] == ["2026.1", "2026.2"]
    assert newer.title_en is None


def test_register_form_refuses_empty_parts(store: Store) -> None:
    with pytest.raises(InvalidValueError):
        store.register_form("f", "1", "checklist", "表", None, "")
    with pytest.raises(InvalidValueError):
        store.register_form("", "1", "checklist", "表", None, "x")


def test_unregistered_form(store: Store) -> None:
    with pytest.raises(NotFoundError) as info:
        store.form("nope", "1")
    assert "尚未登记" in str(info.value)


# -- submissions ------------------------------------------------------------------------


def test_create_submission(store: Store, place: Place, form: FormRecord) -> None:
    submission = store.create_submission(
        place.community.id,
        form.form_id,
        form.version,
        surveyor="张伟",
        building_id=place.building.id,
    )
    assert submission.status == "draft"
    assert submission.estate_id == place.estate.id, "a building implies its estate"
    assert submission.started_at == submission.created_at
    assert submission.completed_at is None
    assert store.submission(submission.id) == submission
    assert store.submissions(place.community.id) == [submission]
    assert store.submissions(place.community.id, form_id="other") == []


def test_create_submission_refuses_bad_references(
    store: Store, place: Place, form: FormRecord
) -> None:
    with pytest.raises(NotFoundError):
        store.create_submission("missing", form.form_id, form.version, surveyor="x")
    with pytest.raises(NotFoundError) as info:
        store.create_submission(place.community.id, form.form_id, "9.9", surveyor="x")
    assert "尚未登记" in str(info.value)
    other = store.create_community(place.project.id, "光明社区")
    foreign_estate = store.add_estate(other.id, "光明南苑")
    with pytest.raises(InvalidValueError) as bad:
        store.create_submission(
            place.community.id,
            form.form_id,
            form.version,
            surveyor="x",
            estate_id=foreign_estate.id,
        )
    assert bad.value.field == "estate_id"
    with pytest.raises(InvalidValueError):
        store.create_submission(
            place.community.id,
            form.form_id,
            form.version,
            surveyor="x",
            estate_id=foreign_estate.id,
            building_id=place.building.id,
        )
    assert store.submissions(place.community.id) == []


def test_status_and_last_section(
    store: Store, submission: Submission, place: Place, wall: FakeWall
) -> None:
    reopened = store.set_last_section(submission.id, "services")
    assert (reopened.last_section, reopened.rev) == ("services", 2)
    wall.ms += 3_600_000
    done = store.set_submission_status(submission.id, "completed")
    assert (done.status, done.completed_at) == ("completed", "2026-04-01T01:00:00.000Z")
    assert store.submissions(place.community.id, status="completed") == [done]
    assert store.set_submission_status(submission.id, "completed") == done
    draft = store.set_submission_status(submission.id, "draft")
    assert (draft.status, draft.completed_at) == ("draft", None)
    with pytest.raises(InvalidValueError):
        store.set_submission_status(submission.id, "archived")


def test_delete_submission(store: Store, submission: Submission, place: Place) -> None:
    store.save_answer(submission.id, "q1", 1)
    assert store.delete_submission(submission.id).deleted is True
    assert store.submissions(place.community.id) == []
    with pytest.raises(NotFoundError):
        store.save_answer(submission.id, "q1", 2)
    assert store.answers(submission.id) == {("q1", ""): 1}, "answers stay readable"


# -- answers ----------------------------------------------------------------------------


def test_save_answer_round_trips_json_values(store: Store, submission: Submission) -> None:
    values = {
        "text": "楼道堆物 🚲\n第二行",
        "integer": 42,
        "decimal": 2150.5,
        "yes_no": False,
        "multiple": ["parking", "lighting"],
        "location": {"lat": 30.2741, "lon": 120.1551, "accuracy_m": 5},
        "override": {"status": "not_met", "reason": "面积不足"},
        "nothing": None,
    }
    for question, value in values.items():
        assert store.save_answer(submission.id, question, value) == 1
    assert store.answers(submission.id) == {(q, ""): v for q, v in values.items()}


def test_values_are_stored_as_canonical_json(store: Store, submission: Submission) -> None:
    store.save_answer(submission.id, "q", {"b": 1, "a": "中文"})
    stored = store.database.execute("SELECT value FROM answers").fetchone()[0]
    assert stored == '{"a":"中文","b":1}'
    store.save_answer(submission.id, "q", {"a": "中文", "b": 1})  # same value, other key order
    assert store.answer_rows(submission.id)[0].rev == 1


def test_save_answer_bumps_rev_and_keeps_one_row(
    store: Store, submission: Submission, wall: FakeWall
) -> None:
    assert store.save_answer(submission.id, "area", 2150.5, provenance="imagery") == 1
    first = store.answer_rows(submission.id)[0]
    wall.ms += 1000
    assert store.save_answer(submission.id, "area", 2200.0, provenance="site") == 2
    [row] = store.answer_rows(submission.id)
    assert (row.value, row.provenance, row.rev, row.id) == (2200.0, "site", 2, first.id)
    assert row.hlc > first.hlc
    assert row.updated_at == "2026-04-01T00:00:01.000Z"
    assert store.save_answer(submission.id, "area", 2200.0, provenance="site") == 2  # no change


def test_save_answer_is_committed_before_it_returns(
    store: Store, submission: Submission, tmp_path: Path
) -> None:
    store.save_answer(submission.id, "q1", "已保存")
    assert not store.database.conn.in_transaction
    reader = open_reader(store.path)
    try:
        assert reader.execute("SELECT value FROM answers").fetchone()[0] == '"已保存"'
    finally:
        reader.close()


def test_repeat_instances_are_separate_answers(store: Store, submission: Submission) -> None:
    store.save_answer(submission.id, "floors", 6, instance="building-1")
    store.save_answer(submission.id, "floors", 18, instance="building-2")
    assert store.answers(submission.id) == {
        ("floors", "building-1"): 6,
        ("floors", "building-2"): 18,
    }


def test_save_answer_refusals(store: Store, submission: Submission) -> None:
    with pytest.raises(NotFoundError) as info:
        store.save_answer("no-such-submission", "q1", 1)
    assert "找不到填报记录" in str(info.value)
    with pytest.raises(InvalidValueError):
        store.save_answer(submission.id, "q1", 1, provenance="guess")
    with pytest.raises(InvalidValueError):
        store.save_answer(submission.id, "", 1)
    with pytest.raises(InvalidValueError) as bad:
        store.save_answer(submission.id, "q1", {1, 2})  # a set is not JSON
    assert "JSON" in str(bad.value)
    with pytest.raises(InvalidValueError):
        store.save_answer(submission.id, "q1", float("inf"))
    assert store.answer_rows(submission.id, include_deleted=True) == []


def test_save_answers_in_one_transaction(store: Store, submission: Submission) -> None:
    revs = store.save_answers(
        submission.id,
        [
            AnswerInput("gender", "f"),
            AnswerInput("area", 12.5, provenance="site"),
            ("floors", 6, "building-1"),
        ],
    )
    assert revs == {("gender", ""): 1, ("area", ""): 1, ("floors", "building-1"): 1}
    rows = store.answer_rows(submission.id)
    assert len({row.hlc for row in rows}) == 1, "one transaction, one stamp"
    assert store.save_answers(submission.id, {("gender", ""): "m"}) == {("gender", ""): 2}


def test_failed_validation_in_save_answers_keeps_nothing(
    store: Store, submission: Submission
) -> None:
    store.save_answer(submission.id, "q0", "before")
    items = [AnswerInput("q0", "changed"), AnswerInput("q1", 1), AnswerInput("q2", object())]
    with pytest.raises(InvalidValueError):
        store.save_answers(submission.id, items)
    assert store.answers(submission.id) == {("q0", ""): "before"}


def test_database_failure_in_the_middle_of_save_answers_rolls_back_all(
    store: Store, submission: Submission
) -> None:
    store.save_answer(submission.id, "q0", "before")
    hlc_before = store.database.execute("SELECT value FROM meta WHERE key = 'hlc'").fetchone()[0]
    # A trigger makes the third insert fail inside SQLite, after two rows were written.
    store.database.execute(
        "CREATE TEMP TRIGGER fail_q3 BEFORE INSERT ON answers WHEN NEW.question = 'q3' "
        "BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END"
    )
    items = [AnswerInput("q0", "changed"), AnswerInput("q1", 1), AnswerInput("q3", 3)]
    with pytest.raises(StoreError) as info:
        store.save_answers(submission.id, items)
    assert "disk full (simulated)" in str(info.value)
    assert not isinstance(info.value, sqlite3.Error)
    assert store.answers(submission.id) == {("q0", ""): "before"}
    assert store.database.execute("SELECT value FROM meta WHERE key = 'hlc'").fetchone()[0] == (
        hlc_before
    )
    assert not store.database.conn.in_transaction
    store.database.execute("DROP TRIGGER fail_q3")
    assert store.save_answers(submission.id, items)[("q3", "")] == 1


def test_clear_answer_leaves_a_tombstone_without_the_value(
    store: Store, submission: Submission
) -> None:
    store.save_answer(submission.id, "comments", "希望增加充电桩", provenance="provided")
    assert store.clear_answer(submission.id, "comments") == 2
    assert store.answers(submission.id) == {}
    [row] = store.answer_rows(submission.id, include_deleted=True)
    assert (row.deleted, row.value, row.provenance, row.rev) == (True, None, None, 2)
    assert store.clear_answer(submission.id, "comments") == 2, "clearing twice changes nothing"
    assert store.clear_answer(submission.id, "never_answered") == 0
    assert store.save_answer(submission.id, "comments", "改为：增加路灯") == 3
    assert store.answers(submission.id) == {("comments", ""): "改为：增加路灯"}


def test_answers_of_a_missing_submission(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.answers("missing")
    with pytest.raises(NotFoundError):
        store.clear_answer("missing", "q1")
