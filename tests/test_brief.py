"""The PDF advice brief: what a board reads, that nothing typed by a user becomes markup, and
that the renderer fetches nothing but the advisor's own packaged assets."""

from __future__ import annotations

import datetime
import functools
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from advisor import advise, load_case
from advisor.cli.main import cli
from advisor.report.brief import BriefSection, html_to_pdf, render_brief_html, render_brief_pdf
from advisor.report.chart import judgement
from advisor.report.pdf import AssetRefused, asset_root, packaged_asset
from advisor.report.reasoning import reasoning_chains
from advisor.report.view import INSTRUMENT_WORDS

from conftest import EXAMPLES, assert_clean_exit, build_case

DAY = datetime.date(2025, 1, 15)
HOSTILE = '<img src="file:///etc/passwd">'
# A reference to another resource: a URL scheme that is not part of a longer word.
EXTERNAL = re.compile(r"(?<![A-Za-z])(https?|file|ftp):", re.IGNORECASE)
VOID = {"meta", "br", "img", "link", "hr", "input", "col", "source", "wbr", "area", "base"}


def squeeze(text: str) -> str:
    """Text without any white space, so that line breaks inside a PDF do not matter."""
    return "".join(text.split())


def pdf_text(pdf: bytes) -> str:
    """The squeezed text of the brief's body: the pages before the reasoning appendix."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        text = squeeze(page.extract_text())
        if squeeze("Appendix: the reasoning") in text:
            break
        pages.append(text)
    return "".join(pages)


class _Checker(HTMLParser):
    """Collects tags, attribute values and text, and checks that elements nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(v for _, v in attrs if v)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(v for _, v in attrs if v)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(html: str) -> _Checker:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert not checker.problems, checker.problems[:5]
    assert not checker.stack, f"unclosed: {checker.stack}"
    return checker


@functools.cache
def html_of(example: str) -> tuple[object, str]:
    """A packaged example's advice and HTML brief, made once and only when a test asks."""
    case = load_case(next(p for p in EXAMPLES if p.stem == example))
    advice = advise(case)
    return advice, render_brief_html(advice, case, generated=DAY)


@functools.cache
def brief_of(example: str) -> tuple[object, str, bytes, str]:
    """A packaged example's advice, HTML brief, PDF brief and the PDF's body text."""
    advice, html = html_of(example)
    pdf = html_to_pdf(html)
    return advice, html, pdf, pdf_text(pdf)


# The PDF is read back for the examples with the most to say (most risks, options asked about,
# a turnaround); every example's HTML, from which the PDF is made, is checked in full.
READ_BACK = ["system_partnership", "special_measures_turnaround", "proposed_merger", "learning_network"]


@pytest.mark.parametrize("example", READ_BACK)
def test_the_brief_names_what_the_board_must_decide(example):
    advice, _, pdf, text = brief_of(example)
    assert pdf.startswith(b"%PDF")
    assert squeeze(advice.case_name) in text
    for option in advice.recommended():
        assert squeeze(option.name) in text, option.name
    for risk in advice.risks:
        if risk.severity == "high":
            assert squeeze(risk.text) in text, risk.id
    assert squeeze(INSTRUMENT_WORDS[advice.formalisation.instrument]) in text
    assert squeeze(advice.formalisation.summary) in text
    assert squeeze(advice.knowledge_base["version"]) in text
    assert "15January2025" in text
    assert "Page1of" in text


@pytest.mark.parametrize("example", [p.stem for p in EXAMPLES])
def test_the_html_brief_is_valid_and_self_contained(example):
    _, html = html_of(example)
    checker = check_html(html)
    assert checker.tags.count("html") == 1 and checker.tags.count("title") >= 1
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    assert not {"img", "link", "script", "iframe", "object"} & set(checker.tags)
    for value in checker.attributes:
        if "url(" in value:
            assert value.startswith("url(#"), value


def test_sections_come_in_the_order_a_board_reads_them():
    _, html = html_of("system_partnership")
    headings = [
        "Executive summary",
        "Options considered",
        "Mechanism profile",
        "Risks",
        "Formalisation",
        "Action plan",
        "What the advisor did not know",
        "About the evidence",
        "Appendix: the reasoning",
        "Reference",
    ]
    positions = [html.index(f"<h2>{h}</h2>") for h in headings]
    assert positions == sorted(positions)


def test_every_form_is_in_the_options_table_with_its_verdict():
    advice, _, _, text = brief_of("special_measures_turnaround")
    assert len(advice.options) == 13
    for option in advice.options:
        verdict = {"recommended": "Recommended", "conditional": "Conditional", "not_advised": "Notadvised"}
        assert squeeze(option.name) + verdict[option.verdict] in text, option.name


def test_the_mechanism_profile_is_a_picture_with_the_level_words():
    advice, html, _, text = brief_of("system_partnership")
    svg = html[html.index("<svg") : html.index("</svg>")]
    bars = re.findall(r'class="bar-(favourable|watch|concern)"', svg)
    rows = re.findall(
        r'<text x="8"[^>]*>([^<]+)</text>.*?<tspan font-weight="bold">(\w+)</tspan>, ([\w ]+)<', svg, re.S
    )
    drawn = {name.rstrip(" *"): (level, meaning) for name, level, meaning in rows}
    expected = {
        m.replace("_", " ").capitalize(): (s.level, judgement(m, s.level).replace("unknown", "not known"))
        for m, s in advice.mechanisms.items()
    }
    assert drawn == expected
    assert len(bars) == sum(s.level != "unknown" for s in advice.mechanisms.values())
    assert all(squeeze(name) in text for name in expected)
    assert "low,concern" in text and "high,favourable" in text


def test_a_level_is_judged_by_what_it_means_for_the_collaboration():
    assert judgement("trust", "high") == "favourable"
    assert judgement("trust", "low") == "concern"
    assert judgement("conflict", "high") == "concern"
    assert judgement("task_complexity", "low") == "favourable"
    assert judgement("faith", "medium") == "watch"
    assert judgement("faith", "unknown") == "unknown"


def test_unknown_levels_are_drawn_as_not_known():
    case = build_case(2)
    advice = advise(case)
    unknown = [m for m, s in advice.mechanisms.items() if s.level == "unknown"]
    assert unknown, "a bare case should leave some mechanism unknown"
    html = render_brief_html(advice, case, generated=DAY)
    assert html.count("unknown</tspan>, not known") == len(unknown)


def test_each_recommendation_and_risk_has_a_cited_chain_ending_in_it():
    advice = advise(load_case(Path(EXAMPLES[0]).parent / "system_partnership.yaml"))
    chains = reasoning_chains(advice)
    titles = [c.title for c in chains]
    for option in advice.recommended():
        assert any(t.startswith(option.name) for t in titles)
    for risk in advice.risks:
        chain = next(c for c in chains if c.group == "Risks" and c.title.endswith(risk.text))
        assert chain.steps[-1].rule in risk.because
        assert all(s.sources for s in chain.steps if not s.elsewhere)
    trust = next(c for c in chains if c.group == "Mechanism levels" and c.title.startswith("Trust:"))
    assert trust.steps[-1].rule == "level.trust"
    assert {s.rule for s in trust.steps} >= set(advice.mechanisms["trust"].because)


def test_a_hostile_name_is_printed_literally_and_nothing_is_fetched(monkeypatch):
    import advisor.report.pdf as brief_pdf

    fetchers = []

    def recording_fetcher():
        fetcher = original()
        fetchers.append(fetcher)
        return fetcher

    original = brief_pdf.new_fetcher
    monkeypatch.setattr(brief_pdf, "new_fetcher", recording_fetcher)
    case = build_case(
        [{"name": HOSTILE}, {"name": "<script>alert(1)</script> & Co"}],
        collaboration={"name": f'Pact {HOSTILE} <link rel="stylesheet" href="https://example.com/x.css">'},
    )
    advice = advise(case)
    html = render_brief_html(advice, case, generated=DAY)
    checker = check_html(html)
    assert not {"img", "script", "link"} & set(checker.tags)
    assert not any(EXTERNAL.search(v) for v in checker.attributes)
    assert HOSTILE in "".join(checker.text)
    pdf = render_brief_pdf(advice, case, generated=DAY)
    assert squeeze(HOSTILE) in pdf_text(pdf)
    assert squeeze("<script>alert(1)</script> & Co") in pdf_text(pdf)
    requested = [url for f in fetchers for url in f.requested]
    assert requested, "the packaged fonts are fetched through the restricted fetcher"
    assert all(url.startswith(asset_root().as_uri()) for url in requested), requested


def test_the_renderer_refuses_every_url_but_packaged_assets(monkeypatch):
    import socket

    import advisor.report.pdf as brief_pdf

    connections = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: connections.append(address))
    fetchers = []
    original = brief_pdf.new_fetcher
    monkeypatch.setattr(brief_pdf, "new_fetcher", lambda: fetchers.append(original()) or fetchers[-1])
    hostile = (
        '<html><head><link rel="stylesheet" href="https://example.com/x.css"></head><body>'
        '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">'
        f'<img src="{(asset_root() / ".." / "advisor" / "__init__.py").as_uri()}">'
        '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%221%22 height=%221%22/%3E">'
        "<p>text</p></body></html>"
    )
    pdf = html_to_pdf(hostile)
    assert pdf.startswith(b"%PDF")
    assert "root:" not in pdf_text(pdf)
    assert connections == []
    requested = fetchers[0].requested
    assert "file:///etc/passwd" in requested and "http://127.0.0.1:9/x.png" in requested


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/font.ttf",
        "https://example.com/font.ttf",
        "ftp://example.com/x",
        "file://otherhost/etc/passwd",
        "relative/fonts/LiberationSans-Regular.ttf",
    ],
)
def test_urls_outside_the_package_are_refused(url):
    with pytest.raises(AssetRefused):
        packaged_asset(url)


def test_paths_that_climb_out_of_the_package_are_refused():
    escape = (asset_root() / "fonts" / ".." / ".." / "advisor" / "__init__.py").as_uri()
    with pytest.raises(AssetRefused):
        packaged_asset(escape)
    with pytest.raises(AssetRefused):
        packaged_asset((asset_root() / "fonts" / "missing.ttf").as_uri())


def test_packaged_fonts_and_their_licence_are_served():
    body, media_type = packaged_asset((asset_root() / "fonts" / "LiberationSans-Regular.ttf").as_uri())
    assert body[:4] == b"\x00\x01\x00\x00" and media_type.startswith("font/")
    assert "SIL OPEN FONT LICENSE" in (asset_root() / "fonts" / "LICENSE-Liberation.txt").read_text()


def test_the_pdf_embeds_the_packaged_fonts():
    _, _, pdf, _ = brief_of("learning_network")
    fonts = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor
    assert fonts and all("Liberation" in name for name in fonts)
    assert all(fonts.values()), "every font is embedded"


def test_the_same_case_and_date_give_the_same_bytes():
    advice, html, pdf, _ = brief_of("learning_network")
    case = load_case(Path(EXAMPLES[0]).parent / "learning_network.yaml")
    assert render_brief_html(advice, case, generated=DAY) == html
    assert render_brief_pdf(advice, case, generated=DAY) == pdf


def test_the_date_defaults_to_today():
    case = build_case(2)
    html = render_brief_html(advise(case), case)
    assert f'name="dcterms.created" content="{datetime.date.today().isoformat()}"' in html


def test_extra_sections_come_before_the_reasoning_appendix():
    case = build_case(2)
    section = BriefSection(title="Option appraisal <draft>", html="<p class='appraisal'>Weighted scores</p>")
    html = render_brief_html(advise(case), case, extra_sections=[section], generated=DAY)
    assert "<h2>Option appraisal &lt;draft&gt;</h2>" in html
    assert "<p class='appraisal'>Weighted scores</p>" in html
    assert html.index("Weighted scores") < html.index("Appendix: the reasoning")
    assert html.index("What the advisor did not know") < html.index("Weighted scores")


def test_advice_for_another_case_is_refused():
    advice = advise(build_case(2))
    with pytest.raises(ValueError, match="not produced for this case"):
        render_brief_html(advice, build_case(3), generated=DAY)


# The command line.

CASE = str(Path(EXAMPLES[0]).parent / "learning_network.yaml")


def test_cli_writes_the_pdf_and_the_html(tmp_path):
    pdf, html = tmp_path / "brief.pdf", tmp_path / "brief.html"
    result = CliRunner().invoke(cli, ["brief", CASE, "-o", str(pdf), "--html", str(html), "--date", "2025-01-15"])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "15 January 2025" in html.read_text()
    assert f"wrote {pdf}" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.html", "brief.pdf"]


def test_cli_refuses_a_bad_case_file_naming_the_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("partners:\n  - name: A\ncollaboration:\n  mandation: sometimes\n")
    out = tmp_path / "brief.pdf"
    result = CliRunner().invoke(cli, ["brief", str(bad), "-o", str(out)])
    assert_clean_exit(result, 2)
    assert "bad.yaml" in result.output and "mandation" in result.output
    assert not out.exists()


def test_cli_reports_an_unwritable_output_and_leaves_no_file(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    target = blocker / "brief.pdf"
    result = CliRunner().invoke(cli, ["brief", CASE, "-o", str(target)])
    assert_clean_exit(result, 2)
    assert f"cannot write {target}" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_cli_needs_somewhere_to_write_and_never_prints_pdf_to_a_terminal(tmp_path, monkeypatch):
    result = CliRunner().invoke(cli, ["brief", CASE])
    assert result.exit_code == 2 and "-o FILE.pdf" in result.output

    piped = CliRunner().invoke(cli, ["brief", CASE, "-o", "-"])
    assert piped.exit_code == 0 and piped.stdout_bytes.startswith(b"%PDF")
    import advisor.cli.common as common

    monkeypatch.setattr(common, "stdout_is_terminal", lambda: True)
    result = CliRunner().invoke(cli, ["brief", CASE, "-o", "-"])
    assert result.exit_code == 2 and "terminal" in result.output


def test_cli_refuses_a_bad_date_and_will_not_overwrite_the_case(tmp_path):
    result = CliRunner().invoke(cli, ["brief", CASE, "-o", str(tmp_path / "b.pdf"), "--date", "15/01/2025"])
    assert result.exit_code == 2 and "--date" in result.output
    copy = tmp_path / "case.yaml"
    copy.write_text(Path(CASE).read_text())
    result = CliRunner().invoke(cli, ["brief", str(copy), "-o", str(copy)])
    assert result.exit_code == 2 and f"it is the input file {copy}" in result.output
    assert copy.read_text() == Path(CASE).read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.yaml"]


def test_the_appendix_draws_the_case_causal_web():
    _, html = html_of("proposed_merger")
    web = html.split('<div class="causal-web">', 1)[1]
    assert web.lstrip().startswith("<h3>The causal web of this case</h3>")
    assert "<svg " in web and "Merger" in web
