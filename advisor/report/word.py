"""Word documents for consultants (python-docx): the advice as a compact brief (title, summary,
the options asked about, options, mechanism profile, risks, formalisation, actions), with any
extra sections such as the option appraisal, so that sections can be pasted into a board paper.

Real Word headings (Heading 1-3 styles), tables (Table Grid) and the mechanism chart as a PNG
picture with its description (drawn by :mod:`advisor.report.chart_png`). The same advice and
date give the same bytes: the document's dates are the brief's date and the package's file
times are fixed.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterable, Sequence

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from advisor.advice.model import Advice
from advisor.kb.load import load_knowledge
from advisor.report.blocks import Block, Bullets, Heading, Image, Paragraph, Table, rewrite_texts
from advisor.report.brief import MONTHS
from advisor.report.chart import mechanism_profile
from advisor.report.chart_png import mechanism_chart_png
from advisor.report.view import AdviceView, OptionView, advice_view, gloss_first

CHART_WIDTH_CM = 16.0
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
AUTHOR = "The collaboration advisor"


def _option_rows(view: AdviceView) -> tuple[tuple[str, ...], ...]:
    options: Iterable[OptionView] = (*view.recommended, *view.conditional, *view.undecided, *view.not_advised)
    return tuple((o.name, o.verdict, o.main_reason) for o in options)


def _proposals(view: AdviceView) -> list[Block]:
    if not view.proposals:
        return []
    out: list[Block] = [Heading(1, "The options you asked about")]
    for p in view.proposals:
        o = p.option
        top = " (the advisor's top option)" if p.is_top else ""
        out += [Heading(2, f"{o.name}: {o.verdict}{top}"), Paragraph(f"{o.main_reason} ({o.meaning}.)")]
        items = [f"Condition: {c}" for c in o.conditions]
        items += [f"Risk ({r.severity.lower()}): {r.headline}" for r in o.risks]
        if o.formalisation:
            items.append(f"Formalisation: {o.formalisation.instrument}. {o.formalisation.summary}")
        items += [f"Would become viable: {path}" for path in p.pathways]
        if p.building:
            items.append("Lighter forms that build towards it: " + ", ".join(p.building))
        if items:
            out.append(Bullets(tuple(items)))
    return out


def brief_blocks(advice: Advice, generated: datetime.date) -> list[Block]:
    """The compact Word brief as blocks, in board words (no rule or item ids)."""
    view = advice_view(advice)
    top = (view.recommended or view.conditional or (None,))[0]
    summary = [
        f"Preferred form: {top.name} ({top.verdict}: {top.meaning})." if top else "No form is recommended yet.",
        view.certainty,
        f"Formalisation: {view.formalisation.instrument}. {view.formalisation.summary}",
        *(f"Risk ({r.severity.lower()}): {r.headline}" for r in view.risks[:3]),
    ]
    risks = tuple(
        f"{r.severity}: {r.headline}"
        + (f" ({r.about})" if r.about else "")
        + (f" Consequences: {'; '.join(r.consequences)}." if r.consequences else "")
        + (f" Mitigations: {'; '.join(r.mitigations)}." if r.mitigations else "")
        for r in view.risks
    )
    formal = view.formalisation
    profile = mechanism_profile(advice, load_knowledge())
    out: list[Block] = [
        Heading(0, view.title),
        Paragraph(
            f"Partners: {view.partners}. Stage: {view.stage}. "
            f"{generated.day} {MONTHS[generated.month - 1]} {generated.year}."
        ),
        Heading(1, "Summary"),
        Bullets(tuple(summary)),
        *_proposals(view),
        Heading(1, "Options"),
        Table(("Form", "Verdict", "Main reason"), _option_rows(view), (False, False, False)),
        Heading(1, "Mechanism profile"),
        Image(
            mechanism_chart_png(profile),
            "Mechanism profile: the level of each mechanism (low, medium, high or not known) and whether it helps",
            CHART_WIDTH_CM,
        ),
        Heading(1, "Risks"),
        Bullets(risks or ("No risk was flagged on what the advisor was told.",)),
        Heading(1, "Formalisation"),
        Paragraph(f"{formal.instrument}{' (already in place)' if formal.in_place else ''}. {formal.summary}"),
        Paragraph(formal.reason),
    ]
    elements = [f"Needed: {e}" for e in formal.needed] + [f"Already in place: {e}" for e in formal.already]
    if elements:
        out.append(Bullets(tuple(elements)))
    out.append(Heading(1, "Actions"))
    for group in view.actions:
        out += [Heading(2, group.title), *([Paragraph(group.note)] if group.note else []), Bullets(group.actions)]
    if view.more_actions:
        out.append(Paragraph(f"{view.more_actions} more actions are in the full advice."))
    return _glossed(out)


def _glossed(blocks: list[Block]) -> list[Block]:
    """The blocks with each term of the report's jargon glossed where it first appears."""
    return rewrite_texts(blocks, gloss_first)


def _table(document: Document, table: Table) -> None:
    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    for cell, text, numeric in zip(grid.rows[0].cells, table.header, table.numeric, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        if numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        for cell, text, numeric in zip(grid.add_row().cells, row, table.numeric, strict=True):
            cell.text = text
            if numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def add_blocks(document: Document, blocks: Sequence[Block], shift: int = 0) -> None:
    """Write blocks into a Word document; headings move ``shift`` levels down (at most 9)."""
    for block in blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, min(9, block.level + shift) if block.level else 0)
        elif isinstance(block, Paragraph):
            document.add_paragraph(block.text)
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            _table(document, block)
        else:
            document.add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
            document.inline_shapes[-1]._inline.docPr.set("descr", block.description)


def _fixed_times(data: bytes) -> bytes:
    """The package with every part's file time fixed, so the same document gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, ZIP_TIME), source.read(info.filename), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def render_docx(blocks: Sequence[Block], title: str, generated: datetime.date) -> bytes:
    """Blocks as the bytes of a Word document (.docx)."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(10)
    properties = document.core_properties
    moment = datetime.datetime(generated.year, generated.month, generated.day)
    properties.title, properties.author, properties.last_modified_by = title, AUTHOR, AUTHOR
    properties.created = properties.modified = moment
    properties.revision = 1
    add_blocks(document, blocks)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_times(buffer.getvalue())


def render_brief_docx(
    advice: Advice,
    generated: datetime.date | None = None,
    extra: Sequence[tuple[str, Sequence[Block]]] = (),
) -> bytes:
    """The compact advice brief as a Word document; each extra (title, blocks) is added as a
    section of its own (its level-2 headings under the section's level-1 title)."""
    day = generated or datetime.date.today()
    blocks = brief_blocks(advice, day)
    for title, section in extra:
        blocks += [Heading(1, title), *section]
    return render_docx(blocks, f"Collaboration advice: {advice.case_name}", day)
