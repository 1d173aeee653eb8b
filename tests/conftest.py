"""Test-wide settings: Qt renders offscreen; no test touches the user's real data dir."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A test that forgets --data-dir must not write into the developer's real data.
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(tmp_path_factory.mktemp("default-data")))
