"""LlamaIndex's OpenAILike gets `is_function_calling_model=False` only where the provider's
file says the model takes no tools (t51k: sec-insights' `OpenAIAgent.from_tools` refused the
LLM apply wrote with False for Hunyuan, whose tools are "partial", and check was green)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

APP = """\
from llama_index.agent.openai import OpenAIAgent
from llama_index.llms.openai import OpenAI

llm = OpenAI(model="gpt-4o")
agent = OpenAIAgent.from_tools([], llm=llm)
"""


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (["-p", "hunyuan"], 'is_function_calling_model=True,\n    model="hunyuan-turbos-latest"'),
        (["-p", "spark"], 'is_function_calling_model=True,\n    model="4.0Ultra"'),
        (
            ["-p", "spark", "--model", "gpt-4o=lite"],
            'is_function_calling_model=False,\n    model="lite"',
        ),
    ],
    ids=["partial-without-list", "listed-model", "model-the-list-leaves-out"],
)
def test_function_calling_is_false_only_where_the_model_takes_no_tools(
    tmp_path, monkeypatch, args, written
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(APP)
    result = CliRunner().invoke(app, ["apply", "app.py", *args, "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert written in (tmp_path / "app.py").read_text()
