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


def _terms(node: LineMap, key: str, path: str) -> tuple[Term, ...]:
    items = node.get(key)
    if not isinstance(items, LineList) or not items:
        raise FormError(
            Text(f"缺少 “{key}” 列表", f"missing '{key}' list"), path=path, line=node.line
        )
    out = []
    for item in items:
        if not isinstance(item, LineMap) or "value" not in item or "label" not in item:
            raise FormError(
                Text("每项须有 value 和 label", "each entry needs value and label"),
                path=path,
                line=getattr(item, "line", node.line),
            )
        out.append(
            Term(
                str(item["value"]),
                Text.coerce(item["label"]),
                tuple(str(n) for n in item.get("next", ()) or ()),
            )
        )
    return tuple(out)


def parse_taxonomy(text: str, *, path: str) -> Taxonomy:
    """Parse a taxonomy file; FormError with the line if it is malformed."""
    root = load_yaml_with_lines(text, path=path)
    if not isinstance(root, LineMap) or not isinstance(root.get("taxonomy"), LineMap):
        raise FormError(Text("缺少 “taxonomy” 头", "missing 'taxonomy' header"), path=path, line=1)
    categories = []
    for c in root.get("categories") or []:
        subs = tuple(
            SubProblem(
                code=str(s["code"]),
                label=Text.coerce(s["label"]),
                indicator=str(s.get("indicator", "")),
                category=str(c["code"]),
                default_severity=str(s.get("default_severity", "minor")),
                default_class=str(s.get("default_class", "best_effort")),
            )
            for s in c.get("sub_problems") or []
        )
        categories.append(
            Category(
                code=str(c["code"]),
                label=Text.coerce(c["label"]),
                indicators=tuple(str(i) for i in c.get("indicators") or ()),
                sub_problems=subs,
            )
        )
    return Taxonomy(
        version=str(root["taxonomy"].get("version", "")),
        severities=_terms(root, "severities", path),
        difficulties=_terms(root, "difficulties", path),
        classes=_terms(root, "classes", path),
        remediation_types=_terms(root, "remediation_types", path),
        responsible_units=_terms(root, "responsible_units", path),
        statuses=_terms(root, "statuses", path),
        categories=tuple(categories),
    )


@cache
def taxonomy() -> Taxonomy:
    """The built-in problem taxonomy (loaded once per process)."""
    return parse_taxonomy(builtin_resource_text(TAXONOMY_FILE), path=f"forms/{TAXONOMY_FILE}")
