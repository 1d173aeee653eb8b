"""The needs and project lists: regeneration follows the data without losing people's edits,
and two devices regenerating the same list make the same rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_testkit import FakeWall, open_store

from fieldapp.store.fields import InvalidValueError
from fieldapp.store.plans import NeedDraft, ProjectDraft, derived_id
from fieldapp.store.store import Store


def _need(key: str, title: str = "托育设施", **kw: object) -> NeedDraft:
    return NeedDraft(key=key, category="托育设施", title=title, **kw)  # type: ignore[arg-type]


@pytest.fixture
def community(store: Store) -> str:
    project = store.create_project("2026 年体检")
    return store.create_community(project.id, "幸福社区").id


def test_first_merge_adds_rows_with_stable_ids(store: Store, community: str) -> None:
    report = store.merge_derived_plan(
        community,
        [_need("need:a", gap="缺 200 m²", sources=({"kind": "indicator", "ref": "WZ-03"},))],
        [ProjectDraft(key="project:a", name="托育点建设", need_keys=("need:a",), year=2027)],
    )
    assert (report.added, report.updated) == (2, 0)
    (need,) = store.needs(community)
    (project,) = store.renewal_projects(community)
    assert need.id == derived_id(community, "needs", "need:a")
    assert (need.origin, need.review_status, need.gap) == ("derived", "pending", "缺 200 m²")
    assert need.sources == ({"kind": "indicator", "ref": "WZ-03"},)
    assert project.need_ids == (need.id,) and project.year == 2027


def test_regenerating_the_same_list_writes_nothing(store: Store, community: str) -> None:
    drafts = [_need("need:a"), _need("need:b", title="养老服务")]
    store.merge_derived_plan(community, drafts, [])
    before = [n.rev for n in store.needs(community)]
    report = store.merge_derived_plan(community, drafts, [])
    assert (report.added, report.updated, report.unchanged) == (0, 0, 2)
    assert [n.rev for n in store.needs(community)] == before


def test_edits_survive_regeneration_and_other_fields_follow_the_data(
    store: Store, community: str
) -> None:
    store.merge_derived_plan(community, [_need("need:a", gap="缺 200 m²", priority="low")], [])
    (need,) = store.needs(community)
    store.update_need(
        need.id, title="社区嵌入式托育点", review_status="confirmed", notes="已与街道确认"
    )
    store.merge_derived_plan(community, [_need("need:a", gap="缺 150 m²", priority="high")], [])
    (after,) = store.needs(community)
    assert after.title == "社区嵌入式托育点" and after.edited_fields == ("title",)
    assert (after.gap, after.priority) == ("缺 150 m²", "high")
    assert (after.review_status, after.notes) == ("confirmed", "已与街道确认")


def test_a_deleted_derived_row_stays_deleted_until_reverted(store: Store, community: str) -> None:
    store.merge_derived_plan(community, [_need("need:a")], [])
    (need,) = store.needs(community)
    store.delete_need(need.id)
    store.merge_derived_plan(community, [_need("need:a")], [])
    assert store.needs(community) == []
    store.revert_plan_edits("needs", need.id)
    store.merge_derived_plan(community, [_need("need:a")], [])
    assert [n.id for n in store.needs(community)] == [need.id]


def test_rows_whose_evidence_went_away_are_retired_unless_someone_worked_on_them(
    store: Store, community: str
) -> None:
    store.merge_derived_plan(community, [_need("need:a"), _need("need:b"), _need("need:c")], [])
    b = store.need(derived_id(community, "needs", "need:b"))
    store.update_need(b.id, review_status="confirmed")
    report = store.merge_derived_plan(community, [], [])
    assert report.retired == 2
    assert [n.id for n in store.needs(community)] == [b.id]
    store.merge_derived_plan(community, [_need("need:a")], [])  # the evidence is back
    assert {n.source_key for n in store.needs(community)} == {"need:a", "need:b"}


def test_manual_rows_are_never_touched(store: Store, community: str) -> None:
    manual = store.add_need(community, "增设社区食堂", category="为老服务设施", priority="high")
    store.add_renewal_project(community, "社区食堂建设", need_ids=[manual.id], funding="fiscal")
    store.merge_derived_plan(community, [], [])
    assert [n.title for n in store.needs(community)] == ["增设社区食堂"]
    (project,) = store.renewal_projects(community)
    assert project.origin == "manual" and project.need_ids == (manual.id,)


def test_two_devices_deriving_the_same_list_converge(tmp_path: Path) -> None:
    wall = FakeWall()
    with open_store(tmp_path / "a", wall, device="device-a") as a:
        project = a.create_project("2026 年体检")
        community = a.create_community(project.id, "幸福社区").id
        base = a.collect_changes()
    with open_store(tmp_path / "b", wall, device="device-b") as b:
        b.apply_changes(base)
        wall.ms += 1000
        b.merge_derived_plan(community, [_need("need:a")], [])
        from_b = b.collect_changes(community_id=community)
    with open_store(tmp_path / "a", wall, device="device-a") as a:
        wall.ms += 1000
        a.merge_derived_plan(community, [_need("need:a")], [])
        a.apply_changes(from_b)
        assert len(a.needs(community)) == 1  # the same id: merged, not duplicated


def test_invalid_values_are_refused(store: Store, community: str) -> None:
    with pytest.raises(InvalidValueError):
        store.add_need(community, "", category="x")
    with pytest.raises(InvalidValueError):
        store.add_need(community, "需求", category="x", priority="urgent")
    with pytest.raises(InvalidValueError):
        store.add_renewal_project(community, "项目", estimated_cost_wan=-1)
    need = store.add_need(community, "需求", category="x")
    with pytest.raises(InvalidValueError):
        store.update_need(need.id, resident_share=1.5)
    with pytest.raises(InvalidValueError):
        store.update_need(need.id, origin="derived")
