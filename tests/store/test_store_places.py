"""Projects, communities, estates and buildings; sync bookkeeping; tombstones."""

from __future__ import annotations

import pytest
from store_testkit import DEVICE, FakeWall, Place

from fieldapp.core.clock import parse_hlc
from fieldapp.core.errors import NotFoundError
from fieldapp.store.fields import InvalidValueError
from fieldapp.store.store import Store


def test_create_project_and_community(store: Store, wall: FakeWall) -> None:
    project = store.create_project("2026 年 XX 区社区体检", year=2026, description="年度体检")
    community = store.create_community(
        project.id,
        "幸福社区",
        street="幸福街道",
        district="XX区",
        address="幸福路 1 号",
        households=3250,
        population=8120,
        area_ha=42.5,
        elderly_share_pct=23.4,
        children_0_3=60,
        children_3_6=95,
        grids=8,
        notes="含老旧小区",
    )
    assert (community.name, community.area_ha, community.grids) == ("幸福社区", 42.5, 8)
    assert community.project_id == project.id
    assert (community.rev, community.deleted, community.dirty) == (1, False, True)
    assert community.device_id == DEVICE
    assert parse_hlc(community.hlc) == (wall.ms, 1, DEVICE)  # the project took counter 0
    assert community.created_at == community.updated_at == "2026-04-01T00:00:00.000Z"
    assert store.projects() == [project]
    assert store.community(community.id) == community


def test_update_bumps_rev_hlc_and_updated_at(store: Store, place: Place, wall: FakeWall) -> None:
    before = place.community
    store.database.execute("UPDATE communities SET dirty = 0")  # as if pushed
    wall.ms += 90_000
    after = store.update_community(before.id, households=3300, notes="已核对")
    assert (after.households, after.notes) == (3300, "已核对")
    assert after.rev == before.rev + 1
    assert after.hlc > before.hlc
    assert after.updated_at == "2026-04-01T00:01:30.000Z"
    assert after.created_at == before.created_at
    assert after.dirty is True
    assert after.street == before.street


def test_update_that_changes_nothing_writes_nothing(store: Store, place: Place) -> None:
    store.database.execute("UPDATE communities SET dirty = 0")
    same = store.update_community(place.community.id, households=place.community.households)
    assert (same.rev, same.hlc, same.dirty) == (place.community.rev, place.community.hlc, False)


def test_update_refuses_unknown_and_protected_fields(store: Store, place: Place) -> None:
    for field in ("colour", "id", "rev", "deleted", "project_id"):
        with pytest.raises(InvalidValueError) as info:
            store.update_community(place.community.id, **{field: 1})
        assert info.value.field == field
        assert "没有可修改的字段" in str(info.value)
    assert store.community(place.community.id) == place.community


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("households", -1),
        ("households", 3.5),
        ("households", True),
        ("households", "3250"),
        ("area_ha", float("nan")),
        ("elderly_share_pct", 120),
        ("name", "  "),
        ("name", None),
        ("street", 5),
    ],
)
def test_update_refuses_bad_values(store: Store, place: Place, field: str, value: object) -> None:
    with pytest.raises(InvalidValueError) as info:
        store.update_community(place.community.id, **{field: value})
    assert info.value.field == field
    assert info.value.text.zh and info.value.text.en


def test_optional_field_can_be_cleared(store: Store, place: Place) -> None:
    assert store.update_community(place.community.id, street=None).street is None


def test_community_needs_a_live_project(store: Store) -> None:
    with pytest.raises(NotFoundError) as info:
        store.create_community("no-such-project", "幸福社区")
    assert "找不到项目" in str(info.value)
    assert store.communities() == []


def test_delete_community_is_a_tombstone(store: Store, place: Place) -> None:
    deleted = store.delete_community(place.community.id)
    assert (deleted.deleted, deleted.rev, deleted.dirty) == (True, 2, True)
    assert store.communities() == []
    assert store.communities(include_deleted=True) == [deleted]
    assert store.database["communities"].count == 1, "never hard-deleted"
    with pytest.raises(NotFoundError):
        store.community(place.community.id)
    assert store.community(place.community.id, include_deleted=True) == deleted
    with pytest.raises(NotFoundError):
        store.update_community(place.community.id, notes="x")
    with pytest.raises(NotFoundError):
        store.add_estate(place.community.id, "新苑")


def test_communities_listing(store: Store, place: Place) -> None:
    other_project = store.create_project("2027 年体检")
    other = store.create_community(other_project.id, "光明社区")
    assert [c.name for c in store.communities()] == ["光明社区", "幸福社区"]
    assert store.communities(project_id=other_project.id) == [other]


def test_find_community_by_id_or_exact_name(store: Store, place: Place) -> None:
    community = place.community
    assert store.find_community(community.id) == community
    assert store.find_community("幸福社区") == community
    assert store.find_community(" 幸福社区 ") == community
    with pytest.raises(NotFoundError) as info:
        store.find_community("幸福")  # not an exact name
    assert "找不到社区「幸福」" in str(info.value)
    assert "No community" in str(info.value)
    assert "幸福社区" not in str(info.value), "the message lists nothing from the database"


def test_find_community_with_an_ambiguous_name_asks_for_the_id(store: Store, place: Place) -> None:
    twin = store.create_community(place.project.id, "幸福社区", street="另一街道")
    with pytest.raises(NotFoundError) as info:
        store.find_community("幸福社区")
    message = str(info.value)
    assert "请改用社区 id" in message
    assert place.community.id in message and twin.id in message
    store.delete_community(twin.id)
    assert store.find_community("幸福社区") == place.community


def test_find_community_ignores_deleted(store: Store, place: Place) -> None:
    store.delete_community(place.community.id)
    with pytest.raises(NotFoundError):
        store.find_community(place.community.id)
    with pytest.raises(NotFoundError):
        store.find_community("幸福社区")


def test_estates(store: Store, place: Place) -> None:
    estate = store.add_estate(
        place.community.id,
        "幸福西苑",
        year_built=1992,
        construction="existing",
        property_management="self",
        is_old_estate=True,
        retrofitted=False,
        households=420,
        address="幸福路 10 弄",
    )
    assert (estate.is_old_estate, estate.retrofitted, estate.year_built) == (True, False, 1992)
    assert [e.name for e in store.estates(place.community.id)] == ["幸福东苑", "幸福西苑"]
    updated = store.update_estate(estate.id, retrofitted=True, property_management="community")
    assert (updated.retrofitted, updated.property_management, updated.rev) == (
        True,
        "community",
        2,
    )
    with pytest.raises(InvalidValueError):
        store.update_estate(estate.id, construction="modern")
    with pytest.raises(InvalidValueError):
        store.update_estate(estate.id, property_management="private")
    store.delete_estate(estate.id)
    assert [e.name for e in store.estates(place.community.id)] == ["幸福东苑"]
    assert len(store.estates(place.community.id, include_deleted=True)) == 2
    with pytest.raises(NotFoundError):
        store.add_estate("missing", "x")


def test_buildings(store: Store, place: Place) -> None:
    building = store.add_building(
        place.estate.id, "2号楼", floors=18, units=2, households=72, year_built=2005, has_lift=True
    )
    assert building.has_lift is True
    assert [b.name for b in store.buildings(place.estate.id)] == ["1号楼", "2号楼"]
    assert store.update_building(building.id, has_lift=False).has_lift is False
    assert store.building(building.id).rev == 2
    with pytest.raises(InvalidValueError):
        store.update_building(building.id, floors=-2)
    with pytest.raises(InvalidValueError):
        store.update_building(building.id, year_built=20)
    store.delete_building(building.id)
    assert [b.name for b in store.buildings(place.estate.id)] == ["1号楼"]
    with pytest.raises(NotFoundError) as info:
        store.add_building("missing-estate", "3号楼")
    assert "找不到小区" in str(info.value)


def test_every_write_is_stamped_later_than_the_one_before(store: Store, place: Place) -> None:
    rows = store.database.execute(
        "SELECT hlc FROM projects UNION ALL SELECT hlc FROM communities "
        "UNION ALL SELECT hlc FROM estates UNION ALL SELECT hlc FROM buildings"
    ).fetchall()
    stamps = [row[0] for row in rows]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    stored = store.database.execute("SELECT value FROM meta WHERE key = 'hlc'").fetchone()[0]
    assert stored == max(stamps)
