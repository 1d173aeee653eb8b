"""Problems with their status history, photo records and links, and counts."""

from __future__ import annotations

import pytest
from store_testkit import FakeWall, Place

from fieldapp.core.errors import NotFoundError
from fieldapp.store.fields import InvalidValueError
from fieldapp.store.records import Submission
from fieldapp.store.store import Store

SHA_A = "a" * 64
SHA_B = "b" * 64


def test_create_problem_records_the_first_history_entry(store: Store, place: Place) -> None:
    problem = store.create_problem(
        place.community.id,
        "幼儿园建筑面积不足",
        actor="张伟",
        building_id=place.building.id,
        indicator_code="WZ-02",
        sub_problem_code="WZ-02-1",
        category="公共服务",
        severity="severe",
        difficulty="high",
        resolution_class="deadline",
        remediation_type="works",
        responsible_unit="区教育局",
        location_text="幸福东苑北侧",
        lat=30.2741,
        lon=120.1551,
        suggested_action="结合片区更新扩建",
    )
    assert problem.status == "found"
    assert problem.estate_id == place.estate.id, "a building implies its estate"
    assert (problem.severity, problem.lat) == ("severe", 30.2741)
    [event] = store.problem_history(problem.id)
    assert (event.from_status, event.to_status, event.actor) == (None, "found", "张伟")
    assert event.hlc == problem.hlc, "problem and first event are one transaction"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("severity", "critical"),
        ("difficulty", "easy"),
        ("resolution_class", "someday"),
        ("remediation_type", "both"),
        ("lat", 91.0),
        ("status", "closed"),
    ],
)
def test_create_problem_refuses_bad_values(
    store: Store, place: Place, field: str, value: object
) -> None:
    with pytest.raises(InvalidValueError) as info:
        store.create_problem(place.community.id, "路灯损坏", actor="张伟", **{field: value})
    assert info.value.field == field
    assert store.problems(place.community.id) == []


def test_create_problem_refuses_bad_references(
    store: Store, place: Place, submission: Submission
) -> None:
    with pytest.raises(NotFoundError):
        store.create_problem("missing", "路灯损坏", actor="张伟")
    with pytest.raises(NotFoundError):
        store.create_problem(place.community.id, "路灯损坏", actor="张伟", submission_id="nope")
    with pytest.raises(InvalidValueError):
        store.create_problem(place.community.id, "路灯损坏", actor="  ")
    other = store.create_community(place.project.id, "光明社区")
    with pytest.raises(InvalidValueError) as info:
        store.create_problem(other.id, "路灯损坏", actor="张伟", submission_id=submission.id)
    assert info.value.field == "submission_id"
    with pytest.raises(InvalidValueError):
        store.create_problem(other.id, "路灯损坏", actor="张伟", estate_id=place.estate.id)


def test_change_problem_status_writes_history_in_the_same_transaction(
    store: Store, place: Place, wall: FakeWall
) -> None:
    problem = store.create_problem(place.community.id, "物业服务不到位", actor="张伟")
    photo = store.add_photo(SHA_A, community_id=place.community.id)
    wall.ms += 86_400_000
    reported = store.change_problem_status(problem.id, "reported", actor="街道办 王芳")
    wall.ms += 86_400_000
    in_progress = store.change_problem_status(
        problem.id, "in_progress", actor="物业公司", note="已安排整改", evidence=[photo.id]
    )
    wall.ms += 86_400_000
    closed = store.change_problem_status(
        problem.id, "closed", actor="街道办 王芳", note="复查通过", evidence=(photo.id,)
    )
    assert (reported.rev, in_progress.rev, closed.rev) == (2, 3, 4)
    assert closed.status == "closed"
    history = store.problem_history(problem.id)
    assert [(e.from_status, e.to_status) for e in history] == [
        (None, "found"),
        ("found", "reported"),
        ("reported", "in_progress"),
        ("in_progress", "closed"),
    ]
    assert history[2].evidence == (photo.id,)
    assert history[3].at == "2026-04-04T00:00:00.000Z"
    assert history[2].note == "已安排整改"
    assert [p.id for p in store.problems(place.community.id, status="closed")] == [problem.id]
    assert store.problems(place.community.id, status="found") == []


def test_change_problem_status_refusals_leave_nothing(store: Store, place: Place) -> None:
    problem = store.create_problem(place.community.id, "路灯损坏", actor="张伟")
    with pytest.raises(InvalidValueError):
        store.change_problem_status(problem.id, "solved", actor="x")
    with pytest.raises(NotFoundError) as info:
        store.change_problem_status(problem.id, "closed", actor="x", evidence=["no-such-photo"])
    assert "找不到照片" in str(info.value)
    with pytest.raises(NotFoundError):
        store.change_problem_status("missing", "closed", actor="x")
    assert store.problem(problem.id).status == "found"
    assert len(store.problem_history(problem.id)) == 1


def test_update_problem(store: Store, place: Place) -> None:
    problem = store.create_problem(place.community.id, "路灯损坏", actor="张伟")
    updated = store.update_problem(
        problem.id, severity="minor", building_id=place.building.id, description="3 盏路灯损坏"
    )
    assert (updated.severity, updated.estate_id, updated.rev) == ("minor", place.estate.id, 2)
    assert updated.description == "3 盏路灯损坏"
    with pytest.raises(InvalidValueError):
        store.update_problem(problem.id, status="closed")  # only through change_problem_status
    with pytest.raises(InvalidValueError):
        store.update_problem(problem.id, description="")
    cleared = store.update_problem(problem.id, building_id=None, estate_id=None)
    assert (cleared.building_id, cleared.estate_id) == (None, None)


def test_problems_filters_and_tombstones(store: Store, place: Place) -> None:
    severe = store.create_problem(place.community.id, "a", actor="x", severity="severe")
    minor = store.create_problem(place.community.id, "b", actor="x", severity="minor")
    assert store.problems(place.community.id) == [severe, minor]
    assert store.problems(place.community.id, severity="minor") == [minor]
    store.delete_problem(minor.id)
    assert store.problems(place.community.id) == [severe]
    assert len(store.problems(place.community.id, include_deleted=True)) == 2
    assert len(store.problem_history(minor.id)) == 1, "history survives the tombstone"
    with pytest.raises(InvalidValueError):
        store.problems(place.community.id, status="open")


def test_photos_and_links(store: Store, place: Place, submission: Submission) -> None:
    photo = store.add_photo(
        SHA_A,
        width=4032,
        height=3024,
        bytes=2_345_678,
        mime="image/jpeg",
        taken_at="2026-04-01T02:15:00.000Z",
        lat=30.27,
        lon=120.15,
        caption="楼道堆物",
        annotation={"shapes": [{"type": "arrow", "points": [[10, 20], [200, 240]]}]},
        original_sha256=SHA_B,
        community_id=place.community.id,
    )
    assert photo.annotation == {"shapes": [{"points": [[10, 20], [200, 240]], "type": "arrow"}]}
    problem = store.create_problem(place.community.id, "楼道堆物", actor="张伟")
    to_problem = store.link_photo(photo.id, problem_id=problem.id)
    to_question = store.link_photo(photo.id, submission_id=submission.id, question="q1")
    assert to_question.instance == ""
    assert store.photos(problem_id=problem.id) == [photo]
    assert store.photos(submission_id=submission.id) == [photo]
    assert store.photos(community_id=place.community.id) == [photo]
    assert store.photo_links(photo_id=photo.id) == [to_problem, to_question]
    store.unlink_photo(to_problem.id)
    assert store.photos(problem_id=problem.id) == []
    assert store.photo_links(photo_id=photo.id) == [to_question]
    captioned = store.update_photo(photo.id, caption="楼道堆物（已标注）")
    assert (captioned.caption, captioned.rev) == ("楼道堆物（已标注）", 2)
    store.delete_photo(photo.id)
    assert store.photos(community_id=place.community.id) == []


def test_photo_refusals(store: Store, place: Place) -> None:
    with pytest.raises(InvalidValueError):
        store.add_photo("ABC")
    with pytest.raises(InvalidValueError):
        store.add_photo(SHA_A.upper())
    with pytest.raises(InvalidValueError):
        store.add_photo(SHA_A, original_sha256="x")
    with pytest.raises(InvalidValueError):
        store.add_photo(SHA_A, sha256_typo=1)
    with pytest.raises(NotFoundError):
        store.add_photo(SHA_A, community_id="missing")
    photo = store.add_photo(SHA_A)
    with pytest.raises(InvalidValueError):
        store.link_photo(photo.id)
    with pytest.raises(InvalidValueError):
        store.link_photo(photo.id, question="q1")
    with pytest.raises(NotFoundError):
        store.link_photo(photo.id, problem_id="missing")
    with pytest.raises(NotFoundError):
        store.link_photo("missing", problem_id="missing")
    assert store.photo_links() == []


def test_counts_are_live_rows(store: Store, place: Place, submission: Submission) -> None:
    store.save_answers(submission.id, {("q1", ""): 1, ("q2", ""): 2})
    store.clear_answer(submission.id, "q2")
    store.create_problem(place.community.id, "路灯损坏", actor="张伟")
    store.add_photo(SHA_A)
    store.delete_building(place.building.id)
    assert store.counts() == {
        "communities": 1,
        "estates": 1,
        "buildings": 0,
        "submissions": 1,
        "answers": 1,
        "problems": 1,
        "photos": 1,
    }
