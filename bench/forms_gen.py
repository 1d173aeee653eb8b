"""A generated large form (1,000 questions, 300 expressions) for benchmarks and tests."""

from __future__ import annotations


def generate_large_form(
    *, questions: int = 1000, expressions: int = 300, per_section: int = 50
) -> str:
    """YAML text of a survey form with ``questions`` questions of mixed types, of which
    ``expressions`` carry a relevant/calculate/constraint expression reading earlier ones."""
    lines = [
        "form:",
        "  id: generated_large",
        '  version: "1"',
        "  kind: survey",
        "  title: {zh: 生成的大表单, en: Generated large form}",
        "sections:",
    ]
    made_expr = 0
    every = max(1, questions // max(expressions, 1))
    for i in range(questions):
        if i % per_section == 0:
            lines += [
                f"  - name: s{i // per_section}",
                f"    label: 第{i // per_section + 1}节",
                "    questions:",
            ]
        kind = i % 4
        extra = ""
        if i >= 8 and i % every == 0 and made_expr < expressions:
            made_expr += 1
            a, b = i - 1 - (i % 3), i - 2
            style = made_expr % 3
            if style == 0:
                # Like a real form's "construction" or "population": one answer many rules read.
                extra = f", relevant: \"${{q4}} > 3 and ${{q{b - (b % 4) - 2}}} != ''\""
            elif style == 1 and kind in (0, 1):
                extra = f', calculate: "if(${{q{a - (a % 4)}}} > 10, ${{q{a - (a % 4)}}} * 2, 0)"'
            else:
                extra = (
                    ', constraint: ". >= 0 and . < 100000"'
                    if kind in (0, 1)
                    else f", relevant: \"selected(${{q{b - (b % 4) - 2}}}, 'a') or ${{q{b - (b % 4)}}} = 1\""
                )
        if kind == 0:
            lines.append(f"      - {{name: q{i}, type: integer, label: 题{i}{extra}}}")
        elif kind == 1:
            lines.append(f"      - {{name: q{i}, type: decimal, label: 题{i}{extra}}}")
        elif kind == 2:
            lines.append(f"      - name: q{i}")
            lines.append("        type: multiple")
            lines.append(f"        label: 题{i}")
            if extra:
                lines.append("        " + extra.lstrip(", ").replace(": ", ": ", 1))
            lines.append(
                "        options: [{value: a, label: 甲}, {value: b, label: 乙}, "
                "{value: c, label: 丙}]"
            )
        else:
            lines.append(f"      - {{name: q{i}, type: text, label: 题{i}{extra}}}")
    return "\n".join(lines) + "\n"
