"""The keys of camel calls (t53g): a key given to a call ML670 leaves on OpenAI stays OpenAI's
(D1: renamed, the provider's key went to api.openai.com), and camel's variables for any
OpenAI-compatible server are not OpenAI's (D2)."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json, write_here

KEYED = (
    "import os\n\nfrom camel.models import ModelFactory\n"
    "from camel.types import ModelPlatformType, ModelType\n\n"
    "model = ModelFactory.create(\n    model_platform=ModelPlatformType.OPENAI,\n"
    '    model_type=ModelType.GPT_4O_MINI,\n    api_key=os.getenv("OPENAI_API_KEY"),\n)\n'
)
LEFT = (
    "reads OPENAI_API_KEY, which goes to ModelFactory.create() on line 6, which apply leaves "
    "talking to OpenAI or Azure OpenAI (see its finding): given MiniMax's key (MINIMAX_API_KEY) "
    "it would send that key there; point that call at MiniMax, then read MINIMAX_API_KEY, by hand"
)


def _scan(tmp_path, monkeypatch, source: str, provider: str = "minimax"):
    write_here(tmp_path, monkeypatch, {"app.py": source})
    code, report = run_json("scan", "-p", provider)
    assert code == 0, report
    rules = ("ML401", "ML670", "ML003", "ML001")
    return finding_rows(report, "rule", "line", "fix", "message", rules=rules)


def test_a_key_given_to_camels_openai_platform_stays(tmp_path, monkeypatch):
    found = _scan(tmp_path, monkeypatch, KEYED)
    assert [f[:3] for f in found] == [("ML670", 6, "manual"), ("ML401", 9, "manual")]
    assert found[1][3] == LEFT
    done = CliRunner().invoke(app, ["apply", "-p", "minimax", "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == KEYED


def test_through_a_name_on_the_default_platform(tmp_path, monkeypatch):
    source = (
        "import os\n\nfrom camel.models import ModelFactory\n"
        "from camel.types import ModelPlatformType, ModelType\n\n"
        'key = os.environ["OPENAI_API_KEY"]\n'
        "model = ModelFactory.create(ModelPlatformType.DEFAULT, ModelType.DEFAULT, api_key=key)\n"
    )
    found = _scan(tmp_path, monkeypatch, source)
    assert [f[:3] for f in found] == [("ML401", 6, "manual"), ("ML670", 7, "manual")]


COMPATIBLE = (
    "import os\n\nfrom openai import OpenAI\n\n\nclass Embedder:\n"
    "    def __init__(self, api_key=None, url=None):\n"
    '        self._api_key = api_key or os.environ.get("OPENAI_COMPATIBILITY_API_KEY")\n'
    '        self._url = url or os.environ.get("OPENAI_COMPATIBILITY_API_BASE_URL")\n'
    "        self._client = OpenAI(api_key=self._api_key, base_url=self._url)\n"
)
ENV = (
    "OPENAI_COMPATIBILITY_API_KEY=sk-siliconflow-test\n"
    "OPENAI_COMPATIBILITY_API_BASE_URL=https://api.siliconflow.cn/v1\n"
)


def test_camels_variables_for_any_compatible_server_are_not_openais(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text(ENV, encoding="utf-8")
    found = _scan(tmp_path, monkeypatch, COMPATIBLE)
    assert [f[:3] for f in found if f[0] == "ML401"] == []
    done = CliRunner().invoke(app, ["apply", "-p", "minimax", "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.output
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert after.splitlines()[7:9] == COMPATIBLE.splitlines()[7:9]
    assert "MINIMAX_API_KEY" not in "\n".join(after.splitlines()[:9])
    assert (tmp_path / ".env").read_text(encoding="utf-8") == ENV


def test_the_next_step_names_camels_own_base_url_variable(tmp_path, monkeypatch):
    (tmp_path / "agent.py").write_text(
        'from camel.agents import ChatAgent\n\nagent = ChatAgent("Hi.")\n', encoding="utf-8"
    )
    (tmp_path / ".env").write_text("OPENAI_API_KEY=sk-abc\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "-p", "minimax", "--diff"])
    assert done.exit_code == 0, done.output
    assert done.stderr.rstrip().endswith(
        "camel's MINIMAX platform (ML670) reads its key from MINIMAX_API_KEY and its base URL "
        "from MINIMAX_API_BASE_URL (not MINIMAX_BASE_URL) where it is given neither url= nor "
        "api_key=."
    )
