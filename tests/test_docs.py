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
