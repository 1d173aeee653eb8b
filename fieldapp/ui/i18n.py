"""Translations: Chinese in the code, English from Qt translation files, a pseudo-locale.

UI strings are written in Chinese (the source language users see first) through Qt's
``tr()``; ``resources/translations/fieldapp_en.ts`` holds their English, compiled by
``pyside6-lrelease`` into ``fieldapp/ui/translations/*.qm`` (``make translations``, run by
``make run``). A source checkout that has not been built reads the ``.ts`` directly, so a
fresh clone still shows English. Texts made below the UI are :class:`Text` values with both
languages; :func:`text` picks the configured one.

The pseudo-locale ``pseudo`` stretches every string (English where known) by about half
again, to catch layouts that clip longer text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from fieldapp.core.i18n import Text

LANGUAGES = {"zh": "中文", "en": "English"}
PSEUDO = "pseudo"
_language = "zh"
_installed: list[QTranslator] = []

PACKAGE_QM_DIR = Path(__file__).resolve().parent / "translations"
SOURCE_TS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"


def language() -> str:
    """The language in use: "zh", "en" or "pseudo"."""
    return _language


def text(value: Text | str | None) -> str:
    """A core :class:`Text` (or plain string) in the language in use."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if _language == PSEUDO:
        return stretch(value.get("en"))
    return value.get(_language)


def tr(source: str, context: str = "fieldapp") -> str:
    """Translate a string outside a QObject (inside one, use ``self.tr``)."""
    return QCoreApplication.translate(context, source)


def stretch(source: str) -> str:
    """The pseudo-locale form of a string: bracketed and about half again as long."""
    if not source:
        return source
    pad = max(2, len(source) // 2)
    return f"［{source}{'ˉ' * pad}］"


class TsTranslator(QTranslator):
    """Translations read straight from a ``.ts`` file (a source checkout not yet built)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._messages: dict[tuple[str, str], str] = {}
        root = ET.parse(path).getroot()  # noqa: S314 (our own file)
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                node = message.find("translation")
                if node is None or node.get("type") in ("unfinished", "obsolete", "vanished"):
                    continue
                if node.text:
                    self._messages[(name, source)] = node.text

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return self._messages.get((context, source), "")

    def isEmpty(self) -> bool:
        return not self._messages


class PseudoTranslator(QTranslator):
    """Stretches every translation (or source) to test layouts with long text."""

    def __init__(self, base: QTranslator | None) -> None:
        super().__init__()
        self._base = base

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        found = self._base.translate(context, source, disambiguation, n) if self._base else ""
        return stretch(found or source)

    def isEmpty(self) -> bool:
        return False


def english_translator() -> QTranslator | None:
    """The English translator: compiled ``.qm`` if built, else the ``.ts`` source."""
    qm = PACKAGE_QM_DIR / "fieldapp_en.qm"
    if qm.exists():
        translator = QTranslator()
        if translator.load(str(qm)):
            return translator
    ts = SOURCE_TS_DIR / "fieldapp_en.ts"
    if ts.exists():
        return TsTranslator(ts)
    return None


def install(lang: str) -> None:
    """Use ``lang`` ("zh", "en" or "pseudo") for every string shown from now on."""
    global _language
    app = QCoreApplication.instance()
    for old in _installed:
        if app is not None:
            app.removeTranslator(old)
    _installed.clear()
    _language = lang if lang in (*LANGUAGES, PSEUDO) else "zh"
    if _language == "zh" or app is None:
        return
    english = english_translator()
    translator = PseudoTranslator(english) if _language == PSEUDO else english
    if translator is not None:
        app.installTranslator(translator)
        _installed.append(translator)
