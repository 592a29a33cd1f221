"""End to end with the real litellm (marker `frameworks`): an aider user's project (t54b
defect 1). Its `.env` sets OPENAI_API_KEY and aider's model; a program shaped as aider loads
it with `load_dotenv(override=True)` and calls `litellm.completion` with no api_key. apply
writes the model on litellm's moonshot route and adds the provider's key line commented out,
so the key the environment exports still reaches Kimi; check stays red on the OpenAI key line
(ML501 error): where MOONSHOT_API_KEY is unset litellm's moonshot route sends OPENAI_API_KEY
(the loopback server records that too), and once the line is removed, as the message says,
check passes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json
from .loopback_run import run_guarded

pytestmark = pytest.mark.frameworks

ENV = "OPENAI_API_KEY=sk-proj-abc123\nAIDER_MODEL=gpt-4o\n"
PROGRAM = (
    "import json\nimport os\n\n"
    "import litellm\n"
    "from dotenv import load_dotenv\n\n"
    'load_dotenv(".env", override=True)\n'
    "reply = litellm.completion(\n"
    '    model=os.environ["AIDER_MODEL"], messages=[{"role": "user", "content": "hi"}]\n'
    ")\n"
    "print(json.dumps(reply.choices[0].message.content))\n"
)


def _check(tmp_path) -> tuple[int, list[tuple[str, int, str, str]]]:
    code, report = run_json("check", ".env", "--provider", "moonshot")
    return code, finding_rows(report, "rule", "line", "severity", "fix")


def test_the_placeholder_keeps_the_exported_key_and_check_names_the_fallback(
    server, tmp_path, monkeypatch
):
    pytest.importorskip("litellm")
    pytest.importorskip("dotenv")
    (tmp_path / ".env").write_text(ENV, encoding="utf-8")
    (tmp_path / "run.py").write_text(PROGRAM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".env", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / ".env").read_text(encoding="utf-8") == (
        "OPENAI_API_KEY=sk-proj-abc123\n# MOONSHOT_API_KEY=\nAIDER_MODEL=moonshot/kimi-k2.6\n"
    )
    assert _check(tmp_path) == (1, [("ML501", 1, "error", "manual")])
    env = {"MOONSHOT_API_BASE": server.base + "/v1", "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    # the key the environment exports is not wiped by the .env (an empty line would be)
    proc, blocked = run_guarded("run.py", tmp_path, {**env, "MOONSHOT_API_KEY": "test-key-kimi"})
    assert blocked == [] and proc.returncode == 0, proc.stderr
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer test-key-kimi"
    assert (request.path, request.body["model"]) == ("/v1/chat/completions", "kimi-k2.6")
    # what check's error is about: without MOONSHOT_API_KEY litellm sends the OpenAI key
    proc, blocked = run_guarded("run.py", tmp_path, env)
    assert blocked == [] and proc.returncode == 0, proc.stderr
    assert server.requests[-1].headers["authorization"] == "Bearer sk-proj-abc123"

    # the hand fix the message names: the OpenAI key line removed
    (tmp_path / ".env").write_text(
        "# MOONSHOT_API_KEY=\nAIDER_MODEL=moonshot/kimi-k2.6\n", encoding="utf-8"
    )
    assert _check(tmp_path) == (0, [])
    proc, blocked = run_guarded("run.py", tmp_path, {**env, "MOONSHOT_API_KEY": "test-key-kimi"})
    assert blocked == [] and proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == "reply from kimi-k2.6"
    assert server.requests[-1].headers["authorization"] == "Bearer test-key-kimi"


def test_an_empty_key_line_an_earlier_apply_wrote_leaks_the_openai_key_and_check_is_red(
    server, tmp_path, monkeypatch
):
    """The tree t54b's apply left (`MOONSHOT_API_KEY=` empty): the override wipes the exported
    key and the OpenAI key goes to Kimi; check is red on it now (it was green)."""
    pytest.importorskip("litellm")
    pytest.importorskip("dotenv")
    (tmp_path / ".env").write_text(
        "OPENAI_API_KEY=sk-proj-abc123\nMOONSHOT_API_KEY=\nAIDER_MODEL=kimi-k2.6\n",
        encoding="utf-8",
    )
    (tmp_path / "run.py").write_text(PROGRAM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _check(tmp_path) == (
        1,
        [("ML501", 1, "error", "manual"), ("ML503", 3, "error", "review")],
    )
    done = CliRunner().invoke(app, ["apply", ".env", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    env = {
        "MOONSHOT_API_KEY": "test-key-kimi",
        "MOONSHOT_API_BASE": server.base + "/v1",
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    proc, blocked = run_guarded("run.py", tmp_path, env)
    assert blocked == [] and proc.returncode == 0, proc.stderr
    assert server.requests[-1].headers["authorization"] == "Bearer sk-proj-abc123"
    assert server.requests[-1].body["model"] == "kimi-k2.6"
