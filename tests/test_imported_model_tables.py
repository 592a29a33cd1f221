"""A model looked up in a table keyed by OpenAI model that the module imports from another
module of the project (ML204, `model_tables`, `model_lookups.imported_lookups`).

gpt_academic's `breakdown_text_to_satisfy_token_limit_(txt, limit, llm_model="gpt-3.5-turbo")`
does `from request_llms.bridge_all import model_info` and reads `model_info[llm_model]`; apply
mapped the default to deepseek-flash, which `model_info` lacks, and every call raised KeyError
(t51b). A table in the same module was already followed; one imported by name (at the top or
in a function, also relatively, also from a directory that is a project of its own by its
requirements files) now is too. A setting no lookup of its module shows (`LLM_MODEL` in
config.py, read through `get_conf()`) is left too while the table lacks what it maps to
(t56a D4), and mapped once the table has it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model_tables import ModelTable, may_key_models, model_tables
from migrate_llm.registry import load_registry

BRIDGE = """openai_endpoint = "https://api.openai.com/v1/chat/completions"
model_info = {
    "gpt-3.5-turbo": {"endpoint": openai_endpoint, "max_token": 16385},
    "gpt-4": {"endpoint": openai_endpoint, "max_token": 8192},
}
for model in ["api2d-gpt-4"]:
    model_info.update({model: dict(model_info["gpt-4"])})
"""
LOCAL = """from .bridge_all import model_info as info


def limit(model="gpt-4"):
    return info[model]["max_token"]
"""
CONFIG = 'LLM_MODEL = "gpt-3.5-turbo"\n'
BREAKDOWN = """def breakdown(txt, limit, llm_model="gpt-3.5-turbo"):
    from request_llms.bridge_all import model_info

    return len(txt) <= min(limit, model_info[llm_model]["max_token"])
"""
HANDLER = """from request_llms.bridge_all import model_info


class Handler:
    def budget(self):
        model_name = getattr(self, "llm_kwargs", {}).get("llm_model", "gpt-3.5-turbo")
        return model_info[model_name]["max_token"] * 3 // 4
"""
FILES = {
    "requirements.txt": "requests\n",
    # a project of its own, as gpt_academic's request_llms/ is by its requirements files
    "request_llms/requirements_local.txt": "torch\n",
    "request_llms/__init__.py": "",
    "request_llms/bridge_all.py": BRIDGE,
    "request_llms/bridge_local.py": LOCAL,
    "config.py": CONFIG,
    "crazy/__init__.py": "",
    "crazy/breakdown.py": BREAKDOWN,
    "crazy/handler.py": HANDLER,
    "docker-compose.yml": "services:\n  app:\n    environment:\n      LLM_MODEL: gpt-3.5-turbo\n",
}
TABLE = "line 2 of request_llms/bridge_all.py"


def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **changed: str) -> None:
    for name, text in {**FILES, **changed}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    monkeypatch.chdir(tmp_path)


def ml204(rule: str = "ML204") -> list[tuple[object, ...]]:
    result = CliRunner().invoke(
        app, ["scan", ".", "-p", "deepseek", "--format", "json", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    return [
        (f["path"], f["line"], f["fix"], f["message"], f["data"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == rule
    ]


def apply() -> None:
    result = CliRunner().invoke(app, ["apply", ".", "-p", "deepseek", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output


def left(path: str, line: int, subject: str, lookup: str, at: int, model: str, new: str):
    table = lookup.partition("[")[0]
    return (
        path,
        line,
        "manual",
        f"{subject} maps to {new!r} on DeepSeek, but apply leaves it: {lookup} on line {at} "
        f"looks it up, and {table} ({TABLE}) has no entry for {new!r} (a KeyError once mapped): "
        "add one, then change the default, by hand",
        {"model_from": model},
    )


# no lookup shows it, but its model is a key of the table, which lacks what it maps to: left
# (t56a D4: mapped with a note, gpt_academic's compose LLM_MODEL raised KeyError)
GAP = (
    f"'gpt-3.5-turbo' is a key of model_info ({TABLE}), which has no entry for "
    "'deepseek-flash': where the program looks a model up there, model_info[model] raises "
    "KeyError for it; add one there, then change the"
)
GAP_DATA = {
    "model_from": "gpt-3.5-turbo",
    "model_to": "deepseek-flash",
    "table": "request_llms/bridge_all.py:2",
}
CONFIG_LEFT = (
    "config.py",
    1,
    "manual",
    "constant LLM_MODEL = 'gpt-3.5-turbo' maps to 'deepseek-flash' on DeepSeek, but apply "
    f"leaves it: {GAP} constant, by hand",
    GAP_DATA,
)


def test_a_model_looked_up_in_an_imported_table_is_left_with_it(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch)
    assert ml204() == [
        CONFIG_LEFT,
        left(
            "crazy/breakdown.py",
            1,
            "default of llm_model = 'gpt-3.5-turbo'",
            "model_info[llm_model]",
            4,
            "gpt-3.5-turbo",
            "deepseek-flash",
        ),
        left(
            "crazy/handler.py",
            6,
            "default of entry 'llm_model' = 'gpt-3.5-turbo'",
            "model_info[model_name]",
            7,
            "gpt-3.5-turbo",
            "deepseek-flash",
        ),
        left(
            "request_llms/bridge_local.py",
            4,
            "default of model = 'gpt-4'",
            "info[model]",
            5,
            "gpt-4",
            "deepseek-v4-pro",
        ),
    ]
    # the same setting in the compose file says the same
    assert ml204("ML503") == [
        (
            "docker-compose.yml",
            4,
            "manual",
            "gpt-3.5-turbo is an OpenAI model; it maps to deepseek-flash on DeepSeek, but apply "
            f"leaves it: {GAP} value, by hand".replace("change the value", "change this value"),
            GAP_DATA,
        )
    ]
    apply()
    assert (tmp_path / "config.py").read_text() == CONFIG
    assert (tmp_path / "docker-compose.yml").read_text() == FILES["docker-compose.yml"]
    for name in ("crazy/breakdown.py", "crazy/handler.py", "request_llms/bridge_local.py"):
        assert (tmp_path / name).read_text() == FILES[name]
    # the token splitter still runs with its default (mapped, it raised KeyError)
    run = [sys.executable, "-c", "from crazy.breakdown import breakdown; print(breakdown('x', 9))"]
    done = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "True\n", "")
    apply()  # a second run changes nothing
    assert (tmp_path / "crazy/breakdown.py").read_text() == BREAKDOWN


def test_a_table_given_the_mapped_entry_by_hand_lets_the_default_be_mapped(tmp_path, monkeypatch):
    # as gpt_academic adds its DeepSeek models: `model_info.update({...})` under an `if`
    added = 'if True:\n    model_info.update({"deepseek-flash": {"max_token": 65536}})\n'
    project(tmp_path, monkeypatch, **{"request_llms/bridge_all.py": BRIDGE + added})
    assert [(path, line, fix) for path, line, fix, _, _ in ml204()] == [
        ("config.py", 1, "review"),
        ("crazy/breakdown.py", 1, "review"),
        ("crazy/handler.py", 6, "review"),
        ("request_llms/bridge_local.py", 4, "manual"),  # gpt-4: deepseek-v4-pro, still missing
    ]
    assert (
        ml204()[0][3] == "constant LLM_MODEL = 'gpt-3.5-turbo' maps to 'deepseek-flash' on DeepSeek"
    )
    apply()
    assert (tmp_path / "crazy/breakdown.py").read_text() == BREAKDOWN.replace(
        '"gpt-3.5-turbo"', '"deepseek-flash"'
    )


def test_a_table_of_the_same_module_counts_the_keys_it_adds():
    from migrate_llm.rules import PYTHON_RULES
    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python import check_python

    registry = load_registry()
    text = (
        'LIMITS = {"gpt-4o": 128000}\nLIMITS["deepseek-v4-pro"] = 65536\n\n\n'
        'def limit(model="gpt-4o"):\n    return LIMITS[model]\n'
    )
    context = RuleContext(registry, registry.get("deepseek"))
    found = [f for f in check_python(text, context, PYTHON_RULES) if f.rule == "ML204"]
    assert [(f.line, f.fix.value) for f in found] == [(5, "review")]
    without = text.replace('LIMITS["deepseek-v4-pro"] = 65536\n', "")
    found = [f for f in check_python(without, context, PYTHON_RULES) if f.rule == "ML204"]
    assert [(f.line, f.fix.value) for f in found] == [(4, "manual")]


def test_model_tables_reads_the_top_level_tables_of_a_module():
    serves = load_registry().get("openai").serves
    text = (
        "import os\n"
        'LIMITS = {"gpt-4o": 1, "gpt-4o-mini": 2}\n'
        'PRICES = {"gpt-4o": 1}\nPRICES = {}\n'  # bound twice: not known which one is read
        'NAMES = {"a": 1}\n'  # no OpenAI model
        'MIXED = {"gpt-4o": 1, **os.environ}\n'  # a key not shown
        "if os.environ.get('X'):\n"
        '    LIMITS.update({"deepseek-flash": 3, key: 4}, extra=5)\n'
        'LIMITS["qwen-plus"] = 6\n'
        "def f():\n"
        '    LOCAL = {"gpt-4o": 1}\n'
        '    LIMITS["inside"] = 7\n'
    )
    assert may_key_models(text.encode())
    assert not may_key_models(b'MODEL = "gpt-4o"\nMODELS = ["gpt-4o"]\n')
    assert model_tables("/p/m.py", "m.py", text.encode(), serves) == [
        ModelTable(
            "/p/m.py",
            "m.py",
            "LIMITS",
            2,
            ("gpt-4o", "gpt-4o-mini", "deepseek-flash", "extra", "qwen-plus"),
        )
    ]
    assert model_tables("m.py", "m.py", b"LIMITS = {", serves) == []
