"""Question widgets: one small class per question type, made by :func:`create_question`."""

from fieldapp.ui.questions.base import FormContext, QuestionWidget
from fieldapp.ui.questions.factory import create_question

__all__ = ["FormContext", "QuestionWidget", "create_question"]
