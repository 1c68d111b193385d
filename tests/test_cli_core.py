"""The core commands through click's CliRunner: advise, schema, demo, kb."""

import json

import pytest
from click.testing import CliRunner

from advisor import advise, load_case
from advisor.cli.main import cli

from conftest import EXAMPLES, ROOT, assert_clean_exit

MERGER = str(ROOT / "examples" / "proposed_merger.yaml")


@pytest.fixture
def runner():
    return CliRunner()


def test_advise_json_is_the_complete_advice_and_matches_the_library(runner):
    result = runner.invoke(cli, ["advise", MERGER, "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) >= {
        "certainty",
        "proposals",
        "options",
        "mechanisms",
        "risks",
        "formalisation",
        "actions",
        "unknowns",
        "trace",
        "knowledge_base",
    }
    assert result.output == advise(load_case(MERGER)).to_json()
    first = data["options"][0]
    assert first["form"] == "merger" and first["verdict"] == "recommended"
    assert {"rule", "strength", "sources", "text"} <= set(first["reasons"][0])
    assert data["certainty"]["level"] in ("high", "medium", "low") and "confidence" not in data
    assert {"step", "rule", "sources", "matched", "asserted"} <= set(data["trace"][0])


def test_advise_text_is_a_readable_summary(runner):
    result = runner.invoke(cli, ["advise", MERGER])
    assert result.exit_code == 0
    assert "Collaboration advice: Twin Towns merger proposal" in result.output
    assert "The options you asked about\n  - Merger: recommended" in result.output
    assert "A statutory transaction" in result.output
    assert "[form." not in result.output and "form.scope_match" not in result.output


def test_advise_markdown_has_headings(runner):
    result = runner.invoke(cli, ["advise", MERGER, "--format", "md"])
    assert result.output.startswith("# Collaboration advice: Twin Towns merger proposal")
    assert "\n## Risks\n" in result.output


def test_advise_writes_the_output_file(runner, tmp_path):
    out = tmp_path / "advice.json"
    result = runner.invoke(cli, ["advise", MERGER, "--format", "json", "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text())["options"][0]["form"] == "merger"


def test_unwritable_output_is_a_clear_error_and_leaves_nothing(runner, tmp_path):
    out = tmp_path / "missing-folder" / "advice.json"
    result = runner.invoke(cli, ["advise", MERGER, "-o", str(out)])
    assert result.exit_code == 2
    assert "cannot write" in result.output
    assert not out.parent.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("partners: [\n", "not valid YAML or JSON"),
        (
            "collaboration:\n  mandation: sometimes\npartners: [{name: A}]\n",
            "collaboration.mandation: 'sometimes' is not allowed: Input should be 'voluntary', 'mandated' or 'unknown'",
        ),
        ("collaboration: {name: X}\n", "partners: required field is missing"),
        ("partners: [{name: A, size: 7}]\n", "partners[0].size"),
        ("partners: [{name: A, colour: red}]\n", "partners[0].colour: unknown field"),
        ("", "expected a mapping with a `partners` list, got empty"),
        ("- just\n- a list\n", "expected a mapping with a `partners` list, got list"),
        ("partners: [{name: A}, {name: A}]\n", "partner names must be unique; repeated: A"),
    ],
)
def test_bad_case_files_give_a_clear_error_naming_file_and_field(runner, tmp_path, content, expected):
    path = tmp_path / "case.yaml"
    path.write_text(content)
    result = runner.invoke(cli, ["advise", str(path)])
    assert_clean_exit(result, 2)
    assert f"cannot use case file {path}" in result.output
    assert expected in result.output


def test_binary_junk_and_missing_files_are_refused(runner, tmp_path):
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(b"\x00\xff\xfe" * 100)
    result = runner.invoke(cli, ["advise", str(junk)])
    assert result.exit_code == 2 and "not a text file" in result.output
    result = runner.invoke(cli, ["advise", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "cannot read the file" in result.output


def test_schema_is_the_json_schema_of_the_case(runner):
    result = runner.invoke(cli, ["schema"])
    schema = json.loads(result.output)
    assert "partners" in schema["required"]
    assert "mandation" in json.dumps(schema)


def test_demo_runs_an_example_end_to_end_and_writes_its_brief(runner, tmp_path):
    brief = tmp_path / "demo.pdf"
    result = runner.invoke(cli, ["demo", "--brief", str(brief)])
    assert result.exit_code == 0
    assert "Example case: special_measures_turnaround.yaml" in result.output
    assert "Buddying" in result.output
    assert brief.read_bytes().startswith(b"%PDF")


def test_demo_takes_an_example_by_name_with_or_without_yaml(runner):
    for name in ("proposed_merger", "proposed_merger.yaml"):
        result = runner.invoke(cli, ["demo", "--case", name, "--no-brief"])
        assert_clean_exit(result, 0)
        assert "Example case: proposed_merger.yaml" in result.output


def test_kb_list_rules_is_in_reasoning_order(runner):
    from advisor.rules.registry import LAYERS

    result = runner.invoke(cli, ["kb", "list", "rules", "--json"])
    layers = [row["layer"] for row in json.loads(result.output)]
    assert layers == sorted(layers, key=LAYERS.index) and layers[0] == "context" and layers[-1] == "actions"


def test_kb_check_is_clean_and_reports_coverage(runner):
    result = runner.invoke(cli, ["kb", "check", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["problems"] == []
    # four CMOCs need facts a case cannot record (intra-organisational conflict, absent key
    # actors, an observed slow pace, leaders pushing out dissent): out of scope, with the reason
    assert report["coverage"]["cmocs_functioning"] == {
        "total": 39,
        "encoded": 35,
        "reasoned_on": 35,
        "used_as_data": 0,
        "out_of_scope": 4,
    }
    # domains and stages are labels that place actions: counted as data, with what they are for
    assert report["coverage"]["domains"]["used_as_data"] > 0
    assert "Table 4's success factors" in report["coverage"]["domains"]["data_use"]
    assert report["coverage"]["actions"]["encoded"] == 34


def test_kb_show_a_cmoc_lists_the_rules_that_encode_it(runner):
    result = runner.invoke(cli, ["kb", "show", "cmoc_f24"])
    assert result.exit_code == 0
    assert "Box 1" in result.output
    assert "mech.trust.size_asymmetry" in result.output


def test_kb_show_a_rule_lists_its_sources(runner):
    result = runner.invoke(cli, ["kb", "show", "risk.contract_undermines_trust"])
    assert "sec_trust_vs_confidence" in result.output
    assert "MISSING" not in result.output


def test_kb_show_unknown_id_is_a_clear_error(runner):
    result = runner.invoke(cli, ["kb", "show", "no_such_thing"])
    assert result.exit_code == 2
    assert "no knowledge item or rule with id 'no_such_thing'" in result.output


def test_kb_list_forms_in_table_order(runner):
    result = runner.invoke(cli, ["kb", "list", "forms", "--json"])
    ids = [row["id"] for row in json.loads(result.output)]
    assert ids[0] == "informal_partnering" and ids[-1] == "acquisition" and len(ids) == 13


def test_every_example_is_advised(runner):
    tops = set()
    for path in EXAMPLES:
        result = runner.invoke(cli, ["advise", str(path), "--format", "json"])
        assert result.exit_code == 0, path
        tops.add(json.loads(result.output)["options"][0]["form"])
    assert len(EXAMPLES) >= 8
    assert len(tops) >= 6
