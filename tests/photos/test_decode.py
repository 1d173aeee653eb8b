"""Decoding and normalising: every odd input is imported correctly or refused with a reason."""

from __future__ import annotations

import io
import struct

import pillow_heif
import pytest
from photo_testkit import exif_with, jpeg_bytes, png_bytes, quadrants
from PIL import Image, ImageChops, ImageCms, ImageOps, ImageStat

from fieldapp.photos.decode import fit, normalise
from fieldapp.photos.errors import PhotoError
from fieldapp.photos.settings import PhotoSettings

SETTINGS = PhotoSettings()


def decoded(jpeg: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(jpeg))
    assert image.format == "JPEG" and image.mode == "RGB"
    return image.convert("RGB")


def close_to(image: Image.Image, other: Image.Image, tolerance: float = 10.0) -> bool:
    # Colour edges blur under JPEG chroma subsampling (mean error ~6 after two encodings);
    # a wrong flip or turn gives errors near 100.
    assert image.size == other.size
    diff = ImageStat.Stat(ImageChops.difference(image, other)).mean
    return max(diff) <= tolerance


def pixel(image: Image.Image, xy: tuple[int, int]) -> tuple[int, ...]:
    value = image.convert("RGB").getpixel(xy)
    assert isinstance(value, tuple)
    return value


def near(colour: tuple[int, ...], expected: tuple[int, int, int], tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"This is a shopping list, not a photo.\n", "Not a recognised image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "damaged or truncated"),
        (b"GIF89a" + b"\x00" * 3, "damaged or truncated"),
    ],
)
def test_non_images_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(PhotoError) as info:
        normalise(data, SETTINGS)
    assert reason in info.value.text.en and info.value.text.zh


def test_truncated_jpeg_is_refused() -> None:
    noisy = Image.frombytes("RGB", (160, 120), bytes(range(256)) * 225)
    data = jpeg_bytes(noisy)
    with pytest.raises(PhotoError) as info:
        normalise(data[: len(data) // 2], SETTINGS)
    assert "truncated" in info.value.text.en


def test_decompression_bomb_is_refused_before_decoding() -> None:
    # A 60-byte PNG whose header claims 20,000 × 20,000 pixels (1.2 GB once decoded).
    bomb = png_bytes(20_000, 20_000, 8, 2, b"\x00" * 64)
    assert len(bomb) < 200
    with pytest.raises(PhotoError) as info:
        normalise(bomb, SETTINGS)
    assert "decompression bomb" in info.value.text.en and "解压炸弹" in info.value.text.zh
    assert "about 400 MP" in info.value.text.en


@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
def test_pixel_limit_between_pillows_warning_and_error_refuses_too() -> None:
    # 12,000 × 11,000 = 132 MP: over the limit, under Pillow's hard 2× error. The app turns
    # Pillow's warning into an error (as this test's filter does); refused either way.
    with pytest.raises(PhotoError, match="decompression bomb"):
        normalise(png_bytes(12_000, 11_000, 8, 0, b"\x00"), SETTINGS)


def test_pixel_limit_holds_even_where_the_warning_filter_is_lost() -> None:
    # Test runners reset warning filters; the pipeline's own check still refuses.
    with pytest.warns(Image.DecompressionBombWarning), pytest.raises(PhotoError, match="bomb"):
        normalise(png_bytes(12_000, 11_000, 8, 0, b"\x00"), SETTINGS)


def test_configured_pixel_limit() -> None:
    data = jpeg_bytes(Image.new("RGB", (200, 100)))
    with pytest.raises(PhotoError, match="too many pixels"):
        normalise(data, PhotoSettings(max_pixels=10_000))
    assert normalise(data, PhotoSettings(max_pixels=20_000)).width == 200


def test_settings_are_validated() -> None:
    with pytest.raises(PhotoError, match="long_edge"):
        PhotoSettings(long_edge=10)
    with pytest.raises(PhotoError, match="max_pixels"):
        PhotoSettings(max_pixels=10**10)


# Each EXIF orientation: how the stored pixels relate to the upright picture. The camera
# writes raw = transform(upright); a viewer shows upright again.
ORIENTATIONS = {
    1: lambda im: im,
    2: lambda im: im.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
    3: lambda im: im.transpose(Image.Transpose.ROTATE_180),
    4: lambda im: im.transpose(Image.Transpose.FLIP_TOP_BOTTOM),
    5: lambda im: im.transpose(Image.Transpose.TRANSPOSE),
    6: lambda im: im.transpose(Image.Transpose.ROTATE_90),
    7: lambda im: im.transpose(Image.Transpose.TRANSVERSE),
    8: lambda im: im.transpose(Image.Transpose.ROTATE_270),
}


@pytest.mark.parametrize("orientation", sorted(ORIENTATIONS))
def test_every_orientation_looks_like_its_upright_twin(orientation: int) -> None:
    upright = quadrants((64, 48))
    exif = Image.Exif()
    exif[0x0112] = orientation
    raw = jpeg_bytes(ORIENTATIONS[orientation](upright), exif=exif)
    # The table above is right: Pillow's own exif_transpose agrees with it.
    assert close_to(ImageOps.exif_transpose(Image.open(io.BytesIO(raw))).convert("RGB"), upright)
    photo = normalise(raw, SETTINGS)
    image = decoded(photo.jpeg)
    assert (photo.width, photo.height) == image.size == (64, 48)
    assert close_to(image, upright)
    assert near(pixel(image, (8, 8)), (220, 30, 30))  # red stays top-left
    assert near(pixel(image, (56, 40)), (240, 240, 40))
    assert Image.open(io.BytesIO(photo.jpeg)).getexif().get(0x0112) in (None, 1)


def test_long_edge_is_bounded_and_configurable_never_enlarged() -> None:
    big = jpeg_bytes(quadrants((900, 600)))
    photo = normalise(big, PhotoSettings(long_edge=300, thumbnail_edge=64))
    assert (photo.width, photo.height) == (300, 200)
    assert close_to(decoded(photo.jpeg), quadrants((300, 200)))
    assert Image.open(io.BytesIO(photo.thumbnail)).size == (64, 43)
    portrait = normalise(jpeg_bytes(quadrants((600, 900))), PhotoSettings(long_edge=300))
    assert (portrait.width, portrait.height) == (200, 300)
    small = normalise(jpeg_bytes(quadrants((120, 80))), SETTINGS)
    assert (small.width, small.height) == (120, 80)
    assert fit((4000, 3000), 2560) == (2560, 1920)
    assert fit((3000, 4000), 2560) == (1920, 2560)


def test_large_jpeg_decodes_at_reduced_scale_to_the_same_picture() -> None:
    photo = normalise(jpeg_bytes(quadrants((2400, 1600))), PhotoSettings(long_edge=512))
    assert (photo.width, photo.height) == (512, 341)
    assert close_to(decoded(photo.jpeg), quadrants((512, 341)))


def test_cmyk_jpeg_becomes_rgb() -> None:
    cmyk = Image.new("CMYK", (40, 30), (0, 255, 255, 0))  # pure red ink
    cmyk.paste((255, 0, 0, 0), (20, 0, 40, 30))  # cyan
    photo = normalise(jpeg_bytes(cmyk), SETTINGS)
    image = decoded(photo.jpeg)
    assert near(pixel(image, (5, 15)), (255, 0, 0), 20)
    assert near(pixel(image, (35, 15)), (0, 255, 255), 20)


def test_sixteen_bit_png_is_scaled_not_clipped() -> None:
    grey = Image.frombytes("I;16", (32, 8), (b"\x00\x00" * 16 + b"\x00\x80" * 16) * 8)
    buffer = io.BytesIO()
    grey.save(buffer, "PNG")
    image = decoded(normalise(buffer.getvalue(), SETTINGS).jpeg)
    assert near(pixel(image, (4, 4)), (0, 0, 0), 3)
    assert near(pixel(image, (24, 4)), (128, 128, 128), 3)  # 32768/65535, not clipped to 255
    # And 48-bit colour: red at half scale.
    row = b"\x00" + struct.pack(">HHH", 32768, 0, 0) * 4
    colour = normalise(png_bytes(4, 4, 16, 2, row * 4), SETTINGS)
    assert near(pixel(decoded(colour.jpeg), (2, 2)), (128, 0, 0), 4)


def test_palette_and_alpha_are_flattened_onto_white() -> None:
    palette = Image.new("P", (20, 10), 0)
    palette.putpalette([0, 0, 0, 200, 40, 40] + [0] * 762)
    palette.paste(1, (10, 0, 20, 10))
    buffer = io.BytesIO()
    palette.save(buffer, "PNG", transparency=0)
    image = decoded(normalise(buffer.getvalue(), SETTINGS).jpeg)
    assert near(pixel(image, (3, 5)), (255, 255, 255))  # transparent → white
    assert near(pixel(image, (16, 5)), (200, 40, 40))
    rgba = Image.new("RGBA", (20, 10), (0, 0, 255, 0))
    rgba.paste((0, 0, 255, 255), (10, 0, 20, 10))
    buffer = io.BytesIO()
    rgba.save(buffer, "PNG")
    image = decoded(normalise(buffer.getvalue(), SETTINGS).jpeg)
    assert near(pixel(image, (3, 5)), (255, 255, 255))
    assert near(pixel(image, (16, 5)), (0, 0, 255))


def test_animated_gif_keeps_its_first_frame_with_a_note() -> None:
    frames = [Image.new("RGB", (30, 20), colour) for colour in ((200, 20, 20), (20, 20, 200))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    photo = normalise(buffer.getvalue(), SETTINGS)
    assert near(pixel(decoded(photo.jpeg), (15, 10)), (200, 20, 20), 25)
    assert any("first frame" in note.en for note in photo.notes)


def test_embedded_profiles() -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    picture = quadrants()
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=95, icc_profile=srgb)
    photo = normalise(buffer.getvalue(), SETTINGS)
    assert close_to(decoded(photo.jpeg), picture) and photo.notes == ()
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=95, icc_profile=b"not a profile at all")
    photo = normalise(buffer.getvalue(), SETTINGS)
    assert close_to(decoded(photo.jpeg), picture)
    assert any("colour profile" in note.en for note in photo.notes)
    assert "icc_profile" not in Image.open(io.BytesIO(photo.jpeg)).info


def test_heic_round_trip() -> None:
    if not pillow_heif.libheif_info().get("HEIF"):
        pytest.skip("this libheif has no HEVC encoder")
    upright = quadrants((64, 48))
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6
    ORIENTATIONS[6](upright).save(
        buffer, "HEIF", quality=95, exif=exif_with(taken_at="2026-04-12T09:30:00")
    )
    photo = normalise(buffer.getvalue(), SETTINGS)
    image = decoded(photo.jpeg)
    assert image.size == (48, 64)  # a HEIC without orientation: stored as written
    assert photo.taken_at == "2026-04-12T09:30:00"
    rotated = io.BytesIO()
    # As phones write it: an orientation pillow-heif turns into the HEIF rotation property.
    ORIENTATIONS[6](upright).save(rotated, "HEIF", quality=95, exif=exif.tobytes())
    turned = normalise(rotated.getvalue(), SETTINGS)
    assert close_to(decoded(turned.jpeg), upright)


def test_same_input_same_output() -> None:
    data = jpeg_bytes(quadrants(), exif=exif_with(taken_at="2026-04-12T09:30:00"))
    assert normalise(data, SETTINGS).sha256 == normalise(data, SETTINGS).sha256
