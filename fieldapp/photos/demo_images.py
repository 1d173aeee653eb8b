"""Photos for the demo community: field scenes drawn with Pillow (nothing copyrighted), with
EXIF capture time and GPS beside each problem, imported through the real pipeline and linked
to their problems; a few carry annotations.

The pictures are drawn in :mod:`fieldapp.photos.demo_scenes`; every pixel comes from a seeded
generator, so the same seed gives the same files (and hashes).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageFont

from fieldapp.core.fonts import FontNotFoundError, find_cjk_font
from fieldapp.photos import demo_scenes as scenes
from fieldapp.photos.annotation import (
    Annotation,
    Arrow,
    Ellipse,
    Polyline,
    Rectangle,
    Shape,
    TextLabel,
    save_annotation,
)
from fieldapp.photos.exif import PhotoMetadata, exif_to_store
from fieldapp.photos.ingest import import_photos

if TYPE_CHECKING:
    from fieldapp.store.records import Problem
    from fieldapp.store.store import Store

__all__ = ["SCENES", "add_demo_photos", "draw_scene"]

SceneFn = Callable[[random.Random, ImageFont.FreeTypeFont | None], Image.Image]


@dataclass(frozen=True, slots=True)
class Scene:
    """One demo photo: the problem it shows, the drawing, a caption and an annotation."""

    problem_code: str
    draw: SceneFn
    caption: str
    shapes: tuple[Shape, ...] = ()


SCENES: tuple[Scene, ...] = (
    Scene(
        "H04-1",
        scenes.cracked_facade,
        "3 号楼北立面面砖空鼓、开裂、局部脱落",
        (
            Polyline(
                points=(
                    (0.37, 0.32),
                    (0.49, 0.3),
                    (0.63, 0.36),
                    (0.63, 0.62),
                    (0.5, 0.66),
                    (0.37, 0.6),
                ),
                closed=True,
                color="#ffcc00",
                width=0.008,
            ),
            TextLabel(at=(0.62, 0.66), text="面砖脱落约 18 m²"),
        ),
    ),
    Scene(
        "H03-8",
        scenes.corridor,
        "1 号楼一层楼道停放电动自行车并飞线充电",
        (
            Rectangle(box=(0.08, 0.5, 0.56, 0.96), width=0.007),
            Arrow(start=(0.86, 0.72), end=(0.72, 0.87), width=0.009),
            TextLabel(at=(0.6, 0.56), text="楼道充电 堵塞疏散通道"),
        ),
    ),
    Scene(
        "H06-3",
        scenes.wires,
        "3 号楼 2 单元楼道线缆老化裸露，电表箱门缺失",
        (
            Ellipse(box=(0.3, 0.42, 0.72, 0.66), color="#ffcc00", width=0.008),
            TextLabel(at=(0.06, 0.08), text="线缆裸露 触电隐患"),
        ),
    ),
    Scene("C14-2", scenes.fire_lane, "东门内侧消防车通道被私家车占用"),
    Scene(
        "C18-1",
        scenes.broken_paving,
        "中心广场至东门步行道路面开裂、坑洼",
        (
            Ellipse(box=(0.36, 0.46, 0.63, 0.72), width=0.008),
            TextLabel(at=(0.63, 0.4), text="坑洼 高差 > 3 cm"),
        ),
    ),
    Scene("C18-3", scenes.waterlogging, "5 号楼北侧步行道雨后积水，雨水口堵塞"),
    Scene("H02-1", scenes.gas_riser, "一区室外燃气立管锈蚀"),
    Scene("H04-4", scenes.ceiling_leak, "7 号楼顶层户内顶棚渗水痕迹"),
)


def draw_scene(scene: Scene, seed: int, font: ImageFont.FreeTypeFont | None = None) -> Image.Image:
    """The picture of ``scene`` for ``seed``."""
    return scene.draw(random.Random(f"{seed}:{scene.problem_code}"), font)


def _font() -> ImageFont.FreeTypeFont | None:
    try:
        found = find_cjk_font()
    except FontNotFoundError:
        return None  # the pictures simply carry no painted words
    return ImageFont.truetype(str(found.path), 40, index=found.index)


def add_demo_photos(
    store: Store, community_id: str, problems: Sequence[Problem], *, seed: int = 2026
) -> int:
    """Draw the scenes, give each EXIF time and position beside its problem, import them
    through the pipeline, link them to their problems, caption and annotate them; returns
    how many photos were added."""
    by_code = {p.sub_problem_code: p for p in problems}
    rng = random.Random(seed)
    font = _font()
    day = dt.datetime(2026, 4, 14, 9, 12, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    added = 0
    with tempfile.TemporaryDirectory(prefix="fieldapp-demo-photos-") as tmp:
        files: list[tuple[Path, Scene, Problem, bytes]] = []
        for n, scene in enumerate(SCENES):
            problem = by_code.get(scene.problem_code)
            if problem is None or problem.lat is None or problem.lon is None:
                continue
            minutes = 17 * n + rng.randint(0, 9)
            taken = day + dt.timedelta(minutes=minutes, seconds=rng.randint(0, 59))
            meta = PhotoMetadata(
                taken_at=taken.isoformat(),
                lat=problem.lat + rng.uniform(-0.00004, 0.00004),
                lon=problem.lon + rng.uniform(-0.00004, 0.00004),
            )
            path = Path(tmp) / f"IMG_20260414_{n + 1:04d}.jpg"
            files.append((path, scene, problem, exif_to_store(meta, keep_all=False)))

        def draw(path: Path, scene: Scene, exif: bytes) -> None:
            # Each thread its own font object: a FreeType face must not be shared.
            face = font.font_variant() if font is not None else None
            draw_scene(scene, seed, face).save(path, quality=90, exif=exif)

        with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
            for job in [pool.submit(draw, f, s, e) for f, s, _, e in files]:
                job.result()
        results = import_photos(store, [f for f, _, _, _ in files], community_id=community_id)
    for result, (_, scene, problem, _) in zip(results, files, strict=True):
        if result.status != "imported" or result.photo is None:
            continue  # already there (a second demo run): linked and captioned then
        store.link_photo(result.photo.id, problem_id=problem.id)
        store.update_photo(result.photo.id, caption=scene.caption)
        if scene.shapes:
            save_annotation(store, result.photo.id, Annotation(tuple(scene.shapes)))
        added += 1
    return added
