"""The photo list model through data() (no widgets), and the writer jobs behind the photo
widgets run on a Store directly."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap

from fieldapp.photos import import_photos
from fieldapp.store import Store
from fieldapp.ui.ops import InlinePool, OpRunner
from fieldapp.ui.photos_jobs import (
    discard_unlinked,
    keep_answer_links,
    set_caption,
    set_problem_photos,
)
from fieldapp.ui.photos_model import ID_ROLE, PHOTO_ROLE, PhotoListModel

FORM = """
form: {id: photo_check, version: "1", kind: checklist, title: {zh: 照片检查表, en: Photo checklist}}
sections:
  - name: site
    label: {zh: 现场, en: Site}
    questions:
      - {name: site_photos, type: photo, label: {zh: 现场照片, en: Site photos}}
"""


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = Store.open(tmp_path / "data")
    yield s
    s.close()


def _photos(store: Store, tmp_path: Path, count: int) -> tuple[str, list]:  # type: ignore[type-arg]
    community = store.create_community(store.create_project("测试").id, "测试社区")
    files = []
    for n in range(count):
        path = tmp_path / f"p{n}.jpg"
        Image.new("RGB", (320, 240), (40 * n, 90, 160)).save(path)
        files.append(path)
    results = import_photos(store, files, community_id=community.id)
    return community.id, [r.photo for r in results]


def test_problem_links_follow_the_list_and_unused_photos_go(store: Store, tmp_path: Path) -> None:
    community_id, (a, b, c) = _photos(store, tmp_path, 3)
    problem = store.create_problem(community_id, "墙面开裂", actor="测试员")
    set_problem_photos(store, problem.id, [a.id, b.id])
    assert [link.photo_id for link in store.photo_links(problem_id=problem.id)] == [a.id, b.id]
    set_problem_photos(store, problem.id, [b.id, c.id])
    assert {link.photo_id for link in store.photo_links(problem_id=problem.id)} == {b.id, c.id}
    assert discard_unlinked(store, [a.id, b.id]) == [a.id]  # b is linked: it stays
    assert {p.id for p in store.photos(community_id=community_id)} == {b.id, c.id}
    assert set_caption(store, c.id, "  北侧  ").caption == "北侧"
    assert set_caption(store, c.id, " ").caption is None


def test_answer_links_follow_the_answer(store: Store, tmp_path: Path) -> None:
    from fieldapp.core.forms import load_form_text
    from fieldapp.store.form_session import FormSession

    community_id, (a, b) = _photos(store, tmp_path, 2)
    form = load_form_text(FORM, path="photo_check.yaml")
    submission = FormSession.start(store, form, community_id).submission
    for photo in (a, b):
        store.link_photo(photo.id, submission_id=submission.id, question="site_photos")
    keep_answer_links(store, submission.id, "site_photos", "", [b.id])
    assert [link.photo_id for link in store.photo_links(submission_id=submission.id)] == [b.id]


def test_model_rows_thumbnails_and_caption_edits(store: Store, tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    _, (a, b) = _photos(store, tmp_path, 2)
    a = store.update_photo(a.id, caption="东侧外墙")
    model = PhotoListModel(OpRunner(InlinePool()), store.data_dir)
    model.set_photos([a, "gone-from-this-device", b])
    assert model.rowCount() == 3
    first, missing = model.index(0), model.index(1)
    assert first.data() == "东侧外墙" and first.data(ID_ROLE) == a.id
    assert first.data(PHOTO_ROLE) == a
    assert missing.data() == "照片缺失" and missing.data(PHOTO_ROLE) is None
    assert "gone-from-this-device" in missing.data(Qt.ItemDataRole.ToolTipRole)
    assert "320 × 240" in first.data(Qt.ItemDataRole.ToolTipRole)
    thumb = first.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(thumb, QPixmap) and thumb.width() == 168  # read (inline pool), scaled
    assert not model.flags(missing) & Qt.ItemFlag.ItemIsEditable
    edits: list[tuple[str, str]] = []
    model.caption_edited.connect(lambda pid, caption: edits.append((pid, caption)))
    assert model.setData(model.index(2), "  南侧  ")
    assert edits == [(b.id, "南侧")] and model.index(2).data() == "南侧"
    assert not model.setData(model.index(2), "南侧")  # unchanged: nothing to store
    assert model.photo_ids() == [a.id, "gone-from-this-device", b.id]
