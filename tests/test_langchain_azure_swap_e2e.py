"""End to end with langchain-openai (marker `frameworks`): an `AzureChatOpenAI` a person gave
the provider's base URL (t58c D2) fails `check` and, run as it is, sends the Azure key to
that URL; after `apply` it is a `ChatOpenAI` whose requests carry only the provider's key.
The program runs against tests/loopback_server.py with tests/network_guard.py installed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .loopback_server import LoopbackServer
from .test_e2e_app import HTTPX_ALIAS, clean_env

pytestmark = pytest.mark.frameworks

KEY = "test-provider-key"
AZURE_KEY = "test-azure-key"

# repro2 of t58c in our words: the base URL given by hand, LangChain's check of it turned off
HAND_POINTED = (
    "import json\nimport os\n\nfrom langchain_openai import AzureChatOpenAI\n\n"
    "llm = AzureChatOpenAI(\n"
    '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    "    validate_base_url=False,\n"
    '    openai_api_version="2024-05-01-preview",\n'
    '    deployment_name="deepseek-flash",\n'
    '    model="deepseek-flash",\n'
    ")\n"
    'print(json.dumps({"answer": llm.invoke("hi").content}))\n'
)
HAND_POINTED_AFTER = (
    "import json\nimport os\n\nfrom langchain_openai import ChatOpenAI\n\n"
    "llm = ChatOpenAI(\n"
    '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
    '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    '    model="deepseek-flash",\n'
    ")\n"
    'print(json.dumps({"answer": llm.invoke("hi").content}))\n'
)
# gpt-engineer's branch (core/ai.py): the deployment is the model the user chose
DEPLOYMENT_ONLY = (
    "import json\nimport os\nimport sys\n\nfrom langchain_openai import AzureChatOpenAI\n\n\n"
    "def make(endpoint, deployment):\n"
    "    return AzureChatOpenAI(\n"
    "        azure_endpoint=endpoint,\n"
    '        openai_api_version=os.getenv("OPENAI_API_VERSION", "2024-05-01-preview"),\n'
    "        deployment_name=deployment,\n"
    "    )\n\n\n"
    'llm = make("https://res.openai.azure.com", sys.argv[1])\n'
    'print(json.dumps({"answer": llm.invoke("hi").content}))\n'
)
DEPLOYMENT_ONLY_AFTER = (
    "import json\nimport os\nimport sys\n\nfrom langchain_openai import ChatOpenAI\n\n\n"
    "def make(endpoint, deployment):\n"
    "    return ChatOpenAI(\n"
    '        api_key=os.environ["DEEPSEEK_API_KEY"],\n'
    '        base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    "        model=deployment,\n"
    "    )\n\n\n"
    'llm = make("https://res.openai.azure.com", sys.argv[1])\n'
    'print(json.dumps({"answer": llm.invoke("hi").content}))\n'
)


def run_program(project: Path, server: LoopbackServer, registry, tmp_path: Path, *args: str):
    """`bot.py` run with the provider's variables and an Azure key set, no other host
    reachable."""
    provider = registry.get("deepseek")
    env = clean_env(registry)
    env[provider.api_key_env] = KEY
    env[provider.base_url_env] = server.base
    env["AZURE_OPENAI_API_KEY"] = AZURE_KEY
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard, HTTPX_ALIAS)
    proc = subprocess.run(
        [sys.executable, "bot.py", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert network_guard.blocked_hosts(guard) == []
    return proc


def check(project: Path, monkeypatch):
    monkeypatch.chdir(project)
    return CliRunner().invoke(app, ["check", ".", "--provider", "deepseek", "--format", "json"])


def apply(project: Path, monkeypatch) -> None:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr or repr(result.exception)


def test_an_azure_class_given_the_provider_url_sends_the_azure_key_until_apply_replaces_it(
    registry, server, tmp_path, monkeypatch
):
    project = tmp_path / "hand"
    project.mkdir()
    (project / "bot.py").write_text(HAND_POINTED)

    before = check(project, monkeypatch)
    assert before.exit_code == 1
    findings = json.loads(before.stdout)["findings"]
    assert [(f["rule"], f["severity"], f["fix"]) for f in findings] == [
        ("ML601", "error", "review")
    ]
    # as the person left it: Azure's path and the Azure key, at the provider's URL
    proc = run_program(project, server, registry, tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    [sent] = server.requests
    assert sent.path.startswith("/deployments/deepseek-flash/chat/completions?api-version=")
    assert sent.headers["api-key"] == AZURE_KEY

    apply(project, monkeypatch)
    assert (project / "bot.py").read_text() == HAND_POINTED_AFTER
    after = check(project, monkeypatch)
    assert after.exit_code == 0, after.stdout
    server.requests.clear()
    proc = run_program(project, server, registry, tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout) == {"answer": "reply from deepseek-flash"}
    [sent] = server.requests
    assert (sent.path, sent.body["model"]) == ("/chat/completions", "deepseek-flash")
    assert sent.headers["host"] == server.base.removeprefix("http://")
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert "api-key" not in sent.headers


def test_an_azure_deployment_becomes_the_model_of_the_plain_class(
    registry, server, tmp_path, monkeypatch
):
    project = tmp_path / "deployment"
    project.mkdir()
    (project / "bot.py").write_text(DEPLOYMENT_ONLY)
    apply(project, monkeypatch)
    assert (project / "bot.py").read_text() == DEPLOYMENT_ONLY_AFTER
    after = check(project, monkeypatch)
    assert after.exit_code == 0, after.stdout
    proc = run_program(project, server, registry, tmp_path, "deepseek-flash")
    assert proc.returncode == 0, proc.stderr[-3000:]
    [sent] = server.requests
    assert (sent.path, sent.body["model"]) == ("/chat/completions", "deepseek-flash")
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert "api-key" not in sent.headers
