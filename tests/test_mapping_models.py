"""ML601 on a class given no model keyword but a `**mapping`: the model the class would send
by default, mapped, went into the merged mapping (`**{**kw, "model": "qwen-flash"}`) and
replaced the model the caller put in `kw` (or the module wrote there), while the message said
the class's default was mapped. Now the model a mapping names stays: the mapped default is
given only where it names none (`kw.get("model") or kw.get("model_name") or "qwen-flash"`),
and a model the module writes there is mapped where it is written (ML204)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .test_e2e_app import HTTPX_ALIAS, clean_env

URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"

FACTORY = """from langchain_openai import ChatOpenAI


def make_llm(**kw):
    return ChatOpenAI(base_url="https://api.openai.com/v1", **kw)
"""
FACTORY_AFTER = f"""import os

from langchain_openai import ChatOpenAI


def make_llm(**kw):
    return ChatOpenAI(
        base_url=os.environ.get(
            "DASHSCOPE_BASE_URL", "{URL}"
        ),
        **{{
            **kw,
            "api_key": os.environ["DASHSCOPE_API_KEY"],
            "model": kw.get("model") or kw.get("model_name") or "qwen-flash",
            "tiktoken_model_name": kw.get("tiktoken_model_name") or "gpt-3.5-turbo",
        }},
    )
"""
QWEN = "Alibaba Qwen (DashScope / Model Studio)"


def migrate(registry, text: str, provider: str = "qwen"):
    """(findings, text after apply); a second run finds nothing to edit."""
    ctx = RuleContext(registry, registry.get(provider))
    found = check_python(text, ctx, PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", found)
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    return found, after


def test_the_default_model_is_given_only_where_the_callers_mapping_names_none(registry):
    found, after = migrate(registry, FACTORY)
    assert after == FACTORY_AFTER
    [ml601] = [f for f in found if f.rule == "ML601"]
    assert (ml601.fix.value, ml601.data["model_from"], ml601.data["model_to"]) == (
        "review",
        "gpt-3.5-turbo",
        "qwen-flash",
    )
    assert (
        "; model 'gpt-3.5-turbo' (its default, where `**kw` names none) -> 'qwen-flash'; the "
        f"model `**kw` names is kept: make sure it names an {QWEN} model"
    ) in ml601.message


def test_a_model_the_module_writes_on_the_mapping_stays_there(registry):
    before = (
        "from langchain_openai import ChatOpenAI\n\n"
        'kw = {"temperature": 0, "model": "gpt-4o"}\nllm = ChatOpenAI(**kw)\n'
    )
    found, after = migrate(registry, before)
    assert after == (
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
        'kw = {"temperature": 0, "model": "qwen4-max"}\n'
        "llm = ChatOpenAI(\n    **{\n        **kw,\n"
        '        "api_key": os.environ.get("DASHSCOPE_API_KEY", "unset"),\n'
        '        "base_url": os.environ.get(\n'
        f'            "DASHSCOPE_BASE_URL", "{URL}"\n'
        "        ),\n"
        '        "tiktoken_model_name": "gpt-4o",\n    }\n)\n'
    )
    assert [(f.rule, f.fix.value) for f in found if f.rule in ("ML204", "ML601")] == [
        ("ML204", "review"),
        ("ML601", "review"),
    ]
    [ml601] = [f for f in found if f.rule == "ML601"]
    assert "gpt-3.5-turbo" not in ml601.message and "model_from" not in ml601.data


def test_a_mapping_that_cannot_be_read_again_keeps_its_model_unguessed(registry):
    before = (
        "from langchain_openai import ChatOpenAI\n\nfrom settings import load\n\n\n"
        "def make_llm():\n"
        '    return ChatOpenAI(base_url="https://api.openai.com/v1", **load())\n'
    )
    found, after = migrate(registry, before)
    assert after == before.replace(
        "from langchain_openai", "import os\n\nfrom langchain_openai"
    ).replace(
        '(base_url="https://api.openai.com/v1", **load())\n',
        "(\n        base_url=os.environ.get(\n"
        f'            "DASHSCOPE_BASE_URL", "{URL}"\n'
        "        ),\n"
        '        **{**load(), "api_key": os.environ["DASHSCOPE_API_KEY"]},\n    )\n',
    )
    [ml601] = [f for f in found if f.rule == "ML601"]
    assert ml601.message.endswith(
        "; model from `**load()` at run time, else its default 'gpt-3.5-turbo': make sure it "
        f"names an {QWEN} model ({QWEN} also has its own LangChain class, "
        "langchain_community.chat_models.ChatTongyi)"
    )


MAIN = """import sys

from llm import make_llm

given = dict(arg.split("=", 1) for arg in sys.argv[1:])
print(make_llm(**given).invoke("Say hello.").content)
"""


@pytest.mark.frameworks
def test_the_model_the_caller_gives_reaches_the_provider(registry, server, tmp_path, monkeypatch):
    project = tmp_path / "app"
    project.mkdir()
    (project / "llm.py").write_text(FACTORY)
    (project / "main.py").write_text(MAIN)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert (project / "llm.py").read_text() == FACTORY_AFTER
    env = clean_env(registry) | {
        "DASHSCOPE_API_KEY": "env-key",
        "DASHSCOPE_BASE_URL": server.base + "/v1",
    }
    guard = tmp_path / "guard"
    runs = [  # what the caller gives -> the model sent
        ([], "qwen-flash"),
        (["model=qwen-plus"], "qwen-plus"),  # before: qwen-flash
        (["model_name=qwen-max"], "qwen-max"),
    ]
    for args, model in runs:
        proc = subprocess.run(
            [sys.executable, "main.py", *args],
            cwd=project,
            env=network_guard.subprocess_env(env, guard, HTTPX_ALIAS),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert proc.stdout.strip() == f"reply from {model}"
    assert network_guard.blocked_hosts(guard) == []
    assert [(r.headers["authorization"], r.body["model"]) for r in server.requests] == [
        ("Bearer env-key", model) for _, model in runs
    ]
