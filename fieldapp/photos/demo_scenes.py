"""The demo photos' pictures: field scenes drawn with Pillow, 1600 × 1200 like a phone's.

Simple drawings made deliberately — textured surfaces, light falling off towards the corners,
perspective — so the demo's photo grid, stamps and report pages look like what surveyors bring
back. Each takes a seeded ``random.Random`` (the same seed, the same pixels) and an optional
Chinese font for painted signs.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

__all__ = [
    "SIZE",
    "broken_paving",
    "ceiling_leak",
    "corridor",
    "cracked_facade",
    "fire_lane",
    "gas_riser",
    "waterlogging",
    "wires",
]

SIZE = (1600, 1200)
W, H = SIZE
RGB = tuple[int, int, int]
Draw = ImageDraw.ImageDraw


def _noise(rng: random.Random, scale: int) -> Image.Image:
    """Grey noise: fine grain for ``scale`` 1, soft blotches for larger ones (drawn small,
    blurred so enlarging shows no grid, stretched back to full contrast)."""
    w, h = max(2, W // scale), max(2, H // scale)
    small = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    if scale == 1:
        return small
    small = ImageOps.autocontrast(small.filter(ImageFilter.GaussianBlur(1.2)), cutoff=1)
    return small.resize(SIZE, Image.Resampling.BICUBIC)


def _scaled(mask: Image.Image, amount: float) -> Image.Image:
    return mask.point(lambda v: int(v * amount))


def _surface(
    rng: random.Random, colour: RGB, *, blotch: float = 0.18, grain: float = 0.1
) -> Image.Image:
    """A flat colour made material: large stains, smaller mottling and fine grain."""
    base = Image.new("RGB", SIZE, colour)
    dark = Image.new("RGB", SIZE, tuple(int(c * 0.6) for c in colour))
    stains = ImageChops.add(_noise(rng, 50), _noise(rng, 12), scale=2)
    base = Image.composite(dark, base, _scaled(stains, blotch * 1.6))
    return Image.composite(dark, base, _scaled(_noise(rng, 1), grain))


def _light(
    image: Image.Image, *, centre: tuple[float, float] = (0.5, 0.45), strength: float = 0.55
) -> Image.Image:
    """Light falling off from ``centre`` towards the corners, as a phone photo shows it."""
    small_w, small_h = W // 8, H // 8
    glow = Image.radial_gradient("L").resize((small_w * 2, small_h * 2))
    cx, cy = int(small_w * (1 - centre[0])), int(small_h * (1 - centre[1]))
    mask = glow.crop((cx, cy, cx + small_w, cy + small_h)).resize(SIZE, Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", SIZE, (10, 10, 12)), image, _scaled(mask, strength))


def _crack(
    draw: Draw,
    rng: random.Random,
    start: tuple[float, float],
    angle: float,
    length: float,
    width: int,
) -> None:
    """A jagged crack that wanders and forks."""
    x, y = start
    points = [(x, y)]
    steps = max(4, int(length / 18))
    for i in range(steps):
        angle += rng.uniform(-0.5, 0.5)
        x += math.cos(angle) * length / steps
        y += math.sin(angle) * length / steps
        points.append((x, y))
        if width > 1 and rng.random() < 0.12:
            fork = angle + rng.choice((-1, 1)) * rng.uniform(0.5, 1.1)
            _crack(draw, rng, (x, y), fork, length * (steps - i) / steps * 0.5, width - 1)
    draw.line(points, fill=(38, 32, 28), width=width, joint="curve")


def cracked_facade(rng: random.Random, font: ImageFont.FreeTypeFont | None) -> Image.Image:
    image = _surface(rng, (214, 196, 168), blotch=0.12, grain=0.12)
    draw = ImageDraw.Draw(image)
    tile_w, tile_h = 64, 30
    for y in range(0, H, tile_h):
        draw.line((0, y, W, y), fill=(170, 160, 145), width=3)
        offset = (y // tile_h % 2) * tile_w // 2
        for x in range(-offset, W, tile_w):
            draw.line((x, y, x, y + tile_h), fill=(170, 160, 145), width=3)
    # A patch where tiles fell off: grey render with a ragged edge.
    patch = [
        (640, 430),
        (760, 395),
        (905, 440),
        (980, 560),
        (940, 700),
        (820, 760),
        (690, 720),
        (610, 600),
    ]
    ragged = [(x + rng.randint(-14, 14), y + rng.randint(-14, 14)) for x, y in patch]
    draw.polygon(ragged, fill=(128, 126, 120), outline=(90, 86, 80))
    for _ in range(140):
        x, y = rng.randint(640, 960), rng.randint(420, 740)
        draw.point((x, y), fill=(100, 98, 94))
    for start, angle, length in (
        ((500, 150), 1.2, 600),
        ((900, 720), 1.0, 520),
        ((980, 480), -0.2, 420),
    ):
        _crack(draw, rng, start, angle, length, 4)
    draw.rectangle((120, 80, 400, 330), fill=(70, 82, 96), outline=(232, 232, 228), width=12)
    draw.line((260, 80, 260, 330), fill=(232, 232, 228), width=8)
    draw.rectangle((1180, 780, 1460, 1030), fill=(64, 76, 90), outline=(232, 232, 228), width=12)
    return _light(image, centre=(0.45, 0.4), strength=0.45)


def _bike(draw: Draw, x: float, y: float, s: float, colour: RGB) -> None:
    """An electric bicycle seen from the side, ground contact at (x, y), scale ``s``."""
    r = 95 * s
    tyre = (28, 28, 30)
    for cx in (x - 150 * s, x + 150 * s):
        draw.ellipse((cx - r, y - 2 * r, cx + r, y), outline=tyre, width=max(3, int(22 * s)))
        draw.ellipse((cx - 18 * s, y - r - 18 * s, cx + 18 * s, y - r + 18 * s), fill=(90, 90, 95))
    hub_back, hub_front = (x - 150 * s, y - r), (x + 150 * s, y - r)
    seat, head = (x - 40 * s, y - 250 * s), (x + 110 * s, y - 270 * s)
    body = [hub_back, (x - 10 * s, y - 120 * s), (x + 80 * s, y - 130 * s), hub_front]
    draw.line(body, fill=colour, width=max(3, int(20 * s)), joint="curve")
    draw.line((x - 10 * s, y - 120 * s, seat[0], seat[1]), fill=colour, width=max(3, int(18 * s)))
    draw.line((hub_front, head), fill=(60, 60, 64), width=max(3, int(16 * s)))
    draw.line(
        (head[0] - 50 * s, head[1], head[0] + 30 * s, head[1] - 10 * s),
        fill=tyre,
        width=max(3, int(14 * s)),
    )
    draw.rounded_rectangle(
        (seat[0] - 70 * s, seat[1] - 22 * s, seat[0] + 50 * s, seat[1] + 8 * s),
        radius=int(10 * s),
        fill=tyre,
    )
    draw.rounded_rectangle(
        (x - 90 * s, y - 190 * s, x + 20 * s, y - 130 * s), radius=int(8 * s), fill=(40, 40, 46)
    )
    draw.rectangle(
        (head[0] - 10 * s, head[1] + 10 * s, head[0] + 70 * s, head[1] + 70 * s),
        outline=(50, 50, 54),
        width=max(2, int(6 * s)),
    )


def corridor(rng: random.Random, font: ImageFont.FreeTypeFont | None) -> Image.Image:
    image = _surface(rng, (196, 200, 190), blotch=0.2, grain=0.08)
    draw = ImageDraw.Draw(image)
    vx, vy = 880, 520
    far = (vx - 150, vy - 190, vx + 150, vy + 170)
    draw.polygon([(0, H), (W, H), (far[2], far[3]), (far[0], far[3])], fill=(120, 112, 100))
    draw.polygon([(0, 0), (W, 0), (far[2], far[1]), (far[0], far[1])], fill=(222, 222, 214))
    draw.polygon([(0, 0), (far[0], far[1]), (far[0], far[3]), (0, H)], fill=(176, 186, 170))
    draw.polygon([(0, 760), (far[0], vy + 60), (far[0], far[3]), (0, H)], fill=(82, 120, 104))
    draw.polygon([(W, 0), (far[2], far[1]), (far[2], far[3]), (W, H)], fill=(186, 192, 180))
    draw.rectangle(far, fill=(236, 238, 226))
    draw.rectangle((vx - 60, vy - 150, vx + 60, far[3]), fill=(96, 70, 52))
    for i in range(1, 9):  # floor tile joints running to the vanishing point
        x = W * i / 9
        draw.line((x, H, far[0] + (far[2] - far[0]) * i / 9, far[3]), fill=(100, 94, 84), width=2)
    for y in (1000, 860, 770, 712):  # cross joints, spanning the floor only
        t = (H - y) / (H - far[3])
        draw.line((far[0] * t, y, W - (W - far[2]) * t, y), fill=(100, 94, 84), width=2)
    draw.ellipse((vx - 70, 80, vx + 70, 120), fill=(250, 250, 236))
    image = _light(image, centre=(0.55, 0.3), strength=0.6)
    draw = ImageDraw.Draw(image)
    _bike(draw, 330, 1130, 1.25, (40, 90, 160))
    _bike(draw, 620, 930, 0.8, (170, 40, 40))
    _bike(draw, 760, 830, 0.5, (230, 230, 230))
    # A power strip on the floor, its cable climbing to a socket.
    draw.rounded_rectangle((1010, 1050, 1170, 1085), radius=8, fill=(236, 236, 230))
    draw.line(
        [(1170, 1068), (1260, 1040), (1300, 900), (1320, 640)],
        fill=(20, 20, 20),
        width=7,
        joint="curve",
    )
    draw.line([(1010, 1068), (820, 1010), (560, 990)], fill=(20, 20, 20), width=6, joint="curve")
    draw.rectangle((1300, 600, 1345, 645), fill=(240, 240, 236), outline=(150, 150, 150), width=2)
    return image


def wires(rng: random.Random, font: ImageFont.FreeTypeFont | None) -> Image.Image:
    image = _surface(rng, (226, 222, 206), blotch=0.22, grain=0.1)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 760, W, H), fill=(70, 120, 122))  # the old painted dado of a stairwell
    draw.line((0, 760, W, 760), fill=(50, 90, 92), width=6)
    box = (520, 160, 1080, 620)
    draw.rectangle(box, fill=(150, 150, 146), outline=(96, 96, 92), width=10)
    draw.rectangle((box[0] + 20, box[1] + 20, box[2] - 20, box[3] - 20), fill=(58, 60, 62))
    for i in range(3):  # meters, the door long gone
        mx = box[0] + 50 + i * 170
        draw.rounded_rectangle((mx, 220, mx + 130, 380), radius=10, fill=(224, 224, 214))
        draw.rectangle((mx + 20, 250, mx + 110, 290), fill=(40, 60, 50))
        draw.text((mx + 28, 258), f"0{3 + i}1{7 - i}", fill=(120, 220, 150), font=font)
    colours = [
        (20, 20, 20),
        (170, 30, 30),
        (40, 40, 40),
        (200, 200, 190),
        (30, 60, 140),
        (20, 20, 20),
    ]
    for n in range(14):  # the tangle: cables sagging in every direction
        colour = colours[n % len(colours)]
        start = (rng.randint(560, 1040), rng.randint(560, 620))
        end = (rng.choice((rng.randint(-40, 200), rng.randint(1400, 1640))), rng.randint(80, 900))
        sag = rng.randint(80, 320)
        points = []
        for k in range(25):
            t = k / 24
            x = start[0] + (end[0] - start[0]) * t
            y = start[1] + (end[1] - start[1]) * t + sag * math.sin(math.pi * t)
            points.append((x, y))
        draw.line(points, fill=colour, width=rng.randint(5, 9), joint="curve")
    for x, y in ((700, 700), (905, 688), (812, 742)):  # bare copper where insulation split
        draw.line((x, y, x + 26, y + 12), fill=(200, 120, 50), width=5)
    draw.rectangle((1240, 300, 1290, 350), fill=(236, 236, 232), outline=(140, 140, 140), width=2)
    return _light(image, centre=(0.5, 0.35), strength=0.65)


def _car(draw: Draw, x: float, y: float, s: float, colour: RGB) -> None:
    """A saloon seen from the side, front to the right; (x, y) is the rear wheel's ground."""
    shade = tuple(int(c * 0.7) for c in colour)
    draw.rounded_rectangle(
        (x - 90 * s, y - 150 * s, x + 430 * s, y - 45 * s), radius=int(30 * s), fill=colour
    )
    draw.polygon(
        [
            (x + 10 * s, y - 145 * s),
            (x + 80 * s, y - 235 * s),
            (x + 270 * s, y - 235 * s),
            (x + 350 * s, y - 145 * s),
        ],
        fill=shade,
    )
    draw.polygon(
        [
            (x + 40 * s, y - 150 * s),
            (x + 95 * s, y - 220 * s),
            (x + 170 * s, y - 220 * s),
            (x + 170 * s, y - 150 * s),
        ],
        fill=(150, 175, 195),
    )
    draw.polygon(
        [
            (x + 185 * s, y - 150 * s),
            (x + 185 * s, y - 220 * s),
            (x + 260 * s, y - 220 * s),
            (x + 320 * s, y - 150 * s),
        ],
        fill=(150, 175, 195),
    )
    for cx in (x, x + 330 * s):
        draw.ellipse((cx - 52 * s, y - 104 * s, cx + 52 * s, y), fill=(25, 25, 28))
        draw.ellipse((cx - 24 * s, y - 76 * s, cx + 24 * s, y - 28 * s), fill=(170, 170, 176))
    draw.rectangle((x + 405 * s, y - 130 * s, x + 428 * s, y - 110 * s), fill=(250, 240, 200))


def fire_lane(rng: random.Random, font: ImageFont.FreeTypeFont | None) -> Image.Image:
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(0, 420):  # evening sky
        t = y / 420
        draw.line((0, y, W, y), fill=(int(120 + 90 * t), int(150 + 60 * t), int(190 + 30 * t)))
    facade = _surface(rng, (200, 186, 160), blotch=0.15, grain=0.08).crop((0, 0, W, 480))
    image.paste(facade.crop((0, 0, W, 400)), (0, 140))
    for bx in range(60, W, 190):
        for by in (190, 330):
            draw.rectangle(
                (bx, by, bx + 110, by + 90), fill=(70, 86, 100), outline=(236, 232, 222), width=6
            )
    road = _surface(rng, (92, 94, 96), blotch=0.2, grain=0.16).crop((0, 0, W, H - 540))
    image.paste(road, (0, 540))
    draw.rectangle((0, 520, W, 545), fill=(170, 168, 160))
    for x in range(-200, W + 200, 120):  # the yellow grid that marks a fire lane
        draw.line((x, 560, x + 300, H), fill=(236, 196, 40), width=10)
        draw.line((x + 300, 560, x, H), fill=(236, 196, 40), width=10)
    if font is not None:
        big = font.font_variant(size=90)
        draw.text((W / 2, 1090), "消防车通道  禁止占用", font=big, fill=(225, 50, 40), anchor="mm")
    _car(draw, 120, 880, 1.0, (235, 235, 235))
    _car(draw, 720, 900, 1.05, (40, 44, 52))
    _car(draw, 1330, 870, 0.95, (160, 30, 36))
    return _light(image, centre=(0.5, 0.6), strength=0.4)


def broken_paving(rng: random.Random, font: ImageFont.FreeTypeFont | None) -> Image.Image:
    image = _surface(rng, (70, 120, 50), blotch=0.3, grain=0.2)  # grass
    path = _surface(rng, (170, 168, 160), blotch=0.2, grain=0.14)
    mask = Image.new("L", SIZE, 0)
    ImageDraw.Draw(mask).polygon([(420, 0), (1180, 0), (1560, H), (40, H)], fill=255)
    image.paste(path, mask=mask)
    draw = ImageDraw.Draw(image)
    for y, half in ((220, 400), (500, 520), (860, 680)):  # expansion joints
        draw.line((W / 2 - half, y, W / 2 + half, y), fill=(110, 108, 100), width=4)
    pit = [(620, 640), (720, 590), (880, 610), (960, 700), (900, 800), (760, 830), (640, 760)]
    pit = [(x + rng.randint(-10, 10), y + rng.randint(-10, 10)) for x, y in pit]
    draw.polygon(pit, fill=(72, 66, 58))
    draw.polygon([(x + 12, y + 14) for x, y in pit[:5]], fill=(98, 90, 78))
    for _ in range(60):  # loose gravel in the pit
        x, y = rng.randint(660, 920), rng.randint(630, 800)
        r = rng.randint(3, 8)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(150, 146, 136))
    for start, angle in (
        ((620, 640), 3.6),
        ((960, 700), -0.4),
        ((800, 830), 1.7),
        ((720, 590), -1.8),
    ):
        _crack(draw, rng, start, angle, 380, 5)
    return _light(image, centre=(0.5, 0.55), strength=0.45)


def _soft_mask(shapes: Callable[[Draw, float], None], blur: float) -> Image.Image:
    """A mask drawn at a quarter of the size, blurred there (cheap), enlarged smoothly."""
    small = Image.new("L", (W // 4, H // 4), 0)
    shapes(ImageDraw.Draw(small), 0.25)
    return small.filter(ImageFilter.GaussianBlur(blur)).resize(SIZE, Image.Resampling.BILINEAR)


def waterlogging(rng: random.Random, font: ImageFont.FreeTypeFont | None) -> Image.Image:
    image = _surface(rng, (150, 146, 138), blotch=0.25, grain=0.14)
    wall = _surface(rng, (196, 180, 154), blotch=0.18, grain=0.08)
    image.paste(wall.crop((0, 0, W, 330)))
    draw = ImageDraw.Draw(image)
    for bx in range(40, W, 260):
        draw.rectangle((bx, 70, bx + 150, 240), fill=(70, 84, 98), outline=(232, 228, 216), width=8)
    draw.rectangle((0, 300, W, 330), fill=(112, 108, 102))
    # The puddle mirrors the wall, darkened as water does.
    reflection = Image.new("RGB", SIZE, (168, 184, 198))
    # (Lower than the true mirror line, as if the camera looked down at the water.)
    reflection.paste(
        image.crop((0, 0, W, 330)).transpose(Image.Transpose.FLIP_TOP_BOTTOM), (0, 560)
    )
    blurred = reflection.resize((W // 4, H // 4)).resize(SIZE, Image.Resampling.BILINEAR)
    reflection = Image.blend(blurred, Image.new("RGB", SIZE, (34, 50, 68)), 0.55)
    blobs = [(rng.randint(260, 1340), rng.randint(560, 1000)) for _ in range(18)]

    def puddle(d: Draw, k: float) -> None:
        for x, y in blobs:
            d.ellipse(((x - 250) * k, (y - 80) * k, (x + 250) * k, (y + 80) * k), fill=255)

    image = Image.composite(reflection, image, _soft_mask(puddle, 2))
    draw = ImageDraw.Draw(image)
    for x, y in blobs[:10]:  # rain rings on the surface
        draw.ellipse((x - 70, y - 16, x + 70, y + 16), outline=(196, 206, 214), width=2)
    draw.rectangle((1280, 930, 1470, 1040), fill=(50, 50, 50))
    for gx in range(1290, 1470, 22):
        draw.line((gx, 935, gx, 1035), fill=(118, 118, 116), width=8)
    for _ in range(30):  # leaves choking the drain
        x, y = rng.randint(1280, 1470), rng.randint(925, 1045)
        colour = rng.choice([(120, 90, 40), (90, 110, 40), (140, 110, 50)])
        angle = rng.uniform(0, math.pi)
        dx, dy = 16 * math.cos(angle), 16 * math.sin(angle)
        draw.line((x - dx, y - dy, x + dx, y + dy), fill=colour, width=12)
    return _light(image, centre=(0.5, 0.6), strength=0.4)


def gas_riser(rng: random.Random, font: ImageFont.FreeTypeFont | None) -> Image.Image:
    image = _surface(rng, (206, 200, 186), blotch=0.3, grain=0.12)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 980, W, H), fill=(120, 116, 108))
    for x in (700, 1000):
        draw.rectangle((x - 36, 0, x + 36, 980), fill=(222, 186, 40))
        draw.rectangle((x - 36, 0, x - 20, 980), fill=(240, 210, 90))  # highlight
        draw.rectangle((x + 18, 0, x + 36, 980), fill=(176, 146, 30))
        for y in (180, 520, 860):
            draw.rectangle((x - 60, y, x + 60, y + 26), fill=(90, 90, 90))
    rust = Image.new("L", SIZE, 0)
    rd = ImageDraw.Draw(rust)
    for _ in range(70):
        x = rng.choice((700, 1000)) + rng.randint(-36, 36)
        y = rng.choice((rng.randint(400, 980), rng.randint(0, 980)))
        r = rng.randint(6, 30)
        rd.ellipse((x - r, y - r * 2, x + r, y + r * 2), fill=rng.randint(150, 255))
    rust = ImageChops.multiply(rust.filter(ImageFilter.GaussianBlur(4)), _noise(rng, 3))
    pipes = Image.new("L", SIZE, 0)
    for x in (700, 1000):
        ImageDraw.Draw(pipes).rectangle((x - 36, 0, x + 36, 980), fill=255)
    image = Image.composite(
        Image.new("RGB", SIZE, (120, 60, 24)), image, ImageChops.multiply(rust, pipes)
    )
    draw = ImageDraw.Draw(image)
    draw.rectangle((640, 640, 1060, 676), fill=(214, 178, 36))  # the branch to the meters
    draw.ellipse((830, 620, 890, 700), fill=(200, 40, 30))  # a valve
    for x, y in ((705, 985), (1005, 985)):
        draw.ellipse((x - 60, y - 14, x + 60, y + 14), fill=(80, 76, 70))
    return _light(image, centre=(0.55, 0.4), strength=0.5)


def _blob(cx: float, cy: float, r: float, phases: Sequence[float]) -> list[tuple[float, float]]:
    """An irregular closed outline around (cx, cy), the shape a spreading stain takes."""
    points = []
    for i in range(120):
        t = 2 * math.pi * i / 120
        wobble = 1 + 0.14 * math.sin(3 * t + phases[0]) + 0.07 * math.sin(7 * t + phases[1])
        points.append((cx + 1.35 * r * wobble * math.cos(t), cy + r * wobble * math.sin(t)))
    return points


def ceiling_leak(rng: random.Random, font: ImageFont.FreeTypeFont | None) -> Image.Image:
    image = _surface(rng, (238, 236, 230), blotch=0.06, grain=0.05)
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 1040), (W, 960), (W, H), (0, H)], fill=(214, 210, 200))  # the wall below
    draw.line((0, 1040, W, 960), fill=(190, 186, 176), width=6)
    phases = [rng.uniform(0, 6.3) for _ in range(2)]
    rings = [
        (760 + rng.randint(-20, 20), 500 + rng.randint(-20, 20), 330 - k * 48) for k in range(6)
    ]

    def stain(d: Draw, k: float) -> None:
        for n, (cx, cy, r) in enumerate(rings):
            d.polygon([(x * k, y * k) for x, y in _blob(cx, cy, r, phases)], fill=50 + 30 * n)

    image = Image.composite(Image.new("RGB", SIZE, (156, 120, 72)), image, _soft_mask(stain, 5))
    draw = ImageDraw.Draw(image)
    for cx, cy, r in rings[::2]:  # tide lines where earlier leaks dried
        outline = _blob(cx, cy, r, phases)
        draw.line([*outline, outline[0]], fill=(150, 112, 66), width=3, joint="curve")
    for _ in range(5):  # paint curling off the wet plaster
        x, y = rng.randint(660, 880), rng.randint(440, 580)
        flake = [
            (x + rng.randint(-6, 6) + dx, y + rng.randint(-6, 6) + dy)
            for dx, dy in ((0, 0), (30, 4), (26, 22), (4, 26), (-8, 12))
        ]
        draw.polygon([(px + 3, py + 4) for px, py in flake], fill=(120, 92, 56))
        draw.polygon(flake, fill=(232, 228, 216))
    draw.rounded_rectangle(
        (1120, 150, 1480, 205), radius=22, fill=(252, 252, 246), outline=(196, 196, 190), width=4
    )
    draw.rectangle((1140, 205, 1460, 222), fill=(170, 170, 166))
    return _light(image, centre=(0.6, 0.3), strength=0.5)
