"""LlamaIndex's helpers that know OpenAI's model names only (ML614): a branch on
`is_function_calling_model(llm.model)` flips once the model is the provider's (run-llama/rags
on llama-index 0.9)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

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
