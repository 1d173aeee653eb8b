"""The immutable form definition: what a form file becomes once loaded and validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from fieldapp.core.i18n import Text

if TYPE_CHECKING:
    from fieldapp.core.expressions import Expression
    from fieldapp.core.forms.graph import DependencyGraph


class QuestionType(StrEnum):
    """Every question type a form may use."""

    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    SINGLE = "single"
    MULTIPLE = "multiple"
    YES_NO = "yes_no"
    DATE = "date"
    PHOTO = "photo"
    LOCATION = "location"
    RATING = "rating"
    NOTE = "note"
    INDICATOR = "indicator"
    GROUP = "group"


NUMERIC_TYPES = frozenset({QuestionType.INTEGER, QuestionType.DECIMAL, QuestionType.RATING})
# Types that hold no answer of their own.
CONTAINER_TYPES = frozenset({QuestionType.GROUP, QuestionType.NOTE})


class FormKind(StrEnum):
    """What a form is used for; decides which reports and rules apply to it."""

    CHECKLIST = "checklist"
    QUESTIONNAIRE = "questionnaire"
    SURVEY = "survey"


class Status(StrEnum):
    """The judgement of one indicator item."""

    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"
    PENDING = "pending"

    @property
    def label(self) -> Text:
        """The status as users read it."""
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.MET: Text("达标", "Met"),
    Status.PARTLY_MET: Text("基本达标", "Partly met"),
    Status.NOT_MET: Text("不达标", "Not met"),
    Status.NOT_APPLICABLE: Text("不适用", "Not applicable"),
    Status.PENDING: Text("待判定", "Pending"),
}

# Statuses a surveyor may set by override (pending is never a judgement).
OVERRIDE_STATUSES = frozenset(
    {Status.MET, Status.PARTLY_MET, Status.NOT_MET, Status.NOT_APPLICABLE}
)


@dataclass(frozen=True, slots=True)
class Option:
    """One choice of a single/multiple question or of a rating scale."""

    value: str
    label: Text
    exclusive: bool = False
    maps_to: tuple[str, ...] = ()
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Scale:
    """A named rating scale (e.g. the 5-point satisfaction scale)."""

    name: str
    options: tuple[Option, ...]


@dataclass(frozen=True, slots=True)
class Threshold:
    """One condition an indicator's measured value must meet."""

    measure: str
    op: str
    value: float | None
    partly: float | None = None
    veto: bool = False
    when: Expression | None = None
    source: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Judgement:
    """The rule deriving an indicator's status from its measures (see docs/forms.md)."""

    thresholds: tuple[Threshold, ...] = ()
    not_applicable: Expression | None = None
    met_if: Expression | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """One question (or group, note, indicator item) of a form."""

    name: str
    type: QuestionType
    label: Text
    line: int | None = None
    hint: Text | None = None
    required: bool = False
    read_only: bool = False
    relevant: Expression | None = None
    constraint: Expression | None = None
    constraint_message: Text | None = None
    calculate: Expression | None = None
    default: object = None
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    multiline: bool = False
    options: tuple[Option, ...] = ()
    max_select: int | None = None
    ordered: bool = False
    max_count: int | None = None
    provenance: bool = False
    scale: Scale | None = None
    maps_to: tuple[str, ...] = ()
    role: str = ""
    # group
    children: tuple[Question, ...] = ()
    repeat: bool = False
    repeat_source: str = ""
    # indicator item
    code: str = ""
    requirement: Text | None = None
    source: str = ""
    verification: str = ""
    baseline: bool = False
    problem_type: str = ""
    judgement: Judgement | None = None
    # set by the loader: the enclosing repeat group, section, indicator and parent (if any)
    repeat_group: str = ""
    parent: str = ""
    section: str = ""
    indicator: str = ""

    @property
    def is_answerable(self) -> bool:
        """Whether the question holds a value (groups and notes do not)."""
        return self.type not in CONTAINER_TYPES

    @property
    def is_input(self) -> bool:
        """Whether a person types or picks its value (not calculated, not display only)."""
        return self.is_answerable and self.calculate is None and not self.read_only

    def option(self, value: str) -> Option | None:
        """The option with ``value``, from the question's options or its scale."""
        for opt in self.choices:
            if opt.value == value:
                return opt
        return None

    @property
    def choices(self) -> tuple[Option, ...]:
        """The options a value is chosen from: the question's own, else its scale's."""
        if self.options:
            return self.options
        return self.scale.options if self.scale else ()


@dataclass(frozen=True, slots=True)
class Section:
    """A page of the form; in a checklist, a category of indicator items."""

    name: str
    label: Text
    questions: tuple[Question, ...]
    category: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class AgeGroup:
    """One age band of the sampling rules with its target share."""

    label: Text
    values: tuple[str, ...]
    share: float


@dataclass(frozen=True, slots=True)
class Sampling:
    """The resident-survey sampling rules of a questionnaire."""

    min_valid: int = 0
    female_question: str = ""
    female_value: str = ""
    female_max_share: float | None = None
    age_question: str = ""
    age_groups: tuple[AgeGroup, ...] = ()
    age_tolerance: float = 0.05
    public_question: str = ""
    public_values: tuple[str, ...] = ()
    public_max_share: float | None = None
    exclude_if: Expression | None = None


@dataclass(frozen=True, slots=True)
class Tier:
    """One tier (基础类/品质类/示范类) and what it requires."""

    id: str
    label: Text
    no_baseline_failures: bool = False
    items_met: tuple[str, ...] = ()
    met_rate_min: float | None = None
    score_min: float | None = None
    satisfaction_min: float | None = None
    all_met: bool = False
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Tiering:
    """The tier rule of a checklist, as data (a product suggestion, not an official rule)."""

    tiers: tuple[Tier, ...]
    item_scores: dict[str, float] = field(default_factory=dict)
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class Form:
    """A loaded, validated form: immutable and identified by (id, version)."""

    id: str
    version: str
    kind: FormKind
    title: Text
    sections: tuple[Section, ...]
    description: Text | None = None
    sources: dict[str, Text] = field(default_factory=dict)
    scales: dict[str, Scale] = field(default_factory=dict)
    sampling: Sampling | None = None
    tiering: Tiering | None = None
    path: str = ""
    sha256: str = ""
    # The file text, kept so that the store can reload this exact version later.
    source_text: str = field(default="", compare=False, repr=False)
    # Derived by the loader for fast lookups; every question by name, in form order.
    by_name: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)
    graph: DependencyGraph | None = field(default=None, compare=False, repr=False)

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question at every depth, in form order."""
        return tuple(self.by_name.values())

    def question(self, name: str) -> Question:
        """The question called ``name`` (KeyError if the form has none)."""
        return self.by_name[name]

    @property
    def indicators(self) -> tuple[Question, ...]:
        """The indicator items, in form order."""
        return tuple(q for q in self.by_name.values() if q.type is QuestionType.INDICATOR)

    @property
    def answerable(self) -> tuple[Question, ...]:
        """The questions that hold a value, in form order."""
        return tuple(q for q in self.by_name.values() if q.is_answerable)

    @property
    def categories(self) -> tuple[Section, ...]:
        """The sections that are indicator categories."""
        return tuple(s for s in self.sections if s.category)

    def summary(self) -> dict[str, object]:
        """The facts `fieldapp forms list --json` prints for this form."""
        info: dict[str, object] = {
            "id": self.id,
            "version": self.version,
            "title": self.title.zh,
            "title_en": self.title.en,
            "kind": self.kind.value,
            "question_count": len(self.answerable),
            "section_count": len(self.sections),
        }
        if self.kind is FormKind.CHECKLIST:
            info["category_count"] = len(self.categories)
            info["indicator_count"] = len(self.indicators)
        return info
