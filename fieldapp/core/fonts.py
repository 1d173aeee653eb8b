"""Finding a font that draws Chinese, for the evidence stamp, annotation labels and PDF reports.

The search order is: a configured file (argument, else ``$FIELDAPP_CJK_FONT``) → fonts shipped
with the app (``fieldapp/resources/fonts``) → well-known system font files on Linux, Windows
and macOS → fontconfig's list of fonts that cover Chinese → a bilingual
:class:`FontNotFoundError`.

ReportLab embeds only fonts with TrueType (``glyf``) outlines; it cannot use CFF-outline fonts
(``.otf``, and the common Noto/Source Han ``.ttc`` collections). Pillow draws both. So each
candidate's outline kind is read from its sfnt table directory, TrueType outlines are
preferred, and a caller that needs them (the PDF report) passes ``truetype_outlines=True``.
A candidate must also map the common Chinese characters of a report in its ``cmap`` (a
configured Latin-only font would print empty boxes).

This module is the one font resolver of the app (photo stamp, annotation labels, reports);
it reads font files itself and imports neither Pillow nor ReportLab.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import Text

__all__ = [
    "FONT_ENV",
    "FontFile",
    "FontNotFoundError",
    "bold_companion",
    "covers_text",
    "find_cjk_font",
    "font_outlines",
]

FONT_ENV = "FIELDAPP_CJK_FONT"
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
# Characters every report and stamp prints; a font lacking any of them is not a Chinese font.
PROBE_TEXT = "社区体检报告问题达标满意度楼栋第页共"
# Bold faces shipped beside a regular one (Windows: 微软雅黑 Bold), for report headings.
_BOLD_SIBLINGS = {"msyh.ttc": "msyhbd.ttc", "msyh.ttf": "msyhbd.ttf", "simsun.ttc": "simhei.ttf"}

# Known files, best first. Debian/Ubuntu (fonts-wqy-microhei is what packaging installs),
# then Windows and macOS. Noto Sans CJK is last: its outlines are CFF.
_SYSTEM_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "{windir}/Fonts/msyh.ttc",
    "{windir}/Fonts/simhei.ttf",
    "{windir}/Fonts/simsun.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)


class FontNotFoundError(FieldappError):
    """No usable font for Chinese text (or the configured one is unusable)."""


@dataclass(frozen=True, slots=True)
class FontFile:
    """A font file and, for a collection (.ttc), the index of the face to use."""

    path: Path
    index: int = 0
    truetype_outlines: bool = True


def font_outlines(path: Path, index: int = 0) -> str | None:
    """``"truetype"`` or ``"cff"`` for the face ``index`` of the sfnt font file ``path``;
    None when the file is not a readable TrueType/OpenType font."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
            offset = 0
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                if not 0 <= index < count:
                    return None
                fh.seek(12 + 4 * index)
                offset = struct.unpack(">I", fh.read(4))[0]
                fh.seek(offset)
                head = fh.read(12)
            if len(head) < 12:
                return None
            tables = struct.unpack(">H", head[4:6])[0]
            fh.seek(offset + 12)
            directory = fh.read(16 * tables)
    except (OSError, struct.error):
        return None
    tags = {directory[i : i + 4] for i in range(0, len(directory) - 15, 16)}
    if head[:4] in (b"\x00\x01\x00\x00", b"true") and b"glyf" in tags:
        return "truetype"
    if head[:4] == b"OTTO" or b"CFF " in tags or b"CFF2" in tags:
        return "cff"
    return None


def find_cjk_font(
    configured: str | os.PathLike[str] | None = None, *, truetype_outlines: bool = False
) -> FontFile:
    """The font to draw Chinese with (see the module docs for the search order).

    A configured font that is missing, not a font, or (with ``truetype_outlines``) has CFF
    outlines is an error rather than silently replaced. Otherwise the first candidate with
    TrueType outlines wins; without ``truetype_outlines`` a CFF one is the fallback. Raises
    :class:`FontNotFoundError` with an installation hint when nothing fits.
    """
    chosen = configured or os.environ.get(FONT_ENV) or None
    if chosen:
        return _configured_font(Path(chosen).expanduser(), truetype_outlines)
    return _search(truetype_outlines)


def _configured_font(path: Path, truetype_outlines: bool) -> FontFile:
    kind = font_outlines(path)
    if kind is None:
        raise FontNotFoundError(
            Text(
                f"字体文件 {path} 不存在或不是 TrueType/OpenType 字体。",
                f"The font file {path} is missing or not a TrueType/OpenType font.",
            )
        )
    if truetype_outlines and kind != "truetype":
        raise FontNotFoundError(
            Text(
                f"字体 {path} 使用 CFF 轮廓，PDF 报告无法嵌入；请改用 TrueType 轮廓的 .ttf/.ttc 字体"
                "（如文泉驿微米黑、微软雅黑、黑体）。",
                f"The font {path} has CFF outlines, which PDF reports cannot embed; use a .ttf/.ttc "
                "font with TrueType outlines (e.g. WenQuanYi Micro Hei, Microsoft YaHei, SimHei).",
            )
        )
    if not covers_text(path, 0, PROBE_TEXT):
        raise FontNotFoundError(
            Text(
                f"字体 {path} 不含常用汉字，无法显示中文；请指定中文字体（如文泉驿微米黑、微软雅黑）。",
                f"The font {path} lacks common Chinese characters; name a Chinese font "
                "(e.g. WenQuanYi Micro Hei, Microsoft YaHei).",
            )
        )
    return FontFile(path, 0, kind == "truetype")


@cache
def _search(truetype_outlines: bool) -> FontFile:
    fallback: FontFile | None = None
    for path in _candidates():
        kind = font_outlines(path)
        if kind is not None and not covers_text(path, 0, PROBE_TEXT):
            continue
        if kind == "truetype":
            return FontFile(path, 0, True)
        if kind == "cff" and fallback is None:
            fallback = FontFile(path, 0, False)
    if fallback is not None and not truetype_outlines:
        return fallback
    raise FontNotFoundError(
        Text(
            "找不到可显示中文的 TrueType 字体。请安装文泉驿微米黑（Debian/Ubuntu：sudo apt "
            "install fonts-wqy-microhei；Fedora：sudo dnf install wqy-microhei-fonts），Windows "
            "请确认 C:\\Windows\\Fonts 中有微软雅黑（msyh.ttc）或宋体（simsun.ttc），或在设置"
            f"（或环境变量 {FONT_ENV}）中指定 .ttf/.ttc 字体文件。注意：多数 .otf 字体（思源、"
            "Noto CJK）为 CFF 轮廓，PDF 报告无法嵌入。",
            "No TrueType font that can draw Chinese was found. Install WenQuanYi Micro Hei "
            "(Debian/Ubuntu: sudo apt install fonts-wqy-microhei; Fedora: sudo dnf install "
            "wqy-microhei-fonts); on Windows check that C:\\Windows\\Fonts holds Microsoft "
            f"YaHei (msyh.ttc) or SimSun (simsun.ttc); or name a .ttf/.ttc font file in the "
            f"settings (or in ${FONT_ENV}). Most .otf fonts (Source Han, Noto CJK) have CFF "
            "outlines, which PDF reports cannot embed.",
        )
    )


def _candidates() -> list[Path]:
    """Shipped fonts, then known system files, then fontconfig's Chinese fonts."""
    found: list[Path] = []
    shipped = resources.files("fieldapp") / "resources" / "fonts"
    if isinstance(shipped, Path) and shipped.is_dir():
        found += sorted(p for p in shipped.iterdir() if p.suffix.lower() in FONT_SUFFIXES)
    windir = os.environ.get("WINDIR", "C:/Windows")
    found += [Path(p.format(windir=windir)) for p in _SYSTEM_FONT_FILES]
    return [p for p in dict.fromkeys(found + _fontconfig_fonts()) if p.is_file()]


def _fontconfig_fonts() -> list[Path]:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    paths = {Path(line.strip().rstrip(":")) for line in out.splitlines() if line.strip()}
    return sorted(p for p in paths if p.suffix.lower() in FONT_SUFFIXES)


def bold_companion(font: FontFile) -> FontFile | None:
    """The bold face shipped beside ``font`` (e.g. msyhbd.ttc for msyh.ttc), if installed
    and usable the same way; None otherwise (callers then use the regular face)."""
    sibling = _BOLD_SIBLINGS.get(font.path.name.lower())
    if sibling is None:
        return None
    for name in (sibling, sibling.upper()):
        path = font.path.with_name(name)
        kind = font_outlines(path)
        usable = kind == "truetype" or (kind == "cff" and not font.truetype_outlines)
        if usable and covers_text(path, 0, PROBE_TEXT):
            return FontFile(path, 0, kind == "truetype")
    return None


def covers_text(path: Path, index: int, text: str) -> bool:
    """Whether face ``index`` of ``path`` maps every character of ``text`` (its Unicode
    ``cmap``, format 4 or 12); False for an unreadable file."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return False
    try:
        ranges = _cmap_ranges(data, index)
    except (struct.error, IndexError, ValueError):
        return False
    return all(any(lo <= ord(c) <= hi for lo, hi in ranges) for c in set(text))


def _cmap_ranges(data: bytes, index: int) -> list[tuple[int, int]]:
    """The code-point ranges mapped to a glyph by the best Unicode subtable of the face."""
    offset = 0
    if data[:4] == b"ttcf":
        offset = struct.unpack_from(">I", data, 12 + 4 * index)[0]
    tables = struct.unpack_from(">H", data, offset + 4)[0]
    cmap = None
    for i in range(tables):
        tag, _, table_offset, _ = struct.unpack_from(">4sIII", data, offset + 12 + 16 * i)
        if tag == b"cmap":
            cmap = table_offset
    if cmap is None:
        return []
    best: tuple[int, int] | None = None  # (format, subtable offset)
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, encoding, sub = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, cmap + sub)[0]
        unicode_table = platform == 0 or (platform == 3 and encoding in (1, 10))
        if unicode_table and fmt in (4, 12) and (best is None or fmt > best[0]):
            best = (fmt, cmap + sub)
    if best is None:
        return []
    fmt, at = best
    if fmt == 12:
        groups = struct.unpack_from(">I", data, at + 12)[0]
        return [struct.unpack_from(">II", data, at + 16 + 12 * g)[:2] for g in range(groups)]
    segments = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
    # Glyph 0 (.notdef) for a segment mapped through zero deltas is rare enough in the CJK
    # blocks that a range hit counts as covered.
    return [(lo, hi) for lo, hi in zip(starts, ends, strict=True) if lo != 0xFFFF]
