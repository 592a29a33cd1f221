"""End to end: migrate the example app for a provider, then run it with the real openai SDK
against a loopback OpenAI-compatible server reached through the provider's base-URL variable."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .migrated_examples import migrated_copy
from .program_runner import run_python

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "chat-app"

PROGRAM = """
import asyncio, os
from chat_app.assistant import SupportAssistant
from chat_app.async_worker import summarise_all
from chat_app.client import make_async_client, make_client
from chat_app.search import embed

bot = SupportAssistant()
print(bot.ask("Where is order 42?"))
print("".join(bot.stream("How long does shipping take?")))
print(bot.ask_with_tools("Where is my order 42?"))
if os.environ["WITH_EMBEDDINGS"] == "1":
    print(len(embed(make_client(), ["refunds", "shipping"])))
print(asyncio.run(summarise_all(make_async_client(), ["ticket one", "ticket two"])))
"""


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if "OPENAI" not in k}


@pytest.mark.parametrize("provider_id", ["zhipu", "qwen", "ernie", "moonshot"])
def test_migrated_app_talks_to_the_provider(
    registry, server, tmp_path_factory, tmp_path, monkeypatch, provider_id
):
    provider = registry.get(provider_id)
    result = migrated_copy(EXAMPLE, provider_id, tmp_path_factory, tmp_path / "app")
    project = result.project
    monkeypatch.chdir(project)
    assert f"export {provider.api_key_env}=" in result.stderr
    again = CliRunner().invoke(app, ["apply", ".", "--provider", provider_id, "--yes"])
    assert again.stderr.startswith(f"Changed 0 files for {provider.name}")

    embeddings = provider.support("embeddings") is True
    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {
        **clean_env(),
        provider.api_key_env: f"test-key-{provider_id}",
        provider.base_url_env: server.base + path,
        "WITH_EMBEDDINGS": "1" if embeddings else "0",
    }
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard)
    proc = run_python(["-c", PROGRAM], cwd=project, env=env, timeout=60)
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    assert proc.returncode == 0, proc.stderr

    got = server.requests
    assert {r.headers["authorization"] for r in got} == {f"Bearer test-key-{provider_id}"}
    chat = [r for r in got if r.path == f"{path}/chat/completions"]
    embed = [r for r in got if r.path == f"{path}/embeddings"]
    assert len(chat) + len(embed) == len(got)
    assert {r.body["model"] for r in chat} == {
        provider.map_model("gpt-4o-mini"),
        provider.map_model("gpt-4o"),
    }
    assert [r.body.get("stream", False) for r in chat].count(True) == 1
    assert any("tools" in r.body for r in chat)
    if embeddings:
        assert [r.body["model"] for r in embed] == [provider.map_model("text-embedding-3-small")]
    else:
        assert embed == []
        assert "embeddings.create() through an OpenAI client" in result.stderr


MODULE_CLIENT = """import os

import openai

openai.api_key = os.environ["OPENAI_API_KEY"]
openai.base_url = "https://api.openai.com/v1/"

reply = openai.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "ping"}]
)
print(reply.choices[0].message.content)
"""


@pytest.mark.parametrize("slash", ["", "/"])
@pytest.mark.parametrize("provider_id", ["zhipu", "qwen"])
def test_migrated_module_client_reaches_the_provider_path(
    registry, server, tmp_path, monkeypatch, provider_id, slash
):
    """The module-level client joins a request's path to `openai.base_url` as written: the
    base URL `apply` writes ends with a slash whether or not the variable's value does."""
    provider = registry.get(provider_id)
    (tmp_path / "bot.py").write_text(MODULE_CLIENT)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", provider_id, "--yes"])
    assert done.exit_code == 0, done.stderr
    assert '.rstrip("/")' in (tmp_path / "bot.py").read_text()
    again = CliRunner().invoke(app, ["apply", ".", "--provider", provider_id, "--yes"])
    assert again.stderr.startswith(f"Changed 0 files for {provider.name}")

    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {
        **clean_env(),
        provider.api_key_env: f"test-key-{provider_id}",
        provider.base_url_env: server.base + path + slash,
    }
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard)
    proc = run_python(["bot.py"], cwd=tmp_path, env=env, timeout=60)
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    (request,) = server.requests
    assert (request.method, request.path) == ("POST", f"{path}/chat/completions")
    assert request.headers["authorization"] == f"Bearer test-key-{provider_id}"
    assert request.body["model"] == provider.map_model("gpt-4o-mini")


# llm-cookbook's notebooks (t59b D2): the base URL read from openai<1's OPENAI_API_BASE, in
# single quotes; apply used to switch the key alone, and the provider's key went to that URL
PROXIED_MODULE_CLIENT = MODULE_CLIENT.replace(
    'os.environ["OPENAI_API_KEY"]', "os.environ['OPENAI_API_KEY']"
).replace('"https://api.openai.com/v1/"', "os.environ['OPENAI_API_BASE']")


def test_a_module_client_read_from_openai_api_base_moves_with_its_key(
    registry, server, tmp_path, monkeypatch
):
    provider = registry.get("deepseek")
    (tmp_path / "bot.py").write_text(PROXIED_MODULE_CLIENT)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert "disagree" not in done.stderr
    source = (tmp_path / "bot.py").read_text()
    assert (
        'openai.api_key = os.environ.get("DEEPSEEK_API_KEY", "unset")\n'
        "openai.base_url = (\n"
        '    os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip("/") + "/"\n'
        ")\n"
    ) in source
    check = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek"])
    assert check.exit_code == 0, check.stdout
    env = {
        **clean_env(),
        provider.api_key_env: "test-key-deepseek",
        provider.base_url_env: server.base,
        # still exported: the proxy the program used to reach OpenAI through
        "OPENAI_API_BASE": "https://openai-proxy.example.com/v1/",
    }
    guard = tmp_path / "guard"
    proc = run_python(
        ["bot.py"], cwd=tmp_path, env=network_guard.subprocess_env(env, guard), timeout=60
    )
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    (request,) = server.requests
    assert (request.path, request.body["model"]) == ("/chat/completions", "deepseek-flash")
    assert request.headers["authorization"] == "Bearer test-key-deepseek"


ALIASED_METHOD = """from openai import OpenAI

client = OpenAI()
completion = client.chat.completions.create


def ask(prompt):
    return completion(
        model="gpt-4o",
        messages=[{"role": "user", "content": prompt}],
        temperature=1.5,
        frequency_penalty=0.5,
    )


print(ask("ping").choices[0].message.content)
"""


def test_migrated_aliased_method_sends_the_provider_request(
    registry, server, tmp_path, monkeypatch
):
    """shell_gpt's request path: `completion = client.chat.completions.create`, then
    `completion(...)`. The request the provider receives carries its model, a temperature in
    its range, and no parameter the model does not take."""
    provider = registry.get("zhipu")
    (tmp_path / "bot.py").write_text(ALIASED_METHOD)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert done.exit_code == 0, done.stderr
    again = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert again.stderr.startswith(f"Changed 0 files for {provider.name}")

    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {
        **clean_env(),
        provider.api_key_env: "test-key-zhipu",
        provider.base_url_env: server.base + path,
    }
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard)
    proc = run_python(["bot.py"], cwd=tmp_path, env=env, timeout=60)
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    (request,) = server.requests
    assert request.path == f"{path}/chat/completions"
    assert request.body["model"] == provider.map_model("gpt-4o")
    assert request.body["temperature"] == 1.0
    assert "frequency_penalty" not in request.body
