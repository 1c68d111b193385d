"""Readiness-for-collaboration survey (report Appendix 4, Q1-Q30): the questions, the
response file format, and reading and validating a file of responses.

Response file format (CSV, UTF-8, comma-separated, one respondent per row):

- row 1 is the header: one column per question, named by its id (``q01`` .. ``q30``);
  other columns (a survey tool's timestamp, a respondent id) are allowed and ignored;
- an optional *scale guide row* (what ``advisor survey template`` writes as row 2) gives
  each question's wording and its answer codes; it is recognised because every filled cell
  equals the guide text of its column, and it is skipped;
- an answer is the printed code of the chosen option (``1`` .. ``5``) or its label
  (``Strongly agree``, case-insensitive); a blank cell, ``dk`` or ``don't know`` means the
  respondent did not answer (don't know or skipped); Q3 (organisation) is free text.

Rows are numbered as a spreadsheet shows them (the header is row 1). A row with a code
outside a question's scale, or with more or fewer cells than the header, is *excluded* and
reported by row and column; a row with unanswered questions is kept but reported as
*incomplete* (its unanswered items count nowhere). Nothing is silently counted or dropped.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from functools import cache
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

from advisor.files.errors import LISTED_PROBLEMS as LISTED_SHOWN
from advisor.files.errors import InputFileError, clip, shown
from advisor.files.read import read_bytes
from advisor.files.spreadsheet import csv_text
from advisor.files.write import write_atomic
from advisor.kb.load import load_knowledge

DONT_KNOW = ("", "dk", "don't know", "dont know")
MAX_RESPONSE_BYTES = 20_000_000
LISTED_PROBLEMS = 100


class SurveyError(InputFileError):
    """A response file that cannot be used at all; ``problems`` name rows and columns."""

    what = "survey responses"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Choice(_Model):
    """One printed answer option: its code and its label."""

    value: int
    label: str


class Question(_Model):
    """One survey question (knowledge/survey.yaml)."""

    id: str
    number: int
    name: str
    text: str
    section: str
    purpose: Literal["profile", "measure"]
    scale: tuple[Choice, ...]
    measures: str | None
    reverse: bool

    @property
    def free_text(self) -> bool:
        """True for Q3 (organisation), answered in words."""
        return not self.scale

    def guide(self) -> str:
        """The question and its answer codes, as written in the template's guide row."""
        if self.free_text:
            answers = "free text; blank = not stated"
        else:
            codes = "; ".join(f"{c.value}={c.label}" for c in self.scale)
            answers = f"{codes}; blank = don't know"
        return f"Q{self.number} [{self.section}] {self.text} | {answers}"

    def parse(self, cell: str) -> int | str | None:
        """The answer in a cell: a code, free text, or None when not answered.

        Raises ValueError naming the value and the codes allowed.
        """
        value = " ".join(cell.split())
        if value.casefold() in DONT_KNOW:
            return None
        if self.free_text:
            return value
        for choice in self.scale:
            if value == str(choice.value) or value.casefold() == choice.label.casefold():
                return choice.value
        allowed = ", ".join(f"{c.value} ({c.label})" for c in self.scale)
        raise ValueError(f"{value!r} is not an answer to Q{self.number}: allowed {allowed}, or blank for don't know")


@cache
def questions() -> tuple[Question, ...]:
    """The 30 questions in survey order."""
    return tuple(
        Question.model_validate({k: v for k, v in item.model_dump().items() if k in Question.model_fields})
        for item in load_knowledge().kind("survey_questions")
    )


def question_ids() -> tuple[str, ...]:
    """The question ids in survey order (the response file's columns)."""
    return tuple(q.id for q in questions())


def template_csv() -> str:
    """An empty response file: the header row and the scale guide row."""
    return csv_text([list(question_ids()), [q.guide() for q in questions()]])


class Response(NamedTuple):
    """One respondent's answers (None = not answered), with the row it came from (a plain
    tuple: a file may hold hundreds of thousands)."""

    row: int
    answers: dict[str, int | str | None]


class Problem(_Model):
    """Something wrong or missing in the response file.

    ``effect``: ``excluded`` (the row is left out of every score), ``incomplete`` (the row is
    kept; the listed items are unanswered and count nowhere), ``column`` (a header problem).
    """

    row: int
    column: str | None
    value: str | None
    effect: Literal["excluded", "incomplete", "column"]
    message: str


class ResponseSet(_Model):
    """The usable responses of a file and the problems found in it: the first
    :data:`LISTED_PROBLEMS` listed, the rest counted."""

    source: str
    rows_read: int
    responses: tuple[Response, ...]
    problems: tuple[Problem, ...]
    problems_not_listed: int = 0
    excluded_rows: tuple[int, ...] = ()
    incomplete_rows: tuple[int, ...] = ()


class _Findings:
    """Problems as rows are read: every excluded or incomplete row kept as a number, the first
    :data:`LISTED_PROBLEMS` problems kept in full, the rest only counted (and never worded, so
    that a huge file of bad rows costs no messages)."""

    def __init__(self) -> None:
        self.listed: list[Problem] = []
        self.not_listed = 0
        self.rows: dict[str, list[int]] = {"excluded": [], "incomplete": []}

    def report(self, row: int, effect: str, count: int, build: Callable[[], list[Problem]]) -> None:
        """``count`` problems of one row with one effect; ``build`` words them."""
        if effect in self.rows:
            self.rows[effect].append(row)
        room = LISTED_PROBLEMS - len(self.listed)
        if room <= 0:
            self.not_listed += count
            return
        problems = build()
        self.listed += problems[:room]
        self.not_listed += max(0, len(problems) - room)


def read_responses(path: str | Path) -> ResponseSet:
    """Read and validate a response file; raises :class:`SurveyError` if it cannot be used."""
    source = str(path)
    data = read_bytes(path, MAX_RESPONSE_BYTES, SurveyError)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SurveyError(source, [f"not a UTF-8 text (CSV) file: undecodable byte at offset {exc.start}"]) from None
    return parse_responses(text, source)


def _records(text: str, source: str) -> Iterator[list[str]]:
    """The rows of a CSV text, one at a time; a CSV syntax error names its line."""
    if "\x00" in text:
        raise SurveyError(source, ["not a CSV file: it contains NUL bytes"])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        yield from reader
    except csv.Error as exc:
        raise SurveyError(source, [f"line {reader.line_num}: not a readable CSV file: {exc}"]) from None


def _header(header: list[str], source: str) -> tuple[dict[str, int], list[Problem]]:
    names = [h.strip().casefold() for h in header]
    known = set(question_ids())
    duplicates = sorted({n for n in names if n in known and names.count(n) > 1})
    if duplicates:
        raise SurveyError(source, [f"row 1: column {d} appears more than once" for d in duplicates])
    columns = {n: i for i, n in enumerate(names) if n in known}
    if not columns:
        raise SurveyError(
            source,
            [
                "not a survey response file: row 1 must name the question columns q01..q30 "
                "(comma-separated; `advisor survey template` writes one)"
            ],
        )
    problems = [
        Problem(row=1, column=q, value=None, effect="column", message=f"column {q} is missing: nobody answered it")
        for q in question_ids()
        if q not in columns
    ]
    problems += [
        Problem(
            row=1,
            column=clip(h),
            value=None,
            effect="column",
            message=f"column {shown(h)} is not a survey question: ignored",
        )
        for h, n in zip(header, names, strict=True)
        if n not in known
    ]
    return columns, problems


def _is_guide(cells: list[str], columns: dict[str, int]) -> bool:
    guides = {q.id: q.guide() for q in questions()}
    filled = [(q, cells[i].strip()) for q, i in columns.items() if i < len(cells) and cells[i].strip()]
    return bool(filled) and all(value == guides[q] for q, value in filled)


def _codes(question: Question) -> dict[str, int | None] | None:
    """Every way of writing an answer to a coded question, normalised as :meth:`Question.parse`
    normalises it (None for free text)."""
    if question.free_text:
        return None
    codes: dict[str, int | None] = dict.fromkeys(DONT_KNOW)
    for choice in question.scale:
        codes[str(choice.value)] = codes[choice.label.casefold()] = choice.value
    return codes


_MISSING = object()


def _bad_cell(row: int, question: Question, cell: str) -> Problem:
    """The problem of a cell that is not an answer, in :meth:`Question.parse`'s words."""
    value = " ".join(cell.split())
    try:
        question.parse(cell)
    except ValueError as exc:
        message = str(exc).replace(repr(value), shown(value))
        return Problem(
            row=row, column=question.id, value=clip(cell), effect="excluded", message=f"{message}: row left out"
        )
    raise AssertionError(f"{cell!r} is an answer to {question.id}")


def _row_problem(row: int, message: str, effect: str = "excluded", column: str | None = None) -> list[Problem]:
    return [Problem(row=row, column=column, value=None, effect=effect, message=message)]  # type: ignore[arg-type]


class _RowReader:
    """Reads the rows of one file: the header's columns are worked out once, and the coded
    cells of a row are looked up together at C speed, so that a large file reads quickly."""

    def __init__(self, columns: dict[str, int], width: int):
        self.width = width
        present = [q for q in questions() if q.id in columns]
        self.free = [(q, columns[q.id]) for q in present if q.free_text]
        self.coded = [q for q in present if not q.free_text]
        self.ids = [q.id for q in self.coded]
        self.codes = [_codes(q) for q in self.coded]
        self.pick = itemgetter(*(columns[q.id] for q in self.coded)) if self.coded else (lambda cells: ())
        self.blank: dict[str, int | str | None] = dict.fromkeys(question_ids())

    def _coded(self, cells: list[str]) -> tuple[list[object], tuple[str, ...]]:
        """The coded answers of a row (:data:`_MISSING` where a cell is not an answer), and the cells."""
        picked = self.pick(cells)
        picked = picked if isinstance(picked, tuple) else (picked,)
        values = list(map(dict.get, self.codes, picked, repeat(_MISSING)))
        if _MISSING in values:  # not written exactly as printed: normalise spacing and case
            for position, value in enumerate(values):
                if value is _MISSING:
                    normal = " ".join(picked[position].split()).casefold()
                    values[position] = self.codes[position].get(normal, _MISSING)
        return values, picked

    def read(self, row: int, cells: list[str], findings: _Findings) -> Response | None:
        """The response in a row (None when it is left out), its problems reported to ``findings``."""
        if len(cells) != self.width:
            message = f"has {len(cells):,} cells but the header has {self.width}: row left out"
            findings.report(row, "excluded", 1, lambda: _row_problem(row, message))
            return None
        values, picked = self._coded(cells)
        if _MISSING in values:
            bad = [(q, cell) for q, v, cell in zip(self.coded, values, picked, strict=True) if v is _MISSING]
            findings.report(row, "excluded", len(bad), lambda: [_bad_cell(row, q, cell) for q, cell in bad])
            return None
        answers = dict(self.blank)
        answers.update(zip(self.ids, values, strict=True))  # type: ignore[arg-type]
        for question, index in self.free:
            answers[question.id] = question.parse(cells[index])
        if all(answer is None for answer in answers.values()):
            findings.report(row, "excluded", 1, lambda: _row_problem(row, "no answers: row left out"))
            return None
        if None in values:
            unanswered = [q.id for q, v in zip(self.coded, values, strict=True) if v is None and q.purpose == "measure"]
            if unanswered:
                column = ", ".join(unanswered)
                message = f"no answer to {column} (don't know or skipped): left out of the scores that use them"
                findings.report(row, "incomplete", 1, lambda: _row_problem(row, message, "incomplete", column))
        return Response(row, answers)


def parse_responses(text: str, source: str = "<responses>") -> ResponseSet:
    """Validate the text of a response file (see the module docstring for the format), one row
    at a time."""
    records = _records(text, source)
    header = next(records, None)
    if header is None or not any(cell.strip() for cell in header):
        raise SurveyError(source, ["the file is empty: expected a header row naming q01..q30"])
    columns, header_problems = _header(header, source)
    findings = _Findings()
    findings.report(1, "column", len(header_problems), lambda: header_problems)
    reader = _RowReader(columns, len(header))
    responses: list[Response] = []
    for row, cells in enumerate(records, start=2):
        if not cells or (row == 2 and _is_guide(cells, columns)):
            continue
        response = reader.read(row, cells, findings)
        if response is not None:
            responses.append(response)
    excluded = tuple(findings.rows["excluded"])
    if not responses:
        details = [f"row {p.row}: {p.message}" for p in findings.listed if p.effect == "excluded"]
        if not findings.not_listed:
            raise SurveyError(source, ["no usable responses", *details])
        total = len(findings.listed) + findings.not_listed
        headline = f"no usable responses: {len(excluded):,} row(s) left out for {total:,} problem(s); the first:"
        raise SurveyError(source, [headline, *details[: LISTED_SHOWN - 1]])
    return ResponseSet.model_construct(
        source=source,
        rows_read=len(responses) + len(excluded),
        responses=tuple(responses),
        problems=tuple(findings.listed),
        problems_not_listed=findings.not_listed,
        excluded_rows=excluded,
        incomplete_rows=tuple(findings.rows["incomplete"]),
    )


def _response_file(path: Path) -> tuple[str, str, list[str], int]:
    """A response file a row can be added to: its byte-order mark, its text (ending with a line
    break), its normalised header and its number of rows; the template when it is absent or empty."""
    source = str(path)
    raw = read_bytes(path, MAX_RESPONSE_BYTES, SurveyError) if path.exists() else b""
    bom = "\ufeff" if raw.startswith(codecs.BOM_UTF8) else ""
    try:
        existing = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SurveyError(source, [f"not a UTF-8 text (CSV) file: undecodable byte at offset {exc.start}"]) from None
    if not existing.strip():
        existing = template_csv()
    records = _records(existing, source)
    header = [h.strip().casefold() for h in next(records)]
    missing = [q for q in question_ids() if q not in header]
    if missing:
        raise SurveyError(source, [f"row 1: column {q} is missing; cannot add a response safely" for q in missing])
    rows = 1 + sum(1 for _ in records)
    if not existing.endswith(("\n", "\r")):
        existing += "\r\n" if "\r\n" in existing else "\n"
    return bom, existing, header, rows


def check_appendable(path: str | Path) -> None:
    """Raise :class:`SurveyError` if a response cannot be added to the file at ``path`` (so that
    a respondent is not asked 30 questions first)."""
    _response_file(Path(path))


def append_response(path: str | Path, answers: dict[str, int | str | None]) -> int:
    """Append one respondent's answers to a response file (created from the template if absent).

    The file is rewritten through a temporary file and a rename, so it is never left half
    written. Every answer is validated first; an existing file must have every question
    column (answers are placed by column name; other columns are left blank). Returns the
    row number of the new response.
    """
    path = Path(path)
    cells = _answer_cells(answers, str(path))
    bom, existing, header, rows = _response_file(path)
    newline = "\r\n" if "\r\n" in existing else "\n"
    row = [cells.get(name, "") for name in header]
    write_atomic(path, bom + existing + csv_text([row], newline))
    return rows + 1


def response_csv(answers: dict[str, int | str | None]) -> str:
    """One respondent's answers as a complete response file (header row and one row)."""
    cells = _answer_cells(answers, "<answers>")
    return csv_text([list(question_ids()), [cells[q] for q in question_ids()]])


def _answer_cells(answers: dict[str, int | str | None], source: str) -> dict[str, str]:
    unknown = sorted(set(answers) - set(question_ids()))
    if unknown:
        raise SurveyError(source, [f"{q}: not a survey question (allowed q01..q30)" for q in unknown])
    cells: dict[str, str] = {}
    problems: list[str] = []
    for question in questions():
        value = answers.get(question.id)
        text = "" if value is None else str(value)
        try:
            question.parse(text)
        except ValueError as exc:
            problems.append(f"{question.id}: {exc}")
        cells[question.id] = " ".join(text.split())
    if problems:
        raise SurveyError(source, problems)
    return cells
