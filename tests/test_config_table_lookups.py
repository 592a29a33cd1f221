"""A model the code uses as a key of a table of a config file, which ML503 leaves, whether or
not the file as shipped holds it (ML204, `config_table_lookups`,
`model_left.config_lookup_reason`).

XAgent loads assets/config.yml (`api_keys: {gpt-4: [...]}`) into a config object, normalizes a
model name (`normalized = "gpt-4-1106-preview"`) and looks it up as
`CONFIG.api_keys[normalized]`; a retry tests `"gpt-4-1106-preview" in CONFIG.api_keys` before
switching to it. apply mapped those strings and left the table: KeyError 'deepseek-v4-pro'
(t64d). Now they are left with the table (manual) until it has an entry for what they map to,
then they move.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.config_table_lookups import keyed_models

KEYS = "api_keys:\n  gpt-4:\n    - model: gpt-4\n"

SETTINGS = """import yaml


class Settings(dict):
    def __getattr__(self, key):
        return self[key]


SETTINGS = Settings(yaml.safe_load(open("keys.yml")))


def normalize(name):
    match name:
        case "gpt-4":
            normalized = "gpt-4"
        case "gpt-4-turbo":
            normalized = "gpt-4-1106-preview"
        case _:
            raise ValueError(name)
    return normalized


def entry_for(name):
    normalized = normalize(name)
    return SETTINGS.api_keys[normalized][0]
"""

RETRY = """import openai

from settings import SETTINGS, entry_for

client = openai.OpenAI()


def fallback(model_name):
    if model_name == "gpt-4" and "gpt-4-1106-preview" in SETTINGS.api_keys:
        model_name = "gpt-4-1106-preview"
    return entry_for(model_name)
"""


def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keys: str = KEYS) -> None:
    for name, text in {"keys.yml": keys, "settings.py": SETTINGS, "retry.py": RETRY}.items():
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)


def ml204() -> list[tuple[object, ...]]:
    result = CliRunner().invoke(
        app, ["scan", ".", "-p", "deepseek", "--format", "json", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    return [
        (f["path"], f["line"], f["fix"], f["message"], f["data"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML204"
    ]


def used(subject: str, at: str) -> str:
    return (
        f"{subject} maps to 'deepseek-v4-pro' on DeepSeek, but apply leaves it: the module uses "
        f"it as a key of the table api_keys ({at}), a table of keys.yml:2 that apply leaves "
        "(ML503), with no entry for 'deepseek-v4-pro' (a lookup there misses once mapped): add "
        "one, then change the variable, by hand"
    )


def test_a_model_looked_up_in_a_config_table_it_lacks_is_left_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project(tmp_path, monkeypatch)
    data = {"model_from": "gpt-4-1106-preview", "model_to": "deepseek-v4-pro"}
    found = ml204()
    assert found == [
        (
            "retry.py",
            10,
            "manual",
            used("variable model_name = 'gpt-4-1106-preview'", "line 9"),
            {**data, "table": "keys.yml:2"},
        ),
        (
            "settings.py",
            15,
            "manual",
            "variable normalized = 'gpt-4' maps to 'deepseek-v4-pro' on DeepSeek, but apply "
            "leaves it: 'gpt-4' is a key of the table api_keys in keys.yml:2, which apply leaves "
            "(ML503), and it has no entry for 'deepseek-v4-pro' (a lookup there misses once "
            "mapped): add one, then change the variable, by hand",
            {"model_from": "gpt-4", "model_to": "deepseek-v4-pro", "table": "keys.yml:2"},
        ),
        (
            "settings.py",
            17,
            "manual",
            used("variable normalized = 'gpt-4-1106-preview'", "line 25"),
            {**data, "table": "keys.yml:2"},
        ),
    ]
    result = CliRunner().invoke(
        app, ["scan", ".", "-p", "deepseek", "--format", "json", "--no-cache"]
    )
    tests = [
        (f["line"], f["column"], f["fix"], f["message"], f["data"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML205" and f["path"] == "retry.py"
    ]
    # the membership test is a lookup of the table, not a family check
    assert tests[1:] == [
        (
            9,
            34,
            "manual",
            "'gpt-4-1106-preview' in ... tests for a key of the table api_keys of keys.yml:2, "
            "which apply leaves (ML503), not a model family: what apply maps "
            "'gpt-4-1106-preview' to ('deepseek-v4-pro') is no key there; add an entry for it "
            "there and change the test with the settings it guards, by hand",
            {
                "model_from": "gpt-4-1106-preview",
                "models_to": ["deepseek-v4-pro"],
                "table": "keys.yml:2",
            },
        )
    ]
    result = CliRunner().invoke(app, ["apply", ".", "-p", "deepseek", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output
    # the model strings stay with the table; only the client moves
    assert (tmp_path / "settings.py").read_text() == SETTINGS
    assert (tmp_path / "keys.yml").read_text() == KEYS
    after = (tmp_path / "retry.py").read_text()
    assert after.count('"gpt-4-1106-preview"') == 2
    assert "deepseek-v4-pro" not in after


def test_the_strings_move_once_the_table_has_the_providers_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = KEYS + "  deepseek-v4-pro:\n    - model: deepseek-v4-pro\n"
    project(tmp_path, monkeypatch, keys)
    assert [(path, line, fix) for path, line, fix, _, _ in ml204()] == [
        ("retry.py", 10, "review"),
        ("settings.py", 15, "review"),
        ("settings.py", 17, "review"),
    ]
    result = CliRunner().invoke(app, ["apply", ".", "-p", "deepseek", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "settings.py").read_text() == SETTINGS.replace(
        'normalized = "gpt-4"\n', 'normalized = "deepseek-v4-pro"\n'
    ).replace('normalized = "gpt-4-1106-preview"', 'normalized = "deepseek-v4-pro"')
    assert 'model_name = "deepseek-v4-pro"' in (tmp_path / "retry.py").read_text()


def test_keyed_models_reads_tests_names_and_returned_values() -> None:
    tree = ast.parse(SETTINGS + RETRY.replace("import openai\n", ""))
    found = keyed_models(tree, frozenset({"api_keys"}))
    assert found.tested == {"gpt-4-1106-preview": ("api_keys", 33)}
    assert found.bound == {
        (15, "gpt-4"): ("api_keys", 25),
        (17, "gpt-4-1106-preview"): ("api_keys", 25),
    }
    # a table of another name is not one of them
    assert keyed_models(tree, frozenset({"limits"})) == ({}, {})
