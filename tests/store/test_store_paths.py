"""Data directory resolution and the file layout beside the database."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from fieldapp.core.errors import StoreError
from fieldapp.store.paths import (
    database_path,
    ensure_data_dir,
    photo_path,
    photos_dir,
    resolve_data_dir,
)


def test_cli_value_wins_over_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(str(tmp_path / "cli")) == tmp_path / "cli"


def test_environment_used_without_cli_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(None) == tmp_path / "env"
    assert resolve_data_dir("") == tmp_path / "env"


def test_platform_default_without_either(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIELDAPP_DATA_DIR", raising=False)
    expected = Path(platformdirs.user_data_dir("fieldapp", appauthor=False))
    assert resolve_data_dir(None) == expected
    monkeypatch.setenv("FIELDAPP_DATA_DIR", "")
    assert resolve_data_dir(None) == expected


def test_relative_and_home_paths_are_made_absolute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/surveyor")
    assert resolve_data_dir("~/fieldapp") == Path("/home/surveyor/fieldapp")
    assert resolve_data_dir("rel").is_absolute()


def test_layout(tmp_path: Path) -> None:
    digest = "ab" + "c" * 62
    assert database_path(tmp_path) == tmp_path / "fieldapp.db"
    assert photos_dir(tmp_path) == tmp_path / "photos"
    assert photo_path(tmp_path, digest.upper()) == tmp_path / "photos" / "ab" / digest
    with pytest.raises(ValueError):
        photo_path(tmp_path, "not-a-digest")


def test_ensure_data_dir_creates_photos_folder(tmp_path: Path) -> None:
    db = ensure_data_dir(tmp_path / "a" / "b")
    assert db == tmp_path / "a" / "b" / "fieldapp.db"
    assert (tmp_path / "a" / "b" / "photos").is_dir()


def test_ensure_data_dir_refuses_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as info:
        ensure_data_dir(blocker)
    assert "无法创建数据目录" in str(info.value)
