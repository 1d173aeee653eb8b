"""Where a device keeps its data: the data directory, the database file and the photo files."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from fieldapp.core.errors import StoreError
from fieldapp.core.i18n import Text

__all__ = [
    "DATABASE_FILENAME",
    "DATA_DIR_ENV",
    "PHOTOS_DIRNAME",
    "database_path",
    "ensure_data_dir",
    "photo_path",
    "photos_dir",
    "resolve_data_dir",
]

DATA_DIR_ENV = "FIELDAPP_DATA_DIR"
DATABASE_FILENAME = "fieldapp.db"
PHOTOS_DIRNAME = "photos"


def resolve_data_dir(cli_value: str | None) -> Path:
    """The data directory: ``--data-dir`` if given, else ``$FIELDAPP_DATA_DIR``, else the
    platform's per-user data directory. Empty values count as not given."""
    if cli_value:
        return Path(cli_value).expanduser().absolute()
    env_value = os.environ.get(DATA_DIR_ENV, "")
    if env_value:
        return Path(env_value).expanduser().absolute()
    # appauthor=False: on Windows the default would nest the folder twice (fieldapp\fieldapp).
    return Path(platformdirs.user_data_dir("fieldapp", appauthor=False))


def database_path(data_dir: Path) -> Path:
    """The SQLite database file inside ``data_dir``."""
    return data_dir / DATABASE_FILENAME


def photos_dir(data_dir: Path) -> Path:
    """The folder of content-addressed photo files beside the database."""
    return data_dir / PHOTOS_DIRNAME


def photo_path(data_dir: Path, sha256: str) -> Path:
    """Where the file with SHA-256 ``sha256`` lives: ``photos/ab/abcdef…`` (lowercase hex)."""
    digest = sha256.lower()
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return photos_dir(data_dir) / digest[:2] / digest


def ensure_data_dir(data_dir: Path) -> Path:
    """Create ``data_dir`` and its ``photos/`` folder if needed; return the database path.

    Raises StoreError with a bilingual message when the folders cannot be created.
    """
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        photos_dir(data_dir).mkdir(exist_ok=True)
    except OSError as exc:
        raise StoreError(
            Text(
                f"无法创建数据目录 {data_dir}：{exc.strerror or exc}。请检查路径和写入权限。",
                f"Cannot create the data directory {data_dir}: {exc.strerror or exc}. "
                "Check the path and write permission.",
            )
        ) from exc
    return database_path(data_dir)
