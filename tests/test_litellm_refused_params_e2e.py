"""End to end with the real litellm (marker `frameworks`): a tool call with
`parallel_tool_calls=False` and JSON mode, migrated to Doubao (t51j B). ML640 writes
`volcengine/doubao-...`, whose litellm route refuses both keywords before it sends anything
(`UnsupportedParamsError`); ML644 lists them in `allowed_openai_params`, so the program runs and
the loopback server gets them as they were. Without that line the same program fails, which is
what apply wrote before with `check` green. A keyword Doubao's file does not say it takes
(`store`) keeps `check` red."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .test_frameworks_agents_e2e import needs

pytestmark = pytest.mark.frameworks

MODEL = "doubao-seed-2-1-turbo-260628"
PROGRAM = (
    "import json\n\nimport litellm\n\n"
    'TOOLS = [{"type": "function", "function": {"name": "ls", "parameters": '
    '{"type": "object", "properties": {}}}}]\n'
    "r = litellm.completion(\n"
    '    model="gpt-4o-mini",\n'
    '    messages=[{"role": "user", "content": "list the files"}],\n'
    "    tools=TOOLS,\n"
    '    tool_choice="auto",\n'
    "    parallel_tool_calls=False,\n"
    '    response_format={"type": "json_object"},\n'
    ")\n"
    "print(json.dumps(r.choices[0].message.tool_calls[0].function.name))\n"
)
LISTED = '    allowed_openai_params=["parallel_tool_calls", "response_format"],\n'


def run(tmp_path, server):
    env = {
        "ARK_API_KEY": "test-key-ark",
        "ARK_BASE_URL": server.base + "/api/v3",
        # litellm fetches its model price list from GitHub at import unless told not to
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    proc, blocked = run_guarded("app.py", tmp_path, env)
    assert blocked == [], proc.stderr
    return proc


def test_keywords_the_volcengine_route_refuses_reach_doubao(server, tmp_path, monkeypatch):
    needs("litellm")
    (tmp_path / "app.py").write_text(PROGRAM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "app.py", "--provider", "doubao", "--yes"])
    assert done.exit_code == 0, done.stderr
    migrated = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert f'    model="volcengine/{MODEL}",\n' in migrated
    assert '    response_format={"type": "json_object"},\n' + LISTED in migrated
    check = CliRunner().invoke(app, ["check", "app.py", "--provider", "doubao"])
    assert (check.exit_code, check.stdout) == (0, "0 findings for doubao in 0 of 1 file\n")

    proc = run(tmp_path, server)
    assert (proc.returncode, json.loads(proc.stdout or "null")) == (0, "ls"), proc.stderr
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer test-key-ark"
    assert (request.path, request.body["model"]) == ("/api/v3/chat/completions", MODEL)
    assert request.body["parallel_tool_calls"] is False
    assert request.body["response_format"] == {"type": "json_object"}
    assert request.body["thinking"] == {"type": "disabled"}

    # what apply wrote before: litellm refuses the call before any request
    server.requests.clear()
    (tmp_path / "app.py").write_text(migrated.replace(LISTED, ""), encoding="utf-8")
    proc = run(tmp_path, server)
    assert proc.returncode != 0
    assert "UnsupportedParamsError" in proc.stderr
    assert "volcengine does not support parameters" in proc.stderr
    assert server.requests == []


def test_a_keyword_the_provider_file_does_not_vouch_for_keeps_check_red(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(
        PROGRAM.replace("    parallel_tool_calls=False,\n", "    store=True,\n"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "app.py", "--provider", "doubao", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert "allowed_openai_params" not in (tmp_path / "app.py").read_text(encoding="utf-8")
    check = CliRunner().invoke(app, ["check", "app.py", "--provider", "doubao", "--format", "json"])
    assert check.exit_code == 1
    found = [f for f in json.loads(check.stdout)["findings"] if f["rule"] == "ML644"]
    assert [(f["fix"], f["data"]["refused"]) for f in found] == [
        ("manual", ["store", "response_format"])
    ]
