"""The per-user cache of the parsed knowledge files: same knowledge as parsing the YAML, used
only when it is private to the user, rebuilt when stale or unreadable."""

import datetime
import os
from pathlib import Path

import pytest

from advisor.kb import load
from advisor.kb.cache import cache_dir, cached

pytestmark = pytest.mark.skipif(not hasattr(os, "getuid"), reason="the cache needs file ownership")


def counting(data):
    calls = []

    def build():
        calls.append(1)
        return data

    return build, calls


def test_the_knowledge_from_the_cache_is_the_knowledge_from_the_yaml(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load.load_knowledge.cache_clear()
    try:
        parsed = load.load_knowledge()  # parses and fills the cache
        assert list((tmp_path / "collaboration-advisor").glob("knowledge-*.json"))
        load.load_knowledge.cache_clear()
        monkeypatch.setattr(load, "_parse", lambda texts: pytest.fail("parsed although cached"))
        assert load.load_knowledge() == parsed
    finally:
        load.load_knowledge.cache_clear()


def test_a_second_call_reads_the_cache_and_a_new_key_replaces_the_old_entry(tmp_path):
    build, calls = counting({"a": [1, 2.5, "x", None, True]})
    assert cached("kb", "k1", build, tmp_path) == cached("kb", "k1", build, tmp_path) == build()
    assert len(calls) == 2  # the first call and the direct one
    cached("kb", "k2", build, tmp_path)
    assert [p.name for p in tmp_path.glob("kb-*.json")] == ["kb-k2.json"]
    assert oct((tmp_path / "kb-k2.json").stat().st_mode & 0o777) == oct(0o600)


def test_an_unreadable_entry_is_rebuilt(tmp_path):
    (tmp_path / "kb-k.json").write_text("{not json")
    (tmp_path / "kb-k.json").chmod(0o600)
    build, calls = counting({"a": 1})
    assert cached("kb", "k", build, tmp_path) == {"a": 1}
    assert calls and cached("kb", "k", build, tmp_path) == {"a": 1} and len(calls) == 1


def test_an_entry_others_can_write_is_not_trusted(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    (folder / "kb-k.json").write_text('{"a": "planted"}')
    build, calls = counting({"a": "parsed"})
    assert cached("kb", "k", build, folder) == {"a": "parsed"}
    assert cached("kb", "k", build, folder) == {"a": "parsed"} and len(calls) == 2
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    (private / "kb-k.json").write_text('{"a": "planted"}')
    (private / "kb-k.json").chmod(0o666)
    assert cached("kb", "k", build, private) == {"a": "parsed"}


def test_data_json_cannot_give_back_is_not_cached(tmp_path):
    for data in ({"when": datetime.date(2023, 1, 1)}, {"pair": (1, 2)}, {1: "int key"}):
        build, calls = counting(data)
        assert cached("kb", "k", build, tmp_path) == data
        assert cached("kb", "k", build, tmp_path) == data and len(calls) == 2
        assert not list(tmp_path.glob("kb-*.json"))


def test_the_cache_lives_in_the_users_cache_directory(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "collaboration-advisor"


def no_home():
    raise RuntimeError("Could not determine home directory.")


def test_without_a_home_directory_there_is_no_cache_and_the_files_are_parsed(monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(Path, "home", no_home)
    assert cache_dir() is None
    assert cached("kb", "k", lambda: {"a": 1}) == {"a": 1}
