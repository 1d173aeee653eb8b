"""The demo's photos: drawn, imported through the pipeline, linked, captioned, annotated."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.photos import load_annotation, thumbnail_path
from fieldapp.photos.demo_images import SCENES, add_demo_photos
from fieldapp.store.paths import photo_path
from fieldapp.store.store import Store


def test_demo_photos(tmp_path: Path) -> None:
    with Store.open(tmp_path / "data") as store:
        project = store.create_project("演示")
        community = store.create_community(project.id, "幸福里社区")
        problems = [
            store.create_problem(
                community.id,
                f"问题 {scene.problem_code}",
                actor="王晓明",
                sub_problem_code=scene.problem_code,
                lat=28.68 + n * 1e-4,
                lon=115.89 - n * 1e-4,
            )
            for n, scene in enumerate(SCENES)
        ]
        assert add_demo_photos(store, community.id, problems, seed=7) == len(SCENES)
        photos = store.photos(community_id=community.id)
        assert len(photos) == len(SCENES) >= 8
        annotated = 0
        for problem, scene in zip(problems, SCENES, strict=True):
            (photo,) = store.photos(problem_id=problem.id)
            assert photo.caption == scene.caption
            assert (photo.width, photo.height) == (1600, 1200)
            assert photo.taken_at is not None and photo.taken_at.startswith("2026-04-14T")
            assert photo.lat == pytest.approx(problem.lat, abs=1e-4)
            assert photo.lon == pytest.approx(problem.lon, abs=1e-4)
            assert photo_path(store.data_dir, photo.sha256).is_file()
            assert thumbnail_path(store.data_dir, photo.sha256).is_file()
            annotated += bool(load_annotation(photo).shapes)
        assert 3 <= annotated < len(SCENES)
        # Run again: every picture is the same file, so nothing new is stored.
        assert add_demo_photos(store, community.id, problems, seed=7) == 0
        assert len(store.photos(community_id=community.id)) == len(SCENES)
        assert len(store.photo_links(problem_id=problems[0].id)) == 1
