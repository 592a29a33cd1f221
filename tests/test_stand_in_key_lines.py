"""apply's Next line names the stand-in key beside each base URL it wrote into a .env (t53a).

LightRAG's env.example holds `LLM_BINDING_HOST` with `LLM_BINDING_API_KEY=your_api_key` and,
further down, `EMBEDDING_BINDING_HOST` with `EMBEDDING_BINDING_API_KEY=your_api_key`; the Next
line named the first key's line twice (`env.example:216, env.example:216`). In a .env every line
is in one mapping: the key of the URL's own service is the one beside it."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config

ENV = """\
LLM_BINDING=openai
LLM_MODEL=gpt-4o
LLM_BINDING_HOST=https://api.openai.com/v1
LLM_BINDING_API_KEY=your_api_key

EMBEDDING_BINDING=openai
EMBEDDING_MODEL=text-embedding-3-small
EMBEDDING_BINDING_HOST=https://api.openai.com/v1
EMBEDDING_BINDING_API_KEY=your_api_key
"""


def test_each_base_url_names_the_stand_in_of_its_own_service(registry: Registry):
    ctx = RuleContext(registry, registry.get("qwen"))
    found = [
        (f.line, f.data.get("stand_in_key_line"))
        for f in check_config("env.example", ENV, ctx)
        if f.rule == "ML502"
    ]
    assert found == [(3, 4), (8, 9)]


def test_the_next_line_names_both_stand_ins(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "env.example").write_text(ENV)
    (tmp_path / "app.py").write_text("from openai import OpenAI\n\nclient = OpenAI()\n")
    applied = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--diff"])
    assert applied.exit_code == 0, applied.output
    assert "Beside them, env.example:4, env.example:9 hold stand-ins for the key: " in " ".join(
        applied.stderr.split()
    )
