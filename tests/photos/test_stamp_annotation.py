"""Evidence stamps, annotation overlays (model, storage, rendering) and the CJK font lookup."""

from __future__ import annotations

import hashlib
import json
import struct
from pathlib import Path

import pytest
from photo_testkit import Place, exif_with, jpeg_bytes, write
from PIL import Image, ImageChops, ImageStat

from fieldapp.core.fonts import FontNotFoundError, find_cjk_font, font_outlines
from fieldapp.photos import (
    Annotation,
    AnnotationError,
    Arrow,
    Ellipse,
    Polyline,
    Rectangle,
    StampInfo,
    TextLabel,
    import_photos,
    load_annotation,
    render_annotation,
    render_photo,
    render_stamp,
    save_annotation,
    write_stamped_copy,
)
from fieldapp.store.paths import photo_path


@pytest.fixture(scope="module")
def font() -> object:
    try:
        return find_cjk_font()
    except FontNotFoundError:
        pytest.skip("no CJK font on this machine (make test installs fonts-wqy-microhei)")


def grey(size: tuple[int, int] = (640, 480)) -> Image.Image:
    return Image.new("RGB", size, (128, 128, 128))


def rgb(image: Image.Image, xy: tuple[int, int]) -> tuple[int, int, int]:
    value = image.getpixel(xy)
    assert isinstance(value, tuple)
    return value[0], value[1], value[2]


def changed(a: Image.Image, b: Image.Image, box: tuple[int, int, int, int]) -> float:
    return max(ImageStat.Stat(ImageChops.difference(a.crop(box), b.crop(box))).mean)


# -- stamp -----------------------------------------------------------------------------------


def test_stamp_lines() -> None:
    info = StampInfo(
        "幸福里社区", "2026-04-12T09:30:15+08:00", -33.85, -151.2, "1 号楼楼道", "王晓明"
    )
    assert info.lines() == [
        "社区体检 · 现场照片",
        "社区：幸福里社区",
        "时间：2026-04-12 09:30",
        "地点：1 号楼楼道",
        "坐标：南纬 33.85000°  西经 151.20000°",
        "体检员：王晓明",
    ]
    assert StampInfo("幸福里社区").lines()[2].startswith("时间：未知")
    assert info.key() != StampInfo("幸福里社区").key()


def test_stamp_is_burned_into_the_lower_left_band(font: object) -> None:
    clean = grey()
    info = StampInfo("幸福里社区", "2026-04-12T09:30:15", 28.68205, 115.88912, None, "王晓明")
    stamped = render_stamp(clean, info, font)  # type: ignore[arg-type]
    assert stamped.size == clean.size
    assert changed(stamped, clean, (0, 320, 400, 470)) > 10  # the stamp band
    assert changed(stamped, clean, (420, 0, 640, 300)) == 0  # the rest untouched
    assert rgb(clean, (100, 400)) == (128, 128, 128)  # a copy: the input is unchanged
    # White text on the dark panel: some pixels are near white.
    band = stamped.crop((0, 320, 400, 470)).convert("L")
    assert band.getextrema()[1] > 220  # type: ignore[index]


def test_stamped_copy_is_derived_and_the_clean_file_stays(
    place: Place, tmp_path: Path, font: object
) -> None:
    exif = exif_with(taken_at="2026-04-12T09:30:15+08:00", lat=28.68205, lon=115.88912)
    source = write(tmp_path, "a.jpg", jpeg_bytes(grey((800, 600)), exif=exif))
    (result,) = import_photos(place.store, [source], community_id=place.community.id)
    photo = result.photo
    assert photo is not None
    clean_path = photo_path(place.store.data_dir, photo.sha256)
    before = clean_path.read_bytes()
    info = StampInfo.for_photo(photo, "幸福里社区", "王晓明", place.problem.location_text)
    stamped_path = write_stamped_copy(place.store.data_dir, photo, info)
    assert clean_path.read_bytes() == before
    assert hashlib.sha256(before).hexdigest() == photo.sha256
    with Image.open(stamped_path) as stamped, Image.open(clean_path) as clean:
        assert stamped.size == clean.size
        assert changed(stamped.convert("RGB"), clean.convert("RGB"), (0, 420, 500, 590)) > 10
        assert stamped.getexif().get_ifd(0x8769).get(0x9003) == "2026:04:12 09:30:15"
    assert write_stamped_copy(place.store.data_dir, photo, info) == stamped_path  # cached


def test_stamp_on_import_setting(place: Place, tmp_path: Path, font: object) -> None:
    from fieldapp.photos import PhotoSettings

    source = write(tmp_path, "a.jpg", jpeg_bytes(grey((400, 300))))
    (result,) = import_photos(
        place.store,
        [source],
        community_id=place.community.id,
        problem_id=place.problem.id,
        surveyor="王晓明",
        settings=PhotoSettings(stamp_on_import=True),
    )
    assert result.stamped is not None and result.stamped.exists()
    assert result.stamped.parent.parent.name == "derived"


# -- annotation model ------------------------------------------------------------------------

ANNOTATION = Annotation(
    (
        Arrow(start=(0.1, 0.5), end=(0.6, 0.5), color="#ff0000", width=0.02),
        Ellipse(box=(0.7, 0.1, 0.9, 0.3), color="#00ff00"),
        Rectangle(box=(0.1, 0.7, 0.4, 0.95), color="#0000ff", width=0.015, fill="#0000ff40"),
        Polyline(points=((0.7, 0.6), (0.8, 0.7), (0.9, 0.6)), closed=True, color="#ffff00"),
        TextLabel(at=(0.05, 0.05), text="墙面开裂"),
    )
)


def test_annotation_json_round_trip_and_storage(place: Place, tmp_path: Path) -> None:
    assert Annotation.from_json(ANNOTATION.to_json()) == ANNOTATION
    assert Annotation.from_json(ANNOTATION.dumps()) == ANNOTATION
    assert json.loads(ANNOTATION.dumps())["version"] == 1
    source = write(tmp_path, "a.jpg", jpeg_bytes(grey((64, 48))))
    (result,) = import_photos(place.store, [source], community_id=place.community.id)
    assert result.photo is not None
    before = photo_path(place.store.data_dir, result.photo.sha256).read_bytes()
    photo = save_annotation(place.store, result.photo.id, ANNOTATION)
    assert load_annotation(place.store.photo(photo.id)) == ANNOTATION
    assert photo.sha256 == result.photo.sha256  # the file never changes
    assert photo_path(place.store.data_dir, photo.sha256).read_bytes() == before
    cleared = save_annotation(place.store, photo.id, Annotation())
    assert cleared.annotation is None and load_annotation(cleared) == Annotation()


def test_reversed_boxes_are_normalised() -> None:
    shape = Annotation.from_json({"shapes": [{"type": "rectangle", "box": [0.5, 0.9, 0.1, 0.2]}]})
    assert shape.shapes[0] == Rectangle(box=(0.1, 0.2, 0.5, 0.9))


@pytest.mark.parametrize(
    ("value", "where"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "must be a JSON object"),
        ({"version": 2, "shapes": []}, "version"),
        ({"shapes": [{"type": "star"}]}, "shapes[0].type"),
        ({"shapes": [{"type": "arrow", "from": [0, 0]}]}, "missing to"),
        ({"shapes": [{"type": "arrow", "from": [0, 0], "to": [1.5, 0]}]}, "shapes[0].to[0]"),
        ({"shapes": [{"type": "arrow", "from": [0, 0], "to": ["a", 0]}]}, "must be a number"),
        ({"shapes": [{"type": "ellipse", "box": [0, 0, 1]}]}, "shapes[0].box"),
        ({"shapes": [{"type": "rectangle", "box": [0, 0, 1, 1], "color": "red"}]}, "colour"),
        ({"shapes": [{"type": "rectangle", "box": [0, 0, 1, 1], "colour": "#fff"}]}, "unknown key"),
        ({"shapes": [{"type": "polyline", "points": [[0, 0]]}]}, "2 to 5000 points"),
        ({"shapes": [{"type": "text", "at": [0, 0], "text": "  "}]}, "shapes[0].text"),
        ({"shapes": [{"type": "arrow", "from": [0, 0], "to": [1, 1], "width": 0.5}]}, "width"),
        ({"shapes": "arrow"}, "shapes"),
    ],
)
def test_malformed_annotations_are_refused_clearly(value: object, where: str) -> None:
    with pytest.raises(AnnotationError) as info:
        Annotation.from_json(value)  # type: ignore[arg-type]
    assert where in info.value.text.en
    assert info.value.text.zh.startswith("标注")


# -- rendering -------------------------------------------------------------------------------


def test_overlay_is_drawn_where_the_shapes_are(font: object) -> None:
    base = grey((400, 300))
    out = render_annotation(base, ANNOTATION, font=font)  # type: ignore[arg-type]
    assert rgb(out, (120, 150)) == (255, 0, 0)  # on the arrow's shaft
    assert rgb(out, (120, 170)) == (128, 128, 128)  # beside it
    head = [rgb(out, (x, 150)) for x in range(222, 236)]
    assert all(p == (255, 0, 0) for p in head)  # the head runs to the tip at x = 0.6 × 399
    assert rgb(out, (40, 250)) == (0, 0, 255)  # the rectangle's left edge
    inside = rgb(out, (80, 250))  # its translucent fill blends with the photo
    assert inside[2] > 128 + 20 and inside[0] < 128 and inside != (0, 0, 255)
    assert rgb(out, (280 - 1, 60)) == (0, 255, 0)  # the ellipse's left side (x = 0.7)
    assert changed(out, base, (20, 15, 110, 45)) > 20  # the text label
    assert rgb(base, (120, 150)) == (128, 128, 128)  # the input is not touched


def test_overlay_scales_with_the_photo(font: object) -> None:
    small = render_annotation(grey((200, 150)), ANNOTATION, font=font)  # type: ignore[arg-type]
    large = render_annotation(grey((800, 600)), ANNOTATION, font=font)  # type: ignore[arg-type]
    assert rgb(small, (60, 75)) == rgb(large, (240, 300)) == (255, 0, 0)


def test_render_photo_with_annotation_and_stamp(place: Place, tmp_path: Path, font: object) -> None:
    source = write(tmp_path, "a.jpg", jpeg_bytes(grey((800, 600))))
    (result,) = import_photos(place.store, [source], community_id=place.community.id)
    assert result.photo is not None
    photo = save_annotation(place.store, result.photo.id, ANNOTATION)
    plain = render_photo(place.store.data_dir, photo, annotate=False)
    marked = render_photo(place.store.data_dir, photo)
    small = render_photo(place.store.data_dir, photo, long_edge=200)
    stamped = render_photo(place.store.data_dir, photo, stamp=StampInfo("幸福里社区"))
    assert plain.size == marked.size == (800, 600) and small.size == (200, 150)
    assert rgb(marked, (240, 300))[0] > 240 and rgb(plain, (240, 300))[0] < 140
    assert changed(stamped, marked, (0, 480, 300, 590)) > 10


# -- fonts -----------------------------------------------------------------------------------


def _fake_font(path: Path, sfnt: bytes, tables: list[bytes]) -> Path:
    head = sfnt + struct.pack(">HHHH", len(tables), 0, 0, 0)
    path.write_bytes(head + b"".join(t + b"\x00" * 12 for t in tables))
    return path


def test_font_outline_kinds(tmp_path: Path) -> None:
    truetype = _fake_font(tmp_path / "a.ttf", b"\x00\x01\x00\x00", [b"cmap", b"glyf", b"loca"])
    cff = _fake_font(tmp_path / "b.otf", b"OTTO", [b"CFF ", b"cmap"])
    assert font_outlines(truetype) == "truetype" and font_outlines(cff) == "cff"
    assert font_outlines(write(tmp_path, "c.ttf", b"not a font")) is None
    with pytest.raises(FontNotFoundError, match="CFF outlines"):
        find_cjk_font(cff, truetype_outlines=True)
    with pytest.raises(FontNotFoundError, match="lacks common Chinese"):
        find_cjk_font(truetype)  # a font without Chinese glyphs is no use either
    with pytest.raises(FontNotFoundError, match="missing or not"):
        find_cjk_font(tmp_path / "nope.ttf")


def test_system_font_found_has_truetype_outlines(font: object) -> None:
    found = find_cjk_font(truetype_outlines=True)
    assert found.truetype_outlines and found.path.is_file()
