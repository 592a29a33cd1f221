"""End to end with the real litellm (marker `frameworks`), review r3 of session 68 (f9a): an
`openai/` default sent to litellm with `api_base=` of the project's own gateway. Before, apply
wrote `"moonshot/kimi-k2.6"` there and litellm's moonshot route sent the Moonshot key to that
gateway; now apply leaves the module as it is, and the gateway gets the request as before,
with no Moonshot key."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded

pytestmark = pytest.mark.frameworks

APP = (
    "import os\n\nfrom litellm import completion\n\n"
    'MODEL = os.environ.get("APP_MODEL", "openai/gpt-4o-mini")\n'
    'BASE = os.environ["APP_BASE"]\n\n\n'
    "def ask(q):\n"
    '    return completion(model=MODEL, messages=q, api_base=BASE, api_key="own-gateway")\n'
)
PROGRAM = (
    "import json\n\nfrom app import ask\n\n"
    'reply = ask([{"role": "user", "content": "hi"}])\n'
    "print(json.dumps(reply.choices[0].message.content))\n"
)


def test_the_projects_own_gateway_gets_no_provider_key(server, tmp_path, monkeypatch):
    pytest.importorskip("litellm")
    text = APP.replace('os.environ["APP_BASE"]', repr(server.base + "/v1").replace("'", '"'))
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    (tmp_path / "run.py").write_text(PROGRAM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "app.py", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == text
    check = CliRunner().invoke(app, ["check", "app.py", "--provider", "moonshot"])
    assert check.exit_code == 0, check.stdout
    env = {"MOONSHOT_API_KEY": "test-key-moonshot", "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    proc, blocked = run_guarded("run.py", tmp_path, env)
    assert blocked == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == "reply from gpt-4o-mini"
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer own-gateway"
    assert (request.path, request.body["model"]) == ("/v1/chat/completions", "gpt-4o-mini")
