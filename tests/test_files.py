"""The file layer on its own: the one safe loader, bounded messages, spreadsheet-safe CSV,
Markdown escaping and safe output files."""

from __future__ import annotations

import csv
import io
import os
import stat

import pytest

from advisor.files.errors import InputFileError, listed, shown
from advisor.files.read import MAX_DEPTH, load_data, parse_data, read_text
from advisor.files.spreadsheet import csv_text
from advisor.files.write import OutputError, check_output, check_outputs, write_atomic, write_outputs
from advisor.report.markdown import escape_markdown

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)


def problems(text: str, max_values: int = 10_000) -> str:
    with pytest.raises(InputFileError) as caught:
        parse_data(text, "f.yaml", max_values)
    return "; ".join(caught.value.problems)


# -- reading ---------------------------------------------------------------------------------


def test_plain_yaml_and_json_read_as_before():
    assert parse_data("a: 1\nb: [x, y]\n", "f", 100) == {"a": 1, "b": ["x", "y"]}
    assert parse_data('{"a": {"b": null}}', "f", 100) == {"a": {"b": None}}
    assert parse_data("", "f", 100) is None


def test_an_alias_bomb_is_refused_at_once_whatever_it_would_expand_to():
    assert "more than 10,000 values" in problems(BILLION_LAUGHS)


def test_a_few_aliases_are_fine():
    assert parse_data("base: &b {x: 1}\ncopy: *b\n", "f", 100) == {"base": {"x": 1}, "copy": {"x": 1}}


def test_a_value_that_contains_itself_is_refused():
    assert "refers to the value that contains it" in problems("a: &a [1, *a]\n")


def test_deep_nesting_is_refused_before_anything_is_built():
    assert f"nested more than {MAX_DEPTH} levels deep" in problems("[" * 500 + "]" * 500)
    assert "not valid YAML or JSON" in problems("[" * 5000 + "]" * 5000)  # libyaml stops at 1000


def test_a_repeated_key_is_refused_naming_the_key_and_line():
    assert "line 3: the key 'name' appears more than once in the same mapping" in problems(
        "partners:\n  - name: A\n    name: B\n"
    )


def test_merge_keys_are_not_repeated_keys():
    assert parse_data("b: &b {x: 1}\nc:\n  <<: *b\n  x: 2\n", "f", 100)["c"] == {"x": 2}


def test_an_integer_too_long_for_python_is_refused_not_a_traceback():
    assert "a number with 5,000 digits; at most 4300 are allowed" in problems("n: " + "7" * 5000)
    assert parse_data("n: " + "7" * 4300, "f", 100)["n"] > 0


def test_an_impossible_date_is_a_problem_not_a_traceback():
    assert "a value cannot be read" in problems("d: 2023-02-30\n")


def test_python_tags_are_refused():
    assert "not valid YAML or JSON" in problems("!!python/object/apply:os.system [echo]\n")


def test_reading_stops_at_the_size_limit_even_for_an_endless_file():
    with pytest.raises(InputFileError) as caught:
        read_text("/dev/zero", 1_000, "expected YAML")
    assert caught.value.problems == ["file is larger than 0.001 MB; refusing to read it"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00a", "not a text file (byte 0 is not UTF-8); expected YAML"),
        (b"a: \x00", "not a text file (it contains NUL bytes); expected YAML"),
    ],
)
def test_binary_files_are_refused(tmp_path, content, message):
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    with pytest.raises(InputFileError) as caught:
        load_data(path, 1_000, 100, "expected YAML")
    assert caught.value.problems == [message]


def test_a_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load_data(path, 1_000, 100, "expected YAML") == {"a": 1}


def test_a_folder_or_a_missing_file_is_named(tmp_path):
    for path, message in ((tmp_path, "is a folder, not a file"), (tmp_path / "no.yaml", "cannot read the file")):
        with pytest.raises(InputFileError) as caught:
            read_text(path, 1_000, "expected YAML")
        assert caught.value.problems[0].startswith(message)


# -- messages --------------------------------------------------------------------------------


def test_values_in_messages_are_cut_to_200_characters_and_say_how_long_they_were():
    assert len(shown("x" * 1_000_000)) <= 200 and "(1,000,000 characters)" in shown("x" * 1_000_000)
    assert len(shown(10**4000)) <= 200
    nested: list = []
    for _ in range(50):
        nested = [nested] * 50  # 50**50 elements if written out
    assert len(shown(nested)) <= 200
    assert shown("short") == "'short'"


def test_long_problem_lists_are_counted_not_listed():
    assert listed([f"p{i}" for i in range(25)], 20)[-1] == "... and 5 more problem(s)"
    assert listed(["a", "b"], 20) == ["a", "b"]


# -- spreadsheet-safe CSV --------------------------------------------------------------------


def test_formula_cells_are_neutralised_and_every_cell_reads_back_whole():
    cells = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "a\rb", 'say "hi"', "a,b", "line\nbreak", "plain"]
    for newline in ("\n", "\r\n"):
        text = csv_text([cells, [-5, 3.5, "ok"]], newline)
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows[0] == [
            "'=1+1",
            "'+SUM(A1)",
            "'-2+3",
            "'@cmd",
            "'\tx",
            "'\rx",
            "a\rb",
            'say "hi"',
            "a,b",
            "line\nbreak",
            "plain",
        ]
        assert rows[1] == ["-5", "3.5", "ok"]  # numbers stay numbers, a negative one too
        assert len(rows) == 2


# -- Markdown --------------------------------------------------------------------------------


def test_user_text_in_markdown_is_literal_and_stays_on_its_line():
    assert escape_markdown("<b>*x*</b> [l](u) | &amp; `c`") == ("\\<b\\>\\*x\\*\\</b\\> \\[l\\](u) \\| \\&amp; \\`c\\`")
    assert "\n" not in escape_markdown("a\n# heading\r\nb")


# -- writing ---------------------------------------------------------------------------------


def test_replacing_a_file_keeps_its_mode(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old")
    path.chmod(0o600)
    write_atomic(path, "new")
    assert path.read_text() == "new" and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_new_file_gets_the_usual_mode(tmp_path):
    path = tmp_path / "out.txt"
    write_atomic(path, "new")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


def test_a_symbolic_link_is_followed_and_kept(tmp_path):
    target, link = tmp_path / "target.txt", tmp_path / "link.txt"
    target.write_text("old")
    link.symlink_to(target.name)
    write_atomic(link, "new")
    assert link.is_symlink() and target.read_text() == "new"


def test_a_dangling_link_a_folder_and_hard_links_are_refused(tmp_path):
    (tmp_path / "dangling").symlink_to("nowhere")
    (tmp_path / "file").write_text("x")
    os.link(tmp_path / "file", tmp_path / "twin")
    for name, reason in (("dangling", "which does not exist"), (".", "it is a folder"), ("twin", "2 hard links")):
        with pytest.raises(OutputError) as caught:
            check_output(tmp_path / name)
        assert reason in caught.value.reason and caught.value.path == str(tmp_path / name)


def test_an_output_that_is_an_input_is_refused_even_through_a_link(tmp_path):
    source = tmp_path / "case.yaml"
    source.write_text("x")
    (tmp_path / "alias.yaml").symlink_to(source)
    with pytest.raises(OutputError) as caught:
        check_output(tmp_path / "alias.yaml", inputs=[source])
    assert "it is the input file" in caught.value.reason


def test_the_same_output_twice_is_refused(tmp_path):
    with pytest.raises(OutputError):
        check_outputs([tmp_path / "a", tmp_path / "." / "a"])


def test_a_fifo_is_written_through_not_replaced(tmp_path):
    import threading

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "through the pipe")
    reader.join(5)
    assert received == [b"through the pipe"] and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_failed_write_leaves_every_file_as_it_was_and_names_the_users_path(tmp_path, monkeypatch):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("old a")
    targets = check_outputs([first, second])

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OutputError) as caught:
        write_outputs([(targets[0], "new a"), (targets[1], "new b")])
    assert str(caught.value) == f"cannot write {first}: No space left on device"
    assert first.read_text() == "old a" and sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
