"""Every loader fed structured garbage: documents shaped like the real thing (the right keys,
nested a little) holding any values, random YAML-looking text, and CSV with any cells. Each
loader either reads the file or refuses it with its own error, whose problems are bounded;
never another exception, never a slow answer."""

from __future__ import annotations

import csv
import io
import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.appraisal.weights import WeightsError, default_weights, read_weights
from advisor.case.load import CaseError, load_case
from advisor.case.model import Case, Collaboration, Partner, Relationship
from advisor.files.errors import InputFileError
from advisor.interview.catalogue import load_catalogue
from advisor.interview.files import SESSION_FORMAT, SESSION_VERSION, InterviewFileError, load_session, read_answers
from advisor.survey.report import score_responses
from advisor.survey.responses import SurveyError, questions, read_responses

FUZZ = settings(max_examples=80, deadline=10_000, suppress_health_check=[HealthCheck.too_slow])
MAX_PROBLEM = 800

FIELDS = sorted({*Case.model_fields, *Collaboration.model_fields, *Partner.model_fields, *Relationship.model_fields})
QUESTIONS = load_catalogue().questions
QUESTION_IDS = sorted(
    {q.id for q in QUESTIONS if not q.per_partner}
    | {f"partners[{i}].{q.field}" for q in QUESTIONS if q.per_partner for i in (0, 9)}
)
CRITERIA = sorted(default_weights())
BIG = "BIGINTEGER"  # written out as an integer of 5,000 digits (Python cannot even print one)
CHOICES = ["unknown", "yes", "no", "acute", "voluntary", "high", "merger", "1", "3", "-1", "1e308", "", "don't know"]

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.just(BIG)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(CHOICES)
    | st.text(max_size=30)
    | st.text(min_size=190, max_size=1_000)
)


def documents(keys: list[str]) -> st.SearchStrategy:
    """Nested mappings and lists whose keys are mostly the real ones."""
    key = st.sampled_from(keys) | st.text(max_size=12)
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(key, inner, max_size=6),
        max_leaves=25,
    )


def as_text(data: object, style: str) -> str:
    text = json.dumps(data, default=str) if style == "json" else yaml.safe_dump(data, allow_unicode=True)
    return text.replace(f'"{BIG}"', BIG).replace(BIG, "9" * 5000)


yaml_noise = st.text(alphabet="abc:-[]{}&*!|>'\"#%@`,?\n\t 0123456789.eE+", max_size=200)


def refused_cleanly(load, path, error: type[InputFileError]) -> object:
    """Whatever ``load`` makes of the file; a refusal must be ``error`` with bounded problems."""
    try:
        return load(path)
    except error as exc:
        assert exc.problems and all(len(problem) <= MAX_PROBLEM for problem in exc.problems), exc.problems[:3]
        return None


@FUZZ
@given(data=documents(FIELDS), style=st.sampled_from(["yaml", "json"]))
def test_case_files(tmp_path_factory, data, style):
    path = tmp_path_factory.getbasetemp() / "case.yaml"
    path.write_text(as_text({"partners": data} if isinstance(data, list) else data, style), encoding="utf-8")
    refused_cleanly(load_case, path, CaseError)


@FUZZ
@given(data=documents(QUESTION_IDS), style=st.sampled_from(["yaml", "json"]))
def test_interview_answer_files(tmp_path_factory, data, style):
    path = tmp_path_factory.getbasetemp() / "answers.yaml"
    path.write_text(as_text(data, style), encoding="utf-8")
    refused_cleanly(read_answers, path, InterviewFileError)


@FUZZ
@given(answers=documents(QUESTION_IDS), version=st.sampled_from([SESSION_VERSION, 0, "1", None]))
def test_session_files(tmp_path_factory, answers, version):
    path = tmp_path_factory.getbasetemp() / "session.json"
    path.write_text(as_text({"format": SESSION_FORMAT, "version": version, "answers": answers}, "json"))
    refused_cleanly(load_session, path, InterviewFileError)


@FUZZ
@given(data=documents(CRITERIA), style=st.sampled_from(["yaml", "json"]))
def test_weights_files(tmp_path_factory, data, style):
    path = tmp_path_factory.getbasetemp() / "weights.yaml"
    path.write_text(as_text(data, style), encoding="utf-8")
    weights = refused_cleanly(read_weights, path, WeightsError)
    assert weights is None or all(0 <= w <= 1000 for w in weights.values())


@FUZZ
@given(text=yaml_noise)
def test_yaml_looking_noise_in_every_yaml_loader(tmp_path_factory, text):
    path = tmp_path_factory.getbasetemp() / "noise.yaml"
    path.write_text(text, encoding="utf-8")
    for load, error in ((load_case, CaseError), (read_answers, InterviewFileError), (read_weights, WeightsError)):
        refused_cleanly(load, path, error)
    refused_cleanly(load_session, path, InterviewFileError)


COLUMNS = [q.id for q in questions()]
cells = (
    st.sampled_from(["", "1", "2", "3", "5", "9", "0", "-1", "dk", "Don't know", "Strongly agree", " 4 ", "=1+1"])
    | st.text(max_size=12)
    | st.text(alphabet=',"\r\n\t x', max_size=6)
)


@FUZZ
@given(
    header=st.lists(st.sampled_from([*COLUMNS, "timestamp", "Q01", ""]), min_size=1, max_size=34),
    rows=st.lists(st.lists(cells, max_size=34), max_size=12),
    raw=st.booleans(),
)
def test_survey_response_files(tmp_path_factory, header, rows, raw):
    path = tmp_path_factory.getbasetemp() / "responses.csv"
    if raw:  # cells joined as they come: stray quotes and line breaks included
        text = "\n".join(",".join(row) for row in [header, *rows])
    else:
        buffer = io.StringIO()
        csv.writer(buffer).writerows([header, *rows])
        text = buffer.getvalue()
    path.write_text(text, encoding="utf-8")
    responses = refused_cleanly(read_responses, path, SurveyError)
    if responses is not None:
        report = score_responses(responses)
        assert report.respondents == len(responses.responses) > 0
