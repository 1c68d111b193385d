"""The economic case, where money is given: for each costed option against business as usual
(the baseline: no change, no new costs or savings), the present values of its savings and
costs at the Treasury discount rate, an optimism bias uplift with its source, a costed risk
register, the net present social value, the benefit-cost ratio, switching values on costs and
savings and the discounted payback year. Every figure carries the inputs it came from.

Conventions (stated in the output): GBP million in real terms; the one-off cost falls in year
0, savings and recurrent costs in each of years 1 to the horizon; the uplift applies to costs
only (the guidance gives no generic values for benefits); costed risks are part of what the
uplift allows for, so the risk allowance is the larger of the two, not their sum.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from advisor.advice.model import RiskFlag
from advisor.appraisal.costs import CostsError, CostsFile, optimism_bias_table
from advisor.appraisal.models import (
    BUSINESS_AS_USUAL,
    CostedOption,
    CostedRisk,
    CostInputs,
    EconomicCase,
    Figure,
    OptimismBias,
)
from advisor.appraisal.scoring import cite
from advisor.appraisal.weights import load_framework
from advisor.case.model import Case
from advisor.kb.load import load_knowledge
from advisor.report.text import words as label

DEFAULT_HORIZON = 10
NOT_GIVEN = (
    "No money was given (collaboration.money in the case, or a costs file): the appraisal stops at the "
    "qualitative case (objectives, long list, critical success factors, risks and sensitivity). With money it "
    "adds the net present social value at the Treasury discount rate, optimism bias, switching values and a "
    "costed risk register."
)


@dataclass(frozen=True)
class Costable:
    """What the economic case needs of a short-listed option."""

    form: str
    name: str
    risks: tuple[RiskFlag, ...]


def m(value: float) -> str:
    """An amount in GBP million for reading."""
    return f"{value:,.2f}"


def _pct(fraction: float) -> str:
    return f"{fraction * 100:.1f}%"


def rate_bands(years: int) -> list[tuple[int, int, float]]:
    """The Treasury's discount rate bands (first year, last year, rate) over years 1 to ``years``."""
    bands = []
    for band in load_knowledge()["gb_declining_rate"].schedule:
        first, last = max(1, band["from_year"]), band["to_year"] or years
        if first <= years:
            bands.append((first, min(last, years), band["rate"]))
    return bands


def discount_factors(years: int) -> list[float]:
    """The discount factor of each of years 1 to ``years``: 1 / (1 + r) compounded year by year,
    r = 3.5% for years 1-30 and lower beyond (gb_discount_rate, gb_declining_rate)."""
    out, factor = [], 1.0
    for first, last, rate in rate_bands(years):
        for _ in range(first, last + 1):
            factor /= 1 + rate
            out.append(factor)
    return out


def discount_words(years: int) -> str:
    """The discounting used, in words."""
    bands = rate_bands(years)
    parts = [f"{rate * 100:g}% a year for years {first}-{last}" for first, last, rate in bands]
    return (
        f"{'; '.join(parts)} in real terms: the social time preference rate"
        + (" stepping down after year 30" if len(bands) > 1 else "")
        + "; one-off costs in year 0, savings and recurrent costs in years 1 to "
        + f"{years}"
    )


def _optimism_bias(costs: CostsFile | None) -> OptimismBias:
    table = optimism_bias_table()
    source = cite("gb_optimism_bias_table")
    choice = costs.optimism_bias if costs else None
    if choice is not None and choice.percent is not None:
        return OptimismBias(
            row="own_record",
            bound="",
            percent=choice.percent,
            why=choice.why or "",
            chosen_by="costs file",
            source=cite("gb_optimism_bias"),
        )
    calibration = load_framework()["economic"]["optimism_bias"]
    row = choice.row if choice is not None and choice.row else calibration["row"]
    bound = choice.bound if choice is not None else calibration["bound"]
    kind = "opex" if "opex_upper" in table[row] else "capex"
    percent = float(table[row][f"{kind}_{bound}"])
    spend = "operating" if kind == "opex" else "capital"
    if choice is not None:
        why = choice.why or f"chosen in the costs file: the {label(row)} row, {bound} bound"
        chosen_by = "costs file"
    else:
        why = " ".join(calibration["why"].split())
        chosen_by = "advisor calibration"
    why += f" ({label(row)}, {bound} bound for {spend} expenditure: {percent:g}%)"
    return OptimismBias(row=row, bound=bound, percent=percent, why=why, chosen_by=chosen_by, source=source)


def proposed_change(case: Case, preferred: str) -> tuple[str, str]:
    """The option the case's money is for, and why: the change the partners propose, that is the
    preferred way forward when it is among the forms they consider, else the first form they
    consider, else the preferred way forward ('' when there is none to change to)."""
    considered = case.collaboration.forms_considered
    if preferred in considered:
        return preferred, "the preferred way forward, a form the partners consider"
    if considered:
        return considered[0], "the first form the partners consider"
    if preferred and preferred != BUSINESS_AS_USUAL:
        return preferred, "the preferred way forward"
    return "", ""


def _inputs(
    case: Case, short_list: Sequence[Costable], preferred: str, costs: CostsFile | None
) -> tuple[dict[str, CostInputs], list[str]]:
    """The money for each costed option (the case's for the change proposed, see
    :func:`proposed_change`; the costs file's for the options it names) and notes on where it
    came from; raises :class:`CostsError` when the costs file names an option not on the short
    list."""
    listed = {o.form for o in short_list}
    notes = []
    out: dict[str, CostInputs] = {}
    money = case.collaboration.money
    if money is not None:
        proposed, why = proposed_change(case, preferred)
        if proposed:
            out[proposed] = CostInputs(
                one_off_cost=money.one_off_cost,
                annual_savings=money.annual_savings,
                annual_costs=money.annual_costs,
                given_in=f"the case (collaboration.money), for {why}",
            )
        else:
            notes.append(
                "The case's money describes a change, but the preferred way forward is "
                + ("to keep the arrangement in place" if preferred else "not settled")
                + " and no form is considered: give money per option in a costs file to cost them."
            )
    if costs is not None:
        problems = []
        for form, given in costs.options.items():
            if form not in listed:
                names = ", ".join(sorted(listed - {BUSINESS_AS_USUAL}))
                problems.append(
                    f"options.{form}: not on the short list ({names}); ask for it among the options appraised"
                )
                continue
            if form in out:
                notes.append(f"The costs file's money for {label(form)} replaces the case's.")
            out[form] = CostInputs(
                one_off_cost=given.one_off_cost,
                annual_savings=given.annual_savings,
                annual_costs=given.annual_costs,
                given_in="the costs file",
            )
            risks = {r.id for o in short_list if o.form == form for r in o.risks}
            for risk_id in given.risks:
                if risk_id not in risks:
                    flagged = ", ".join(sorted(risks)) or "none"
                    problems.append(
                        f"options.{form}.risks.{risk_id}: not a risk flagged for {form} (flagged: {flagged})"
                    )
        if problems:
            raise CostsError("costs file", problems)
    return out, notes


def _register(option: Costable, inputs: CostInputs, own: Mapping[str, tuple[float, float]]) -> tuple[CostedRisk, ...]:
    calibration = load_framework()["economic"]["risk_costing"]
    stake = inputs.one_off_cost + inputs.annual_savings
    out = []
    for risk in option.risks:
        if risk.id in own:
            probability, impact = own[risk.id]
            impact_figure = Figure(
                value=round(impact, 2), unit="GBP m", workings=f"{m(impact)}, given in the costs file"
            )
            basis = "your costing (costs file)"
        else:
            band = calibration[risk.severity]
            probability, share = band["probability"], band["impact_share"]
            impact = share * stake
            impact_figure = Figure(
                value=round(impact, 2),
                unit="GBP m",
                workings=f"{share:.0%} of the money at stake, {m(stake)} (one-off cost {m(inputs.one_off_cost)} "
                f"+ one year's savings {m(inputs.annual_savings)})",
            )
            basis = f"our calibration for a {risk.severity} risk"
        expected = probability * impact
        out.append(
            CostedRisk(
                id=risk.id,
                text=risk.text,
                severity=risk.severity,
                probability=probability,
                impact=impact_figure,
                expected=Figure(
                    value=round(expected, 2), unit="GBP m", workings=f"{probability:g} x {m(impact)} = {m(expected)}"
                ),
                basis=basis,
            )
        )
    return tuple(out)


def cost_option(
    option: Costable, inputs: CostInputs, years: int, bias: OptimismBias, own: Mapping[str, tuple[float, float]]
) -> CostedOption:
    """The economic case of one option against business as usual."""
    factors = discount_factors(years)
    annuity = sum(factors)
    rate = f"the sum of the discount factors for years 1-{years}"
    ob = bias.percent / 100
    pvb = inputs.annual_savings * annuity
    pvc = inputs.one_off_cost + inputs.annual_costs * annuity
    uplift = ob * pvc
    register = _register(option, inputs, own)
    risks = sum(r.expected.value for r in register)
    allowance = max(uplift, risks)
    adjusted = pvc + allowance
    npsv = pvb - adjusted
    pv_benefits = Figure(
        value=round(pvb, 2),
        unit="GBP m",
        workings=f"annual savings {m(inputs.annual_savings)} x {annuity:.4f} ({rate}) = {m(pvb)}",
    )
    pv_costs = Figure(
        value=round(pvc, 2),
        unit="GBP m",
        workings=f"one-off cost {m(inputs.one_off_cost)} in year 0 + annual costs {m(inputs.annual_costs)} x "
        f"{annuity:.4f} = {m(pvc)}",
    )
    uplift_figure = Figure(
        value=round(uplift, 2),
        unit="GBP m",
        workings=f"{bias.percent:g}% ({label(bias.row)}{', ' + bias.bound + ' bound' if bias.bound else ''}) "
        f"of the present value of costs {m(pvc)} = {m(uplift)}",
    )
    allowance_figure = Figure(
        value=round(allowance, 2),
        unit="GBP m",
        workings=f"the larger of the optimism bias uplift {m(uplift)} and the costed risks {m(risks)}: costed risks "
        "are part of what the uplift allows for, not added to it",
    )
    npsv_figure = Figure(
        value=round(npsv, 2),
        unit="GBP m",
        workings=f"present value of savings {m(pvb)} - (present value of costs {m(pvc)} + risk allowance "
        f"{m(allowance)}) = {m(npsv)}" + (" (a net present social cost)" if npsv < 0 else ""),
    )
    bcr = None
    if adjusted > 0:
        bcr = Figure(
            value=round(pvb / adjusted, 2),
            unit="ratio",
            workings=f"present value of savings {m(pvb)} / costs with the risk allowance {m(adjusted)} = "
            f"{pvb / adjusted:.2f}",
        )
    switching_costs = None
    if adjusted > 0:
        change = npsv / adjusted
        verb = "could rise" if npsv >= 0 else "would have to fall"
        switching_costs = Figure(
            value=round(change * 100, 1),
            unit="percent",
            workings=f"the costs with the risk allowance, {m(adjusted)}, {verb} by {m(abs(npsv))} "
            f"({_pct(abs(change))}) before the net present social value reaches 0",
        )
    switching_savings = None
    if pvb > 0:
        change = -npsv / pvb
        verb = "could fall" if npsv >= 0 else "would have to rise"
        to = inputs.annual_savings * (1 + change)
        switching_savings = Figure(
            value=round(change * 100, 1),
            unit="percent",
            workings=f"the savings, {m(pvb)} in present value, {verb} by {m(abs(npsv))} ({_pct(abs(change))}, "
            f"to {m(to)} a year) before the net present social value reaches 0",
        )
    return CostedOption(
        form=option.form,
        name=option.name,
        inputs=inputs,
        pv_benefits=pv_benefits,
        pv_costs=pv_costs,
        optimism_bias=uplift_figure,
        risk_register=register,
        risk_allowance=allowance_figure,
        npsv=npsv_figure,
        bcr=bcr,
        switching_costs=switching_costs,
        switching_savings=switching_savings,
        payback_year=_payback(inputs, factors, ob, max(0.0, risks - uplift)),
    )


def _payback(inputs: CostInputs, factors: Sequence[float], ob: float, extra: float) -> Figure | None:
    """The first year by which discounted savings net of recurrent costs repay the one-off cost
    (costs with the optimism bias; costed risks beyond the uplift added to the outlay)."""
    outlay = inputs.one_off_cost * (1 + ob) + extra
    net = inputs.annual_savings - inputs.annual_costs * (1 + ob)
    total = 0.0
    for year, factor in enumerate(factors, start=1):
        total += net * factor
        if total >= outlay - 1e-9:
            return Figure(
                value=year,
                unit="year",
                workings=f"discounted savings net of recurrent costs reach {m(total)} by year {year}, repaying the "
                f"outlay of {m(outlay)} (one-off cost {m(inputs.one_off_cost)} with {ob * 100:g}% optimism bias"
                + (f", plus costed risks beyond the uplift {m(extra)}" if extra else "")
                + ")",
            )
    return None


def _finances(case: Case, costed: Sequence[CostedOption], preferred: str) -> tuple[str, ...]:
    partners = case.partners
    given = [(p.name, p.annual_deficit) for p in partners if p.annual_deficit is not None]
    out = []
    if given:
        total = sum(d for _, d in given)
        each = ", ".join(f"{name} {m(d)}" for name, d in given)
        out.append(
            f"The partners' deficits given ({len(given)} of {len(partners)} partners): {each}; "
            f"{m(total)} a year in all."
        )
        for option in costed:
            net = option.inputs.annual_savings - option.inputs.annual_costs
            if total > 0 and net > 0:
                role = " (the preferred way forward)" if option.form == preferred else ""
                out.append(
                    f"{option.name}{role}: a net annual saving of {m(net)} (savings {m(option.inputs.annual_savings)} "
                    f"- costs {m(option.inputs.annual_costs)}) would cover {_pct(net / total)} of it."
                )
    funding = case.collaboration.funding
    if funding != "unknown":
        out.append(f"Funding for the change, as the case states it: {label(funding)}.")
    return tuple(out)


def economic_case(
    case: Case, short_list: Sequence[Costable], preferred: str, costs: CostsFile | None = None
) -> EconomicCase:
    """The economic case for the short list: each option with money given, against business as
    usual; or the statement that, with no money given, the appraisal stops at the qualitative case."""
    inputs, notes = _inputs(case, short_list, preferred, costs)
    money = case.collaboration.money
    years = (costs.horizon_years if costs and costs.horizon_years else None) or (
        money.horizon_years if money else DEFAULT_HORIZON
    )
    if not inputs:
        return EconomicCase(
            given=False,
            statement=" ".join([NOT_GIVEN, *notes]),
            horizon_years=years,
            discount="",
            optimism_bias=None,
            options=(),
            not_costed=tuple(o.form for o in short_list if o.form != BUSINESS_AS_USUAL),
            finances=_finances(case, (), preferred),
            sources=(),
        )
    bias = _optimism_bias(costs)
    own_by_option = {
        form: {rid: (r.probability, r.impact) for rid, r in given.risks.items()}
        for form, given in (costs.options.items() if costs else ())
    }
    costed = tuple(
        cost_option(option, inputs[option.form], years, bias, own_by_option.get(option.form, {}))
        for option in short_list
        if option.form in inputs
    )
    others = [o for o in short_list if o.form != BUSINESS_AS_USUAL]
    statement = (
        f"Money was given for {len(costed)} of the {len(others)} short-listed options besides business as usual, "
        f"which is the baseline (no change, no new costs or savings); GBP million in real terms over {years} years."
    )
    sources = [
        "gb_discount_rate",
        "gb_optimism_bias",
        "gb_optimism_bias_table",
        "gb_risk_costing",
        "gb_switching_values",
    ]
    if years > 30:
        sources.insert(1, "gb_declining_rate")
    return EconomicCase(
        given=True,
        statement=" ".join([statement, *notes]),
        horizon_years=years,
        discount=discount_words(years),
        optimism_bias=bias,
        options=costed,
        not_costed=tuple(o.form for o in others if o.form not in inputs),
        finances=_finances(case, costed, preferred),
        sources=tuple(cite(s) for s in sources),
    )
