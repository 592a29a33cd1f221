"""End to end with the real litellm (marker `frameworks`): open-interpreter's `--api_base`
(t48d defect 2). As applied, the model `deepseek/deepseek-v4-pro` gets litellm's `openai/`
route put on it: the loopback server receives the OpenAI key the environment holds and the
model `deepseek/deepseek-v4-pro`, as ML642 says. With the hand fix its message names (the
provider's route left out of the prefix) the request carries DeepSeek's key and model, and
`check` passes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded

pytestmark = pytest.mark.frameworks

LLM = (
    "import os\n\n"
    "import litellm\n\n\n"
    "class Llm:\n"
    "    def __init__(self):\n"
    '        self.model = "gpt-4o"\n'
    '        self.api_base = os.environ.get("LLM_API_BASE")\n\n\n'
    "def run(llm, messages):\n"
    "    model = llm.model\n"
    '    if llm.api_base and not model.lower().startswith("openai/"):\n'
    '        model = "openai/" + model\n'
    "    return litellm.completion(model=model, messages=messages, api_base=llm.api_base)\n"
)
PROGRAM = (
    "import json\n\nfrom llm import Llm, run\n\n"
    'reply = run(Llm(), [{"role": "user", "content": "hi"}])\n'
    "print(json.dumps(reply.choices[0].message.content))\n"
)


def test_the_openai_route_sends_the_openai_key_until_the_hand_fix(server, tmp_path, monkeypatch):
    pytest.importorskip("litellm")
    (tmp_path / "llm.py").write_text(LLM, encoding="utf-8")
    (tmp_path / "run.py").write_text(PROGRAM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "llm.py", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    applied = (tmp_path / "llm.py").read_text(encoding="utf-8")
    assert applied == LLM.replace('"gpt-4o"', '"deepseek/deepseek-v4-pro"')
    check = CliRunner().invoke(app, ["check", "llm.py", "--provider", "deepseek"])
    assert check.exit_code == 1 and "ML642" in check.stdout
    env = {
        "DEEPSEEK_API_KEY": "test-key-deepseek",
        "LLM_API_BASE": server.base + "/v1",
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    # as applied, where the user's environment still holds an OpenAI key (a made-up one)
    proc, blocked = run_guarded("run.py", tmp_path, {**env, "OPENAI_API_KEY": "sk-openai-test"})
    assert blocked == [], proc.stderr
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer sk-openai-test"
    assert request.body["model"] == "deepseek/deepseek-v4-pro"

    fixed = applied.replace('startswith("openai/")', 'startswith(("openai/", "deepseek/"))')
    (tmp_path / "llm.py").write_text(fixed, encoding="utf-8")
    assert CliRunner().invoke(app, ["check", "llm.py", "--provider", "deepseek"]).exit_code == 0
    proc, blocked = run_guarded("run.py", tmp_path, env)
    assert blocked == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == "reply from deepseek-v4-pro"
    request = server.requests[-1]
    assert request.headers["authorization"] == "Bearer test-key-deepseek"
    assert (request.path, request.body["model"]) == ("/v1/chat/completions", "deepseek-v4-pro")
