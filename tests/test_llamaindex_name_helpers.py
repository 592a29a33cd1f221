"""LlamaIndex's helpers that know OpenAI's model names only (ML614): a branch on
`is_function_calling_model(llm.model)` flips once the model is the provider's (run-llama/rags
on llama-index 0.9)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.frameworks.llamaindex import REQUIRES_LLAMA_INDEX
from migrate_llm.rules.base import RuleContext
from migrate_llm.run_facts import PINS_NAME_CHECKING_AGENT, RunFacts, facts_of

BRANCH = (
    "from llama_index.agent import OpenAIAgent, ReActAgent\n"
    "from llama_index.llms.openai_utils import is_function_calling_model\n"
    "\n"
    "\n"
    "def agent_for(llm, tools):\n"
    "    if is_function_calling_model(llm.model):\n"
    "        return OpenAIAgent.from_tools(tools, llm=llm)\n"
    "    return ReActAgent.from_tools(tools, llm=llm)\n"
)
DEEPSEEK_FALSE = (
    "is_function_calling_model() knows OpenAI's model names only: given a DeepSeek model (the "
    "program's models after the switch) it returns False; read "
    "llm.metadata.is_function_calling_model instead, by hand"
)


def helper_findings(registry, text: str, provider: str | None = "deepseek"):
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []
    return [(f.line, f.column, f.rule, f.message) for f in found if f.rule == "ML614"]


def test_a_branch_on_the_function_calling_helper_is_reported(registry):
    assert helper_findings(registry, BRANCH) == [(6, 8, "ML614", DEEPSEEK_FALSE)]


def test_aliased_module_and_newer_helpers(registry):
    text = (
        "import llama_index.llms.openai.utils as ou\n"
        "from llama_index.llms.openai_utils import is_chat_model as chat\n\n\n"
        "def window(name):\n    return ou.openai_modelname_to_contextsize(name)\n\n\n"
        "def completes(cfg):\n    return not chat(cfg.model)\n"
    )
    assert helper_findings(registry, text) == [
        (
            6,
            12,
            "ML614",
            "openai_modelname_to_contextsize() knows OpenAI's model names only: given a "
            "DeepSeek model (the program's models after the switch) it raises ValueError; "
            "read llm.metadata.context_window instead, by hand",
        ),
        (
            10,
            16,
            "ML614",
            "is_chat_model() knows OpenAI's model names only: given a DeepSeek model (the "
            "program's models after the switch) it returns False; read "
            "llm.metadata.is_chat_model instead, by hand",
        ),
    ]


def test_left_alone(registry):
    written = (
        'from llama_index.llms.openai_utils import is_chat_model\n\nCHAT = is_chat_model("gpt-4")\n'
    )
    assert helper_findings(registry, written) == []
    # the newer package's is_function_calling_model answers True for a name it does not know
    newer = (
        "from llama_index.llms.openai.utils import is_function_calling_model\n\n\n"
        "def tools_ok(llm):\n    return is_function_calling_model(llm.model)\n"
    )
    assert helper_findings(registry, newer) == []
    assert helper_findings(registry, BRANCH, "openai") == []


def test_no_provider_gives_a_neutral_message(registry):
    assert helper_findings(registry, BRANCH, None) == [
        (
            6,
            8,
            "ML614",
            "is_function_calling_model() knows OpenAI's model names only: given another "
            "provider's model it returns False; read llm.metadata.is_function_calling_model "
            "instead, by hand",
        )
    ]


def test_check_fails_after_the_llm_was_migrated(tmp_path, monkeypatch):
    # what apply leaves of the trial's agent module: OpenAILike with a provider model
    (tmp_path / "agent.py").write_text(
        "import os\n\nfrom llama_index.llms import OpenAILike\n"
        'llm = OpenAILike(api_key=os.environ["DEEPSEEK_API_KEY"], model="deepseek-chat")\n'
        + BRANCH,
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "-p", "deepseek", "--no-cache", "--format", "json"])
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    assert [
        (f["rule"], f["severity"], f["fix"], f["line"], f["message"], f["data"])
        for f in found
        if f["rule"] == "ML614"
    ] == [
        (
            "ML614",
            "warning",
            "manual",
            10,
            DEEPSEEK_FALSE,
            {"function": "llama_index.llms.openai_utils.is_function_calling_model"},
        )
    ]


# rags pins llama-index 0.9.7, whose OpenAIAgent.from_tools checks the LLM's model name itself
AGENT = (
    "from llama_index.agent import OpenAIAgent\n"
    "from llama_index.agent.openai_agent import OpenAIAgent as Agent\n"
    "\n"
    "\n"
    "def build(llm, tools, retriever):\n"
    "    first = OpenAIAgent.from_tools(tools, llm=llm)\n"
    "    second = Agent.from_tools(tools, retriever, llm)\n"
    "    default = OpenAIAgent.from_tools(tools)\n"
    "    unset = OpenAIAgent.from_tools(tools, llm=None)\n"
    "    return OpenAIAgent(tools, llm, memory=None), first, second, default, unset\n"
)
DEEPSEEK_AGENT = (
    "OpenAIAgent.from_tools() checks the LLM's model name on llama-index<0.9.13, which the "
    "project's requirements pin: given a DeepSeek model (the program's models after the "
    'switch) it raises ValueError ("does not support function calling API"); upgrade '
    "llama-index to >=0.9.13 or use ReActAgent, by hand"
)
DEEPSEEK_FALSE_PINNED = (
    DEEPSEEK_FALSE + "; on llama-index<0.9.13, which the project's requirements pin, "
    "OpenAIAgent.from_tools() checks the name too and refuses the model: upgrade llama-index "
    "to >=0.9.13 or use ReActAgent"
)


def pinned_findings(registry, text: str, provider: str = "deepseek", pinned: bool = True):
    ctx = RuleContext(
        registry, registry.get(provider), facts=RunFacts(llamaindex_agent_by_name=pinned)
    )
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []
    return [(f.line, f.column, f.message) for f in found if f.rule == "ML614"]


def test_agent_on_a_pinned_name_checking_release(registry):
    # given an LLM (keyword or third argument); not without one, nor the constructor
    assert pinned_findings(registry, AGENT) == [(6, 13, DEEPSEEK_AGENT), (7, 14, DEEPSEEK_AGENT)]
    assert pinned_findings(registry, AGENT, pinned=False) == []
    assert pinned_findings(registry, AGENT, provider="openai") == []


def test_helper_message_names_the_pin(registry):
    assert pinned_findings(registry, BRANCH) == [
        (6, 8, DEEPSEEK_FALSE_PINNED),
        (7, 16, DEEPSEEK_AGENT),
    ]
    assert pinned_findings(registry, BRANCH, pinned=False) == [(6, 8, DEEPSEEK_FALSE)]


@pytest.mark.parametrize(
    ("kind", "text", "pins"),
    [
        ("requirements", "streamlit\nllama-index==0.9.7\n", True),
        ("requirements", "Llama_Index<0.9.13  # agent\n", True),
        ("requirements", "llama-index==0.9.13\n", False),
        ("requirements", "llama-index>=0.9,<0.10\n", False),
        ("requirements", "llama-index\n", False),
        ("requirements", "llama-index-core==0.10.1\n", False),
        ("toml", '[tool.poetry.dependencies]\nllama-index = "0.9.12"\n', True),
        ("toml", '[project]\ndependencies = ["llama-index~=0.9.7"]\n', False),
        ("toml", "[project\nllama-index==0.9.7\n", False),  # does not parse
        ("setup", "[options]\ninstall_requires =\n    llama-index==0.9.10\n", True),
        ("setup", "[options]\ninstall_requires =\n    llama-index (==0.9.7)\n", True),
        ("requirements", "llama-index[openai] == 0.9.7\n", True),
        ("toml", '[tool.poetry.dependencies]\n"llama-index" = "0.9.7"\n', True),
        ("toml", '[tool.poetry.dependencies]\nllama-index = {version = "0.9.7"}\n', True),
        (
            "toml",
            '[project]\ndescription = "llama-index for x"\ndependencies = ["llama-index==0.9.7"]\n',
            True,
        ),
        (
            "toml",
            '[project]\ndescription = "llama-index readers"\ndependencies = ["x==0.9.7"]\n',
            False,
        ),
    ],
)
def test_pin_fact(kind, text, pins):
    bits = facts_of(kind, text.encode(), True, False, None)
    assert bool(bits & PINS_NAME_CHECKING_AGENT) is pins
    assert RunFacts.of_bits(bits).llamaindex_agent_by_name is pins


@pytest.mark.parametrize(
    "text",
    [
        b'[tool.poetry]\ndescription = "llama-index readers for x"\n',
        b'[tool.poetry.dependencies]\nllama-index-core = "^0.9.7"\n',
        b'packages = [{include = "llama_index/"}]\n',
    ],
)
def test_pin_screening_reads_no_requirements_without_a_specifier(text):
    # LlamaIndex's 600 package files: read as requirements, they took a second of each scan
    assert REQUIRES_LLAMA_INDEX.search(text) is None


def _check(tmp_path, monkeypatch, requirements: str):
    (tmp_path / "requirements.txt").write_text(requirements, encoding="utf-8")
    (tmp_path / "agent.py").write_text(
        "import os\n\nfrom llama_index.agent import OpenAIAgent\n"
        "from llama_index.llms import OpenAILike\n"
        'llm = OpenAILike(api_key=os.environ["DEEPSEEK_API_KEY"], model="deepseek-flash")\n'
        "agent = OpenAIAgent.from_tools([], llm=llm)\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "-p", "deepseek", "--no-cache", "--format", "json"])
    found = json.loads(result.stdout)["findings"]
    return result.exit_code, [
        (f["path"], f["line"], f["severity"], f["fix"], f["message"], f["data"])
        for f in found
        if f["rule"] == "ML614"
    ]


def test_check_fails_on_the_agent_with_a_pinned_release(tmp_path, monkeypatch):
    assert _check(tmp_path, monkeypatch, "llama-index==0.9.7\n") == (
        1,
        [
            (
                "agent.py",
                6,
                "warning",
                "manual",
                DEEPSEEK_AGENT,
                {
                    "function": "llama_index.agent.OpenAIAgent.from_tools",
                    "upgrade": "llama-index>=0.9.13",
                },
            )
        ],
    )


@pytest.mark.parametrize("requirements", ["llama-index==0.9.48\n", "streamlit\n"])
def test_check_passes_on_a_metadata_release_or_without_a_pin(tmp_path, monkeypatch, requirements):
    assert _check(tmp_path, monkeypatch, requirements) == (0, [])
