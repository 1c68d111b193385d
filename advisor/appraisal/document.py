"""The appraisal as a document (:mod:`advisor.report.blocks`), in the order a Treasury-trained
reviewer reads a business case's options: the conclusion and whether it agrees with the advice,
spending objectives, the long list, the short list, critical success factors and the ranking,
the economic case, each option's risks and formalisation, the reasons behind every score,
sensitivity, and the sources, with HM Treasury and NHS guidance named as guidance, apart from
the report's evidence. Every renderer (text, Markdown, HTML, PDF, Word) formats these blocks."""

from __future__ import annotations

import re

from advisor.appraisal.models import Appraisal, AppraisedOption, CostedOption, Figure, WeightSensitivity, WeightSwitch
from advisor.appraisal.sensitivity import option_name
from advisor.kb.load import EVIDENCE_LABEL, GUIDANCE_KINDS, load_knowledge
from advisor.report.blocks import Block, Bullets, Heading, Paragraph, Table, rewrite_texts
from advisor.report.text import words as label

ROLE_NAMES = {
    "business_as_usual": "business as usual",
    "do_minimum": "do-minimum",
    "preferred": "preferred way forward",
    "considered": "considered by the partners",
    "alternative": "viable alternative",
    "requested": "named option",
}
WHO_CHOSE = {"advisor calibration": "the row is our calibration", "costs file": "as given in the costs file"}
# The guidance every appraisal follows, cited in its sources.
APPRAISAL_GUIDANCE = (
    "gb_spending_objectives",
    "gb_options_framework",
    "gb_longlist_reasons",
    "gb_shortlist",
    "gb_csfs",
    "gb_switching_values",
)
# Rule ids in brackets after a reason, e.g. " [form.scope_match, ctx.proximate]".
RULE_IDS = re.compile(r" ?\[[a-z][a-z0-9_]*\.[a-z0-9_.]+(?:, [a-z][a-z0-9_]*\.[a-z0-9_.]+)*\]")
STATUS_NAMES = {"preferred": "Preferred", "carried_forward": "Carried forward", "discounted": "Discounted"}


def number(value: float) -> str:
    """A weight, score or total for reading: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def signed(value: float) -> str:
    """A change of weight with its sign."""
    text = number(value)
    return text if text.startswith("-") or text == "0" else f"+{text}"


def roles(option: AppraisedOption) -> str:
    """An option's roles on the short list, in words."""
    return ", ".join(ROLE_NAMES[r] for r in option.roles)


def _crossing(switch: WeightSwitch | None, beyond: str) -> str | None:
    if switch is None:
        return None
    if switch.inclusive:
        where = f"at {number(switch.value)}" + ("" if switch.value == 0 else f" or {beyond}")
    else:
        where = f"{beyond} {number(switch.value)}"
    return f"{option_name(switch.new_top)} ranks first {where} ({signed(switch.change)})"


def switch_phrase(sensitivity: WeightSensitivity) -> str:
    """Where a weight's switching values lie, in words."""
    lower = _crossing(sensitivity.down, "below") or "no lower weight changes the top option"
    upper = _crossing(sensitivity.up, "above") or "no higher weight changes it"
    return f"{lower}; {upper}"


def headline(a: Appraisal) -> list[str]:
    """The conclusion in three lines, then the notes."""
    preferred = a.with_role("preferred")
    top = a.short_list[0]
    return [
        f"Preferred way forward (the advice's top option): {preferred.name if preferred else 'none'}",
        f"Ranked first by weighted total: {top.name} ({number(top.total)})",
        a.agreement.sentence,
        *a.notes,
    ]


def _objectives(a: Appraisal) -> list[Block]:
    return [
        Heading(2, "Spending objectives"),
        Paragraph(
            "What any option must achieve, stated from the partners' drivers and scope (HM Treasury guidance: "
            "objectives come first); the targets and dates are the board's to set."
        ),
        Bullets(tuple(f"{o.text} Measured by: {o.measure}." for o in a.objectives)),
    ]


def _long_list(a: Appraisal) -> list[Block]:
    out: list[Block] = [
        Heading(2, "Long list: the options framework filter"),
        Paragraph(
            "Each possibility at each of the five dimensions is carried forward or discounted, with the reason "
            "(HM Treasury guidance: the options framework filter). The preferred choices together "
            "give the preferred way forward."
        ),
    ]
    for d in a.long_list:
        out.append(Heading(3, f"{d.name}: {d.question}"))
        out.append(Bullets(tuple(f"{STATUS_NAMES[e.status]}: {e.name}: {e.reason}" for e in d.entries)))
    return out


def _short_list(a: Appraisal) -> list[Block]:
    items = []
    for o in a.short_list:
        verdict = f"; the advice: {label(o.verdict)}" if o.verdict else ""
        items.append(f"{o.name} ({roles(o)}{verdict})")
    return [
        Heading(2, "Short list"),
        Paragraph(
            "Business as usual, a do-minimum that covers the scope, the preferred way forward and the viable "
            "alternatives (HM Treasury guidance)."
        ),
        Bullets(tuple(items)),
    ]


def _criteria(a: Appraisal) -> list[Block]:
    rows = tuple(
        (
            c.short,
            c.name,
            number(c.weight),
            ", ".join(
                f"{part.name} (x{part.weight})" if len(c.components) > 1 else part.name
                for part in c.components.values()
            ),
        )
        for c in a.criteria.values()
    )
    return [
        Heading(2, "Critical success factors"),
        Paragraph(
            "The Green Book's five key critical success factors (HM Treasury guidance), each scored 0 to 5 "
            "(5 best) as the weighted mean of components derived from the evidence; total = sum of weight x score. "
            "The weights are the advisor's judgement (knowledge/appraisal_criteria.yaml), shown as used."
        ),
        Table(("", "Critical success factor", "Weight", "Scored from"), rows, (False, False, True, False)),
    ]


def _ranking(a: Appraisal) -> list[Block]:
    shorts = [c.short for c in a.criteria.values()]
    rows = tuple(
        (str(o.rank), o.name, roles(o), *(number(o.scores[c].score) for c in a.criteria), number(o.total))
        for o in a.short_list
    )
    numeric = (True, False, False, *(True for _ in shorts), True)
    return [Heading(2, "Ranked short list"), Table(("#", "Option", "Role", *shorts, "Total"), rows, numeric)]


def _figure(name: str, figure: Figure | None, missing: str = "") -> str:
    if figure is None:
        return f"{name}: {missing}"
    value = {
        "GBP m": f"GBP {number(figure.value)}m",
        "percent": f"{signed(figure.value)}%",
        "ratio": number(figure.value),
    }
    shown = value.get(figure.unit, f"year {int(figure.value)}")
    return f"{name}: {shown} ({figure.workings})"


def _costed(o: CostedOption, years: int) -> list[Block]:
    given = o.inputs
    return [
        Heading(3, o.name),
        Paragraph(
            f"Inputs (GBP million, real terms), from {given.given_in}: one-off cost {number(given.one_off_cost)}, "
            f"annual savings {number(given.annual_savings)}, annual costs {number(given.annual_costs)}, "
            f"over {years} years."
        ),
        Bullets(
            (
                _figure("Present value of savings", o.pv_benefits),
                _figure("Present value of costs", o.pv_costs),
                _figure("Optimism bias uplift", o.optimism_bias),
                _figure("Risk allowance", o.risk_allowance),
                _figure("Net present social value", o.npsv),
                _figure("Benefit-cost ratio", o.bcr, "no costs"),
                _figure("Switching value on costs", o.switching_costs, "no costs"),
                _figure("Switching value on savings", o.switching_savings, "no savings given"),
                _figure("Discounted payback", o.payback_year, f"not within {years} years"),
            )
        ),
        Table(
            ("Risk", "Severity", "Probability", "Impact (GBP m)", "Expected (GBP m)", "Costed by"),
            tuple(
                (r.text, r.severity, number(r.probability), number(r.impact.value), number(r.expected.value), r.basis)
                for r in o.risk_register
            )
            or (("no risk flagged", "", "", "", "0", ""),),
            (False, False, True, True, True, False),
        ),
    ]


def _economic(a: Appraisal) -> list[Block]:
    e = a.economic_case
    out: list[Block] = [Heading(2, "Economic case"), Paragraph(e.statement)]
    if not e.given:
        return out + ([Bullets(e.finances)] if e.finances else [])
    bias = e.optimism_bias
    assert bias is not None
    out += [
        Paragraph(f"Discounting (HM Treasury guidance): {e.discount}."),
        Paragraph(
            f"Optimism bias (HM Treasury guidance; {WHO_CHOSE[bias.chosen_by]}): {number(bias.percent)}% on costs. "
            f"{bias.why}"
        ),
        Table(
            ("Option", "PV savings", "PV costs", "Risk allowance", "NPSV", "BCR"),
            tuple(
                (
                    o.name,
                    number(o.pv_benefits.value),
                    number(o.pv_costs.value),
                    number(o.risk_allowance.value),
                    number(o.npsv.value),
                    number(o.bcr.value) if o.bcr else "-",
                )
                for o in e.options
            ),
            (False, True, True, True, True, True),
        ),
    ]
    for o in e.options:
        out += _costed(o, e.horizon_years)
    if e.not_costed:
        out.append(Paragraph("Not costed (no money given): " + ", ".join(option_name(f) for f in e.not_costed) + "."))
    if e.finances:
        out += [Heading(3, "Finances"), Bullets(e.finances)]
    return out


def _consequences(a: Appraisal) -> list[Block]:
    items = []
    for o in a.short_list:
        formal = o.formalisation
        risks = "; ".join(f"{r.severity.upper()}: {r.text}" for r in o.risks) or "no risk flagged"
        items.append(f"{o.rank}. {o.name}: formalisation {label(formal.instrument)}: {formal.summary} Risks: {risks}")
    return [Heading(2, "Risks and formalisation of each option"), Bullets(tuple(items))]


def _reasons(a: Appraisal) -> list[Block]:
    out: list[Block] = [Heading(2, "Why each score")]
    for o in a.short_list:
        items = []
        for criterion_id, score in o.scores.items():
            parts = []
            for part in score.components.values():
                reasons = "; ".join(r.text + (f" [{', '.join(r.rules)}]" if r.rules else "") for r in part.reasons)
                parts.append(f"{part.name} {part.score}: {reasons}")
            items.append(f"{a.criteria[criterion_id].name} {number(score.score)}: " + " | ".join(parts))
        out += [Heading(3, o.name), Bullets(tuple(items))]
    left = tuple(f"{option_name(form)}: {why}" for form, why in a.excluded.items()) or ("none",)
    return out + [Heading(2, "Left off the short list"), Bullets(left)]


def _sensitivity(a: Appraisal) -> list[Block]:
    s = a.sensitivity
    names = {c: criterion.name for c, criterion in a.criteria.items()}
    out: list[Block] = [
        Heading(2, "Sensitivity"),
        Paragraph(
            f"Switching values of the weights, the other weights held (HM Treasury guidance); "
            f"first now: {option_name(s.top)}."
        ),
        Bullets(tuple(f"{names[c]} ({number(ws.weight)}): {switch_phrase(ws)}" for c, ws in s.weights.items())),
    ]
    if s.facts is None:
        out.append(Paragraph("Single changes a board could make: not searched (ask for the sensitivity analysis)."))
    else:
        out.append(
            Paragraph(
                f"Single changes a board could make (how the collaboration is set up and run, not its history or "
                f"who the partners are) that change the preferred way forward or the first of the ranking "
                f"({s.facts_tried} tried):"
            )
        )
        out.append(Bullets(tuple(f.text for f in s.facts) or ("none: no single change does",)))
    return out


def _sources(a: Appraisal, ids: bool) -> list[Block]:
    kb = load_knowledge()
    cited: list[str] = [o.source for o in a.objectives if o.source != "user"]
    cited += [s for d in a.long_list for e in d.entries for s in e.sources]
    cited += list(a.economic_case.sources)
    if a.economic_case.optimism_bias:
        cited.append(a.economic_case.optimism_bias.source)
    cited += [kb[i].citation for i in APPRAISAL_GUIDANCE]
    groups: dict[str, list[str]] = {EVIDENCE_LABEL: [], **{label_: [] for label_ in GUIDANCE_KINDS.values()}}
    for citation in dict.fromkeys(cited):
        item = kb.by_id.get(citation.partition(": ")[0])
        group = item.source_label if item else EVIDENCE_LABEL
        shown = citation if ids else citation.partition(": ")[2].removeprefix(f"{group}, ")
        groups.setdefault(group, []).append(shown)
    items = [
        f"{group[:1].upper()}{group[1:]}: {'; '.join(sorted(dict.fromkeys(found)))}"
        for group, found in groups.items()
        if found
    ]
    items.append(f"The report: {a.knowledge_base['report']}")
    return [
        Heading(2, "Sources"),
        Paragraph("Guidance says what an appraisal must contain; the evidence says what each option would do."),
        Bullets(tuple(items)),
    ]


def _without_ids(text: str) -> str:
    return RULE_IDS.sub("", text)


def _for_board(blocks: list[Block]) -> list[Block]:
    """The blocks without rule ids (they stay in the JSON and the consultant's text)."""
    return rewrite_texts(blocks, lambda texts: [_without_ids(t) for t in texts])


def appraisal_blocks(a: Appraisal, ids: bool = True) -> list[Block]:
    """The appraisal's sections as blocks (without a title: the page or the brief gives one).
    With ``ids`` (for consultants) reasons name the rules and sources their item ids; without
    (documents for a board: the PDF and Word briefs) they do not."""
    out: list[Block] = [Bullets(tuple(headline(a)))]
    for part in (
        _objectives,
        _long_list,
        _short_list,
        _criteria,
        _ranking,
        _economic,
        _consequences,
        _reasons,
        _sensitivity,
    ):
        out += part(a)
    out += _sources(a, ids)
    return out if ids else _for_board(out)
