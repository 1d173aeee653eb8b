"""Every user-facing string of the UI has its English translation, and the Qt translation
source compiles; a fresh clone without compiled files still shows English."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator

from fieldapp.ui.i18n import TsTranslator

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "fieldapp_en.ts"
BIN = Path(sys.executable).parent


def test_every_string_is_translated(tmp_path: Path) -> None:
    copy = tmp_path / "fieldapp_en.ts"
    shutil.copyfile(TS, copy)
    sources = [str(p) for p in sorted((ROOT / "fieldapp" / "ui").rglob("*.py"))]
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-silent", *sources, "-ts", str(copy)],
        check=True,
        capture_output=True,
    )
    untranslated = [
        m.findtext("source")
        for m in ET.parse(copy).getroot().iter("message")
        if (m.find("translation") is None or m.find("translation").get("type") == "unfinished")
    ]
    assert not untranslated, (
        f"add English for these to resources/translations/fill_en.py: {untranslated}"
    )


def test_source_compiles_and_reads_the_same(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    qm = tmp_path / "fieldapp_en.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )
    compiled = QTranslator()
    assert compiled.load(str(qm))
    direct = TsTranslator(TS)
    for context, source, english in (
        ("MainWindow", "设置", "Settings"),
        ("FormView", "完成", "Complete"),
        ("TranscriptionView", "抽样要求", "Sampling rules"),
    ):
        assert compiled.translate(context, source) == english
        assert direct.translate(context, source) == english
