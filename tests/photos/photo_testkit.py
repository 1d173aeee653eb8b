"""Helpers shared by the photo tests (importable: pytest puts tests/photos on sys.path)."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from fieldapp.photos.exif import PhotoMetadata, exif_to_store
from fieldapp.store.records import Community, Problem
from fieldapp.store.store import Store


@dataclass(frozen=True)
class Place:
    """What the ``place`` fixture gives: a store with one community and one problem."""

    store: Store
    community: Community
    problem: Problem


def files_under(folder: Path) -> list[Path]:
    """Every file under ``folder`` (the photo store's tree), sorted."""
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def quadrants(size: tuple[int, int] = (64, 48)) -> Image.Image:
    """An asymmetric picture: four solid colours, so any flip or turn shows."""
    w, h = size
    image = Image.new("RGB", size, (220, 30, 30))  # top-left red
    image.paste((30, 200, 30), (w // 2, 0, w, h // 2))  # top-right green
    image.paste((30, 30, 220), (0, h // 2, w // 2, h))  # bottom-left blue
    image.paste((240, 240, 40), (w // 2, h // 2, w, h))  # bottom-right yellow
    return image


def jpeg_bytes(image: Image.Image, *, exif: bytes | Image.Exif = b"", quality: int = 95) -> bytes:
    buffer = io.BytesIO()
    options: dict[str, object] = {"quality": quality}
    if exif:
        options["exif"] = exif
    image.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def exif_with(
    *, taken_at: str | None = None, lat: float | None = None, lon: float | None = None
) -> bytes:
    return exif_to_store(PhotoMetadata(taken_at=taken_at, lat=lat, lon=lon), keep_all=False)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def png_bytes(width: int, height: int, bit_depth: int, colour_type: int, raw: bytes) -> bytes:
    """A PNG written by hand, so its header can claim anything."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
