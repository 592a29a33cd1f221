"""End to end with the real frameworks (marker `frameworks`): a LangChain model string held in
a config dict (`"openai:gpt-4o-mini"`), which init_chat_model reads at run time. `openai:`
would build ChatOpenAI at OpenAI's URL whatever model followed; apply writes it on
LangChain's route for DeepSeek (`deepseek:`, langchain-deepseek's ChatDeepSeek, which the
project requires), and the program runs against tests/loopback_server.py with DeepSeek's
variables only (DEEPSEEK_API_BASE, which ChatDeepSeek reads) and no other host reachable."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .test_e2e_app import HTTPX_ALIAS, clean_env
from .test_frameworks_langchain_e2e import APPS, KEY, migrated

pytestmark = pytest.mark.frameworks


def _run(
    project: Path, server, registry, tmp_path: Path, **extra: str
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """The program run with DeepSeek's variables (and `extra`) set, and the hosts other than
    127.0.0.1 it tried to reach (the guard refused them)."""
    env = clean_env(registry)
    env["DEEPSEEK_API_KEY"] = KEY
    env["DEEPSEEK_API_BASE"] = server.base + "/v1"
    env.update(extra)
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard, HTTPX_ALIAS)
    env["OPENAI_MAX_RETRIES"] = "0"
    proc = subprocess.run(
        [sys.executable, "assistant.py"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return proc, network_guard.blocked_hosts(guard)


def test_a_model_string_read_at_run_time_runs_on_deepseeks_route(
    registry, server, tmp_path, monkeypatch
):
    pytest.importorskip("langchain_deepseek")
    project = tmp_path / "langchain_route_app"
    shutil.copytree(APPS / "langchain_route_app", project)
    migrated(project, "deepseek", monkeypatch)
    assert (project / "settings.py").read_text() == (
        '"""The models the app builds by name, chosen where they are read (a config dict)."""'
        '\n\nMODELS = {\n    "writer_model": "deepseek:deepseek-flash",\n}\n'
    )
    # gpt-4o-mini did not think; deepseek-flash does unless told not to (ML118, t47c)
    assert (project / "assistant.py").read_text() == (
        APPS / "langchain_route_app" / "assistant.py"
    ).read_text().replace(
        'init_chat_model(MODELS["writer_model"], temperature=0)',
        'init_chat_model(\n        MODELS["writer_model"],\n'
        '        extra_body={"thinking": {"type": "disabled"}},\n        temperature=0,\n    )',
    )
    proc, blocked = _run(project, server, registry, tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert blocked == []
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == {
        "answer": "reply from deepseek-flash",
        "class": "ChatDeepSeek",
    }
    [request] = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.body["model"] == "deepseek-flash"
    assert request.body["messages"] == [{"role": "user", "content": "Say hello in one word."}]
    assert request.body["thinking"] == {"type": "disabled"}


def test_without_langchain_deepseek_the_string_is_left_and_check_stays_red(tmp_path, monkeypatch):
    project = tmp_path / "langchain_route_app"
    shutil.copytree(APPS / "langchain_route_app", project)
    (project / "requirements.txt").write_text("langchain>=1.0\nlangchain-openai>=0.3\n")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0
    settings = (APPS / "langchain_route_app" / "settings.py").read_bytes()
    assert (project / "settings.py").read_bytes() == settings
    check = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek", "--format", "json"])
    assert check.exit_code == 1
    assert [(f["rule"], f["fix"]) for f in json.loads(check.stdout)["findings"]] == [
        ("ML204", "manual")
    ]


def test_the_provider_model_after_openai_goes_to_openai_and_check_is_red(
    registry, server, tmp_path, monkeypatch
):
    """What ML204 wrote before (`"openai:deepseek-flash"`): ChatOpenAI at api.openai.com, with
    the key the program has; check fails on it, and apply moves it to `deepseek:`."""
    pytest.importorskip("langchain_openai")
    project = tmp_path / "langchain_route_app"
    shutil.copytree(APPS / "langchain_route_app", project)
    settings = project / "settings.py"
    settings.write_text(settings.read_text().replace("openai:gpt-4o-mini", "openai:deepseek-flash"))
    proc, blocked = _run(project, server, registry, tmp_path, OPENAI_API_KEY="sk-test")
    assert proc.returncode != 0
    assert set(blocked) == {"api.openai.com"}
    assert server.requests == []
    monkeypatch.chdir(project)
    check = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek", "--format", "json"])
    assert check.exit_code == 1
    [finding] = json.loads(check.stdout)["findings"]
    assert (finding["rule"], finding["fix"], finding["data"]) == (
        "ML204",
        "review",
        {
            "model_from": "deepseek-flash",
            "langchain_route": "deepseek",
            "model_to": "deepseek:deepseek-flash",
        },
    )
    assert CliRunner().invoke(app, ["apply", ".", "-p", "deepseek", "-y"]).exit_code == 0
    assert '"writer_model": "deepseek:deepseek-flash"' in settings.read_text()
