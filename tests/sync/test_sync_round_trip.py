"""Two devices and a real server process, on SQLite and on PostgreSQL: everything one
device records reaches the other, photos included, and all three end with one digest."""

from __future__ import annotations

from pathlib import Path

from server_testkit import Device, ServerProcess, add_photo, seed

from fieldapp.store.paths import photo_path
from fieldapp.sync import last_sync


def test_two_devices_full_round_trip(live_server: ServerProcess, tmp_path: Path) -> None:
    a = Device(tmp_path / "a", live_server.url, live_server.user("wang", "surveyor", "和平街道"))
    b = Device(tmp_path / "b", live_server.url, live_server.user("li", "surveyor", "和平街道"))
    try:
        s = seed(a.store, answers=40, photos=3)
        first = a.sync()
        assert (first.photos_uploaded, first.conflicts, first.held_back) == (3, 0, 0)
        assert first.pushed == len(a.store.collect_changes())
        assert a.store.collect_changes(dirty_only=True) == []

        got = b.sync()
        assert got.pulled == first.pushed and got.photos_downloaded == 3
        assert a.digest() == b.digest() == live_server.digest()
        for photo in b.store.photos(community_id=s.community_id):
            assert photo_path(b.path, photo.sha256).is_file()

        # Edits both ways: B answers more and deletes a photo link (a tombstone); A adds
        # a photo and changes a problem's status.
        b.store.save_answer(s.submission_id, "q0000", "改过")
        b.store.save_answer(s.submission_id, "extra", 1)
        link = b.store.photo_links(problem_id=s.problem_id)[0]
        b.store.unlink_photo(link.id)
        add_photo(a.store, s.community_id, s.problem_id, seed="later", size=5000)
        a.store.change_problem_status(s.problem_id, "reported", actor="王")
        b.sync()
        a.sync()
        b.sync()
        assert a.store.answers(s.submission_id)[("q0000", "")] == "改过"
        assert a.store.photo_links(problem_id=s.problem_id, include_deleted=True)[0].deleted
        assert b.store.problem(s.problem_id).status == "reported"
        assert len(b.store.photos(community_id=s.community_id)) == 4
        assert a.digest() == b.digest() == live_server.digest()

        # Nothing new: nothing moves.
        again = a.sync()
        assert (again.pushed, again.pulled, again.photos_uploaded) == (0, 0, 0)
        assert last_sync(a.store)["ok"] is True
        assert last_sync(a.store)["summary"]["pushed"] == 0
    finally:
        a.close()
        b.close()


def test_server_side_changes_reach_devices(live_server: ServerProcess, tmp_path: Path) -> None:
    """Problem status set at the street office, a published form, a coordinator's new
    community: all flow to the surveyors' devices."""
    import httpx

    coordinator = Device(tmp_path / "c", live_server.url, live_server.user("zhao", "coordinator"))
    surveyor = Device(
        tmp_path / "s", live_server.url, live_server.user("wang", "surveyor", "和平街道")
    )
    office = live_server.user("office", "street_office", "和平街道")
    try:
        s = seed(coordinator.store, answers=2)
        coordinator.sync()
        surveyor.sync()
        assert surveyor.store.community(s.community_id).name == "甲社区"

        enrolled = httpx.post(
            f"{live_server.url}/api/v1/enrol",
            json={"code": office, "device_id": "office-pc"},
        ).json()
        changed = httpx.post(
            f"{live_server.url}/api/v1/problems/{s.problem_id}/status",
            json={"to_status": "in_progress", "note": "已派单"},
            headers={"Authorization": f"Bearer {enrolled['token']}"},
        )
        assert changed.status_code == 200, changed.text
        root = Path(__file__).resolve().parents[2]
        form_id, _, new = live_server.admin.publish_form(root / "forms" / "resident_survey.yaml")
        assert new

        got = surveyor.sync()
        assert got.pulled >= 3
        assert surveyor.store.problem(s.problem_id).status == "in_progress"
        history = surveyor.store.problem_history(s.problem_id)
        assert (history[-1].to_status, history[-1].actor, history[-1].note) == (
            "in_progress",
            "office",
            "已派单",
        )
        assert any(f.form_id == form_id for f in surveyor.store.forms())
        coordinator.sync()
        assert coordinator.digest() == surveyor.digest() == live_server.digest()
    finally:
        coordinator.close()
        surveyor.close()
