"""Azure OpenAI as a target, end to end: migrate a small app with `apply --provider azure`, run
it with the real openai SDK against a loopback server speaking Azure's paths and header (no
OPENAI_* variable set, the network guard on), and `verify` against the same server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .loopback_server import AzureRoutes, LoopbackServer
from .program_runner import run_python

KEY = "test-key-azure"
DEPLOYMENTS = frozenset({"chat-prod", "chat-mini", "embed-small"})
MAPPING = ["gpt-4o=chat-prod", "gpt-4o-mini=chat-mini", "text-embedding-3-small=embed-small"]

APP = """import asyncio

from openai import AsyncOpenAI, OpenAI

client = OpenAI()


def ask(question):
    reply = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content


def stream(question):
    chunks = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": question}], stream=True
    )
    return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)


def embed(texts):
    return client.embeddings.create(model="text-embedding-3-small", input=texts).data


async def summarise(text):
    worker = AsyncOpenAI(timeout=30)
    reply = await worker.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": text}]
    )
    return reply.choices[0].message.content


if __name__ == "__main__":
    print(ask("Where is order 42?"))
    print(stream("How long does shipping take?"))
    print(len(embed(["refunds", "shipping"])))
    print(asyncio.run(summarise("ticket one")))
"""

OUTPUT = "reply from chat-prod\nstreamed \n2\nreply from chat-mini\n"


@pytest.fixture
def server():
    running = LoopbackServer(azure=AzureRoutes(KEY, DEPLOYMENTS)).start()
    yield running
    running.stop()


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if "OPENAI" not in k.upper()}


def migrate(project: Path, monkeypatch, *flags: str) -> str:
    """Write APP into `project`, apply `--provider azure` there; the migrated text."""
    project.mkdir(exist_ok=True)
    (project / "app.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", "app.py", "--yes", *flags])
    assert result.exit_code == 0, result.stderr or repr(result.exception)
    again = CliRunner().invoke(app, ["apply", "app.py", "--yes", *flags])
    assert again.stderr.startswith("Changed 0 files for Azure OpenAI"), again.stderr
    return (project / "app.py").read_text(encoding="utf-8")


def run_app(project: Path, server: LoopbackServer, tmp_path: Path, endpoint: str):
    env = {**clean_env(), "AZURE_OPENAI_API_KEY": KEY, "AZURE_OPENAI_ENDPOINT": endpoint}
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard)
    proc = run_python(["app.py"], cwd=project, env=env, timeout=60)
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.mark.parametrize("slash", ["", "/"])
def test_v1_app_talks_to_azure_deployments(server, tmp_path, monkeypatch, slash):
    flags = ["--provider", "azure", *(f"--model={m}" for m in MAPPING)]
    after = migrate(tmp_path / "app", monkeypatch, *flags)
    assert "OpenAI(\n    api_key=" in after and "AzureOpenAI" not in after

    proc = run_app(tmp_path / "app", server, tmp_path, server.base + slash)
    assert proc.stdout == OUTPUT
    got = server.requests
    assert [(r.method, r.path, r.body.get("model")) for r in got] == [
        ("POST", "/openai/v1/chat/completions", "chat-prod"),
        ("POST", "/openai/v1/chat/completions", "chat-prod"),
        ("POST", "/openai/v1/embeddings", "embed-small"),
        ("POST", "/openai/v1/chat/completions", "chat-mini"),
    ]
    assert {r.headers["authorization"] for r in got} == {f"Bearer {KEY}"}
    check = CliRunner().invoke(app, ["check", "app.py", *flags])
    assert check.exit_code == 0, check.stdout


def test_classic_app_from_config_uses_deployment_paths_and_api_key(server, tmp_path, monkeypatch):
    project = tmp_path / "app"
    project.mkdir()
    (project / "pyproject.toml").write_text(
        '[tool.migrate-llm]\nprovider = "aoai"\nazure-api = "classic"\n\n'
        '[tool.migrate-llm.models]\n"gpt-4o" = "chat-prod"\n"gpt-4o-mini" = "chat-mini"\n'
        '"text-embedding-3-small" = "embed-small"\n',
        encoding="utf-8",
    )
    after = migrate(project, monkeypatch)
    assert "client = AzureOpenAI(\n" in after and "worker = AsyncAzureOpenAI(\n" in after

    proc = run_app(project, server, tmp_path, server.base)
    assert proc.stdout == OUTPUT
    got = server.requests
    version = "?api-version=2024-10-21"  # no OPENAI_API_VERSION: the GA default
    assert [(r.method, r.path) for r in got] == [
        ("POST", f"/openai/deployments/chat-prod/chat/completions{version}"),
        ("POST", f"/openai/deployments/chat-prod/chat/completions{version}"),
        ("POST", f"/openai/deployments/embed-small/embeddings{version}"),
        ("POST", f"/openai/deployments/chat-mini/chat/completions{version}"),
    ]
    assert {r.headers["api-key"] for r in got} == {KEY}
    assert not any("authorization" in r.headers for r in got)

    check = CliRunner().invoke(app, ["check", "app.py"])
    assert check.exit_code == 0, check.stdout


def test_unmapped_model_is_a_deployment_to_name(server, tmp_path, monkeypatch):
    """Without a mapping the code keeps `gpt-4o`; Azure answers 404 for a deployment it lacks."""
    after = migrate(tmp_path / "app", monkeypatch, "--provider", "azure")
    assert 'model="gpt-4o"' in after
    env = {**clean_env(), "AZURE_OPENAI_API_KEY": KEY, "AZURE_OPENAI_ENDPOINT": server.base}
    guard = tmp_path / "guard"
    proc = run_python(
        ["app.py"], cwd=tmp_path / "app", env=network_guard.subprocess_env(env, guard)
    )
    assert proc.returncode == 1
    assert proc.stderr.endswith("openai.NotFoundError: Error code: 404 - no deployment gpt-4o\n"), (
        proc.stderr
    )
    assert network_guard.blocked_hosts(guard) == []


def verify(*args: str):
    return CliRunner().invoke(app, ["verify", "--provider", "azure", *args])


@pytest.fixture
def azure_env(server, monkeypatch, no_network):
    for name in list(os.environ):
        if "OPENAI" in name.upper():
            monkeypatch.delenv(name)
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", KEY)
    monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", server.base + "/")
    return server


def test_verify_v1(azure_env):
    result = verify("--model", "chat-prod")
    assert result.exit_code == 0, result.output
    assert [(r.method, r.path) for r in azure_env.requests] == [
        ("GET", "/openai/v1/models"),
        ("POST", "/openai/v1/chat/completions"),
    ]
    assert azure_env.requests[1].body["model"] == "chat-prod"
    assert result.stdout.splitlines()[-1] == (
        f"2 checks of Azure OpenAI at {azure_env.base}/: 2 passed"
    )


def test_verify_classic_sends_api_key_to_deployment_paths(azure_env, monkeypatch):
    monkeypatch.setenv("OPENAI_API_VERSION", "2024-06-01")
    result = verify("--azure-api", "classic", "--model", "chat-prod", "--model", "gone")
    assert result.exit_code == 1, result.output
    assert [(r.method, r.path) for r in azure_env.requests] == [
        ("GET", "/openai/models?api-version=2024-06-01"),
        ("POST", "/openai/deployments/chat-prod/chat/completions?api-version=2024-06-01"),
        ("POST", "/openai/deployments/gone/chat/completions?api-version=2024-06-01"),
    ]
    assert {r.headers["api-key"] for r in azure_env.requests} == {KEY}
    assert "HTTP 404: no deployment gone" in result.stdout
    assert KEY not in result.output


def test_verify_without_a_deployment_says_how_to_name_one(azure_env):
    result = verify()
    assert result.exit_code == 0, result.output
    assert (
        "migrate-llm: note: Azure OpenAI serves deployments you name: pass --model "
        "DEPLOYMENT to check one (only the models list is checked now)"
    ) in result.stderr
    assert [(r.method, r.path) for r in azure_env.requests] == [("GET", "/openai/v1/models")]
