"""One meaning everywhere: what each field of a case file and each of its answers means is
written once, with the question catalogue, and is what `advisor schema`, the README's case
format section and the interview show."""

from __future__ import annotations

import json

from click.testing import CliRunner

from advisor.case.schema import MODEL_FACTS, _enum, case_format_markdown, case_schema, readme_section
from advisor.case.wording import choice_meanings, fact_label, value_label
from advisor.cli.main import cli
from advisor.interview.catalogue import load_catalogue

from conftest import ROOT


def test_every_field_of_a_case_file_says_what_it_and_each_of_its_answers_mean():
    schema = case_schema()
    assert set(MODEL_FACTS) == set(schema["$defs"])
    for model in MODEL_FACTS:
        for name, prop in schema["$defs"][model]["properties"].items():
            description = prop.get("description", "")
            assert len(description) > 20, f"{model}.{name}"
            for value in _enum(prop):
                assert value in description, f"{model}.{name}: {value}"


def test_the_schema_says_what_the_bands_mean_in_the_catalogues_words():
    properties = case_schema()["$defs"]
    timeline = properties["Collaboration"]["properties"]["timeline"]["description"]
    assert "long = Long - over several years" in timeline
    environment = properties["Collaboration"]["properties"]["regulatory_environment"]["description"]
    assert "competitive = Competitive - procurement or competition rules" in environment
    size = properties["Partner"]["properties"]["size"]["description"]
    assert "our calibration" in size and "large = Large - income £600m to £1.2bn" in size
    pair = properties["Pair"]["properties"]["history_of_competition"]["description"]
    assert pair.startswith("History of competition")
    assert load_catalogue().question("collaboration.timeline").choices["long"] in timeline


def test_advisor_schema_prints_the_described_schema():
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0 and result.exception is None
    assert json.loads(result.output) == json.loads(json.dumps(case_schema()))


def test_the_readme_case_format_section_is_the_generated_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_section(readme) == case_format_markdown(), (
        "replace the case-format block of README.md with the output of python -m advisor.case.schema"
    )


def test_facts_and_answers_are_put_into_words_from_the_catalogue():
    assert fact_label("partners[1].size", ["A", "B"]) == "Size of B"
    assert fact_label("collaboration.in_place.form") == "Arrangement in place"
    assert value_label("collaboration.timeline", "rapid") == "Rapid"
    assert value_label("relationship.travel_time", "over_60_min") == "Over an hour"
    assert choice_meanings("relationship.pairs.communication")["low"] == "Poor"
