"""A table whose entries name classes that set their own model: its keys are the program's
labels, not models it sends (t52i, item 5b).

PentestGPT's `module_mapping = {"gpt-4-turbo": {"config_name": "GPT4Turbo", ...}}` picks a
config class whose `model` (`"gpt-4-1106-preview"`) is what the program sends, and
`pentestGPT(reasoning_model="gpt-4-turbo")` hands the label to `dynamic_import()`, which looks
it up there. ML205 warned that lookups with Zhipu's names miss the table's keys and ML204 that
the defaults would miss it once mapped: check stayed red on a program that works as it is.
Both are notes now (`model_tables.label_tables`, `model_left.label_reason`); a key the module
also sends as a model keeps the warnings. Exact messages, files after apply, check's exit code
and the program's run."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model_tables import label_tables, model_tables
from migrate_llm.registry import load_registry
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

SERVES = load_registry().get("openai").serves

ONE = """from openai import OpenAI

MODULES = {"gpt-4-turbo": "GPT4Turbo", "gpt-3.5-turbo-16k": "GPT35"}


class GPT4Turbo:
    model = "gpt-4-1106-preview"


class GPT35:
    model = "gpt-3.5-turbo-16k"


def load(name):
    if name in MODULES:
        return globals()[MODULES[name]]
    print("Module not found: " + name)
    return load("gpt-3.5-turbo-16k")


def ask(text, reasoning_model="gpt-4-turbo"):
    cfg = load(reasoning_model)
    client = OpenAI()
    return client.chat.completions.create(model=cfg.model, messages=[{"role": "user", "content": text}])
"""
UNCHANGED = (
    "no request depends on it (to rename it, rename the table's key with it: changed alone, "
    "the lookup misses it)"
)
KEYS = (
    "labels of the program's that pick an entry, not models it sends: apply leaves them and "
    "maps those models where they are set; no request depends on them (to rename one, rename "
    "what the program looks up with it too)"
)

# PentestGPT's shape, in two modules: entries naming dataclasses, a lookup guarded by `in`
MAPPING = """import dataclasses

module_mapping = {
    "gpt-4": {"config_name": "GPT4ConfigClass", "class_name": "ChatGPTAPI"},
    "gpt-4-turbo": {"config_name": "GPT4Turbo", "class_name": "ChatGPTAPI"},
    "gpt4all": {"config_name": "GPT4ALLConfigClass", "class_name": "GPT4ALLAPI"},
}


@dataclasses.dataclass
class GPT4ConfigClass:
    model: str = "gpt-4"


@dataclasses.dataclass
class GPT4Turbo:
    model: str = "gpt-4-1106-preview"


@dataclasses.dataclass
class GPT4ALLConfigClass:
    model: str = "mistral-7b-openorca.Q4_0.gguf"


def dynamic_import(module_name, log_dir):
    if module_name in module_mapping:
        config = globals()[module_mapping[module_name]["config_name"]]
        config.log_dir = log_dir
        return config
    print("Module not found: " + module_name + ". Falling back to gpt-4")
    return dynamic_import("gpt-4", log_dir)
"""
AGENT = """from apis.module_import import dynamic_import


class Agent:
    def __init__(self, log_dir="logs", reasoning_model="gpt-4-turbo", parsing_model="gpt-4"):
        self.reasoning = dynamic_import(reasoning_model, log_dir)
        self.parsing = dynamic_import(parsing_model, log_dir)
"""
CHAT = """import os

from openai import OpenAI


def ask(config, text):
    client = OpenAI(
        api_key=os.environ["ZAI_API_KEY"],
        base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
    )
    return client.chat.completions.create(
        model=config.model, messages=[{"role": "user", "content": text}]
    )
"""
TABLE_AT = "module_mapping (line 3 of apis/module_import.py)"


def findings(registry, text: str, rule: str) -> list[tuple[int, str, str, str]]:
    ctx = RuleContext(registry, registry.get("zhipu"))
    return [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == rule
    ]


def test_label_tables_reads_the_entries_classes():
    tree = ast.parse(MAPPING)
    assert label_tables(tree, SERVES) == {
        "module_mapping": (
            3,
            (
                ("gpt-4", "GPT4ConfigClass.model"),
                ("gpt-4-turbo", "GPT4Turbo.model"),
                ("gpt4all", "GPT4ALLConfigClass.model"),
            ),
        )
    }
    named = "class A:\n    model_name = 'x'\n\n\nclass B:\n    engine = 'y'\n\n\n"
    forms = named + 'T = {"gpt-4o": A, "gpt-4o-mini": B(), "o3": "A"}\n'
    assert label_tables(ast.parse(forms), SERVES)["T"][1] == (
        ("gpt-4o", "A.model_name"),
        ("gpt-4o-mini", "B.engine"),
        ("o3", "A.model_name"),
    )
    # not labels: an entry naming no class of the module, a class setting no model, numbers
    for text in (
        named + 'T = {"gpt-4o": A, "gpt-4o-mini": "Other"}\n',
        'class C:\n    size = 1\n\n\nT = {"gpt-4o": C}\n',
        'T = {"gpt-4o": 128000}\n',
        named + 'T = {"gpt-4o": A}\nT = {}\n',  # bound twice
    ):
        assert label_tables(ast.parse(text), SERVES) == {}


def test_model_tables_carries_the_labels():
    serves = load_registry().get("openai").serves
    (table,) = model_tables("/p/m.py", "m.py", MAPPING.encode(), serves)
    assert table.labels[1] == ("gpt-4-turbo", "GPT4Turbo.model")
    (table,) = model_tables("/p/m.py", "m.py", b'LIMITS = {"gpt-4o": 1}\n', serves)
    assert table.labels == ()


def test_a_label_table_and_a_default_looked_up_there_are_notes(registry):
    assert findings(registry, ONE, "ML205")[0] == (
        3,
        "note",
        "none",
        "'gpt-4-turbo', 'gpt-3.5-turbo-16k' are keys of MODULES, whose entries name classes "
        f"that set their own model (GPT4Turbo.model, GPT35.model): {KEYS}",
    )
    assert findings(registry, ONE, "ML204") == [
        (
            7,
            "warning",
            "review",
            "attribute GPT4Turbo.model = 'gpt-4-1106-preview' maps to "
            "'glm-4-plus' on Zhipu AI (GLM)",
        ),
        (
            11,
            "warning",
            "review",
            "attribute GPT35.model = 'gpt-3.5-turbo-16k' maps to 'glm-4-flash' on Zhipu AI (GLM)",
        ),
        (
            21,
            "note",
            "none",
            "default of reasoning_model = 'gpt-4-turbo' is a label of the program's, not a "
            "model it sends: MODULES[name] on line 16 looks it up, and its entry in MODULES "
            "names the model sent (GPT4Turbo.model), which apply maps where it is set: apply "
            f"leaves the label; {UNCHANGED}",
        ),
    ]


def test_a_key_the_module_also_sends_keeps_the_warnings(registry):
    sent = ONE.replace("model=cfg.model", "model=reasoning_model")
    (table, *_) = findings(registry, sent, "ML205")
    assert table[:3] == (3, "warning", "manual")
    assert table[3].startswith("'gpt-4-turbo', 'gpt-3.5-turbo-16k' are dict keys of a table")
    (default,) = [f for f in findings(registry, sent, "ML202") if f[0] == 21]
    assert default[:3] == (21, "warning", "manual")
    assert "(used as model= on line 24)" in default[3]


def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {
        "apis/__init__.py": "",
        "apis/module_import.py": MAPPING,
        "apis/chat.py": CHAT,
        "agent.py": AGENT,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)


def test_pentestgpts_labels_across_modules_leave_check_green(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch)
    done = CliRunner().invoke(app, ["scan", ".", "-p", "zhipu", "--format", "json", "--no-cache"])
    found = [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"], f["message"])
        for f in json.loads(done.stdout)["findings"]
        if f["rule"] in ("ML204", "ML205")
    ]
    label = (
        "is a label of the program's, not a model it sends: dynamic_import() on line {} looks "
        f"it up in {TABLE_AT}, and its entry there names the model sent ({{}}), which apply "
        f"maps where it is set: apply leaves the label; {UNCHANGED}"
    )
    assert found == [
        (
            "agent.py",
            5,
            "ML204",
            "note",
            "none",
            "default of reasoning_model = 'gpt-4-turbo' " + label.format(6, "GPT4Turbo.model"),
        ),
        (
            "agent.py",
            5,
            "ML204",
            "note",
            "none",
            "default of parsing_model = 'gpt-4' " + label.format(7, "GPT4ConfigClass.model"),
        ),
        (
            "apis/module_import.py",
            3,
            "ML205",
            "note",
            "none",
            "'gpt-4', 'gpt-4-turbo' are keys of module_mapping, whose entries name classes that "
            "set their own model (GPT4ConfigClass.model, GPT4Turbo.model, "
            f"GPT4ALLConfigClass.model): {KEYS}",
        ),
        (
            "apis/module_import.py",
            12,
            "ML204",
            "warning",
            "review",
            "attribute GPT4ConfigClass.model = 'gpt-4' maps to 'glm-4-plus' on Zhipu AI (GLM)",
        ),
        (
            "apis/module_import.py",
            17,
            "ML204",
            "warning",
            "review",
            "attribute GPT4Turbo.model = 'gpt-4-1106-preview' maps to 'glm-4-plus' on Zhipu AI "
            "(GLM)",
        ),
        (
            "apis/module_import.py",
            31,
            "ML205",
            "note",
            "none",
            "'gpt-4' passed to dynamic_import(), which only looks it up in module_mapping (line "
            "3) and shows it in a message: a label of the program's, never sent as a model: "
            "apply leaves it and the table's key; no request depends on it (to rename it, "
            "rename that key with it: changed alone, the lookup misses it)",
        ),
    ]
    done = CliRunner().invoke(app, ["apply", ".", "-p", "zhipu", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "agent.py").read_text() == AGENT
    assert (tmp_path / "apis/module_import.py").read_text() == MAPPING.replace(
        '"gpt-4-1106-preview"', '"glm-4-plus"'
    ).replace('model: str = "gpt-4"', 'model: str = "glm-4-plus"')
    done = CliRunner().invoke(app, ["check", ".", "-p", "zhipu", "--no-cache"])
    assert done.exit_code == 0, done.output
    code = "from agent import Agent; a = Agent(); print(a.reasoning.model, a.parsing.model)"
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert (run.returncode, run.stdout, run.stderr) == (0, "glm-4-plus glm-4-plus\n", "")
