"""Errors cross process boundaries (photo workers) with their message and details intact."""

from __future__ import annotations

import pickle

from fieldapp.core.errors import FormError, NotFoundError
from fieldapp.core.i18n import Text
from fieldapp.photos.errors import AnnotationError


def test_errors_survive_pickling() -> None:
    for error in (
        NotFoundError(Text("找不到社区。", "No such community.")),
        FormError(Text("缺少题目。", "No questions."), path="forms/x.yaml", line=3),
        AnnotationError(Text("点数不足。", "Too few points."), where="shapes[2]"),
    ):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert copy.text == error.text and str(copy) == str(error)
        assert vars(copy) == vars(error)
