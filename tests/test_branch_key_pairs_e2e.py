"""End to end with the real litellm (marker `frameworks`): RD-Agent's health check picks the
key and the base URL in branches (t67b). The loopback server stands for both hosts, told
apart by path: OpenAI's stand-in under /oai/v1 (OPENAI_API_BASE), DashScope's under
/dashscope/v1 (DASHSCOPE_BASE_URL). As apply leaves the file now, OpenAI's key goes with
OpenAI's base URL; as apply wrote it before (the base read alone moved), OpenAI's key went
to DashScope."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .test_branch_key_pairs import BRANCHES

pytestmark = pytest.mark.frameworks

PROBE = BRANCHES + "\n\nprint(probe().choices[0].message.content)\n"
# apply's output before: the base read in OpenAI's branch pointed at DashScope alone
MOVED_ALONE = PROBE.replace(
    '        key = os.getenv("OPENAI_API_KEY")\n        base = os.getenv("OPENAI_API_BASE")\n',
    '        key = os.getenv("OPENAI_API_KEY")\n'
    "        base = os.getenv(\n"
    '            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
    "        )\n",
)


def test_openais_key_stays_with_openais_base_url(server, tmp_path, monkeypatch):
    pytest.importorskip("litellm")
    (tmp_path / "probe.py").write_text(PROBE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "probe.py").read_bytes() == PROBE.encode()
    env = {
        "OPENAI_API_KEY": "sk-openai-test",
        "OPENAI_API_BASE": server.base + "/oai/v1",
        "DASHSCOPE_API_KEY": "dashscope-test-key",
        "DASHSCOPE_BASE_URL": server.base + "/dashscope/v1",
        "CHAT_MODEL": "openai/gpt-4o-mini",
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    proc, blocked = run_guarded("probe.py", tmp_path, env)
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    (request,) = server.requests
    assert (request.path, request.headers["authorization"]) == (
        "/oai/v1/chat/completions",
        "Bearer sk-openai-test",
    )
    (tmp_path / "probe.py").write_text(MOVED_ALONE, encoding="utf-8")
    proc, blocked = run_guarded("probe.py", tmp_path, env)
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    request = server.requests[-1]
    assert (request.path, request.headers["authorization"]) == (
        "/dashscope/v1/chat/completions",
        "Bearer sk-openai-test",
    )
