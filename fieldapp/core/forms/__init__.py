"""The form engine: form files → validated immutable forms → live, validated form state."""

from fieldapp.core.forms.answers import coerce_answer, normalize_number_text
from fieldapp.core.forms.builtin import builtin_form, builtin_forms
from fieldapp.core.forms.judgement import IndicatorResult, ThresholdResult
from fieldapp.core.forms.loader import load_form, load_form_text
from fieldapp.core.forms.model import (
    Form,
    FormKind,
    Option,
    Question,
    QuestionType,
    Section,
    Status,
)
from fieldapp.core.forms.sampling import SamplingReport, check_sampling, satisfaction_rate
from fieldapp.core.forms.scoring import ChecklistResult, score_checklist
from fieldapp.core.forms.state import Changes, FormState

__all__ = [
    "Changes",
    "ChecklistResult",
    "Form",
    "FormKind",
    "FormState",
    "IndicatorResult",
    "Option",
    "Question",
    "QuestionType",
    "SamplingReport",
    "Section",
    "Status",
    "ThresholdResult",
    "builtin_form",
    "builtin_forms",
    "check_sampling",
    "coerce_answer",
    "load_form",
    "load_form_text",
    "normalize_number_text",
    "satisfaction_rate",
    "score_checklist",
]
