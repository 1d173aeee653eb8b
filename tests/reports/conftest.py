"""Report fixtures: one demo data directory and one report per test session (building them
is the slow part), copied when a test needs to change the data."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from report_testkit import REPORT_DATE, Demo, build_demo, have_poppler

from fieldapp.reports import build_report
from fieldapp.reports.pdf import ReportResult
from fieldapp.store.store import Store


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    data_dir = tmp_path_factory.mktemp("report-demo") / "data"
    community_id, photos = build_demo(data_dir)
    return Demo(data_dir, community_id, photos)


@pytest.fixture(scope="session")
def report(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> ReportResult:
    out = tmp_path_factory.mktemp("report") / "report.pdf"
    with Store.open(demo.data_dir) as store:
        return build_report(store, demo.community_id, out, date=REPORT_DATE)


@pytest.fixture
def demo_copy(demo: Demo, tmp_path: Path) -> Iterator[Demo]:
    """A private copy of the demo data directory, for tests that change data."""
    target = tmp_path / "data"
    shutil.copytree(demo.data_dir, target)
    yield Demo(target, demo.community_id, demo.photos)


@pytest.fixture(scope="session")
def poppler() -> None:
    if not have_poppler():
        pytest.skip("poppler-utils missing: run bash packaging/install-system-deps.sh as root")
