"""End to end with the real litellm (marker `frameworks`): ML640's advice for shell_gpt's
`completion` (litellm's function or the client's method, by `USE_LITELLM`) followed through
the shared name, each call under the test that binds it (t51j C). `check` passes (before:
ML640 on both calls and ML304 errors on litellm's), and both paths send Doubao's key and
model to the provider's URL (the loopback server)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded

pytestmark = pytest.mark.frameworks

MODEL = "doubao-seed-2-1-turbo-260628"
ARK = '"https://ark.cn-beijing.volces.com/api/v3"'
PROGRAM = (
    "import json\nimport os\n\nfrom openai import OpenAI\n\n"
    'USE_LITELLM = os.getenv("USE_LITELLM") == "true"\n'
    "completion = lambda *args, **kwargs: None\n"
    "if USE_LITELLM:\n"
    "    import litellm\n\n"
    "    completion = litellm.completion\n"
    "else:\n"
    '    client = OpenAI(api_key=os.environ["ARK_API_KEY"], '
    f'base_url=os.environ.get("ARK_BASE_URL", {ARK}))\n'
    "    completion = client.chat.completions.create\n\n\n"
    "def ask(model, q):\n"
    '    messages = [{"role": "user", "content": q}]\n'
    "    if USE_LITELLM:\n"
    "        return completion(\n"
    '            model="volcengine/" + model,\n'
    "            messages=messages,\n"
    '            api_key=os.environ["ARK_API_KEY"],\n'
    f'            api_base=os.environ.get("ARK_BASE_URL", {ARK}),\n'
    '            extra_body={"thinking": {"type": "disabled"}},\n'
    "        )\n"
    '    return completion(model=model, messages=messages, extra_body={"thinking": {"type": '
    '"disabled"}})\n\n\n'
    f'print(json.dumps(ask("{MODEL}", "hi").choices[0].message.content))\n'
)


@pytest.mark.parametrize("use_litellm", ["true", "false"])
def test_each_path_through_the_shared_name_reaches_the_provider(
    server, tmp_path, monkeypatch, use_litellm
):
    pytest.importorskip("litellm")
    (tmp_path / "app.py").write_text(PROGRAM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    check = CliRunner().invoke(app, ["check", "app.py", "--provider", "doubao"])
    assert (check.exit_code, check.stdout) == (0, "0 findings for doubao in 0 of 1 file\n")
    env = {
        "ARK_API_KEY": "test-key-ark",
        "ARK_BASE_URL": server.base + "/v1",
        "USE_LITELLM": use_litellm,
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    proc, blocked = run_guarded("app.py", tmp_path, env)
    assert blocked == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == f"reply from {MODEL}"
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer test-key-ark"
    assert (request.path, request.body["model"]) == ("/v1/chat/completions", MODEL)
    assert request.body["thinking"] == {"type": "disabled"}
