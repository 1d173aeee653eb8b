"""The benchmark's generated form is what the benchmark claims: 1,000 questions, 300
expressions, one widely read answer."""

from __future__ import annotations

from bench.forms_gen import generate_large_form
from fieldapp.core.forms import FormState, load_form_text


def test_generated_form_shape() -> None:
    form = load_form_text(generate_large_form(questions=1000, expressions=300), path="g.yaml")
    exprs = sum(1 for q in form.questions for e in (q.relevant, q.calculate, q.constraint) if e)
    assert len(form.answerable) == 1000
    assert exprs == 300
    assert form.graph is not None and len(form.graph.affected("q4")) >= 100
    state = FormState(form)
    for q in form.questions:
        if q.type.value == "multiple" and state.is_relevant(q.name):
            state.set_answer(q.name, ["a"])
    state.set_answer("q4", 0)
    _, changes = state.set_answer("q4", 7)
    assert len(changes.relevance) >= 50  # the hub's readers really re-evaluated
