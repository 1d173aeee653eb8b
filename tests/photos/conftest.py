"""Photo test fixtures: a store with one community and one problem."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from photo_testkit import Place

from fieldapp.store.store import Store


@pytest.fixture
def place(tmp_path: Path) -> Iterator[Place]:
    store = Store.open(tmp_path / "data")
    project = store.create_project("照片测试")
    community = store.create_community(project.id, "幸福里社区")
    problem = store.create_problem(
        community.id, "楼道堆物", actor="王晓明", location_text="1 号楼 2 单元楼道"
    )
    yield Place(store, community, problem)
    store.close()
