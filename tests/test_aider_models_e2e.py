"""End to end with the real litellm (marker `frameworks`): a program driving aider's scripting
API (t61b D1). aider is not installed here; a stand-in `aider.models.Model` written below hands
its model string to `litellm.completion` as it is, which is what aider's Model does once its
alias table is read (aider/models.py `send_completion`). What matters is what litellm receives:
the bare id an earlier apply wrote fails before any request, the routed id apply writes now
reaches the provider with its key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .cli_findings import cli, finding_rows, run_json
from .loopback_run import run_guarded

pytestmark = pytest.mark.frameworks

# our own stand-in for the package: the model goes to litellm as it is given
STAND_IN = (
    "import litellm\n\n\n"
    "class Model:\n"
    "    def __init__(self, model, weak_model=None, editor_model=None):\n"
    "        self.name = model\n\n"
    "    def send(self, text):\n"
    "        reply = litellm.completion(\n"
    '            model=self.name, messages=[{"role": "user", "content": text}]\n'
    "        )\n"
    "        return reply.choices[0].message.content\n"
)
PROGRAM = (
    "import json\nimport os\n\n"
    "from aider.models import Model\n\n"
    'MODEL_NAME = os.environ.get("AIDER_MODEL", "{model}")\n'
    'print(json.dumps(Model(MODEL_NAME).send("hi")))\n'
)


def _check() -> tuple[int, list[tuple[str, int, str]]]:
    code, report = run_json("check", "run.py", "--provider", "deepseek")
    return code, finding_rows(report, "rule", "line", "severity")


@pytest.mark.parametrize("written", ["gpt-4o", "deepseek-v4-pro"])
def test_the_model_aider_hands_to_litellm_reaches_the_provider(
    server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str
) -> None:
    """From OpenAI's model and from the bare id t61b's apply wrote (then check was green and
    litellm raised before any request)."""
    pytest.importorskip("litellm")
    stand_in = tmp_path / "lib" / "aider"
    stand_in.mkdir(parents=True)
    (stand_in / "__init__.py").write_text("", encoding="utf-8")
    (stand_in / "models.py").write_text(STAND_IN, encoding="utf-8")
    (tmp_path / "run.py").write_text(PROGRAM.format(model=written), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    env = {
        "PYTHONPATH": str(tmp_path / "lib"),
        "DEEPSEEK_API_KEY": "test-key-deepseek",
        "DEEPSEEK_API_BASE": server.base,
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    if written == "deepseek-v4-pro":
        assert _check() == (1, [("ML620", 6, "error")])
        proc, blocked = run_guarded("run.py", tmp_path, env)
        assert proc.returncode != 0 and "LLM Provider NOT provided" in proc.stderr
        assert server.requests == []
    else:
        assert _check() == (1, [("ML204", 6, "warning")])
    done = cli("apply", "run.py", "--provider", "deepseek", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "run.py").read_text(encoding="utf-8") == PROGRAM.format(
        model="deepseek/deepseek-v4-pro"
    )
    assert _check() == (0, [])
    proc, blocked = run_guarded("run.py", tmp_path, env)
    assert blocked == [] and proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == "reply from deepseek-v4-pro"
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer test-key-deepseek"
    assert (request.path, request.body["model"]) == ("/chat/completions", "deepseek-v4-pro")
