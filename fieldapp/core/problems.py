"""Problem records' vocabulary: categories, sub-problem codes, severities, classes, statuses.

Loaded from ``forms/problem_taxonomy.yaml`` so provinces can extend it without code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from fieldapp.core.errors import FieldappError, FormError
from fieldapp.core.forms.builtin import TAXONOMY_FILE, builtin_resource_text
from fieldapp.core.forms.yaml_lines import LineList, LineMap, load_yaml_with_lines
from fieldapp.core.i18n import Text


@dataclass(frozen=True, slots=True)
class Term:
    """One value of a vocabulary (a severity, a class, a status...)."""

    value: str
    label: Text
    next: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SubProblem:
    """A sub-problem code (e.g. H03-5) a problem record links to."""

    code: str
    label: Text
    indicator: str
    category: str
    default_severity: str
    default_class: str


@dataclass(frozen=True, slots=True)
class Category:
    """A problem category with its indicators and sub-problems."""

    code: str
    label: Text
    indicators: tuple[str, ...]
    sub_problems: tuple[SubProblem, ...]


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """Every vocabulary a problem record uses."""

    version: str
    severities: tuple[Term, ...]
    difficulties: tuple[Term, ...]
    classes: tuple[Term, ...]
    remediation_types: tuple[Term, ...]
    responsible_units: tuple[Term, ...]
    statuses: tuple[Term, ...]
    categories: tuple[Category, ...]

    def sub_problem(self, code: str) -> SubProblem | None:
        """The sub-problem with ``code``, if any."""
        for c in self.categories:
            for s in c.sub_problems:
                if s.code == code:
                    return s
        return None

    def vocabulary(self, field: str) -> tuple[Term, ...]:
        """The terms of one problem field (severity, difficulty, resolution_class, ...)."""
        return {
            "severity": self.severities,
            "difficulty": self.difficulties,
            "resolution_class": self.classes,
            "remediation_type": self.remediation_types,
            "responsible_unit": self.responsible_units,
            "status": self.statuses,
        }[field]

    def check(self, field: str, value: str) -> None:
        """Raise FieldappError if ``value`` is not a term of ``field``."""
        terms = self.vocabulary(field)
        if value not in {t.value for t in terms}:
            allowed = "、".join(f"{t.value}（{t.label.zh}）" for t in terms)
            raise FieldappError(
                Text(
                    f"{field} 的值 “{value}” 无效，可用：{allowed}",
                    f"invalid {field} '{value}'; allowed: " + ", ".join(t.value for t in terms),
                )
            )

    def can_move(self, from_status: str, to_status: str) -> bool:
        """Whether a problem may move from one status to another."""
        for t in self.statuses:
            if t.value == from_status:
                return to_status in t.next
        return False


def _fail(path: str, line: int | None, zh: str, en: str) -> FormError:
    return FormError(Text(zh, en), path=path, line=line)


def _label(node: LineMap, path: str) -> Text:
    label = node.get("label")
    if isinstance(label, str) and label.strip():
        return Text(label)
    if isinstance(label, LineMap) and isinstance(label.get("zh"), str) and label["zh"].strip():
        return Text(label["zh"], str(label.get("en") or ""))
    raise _fail(path, node.line_of("label"), "缺少中文 label", "missing a Chinese label")


def _entries(node: LineMap, key: str, path: str) -> list[LineMap]:
    items = node.get(key)
    if not isinstance(items, LineList) or not items:
        raise _fail(path, node.line_of(key), f"缺少 “{key}” 列表", f"missing '{key}' list")
    for item, line in zip(items, items.item_lines, strict=True):
        if not isinstance(item, LineMap):
            raise _fail(
                path, line, f"“{key}” 的每项应为键值映射", f"each '{key}' entry must be a mapping"
            )
    return list(items)


def _terms(node: LineMap, key: str, path: str) -> tuple[Term, ...]:
    out: list[Term] = []
    for item in _entries(node, key, path):
        value = item.get("value")
        if not isinstance(value, str) or not value:
            raise _fail(
                path,
                item.line_of("value"),
                "value 应为文字（yes/no 须加引号）",
                "value must be text (quote yes/no)",
            )
        if value in {t.value for t in out}:
            raise _fail(
                path,
                item.line_of("value"),
                f"“{key}” 中的值重复：{value}",
                f"duplicate value in '{key}': {value}",
            )
        nxt = item.get("next") or ()
        out.append(Term(value, _label(item, path), tuple(str(n) for n in nxt)))
    return tuple(out)


def parse_taxonomy(text: str, *, path: str) -> Taxonomy:
    """Parse and validate a taxonomy file; FormError with the line if it is malformed."""
    root = load_yaml_with_lines(text, path=path)
    if not isinstance(root, LineMap) or not isinstance(root.get("taxonomy"), LineMap):
        raise _fail(
            path, getattr(root, "line", 1), "缺少 “taxonomy” 头", "missing 'taxonomy' header"
        )
    vocab = {key: _terms(root, key, path) for key in _VOCABULARIES}
    statuses = {t.value for t in vocab["statuses"]}
    for term in vocab["statuses"]:
        for nxt in term.next:
            if nxt not in statuses:
                raise _fail(
                    path,
                    None,
                    f"状态 {term.value} 的 next 含未知状态 {nxt}",
                    f"status {term.value}: next names unknown status {nxt}",
                )
    severities = {t.value for t in vocab["severities"]}
    classes = {t.value for t in vocab["classes"]}
    categories = []
    seen: set[str] = set()
    for c in _entries(root, "categories", path):
        code = str(c.get("code") or "")
        if not code:
            raise _fail(path, c.line, "类别缺少 code", "a category needs a code")
        subs = []
        for sub in c.get("sub_problems") or []:
            if not isinstance(sub, LineMap) or not sub.get("code"):
                raise _fail(
                    path,
                    getattr(sub, "line", c.line),
                    "子问题缺少 code",
                    "a sub-problem needs a code",
                )
            sub_code = str(sub["code"])
            if sub_code in seen:
                raise _fail(
                    path,
                    sub.line,
                    f"子问题编码重复：{sub_code}",
                    f"duplicate sub-problem code {sub_code}",
                )
            seen.add(sub_code)
            severity = str(sub.get("default_severity", "minor"))
            klass = str(sub.get("default_class", "best_effort"))
            if severity not in severities or klass not in classes:
                raise _fail(
                    path,
                    sub.line,
                    f"{sub_code} 的默认严重程度或分类无效",
                    f"{sub_code}: invalid default severity or class",
                )
            subs.append(
                SubProblem(
                    code=sub_code,
                    label=_label(sub, path),
                    indicator=str(sub.get("indicator") or ""),
                    category=code,
                    default_severity=severity,
                    default_class=klass,
                )
            )
        categories.append(
            Category(
                code=code,
                label=_label(c, path),
                indicators=tuple(str(i) for i in c.get("indicators") or ()),
                sub_problems=tuple(subs),
            )
        )
    return Taxonomy(
        version=str(root["taxonomy"].get("version", "")), categories=tuple(categories), **vocab
    )


_VOCABULARIES = (
    "severities",
    "difficulties",
    "classes",
    "remediation_types",
    "responsible_units",
    "statuses",
)


@cache
def taxonomy() -> Taxonomy:
    """The built-in problem taxonomy (loaded once per process)."""
    return parse_taxonomy(builtin_resource_text(TAXONOMY_FILE), path=f"forms/{TAXONOMY_FILE}")
