"""What if a fact were different: the full advice for the edited case beside the original,
with every difference (forms, mechanisms, risks, formalisation, actions, effects, certainty)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from advisor.advice.build import advise
from advisor.advice.model import Advice
from advisor.case.edit import CaseEditError, apply_edits
from advisor.case.model import Case
from advisor.explain.result import ExplainError, Result, escape
from advisor.explain.trace import label

ABSENT = "-"


class Difference(Result):
    """One thing that differs between the original and the changed advice."""

    item: str
    before: str
    after: str


class WhatIf(Result):
    """The advice for an edited case beside the original, and what differs."""

    case_name: str
    edits: dict[str, str]
    forms: tuple[Difference, ...]
    mechanisms: tuple[Difference, ...]
    risks: tuple[Difference, ...]
    formalisation: tuple[Difference, ...]
    actions: tuple[Difference, ...]
    expected_effects: tuple[Difference, ...]
    certainty: tuple[Difference, ...]
    changed: tuple[str, ...]


def _compare(before: Mapping[str, str], after: Mapping[str, str], name: Callable[[str], str]) -> list[Difference]:
    keys = sorted(set(before) | set(after))
    return [Difference(item=name(k), before=before.get(k, ABSENT), after=after.get(k, ABSENT)) for k in keys]


def _advice_rows(advice: Advice) -> dict[str, dict[str, str]]:
    """The comparable parts of an advice, each as item -> shown value."""
    return {
        "forms": {o.form: f"{o.verdict} ({o.score})" for o in advice.options},
        "mechanisms": {m: s.level for m, s in advice.mechanisms.items()},
        "risks": {r.id: r.severity for r in advice.risks},
        "formalisation": {"instrument": advice.formalisation.instrument},
        "actions": {a.id: a.stage for a in advice.actions},
        "expected_effects": {e.id: e.effect for e in advice.expected_effects},
        "certainty": {"certainty": advice.certainty.level},
    }


def compare_advice(case_name: str, edits: Mapping[str, str], before: Advice, after: Advice) -> WhatIf:
    """Both advices side by side: every form and mechanism, and the other parts that differ."""
    rows_before, rows_after = _advice_rows(before), _advice_rows(after)
    parts: dict[str, tuple[Difference, ...]] = {}
    changed: list[str] = []
    for part in rows_before:
        diffs = _compare(rows_before[part], rows_after[part], label if part != "certainty" else str)
        moved = [d for d in diffs if d.before != d.after]
        changed += [f"{part}: {d.item}: {d.before} -> {d.after}" for d in moved]
        parts[part] = tuple(diffs if part in ("forms", "mechanisms") else moved)
    return WhatIf(case_name=case_name, edits=dict(edits), changed=tuple(changed), **parts)


def what_if(case: Case, edits: Mapping[str, str], original: Advice | None = None) -> WhatIf:
    """Re-run the advisor on the case with ``edits`` (fact -> value) and compare; an unknown
    fact or value is an :class:`ExplainError` naming it."""
    try:
        changed_case = apply_edits(case, edits)
    except CaseEditError as exc:
        raise ExplainError(f"what if: {exc}") from None
    before = original if original is not None else advise(case)
    return compare_advice(case.collaboration.name, edits, before, advise(changed_case))


def render_what_if(result: WhatIf, markdown: bool = False) -> str:
    """The two advices side by side, then what changed."""
    e = partial(escape, markdown=markdown)
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    edits = ", ".join(f"{f}={v}" for f, v in result.edits.items())
    out = [h1 + e(f"What if {edits}? ({result.case_name})"), ""]
    for title, rows in (("Forms (verdict and score)", result.forms), ("Mechanism levels", result.mechanisms)):
        out += [h2 + title, ""]
        out += _table(rows, markdown)
        out.append("")
    out += [h2 + "Differences", ""]
    parts = (
        ("Form", result.forms),
        ("Mechanism", result.mechanisms),
        ("Risk", result.risks),
        ("Formalisation", result.formalisation),
        ("Action", result.actions),
        ("Expected effect", result.expected_effects),
        ("Certainty", result.certainty),
    )
    for title, rows in parts:
        for d in rows:
            if d.before == d.after:
                continue
            change = "added" if d.before == ABSENT else "removed" if d.after == ABSENT else f"{d.before} -> {d.after}"
            out.append(f"- {title}: {e(d.item)}: {e(change)}")
    if not result.changed:
        out.append("- none: the advice is the same")
    return "\n".join(out) + "\n"


def _table(rows: tuple[Difference, ...], markdown: bool) -> list[str]:
    if markdown:
        lines = ["| | Original | Changed |", "|---|---|---|"]
        for d in rows:
            mark = "**" if d.before != d.after else ""
            lines.append(f"| {mark}{escape(d.item, True)}{mark} | {d.before} | {mark}{d.after}{mark} |")
        return lines
    width = max((len(d.item) for d in rows), default=0)
    lines = [f"  {'':{width}}  {'original':<18}changed"]
    lines += [f"{'*' if d.before != d.after else ' '} {d.item:{width}}  {d.before:<18}{d.after}" for d in rows]
    return lines
