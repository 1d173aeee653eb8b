"""Store fixtures: a temp store per test with an injected clock and id generator."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_testkit import FORM_TEXT, FakeWall, Place, open_store

from fieldapp.store.records import FormRecord, Submission
from fieldapp.store.store import Store


@pytest.fixture
def wall() -> FakeWall:
    return FakeWall()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty store at the latest schema, made once: copying it is faster than migrating
    per test (the migration tests start from old databases instead)."""
    template = tmp_path_factory.mktemp("template") / "data"
    open_store(template, FakeWall()).close()
    return template / "fieldapp.db"


@pytest.fixture
def store(data_dir: Path, wall: FakeWall, migrated_template: Path) -> Iterator[Store]:
    data_dir.mkdir(parents=True)
    shutil.copyfile(migrated_template, data_dir / "fieldapp.db")
    s = open_store(data_dir, wall)
    yield s
    s.close()


@pytest.fixture
def place(store: Store) -> Place:
    project = store.create_project("2026 年 XX 区社区体检", year=2026)
    community = store.create_community(
        project.id, "幸福社区", street="幸福街道", district="XX区", households=3250
    )
    estate = store.add_estate(community.id, "幸福东苑", construction="existing")
    building = store.add_building(estate.id, "1号楼", floors=6)
    return Place(project, community, estate, building)


@pytest.fixture
def form(store: Store) -> FormRecord:
    return store.register_form(
        "complete_community",
        "2026.1",
        "checklist",
        "完整社区建设标准体检表",
        "Complete-community checklist",
        FORM_TEXT,
    )


@pytest.fixture
def submission(store: Store, place: Place, form: FormRecord) -> Submission:
    return store.create_submission(place.community.id, form.form_id, form.version, surveyor="张伟")
