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
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from advisor.files.errors import InputFileError
from advisor.files.write import write_atomic
from advisor.kb.load import load_knowledge

DONT_KNOW = ("", "dk", "don't know", "dont know")
MAX_RESPONSE_BYTES = 20_000_000


class SurveyError(InputFileError):
    """A response file that cannot be used at all; ``problems`` name rows and columns."""


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
        Question.model_validate({k: item.get(k) for k in Question.model_fields})
        for item in load_knowledge().kind("survey_questions")
    )


def question_ids() -> tuple[str, ...]:
    """The question ids in survey order (the response file's columns)."""
    return tuple(q.id for q in questions())


def template_csv() -> str:
    """An empty response file: the header row and the scale guide row."""
    return _csv_text([list(question_ids()), [q.guide() for q in questions()]])


def _csv_text(rows: list[list[str]], newline: str = "\n") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerows(rows)
    return buffer.getvalue()


class Response(_Model):
    """One respondent's answers (None = not answered), with the row it came from."""

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
    """The usable responses of a file and every problem found in it."""

    source: str
    rows_read: int
    responses: tuple[Response, ...]
    problems: tuple[Problem, ...]

    def excluded_rows(self) -> tuple[int, ...]:
        """Rows left out of every score."""
        return tuple(sorted({p.row for p in self.problems if p.effect == "excluded"}))

    def incomplete_rows(self) -> tuple[int, ...]:
        """Rows kept with some questions unanswered."""
        return tuple(sorted({p.row for p in self.problems if p.effect == "incomplete"}))


def read_responses(path: str | Path) -> ResponseSet:
    """Read and validate a response file; raises :class:`SurveyError` if it cannot be used."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SurveyError(source, [f"cannot read the file: {exc.strerror or exc}"]) from None
    if len(data) > MAX_RESPONSE_BYTES:
        raise SurveyError(source, [f"file is larger than {MAX_RESPONSE_BYTES} bytes"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SurveyError(source, [f"not a UTF-8 text (CSV) file: undecodable byte at offset {exc.start}"]) from None
    return parse_responses(text, source)


def _records(text: str, source: str) -> list[list[str]]:
    if "\x00" in text:
        raise SurveyError(source, ["not a CSV file: it contains NUL bytes"])
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise SurveyError(source, [f"not a readable CSV file: {exc}"]) from None


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
        Problem(row=1, column=h, value=None, effect="column", message=f"column {h!r} is not a survey question: ignored")
        for h, n in zip(header, names, strict=True)
        if n not in known
    ]
    return columns, problems


def _is_guide(cells: list[str], columns: dict[str, int]) -> bool:
    guides = {q.id: q.guide() for q in questions()}
    filled = [(q, cells[i].strip()) for q, i in columns.items() if i < len(cells) and cells[i].strip()]
    return bool(filled) and all(value == guides[q] for q, value in filled)


def _parse_row(
    row: int, cells: list[str], width: int, columns: dict[str, int]
) -> tuple[Response | None, list[Problem]]:
    if len(cells) != width:
        message = f"has {len(cells)} cells but the header has {width}: row left out"
        return None, [Problem(row=row, column=None, value=None, effect="excluded", message=message)]
    answers: dict[str, int | str | None] = {}
    problems: list[Problem] = []
    for question in questions():
        if question.id not in columns:
            answers[question.id] = None
            continue
        cell = cells[columns[question.id]]
        try:
            answers[question.id] = question.parse(cell)
        except ValueError as exc:
            problems.append(
                Problem(row=row, column=question.id, value=cell, effect="excluded", message=f"{exc}: row left out")
            )
    if problems:
        return None, problems
    if all(answers[q.id] is None for q in questions()):
        return None, [Problem(row=row, column=None, value=None, effect="excluded", message="no answers: row left out")]
    unanswered = [q.id for q in questions() if q.purpose == "measure" and q.id in columns and answers[q.id] is None]
    if unanswered:
        problems.append(
            Problem(
                row=row,
                column=", ".join(unanswered),
                value=None,
                effect="incomplete",
                message=f"no answer to {', '.join(unanswered)} (don't know or skipped): "
                "left out of the scores that use them",
            )
        )
    return Response(row=row, answers=answers), problems


def parse_responses(text: str, source: str = "<responses>") -> ResponseSet:
    """Validate the text of a response file (see the module docstring for the format)."""
    records = _records(text, source)
    if not records or not any(cell.strip() for cell in records[0]):
        raise SurveyError(source, ["the file is empty: expected a header row naming q01..q30"])
    columns, problems = _header(records[0], source)
    responses: list[Response] = []
    for row, cells in enumerate(records[1:], start=2):
        if not cells or (row == 2 and _is_guide(cells, columns)):
            continue
        response, row_problems = _parse_row(row, cells, len(records[0]), columns)
        problems += row_problems
        if response is not None:
            responses.append(response)
    rows_read = len(responses) + len({p.row for p in problems if p.effect == "excluded"})
    if not responses:
        details = [f"row {p.row}: {p.message}" for p in problems if p.effect == "excluded"]
        raise SurveyError(source, ["no usable responses", *details])
    return ResponseSet(source=source, rows_read=rows_read, responses=tuple(responses), problems=tuple(problems))


def append_response(path: str | Path, answers: dict[str, int | str | None]) -> int:
    """Append one respondent's answers to a response file (created from the template if absent).

    The file is rewritten through a temporary file and a rename, so it is never left half
    written. Every answer is validated first; an existing file must have every question
    column (answers are placed by column name; other columns are left blank). Returns the
    row number of the new response.
    """
    path = Path(path)
    source = str(path)
    cells = _answer_cells(answers, source)
    raw = path.read_bytes() if path.exists() else b""
    bom = "\ufeff" if raw.startswith(codecs.BOM_UTF8) else ""
    try:
        existing = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SurveyError(source, [f"not a UTF-8 text (CSV) file: undecodable byte at offset {exc.start}"]) from None
    if not existing.strip():
        existing = template_csv()
    records = _records(existing, source)
    header = [h.strip().casefold() for h in records[0]]
    missing = [q for q in question_ids() if q not in header]
    if missing:
        raise SurveyError(source, [f"row 1: column {q} is missing; cannot add a response safely" for q in missing])
    newline = "\r\n" if "\r\n" in existing else "\n"
    if not existing.endswith(("\n", "\r")):
        existing += newline
    row = [cells.get(name, "") for name in header]
    write_atomic(path, bom + existing + _csv_text([row], newline))
    return len(records) + 1


def response_csv(answers: dict[str, int | str | None]) -> str:
    """One respondent's answers as a complete response file (header row and one row)."""
    cells = _answer_cells(answers, "<answers>")
    return _csv_text([list(question_ids()), [cells[q] for q in question_ids()]])


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
