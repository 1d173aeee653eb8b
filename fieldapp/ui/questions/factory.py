"""The question widget factory: one class per question type (STYLE.md point 6)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from fieldapp.core.forms.model import Question, QuestionType
from fieldapp.ui.questions.base import FormContext, QuestionWidget
from fieldapp.ui.questions.choices import (
    MultipleQuestion,
    RatingQuestion,
    RatingRow,
    SingleQuestion,
    YesNoQuestion,
)
from fieldapp.ui.questions.groups import GroupQuestion, RepeatGroupQuestion
from fieldapp.ui.questions.indicator import IndicatorCard
from fieldapp.ui.questions.inputs import (
    DateQuestion,
    LocationQuestion,
    NoteQuestion,
    NumberQuestion,
    TextQuestion,
)
from fieldapp.ui.questions.photo import PhotoQuestion

WIDGETS: dict[QuestionType, type[QuestionWidget]] = {
    QuestionType.TEXT: TextQuestion,
    QuestionType.INTEGER: NumberQuestion,
    QuestionType.DECIMAL: NumberQuestion,
    QuestionType.SINGLE: SingleQuestion,
    QuestionType.MULTIPLE: MultipleQuestion,
    QuestionType.YES_NO: YesNoQuestion,
    QuestionType.DATE: DateQuestion,
    QuestionType.PHOTO: PhotoQuestion,
    QuestionType.LOCATION: LocationQuestion,
    QuestionType.RATING: RatingQuestion,
    QuestionType.NOTE: NoteQuestion,
    QuestionType.INDICATOR: IndicatorCard,
    QuestionType.GROUP: GroupQuestion,
}


def create_question(
    q: Question,
    ctx: FormContext,
    instance: str = "",
    *,
    parent: QWidget | None = None,
    grid_row: bool = False,
) -> QuestionWidget:
    """The widget for question ``q`` (of repeat instance ``instance``) inside ``parent``."""
    if q.type is QuestionType.GROUP and q.repeat:
        return RepeatGroupQuestion(q, ctx, "", parent)
    if grid_row and q.type is QuestionType.RATING:
        return RatingRow(q, ctx, instance, parent)
    return WIDGETS[q.type](q, ctx, instance, parent)
