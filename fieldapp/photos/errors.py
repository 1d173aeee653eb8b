"""The photo pipeline's error types, each with a bilingual message."""

from __future__ import annotations

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import Text

__all__ = ["AnnotationError", "PhotoError"]


class PhotoError(FieldappError):
    """A photo was refused (not an image, damaged, too large…) or could not be stored."""


class AnnotationError(PhotoError):
    """An annotation overlay is malformed; ``where`` names the offending part
    (e.g. ``shapes[2].points``)."""

    def __init__(self, text: Text, *, where: str = "") -> None:
        if where:
            text = Text(f"标注 {where}：{text.zh}", f"Annotation {where}: {text.en or text.zh}")
        else:
            text = Text(f"标注：{text.zh}", f"Annotation: {text.en or text.zh}")
        super().__init__(text)
        self.where = where
