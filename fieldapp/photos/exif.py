"""What a photo's EXIF says: orientation, capture time and GPS position — read defensively.

Cameras and phones write EXIF in every way the standard allows and several it does not:
rationals as IFDRational, (numerator, denominator) pairs, plain numbers or text; degrees as
one value or as degrees/minutes/seconds; zero denominators where a value is unknown. Every
reader here returns None for what it cannot make sense of instead of raising, and says why
in a note, so a photo with damaged metadata is still imported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PIL import Image
from PIL.TiffImagePlugin import IFDRational

from fieldapp.core.i18n import Text

__all__ = ["PhotoMetadata", "exif_to_store", "read_metadata"]

TAG_ORIENTATION = 0x0112
TAG_DATETIME = 0x0132
IFD_EXIF = 0x8769
IFD_GPS = 0x8825
TAG_DATETIME_ORIGINAL = 0x9003
TAG_DATETIME_DIGITIZED = 0x9004
TAG_OFFSET_TIME_ORIGINAL = 0x9011
GPS_VERSION, GPS_LAT_REF, GPS_LAT, GPS_LON_REF, GPS_LON = 0, 1, 2, 3, 4
GPS_STATUS = 9

_DATETIME = re.compile(r"^\s*(\d{4})[:\-/](\d{2})[:\-/](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_OFFSET = re.compile(r"^\s*([+-])(\d{2}):?(\d{2})\s*$")

NOTE_EXIF_DAMAGED = Text(
    "EXIF 数据损坏，无法读取拍摄时间和位置。",
    "The EXIF block is damaged: capture time and position could not be read.",
)
NOTE_GPS_INVALID = Text(
    "照片中的 GPS 数据无效（缺少分母、超出范围或为 0,0），位置留空。",
    "The photo's GPS tags are invalid (zero denominators, out of range or 0,0); "
    "position left empty.",
)
NOTE_TIME_INVALID = Text(
    "照片中的拍摄时间无效，留空。",
    "The photo's capture time is invalid; left empty.",
)


@dataclass(frozen=True, slots=True)
class PhotoMetadata:
    """The EXIF facts the app keeps. ``taken_at`` is ISO 8601 (local time as the camera
    wrote it, with its UTC offset when the camera recorded one)."""

    orientation: int = 1
    taken_at: str | None = None
    lat: float | None = None
    lon: float | None = None
    notes: tuple[Text, ...] = ()
    exif: Image.Exif | None = None


def read_metadata(image: Image.Image) -> PhotoMetadata:
    """Orientation, capture time and GPS position from ``image``'s EXIF (nothing raises)."""
    try:
        exif = image.getexif()
        sub = dict(exif.get_ifd(IFD_EXIF))
        gps = dict(exif.get_ifd(IFD_GPS))
    except Exception:  # any parser failure means "no usable EXIF"; the pixels are still fine
        return PhotoMetadata(notes=(NOTE_EXIF_DAMAGED,))
    notes: list[Text] = []
    raw = image.info.get("exif")
    if isinstance(raw, bytes) and len(raw) > 8 and not exif and not sub and not gps:
        notes.append(NOTE_EXIF_DAMAGED)  # Pillow reads a broken block as empty, with a warning
    taken_at, time_seen = _taken_at(sub, exif)
    if time_seen and taken_at is None:
        notes.append(NOTE_TIME_INVALID)
    lat, lon = _position(gps)
    if lat is None and (GPS_LAT in gps or GPS_LON in gps):
        notes.append(NOTE_GPS_INVALID)
    orientation = _orientation(exif.get(TAG_ORIENTATION))
    return PhotoMetadata(orientation, taken_at, lat, lon, tuple(notes), exif)


def _orientation(value: Any) -> int:
    if isinstance(value, tuple | list) and value:
        value = value[0]
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= 8 else 1


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return str(value).replace("\x00", "").strip() if value is not None else ""


def _taken_at(sub: Mapping[int, Any], ifd0: Mapping[int, Any]) -> tuple[str | None, bool]:
    """(ISO capture time or None, whether any time tag was present). DateTimeOriginal, then
    DateTimeDigitized; IFD0 DateTime is the file's modification time, so it is not used."""
    seen = False
    for tag in (TAG_DATETIME_ORIGINAL, TAG_DATETIME_DIGITIZED):
        text = _text(sub.get(tag))
        if not text:
            continue
        seen = True
        match = _DATETIME.match(text)
        if not match:
            continue
        try:
            year, month, day, hour, minute, second = (int(g) for g in match.groups())
            moment = dt.datetime(year, month, day, hour, minute, second)
        except ValueError:  # 0000:00:00 00:00:00, month 13…
            continue
        offset = _OFFSET.match(_text(sub.get(TAG_OFFSET_TIME_ORIGINAL)))
        if offset and tag == TAG_DATETIME_ORIGINAL:
            sign, hours, minutes = offset.groups()
            delta = dt.timedelta(hours=int(hours), minutes=int(minutes))
            if delta < dt.timedelta(hours=15):
                moment = moment.replace(tzinfo=dt.timezone(-delta if sign == "-" else delta))
        return moment.isoformat(), seen
    return None, seen


def _number(value: Any) -> float | None:
    """A finite float from a rational in any of its EXIF forms; None for x/0 or junk."""
    try:
        if isinstance(value, IFDRational):
            numerator, denominator = float(value.numerator), float(value.denominator)
            if denominator == 0:
                return None
            number = numerator / denominator
        elif isinstance(value, tuple | list) and len(value) == 2:
            numerator, denominator = (float(v) for v in value)
            if denominator == 0:
                return None
            number = numerator / denominator
        elif isinstance(value, bytes | str):
            number = float(_text(value))
        else:
            number = float(value)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _degrees(value: Any) -> float | None:
    """Decimal degrees from (deg, min, sec), (deg, min), (deg,) or a single number."""
    if isinstance(value, tuple | list) and not (
        len(value) == 2 and not isinstance(value[0], IFDRational | tuple | list)
    ):
        parts = [_number(v) for v in value[:3]]
        if not parts or any(p is None or p < 0 for p in parts):
            return None
        return float(sum(p / 60.0**i for i, p in enumerate(parts) if p is not None))
    return _number(value)


def _position(gps: Mapping[int, Any]) -> tuple[float | None, float | None]:
    if _text(gps.get(GPS_STATUS)).upper() == "V":  # the receiver says: measurement void
        return None, None
    lat, lon = _degrees(gps.get(GPS_LAT)), _degrees(gps.get(GPS_LON))
    if lat is None or lon is None:
        return None, None
    if _text(gps.get(GPS_LAT_REF)).upper().startswith("S"):
        lat = -abs(lat)
    if _text(gps.get(GPS_LON_REF)).upper().startswith("W"):
        lon = -abs(lon)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None, None
    return round(lat, 7), round(lon, 7)


def _rational_dms(degrees: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    whole = int(degrees)
    minutes_f = (degrees - whole) * 60
    minutes = int(minutes_f)
    seconds = round((minutes_f - minutes) * 60 * 10000)
    return IFDRational(whole, 1), IFDRational(minutes, 1), IFDRational(seconds, 10000)


def exif_to_store(meta: PhotoMetadata, *, keep_all: bool) -> bytes:
    """The EXIF block for the stored copy. By default only the capture time and GPS position
    (rewritten cleanly from what was read); with ``keep_all`` the source's block with the
    orientation reset, since the pixels are already upright."""
    if keep_all and meta.exif is not None and len(meta.exif):
        meta.exif[TAG_ORIENTATION] = 1
        # An unwritable source block falls back to the clean one below.
        with contextlib.suppress(Exception):
            return meta.exif.tobytes()
    exif = Image.Exif()
    if meta.taken_at:
        moment = dt.datetime.fromisoformat(meta.taken_at)
        sub = exif.get_ifd(IFD_EXIF)
        sub[TAG_DATETIME_ORIGINAL] = moment.strftime("%Y:%m:%d %H:%M:%S")
        offset = moment.strftime("%z")
        if offset:
            sub[TAG_OFFSET_TIME_ORIGINAL] = f"{offset[:3]}:{offset[3:]}"
    if meta.lat is not None and meta.lon is not None:
        gps = exif.get_ifd(IFD_GPS)
        gps[GPS_VERSION] = b"\x02\x03\x00\x00"
        gps[GPS_LAT_REF] = "N" if meta.lat >= 0 else "S"
        gps[GPS_LAT] = _rational_dms(abs(meta.lat))
        gps[GPS_LON_REF] = "E" if meta.lon >= 0 else "W"
        gps[GPS_LON] = _rational_dms(abs(meta.lon))
    return exif.tobytes() if (meta.taken_at or meta.lat is not None) else b""
