"""Capture time and GPS read from EXIF in all its forms; everything else stripped."""

from __future__ import annotations

import io
import struct

import pytest
from photo_testkit import exif_with, jpeg_bytes, quadrants
from PIL import Image
from PIL.TiffImagePlugin import IFDRational

from fieldapp.photos.decode import normalise
from fieldapp.photos.exif import IFD_EXIF, IFD_GPS, read_metadata
from fieldapp.photos.settings import PhotoSettings

R = IFDRational


def gps_exif(gps: dict[int, object], **sub: object) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "ACME Camera Co."  # Make
    exif[0x0110] = "Model 7"
    exif[0x0131] = "PhoneOS 19.2"
    exif.get_ifd(IFD_GPS).update(gps)
    exif.get_ifd(IFD_EXIF).update({int(k[1:], 16): v for k, v in sub.items()})
    return exif


class _Unsaved:
    """Stands in for an opened image whose EXIF holds values Pillow cannot write itself
    (old-style (numerator, denominator) pairs, as some older tools produce)."""

    def __init__(self, exif: Image.Exif) -> None:
        self.exif = exif
        self.info: dict[str, object] = {}

    def getexif(self) -> Image.Exif:
        return self.exif


def metadata(
    exif: Image.Exif, *, saved: bool = True
) -> tuple[str | None, float | None, float | None]:
    if saved:  # through a real file, as Pillow parses it
        meta = read_metadata(Image.open(io.BytesIO(jpeg_bytes(quadrants(), exif=exif))))
    else:
        meta = read_metadata(_Unsaved(exif))  # type: ignore[arg-type]
    return meta.taken_at, meta.lat, meta.lon


DMS_NANCHANG = (R(28, 1), R(40, 1), R(4800, 100))  # 28°40'48" = 28.68
DMS_NANCHANG_E = (R(115, 1), R(53, 1), R(2400, 100))  # 115°53'24" = 115.89


@pytest.mark.parametrize(
    ("refs", "signs"),
    [(("N", "E"), (1, 1)), (("S", "E"), (-1, 1)), (("N", "W"), (1, -1)), (("S", "W"), (-1, -1))],
)
def test_gps_in_every_hemisphere(refs: tuple[str, str], signs: tuple[int, int]) -> None:
    _, lat, lon = metadata(gps_exif({1: refs[0], 2: DMS_NANCHANG, 3: refs[1], 4: DMS_NANCHANG_E}))
    assert lat == pytest.approx(signs[0] * 28.68) and lon == pytest.approx(signs[1] * 115.89)


@pytest.mark.parametrize(
    "value",
    [
        (R(28, 1), R(40, 1), R(48, 1)),  # degrees, minutes, seconds
        (R(28, 1), R(408, 10)),  # degrees and decimal minutes
        (R(2868, 100),),  # decimal degrees in one rational
        ((28, 1), (40, 1), (48, 1)),  # old-style (numerator, denominator) pairs
    ],
)
def test_gps_rational_forms(value: object) -> None:
    saved = not isinstance(value[0], tuple)  # type: ignore[index]
    exif = gps_exif({1: "N", 2: value, 3: b"E\x00", 4: DMS_NANCHANG_E})
    _, lat, lon = metadata(exif, saved=saved)
    assert lat == pytest.approx(28.68) and lon == pytest.approx(115.89)


@pytest.mark.parametrize(
    "gps",
    [
        {1: "N", 2: (R(28, 0), R(40, 1), R(0, 0)), 3: "E", 4: DMS_NANCHANG_E},  # x/0
        {1: "N", 2: (R(0, 1), R(0, 1), R(0, 1)), 3: "E", 4: (R(0, 1), R(0, 1), R(0, 1))},  # 0,0
        {1: "N", 2: (R(95, 1), R(0, 1), R(0, 1)), 3: "E", 4: DMS_NANCHANG_E},  # past the pole
        {1: "N", 2: DMS_NANCHANG, 3: "E", 4: DMS_NANCHANG_E, 9: "V"},  # receiver: void
        {1: "N", 2: DMS_NANCHANG},  # no longitude
    ],
)
def test_unusable_gps_gives_no_position(gps: dict[int, object]) -> None:
    assert metadata(gps_exif(gps))[1:] == (None, None)


def test_zero_denominators_import_with_a_null_position_and_a_note() -> None:
    exif = gps_exif({1: "N", 2: (R(28, 0), R(40, 1), R(0, 0)), 3: "E", 4: DMS_NANCHANG_E})
    photo = normalise(jpeg_bytes(quadrants(), exif=exif), PhotoSettings())
    assert (photo.lat, photo.lon) == (None, None)
    assert any("GPS" in note.en for note in photo.notes)


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ({"x9003": "2026:04:12 09:30:15"}, "2026-04-12T09:30:15"),
        ({"x9003": "2026:04:12 09:30:15", "x9011": "+08:00"}, "2026-04-12T09:30:15+08:00"),
        ({"x9003": "2026:04:12 09:30:15\x00", "x9011": "-03:30"}, "2026-04-12T09:30:15-03:30"),
        ({"x9004": "2026:04:12 09:31:00"}, "2026-04-12T09:31:00"),  # only DateTimeDigitized
        ({"x9003": "0000:00:00 00:00:00"}, None),
        ({"x9003": "2026:13:45 99:00:00"}, None),
        ({}, None),
    ],
)
def test_capture_time(tags: dict[str, str], expected: str | None) -> None:
    assert metadata(gps_exif({}, **tags))[0] == expected


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")  # Pillow's; the app silences it
def test_corrupt_exif_block_imports_without_metadata_and_says_so() -> None:
    clean = jpeg_bytes(quadrants())
    garbage = b"Exif\x00\x00" + b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 500)
    segment = b"\xff\xe1" + struct.pack(">H", len(garbage) + 2) + garbage + b"\x00" * 10
    photo = normalise(clean[:2] + segment + clean[2:], PhotoSettings())
    assert (photo.width, photo.height) == (64, 48)
    assert (photo.taken_at, photo.lat, photo.lon) == (None, None, None)
    assert any("EXIF" in note.en for note in photo.notes)


def test_stored_copy_keeps_only_capture_time_and_position() -> None:
    exif = gps_exif(
        {1: "S", 2: DMS_NANCHANG, 3: "W", 4: DMS_NANCHANG_E, 6: R(12, 1)},
        x9003="2026:04:12 09:30:15",
        x9011="+08:00",
        x927C=b"maker secrets",  # MakerNote
        xA431="SERIAL-0001",  # BodySerialNumber
    )
    exif[0x013B] = "Artist Name"
    photo = normalise(jpeg_bytes(quadrants(), exif=exif), PhotoSettings())
    stored = Image.open(io.BytesIO(photo.jpeg)).getexif()
    assert set(stored) <= {IFD_EXIF, IFD_GPS}  # no Make, Model, Software, Artist
    assert set(stored.get_ifd(IFD_EXIF)) == {0x9003, 0x9011}
    assert set(stored.get_ifd(IFD_GPS)) == {0, 1, 2, 3, 4}  # no altitude either
    image = Image.open(io.BytesIO(photo.jpeg))
    assert read_metadata(image).lat == pytest.approx(-28.68)
    assert read_metadata(image).lon == pytest.approx(-115.89)
    assert read_metadata(image).taken_at == "2026-04-12T09:30:15+08:00"
    assert b"maker secrets" not in photo.jpeg and b"SERIAL-0001" not in photo.jpeg


def test_no_exif_at_all_when_there_is_nothing_to_keep() -> None:
    photo = normalise(jpeg_bytes(quadrants(), exif=gps_exif({})), PhotoSettings())
    assert "exif" not in Image.open(io.BytesIO(photo.jpeg)).info
    assert b"ACME" not in photo.jpeg


def test_keep_exif_setting_keeps_the_rest_but_resets_orientation() -> None:
    exif = gps_exif({}, x9003="2026:04:12 09:30:15")
    exif[0x0112] = 6
    photo = normalise(jpeg_bytes(quadrants(), exif=exif), PhotoSettings(keep_exif=True))
    stored = Image.open(io.BytesIO(photo.jpeg)).getexif()
    assert stored[0x010F] == "ACME Camera Co." and stored[0x0112] == 1
    assert (photo.width, photo.height) == (48, 64)


def test_written_metadata_reads_back() -> None:
    data = jpeg_bytes(
        quadrants(),
        exif=exif_with(taken_at="2026-04-12T09:30:15+08:00", lat=-33.8568, lon=151.2153),
    )
    photo = normalise(data, PhotoSettings())
    assert photo.taken_at == "2026-04-12T09:30:15+08:00"
    assert photo.lat == pytest.approx(-33.8568, abs=1e-6)
    assert photo.lon == pytest.approx(151.2153, abs=1e-6)
