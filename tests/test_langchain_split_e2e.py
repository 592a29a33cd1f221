"""End to end with the real frameworks (marker `frameworks`): models named `provider/model`
(`"openai/gpt-4o-mini"`, a dataclass configuration's defaults) that the app splits itself and
hands to `init_chat_model(model, model_provider=provider)` and to OpenAIEmbeddings (the
`load_chat_model` of LangChain's LangGraph templates; chat-langchain, t65d). Apply points both
calls at the provider (ML605, ML601); the strings stay OpenAI's models, which the app would
send to the provider, so `check` fails on them (ML204) until they are changed as its message
says. Then the program runs against tests/loopback_server.py with the provider's variables
only and no other host reachable."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .test_frameworks_langchain_e2e import APPS, KEY, run

pytestmark = pytest.mark.frameworks


def _check(provider_id: str) -> tuple[int, list[tuple[str, int, str, str]]]:
    result = CliRunner().invoke(app, ["check", ".", "--provider", provider_id, "--format", "json"])
    found = json.loads(result.stdout)["findings"]
    return result.exit_code, [
        (f["path"], f["line"], f["rule"], str(f["data"].get("model_to"))) for f in found
    ]


def test_split_provider_model_strings_run_on_the_provider_once_changed(
    registry, server, tmp_path, monkeypatch
):
    provider = registry.get("zhipu")
    project = tmp_path / "langchain_split_app"
    shutil.copytree(APPS / "langchain_split_app", project)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert result.exit_code == 0, result.stderr or repr(result.exception)
    source = (project / "assistant.py").read_text()
    assert (
        "    return init_chat_model(\n"
        "        model,\n"
        '        api_key=os.environ["ZAI_API_KEY"],\n'
        '        base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "        model_provider=provider,\n"
        "        temperature=0,\n"
        "    )\n"
    ) in source
    # the calls are the provider's, the models they are given still OpenAI's: not green
    chat_model = provider.map_model("gpt-4o-mini")
    embedding_model = provider.map_model("text-embedding-3-small")
    assert _check("zhipu") == (
        1,
        [
            ("configuration.py", 8, "ML204", f"openai/{chat_model}"),
            ("configuration.py", 9, "ML204", f"openai/{embedding_model}"),
        ],
    )
    again = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--diff"])
    assert again.exit_code == 0 and again.stdout == "", again.stdout
    # what the messages say to write
    settings = project / "configuration.py"
    settings.write_text(
        settings.read_text()
        .replace('"openai/gpt-4o-mini"', f'"openai/{chat_model}"')
        .replace('"openai/text-embedding-3-small"', f'"openai/{embedding_model}"')
    )
    assert _check("zhipu") == (0, [])
    output = run(project, provider, server, registry, tmp_path)
    assert output == {"answer": f"reply from {chat_model}", "vectors": 2}
    bodies = {r.path: r.body for r in server.requests}
    assert sorted(bodies) == ["/api/paas/v4/chat/completions", "/api/paas/v4/embeddings"]
    assert {r.headers["authorization"] for r in server.requests} == {f"Bearer {KEY}"}
    assert bodies["/api/paas/v4/chat/completions"]["model"] == chat_model
    assert bodies["/api/paas/v4/embeddings"]["model"] == embedding_model
    assert bodies["/api/paas/v4/embeddings"]["input"] == ["first", "second"]
