"""The photo question: a strip of the answer's photos, and every way of adding more."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from fieldapp.core.errors import FieldappError
from fieldapp.ui.questions.base import QuestionWidget

if TYPE_CHECKING:
    from fieldapp.store.records import Photo
    from fieldapp.ui.photos_strip import PhotoStrip


class PhotoQuestion(QuestionWidget):
    """Photos as an answer: the value is the list of photo ids, set through the form like
    every answer (so the form's limits apply and 已保存 follows). Imported photos are also
    linked to the question and its repeat instance; a removed photo loses that link (its
    file and record stay — other answers or problems may show it)."""

    def build(self) -> None:
        from fieldapp.ui.photos_import import PhotoContext, PhotoTarget
        from fieldapp.ui.photos_strip import PhotoStrip

        controller = self.ctx.controller
        photos = self.ctx.photos
        if photos is None:
            from fieldapp.ui.ops import OpRunner

            photos = PhotoContext(controller.writer, OpRunner())
        submission = controller.submission
        target = PhotoTarget(
            submission.community_id,
            submission_id=submission.id,
            question=self.q.name,
            instance=self.instance,
        )
        self.strip: PhotoStrip = PhotoStrip(photos, target, self)
        self.strip.setObjectName(f"photos_{self.q.name}")
        self.strip.added.connect(self._added)
        self.strip.removed.connect(self._removed)
        self.body.addWidget(self.strip)
        self._shown: list[str] | None = None

    def input_widget(self) -> QWidget:
        return self.strip.add_button

    def _answer(self) -> list[str]:
        return [str(v) for v in self.state.answer(self.q.name, self.instance) or []]

    def show_value(self, value: Any) -> None:
        ids = [str(v) for v in value or []]
        if ids == self._shown:
            return  # the strip keeps its thumbnails and selection
        self._shown = ids
        reader = self.ctx.controller.writer.reader()
        photos: list[Photo | str] = []
        for photo_id in ids:
            try:
                photos.append(reader.photo(photo_id))
            except FieldappError:
                photos.append(photo_id)  # synced without its file, or deleted
        self.strip.set_photos(photos)

    def _added(self, photos: list[Photo]) -> None:
        current = self._answer()
        wanted = current + [p.id for p in photos if p.id not in current]
        if wanted == current:
            return
        if not self.commit(wanted):
            self._keep_links(current)  # refused (too many): the links follow the answer

    def _removed(self, photo_id: str) -> None:
        wanted = [p for p in self._answer() if p != photo_id]
        if self.commit(wanted or None):
            self._keep_links(wanted)

    def _keep_links(self, photo_ids: list[str]) -> None:
        from fieldapp.ui.photos_jobs import keep_answer_links

        submission_id, name, instance = (
            self.ctx.controller.submission.id,
            self.q.name,
            self.instance,
        )
        self.ctx.controller.writer.submit(
            lambda s: keep_answer_links(s, submission_id, name, instance, photo_ids),
            on_failure=lambda exc: self.show_error(getattr(exc, "text", None)),
        )
