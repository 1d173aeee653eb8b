"""The handoff package: a round trip reproduces the data exactly, importing twice changes
nothing, and any altered, missing, added or unsafe content is refused with nothing imported."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from report_testkit import REPORT_DATE, Demo

from fieldapp.reports import PackageError, build_report
from fieldapp.reports import package as pkg
from fieldapp.reports.data import community_digest
from fieldapp.reports.package import PackageResult, import_package, write_package
from fieldapp.store.store import Store


@pytest.fixture(scope="module")
def package(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> PackageResult:
    with Store.open(demo.data_dir) as store:
        return write_package(
            store, demo.community_id, tmp_path_factory.mktemp("pkg"), date=REPORT_DATE
        )


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _rewrite(source: Path, target: Path, edit: Callable[[dict[str, bytes]], None]) -> Path:
    members = _members(source)
    edit(members)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return target


def _remanifest(members: dict[str, bytes]) -> None:
    """Make the manifest match the (edited) files, as a careful forger would."""
    manifest = json.loads(members["manifest.json"])
    manifest["files"] = {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
        for name, data in members.items()
        if name != "manifest.json"
    }
    members["manifest.json"] = json.dumps(manifest).encode()


def _fresh_store_is_untouched(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        assert store.communities() == []
        assert sum(store.counts().values()) == 0
    assert not [p for p in (data_dir / "photos").rglob("*") if p.is_file()], "no photo copied"


def test_package_holds_every_file_with_its_hash(package: PackageResult, demo: Demo) -> None:
    members = _members(package.path)
    manifest = json.loads(members.pop("manifest.json"))
    assert {"report.pdf", "data.xlsx", "problems.geojson", "data/changes.json"} <= set(members)
    assert set(manifest["files"]) == set(members)
    for name, data in members.items():
        assert manifest["files"][name]["sha256"] == hashlib.sha256(data).hexdigest()
    with Store.open(demo.data_dir) as store:
        photos = store.photos(community_id=demo.community_id)
    assert {f"photos/{p.sha256}.jpg" for p in photos} <= set(members)
    assert members["report.pdf"].startswith(b"%PDF")
    assert manifest["digest"] == package.digest


def test_round_trip_reproduces_the_data_and_the_report(
    package: PackageResult, demo: Demo, tmp_path: Path
) -> None:
    target = tmp_path / "office"
    with Store.open(target) as office:
        first = import_package(office, package.path)
        assert first.changed and first.photos_added > 0
        again = import_package(office, package.path)
        assert not again.changed and again.report.skipped == first.report.inserted
        imported = community_digest(office, demo.community_id)
        copy = build_report(office, demo.community_id, tmp_path / "r.pdf", date=REPORT_DATE)
        dirty = office.collect_changes(dirty_only=True)
        whole = office.digest()
    with Store.open(demo.data_dir) as source:
        assert imported == community_digest(source, demo.community_id) == package.digest
        assert whole == source.digest()  # the demo directory holds only this community
    assert copy.path.read_bytes() == _members(package.path)["report.pdf"]
    assert dirty, "imported rows are still to be pushed to this device's server"


def _refused(
    package: PackageResult, tmp_path: Path, edit: Callable[[dict[str, bytes]], None], words: str
) -> None:
    bad = _rewrite(package.path, tmp_path / "bad.zip", edit)
    target = tmp_path / "office"
    with Store.open(target) as office, pytest.raises(PackageError) as info:
        import_package(office, bad)
    assert words in str(info.value), str(info.value)
    assert "未导入任何数据" in str(info.value) and "Nothing was imported" in str(info.value)
    _fresh_store_is_untouched(target)


def test_an_altered_file_is_refused_by_name(package: PackageResult, tmp_path: Path) -> None:
    def alter(m: dict[str, bytes]) -> None:
        data = bytearray(m["data.xlsx"])
        data[len(data) // 2] ^= 0xFF  # one flipped byte
        m["data.xlsx"] = bytes(data)

    _refused(package, tmp_path, alter, "data.xlsx")


def test_an_altered_photo_is_refused_by_name(package: PackageResult, tmp_path: Path) -> None:
    name = next(n for n in _members(package.path) if n.startswith("photos/"))

    def alter(m: dict[str, bytes]) -> None:
        m[name] = m[name] + b"x"

    _refused(package, tmp_path, alter, name)


def test_a_missing_file_is_refused_by_name(package: PackageResult, tmp_path: Path) -> None:
    _refused(package, tmp_path, lambda m: m.pop("problems.geojson"), "problems.geojson")


def test_an_added_file_is_refused_by_name(package: PackageResult, tmp_path: Path) -> None:
    _refused(package, tmp_path, lambda m: m.update({"notes.txt": b"hello"}), "notes.txt")


def test_a_path_escaping_the_package_is_refused(package: PackageResult, tmp_path: Path) -> None:
    _refused(package, tmp_path, lambda m: m.update({"../evil.txt": b"x"}), "../evil.txt")


def test_malformed_manifest_is_refused(package: PackageResult, tmp_path: Path) -> None:
    _refused(
        package,
        tmp_path,
        lambda m: m.update({"manifest.json": b"{not json"}),
        "manifest.json 不是有效的 JSON",
    )


def test_malformed_changes_are_refused_even_with_a_matching_manifest(
    package: PackageResult, tmp_path: Path
) -> None:
    def forge(m: dict[str, bytes]) -> None:
        changes = json.loads(m["data/changes.json"])
        changes[3]["table"] = "no_such_table"
        m["data/changes.json"] = json.dumps(changes).encode()
        _remanifest(m)

    _refused(package, tmp_path, forge, "data/changes.json 第 4 条")


def test_a_photo_not_matching_its_hash_name_is_refused(
    package: PackageResult, tmp_path: Path
) -> None:
    name = next(n for n in _members(package.path) if n.startswith("photos/"))

    def forge(m: dict[str, bytes]) -> None:
        m[name] = b"\xff\xd8 not the photo"
        _remanifest(m)

    _refused(package, tmp_path, forge, name)


def test_oversized_members_are_refused(
    package: PackageResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pkg, "MAX_MEMBER_BYTES", 1000)
    _refused(package, tmp_path, lambda m: None, "文件过大")


def test_a_zip_bomb_is_refused(package: PackageResult, tmp_path: Path) -> None:
    _refused(
        package, tmp_path, lambda m: m.update({"photos/bomb.bin": b"\0" * (8 << 20)}), "压缩比异常"
    )


def test_something_that_is_not_a_package(tmp_path: Path) -> None:
    fake = tmp_path / "fake.zip"
    fake.write_text("这不是压缩包", encoding="utf-8")
    with Store.open(tmp_path / "office") as office, pytest.raises(PackageError) as info:
        import_package(office, fake)
    assert "fake.zip" in str(info.value)
