"""Helpers for the report tests: a demo community with evidence photos of our own, and
reading PDFs back as text."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from fieldapp.demo import create_demo
from fieldapp.store.paths import photo_path
from fieldapp.store.store import Store

REPORT_DATE = dt.date(2026, 5, 1)


@dataclass(frozen=True)
class Demo:
    """The session's demo data directory, community and our test photos."""

    data_dir: Path
    community_id: str
    photos: dict[str, str]


def normalise(text: str) -> str:
    """Text without whitespace (pdftotext breaks Chinese lines anywhere)."""
    return "".join(text.split())


def pdf_text(path: Path) -> str:
    """The PDF's text in reading order (pdftotext -layout)."""
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def have_poppler() -> bool:
    """Whether pdftotext, pdffonts and pdftoppm are installed."""
    return all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdftoppm"))


def _jpeg(image: Image.Image, *, orientation: int = 1) -> bytes:
    exif = Image.Exif()
    if orientation != 1:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=88, exif=exif.tobytes())
    return out.getvalue()


def sideways_photo() -> bytes:
    """A photo stored sideways with EXIF orientation 6: upright it is portrait (200 × 300)
    with a red band at the top and a blue band at the bottom."""
    upright = Image.new("RGB", (200, 300), (200, 200, 200))
    draw = ImageDraw.Draw(upright)
    draw.rectangle((0, 0, 199, 59), fill=(220, 30, 30))
    draw.rectangle((0, 240, 199, 299), fill=(30, 30, 220))
    # Orientation 6 means "rotate 90° clockwise to view": store it turned the other way.
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    return _jpeg(stored, orientation=6)


def landscape_photo(seed: int) -> bytes:
    """An ordinary landscape photo (640 × 480) with a pattern depending on ``seed``."""
    image = Image.new("RGB", (640, 480), (90 + seed * 20 % 120, 120, 140))
    draw = ImageDraw.Draw(image)
    for i in range(12):
        draw.line((0, i * 40 + seed, 639, 479 - i * 30), fill=(240, 240, 240), width=3)
    return _jpeg(image)


def add_photo(store: Store, data: bytes, **fields: object) -> str:
    """Store a photo file content-addressed and record it; returns the photo id."""
    import hashlib

    sha = hashlib.sha256(data).hexdigest()
    path = photo_path(store.data_dir, sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
    photo = store.add_photo(
        sha, width=width, height=height, bytes=len(data), mime="image/jpeg", **fields
    )
    return photo.id


def build_demo(data_dir: Path) -> tuple[str, dict[str, str]]:
    """The demo community plus three photos of our own: a sideways one on the first problem,
    an annotated one on the second, one on an indicator of the checklist. Returns the
    community id and the ids of our photos by role."""
    with Store.open(data_dir) as store:
        summary = create_demo(store)
        cid = summary.community_id
        problems = store.problems(cid)
        checklist = store.submissions(cid, form_id="complete_community")[0]
        ours = {
            "sideways": add_photo(
                store,
                sideways_photo(),
                community_id=cid,
                taken_at="2026-04-14T09:30:00+08:00",
                lat=28.68,
                lon=115.88,
                caption="楼道堆放电动自行车（测试照片，EXIF 方向 6）",
            ),
            "annotated": add_photo(
                store,
                landscape_photo(1),
                community_id=cid,
                caption="燃气立管锈蚀（测试照片，带标注）",
                annotation={
                    "version": 1,
                    "shapes": [
                        {
                            "type": "ellipse",
                            "box": [0.3, 0.3, 0.6, 0.7],
                            "color": "#ff3b30",
                            "width": 0.01,
                        }
                    ],
                },
            ),
            "indicator": add_photo(
                store, landscape_photo(2), community_id=cid, caption="社区综合服务站（测试照片）"
            ),
        }
        store.link_photo(ours["sideways"], problem_id=problems[0].id)
        store.link_photo(ours["annotated"], problem_id=problems[1].id)
        store.link_photo(ours["indicator"], submission_id=checklist.id, question="wz01")
    return cid, ours
