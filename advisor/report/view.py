"""One view of the advice for people: what a board sees, in what order, in what words.

:func:`advice_view` turns an :class:`~advisor.advice.model.Advice` into an :class:`AdviceView`:
sections in reading order (the options the partners asked about first), every conclusion in
plain words, no rule or item ids (those stay in the trace, the JSON and the brief's appendix),
each reason saying how strong the report's support is. Every renderer (text, Markdown, the
HTML/PDF brief, the interview's summary) only formats this view.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from pydantic import BaseModel, ConfigDict

from advisor.advice.model import Advice, FormalisationAdvice, Option, Proposal, Reason, RiskFlag
from advisor.case.wording import answer_words, fact_label
from advisor.kb.load import load_knowledge
from advisor.rules.registry import STRENGTH_WORDS

VERDICT_WORDS = {
    "recommended": "recommended",
    "conditional": "conditional",
    "not_advised": "not advised",
    "undecided": "undecided",
}
VERDICT_MEANING = {
    "recommended": "the evidence favours it here",
    "conditional": "it could work if the conditions below are met",
    "not_advised": "the evidence weighs against it here",
    "undecided": "the facts that would decide it are not known",
}
INSTRUMENT_WORDS = {
    "none": "No formal agreement yet",
    "mou": "Non-binding terms (terms of reference and a memorandum of understanding)",
    "contract": "A written, binding agreement",
    "joint_committee": "A collaboration agreement with shared governance",
    "new_entity": "A new legal entity owned by the partners",
    "statutory": "A statutory transaction or statutory arrangements",
}
SEVERITY_WORDS = {"high": "High", "medium": "Medium", "low": "Low"}
CERTAINTY_WORDS = {
    "high": "settled",
    "medium": "fairly settled",
    "low": "not settled",
}
TIMING_TITLES = {
    "now": "Now, at the {stage} stage",
    "any": "First steps",
    "next": "Later stages",
    "still_open": "Still open from earlier stages",
}
# Terms of the report a board may not know, glossed in plain words where they first appear.
GLOSSARY = {
    "initial faith": "belief at the outset that collaborating is feasible and worth the effort",
    "faith": "belief that the collaboration is worth the effort and will achieve its aims",
    "initial trust": "the trust partners bring from their history",
    "confidence": "reliance on partners because formal agreements oblige them, as distinct from trust",
    "risk tolerance": "willingness to take risks for the partnership",
    "legitimacy": "whether staff and the public see the collaboration as authentic and justified",
    "collaborative inertia": "a collaboration that stalls and achieves little",
    "mimicry": "copying what other organisations do",
    "coercion": "collaborating because one is made to",
}
MECHANISM_NAMES = {
    "task_complexity": "Perceived complexity of the task",
    "legitimacy": "Legitimacy",
    "initial_trust": "Initial trust",
    "conflict_resolution": "Ways of resolving conflict",
    "vision_clarity": "Clarity of the vision",
    "vision_sharedness": "How shared the vision is",
    "cultural_assimilation": "Cultural integration",
    "communication": "Communication",
    "confidence": "Confidence",
    "initial_faith": "Initial faith",
    "conflict": "Conflict",
    "trust": "Trust",
    "perception_of_progress": "Perceived progress",
    "risk_tolerance": "Risk tolerance",
    "faith": "Faith",
    "collaborative_behaviour": "Collaborative behaviour",
}
TOP_ACTIONS = 10
TOP_UNKNOWNS = 6
TOP_DECIDING = 3


class _View(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ReasonView(_View):
    """A reason for (+) or against (-) a form, with the strength of its support."""

    sign: str
    text: str
    strength: str


class RiskView(_View):
    """A risk as a board reads it."""

    severity: str
    headline: str
    consequences: tuple[str, ...]
    mitigations: tuple[str, ...]
    about: str


class FormalisationView(_View):
    """How formal a form should be: the instrument in words, why, and its elements."""

    instrument: str
    summary: str
    reason: str
    in_place: bool
    governance: tuple[str, ...]
    governance_in_place: str
    needed: tuple[str, ...]
    already: tuple[str, ...]


class OptionView(_View):
    """A form with its verdict, reasons, conditions and (for candidates) risks and formalisation."""

    form: str
    name: str
    verdict: str
    meaning: str
    reasons: tuple[ReasonView, ...]
    main_reason: str
    conditions: tuple[str, ...]
    deciding: tuple[str, ...]
    risks: tuple[RiskView, ...]
    formalisation: FormalisationView | None


class ProposalView(_View):
    """A form the partners asked about, answered directly."""

    option: OptionView
    is_top: bool
    pathways: tuple[str, ...]
    pathway_note: str
    building: tuple[str, ...]


class ActionGroup(_View):
    """Actions of one timing (now, later, still open); for the current stage, what partners
    typically do at it (Figure 7), so a board can see where it stands."""

    title: str
    actions: tuple[str, ...]
    note: str = ""


class AdviceView(_View):
    """The advice for a board, section by section."""

    title: str
    partners: str
    stage: str
    certainty_level: str
    certainty: str
    settle: tuple[str, ...]
    proposals: tuple[ProposalView, ...]
    recommended: tuple[OptionView, ...]
    conditional: tuple[OptionView, ...]
    undecided: tuple[OptionView, ...]
    not_advised: tuple[OptionView, ...]
    mechanisms: tuple[tuple[str, str], ...]
    risks: tuple[RiskView, ...]
    formalisation: FormalisationView
    actions: tuple[ActionGroup, ...]
    more_actions: int
    unknowns: tuple[str, ...]
    more_unknowns: int
    limits: str
    footer: str


def name_list(names: Sequence[str], limit: int = 10) -> str:
    """Names joined by commas, the rest counted once there are more than ``limit``."""
    shown = ", ".join(names[:limit])
    return shown if len(names) <= limit else f"{shown} and {len(names) - limit} more"


def sentence(text: str) -> str:
    """Text with a capital first letter."""
    return text[:1].upper() + text[1:]


def _form_name(form: str) -> str:
    kb = load_knowledge()
    return kb[form].name if form in kb else form.replace("_", " ")


def _reason(reason: Reason) -> ReasonView:
    sign = "+" if reason.delta > 0 else "-" if reason.delta < 0 else "="
    return ReasonView(sign=sign, text=reason.text, strength=STRENGTH_WORDS.get(reason.strength or "", ""))


def main_reason(option: Option) -> str:
    """The reason that weighed most in the direction of the verdict, as a sentence."""
    if not option.reasons:
        if option.verdict == "undecided":
            return "Nothing known yet bears on it."
        return "Nothing in this situation calls for it."
    pick = min if option.verdict == "not_advised" else max
    return sentence(pick(option.reasons, key=lambda r: r.delta).text)


def risk_view(risk: RiskFlag) -> RiskView:
    """A risk in board words."""
    return RiskView(
        severity=SEVERITY_WORDS[risk.severity],
        headline=risk.text,
        consequences=tuple(sentence(c) for c in risk.consequences),
        mitigations=tuple(m.name for m in risk.mitigations),
        about=_form_name(risk.form) if risk.form else "",
    )


def formalisation_view(formal: FormalisationAdvice) -> FormalisationView:
    """A formalisation in board words."""
    return FormalisationView(
        instrument=INSTRUMENT_WORDS.get(formal.instrument, formal.instrument.replace("_", " ")),
        summary=formal.summary,
        reason=formal.reason,
        in_place=formal.in_place,
        governance=formal.governance,
        governance_in_place=(
            "Already in place: " + ", ".join(formal.governance_in_place) + "." if formal.governance_in_place else ""
        ),
        needed=tuple(e.text for e in formal.elements if e.status == "needed"),
        already=tuple(e.text for e in formal.elements if e.status == "in_place"),
    )


def option_view(option: Option, partners: Sequence[str]) -> OptionView:
    """An option in board words."""
    return OptionView(
        form=option.form,
        name=option.name,
        verdict=VERDICT_WORDS[option.verdict],
        meaning=VERDICT_MEANING[option.verdict],
        reasons=tuple(_reason(r) for r in option.reasons),
        main_reason=main_reason(option),
        conditions=tuple(sentence(c) for c in option.conditions),
        deciding=tuple(fact_label(f, partners) for f in option.deciding_facts[:TOP_DECIDING]),
        risks=tuple(risk_view(r) for r in option.risks),
        formalisation=formalisation_view(option.formalisation) if option.formalisation else None,
    )


def _proposal(proposal: Proposal, option: OptionView, partners: Sequence[str]) -> ProposalView:
    pathways = tuple(
        "; ".join(answer_words(c.fact, c.after, partners) for c in p.changes) + f" (then {VERDICT_WORDS[p.verdict]})"
        for p in proposal.pathways
    )
    return ProposalView(
        option=option,
        is_top=proposal.is_top,
        pathways=pathways,
        pathway_note=proposal.pathway_note,
        building=tuple(_form_name(f) for f in proposal.building_forms),
    )


@cache
def _stage_names() -> dict[str, str]:
    return {s.id: s.name for s in load_knowledge().kind("lifecycle_stages")}


@cache
def _stage_behaviours() -> dict[str, str]:
    """'Typical of this stage (Figure 7): recognising the need to collaborate, ...'."""
    return {
        s.id: "Typical of this stage (Figure 7): " + "; ".join(s.behaviours) + "."
        for s in load_knowledge().kind("lifecycle_stages")
        if s.behaviours
    }


def _actions(advice: Advice) -> tuple[tuple[ActionGroup, ...], int]:
    stage = _stage_names().get(advice.stage, "").lower()
    groups: dict[str, list[str]] = {}
    for action in advice.actions[:TOP_ACTIONS]:
        groups.setdefault(action.timing, []).append(action.text)
    order = ("now", "any", "next", "still_open")
    return (
        tuple(
            ActionGroup(
                title=TIMING_TITLES[t].format(stage=stage),
                actions=tuple(groups[t]),
                note=_stage_behaviours().get(advice.stage, "") if t == "now" else "",
            )
            for t in order
            if t in groups
        ),
        max(0, len(advice.actions) - TOP_ACTIONS),
    )


def _certainty(advice: Advice) -> str:
    c = advice.certainty
    return f"The advice is {CERTAINTY_WORDS[c.level]}. {c.explanation}"


def advice_view(advice: Advice) -> AdviceView:
    """The advice as a board reads it."""
    partners = advice.partners
    options = {o.form: option_view(o, partners) for o in advice.options}
    by_verdict = {v: tuple(options[o.form] for o in advice.options if o.verdict == v) for v in VERDICT_WORDS}
    actions, more_actions = _actions(advice)
    unknowns = [u for u in advice.unknowns if u.importance != "low"]
    kb = load_knowledge()
    return AdviceView(
        title=f"Collaboration advice: {advice.case_name}",
        partners=name_list(partners),
        stage=_stage_names().get(advice.stage, "not given"),
        certainty_level=advice.certainty.level,
        certainty=_certainty(advice),
        settle=tuple(fact_label(f, partners) for f in advice.certainty.settle),
        proposals=tuple(_proposal(p, options[p.form], partners) for p in advice.proposals),
        recommended=by_verdict["recommended"],
        conditional=by_verdict["conditional"],
        undecided=by_verdict["undecided"],
        not_advised=by_verdict["not_advised"],
        mechanisms=tuple((MECHANISM_NAMES[m], s.level) for m, s in advice.mechanisms.items()),
        risks=tuple(risk_view(r) for r in advice.risks),
        formalisation=formalisation_view(advice.formalisation),
        actions=actions,
        more_actions=more_actions,
        unknowns=tuple(f"{fact_label(u.fact, partners)}: {u.why}" for u in unknowns[:TOP_UNKNOWNS]),
        more_unknowns=max(0, len(unknowns) - TOP_UNKNOWNS),
        limits=" ".join(kb["sec_limitations"].text.split()),
        footer=(
            f"Knowledge base {advice.knowledge_base['version']}; {len(advice.trace)} rule firings. "
            "The advice in JSON gives everything, with the full trace."
        ),
    )


def gloss_first(lines: Sequence[str], skip: frozenset[int] = frozenset()) -> list[str]:
    """The lines with each glossary term explained in brackets where it first appears (not in
    the lines of ``skip``, such as a table whose columns a gloss would break)."""
    out = list(lines)
    for term, gloss in GLOSSARY.items():
        pattern = re.compile(rf"(?<!initial )\b{re.escape(term)}\b", re.IGNORECASE)
        for i, line in enumerate(out):
            match = None if i in skip else pattern.search(line)
            if match:
                out[i] = f"{line[: match.end()]} ({gloss}){line[match.end() :]}"
                break
    return out
