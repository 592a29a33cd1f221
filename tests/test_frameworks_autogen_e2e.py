"""End to end with autogen-agentchat (trial t51g): tests/frameworks_apps/autogen_tools_app
gives one client tools and another, whose model comes from model_config.json
(`OpenAIChatCompletionClient(model=config["model"])`), handoffs. Migrated with `apply` for a
provider whose file says tools are served on some models only (SiliconFlow), both clients get
`"function_calling": True` (with False autogen refuses them before any request, which the app
shows), `check` stays red on the two unconfirmed `model_info`s until a person says so on
their lines, and the app runs against tests/loopback_server.py with no OPENAI_* variable set.

Marked `frameworks`: it needs `autogen-agentchat` and `autogen-ext[openai]` (the
`frameworks` extra).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from . import network_guard
from .test_frameworks_agents_e2e import APPS, needs, run_app, run_cli

pytestmark = pytest.mark.frameworks

CONFIRMED = '"function_calling": True,  # migrate-llm: ignore[ML661]'


def test_tools_and_handoffs_run_on_a_provider_with_tools_on_some_models(
    registry, server, tmp_path, monkeypatch
):
    needs("autogen_agentchat")
    provider = registry.get("siliconflow")
    project = tmp_path / "app"
    shutil.copytree(APPS / "autogen_tools_app", project)
    monkeypatch.chdir(project)
    assert run_cli("apply", ".", "--provider", "siliconflow", "--yes").exit_code == 0
    assert json.loads((project / "model_config.json").read_text()) == {
        "model": "Qwen/Qwen3-235B-A22B-Instruct-2507"
    }
    clients = (project / "clients.py").read_text()
    assert clients.endswith(
        "    return OpenAIChatCompletionClient(\n"
        '        model=config["model"],\n'
        '        api_key=os.environ["SILICONFLOW_CN_API_KEY"],\n'
        "        base_url=os.environ.get(\n"
        '            "SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1"\n'
        "        ),\n"
        "        model_info={\n"
        '            "vision": False,\n'
        '            "function_calling": True,\n'
        '            "json_output": False,\n'
        '            "family": "unknown",\n'
        '            "structured_output": False,\n'
        "        },\n"
        "        temperature=0,\n"
        "    )\n"
    )
    check = run_cli("check", ".", "--provider", "siliconflow", "--format", "json")
    left = [
        (f["path"], f["line"], f["rule"], f["severity"])
        for f in json.loads(check.stdout)["findings"]
    ]
    # clients.py's client gets its tools in orders.py: a note there (not listed), and the
    # warning where orders.py gives tools to the client it builds itself
    assert (check.exit_code, left) == (1, [("orders.py", 30, "ML661", "warning")])

    refused = _run_refused(registry, provider, project, server, tmp_path)
    assert refused.returncode == 1
    assert "ValueError: The model does not support function calling." in refused.stderr
    assert server.requests == []

    proc, path, key = run_app(registry, provider, project, "orders.py", server, tmp_path)
    assert proc.stdout.splitlines() == [
        "desk: order 42 has shipped",
        "triage: Transferred to desk, adopting the role of desk immediately.",
    ]
    got = server.requests
    assert [(r.path, r.body["model"]) for r in got] == [
        (f"{path}/chat/completions", "deepseek-ai/DeepSeek-V3.2"),
        (f"{path}/chat/completions", "Qwen/Qwen3-235B-A22B-Instruct-2507"),
    ]
    assert [[t["function"]["name"] for t in r.body["tools"]] for r in got] == [
        ["order_status"],
        ["transfer_to_desk"],
    ]
    assert {r.headers.get("authorization") for r in got} == {f"Bearer {key}"}

    for name in ("clients.py", "orders.py"):  # a person checked the models call tools
        source = project / name
        source.write_text(source.read_text().replace('"function_calling": True,', CONFIRMED))
    check = run_cli("check", ".", "--provider", "siliconflow", "--format", "json")
    assert (check.exit_code, json.loads(check.stdout)["findings"]) == (0, [])


def _run_refused(registry, provider, project, server, tmp_path) -> subprocess.CompletedProcess:
    """The migrated app with "function_calling": False, as migrate-llm wrote it for a provider
    whose file did not confirm tools: autogen refuses the desk's tools when it is built."""
    refused = tmp_path / "refused"
    shutil.copytree(project, refused)
    orders = refused / "orders.py"
    orders.write_text(
        orders.read_text().replace('"function_calling": True', '"function_calling": False')
    )
    env = network_guard.subprocess_env(
        {
            "PATH": "/usr/bin:/bin",
            provider.api_key_env: "test-key",
            provider.base_url_env: server.base + "/v1",
        },
        tmp_path / "guard-refused",
    )
    return subprocess.run(
        [sys.executable, "orders.py"],
        cwd=refused,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
