"""Bilingual text: the one mechanism for user-facing strings made below the UI.

Chinese is the source language users see first; every message produced by the core, store,
reports or CLI is a :class:`Text` carrying both languages so that the UI can show the
configured one and the CLI can print both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Text:
    """A user-facing string in Chinese (source) and English."""

    zh: str
    en: str = ""

    def format(self, **values: Any) -> Text:
        """Return a copy with ``{placeholders}`` filled in both languages."""
        return Text(self.zh.format(**values), (self.en or self.zh).format(**values))

    def get(self, language: str = "zh") -> str:
        """The text in ``language`` ("zh" or "en"); English falls back to Chinese."""
        if language == "en" and self.en:
            return self.en
        return self.zh

    def both(self) -> str:
        """Chinese and English on one line, as the CLI prints messages."""
        if not self.en or self.en == self.zh:
            return self.zh
        return f"{self.zh} / {self.en}"

    def __str__(self) -> str:
        return self.both()

    @classmethod
    def coerce(cls, value: Any) -> Text:
        """Build a Text from a plain string (taken as Chinese), a mapping or a Text."""
        if isinstance(value, Text):
            return value
        if isinstance(value, dict):
            zh = str(value.get("zh") or value.get("en") or "")
            return cls(zh, str(value.get("en") or ""))
        return cls(str(value), "")
