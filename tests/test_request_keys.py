"""A key an openai<1.0 call is given for one request (t50e D2, knowledge_gpt's key check):
switching provider, `apply` keeps it as `client.with_options(api_key=...)`, so the migrated
check still tests its argument, on the provider. Run against a loopback server that takes one
key only, with no OPENAI_* variable set."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .loopback_server import LoopbackServer
from .program_runner import run_python
from .test_e2e_app import clean_env

KEY_CHECK = """import sys

import openai


def is_key_valid(user_key, model):
    try:
        openai.ChatCompletion.create(
            model=model, messages=[{"role": "user", "content": "test"}], api_key=user_key
        )
    except openai.error.AuthenticationError:
        return False
    return True


print(is_key_valid(sys.argv[1], "qwen-plus"))
"""


def test_the_migrated_key_check_tests_the_key_it_is_given(registry, tmp_path, monkeypatch):
    project = tmp_path / "app"
    project.mkdir()
    (project / "ui.py").write_text(KEY_CHECK)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert "client.with_options(api_key=user_key).chat" in (project / "ui.py").read_text()
    check = CliRunner().invoke(app, ["check", ".", "--provider", "qwen"])
    assert check.exit_code == 0, check.stdout

    server = LoopbackServer(key="right-key").start()
    try:
        base = clean_env(registry) | {"DASHSCOPE_BASE_URL": server.base + "/v1"}
        guard = tmp_path / "guard"
        runs = [  # (DASHSCOPE_API_KEY, the key typed) -> what the check says
            (None, "right-key", "True"),  # t50e: typed only, the check said invalid
            ("right-key", "wrong-key", "False"),  # t50e: the env key made it pass
            ("wrong-key", "right-key", "True"),
        ]
        for variable, typed, said in runs:
            env = base | ({"DASHSCOPE_API_KEY": variable} if variable else {})
            env = network_guard.subprocess_env(env, guard)
            proc = run_python(["ui.py", typed], cwd=project, env=env, timeout=60)
            assert proc.returncode == 0, proc.stderr
            assert proc.stdout.strip() == said, (variable, typed)
    finally:
        server.stop()
    assert network_guard.blocked_hosts(guard) == []
    assert [r.headers["authorization"] for r in server.requests] == [
        "Bearer right-key",
        "Bearer wrong-key",
        "Bearer right-key",
    ]
