"""Decode a photo safely and normalise it: an upright sRGB JPEG of bounded size, a thumbnail,
and the metadata worth keeping.

Safety first: only the image formats a camera or phone produces are parsed (never EPS, which
would run Ghostscript); the pixel count is checked from the header before any pixel is decoded,
against Pillow's decompression-bomb limit (set here, explicitly) and the settings; a bomb is
refused, not warned about; truncated and damaged files are refused with a reason instead of
being padded with grey. Everything here is pure CPU work on bytes, safe to run in threads
(Pillow releases the GIL while decoding, resizing and encoding).
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pillow_heif
from PIL import Image, ImageCms, UnidentifiedImageError

from fieldapp.core.i18n import Text
from fieldapp.photos.errors import PhotoError
from fieldapp.photos.exif import PhotoMetadata, exif_to_store, read_metadata
from fieldapp.photos.kept_warm import KeptWarm
from fieldapp.photos.settings import PIXEL_LIMIT, PhotoSettings

__all__ = [
    "ALLOWED_FORMATS",
    "NormalisedPhoto",
    "encode_jpeg",
    "fit",
    "normalise",
    "open_image",
    "pillow_block_cache",
    "read_source",
]

# JPEG covers MPO (multi-picture JPEGs from phones), which has no opener of its own.
ALLOWED_FORMATS = ("JPEG", "PNG", "HEIF", "AVIF", "WEBP", "TIFF", "GIF", "BMP")
# Downscaling by less than 2× (12 MP → 2560 px), Hamming is as sharp to the eye as Lanczos at
# half its cost, which is what keeps a 12 MP ingest near 250 ms on one slow core.
RESAMPLE = Image.Resampling.HAMMING
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

pillow_heif.register_heif_opener()
Image.MAX_IMAGE_PIXELS = PIXEL_LIMIT
# Process-wide on purpose: warnings.catch_warnings() is not thread-safe, and no part of the app
# wants a bomb decoded after a warning. Pillow's "Corrupt EXIF data" warnings become notes.
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)
warnings.filterwarnings("ignore", message="Corrupt EXIF data", module=r"PIL\.TiffImagePlugin")

NOTE_ANIMATED = Text(
    "动态图片：只导入了第一帧。", "Animated image: only the first frame was imported."
)
NOTE_PROFILE = Text(
    "无法识别照片的颜色配置文件，按 sRGB 处理。",
    "The photo's colour profile is unreadable; treated as sRGB.",
)


_PILLOW_CORE: Any = Image.core  # type: ignore[attr-defined]  # Pillow's C module
BLOCKS_PER_WORKER = 8  # Pillow allocates in 16 MB blocks; a 12 MP photo passes through ~7


class _BlockCache(KeptWarm[None]):
    """Pillow's cache of freed memory blocks, on while photos are processed.

    Without it every 12 MP ingest maps ~100 MB of fresh pages and faults each one in: about
    80 ms of kernel time per photo, measured, against 15–45 ms with the cache. The cache is
    process-wide, so overlapping imports share it; it is emptied KEEP_WARM_S after the last.
    """

    def __init__(self) -> None:
        super().__init__()
        self._previous: int | None = None

    def _acquire(self, size: int, *, shared: bool) -> None:
        if self._previous is None:
            self._previous = _PILLOW_CORE.get_blocks_max()
        _PILLOW_CORE.set_blocks_max(max(_PILLOW_CORE.get_blocks_max(), BLOCKS_PER_WORKER * size))

    def _release(self) -> None:
        if self._previous is not None:
            _PILLOW_CORE.set_blocks_max(self._previous)
            _PILLOW_CORE.clear_cache()
            self._previous = None
        return None


pillow_block_cache = _BlockCache()


@dataclass(frozen=True, slots=True)
class NormalisedPhoto:
    """The stored JPEG (and its SHA-256), its thumbnail, size after orientation, metadata."""

    jpeg: bytes
    sha256: str
    thumbnail: bytes
    width: int
    height: int
    taken_at: str | None
    lat: float | None
    lon: float | None
    notes: tuple[Text, ...]


def read_source(path: Path, settings: PhotoSettings) -> bytes:
    """The bytes of the file at ``path``; PhotoError for a missing, empty, oversized or
    unreadable file, or a folder."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise PhotoError(Text("这是文件夹，不是图片文件。", "This is a folder, not a file."))
        if size == 0:
            raise PhotoError(Text("文件为空（0 字节）。", "The file is empty (0 bytes)."))
        limit = settings.max_file_mb * 1024 * 1024
        if size > limit:
            raise PhotoError(
                Text(
                    f"文件过大（{size / 2**20:.0f} MB，上限 {settings.max_file_mb} MB）。",
                    f"The file is too large ({size / 2**20:.0f} MB; the limit is "
                    f"{settings.max_file_mb} MB).",
                )
            )
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise PhotoError(Text("文件不存在。", "The file does not exist.")) from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise PhotoError(
            Text(f"无法读取文件：{reason}。", f"The file cannot be read: {reason}.")
        ) from exc


def _bomb(pixels: int, limit: int, size: tuple[int, int] | None = None) -> PhotoError:
    shown = f"{size[0]}×{size[1]}，" if size else ""
    shown_en = f"{size[0]}×{size[1]}, " if size else ""
    return PhotoError(
        Text(
            f"图片像素过多（{shown}约 {pixels / 1e6:.0f} 百万像素，上限 {limit / 1e6:.0f} 百万像素），"
            "可能是解压炸弹，已拒绝。",
            f"The image has too many pixels ({shown_en}about {pixels / 1e6:.0f} MP; the limit is "
            f"{limit / 1e6:.0f} MP) and may be a decompression bomb; refused.",
        )
    )


def _damaged(exc: BaseException) -> PhotoError:
    detail = str(exc) or type(exc).__name__
    return PhotoError(
        Text(
            f"图片已损坏或不完整，无法解码（{detail}）。",
            f"The image is damaged or truncated and cannot be decoded ({detail}).",
        )
    )


def open_image(data: bytes, *, max_pixels: int = PIXEL_LIMIT) -> Image.Image:
    """Open ``data`` lazily (header only) after checking its format and pixel count."""
    try:
        image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
    except UnidentifiedImageError as exc:
        if _signature(data):
            raise _damaged(ValueError(f"{_signature(data)} header unreadable")) from exc
        raise PhotoError(
            Text(
                "不是可识别的图片（支持 JPEG、PNG、HEIC/HEIF、WebP、TIFF、GIF、BMP）。",
                "Not a recognised image (supported: JPEG, PNG, HEIC/HEIF, WebP, TIFF, GIF, BMP).",
            )
        ) from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _bomb(_claimed_pixels(exc), PIXEL_LIMIT) from exc
    except Exception as exc:  # parsers raise anything on malformed headers
        raise _damaged(exc) from exc
    width, height = image.size
    if width < 1 or height < 1:
        raise _damaged(ValueError(f"size {width}×{height}"))
    if width * height > max_pixels:
        raise _bomb(width * height, max_pixels, (width, height))
    return image


_SIGNATURES = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF8", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
)


def _signature(data: bytes) -> str | None:
    """The image format ``data`` claims by its first bytes (to tell damaged from foreign)."""
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"avif"):
        return "HEIF"
    return None


def _claimed_pixels(exc: BaseException) -> int:
    # Pillow's message carries only the pixel count: "Image size (400000000 pixels) exceeds…"
    match = re.search(r"\((\d+) pixels\)", str(exc))
    return int(match.group(1)) if match else 0


def fit(size: tuple[int, int], long_edge: int) -> tuple[int, int]:
    """``size`` scaled down (never up) so its longer side is at most ``long_edge``."""
    width, height = size
    scale = long_edge / max(width, height)
    if scale >= 1:
        return size
    return max(1, round(width * scale)), max(1, round(height * scale))


def _flatten(image: Image.Image) -> Image.Image:
    """An image in RGB, CMYK or L: alpha composited onto white (JPEG has none, and white is
    what paper shows), palettes expanded, 16-bit scaled to 8-bit (not clipped)."""
    mode = image.mode
    if mode in ("RGB", "CMYK", "L"):
        return image
    if mode == "P":
        mode = "RGBA" if "transparency" in image.info else "RGB"
        image = image.convert(mode)
    elif mode in ("PA", "LA", "La", "RGBa", "RGBX"):
        image = image.convert("RGBA")
        mode = "RGBA"
    if mode == "RGBA":
        white = Image.new("RGB", image.size, (255, 255, 255))
        white.paste(image.convert("RGB"), mask=image.getchannel("A"))
        return white
    if mode.startswith("I;16") or mode == "I":
        wide = image.convert("I")
        _, high = wide.getextrema()
        if mode == "I" and isinstance(high, int) and high <= 255:
            return wide.convert("L")
        return wide.point(lambda v: v * (1 / 256)).convert("L")
    if mode == "1" or mode == "F":
        return image.convert("L")
    return image.convert("RGB")


@lru_cache(maxsize=16)
def _transform(icc: bytes, mode: str) -> ImageCms.ImageCmsTransform | None:
    """A cached transform from the embedded profile to sRGB; None if it is already sRGB."""
    source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    if "srgb" in (ImageCms.getProfileDescription(source) or "").lower():
        return None
    # NOCACHE: lcms's one-pixel cache is not safe when threads share a transform.
    return ImageCms.buildTransform(
        source,
        ImageCms.createProfile("sRGB"),
        mode,
        "RGB",
        renderingIntent=ImageCms.Intent.PERCEPTUAL,
        flags=ImageCms.Flags.NOCACHE,
    )


def _to_srgb(image: Image.Image, icc: bytes | None) -> tuple[Image.Image, tuple[Text, ...]]:
    if icc:
        try:
            transform = _transform(icc, image.mode)
            if transform is not None:
                return ImageCms.applyTransform(image, transform), ()  # type: ignore[return-value]
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            return image.convert("RGB"), (NOTE_PROFILE,)
    return (image if image.mode == "RGB" else image.convert("RGB")), ()


def encode_jpeg(image: Image.Image, *, quality: int, exif: bytes = b"") -> bytes:
    """``image`` as baseline JPEG bytes (4:2:0), with ``exif`` if given and nothing else."""
    buffer = io.BytesIO()
    options: dict[str, object] = {"quality": quality}
    if exif:
        options["exif"] = exif
    image.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def thumbnail_of(image: Image.Image, edge: int) -> Image.Image:
    """A small copy whose longer side is ``edge`` (box-reduced first, then resampled)."""
    factor = max(1, max(image.size) // edge)
    reduced = image.reduce(factor) if factor > 1 else image
    return reduced.resize(fit(image.size, edge), RESAMPLE)


def normalise(data: bytes, settings: PhotoSettings) -> NormalisedPhoto:
    """Decode ``data`` and produce the photo to store. Raises PhotoError with the reason when
    the file is refused (not an image, too many pixels, damaged or truncated)."""
    image = open_image(data, max_pixels=settings.max_pixels)
    notes: list[Text] = []
    if image.format in ("GIF", "PNG", "WEBP") and getattr(image, "is_animated", False):
        notes.append(NOTE_ANIMATED)
    meta: PhotoMetadata = read_metadata(image)
    notes += meta.notes
    target = fit(image.size, settings.long_edge)
    if image.format in ("JPEG", "MPO"):
        image.draft(None, target)  # decode big JPEGs at 1/2, 1/4 or 1/8 scale: far faster
    icc = image.info.get("icc_profile")
    try:
        image.load()
        image = _flatten(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _bomb(image.width * image.height, PIXEL_LIMIT, image.size) from exc
    except Exception as exc:  # truncated data, broken streams, bad palettes…
        raise _damaged(exc) from exc
    if image.size != target:
        image = image.resize(target, RESAMPLE)
    image, profile_notes = _to_srgb(image, icc if isinstance(icc, bytes) else None)
    notes += profile_notes
    if meta.orientation in _TRANSPOSE:
        image = image.transpose(_TRANSPOSE[meta.orientation])
    jpeg = encode_jpeg(
        image,
        quality=settings.jpeg_quality,
        exif=exif_to_store(meta, keep_all=settings.keep_exif),
    )
    thumbnail = encode_jpeg(
        thumbnail_of(image, settings.thumbnail_edge), quality=settings.thumbnail_quality
    )
    return NormalisedPhoto(
        jpeg=jpeg,
        sha256=hashlib.sha256(jpeg).hexdigest(),
        thumbnail=thumbnail,
        width=image.width,
        height=image.height,
        taken_at=meta.taken_at,
        lat=meta.lat,
        lon=meta.lon,
        notes=tuple(dict.fromkeys(notes)),
    )
