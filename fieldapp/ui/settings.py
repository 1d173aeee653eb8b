"""The app's settings (QSettings): language, data directory, surveyor name, draft focus."""

from __future__ import annotations

from PySide6.QtCore import QSettings


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
