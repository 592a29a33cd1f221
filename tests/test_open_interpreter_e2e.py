"""End to end with the real litellm (marker `frameworks`): t61c's Open Interpreter app (A, D)
and its key prompt (C), run against the loopback server under the network guard.

Open Interpreter itself (718 MB with its dependencies) is not installed here; the app runs on
a stand-in package written for this test, kept outside the migrated project, that does what
open-interpreter 0.4.3 does with its llm (interpreter/core/llm/llm.py L283-292, L443): it
calls `litellm.completion(model=llm.model, ...)`, adding `api_key` and `api_base` only where
they are set."""

from __future__ import annotations

import json

import pytest

from .cli_findings import cli, finding_rows, run_json, write
from .loopback_run import run_guarded

pytestmark = pytest.mark.frameworks

STAND_IN = """import litellm


class Llm:
    def __init__(self):
        self.model = "gpt-4o"
        self.api_key = None
        self.api_base = None


class OpenInterpreter:
    def __init__(self):
        self.llm = Llm()

    def chat(self, message, display=True):
        params = {"model": self.llm.model, "messages": [{"role": "user", "content": message}]}
        if self.llm.api_key:
            params["api_key"] = self.llm.api_key
        if self.llm.api_base:
            params["api_base"] = self.llm.api_base
        return litellm.completion(**params).choices[0].message.content


interpreter = OpenInterpreter()
"""
APP = """import json

from dotenv import load_dotenv
from interpreter import interpreter

load_dotenv()
interpreter.llm.model = "gpt-4o"
print(json.dumps(interpreter.chat("hi", display=False)))
"""
OPENAI_KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD"
ZAI_KEY = "zai-test-key.0000"


def _env(server, tmp_path, **more: str) -> dict[str, str]:
    return {
        "PYTHONPATH": str(tmp_path / "site"),
        "ZAI_API_BASE": server.base + "/api/paas/v4",
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
        **more,
    }


def test_the_apps_model_reaches_the_provider_on_litellms_route_with_its_key(
    server, tmp_path, monkeypatch
):
    pytest.importorskip("litellm")
    pytest.importorskip("dotenv")
    project = tmp_path / "app"
    write(tmp_path / "site", {"interpreter/__init__.py": STAND_IN})
    write(project, {"app.py": APP, ".env": f"OPENAI_API_KEY={OPENAI_KEY}\n"})
    monkeypatch.chdir(project)
    # before apply: gpt-4o goes to OpenAI (refused by the guard), with the .env's key
    proc, blocked = run_guarded("app.py", project, _env(server, tmp_path, ZAI_API_KEY=ZAI_KEY))
    assert (proc.returncode != 0, set(blocked), server.requests) == (True, {"api.openai.com"}, [])

    done = cli("apply", ".", "--provider", "zhipu", "--yes")
    assert done.exit_code == 0, done.output
    assert (project / "app.py").read_text() == APP.replace('"gpt-4o"', '"zai/glm-5.3"')
    assert (project / ".env").read_text() == f"OPENAI_API_KEY={OPENAI_KEY}\n# ZAI_API_KEY=\n"
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert (code, finding_rows(report, "path", "rule", "severity")) == (
        1,
        [(".env", "ML501", "error")],
    )

    proc, blocked = run_guarded("app.py", project, _env(server, tmp_path, ZAI_API_KEY=ZAI_KEY))
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert json.loads(proc.stdout) == "reply from glm-5.3"
    (request,) = server.requests
    assert (request.path, request.body["model"]) == ("/api/paas/v4/chat/completions", "glm-5.3")
    assert request.headers["authorization"] == f"Bearer {ZAI_KEY}"

    # what ML501's error is about: without ZAI_API_KEY the .env's OpenAI key goes to Zhipu
    proc, blocked = run_guarded("app.py", project, _env(server, tmp_path))
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert server.requests[-1].headers["authorization"] == f"Bearer {OPENAI_KEY}"

    # the hand fix the message names; then no request carries the OpenAI key
    (project / ".env").write_text("# ZAI_API_KEY=\n")
    assert run_json("check", ".", "--provider", "zhipu")[0] == 0
    proc, blocked = run_guarded("app.py", project, _env(server, tmp_path, ZAI_API_KEY=ZAI_KEY))
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert server.requests[-1].headers["authorization"] == f"Bearer {ZAI_KEY}"
    assert len(server.requests) == 3


CLI = """import os
import sys

import litellm

OPENAI_MODELS = ["gpt-4o", "gpt-4o-mini"]


def ask(model, question):
    api_key = None
    if model in OPENAI_MODELS:
        if not os.environ.get("OPENAI_API_KEY"):
            api_key = input("OpenAI API key: ")
    reply = litellm.completion(
        model=model, api_key=api_key, messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content


print(ask(sys.argv[1], "hi"))
"""


def test_the_key_prompt_of_openais_branch_is_left_and_the_providers_model_skips_it(
    server, tmp_path, monkeypatch
):
    """t61c C (reproC): apply made the prompt ask for the Zhipu key and the list take zai/
    models, so the Zhipu key typed for gpt-4o went to api.openai.com. Now the prompt, the
    read and the list stay; the provider's model, given on the route, never reaches the
    prompt and goes to the loopback with ZAI_API_KEY."""
    pytest.importorskip("litellm")
    write(tmp_path, {"cli.py": CLI})
    monkeypatch.chdir(tmp_path)
    done = cli("apply", ".", "--provider", "zhipu", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "cli.py").read_text() == CLI
    code, report = run_json("check", ".", "--provider", "zhipu")
    assert (code, finding_rows(report, "line", "rule", "fix")) == (
        1,
        [(6, "ML205", "manual"), (12, "ML401", "manual"), (13, "ML401", "manual"),
         (15, "ML640", "manual")],
    )  # fmt: skip
    env = {
        "ZAI_API_KEY": ZAI_KEY,
        "ZAI_API_BASE": server.base + "/api/paas/v4",
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    (tmp_path / "run.py").write_text(
        "import runpy\nimport sys\n\nsys.argv = ['cli.py', 'zai/glm-5.3']\n"
        "runpy.run_path('cli.py', run_name='__main__')\n"
    )
    proc, blocked = run_guarded("run.py", tmp_path, env)
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert proc.stdout == "reply from glm-5.3\n"
    (request,) = server.requests
    assert request.body["model"] == "glm-5.3"
    assert request.headers["authorization"] == f"Bearer {ZAI_KEY}"
