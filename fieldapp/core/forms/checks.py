"""Whole-form checks that need every question known: references, types, cycles."""

from __future__ import annotations

from collections.abc import Iterator

from fieldapp.core.errors import FormError
from fieldapp.core.expressions import Expression
from fieldapp.core.forms.graph import (
    CycleError,
    DependencyGraph,
    build_graph,
    judgement_expressions,
)
from fieldapp.core.forms.model import (
    NUMERIC_TYPES,
    Form,
    Question,
    QuestionType,
)
from fieldapp.core.i18n import Text


def _fail(path: str, line: int | None, zh: str, en: str) -> FormError:
    return FormError(Text(zh, en), path=path, line=line)


def check_form(form: Form, *, path: str) -> DependencyGraph:
    """Raise FormError (with the line) for the first cross-reference problem in ``form``;
    return the form's dependency graph, which these checks build anyway."""
    by_name = form.by_name
    for q in by_name.values():
        for key, expr in _all_expressions(q):
            for ref in sorted(expr.references):
                target = by_name.get(ref)
                if target is None:
                    raise _fail(
                        path,
                        q.line,
                        f"“{q.name}” 的 {key} 引用了不存在的题目 ${{{ref}}}",
                        f"'{q.name}' {key} names unknown field ${{{ref}}}",
                    )
                if not target.is_answerable:
                    raise _fail(
                        path,
                        q.line,
                        f"“{q.name}” 的 {key} 引用了没有取值的 ${{{ref}}}（{target.type.value}）",
                        f"'{q.name}' {key} names ${{{ref}}}, which holds no value "
                        f"({target.type.value})",
                    )
            if expr.uses_current and key != "constraint":
                raise _fail(
                    path,
                    q.line,
                    f"“.” 只能用在 constraint 中（{q.name} 的 {key}）",
                    f"'.' may only be used in a constraint ({q.name} {key})",
                )
        if q.constraint is not None and not q.is_input:
            raise _fail(
                path,
                q.line,
                f"“{q.name}” 不可输入，不能设 constraint",
                f"'{q.name}' is not an input and cannot have a constraint",
            )
        if q.calculate is not None and q.type not in _CALCULABLE:
            raise _fail(
                path,
                q.line,
                f"{q.type.value} 题不能设 calculate",
                f"a {q.type.value} question cannot have calculate",
            )
        if q.type is QuestionType.INDICATOR:
            if q.repeat_group:
                raise _fail(
                    path,
                    q.line,
                    f"指标项 {q.code} 不能放在重复组中",
                    f"indicator {q.code} cannot be inside a repeat group",
                )
            _check_indicator(form, q, path)
        if q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE) and q.default is not None:
            values = q.default if isinstance(q.default, list) else [q.default]
            for v in values:
                if q.option(str(v)) is None:
                    raise _fail(
                        path,
                        q.line,
                        f"“{q.name}” 的默认值 “{v}” 不是选项",
                        f"default '{v}' of '{q.name}' is not an option",
                    )
    codes: dict[str, Question] = {}
    for q in form.indicators:
        if q.code in codes:
            raise _fail(
                path, q.line, f"指标编码重复：{q.code}", f"duplicate indicator code {q.code}"
            )
        codes[q.code] = q
    try:
        graph = build_graph(form)
    except CycleError as exc:
        first = by_name[exc.cycle[0]]
        raise _fail(
            path,
            first.line,
            f"循环计算：{' → '.join(exc.cycle)}",
            f"cyclic calculation: {' → '.join(exc.cycle)}",
        ) from None
    _check_sampling(form, path)
    _check_tiering(form, codes, path)
    return graph


_CALCULABLE = frozenset(
    {
        QuestionType.TEXT,
        QuestionType.INTEGER,
        QuestionType.DECIMAL,
        QuestionType.YES_NO,
        QuestionType.SINGLE,
        QuestionType.DATE,
    }
)


def _all_expressions(q: Question) -> Iterator[tuple[str, Expression]]:
    if q.relevant is not None:
        yield "relevant", q.relevant
    if q.calculate is not None:
        yield "calculate", q.calculate
    if q.constraint is not None:
        yield "constraint", q.constraint
    yield from judgement_expressions(q)


def _check_indicator(form: Form, q: Question, path: str) -> None:
    if q.source and form.sources and q.source not in form.sources:
        raise _fail(
            path,
            q.line,
            f"指标 {q.code} 的 source “{q.source}” 未在 form.sources 中定义",
            f"indicator {q.code}: source '{q.source}' is not defined in form.sources",
        )
    if q.judgement is None:
        return
    for t in q.judgement.thresholds:
        measure = form.by_name.get(t.measure)
        if measure is None:
            raise _fail(
                path,
                t.line,
                f"指标 {q.code} 的阈值引用了不存在的测量项 “{t.measure}”",
                f"indicator {q.code}: threshold names unknown measure '{t.measure}'",
            )
        if t.op in ("yes", "no"):
            if measure.type is not QuestionType.YES_NO:
                raise _fail(
                    path,
                    t.line,
                    f"指标 {q.code}：yes/no 阈值只能用于是否题，“{t.measure}” 是 {measure.type.value}",
                    f"indicator {q.code}: a yes/no threshold needs a yes_no measure, "
                    f"'{t.measure}' is {measure.type.value}",
                )
        elif measure.type not in NUMERIC_TYPES:
            raise _fail(
                path,
                t.line,
                f"指标 {q.code}：数值阈值不能用于非数值题 “{t.measure}”（{measure.type.value}）",
                f"indicator {q.code}: a numeric threshold on non-numeric question "
                f"'{t.measure}' ({measure.type.value})",
            )
        if t.source and form.sources and t.source not in form.sources:
            raise _fail(
                path,
                t.line,
                f"阈值的 source “{t.source}” 未定义",
                f"threshold source '{t.source}' is not defined",
            )


def _check_choice(form: Form, path: str, question: str, values: tuple[str, ...], what: str) -> None:
    q = form.by_name.get(question)
    if q is None or q.type not in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        raise _fail(
            path,
            None,
            f"{what} 引用的 “{question}” 不是本表的选择题",
            f"{what} names '{question}', which is not a choice question of this form",
        )
    for v in values:
        if q.option(v) is None:
            raise _fail(
                path,
                q.line,
                f"{what}：“{v}” 不是 “{question}” 的选项",
                f"{what}: '{v}' is not an option of '{question}'",
            )


def _check_sampling(form: Form, path: str) -> None:
    s = form.sampling
    if s is None:
        return
    if s.female_question:
        _check_choice(form, path, s.female_question, (s.female_value,), "sampling.female")
    if s.age_question:
        values = tuple(v for g in s.age_groups for v in g.values)
        _check_choice(form, path, s.age_question, values, "sampling.age_mix")
    if s.public_question:
        _check_choice(form, path, s.public_question, s.public_values, "sampling.public_sector")
    if s.exclude_if is not None:
        for ref in s.exclude_if.references:
            if ref not in form.by_name:
                raise _fail(
                    path,
                    None,
                    f"sampling.exclude_if 引用了不存在的题目 ${{{ref}}}",
                    f"sampling.exclude_if names unknown field ${{{ref}}}",
                )


def _check_tiering(form: Form, codes: dict[str, Question], path: str) -> None:
    if form.tiering is None:
        return
    for tier in form.tiering.tiers:
        for code in tier.items_met:
            if code not in codes:
                raise _fail(
                    path,
                    tier.line,
                    f"等级 “{tier.id}” 要求的指标 {code} 不在本表中",
                    f"tier '{tier.id}' requires indicator {code}, which is not in this form",
                )
