"""Font resolution: configured → shipped → system → a bilingual error; never a CFF font
for the PDF; a font without Chinese is refused."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from fieldapp.core import fonts
from fieldapp.core.fonts import FontNotFoundError, covers_text, find_cjk_font, font_outlines


def _sfnt(path: Path, tag: bytes, tables: list[bytes]) -> Path:
    """A minimal font file: the sfnt header and a table directory (no real tables)."""
    head = tag + struct.pack(">HHHH", len(tables), 16, 0, 0)
    directory = b"".join(t + struct.pack(">III", 0, 0, 0) for t in tables)
    path.write_bytes(head + directory)
    return path


def test_outline_kind_is_read_from_the_table_directory(tmp_path: Path) -> None:
    assert font_outlines(_sfnt(tmp_path / "a.otf", b"OTTO", [b"CFF ", b"cmap"])) == "cff"
    assert (
        font_outlines(_sfnt(tmp_path / "b.ttf", b"\x00\x01\x00\x00", [b"glyf", b"cmap"]))
        == "truetype"
    )
    (tmp_path / "c.ttf").write_text("not a font")
    assert font_outlines(tmp_path / "c.ttf") is None


def test_a_configured_cff_font_is_refused_for_pdf(tmp_path: Path) -> None:
    cff = _sfnt(tmp_path / "NotoSansCJK.otf", b"OTTO", [b"CFF ", b"cmap"])
    with pytest.raises(FontNotFoundError) as info:
        find_cjk_font(cff, truetype_outlines=True)
    assert "CFF" in info.value.text.zh and "CFF" in info.value.text.en


def test_configured_font_wins_then_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system = find_cjk_font(truetype_outlines=True)
    copy = tmp_path / "my-font.ttc"
    copy.write_bytes(system.path.read_bytes())
    assert find_cjk_font(copy, truetype_outlines=True).path == copy
    monkeypatch.setenv(fonts.FONT_ENV, str(copy))
    assert find_cjk_font(truetype_outlines=True).path == copy


def test_a_font_without_chinese_is_refused(tmp_path: Path) -> None:
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not latin.exists():
        pytest.skip("DejaVu Sans not installed")
    assert not covers_text(latin, 0, "社区")
    with pytest.raises(FontNotFoundError) as info:
        find_cjk_font(latin, truetype_outlines=True)
    assert "汉字" in info.value.text.zh


def test_no_usable_font_gives_install_instructions_in_both_languages(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cff = _sfnt(tmp_path / "only.otf", b"OTTO", [b"CFF ", b"cmap"])
    monkeypatch.setattr(fonts, "_candidates", lambda: [cff])
    fonts._search.cache_clear()
    try:
        with pytest.raises(FontNotFoundError) as info:
            find_cjk_font(truetype_outlines=True)
    finally:
        fonts._search.cache_clear()
    text = info.value.text
    assert "fonts-wqy-microhei" in text.zh and "fonts-wqy-microhei" in text.en
    assert "msyh.ttc" in text.zh and fonts.FONT_ENV in text.en
