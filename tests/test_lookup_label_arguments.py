"""An OpenAI id passed to a function that looks it up in a table keyed by such ids (t52i,
defect 5b).

PentestGPT's `dynamic_import("gpt-3.5-turbo-16k", log_dir)` falls back to that entry of
`module_mapping`, whose config class holds the model sent. ML205 said "change it by hand":
changed alone, it is no key of the table and the fallback calls itself forever. Where the
function only looks the parameter up (and prints it), the string is a label: a note. Where it
reads the parameter otherwise too, the warning says to change it with the table's key.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

# t52i's repro/r2dir/pkg/table.py
TABLE = """import os
from openai import OpenAI

module_mapping = {"gpt-4-turbo": "GPT4Turbo", "gpt-3.5-turbo-16k": "GPT35"}

class GPT4Turbo:
    model = "glm-4-plus"

class GPT35:
    model = "glm-4-flash"

def dynamic_import(name):
    if name in module_mapping:
        return globals()[module_mapping[name]]
    print("Module not found: " + name + ". Falling back")
    return dynamic_import("gpt-3.5-turbo-16k")
"""
# PentestGPT's shape: more parameters, the entry read by key, an f-string message
PENTEST = """module_mapping = {
    "gpt-4": {"config_name": "GPT4Config"},
    "gpt-3.5-turbo-16k": {"config_name": "GPT35Config"},
}


def dynamic_import(module_name, log_dir, use_langfuse_logging=False):
    if module_name not in module_mapping:
        print(f"Module not found: {module_name}. Falling back")
        return dynamic_import("gpt-3.5-turbo-16k", log_dir)
    config = module_mapping.get(module_name)
    return config, log_dir, use_langfuse_logging
"""
# the parameter also goes elsewhere (a function of another package): a model too, maybe
SENT = """from client import send

LIMITS = {"gpt-4": 8192, "gpt-3.5-turbo-16k": 16384}


def ask(model, text):
    if model not in LIMITS:
        return ask("gpt-3.5-turbo-16k", text)
    return send(model, text, LIMITS[model])
"""


def ml205(tmp_path, monkeypatch, text: str):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "table.py").write_text(text)
    args = ["table.py", "--provider", "zhipu", "--no-cache", "--format", "json"]
    done = CliRunner().invoke(app, ["scan", *args])
    return [
        (f["line"], f["severity"], f["fix"], f["message"])
        for f in json.loads(done.stdout)["findings"]
        if f["rule"] == "ML205" and not f["message"].startswith("'gpt-4")
    ]


LABEL = (
    ": a label of the program's, never sent as a model: apply leaves it and the table's key; "
    "no request depends on it (to rename it, rename that key with it: changed alone, the "
    "lookup misses it)"
)


@pytest.mark.parametrize(
    ("text", "line", "table"),
    [(TABLE, 16, "module_mapping (line 4)"), (PENTEST, 10, "module_mapping (line 1)")],
    ids=["repro", "pentestgpt"],
)
def test_a_label_only_looked_up_is_a_note(tmp_path, monkeypatch, text, line, table):
    assert ml205(tmp_path, monkeypatch, text) == [
        (
            line,
            "note",
            "none",
            "'gpt-3.5-turbo-16k' passed to dynamic_import(), which only looks it up in "
            f"{table} and shows it in a message{LABEL}",
        )
    ]


def test_a_parameter_read_otherwise_too_is_changed_with_the_tables_key(tmp_path, monkeypatch):
    assert ml205(tmp_path, monkeypatch, SENT) == [
        (
            8,
            "warning",
            "manual",
            "'gpt-3.5-turbo-16k' (passed to ask()) is an OpenAI model id and a key of LIMITS (line "
            "3), which that function looks it up in: if it reaches a request or a model check, "
            "Zhipu AI (GLM) will not know it; change it and that key together, by hand (changed "
            "alone, the lookup misses it)",
        )
    ]
