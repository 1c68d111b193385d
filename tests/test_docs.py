"""The command reference in docs/ is the commands' own --help (regenerate it when they change)."""

from advisor.cli.reference import reference_markdown

from conftest import ROOT


def test_docs_commands_md_matches_the_commands():
    committed = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert committed == reference_markdown(), "run: python -m advisor.cli.reference > docs/commands.md"


def test_every_command_is_in_the_reference():
    text = reference_markdown()
    for command in ("advise", "appraise", "brief", "demo", "explain", "interview", "kb check", "survey score", "trace"):
        assert f"`advisor {command}`" in text


def test_the_readme_command_table_gives_every_interview_option():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `advisor interview"))
    for option in ("--save", "--session", "--resume", "--answers"):
        assert option in row


def test_the_readme_worked_example_is_what_the_advisor_prints():
    """Every line of the README's worked example is in the advice, in the same order ('...'
    marks what is left out: a line of its own, or the rest of a line), so the example cannot
    drift from the product."""
    from click.testing import CliRunner

    from advisor.cli.main import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ advisor advise examples/proposed_merger.yaml\n", 1)[1].split("```", 1)[0]
    shown = [line for line in block.splitlines() if line.strip() != "..."]
    result = CliRunner().invoke(cli, ["advise", str(ROOT / "examples" / "proposed_merger.yaml")])
    assert result.exception is None
    printed = result.output.splitlines()
    position = 0
    for line in shown:
        cut = line.endswith(" ...")
        start = line.removesuffix(" ...")
        found = [
            i for i, out in enumerate(printed[position:], position) if out == line or (cut and out.startswith(start))
        ]
        assert found, f"not printed (or out of order): {line!r}"
        position = found[0] + 1
