"""The app's settings (QSettings): language, data directory, surveyor name, draft focus,
photo processing."""

from __future__ import annotations

from PySide6.QtCore import QSettings

PHOTO_LONG_EDGE = 2560
PHOTO_EDGE_RANGE = (640, 8192)  # what the settings dialog offers; the pipeline takes 64..16384


class Settings:
    """Typed access to the settings; tests pass a QSettings on a temporary ini file."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._s = qsettings if qsettings is not None else QSettings("fieldapp", "fieldapp")

    def _get(self, key: str, default: str = "") -> str:
        value = self._s.value(key, default)
        return str(value) if value is not None else default

    @property
    def language(self) -> str:
        """ "zh" (default) or "en"."""
        return self._get("language", "zh") or "zh"

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("language", value)

    @property
    def data_dir(self) -> str:
        """The data directory chosen in settings ("" = the default)."""
        return self._get("data_dir")

    @data_dir.setter
    def data_dir(self, value: str) -> None:
        self._s.setValue("data_dir", value)

    @property
    def surveyor(self) -> str:
        """The name recorded as surveyor and as the actor of problem status changes."""
        return self._get("surveyor")

    @surveyor.setter
    def surveyor(self, value: str) -> None:
        self._s.setValue("surveyor", value.strip())

    def _flag(self, key: str, default: bool) -> bool:
        value = self._s.value(key, default)
        if isinstance(value, str):  # ini files store booleans as text
            return value.strip().lower() in ("true", "1", "yes")
        return bool(value)

    @property
    def photo_long_edge(self) -> int:
        """The longest side, in pixels, photos are stored at (2560 by default)."""
        try:
            value = int(self._get("photos/long_edge", "2560"))
        except ValueError:
            return PHOTO_LONG_EDGE
        return value if PHOTO_EDGE_RANGE[0] <= value <= PHOTO_EDGE_RANGE[1] else PHOTO_LONG_EDGE

    @photo_long_edge.setter
    def photo_long_edge(self, value: int) -> None:
        self._s.setValue("photos/long_edge", int(value))

    @property
    def photo_keep_original(self) -> bool:
        """Whether the untouched camera file is kept beside the stored copy (default yes)."""
        return self._flag("photos/keep_original", True)

    @photo_keep_original.setter
    def photo_keep_original(self, value: bool) -> None:
        self._s.setValue("photos/keep_original", bool(value))

    @property
    def photo_stamp_on_import(self) -> bool:
        """Whether an evidence-stamped copy (水印) is made when a photo is imported."""
        return self._flag("photos/stamp_on_import", False)

    @photo_stamp_on_import.setter
    def photo_stamp_on_import(self, value: bool) -> None:
        self._s.setValue("photos/stamp_on_import", bool(value))

    def draft_focus(self, submission_id: str) -> tuple[str, str] | None:
        """The question (name, instance) that had the focus when a draft was left."""
        raw = self._get(f"drafts/{submission_id}")
        if not raw:
            return None
        name, _, instance = raw.partition("|")
        return name, instance

    def set_draft_focus(self, submission_id: str, name: str, instance: str) -> None:
        """Remember the focused question of a draft (written out at once: survives a crash)."""
        self._s.setValue(f"drafts/{submission_id}", f"{name}|{instance}")
        self._s.sync()

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._s.sync()
