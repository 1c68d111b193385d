"""A corpus of bad input files, built here (nothing large is checked in), fed to every option of
every command that reads a file. Each must end with exit status 2, a bounded message and no
traceback, in a process limited to 1 GiB of memory and one minute per file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.appraisal.weights import MAX_WEIGHTS_BYTES
from advisor.case.load import MAX_CASE_BYTES
from advisor.interview.files import MAX_FILE_BYTES
from advisor.survey.responses import MAX_RESPONSE_BYTES, question_ids

from conftest import ROOT

CASE = str(ROOT / "examples" / "proposed_merger.yaml")
MEMORY_LIMIT = 1 << 30
SECONDS_PER_FILE = 60
MAX_OUTPUT = 20_000  # characters of message for one bad file
MAX_LINE = 1_000

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)
OVERSIZE = max(MAX_CASE_BYTES, MAX_FILE_BYTES, MAX_WEIGHTS_BYTES) + 1

# name -> file content (bytes), or a path to use as it is
YAML_CORPUS: dict[str, bytes | str] = {
    "empty": b"",
    "binary": bytes(range(256)) * 40,
    "NUL byte": b"partners:\n  - name: A\x00\n",
    "Latin-1": "partners:\n  - name: Caf\xe9\n".encode("latin-1"),
    "UTF-16": "partners: []\n".encode("utf-16"),
    "over the size limit": b"#" * OVERSIZE,
    "endless": "/dev/zero",
    "a folder": "{folder}",
    "missing": "{folder}/missing.yaml",
    "alias bomb": BILLION_LAUGHS.encode() + b"partners: [*i]\n",
    "self-reference": b"partners: &a [*a]\n",
    "deep flow nesting": b"partners: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "deep block nesting": "".join(" " * i + f"k{i}:\n" for i in range(300)).encode() + b" " * 300 + b"v\n",
    "repeated key": b"partners.count: 1\npartners.count: 2\nstrategic_fit: 1\nstrategic_fit: 2\n",
    "5,000-digit integer": b"partners.count: " + b"9" * 5000 + b"\n",
    "impossible date": b"partners.count: 2023-02-30\n",
    "python tag": b"!!python/object/apply:os.system ['echo hi']\n",
    "not a mapping": b"- 1\n- 2\n",
    "a scalar": b"just some words\n",
    "wrong types": b"partners: {a: 1}\ncollaboration: [1]\nstrategic_fit: [1]\nformat: 3\n",
    "900 kB value": b"partners:\n  - name: " + b"x" * 900_000 + b"\n",
    "30 kB values": b"partners: [{name: X}]\npartners.count: X\nstrategic_fit: X\n".replace(b"X", b"x" * 30_000),
    "30 kB key": b"? " + b"x" * 30_000 + b"\n: 1\n",
    "120,000-item list": b"partners: [" + b"1," * 120_000 + b"1]\n",
    "20,000 keys": "".join(f"k{i}: {i}\n" for i in range(20_000)).encode(),
    "absurd weights": b"strategic_fit: 1e308\nachievability: 100000000000000000000000000\n",
}

_HEADER = ",".join(question_ids()).encode() + b"\n"
CSV_CORPUS: dict[str, bytes | str] = {
    "empty": b"",
    "binary": bytes(range(256)) * 40,
    "NUL byte": _HEADER + b"1,\x00\n",
    "Latin-1": _HEADER + "Caf\xe9\n".encode("latin-1"),
    "UTF-16": _HEADER.decode().encode("utf-16"),
    "over the size limit": b"#" * (MAX_RESPONSE_BYTES + 1),
    "endless": "/dev/zero",
    "a folder": "{folder}",
    "missing": "{folder}/missing.csv",
    "no question columns": b"a,b,c\n1,2,3\n",
    "repeated column": b"q01,q01\n1,1\n",
    "unclosed quote": _HEADER + b'"' + b"x" * 200_000 + b"\n",
    "1 MB cell": b"q01\n" + b"x" * 1_000_000 + b"\n",
    "100,000 bad rows": _HEADER + b"9,9,x" * 10 + b"\n" + (b"9," * 29 + b"9\n") * 100_000,
    "a 200,000-cell row": _HEADER + b"1," * 200_000 + b"1\n",
    "header only": _HEADER,
}
# An absent or empty response file is one `survey take --append` creates; rows it cannot
# score are the scorer's business. Everything else must be refused before the questions.
APPEND_ACCEPTS = {"missing", "empty", "header only", "1 MB cell", "100,000 bad rows", "a 200,000-cell row"}

CORPORA = {"yaml": YAML_CORPUS, "csv": CSV_CORPUS}

# command option -> (arguments, corpus, answers typed at the terminal, corpus files it accepts)
READERS: dict[str, tuple[list[str], str, str, set[str]]] = {
    "advise CASE": (["advise", "{file}"], "yaml", "", set()),
    "advise --survey": (["advise", CASE, "--survey", "{file}"], "csv", "", set()),
    "brief CASE": (["brief", "{file}", "-o", "{out}"], "yaml", "", set()),
    "appraise CASE": (["appraise", "{file}", CASE, "-o", "{out}"], "yaml", "", set()),
    "appraise --weights": (["appraise", CASE, "--weights", "{file}", "-o", "{out}"], "yaml", "", set()),
    "trace CASE": (["trace", "{file}"], "yaml", "", set()),
    "explain CASE": (["explain", "{file}", "--how", "formalisation"], "yaml", "", set()),
    "interview --answers": (["interview", "--answers", "{file}", "--save", "{out}"], "yaml", "", set()),
    "interview --resume": (["interview", "--resume", "{file}", "--save", "{out}"], "yaml", "\n", set()),
    "survey score": (["survey", "score", "{file}"], "csv", "", set()),
    "survey take --append": (["survey", "take", "--append", "{file}"], "csv", "1\n" * 30, APPEND_ACCEPTS),
}

RUNNER = f"""
import json, resource, signal, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))
from click.testing import CliRunner
from advisor.cli.main import cli

def hang(signum, frame):
    raise TimeoutError("no answer within {SECONDS_PER_FILE} s")

signal.signal(signal.SIGALRM, hang)
for job in json.load(sys.stdin):
    signal.alarm({SECONDS_PER_FILE})
    start = time.perf_counter()
    result = CliRunner().invoke(cli, job["args"], input=job["input"])
    signal.alarm(0)
    print(json.dumps({{
        "name": job["name"],
        "exit_code": result.exit_code,
        "exception": None if isinstance(result.exception, SystemExit) else repr(result.exception)[:500],
        "output": result.output[:{MAX_OUTPUT} + 1],
        "seconds": round(time.perf_counter() - start, 2),
    }}), flush=True)
"""


def _place(name: str, content: bytes | str, folder: Path) -> str:
    """The path of one corpus file, written into ``folder`` the first time it is needed."""
    if isinstance(content, str):
        return content.format(folder=folder)
    folder.mkdir(exist_ok=True)
    path = folder / f"{name.replace(' ', '-')}.bad"
    if not path.exists():
        path.write_bytes(content)
    return str(path)


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("corpus")


@pytest.mark.parametrize("option", sorted(READERS))
def test_every_bad_file_is_refused_clearly_within_bounds(corpus_folder, tmp_path, option):
    args, kind, typed, accepted = READERS[option]
    corpus = {name: content for name, content in CORPORA[kind].items() if name not in accepted}
    out = tmp_path / "out"
    jobs = [
        {
            "name": name,
            "args": [a.format(file=_place(name, content, corpus_folder / kind), out=out) for a in args],
            "input": typed,
        }
        for name, content in corpus.items()
    ]
    done = subprocess.run(
        [sys.executable, "-c", RUNNER],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        timeout=SECONDS_PER_FILE * len(jobs),
    )
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["name"] for r in results] == list(corpus), done.stderr[-2000:]
    failures = [
        f"{r['name']}: exit {r['exit_code']}, {r['exception'] or ''} {r['output'][:300]!r}"
        for r in results
        if r["exit_code"] != 2
        or r["exception"]
        or len(r["output"]) > MAX_OUTPUT
        or max(map(len, r["output"].splitlines()), default=0) > MAX_LINE
        or "Error: " not in r["output"]
    ]
    assert not failures, "\n".join(failures)
    assert not out.exists()
