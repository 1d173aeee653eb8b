"""Annotation overlays: arrows, ellipses, rectangles, freehand lines and text labels drawn
over a photo, stored as vector data beside it (never burned into the stored file).

Coordinates are fractions of the photo's width (x) and height (y), 0..1, so an overlay fits
the photo at any size — the full file, a thumbnail, a PDF figure. Line widths and text sizes
are fractions of the photo's shorter side. The JSON form, kept in the photo row's
``annotation`` column::

    {"version": 1, "shapes": [
      {"type": "arrow", "from": [0.2, 0.3], "to": [0.45, 0.5], "color": "#ff3b30", "width": 0.008},
      {"type": "ellipse", "box": [0.5, 0.2, 0.7, 0.4], "color": "#ffcc00", "width": 0.006},
      {"type": "rectangle", "box": [0.1, 0.6, 0.3, 0.9], "color": "#ff3b30", "fill": "#ff3b3040"},
      {"type": "polyline", "points": [[0.1, 0.1], [0.2, 0.15], [0.3, 0.1]], "closed": false},
      {"type": "text", "at": [0.5, 0.8], "text": "墙面开裂", "size": 0.045,
       "color": "#ffffff", "background": "#000000a0"}]}

A circle is an ellipse whose box is square in pixels. Reading is strict: an unknown key, a
coordinate outside 0..1 or a malformed colour is an AnnotationError naming the place.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.core.i18n import Text
from fieldapp.photos.errors import AnnotationError

if TYPE_CHECKING:
    from fieldapp.store.records import Photo
    from fieldapp.store.store import Store

__all__ = [
    "Annotation",
    "Arrow",
    "Ellipse",
    "Point",
    "Polyline",
    "Rectangle",
    "Shape",
    "TextLabel",
    "load_annotation",
    "save_annotation",
]

VERSION = 1
MAX_SHAPES = 500
MAX_POINTS = 5000
MAX_TEXT = 200
DEFAULT_COLOR = "#ff3b30"
DEFAULT_WIDTH = 0.006
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")

Point = tuple[float, float]
Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True, kw_only=True)
class Arrow:
    """A straight arrow pointing from ``start`` to ``end`` (the head is at ``end``)."""

    start: Point
    end: Point
    color: str = DEFAULT_COLOR
    width: float = DEFAULT_WIDTH


@dataclass(frozen=True, slots=True, kw_only=True)
class Ellipse:
    """An ellipse (or circle) inscribed in ``box`` = (left, top, right, bottom)."""

    box: Box
    color: str = DEFAULT_COLOR
    width: float = DEFAULT_WIDTH
    fill: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Rectangle:
    """A rectangle ``box`` = (left, top, right, bottom)."""

    box: Box
    color: str = DEFAULT_COLOR
    width: float = DEFAULT_WIDTH
    fill: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Polyline:
    """A freehand line through ``points`` (closed back to the first point if ``closed``)."""

    points: tuple[Point, ...]
    color: str = DEFAULT_COLOR
    width: float = DEFAULT_WIDTH
    closed: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class TextLabel:
    """A text label whose top-left corner is at ``at``; ``size`` is the text height."""

    at: Point
    text: str
    color: str = "#ffffff"
    size: float = 0.04
    background: str | None = "#000000a0"


Shape = Arrow | Ellipse | Rectangle | Polyline | TextLabel

_TYPES: dict[str, type[Shape]] = {
    "arrow": Arrow,
    "ellipse": Ellipse,
    "rectangle": Rectangle,
    "polyline": Polyline,
    "text": TextLabel,
}
_KEYS: dict[str, tuple[frozenset[str], frozenset[str]]] = {  # (required, optional)
    "arrow": (frozenset({"from", "to"}), frozenset({"color", "width"})),
    "ellipse": (frozenset({"box"}), frozenset({"color", "width", "fill"})),
    "rectangle": (frozenset({"box"}), frozenset({"color", "width", "fill"})),
    "polyline": (frozenset({"points"}), frozenset({"color", "width", "closed"})),
    "text": (frozenset({"at", "text"}), frozenset({"color", "size", "background"})),
}


def _fail(where: str, zh: str, en: str) -> AnnotationError:
    return AnnotationError(Text(zh, en), where=where)


def _fraction(value: Any, where: str, *, low: float = 0.0, high: float = 1.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _fail(where, "应为数值。", "must be a number.")
    if not low <= value <= high:
        raise _fail(
            where, f"应在 {low:g} 到 {high:g} 之间。", f"must be between {low:g} and {high:g}."
        )
    return float(value)


def _point(value: Any, where: str) -> Point:
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 2:
        raise _fail(where, "应为 [x, y] 坐标。", "must be an [x, y] pair.")
    return _fraction(value[0], f"{where}[0]"), _fraction(value[1], f"{where}[1]")


def _box(value: Any, where: str) -> Box:
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 4:
        raise _fail(where, "应为 [左, 上, 右, 下]。", "must be [left, top, right, bottom].")
    x0, y0, x1, y1 = (_fraction(v, f"{where}[{i}]") for i, v in enumerate(value))
    # A box dragged right-to-left or bottom-to-top is the same box.
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _color(value: Any, where: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not _COLOR.match(value):
        raise _fail(
            where,
            "颜色应写作 #rrggbb 或 #rrggbbaa。",
            "a colour must be written #rrggbb or #rrggbbaa.",
        )
    return value.lower()


def _shape(raw: Any, where: str) -> Shape:
    if not isinstance(raw, Mapping):
        raise _fail(where, "应为对象。", "must be an object.")
    kind = raw.get("type")
    if kind not in _TYPES:
        raise _fail(
            f"{where}.type",
            f"未知的图形类型 {kind!r}（可用：{'、'.join(_TYPES)}）。",
            f"unknown shape type {kind!r} (known: {', '.join(_TYPES)}).",
        )
    required, optional = _KEYS[kind]
    keys = set(raw) - {"type"}
    if missing := sorted(required - keys):
        raise _fail(where, f"缺少 {', '.join(missing)}。", f"missing {', '.join(missing)}.")
    if unknown := sorted(keys - required - optional):
        raise _fail(where, f"未知的键 {', '.join(unknown)}。", f"unknown key {', '.join(unknown)}.")
    style: dict[str, Any] = {}
    if "color" in raw:
        style["color"] = _color(raw["color"], f"{where}.color")
    if "width" in raw:
        style["width"] = _fraction(raw["width"], f"{where}.width", low=0.0005, high=0.1)
    if "fill" in raw:
        style["fill"] = _color(raw["fill"], f"{where}.fill", optional=True)
    if kind == "arrow":
        return Arrow(
            start=_point(raw["from"], f"{where}.from"),
            end=_point(raw["to"], f"{where}.to"),
            **style,
        )
    if kind in ("ellipse", "rectangle"):
        return _TYPES[kind](box=_box(raw["box"], f"{where}.box"), **style)  # type: ignore[call-arg]
    if kind == "polyline":
        points = raw["points"]
        if not isinstance(points, Sequence) or isinstance(points, str):
            raise _fail(f"{where}.points", "应为坐标列表。", "must be a list of points.")
        if not 2 <= len(points) <= MAX_POINTS:
            raise _fail(
                f"{where}.points",
                f"应有 2 到 {MAX_POINTS} 个点。",
                f"must have 2 to {MAX_POINTS} points.",
            )
        closed = raw.get("closed", False)
        if not isinstance(closed, bool):
            raise _fail(f"{where}.closed", "应为 true 或 false。", "must be true or false.")
        coords = tuple(_point(p, f"{where}.points[{i}]") for i, p in enumerate(points))
        return Polyline(points=coords, closed=closed, **style)
    text = raw["text"]
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
        raise _fail(
            f"{where}.text",
            f"应为 1 到 {MAX_TEXT} 个字的文字。",
            f"must be text of 1 to {MAX_TEXT} characters.",
        )
    label: dict[str, Any] = {"color": style.get("color", "#ffffff")}
    if "size" in raw:
        label["size"] = _fraction(raw["size"], f"{where}.size", low=0.005, high=0.5)
    if "background" in raw:
        label["background"] = _color(raw["background"], f"{where}.background", optional=True)
    return TextLabel(at=_point(raw["at"], f"{where}.at"), text=text, **label)


def _shape_json(shape: Shape) -> dict[str, Any]:
    if isinstance(shape, Arrow):
        return {
            "type": "arrow",
            "from": list(shape.start),
            "to": list(shape.end),
            "color": shape.color,
            "width": shape.width,
        }
    if isinstance(shape, Ellipse | Rectangle):
        kind = "ellipse" if isinstance(shape, Ellipse) else "rectangle"
        return {
            "type": kind,
            "box": list(shape.box),
            "color": shape.color,
            "width": shape.width,
            "fill": shape.fill,
        }
    if isinstance(shape, Polyline):
        return {
            "type": "polyline",
            "points": [list(p) for p in shape.points],
            "color": shape.color,
            "width": shape.width,
            "closed": shape.closed,
        }
    return {
        "type": "text",
        "at": list(shape.at),
        "text": shape.text,
        "color": shape.color,
        "size": shape.size,
        "background": shape.background,
    }


@dataclass(frozen=True, slots=True)
class Annotation:
    """An overlay: shapes drawn in order (later ones on top)."""

    shapes: tuple[Shape, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The JSON-ready form (what the photo row stores)."""
        return {"version": VERSION, "shapes": [_shape_json(s) for s in self.shapes]}

    def dumps(self) -> str:
        """The JSON text."""
        return json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, value: str | bytes | Mapping[str, Any] | None) -> Annotation:
        """Read and validate an overlay from JSON text or its parsed form (None: empty).
        Raises AnnotationError naming the first problem found."""
        if value is None:
            return cls()
        if isinstance(value, str | bytes):
            try:
                value = json.loads(value)
            except (ValueError, UnicodeDecodeError) as exc:
                raise _fail("", f"不是有效的 JSON（{exc}）。", f"not valid JSON ({exc}).") from exc
        if not isinstance(value, Mapping):
            raise _fail("", "应为 JSON 对象。", "must be a JSON object.")
        if unknown := sorted(set(value) - {"version", "shapes"}):
            raise _fail(
                "", f"未知的键 {', '.join(unknown)}。", f"unknown key {', '.join(unknown)}."
            )
        version = value.get("version", VERSION)
        if version != VERSION:
            raise _fail(
                "version",
                f"版本 {version!r} 不受支持（本程序读取版本 {VERSION}），请升级应用。",
                f"version {version!r} is not supported (this app reads version {VERSION}); "
                "update the app.",
            )
        shapes = value.get("shapes", [])
        if not isinstance(shapes, Sequence) or isinstance(shapes, str):
            raise _fail("shapes", "应为图形列表。", "must be a list of shapes.")
        if len(shapes) > MAX_SHAPES:
            raise _fail("shapes", f"最多 {MAX_SHAPES} 个图形。", f"at most {MAX_SHAPES} shapes.")
        return cls(tuple(_shape(s, f"shapes[{i}]") for i, s in enumerate(shapes)))


def load_annotation(photo: Photo) -> Annotation:
    """The overlay stored with ``photo`` (empty if none)."""
    return Annotation.from_json(photo.annotation)


def save_annotation(store: Store, photo_id: str, annotation: Annotation | None) -> Photo:
    """Store ``annotation`` with the photo (None or no shapes clears it); the file is untouched."""
    value = annotation.to_json() if annotation and annotation.shapes else None
    return store.update_photo(photo_id, annotation=value)
