"""A model setting of one module that another module looks up in a table keyed by OpenAI model
is left as in one module (ML204, manual, the lookup and the table named): `model_tables`
(the functions of a table's module that look their parameter up, `ModelTable.lookups`) and
`model_table_reads` (the settings other modules read and look up, `ModelTable.reads`).

PentestGPT's `pentestGPT(reasoning_model="gpt-4-turbo")` hands its default to
`dynamic_import()`, which tests `module_name in module_mapping` (keyed by OpenAI models) and
otherwise falls back to gpt-3.5-turbo-16k: mapped, the program silently ran on glm-4-flash
(t52d). gpt_academic's `LLM_MODEL = "gpt-3.5-turbo"` in config.py, read by another module and
looked up in `model_info`, became a model `model_info` lacks: KeyError (t51i N1). Exact
messages, files after apply, and the program's run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model_table_reads import table_reads
from migrate_llm.model_tables import ModelTable, TableRead, model_tables
from migrate_llm.registry import load_registry

# t52d's repro (r2dir)
TABLE = """import os
from openai import OpenAI

module_mapping = {"gpt-4-turbo": "GPT4Turbo", "gpt-3.5-turbo-16k": "GPT35"}

class GPT4Turbo:
    model = "gpt-4-turbo"

class GPT35:
    model = "gpt-3.5-turbo-16k"

def dynamic_import(name):
    if name in module_mapping:
        return globals()[module_mapping[name]]
    print("Module not found: " + name + ". Falling back")
    return dynamic_import("gpt-3.5-turbo-16k")
"""
AGENT = """from pkg.table import dynamic_import

class Agent:
    def __init__(self, reasoning_model="gpt-4-turbo"):
        self.cfg = dynamic_import(reasoning_model)
"""
# t51i's repro (ac/repro/proj), without its tokenizer
INFO = """model_info = {
    "gpt-3.5-turbo": {"endpoint": "https://api.openai.com/v1/chat/completions", "max_token": 4096},
}
"""
CONFIG = 'LLM_MODEL = "gpt-3.5-turbo"\n'
CHAT = """from config import LLM_MODEL
from llms.table import model_info


def budget(model=LLM_MODEL):
    return model_info[model]["max_token"]
"""
TABLE_LINE = "line 1 of llms/table.py"


def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    monkeypatch.chdir(tmp_path)


def ml204(provider: str = "zhipu") -> list[tuple[object, ...]]:
    result = CliRunner().invoke(
        app, ["scan", ".", "-p", provider, "--format", "json", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    return [
        (f["path"], f["line"], f["fix"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML204"
    ]


def apply(provider: str = "zhipu") -> None:
    result = CliRunner().invoke(app, ["apply", ".", "-p", provider, "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output


def run(tmp_path: Path, code: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    return done.returncode, done.stdout, done.stderr


def test_a_default_handed_to_another_modules_lookup_is_left(tmp_path, monkeypatch):
    project(
        tmp_path,
        monkeypatch,
        {"pkg/__init__.py": "", "pkg/table.py": TABLE, "pkg/agent.py": AGENT},
    )
    assert ml204() == [
        (
            "pkg/agent.py",
            4,
            "none",
            # the table's entries name classes with their own model: its keys are labels
            "default of reasoning_model = 'gpt-4-turbo' is a label of the program's, not a model "
            "it sends: dynamic_import() on line 5 looks it up in module_mapping (line 4 of "
            "pkg/table.py), and its entry there names the model sent (GPT4Turbo.model), which "
            "apply maps where it is set: apply leaves the label; no request depends on it (to "
            "rename it, rename the table's key with it: changed alone, the lookup misses it)",
        ),
        # sent as the model, and the table is looked up only by what dynamic_import() is
        # given: no note about it
        (
            "pkg/table.py",
            7,
            "review",
            "attribute GPT4Turbo.model = 'gpt-4-turbo' maps to 'glm-4-air-250414' on Zhipu AI "
            "(GLM)",
        ),
        (
            "pkg/table.py",
            10,
            "review",
            "attribute GPT35.model = 'gpt-3.5-turbo-16k' maps to 'glm-4-flash' on Zhipu AI (GLM)",
        ),
    ]
    apply()
    assert (tmp_path / "pkg/agent.py").read_text() == AGENT
    code = "from pkg.agent import Agent; print(Agent().cfg.model)"
    assert run(tmp_path, code) == (0, "glm-4-air-250414\n", "")  # no fallback to glm-4-flash


def test_a_constant_another_module_imports_and_looks_up_is_left(tmp_path, monkeypatch):
    files = {"config.py": CONFIG, "chat.py": CHAT, "llms/__init__.py": "", "llms/table.py": INFO}
    project(tmp_path, monkeypatch, files)
    assert ml204("deepseek") == [
        (
            "config.py",
            1,
            "manual",
            "constant LLM_MODEL = 'gpt-3.5-turbo' maps to 'deepseek-flash' on DeepSeek, but apply "
            "leaves it: model_info[model] on line 6 of chat.py looks it up, and model_info "
            f"({TABLE_LINE}) has no entry for 'deepseek-flash' (a KeyError once mapped): add one, "
            "then change the constant, by hand",
        )
    ]
    apply("deepseek")
    assert (tmp_path / "config.py").read_text() == CONFIG
    assert run(tmp_path, "from chat import budget; print(budget())") == (0, "4096\n", "")


GETTER = """from toolbox import get_conf
from llms.table import model_info

API_KEY, LLM_MODEL = get_conf("API_KEY", "LLM_MODEL")


def budget():
    return model_info.get(LLM_MODEL)
"""


def test_a_constant_got_by_its_name_and_looked_up_is_left(tmp_path, monkeypatch):
    """`get_conf("LLM_MODEL")` may read any module's `LLM_MODEL`: every one binding it at its
    top level is left; an environment read of that name is not the module's setting."""
    files = {
        "config.py": CONFIG + 'API_KEY = ""\n',
        "toolbox.py": "import config\n\n\ndef get_conf(*names):\n"
        "    return [getattr(config, n) for n in names]\n",
        "app.py": GETTER,
        "llms/__init__.py": "",
        "llms/table.py": INFO,
        "env.py": 'import os\nfrom llms.table import model_info\n\nM = os.getenv("M")\n'
        "print(model_info[M])\n",
        # not a key of the table: mapped
        "other.py": 'M = "gpt-4o"\n',
    }
    project(tmp_path, monkeypatch, files)
    assert ml204("deepseek")[0] == (
        "config.py",
        1,
        "manual",
        "constant LLM_MODEL = 'gpt-3.5-turbo' maps to 'deepseek-flash' on DeepSeek, but apply "
        "leaves it: model_info.get(LLM_MODEL) on line 8 of app.py looks it up, and model_info "
        f"({TABLE_LINE}) has no entry for 'deepseek-flash' (None once mapped): add one, then "
        "change the constant, by hand",
    )
    assert [row[:3] for row in ml204("deepseek")[1:]] == [("other.py", 1, "review")]


STORED = """import config


def get_conf(*names):
    values = [getattr(config, n) for n in names]
    return values[0] if len(values) == 1 else values


def load_chat_cookies():
    API_KEY, LLM_MODEL = get_conf("API_KEY", "LLM_MODEL")
    return {"api_key": API_KEY, "llm_model": LLM_MODEL}


def get_max_token(llm_kwargs):
    from llms.table import model_info

    return model_info[llm_kwargs["llm_model"]]["max_token"]
"""


def test_a_constant_got_by_name_and_stored_under_the_key_a_lookup_reads_is_left(
    tmp_path, monkeypatch
):
    """gpt_academic's toolbox.py returns `{"llm_model": LLM_MODEL}` (got by its name) and
    looks `model_info[llm_kwargs["llm_model"]]` up: the setting reaches the lookup through
    that key (t51b, LLM_MODEL mapped and KeyError). A key of another name is not followed."""
    files = {
        "config.py": CONFIG + 'API_KEY = ""\n',
        "toolbox.py": STORED,
        "llms/__init__.py": "",
        "llms/table.py": INFO,
    }
    project(tmp_path, monkeypatch, files)
    assert ml204("deepseek") == [
        (
            "config.py",
            1,
            "manual",
            "constant LLM_MODEL = 'gpt-3.5-turbo' maps to 'deepseek-flash' on DeepSeek, but apply "
            "leaves it: model_info[llm_kwargs['llm_model']] on line 17 of toolbox.py looks it up, "
            f"and model_info ({TABLE_LINE}) has no entry for 'deepseek-flash' (a KeyError once "
            "mapped): add one, then change the constant, by hand",
        )
    ]
    apply("deepseek")
    assert (tmp_path / "config.py").read_text() == CONFIG + 'API_KEY = ""\n'
    code = "from toolbox import get_max_token, load_chat_cookies\n"
    code += "print(get_max_token(load_chat_cookies()))"
    assert run(tmp_path, code) == (0, "4096\n", "")
    # a key of another name is not followed; the model is still a key of the table, which
    # lacks what it maps to: left for that (t56a D4)
    other = STORED.replace('"llm_model": LLM_MODEL', '"model": LLM_MODEL')
    (tmp_path / "toolbox.py").write_text(other)
    assert ml204("deepseek") == [
        (
            "config.py",
            1,
            "manual",
            "constant LLM_MODEL = 'gpt-3.5-turbo' maps to 'deepseek-flash' on DeepSeek, but apply "
            f"leaves it: 'gpt-3.5-turbo' is a key of model_info ({TABLE_LINE}), which has no "
            "entry for 'deepseek-flash': where the program looks a model up there, "
            "model_info[model] raises KeyError for it; add one there, then change the constant, "
            "by hand",
        )
    ]


def test_a_lookup_guarded_by_a_test_for_the_key_says_it_falls_back(registry):
    """Single module: `if name in MODULES: return MODULES[name]` never raises; a model the
    table lacks takes the other branch (t52d's item 5)."""
    from migrate_llm.rules import PYTHON_RULES
    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python import check_python

    text = (
        'MODULES = {"gpt-4-turbo": "a", "gpt-3.5-turbo-16k": "b"}\n\n\n'
        "def load(name):\n"
        "    if name in MODULES:\n"
        "        return MODULES[name]\n"
        '    return load("gpt-3.5-turbo-16k")\n\n\n'
        'def agent(reasoning_model="gpt-4-turbo"):\n'
        "    return load(reasoning_model)\n"
    )
    context = RuleContext(registry, registry.get("zhipu"))
    (found,) = [
        f for f in check_python(text, context, PYTHON_RULES) if f.rule == "ML204" and f.line == 10
    ]
    assert found.message == (
        "default of reasoning_model = 'gpt-4-turbo' maps to 'glm-4-air-250414' on Zhipu AI "
        "(GLM), but apply leaves it: MODULES[name] on line 6 looks it up, and MODULES has no "
        "entry for 'glm-4-air-250414' (once mapped, `name in MODULES` on line 5 is false and "
        "the program takes its other branch, silently): add one, then change the default, by "
        "hand"
    )


def test_model_tables_reads_the_functions_looking_into_a_table():
    serves = load_registry().get("openai").serves
    (table,) = model_tables("/p/pkg/table.py", "pkg/table.py", TABLE.encode(), serves)
    assert table.lookups == (("dynamic_import", "name", 0, "tested"),)
    assert not table.open  # read only by dynamic_import(name)
    more = TABLE + "\n\ndef names():\n    return list(module_mapping)\n"
    (table,) = model_tables("/p/pkg/table.py", "pkg/table.py", more.encode(), serves)
    assert table.open
    text = 'LIMITS = {"gpt-4o": 1}\n\n\ndef limit(m, *, k=None):\n    m = m.lower()\n'
    text += "    return LIMITS.get(k), LIMITS[m]\n"
    (table,) = model_tables("/p/m.py", "m.py", text.encode(), serves)
    assert table.lookups == (("limit", "k", -1, "none"),)  # `m` is bound again


def test_table_reads_finds_the_settings_looked_up():
    table = ModelTable("/p/llms/table.py", "llms/table.py", "model_info", 1, ("gpt-4o",))
    reader = (
        "from config import LLM_MODEL as M\nfrom .config import OTHER\n"
        "from llms.table import model_info\n\n\n"
        "def f(x=M, y=OTHER):\n    return x in model_info, model_info[y]\n"
    )
    found = table_reads("/p/chat.py", "chat.py", reader.encode(), [table])
    assert found == [
        TableRead(
            "/p/chat.py",
            "chat.py",
            "/p/llms/table.py",
            "model_info",
            "",
            "llms.table",
            3,
            "",
            "raises",
            False,
        ),
        TableRead(
            "/p/chat.py",
            "chat.py",
            "/p/llms/table.py",
            "model_info",
            "LLM_MODEL",
            "config",
            7,
            "x in model_info",
            "tested",
            False,
        ),
        TableRead(
            "/p/chat.py",
            "chat.py",
            "/p/llms/table.py",
            "model_info",
            "OTHER",
            ".config",
            7,
            "model_info[y]",
            "raises",
            False,
        ),
    ]


def test_a_table_another_module_imports_leaves_its_keys_settings(tmp_path, monkeypatch):
    """Imported elsewhere, the table may be looked up by keys the project does not show: a
    model that is one of its keys is left, naming it. Not where the table's keys are
    labels (its entries name classes setting their own model): the program looks labels up
    there, not models."""
    names = "from pkg.table import module_mapping\n\nprint(sorted(module_mapping))\n"
    limits = TABLE.replace('"GPT4Turbo", "gpt-3.5-turbo-16k": "GPT35"', '1, "gpt-3.5-turbo-16k": 2')
    files = {"pkg/__init__.py": "", "pkg/table.py": limits, "pkg/names.py": names}
    project(tmp_path, monkeypatch, files)
    # left until the table has an entry for what it maps to (t56a D4: mapped with a note, a
    # lookup by the setting raised KeyError)
    assert next(row[2:] for row in ml204() if row[0] == "pkg/table.py") == (
        "manual",
        "attribute GPT4Turbo.model = 'gpt-4-turbo' maps to 'glm-4-air-250414' on Zhipu AI (GLM), "
        "but apply leaves it: 'gpt-4-turbo' is a key of module_mapping (line 4 of pkg/table.py), "
        "which has no entry for 'glm-4-air-250414': where the program looks a model up there, "
        "module_mapping[model] raises KeyError for it; add one there, then change the "
        "attribute, by hand",
    )
    (tmp_path / "pkg/table.py").write_text(TABLE)
    assert next(row[3] for row in ml204() if row[0] == "pkg/table.py") == (
        "attribute GPT4Turbo.model = 'gpt-4-turbo' maps to 'glm-4-air-250414' on Zhipu AI (GLM)"
    )
