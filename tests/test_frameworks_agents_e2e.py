"""End to end with the real frameworks: the OpenAI Agents SDK and litellm apps in
tests/frameworks_apps are migrated with `apply`, then run against tests/loopback_server.py.

Marked `frameworks`: they need `openai-agents`, `litellm` and `smolagents` installed (the
`frameworks` extra); each test is skipped when its framework is missing. The programs run in a subprocess
with no OPENAI_* variable and tests/network_guard.py installed, so a trace upload or a request
to any host but 127.0.0.1 fails the test.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from . import network_guard
from .cli_findings import cli as run_cli
from .loopback_server import LoopbackServer

pytestmark = pytest.mark.frameworks

APPS = Path(__file__).resolve().parent / "frameworks_apps"
PROVIDERS = ["zhipu", "qwen"]


def needs(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (pip install -e '.[frameworks]')")


def migrated_copy(name: str, provider_id: str, tmp_path: Path, monkeypatch) -> Path:
    """The app copied to tmp_path and migrated with `apply . --provider P --yes`; a second
    `apply` changes nothing and `check` finds nothing left."""
    project = tmp_path / name
    shutil.copytree(APPS / name, project)
    monkeypatch.chdir(project)
    first = run_cli("apply", ".", "--provider", provider_id, "--yes")
    assert first.exit_code == 0, first.stderr or repr(first.exception)
    before = {p: p.read_bytes() for p in project.rglob("*.py")}
    again = run_cli("apply", ".", "--provider", provider_id, "--yes")
    assert again.exit_code == 0, again.stderr
    assert {p: p.read_bytes() for p in project.rglob("*.py")} == before
    check = run_cli("check", ".", "--provider", provider_id, "--format", "json")
    assert (check.exit_code, json.loads(check.stdout)["findings"]) == (0, []), check.stdout
    return project


def run_app(registry, provider, project: Path, script: str, server, tmp_path, *args: str):
    """Run a migrated script with the provider's variables pointing at the loopback server."""
    provider_vars = set()
    for known in registry.providers.values():
        provider_vars |= {known.api_key_env, known.base_url_env, *known.env_vars}
    base = {
        k: v
        for k, v in os.environ.items()
        if "OPENAI" not in k.upper() and "PROXY" not in k.upper() and k not in provider_vars
    }
    path = urlsplit(provider.base_url).path.rstrip("/")
    key = f"test-key-{provider.id}"
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(
        {
            **base,
            provider.api_key_env: key,
            provider.base_url_env: server.base + path,
            # litellm fetches its model price list from GitHub at import unless told not to
            # (litellm/__init__.py, LITELLM_LOCAL_MODEL_COST_MAP): a test setting, not the app's
            "LITELLM_LOCAL_MODEL_COST_MAP": "True",
        },
        guard,
    )
    assert not [k for k in env if "OPENAI" in k.upper()]
    proc = subprocess.run(
        [sys.executable, script, *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    return proc, path, key


@pytest.mark.parametrize("provider_id", PROVIDERS)
def test_agents_app_runs_on_chat_completions_of_the_provider(
    registry, server, tmp_path, monkeypatch, provider_id
):
    needs("agents")
    provider = registry.get(provider_id)
    project = migrated_copy("agents_app", provider_id, tmp_path, monkeypatch)
    text = (project / "support_bot.py").read_text()
    assert 'set_default_openai_api("chat_completions")' in text
    assert "set_tracing_disabled(True)" in text

    proc, path, key = run_app(registry, provider, project, "support_bot.py", server, tmp_path)
    small = provider.map_model("gpt-4o-mini")
    default = provider.map_model("gpt-5.6-luna") or provider.tiers["flagship"]
    assert proc.stdout.splitlines() == [
        f"support: reply from {small}",
        f"greeter: reply from {default}",
    ]
    got = server.requests
    assert [r.path for r in got] == [f"{path}/chat/completions"] * 3  # tool call, answer, hello
    assert [r.body["model"] for r in got] == [small, small, default]
    assert {r.headers.get("authorization") for r in got} == {f"Bearer {key}"}
    assert got[0].body["tools"][0]["function"]["name"] == "order_status"
    assert got[1].body["messages"][-1]["role"] == "tool"


@pytest.mark.parametrize("provider_id", PROVIDERS)
def test_agents_on_litellm_models_and_a_run_config_model_run_on_the_provider(
    registry, server, tmp_path, monkeypatch, provider_id
):
    # t43c: `LitellmModel(model="openai/gpt-4o-mini")` reached OpenAI through litellm, and the
    # model `RunConfig(model=)` names went to the SDK's default client, left without a key
    needs("agents")
    needs("litellm")
    provider = registry.get(provider_id)
    project = migrated_copy("agents_litellm_app", provider_id, tmp_path, monkeypatch)
    prefix = provider.frameworks["litellm_prefix"]
    small, large = provider.map_model("gpt-4o-mini"), provider.map_model("gpt-4o")
    assert f'model="{prefix}/{small}"' in (project / "triage_bot.py").read_text()

    proc, path, key = run_app(registry, provider, project, "triage_bot.py", server, tmp_path)
    assert proc.stdout.splitlines() == [
        f"triage: reply from {small}",
        f"override: reply from {large}",
    ]
    assert [(r.path, r.body["model"]) for r in server.requests] == [
        (f"{path}/chat/completions", small),
        (f"{path}/chat/completions", large),
    ]
    assert {r.headers.get("authorization") for r in server.requests} == {f"Bearer {key}"}


@pytest.mark.parametrize("provider_id", ["moonshot", "zhipu"])
def test_an_agent_naming_its_model_on_the_litellm_route_runs_on_the_provider(
    registry, server, tmp_path, monkeypatch, provider_id
):
    # t57b A: `Agent(model="litellm/openai/gpt-4o-mini")` went to api.openai.com with
    # OPENAI_API_KEY through the SDK's LitellmProvider, and check passed
    needs("agents")
    needs("litellm")
    provider = registry.get(provider_id)
    project = migrated_copy("agents_litellm_app", provider_id, tmp_path, monkeypatch)
    prefix = provider.frameworks["litellm_prefix"]
    small = provider.map_model("gpt-4o-mini")
    text = (project / "named_route_bot.py").read_text()
    assert f'    model=LitellmModel(\n        model="{prefix}/{small}",\n' in text

    proc, path, key = run_app(registry, provider, project, "named_route_bot.py", server, tmp_path)
    assert proc.stdout.splitlines() == [f"writer: reply from {small}"]
    assert [(r.path, r.body["model"]) for r in server.requests] == [
        (f"{path}/chat/completions", small)
    ]
    assert {r.headers.get("authorization") for r in server.requests} == {f"Bearer {key}"}


THINKING_TOOL_AGENT = (
    "import asyncio\n\n"
    "from agents import Agent, Runner, function_tool\n"
    "from agents.extensions.models.litellm_model import LitellmModel\n\n\n"
    "@function_tool\n"
    "def order_status(order_id: str) -> str:\n"
    '    """The status of an order."""\n'
    '    return "shipped"\n\n\n'
    "agent = Agent(\n"
    '    name="support",\n'
    '    instructions="Answer in one line.",\n'
    "    tools=[order_status],\n"
    '    model=LitellmModel(model="openai/gpt-4o"),\n'
    ")\n"
    'print(asyncio.run(Runner.run(agent, "Where is order 7?")).final_output)\n'
)


def test_a_thinking_agent_with_tools_on_litellms_moonshot_route(registry, tmp_path, monkeypatch):
    """ML634 on a LitellmModel: litellm's moonshot/ route gives the tool turn the reasoning
    kimi-k2.6 wants back (from 1.83.12, `litellm_tool_turns_filled`), so an unpinned project runs as
    applied and check passes; one pinning an older litellm gets the error."""
    needs("agents")
    needs("litellm")
    provider = registry.get("moonshot")
    project = tmp_path / "support"
    project.mkdir()
    (project / "support_bot.py").write_text(THINKING_TOOL_AGENT)
    monkeypatch.chdir(project)
    assert run_cli("apply", ".", "--provider", "moonshot", "--yes").exit_code == 0
    assert 'model="moonshot/kimi-k2.6",' in (project / "support_bot.py").read_text()
    check = run_cli("check", ".", "--provider", "moonshot", "--format", "json")
    assert (check.exit_code, json.loads(check.stdout)["findings"]) == (0, [])

    server = LoopbackServer.for_provider(provider).start()  # kimi-k2.6 thinks, wants it back
    try:
        proc, path, key = run_app(registry, provider, project, "support_bot.py", server, tmp_path)
    finally:
        server.stop()
    assert proc.stdout.splitlines() == ["reply from kimi-k2.6"]
    got = server.requests
    assert [(r.path, r.body["model"]) for r in got] == [
        (f"{path}/chat/completions", "kimi-k2.6")
    ] * 2
    assert {r.headers.get("authorization") for r in got} == {f"Bearer {key}"}
    turn = got[1].body["messages"][-2]
    assert (turn["role"], turn["tool_calls"][0]["function"]["name"]) == (
        "assistant",
        "order_status",
    )
    assert turn["reasoning_content"] == " "  # litellm's placeholder: the reply's is not kept

    (project / "requirements.txt").write_text("litellm==1.83.4\nopenai-agents\n")
    check = run_cli("check", ".", "--provider", "moonshot", "--format", "json")
    found = [(f["rule"], f["line"]) for f in json.loads(check.stdout)["findings"]]
    assert (check.exit_code, found) == (1, [("ML634", 16)])


@pytest.mark.parametrize("provider_id", PROVIDERS)
def test_litellm_app_runs_on_the_provider(registry, server, tmp_path, monkeypatch, provider_id):
    needs("litellm")
    provider = registry.get(provider_id)
    project = migrated_copy("litellm_app", provider_id, tmp_path, monkeypatch)
    prefix = provider.frameworks["litellm_prefix"]
    text = (project / "llm_tasks.py").read_text()
    assert f'CHAT_MODEL = "{prefix}/{provider.map_model("gpt-4o-mini")}"' in text
    assert '"model_name": "smart"' in text  # the Router alias stays the application's

    embeddings = provider.support("embeddings") is True
    args = () if embeddings else ("--skip-embeddings",)
    proc, path, key = run_app(registry, provider, project, "llm_tasks.py", server, tmp_path, *args)
    expected = [
        f"ask: reply from {provider.map_model('gpt-4o-mini')}",
        f"smart: reply from {provider.map_model('gpt-4o')}",
    ]
    if embeddings:
        expected += ["embed: 2 8", "embed one: 8"]
    assert proc.stdout.splitlines() == expected
    got = server.requests
    chat = [r for r in got if r.path == f"{path}/chat/completions"]
    embed = [r for r in got if r.path == f"{path}/embeddings"]
    assert len(chat) + len(embed) == len(got), [r.path for r in got]
    assert [r.body["model"] for r in chat] == [
        provider.map_model("gpt-4o-mini"),
        provider.map_model("gpt-4o"),
    ]
    assert [r.body["model"] for r in embed] == (
        [provider.map_model(m) for m in ("text-embedding-3-small", "text-embedding-ada-002")]
        if embeddings
        else []
    )
    assert {r.headers.get("authorization") for r in got} == {f"Bearer {key}"}


@pytest.mark.parametrize("provider_id", PROVIDERS)
def test_dspy_lm_runs_on_the_provider(registry, server, tmp_path, monkeypatch, provider_id):
    needs("dspy")
    provider = registry.get(provider_id)
    project = migrated_copy("litellm_app", provider_id, tmp_path, monkeypatch)
    model = provider.map_model("gpt-4o-mini")
    assert f'"openai/{model}"' in (project / "dspy_task.py").read_text()

    proc, path, key = run_app(registry, provider, project, "dspy_task.py", server, tmp_path)
    assert proc.stdout.splitlines() == [f"dspy: reply from {model}"]
    assert [(r.path, r.body["model"]) for r in server.requests] == [
        (f"{path}/chat/completions", model)
    ]
    assert {r.headers.get("authorization") for r in server.requests} == {f"Bearer {key}"}


@pytest.mark.parametrize("provider_id", ["minimax", "deepseek"])
def test_smolagents_router_model_runs_on_the_provider(
    registry, server, tmp_path, monkeypatch, provider_id
):
    """LiteLLMRouterModel passes its own api_base and api_key over its deployments': on
    litellm's openai/ route (MiniMax) a deployment given them still went to OpenAI's URL."""
    needs("smolagents")
    needs("litellm")
    provider = registry.get(provider_id)
    project = migrated_copy("smolagents_app", provider_id, tmp_path, monkeypatch)
    model = provider.map_model("gpt-4o-mini")
    text = (project / "router_agent.py").read_text()
    # never empty on openai/ (MiniMax), which sends OPENAI_API_KEY for an empty key
    read = f'"{provider.api_key_env}") or "unset"' if provider_id == "minimax" else None
    read = read or f'"{provider.api_key_env}", "unset")'
    assert f"    api_key=os.environ.get({read},\n" in text
    proc, path, key = run_app(registry, provider, project, "router_agent.py", server, tmp_path)
    assert proc.stdout.splitlines() == [f"router: reply from {model}"]
    assert [(r.path, r.body["model"]) for r in server.requests] == [
        (f"{path}/chat/completions", model)
    ]
    assert {r.headers.get("authorization") for r in server.requests} == {f"Bearer {key}"}
