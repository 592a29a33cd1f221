"""`json_text.dumps_indented` writes exactly what `json.dumps(..., indent=2,
ensure_ascii=False)` writes, and fails where it fails."""

from __future__ import annotations

import enum
import json
import random

import pytest

from migrate_llm.json_text import dumps_indented


class Level(enum.IntEnum):
    LOW = 1


class Kind(str, enum.Enum):
    CLIENT = "client"


CASES = [
    {},
    [],
    "",
    0,
    -7,
    10**30,
    1.5,
    -0.0,
    1e300,
    float("nan"),
    float("inf"),
    -float("inf"),
    True,
    False,
    None,
    "plain",
    'quote " backslash \\ newline \n tab \t nul \x00 bell \x07 del \x7f',
    "中文 é \u2028 \u2029 \U0001f600 \ud800",
    {"a": {}, "b": [], "c": [{}], "d": [[]]},
    {"nested": {"list": [1, [2, [3, {"deep": None}]]], "empty": ""}},
    (1, (2, 3)),
    {7: "int", 2.5: "float", True: "bool", False: "no", None: "none", "s": "str"},
    {Kind.CLIENT: Level.LOW},
    [Level.LOW, Kind.CLIENT, Kind.CLIENT.value],
]


@pytest.mark.parametrize("value", CASES, ids=range(len(CASES)))
def test_the_text_is_jsons(value):
    assert dumps_indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


def _random_value(rng: random.Random, depth: int) -> object:
    leaves = [
        lambda: rng.choice(["", "x", "gpt-4o", 'é\n"', "\\", "\x1f"]),
        lambda: rng.randint(-(10**6), 10**6),
        lambda: rng.random() * 10 ** rng.randint(-5, 5),
        lambda: rng.choice([None, True, False]),
    ]
    if depth <= 0 or rng.random() < 0.4:
        return rng.choice(leaves)()
    if rng.random() < 0.5:
        return [_random_value(rng, depth - 1) for _ in range(rng.randint(0, 4))]
    return {
        rng.choice(["a", "b", "path", "data", "é", ""]) + str(i): _random_value(rng, depth - 1)
        for i in range(rng.randint(0, 4))
    }


def test_random_documents_are_written_as_json_writes_them():
    rng = random.Random(16)
    for _ in range(300):
        value = _random_value(rng, 5)
        assert dumps_indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_what_json_refuses_is_refused():
    with pytest.raises(TypeError, match="Object of type set is not JSON serializable"):
        dumps_indented({"a": {1, 2}})
    with pytest.raises(TypeError, match="keys must be str, int, float, bool or None, not tuple"):
        dumps_indented({(1, 2): "pair"})
    looped: list[object] = []
    looped.append(looped)
    with pytest.raises(ValueError, match="Circular reference detected"):
        dumps_indented(looped)
    shared = [1]
    # the same list twice is not a loop
    assert dumps_indented([shared, shared]) == json.dumps([shared, shared], indent=2)
