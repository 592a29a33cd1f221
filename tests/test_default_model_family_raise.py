"""A default model handed to the module's own function whose OpenAI family check ends in a
raise for the models failing it (t68c, chemcrow's `__init__(self, model="gpt-4-0613")` and
`_make_llm`'s `if model.startswith("gpt-4"): ... raise ValueError`): ML204 leaves the
default (manual, saying which test it fails) rather than map it alone, so the program still
builds its client after apply; ML205 says the mapped models would reach the raise. Before,
apply wrote `model="qwen4-max"` and `Bot()` raised ValueError."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .test_model_labels import migrated

QWEN = "Alibaba Qwen (DashScope / Model Studio)"

APP = (
    "from langchain_openai import ChatOpenAI\n\n\n"
    "def build(model, key):\n"
    '    if model.startswith("gpt-4"):\n'
    "        return ChatOpenAI(model_name=model, openai_api_key=key)\n"
    '    raise ValueError(f"unknown model {model}")\n\n\n'
    "class Bot:\n"
    '    def __init__(self, model="gpt-4-0613", key=None):\n'
    "        self.llm = build(model, key)\n\n\n"
    'if __name__ == "__main__":\n'
    "    Bot()\n"
    '    print("ok")\n'
)
# the client moves (ML601); the default model and the test stay as they were
AFTER = (
    "import os\n\n"
    "from langchain_openai import ChatOpenAI\n\n\n"
    "def build(model, key):\n"
    '    if model.startswith("gpt-4"):\n'
    "        return ChatOpenAI(\n"
    "            base_url=os.environ.get(\n"
    '                "DASHSCOPE_BASE_URL",\n'
    '                "https://dashscope.aliyuncs.com/compatible-mode/v1",\n'
    "            ),\n"
    "            model_name=model,\n"
    '            openai_api_key=key or os.environ.get("DASHSCOPE_API_KEY", "unset"),\n'
    "        )\n"
    '    raise ValueError(f"unknown model {model}")\n\n\n'
    "class Bot:\n"
    '    def __init__(self, model="gpt-4-0613", key=None):\n'
    "        self.llm = build(model, key)\n\n\n"
    'if __name__ == "__main__":\n'
    "    Bot()\n"
    '    print("ok")\n'
)
LEFT = (
    f"default of model = 'gpt-4-0613' maps to 'qwen4-max' on {QWEN}, but apply leaves it: "
    'passed to build() as model on line 12, where model.startswith("gpt-4") on line 5 tests '
    "it, which 'gpt-4-0613' passes and 'qwen4-max' does not, so the program would take "
    "another branch; change the test and the model together, by hand"
)
FAMILY = (
    ".startswith('gpt-4') is an OpenAI model-family check that picks the key for the models "
    "passing it (openai_api_key on line 6): what apply maps OpenAI's 'gpt-4' models to "
    "('qwen4-max', 'qwen-plus', 'qwen3-vl-plus' and 1 more) never matches it, so once mapped "
    f"they fail it and reach the raise on line 7; make it accept {QWEN}'s models "
    "(starting with 'qwen4-' or 'qwen-' or 'qwen3-') only once the key it picks for them is "
    f"{QWEN}'s (DASHSCOPE_API_KEY), not an OpenAI key, by hand"
)


def _scan(tmp_path) -> list[tuple[int, str, str, str]]:
    result = CliRunner().invoke(app, ["scan", ".", "--provider", "qwen", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)["findings"]
    return [(f["line"], f["rule"], f["fix"], f["message"]) for f in found if f["rule"] != "ML601"]


def test_scan_leaves_the_default_and_says_why(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _scan(tmp_path) == [(5, "ML205", "manual", FAMILY), (11, "ML204", "manual", LEFT)]


def test_apply_keeps_the_default_and_check_fails(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app.py").read_bytes() == AFTER.encode()
    check = CliRunner().invoke(app, ["check", ".", "--provider", "qwen", "--format", "json"])
    assert check.exit_code == 1
    rules = [(f["line"], f["rule"], f["fix"]) for f in json.loads(check.output)["findings"]]
    assert rules == [(7, "ML205", "manual"), (20, "ML204", "manual")]


def test_a_default_with_no_such_test_still_maps(registry):
    """The same hand-off without the family check: the default maps (review), as before."""
    source = APP.replace('    if model.startswith("gpt-4"):\n    ', "    ").replace(
        '    raise ValueError(f"unknown model {model}")\n', ""
    )
    found, after = migrated(registry, source, "qwen")
    assert [(line, rule, fix) for line, _c, rule, _s, fix, _m in found] == [
        (5, "ML601", "review"),
        (9, "ML204", "review"),
    ]
    assert 'def __init__(self, model="qwen4-max", key=None):\n' in after


@pytest.mark.frameworks
def test_the_program_still_builds_its_client(tmp_path, monkeypatch):
    """langchain-openai: `Bot()` builds its client after apply; as apply wrote it before
    (the default mapped alone), it raised ValueError."""
    pytest.importorskip("langchain_openai")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"]).exit_code == 0
    env = {"DASHSCOPE_API_KEY": "dashscope-test-key"}
    proc, blocked = run_guarded("app.py", tmp_path, env)
    assert (proc.returncode, proc.stdout, blocked) == (0, "ok\n", []), proc.stderr
    before = AFTER.replace('model="gpt-4-0613"', 'model="qwen4-max"')
    (tmp_path / "app.py").write_text(before, encoding="utf-8")
    proc, blocked = run_guarded("app.py", tmp_path, env)
    assert proc.returncode == 1
    assert "ValueError: unknown model qwen4-max" in proc.stderr
