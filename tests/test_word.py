"""Word documents for consultants, read back with python-docx: real headings, tables with the
cells a board paper needs, the mechanism chart as a picture, and outputs checked before any
file is written."""

import io

import pytest
from click.testing import CliRunner
from docx import Document
from PIL import Image

from advisor import advise, load_case
from advisor.appraisal.appraise import appraise
from advisor.cli.main import cli
from advisor.kb.load import load_knowledge
from advisor.report.chart import mechanism_profile
from advisor.report.chart_png import mechanism_chart_png

from conftest import ROOT

MERGER = str(ROOT / "examples" / "proposed_merger.yaml")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def headings(document):
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def table_with(document, first_header):
    return next(t for t in document.tables if t.rows[0].cells[0].text == first_header)


def cells(table, row):
    return [c.text for c in table.rows[row].cells]


def pictures(document):
    return [r.target_part for r in document.part.rels.values() if r.reltype.endswith("/image")]


@pytest.fixture(scope="module")
def appraisal_docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("word") / "appraisal.docx"
    args = ["appraise", MERGER, "--format", "docx", "--no-sensitivity", "--date", "2024-05-01", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return out


def test_the_appraisal_in_word_has_real_headings_under_the_brief(appraisal_docx):
    found = headings(Document(appraisal_docx))
    assert found[0] == ("Title", "Collaboration advice: Twin Towns merger proposal")
    assert ("Heading 1", "Option appraisal") in found
    after = found[found.index(("Heading 1", "Option appraisal")) :]
    for title in (
        "Spending objectives",
        "Long list: the options framework filter",
        "Short list",
        "Critical success factors",
        "Ranked short list",
        "Economic case",
        "Sensitivity",
        "Sources",
    ):
        assert ("Heading 2", title) in after
    assert ("Heading 3", "Service delivery: who is best placed to deliver it") in after


def test_the_appraisal_for_a_board_names_no_rule_or_item_ids(appraisal_docx):
    document = Document(appraisal_docx)
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "HM Treasury guidance" in text and "NHS guidance" in text
    for internal in ("[form.", "mech.", "ctx.", "cmoc_", "gb_", "gd_", "sec_"):
        assert internal not in text  # they stay in the JSON and the consultant's text


def test_the_ranked_short_list_and_the_economic_case_are_word_tables(appraisal_docx):
    document = Document(appraisal_docx)
    ranking = table_with(document, "#")
    assert cells(ranking, 0) == ["#", "Option", "Role", "SF", "VM", "SC", "AF", "AC", "Total"]
    first = appraise(load_case(MERGER), facts=False).short_list[0].name
    assert cells(ranking, 1)[:2] == ["1", first]
    assert len(ranking.rows) == 1 + 7  # the header and the seven short-listed options
    assert ranking.rows[0].cells[0].paragraphs[0].runs[0].bold
    economic = table_with(document, "Option")
    assert cells(economic, 0) == ["Option", "PV savings", "PV costs", "Risk allowance", "NPSV", "BCR"]
    assert cells(economic, 1)[0] == "Merger" and cells(economic, 1)[4] == "12.79"


def test_the_mechanism_chart_is_a_png_picture_with_its_description(appraisal_docx):
    document = Document(appraisal_docx)
    (picture,) = pictures(document)
    assert picture.content_type == "image/png" and picture.blob.startswith(PNG_SIGNATURE)
    shape = document.inline_shapes[0]
    assert shape._inline.docPr.get("descr").startswith("Mechanism profile")
    assert shape.width > 0


def test_the_word_brief_is_compact_advice_in_board_words(tmp_path):
    out = tmp_path / "brief.docx"
    result = CliRunner().invoke(cli, ["brief", MERGER, "--docx", str(out), "--date", "2024-05-01"])
    assert result.exit_code == 0, result.output
    document = Document(out)
    titles = [text for style, text in headings(document) if style == "Heading 1"]
    assert titles == ["Summary", "The options you asked about", "Options", "Mechanism profile", "Risks",
                      "Formalisation", "Actions"]  # fmt: skip
    options = table_with(document, "Form")
    assert cells(options, 0) == ["Form", "Verdict", "Main reason"]
    assert len(options.rows) == 1 + 13  # every form of Table 2 with its verdict
    top = advise(load_case(MERGER)).options[0]
    assert cells(options, 1)[:2] == [top.name, top.verdict]
    assert len(pictures(document)) == 1
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    for internal in ("form.", "mech.", "ctx.", "cmoc_", "act0"):
        assert internal not in text  # rule and item ids stay in the trace and the JSON


def test_the_same_case_and_date_give_the_same_word_bytes(tmp_path):
    paths = [tmp_path / "one.docx", tmp_path / "two.docx"]
    for path in paths:
        result = CliRunner().invoke(cli, ["brief", MERGER, "--docx", str(path), "--date", "2024-05-01"])
        assert result.exit_code == 0, result.output
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert Document(paths[0]).core_properties.created.date().isoformat() == "2024-05-01"


def test_the_chart_picture_shows_one_bar_row_per_mechanism():
    advice = advise(load_case(MERGER))
    profile = mechanism_profile(advice, load_knowledge())
    image = Image.open(io.BytesIO(mechanism_chart_png(profile)))
    assert image.format == "PNG" and image.size == (profile.width * 2, profile.height * 2)


def test_every_output_is_checked_before_anything_is_written(tmp_path):
    docx = tmp_path / "brief.docx"
    missing = tmp_path / "no-such-folder" / "brief.html"
    result = CliRunner().invoke(cli, ["brief", MERGER, "--docx", str(docx), "--html", str(missing)])
    assert result.exit_code == 2 and "the folder" in result.output and "does not exist" in result.output
    assert not docx.exists()
    same = CliRunner().invoke(cli, ["brief", MERGER, "--docx", str(docx), "--html", str(docx)])
    assert same.exit_code == 2 and "given twice" in same.output and not docx.exists()
    case = CliRunner().invoke(cli, ["brief", MERGER, "--docx", MERGER])
    assert case.exit_code == 2 and "it is the input file" in case.output


def test_an_appraisal_refuses_an_unwritable_output_before_appraising(tmp_path):
    out = tmp_path / "missing" / "appraisal.docx"
    result = CliRunner().invoke(cli, ["appraise", MERGER, "--format", "docx", "-o", str(out)])
    assert result.exit_code == 2 and "does not exist" in result.output
    weights = tmp_path / "weights.yaml"
    weights.write_text("strategic_fit: 40\n", encoding="utf-8")
    clash = CliRunner().invoke(cli, ["appraise", MERGER, "--weights", str(weights), "-o", str(weights)])
    assert clash.exit_code == 2 and "it is the input file" in clash.output
    assert weights.read_text(encoding="utf-8") == "strategic_fit: 40\n"


def test_word_takes_one_case():
    result = CliRunner().invoke(cli, ["appraise", MERGER, MERGER, "--format", "docx"])
    assert result.exit_code == 2 and "--format docx takes one case" in result.output
