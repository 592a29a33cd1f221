"""The engine's second readings of modules, kept in the result cache (`readings.py`)."""

from __future__ import annotations

import json

import pytest

from migrate_llm.cache import ResultCache
from migrate_llm.config_tables import TableDefault
from migrate_llm.env_model_defaults import EnvDefault
from migrate_llm.readings import Readings, rebuilt
from migrate_llm.wrapper_params import WrapperParam

PARAM = WrapperParam("/p/m.py", "m.py", "gpt", "model", 1, False, "model", True, "chat", 7, ())
ENTRY = PARAM._replace(param="n", position=-1, entry=True, keyword="n", through=("a", "b"))
TABLE = TableDefault("/p/c.py", "c.py", "cfg", "Config", "DEFAULTS", "KEY", "", None, True, "")
TABLE_SET = TABLE._replace(variable="OPENAI_BASE", default="https://x", file=None)
ENV = EnvDefault("/p/e.py", "e.py", "MODEL", "gpt-4o")


@pytest.mark.parametrize("entries", [[PARAM, ENTRY], [TABLE, TABLE_SET], [ENV], []])
def test_a_reading_is_rebuilt_exactly_from_its_json(entries):
    value = json.loads(json.dumps([list(entry) for entry in entries]))
    back = rebuilt(type(entries[0]) if entries else WrapperParam, value)
    assert back == entries
    assert [tuple(map(type, entry)) for entry in back] == [
        tuple(map(type, entry)) for entry in entries
    ]


@pytest.mark.parametrize(
    "value",
    [
        None,
        {},
        [None],
        [list(PARAM)[:-1]],  # a field short
        [[*list(PARAM)[:4], True, *list(PARAM)[5:]]],  # a bool for the position
        [[*list(PARAM)[:5], 0, *list(PARAM)[6:]]],  # a number for a flag
        [[*list(PARAM)[:-1], ["a", 1]]],  # a number among the functions handed through
        [[*list(PARAM)[:-1], "ab"]],  # a string for them
        [[*list(PARAM)[:-2], 7.0, []]],  # a float for the line
    ],
)
def test_a_damaged_reading_is_none(value):
    assert rebuilt(WrapperParam, value) is None


def test_a_reading_is_kept_by_context_name_part_module_and_bytes(tmp_path):
    calls = []

    def read(module: str, shown: str, data: bytes) -> list[EnvDefault]:
        calls.append(module)
        return [ENV._replace(module=module, shown=shown, variable=data.decode())]

    def reading(module, shown, data, context="c", part="", name="env"):
        cache = ResultCache(tmp_path, context)
        found = Readings(cache).read(name, part, EnvDefault, read)(module, shown, data)
        cache.close()  # what was put is written
        return found

    assert reading("/p/e.py", "e.py", b"A") == [ENV._replace(variable="A")]
    assert reading("/p/e.py", "e.py", b"A") == [ENV._replace(variable="A")]
    assert len(calls) == 1
    reading("/p/e.py", "e.py", b"A", context="d")
    reading("/p/e.py", "e.py", b"A", part="x")
    reading("/p/e.py", "e.py", b"A", name="other")
    reading("/q/e.py", "e.py", b"A")
    reading("/p/e.py", "f.py", b"A")
    assert reading("/p/e.py", "e.py", b"B") == [ENV._replace(variable="B")]
    assert len(calls) == 7


def test_a_run_that_only_reads_keeps_no_reading(tmp_path):
    def read(module: str, shown: str, data: bytes) -> list[EnvDefault]:
        return [ENV]

    cache = ResultCache(tmp_path, "c")
    Readings(cache, keep=False).read("env", "", EnvDefault, read)("/p/e.py", "e.py", b"A")
    assert cache.close() is None and not (tmp_path / "results.sqlite3").exists()
