"""ML111 on `model.bind_tools(tools, tool_choice=...)` of a LangChain chat model moved to the
provider: langchain-openai sends "any" and True as "required" and a tool's name as a named tool,
which Zhipu's file says it refuses (t67c: quivr's `bind_tools([cited_answer],
tool_choice="any")`, `check` green while every request asked for a forced tool). The value
written is judged by what is sent; the model may be built in the module, held by `self.X`, or
by another object whose class (in another module) builds it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

HEAD = 'from langchain_openai import ChatOpenAI\n\nllm = ChatOpenAI(model="gpt-4o")\n'
REFUSED = "which Zhipu AI (GLM) does not accept (accepted: auto)"


def ml111(registry, text: str, provider: str = "zhipu") -> list[tuple[int, int, str, dict]]:
    found = check_python(
        text, RuleContext(registry, registry.get(provider)), PYTHON_RULES, path="app.py"
    )
    return [(f.line, f.column, f.message, dict(f.data)) for f in found if f.rule == "ML111"]


@pytest.mark.parametrize(
    ("written", "sent", "said"),
    [
        ('"any"', "required", 'is sent by langchain-openai as "required"'),
        ("True", "required", 'is sent by langchain-openai as "required"'),
        ('"required"', "required", 'is sent by langchain-openai as "required"'),
        ('"cite"', "function", "is sent by langchain-openai as a named tool"),
        (
            '{"type": "function", "function": {"name": "cite"}}',
            "function",
            "is sent by langchain-openai as a named tool",
        ),
    ],
)
def test_a_choice_the_provider_refuses_is_reported_by_what_is_sent(registry, written, sent, said):
    text = HEAD + f"bound = llm.bind_tools([cite], tool_choice={written})\n"
    hint = (
        'use "auto" and offer only that tool'
        if sent == "function"
        else 'use "auto" and check that the model calls a tool'
    )
    assert ml111(registry, text) == [
        (
            4,
            44,
            f"tool_choice={written} of ChatOpenAI().bind_tools() {said}, {REFUSED}; {hint}",
            {"param": "tool_choice", "value": sent},
        )
    ]


@pytest.mark.parametrize("written", ['"auto"', "False", "None", '""', "choice"])
def test_a_choice_sent_as_auto_or_not_sent_or_unknown_is_left(registry, written):
    text = HEAD + f"bound = llm.bind_tools([cite], tool_choice={written})\n"
    assert ml111(registry, text) == []


def test_a_provider_taking_required_and_named_tools_hears_nothing(registry):
    text = HEAD + 'a = llm.bind_tools([cite], tool_choice="any")\n'
    text += 'b = llm.bind_tools([cite], tool_choice="cite")\n'
    assert ml111(registry, text, "deepseek") == []
    assert [m[3]["value"] for m in ml111(registry, text, "qwen")] == ["required", "function"]


def test_a_constant_and_self_attribute(registry):
    text = (
        "from langchain_openai import ChatOpenAI\n\n"
        'FORCE = "any"\n\n\n'
        "class Rag:\n"
        "    def __init__(self):\n"
        '        self.llm = ChatOpenAI(model="gpt-4o")\n\n'
        "    def answer(self, tools):\n"
        "        return self.llm.bind_tools(tools, tool_choice=FORCE)\n"
    )
    found = ml111(registry, text)
    assert [(line, message.split(" of ")[0]) for line, _, message, _ in found] == [
        (11, 'tool_choice="any"')
    ]


def test_a_model_pointed_elsewhere_or_not_langchains_is_left(registry):
    local = (
        "from langchain_openai import ChatOpenAI\n\n"
        'llm = ChatOpenAI(model="llama3", base_url="http://localhost:11434/v1")\n'
        'bound = llm.bind_tools([cite], tool_choice="any")\n'
    )
    other = 'from app.models import make\n\nbound = make().bind_tools([cite], tool_choice="any")\n'
    assert ml111(registry, local) == []
    assert ml111(registry, other) == []


ENDPOINT = """from langchain_openai import ChatOpenAI


class LLMEndpoint:
    def __init__(self, model: str = "gpt-4o"):
        self._llm = ChatOpenAI(model=model)
"""

RAG = """from app.endpoint import LLMEndpoint


class QARAG:
    def __init__(self, llm: LLMEndpoint):
        self.llm_endpoint = llm

    def bind(self, tools):
        return self.llm_endpoint._llm.bind_tools(tools, tool_choice="any")
"""


def test_a_model_another_modules_class_holds_fails_check_until_changed(tmp_path, monkeypatch):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "endpoint.py").write_text(ENDPOINT)
    (tmp_path / "app" / "rag.py").write_text(RAG)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"]).exit_code == 0
    assert (tmp_path / "app" / "rag.py").read_text() == RAG  # left to a person
    check = runner.invoke(app, ["check", ".", "--provider", "zhipu", "--format", "json"])
    assert check.exit_code == 1
    found = json.loads(check.stdout)["findings"]
    assert [(f["rule"], f["path"], f["line"], f["column"], f["fix"]) for f in found] == [
        ("ML111", "app/rag.py", 9, 69, "manual")
    ]
    assert found[0]["message"] == (
        'tool_choice="any" of ChatOpenAI() (held as LLMEndpoint._llm in endpoint.py)'
        '.bind_tools() is sent by langchain-openai as "required", which Zhipu AI (GLM) does '
        'not accept (accepted: auto); use "auto" and check that the model calls a tool'
    )
    (tmp_path / "app" / "rag.py").write_text(RAG.replace('"any"', '"auto"'))
    assert runner.invoke(app, ["check", ".", "--provider", "zhipu"]).exit_code == 0


def test_a_holder_of_an_unknown_class_is_left(tmp_path, monkeypatch):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "endpoint.py").write_text(
        ENDPOINT.replace("ChatOpenAI(model=model)", "model")
    )
    (tmp_path / "app" / "rag.py").write_text(RAG)
    monkeypatch.chdir(tmp_path)
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "zhipu", "--format", "json"])
    found = json.loads(scan.stdout)["findings"]
    assert [f["rule"] for f in found if f["path"] == "app/rag.py"] == []
    assert Path("app/rag.py").read_text() == RAG


def test_a_model_a_class_of_the_module_holds(registry):
    text = (
        "from langchain_openai import ChatOpenAI\n\n\n"
        "class Endpoint:\n"
        "    def __init__(self):\n"
        '        self._llm = ChatOpenAI(model="gpt-4o")\n\n\n'
        "class Rag:\n"
        "    def __init__(self, endpoint: Endpoint):\n"
        "        self.endpoint = endpoint\n\n"
        "    def bind(self, tools):\n"
        '        return self.endpoint._llm.bind_tools(tools, tool_choice="any")\n'
    )
    assert [
        (line, message.split(" is sent")[0]) for line, _, message, _ in ml111(registry, text)
    ] == [(14, 'tool_choice="any" of ChatOpenAI() (held as Endpoint._llm).bind_tools()')]
