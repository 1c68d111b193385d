"""The costs file: money for the economic case beyond the case's own ``collaboration.money``.

A YAML mapping (GBP million, real terms)::

    horizon_years: 10                 # optional: overrides the case's money.horizon_years
    options:                          # money per short-listed option (a form id)
      merger:
        one_off_cost: 12
        annual_savings: 4
        annual_costs: 0.5
        risks:                        # optional: your own costing of a risk the appraisal flags
          implementation_dip: {probability: 0.4, impact: 3}
      group: {one_off_cost: 3, annual_savings: 1.5}
    optimism_bias:                    # optional: another row of the Treasury table, or your own figure
      row: equipment_development      # with bound: upper | lower
      # percent: 20                   # instead of row: your own record of past projects,
      # why: our record of three past mergers   # which must then be given

The case's ``money`` is for the change the partners propose (see
:func:`advisor.appraisal.economics.proposed_change`); the file can give it for any short-listed
option and overrides the case for the options it names.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from advisor.appraisal.models import BUSINESS_AS_USUAL
from advisor.case.load import describe_validation_error
from advisor.case.model import FormId
from advisor.files.errors import InputFileError
from advisor.kb.load import load_knowledge

MAX_MONEY = 100_000
EXAMPLE = "options: {merger: {one_off_cost: 12, annual_savings: 4}}"


class CostsError(InputFileError):
    """A costs file that cannot be used: the file, and every problem found in it."""

    what = "costs file"


def optimism_bias_table() -> dict[str, dict[str, float]]:
    """The Treasury's optimism bias table by row (gb_optimism_bias_table)."""
    return load_knowledge()["gb_optimism_bias_table"].table


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("must be a finite number")
    return value


Finite = Annotated[float, AfterValidator(_finite)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RiskCost(_Strict):
    """Your own costing of one risk: how likely it is and what it would cost (GBP million)."""

    probability: Finite = Field(ge=0, le=1, description="Probability, 0 to 1")
    impact: Finite = Field(ge=0, le=MAX_MONEY, description="Cost if it happens, GBP million")


class OptionCosts(_Strict):
    """The money for one option, GBP million in real terms."""

    one_off_cost: Finite = Field(ge=0, le=MAX_MONEY, description="One-off cost of the change")
    annual_savings: Finite = Field(0, ge=0, le=MAX_MONEY, description="Recurrent savings a year once running")
    annual_costs: Finite = Field(0, ge=0, le=MAX_MONEY, description="New recurrent costs a year")
    risks: dict[str, RiskCost] = Field(default_factory=dict, description="Your own costing of flagged risks, by id")


class OptimismBiasChoice(_Strict):
    """Another row of the Treasury's optimism bias table, or your own percentage with its reason."""

    row: str | None = None
    bound: Literal["upper", "lower"] = "upper"
    percent: Finite | None = Field(None, ge=0, le=500)
    why: str | None = Field(None, min_length=1, max_length=500)

    @model_validator(mode="after")
    def _one_basis(self) -> OptimismBiasChoice:
        rows = optimism_bias_table()
        if self.row is not None and self.row not in rows:
            raise ValueError(f"row {self.row!r} is not a row of the Treasury table; allowed: {', '.join(rows)}")
        if (self.row is None) == (self.percent is None):
            raise ValueError("give either row (a row of the Treasury table) or percent (your own figure)")
        if self.percent is not None and not self.why:
            raise ValueError("with percent, say where it comes from in why (e.g. your record of past projects)")
        return self


class CostsFile(_Strict):
    """Money per option, the horizon and the optimism bias for the economic case."""

    horizon_years: int | None = Field(None, ge=1, le=60)
    options: dict[FormId, OptionCosts] = Field(default_factory=dict)
    optimism_bias: OptimismBiasChoice | None = None

    @field_validator("options", mode="before")
    @classmethod
    def _no_baseline(cls, value: object) -> object:
        if isinstance(value, dict) and BUSINESS_AS_USUAL in value:
            raise ValueError("business_as_usual is the baseline: the options' costs and savings are counted against it")
        return value


def _problems(exc: ValidationError) -> list[str]:
    return [
        line.replace("`advisor schema` lists fields", "the README's costs file section lists them").replace(
            "Value error, ", ""
        )
        for line in describe_validation_error(exc)
    ]


def costs_from_data(data: object, source: str = "costs") -> CostsFile:
    """Validate parsed data as a costs file, raising :class:`CostsError` naming every problem."""
    if data is None:
        raise CostsError(source, [f"the file is empty; give money per option such as {EXAMPLE}"])
    if not isinstance(data, dict):
        raise CostsError(source, [f"expected a mapping (e.g. {EXAMPLE}), not a YAML {type(data).__name__}"])
    try:
        return CostsFile.model_validate(data)
    except ValidationError as exc:
        raise CostsError(source, _problems(exc)) from None


def read_costs(path: str | Path) -> CostsFile:
    """Read and validate a costs file."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CostsError(source, [f"cannot read the file: {getattr(exc, 'strerror', None) or exc}"]) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 1}" if where is not None else ""
        raise CostsError(source, [f"not valid YAML{at}: {getattr(exc, 'problem', None) or exc}"]) from None
    return costs_from_data(data, source)
