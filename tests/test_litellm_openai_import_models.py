"""ML204 at a model constant of a module that imports openai but calls no litellm itself, in
a project another module of which calls litellm (t68g: Skyvern's tests of its litellm code
import openai). Before, the import alone made the constant an OpenAI client's: apply wrote
the bare `deepseek-v4-pro`, which litellm refuses ("LLM Provider NOT provided"). Now a
bare import is no sign: where the module gives the constant to nothing it sends, it is left
with both forms, as without the import; a module that builds an OpenAI client keeps it
mapped as it was, and one that sends it to that client too."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

LIB = (
    "import litellm\n\n\n"
    "def supports_tools(params):\n"
    '    return litellm.supports_tool_choice(model=params["model"])\n\n\n'
    "def ask(params, q):\n"
    '    return litellm.completion(model=params["model"], messages=q)\n'
)
TEST = (
    "import litellm\n{extra}\n"
    "from lib import supports_tools\n\n"
    'TOOL_MODEL = "gpt-4o"\n\n\n'
    "def test_supports_tools():\n"
    '    assert supports_tools({{"model": TOOL_MODEL}})\n'
)
BOTH = (
    "constant TOOL_MODEL = 'gpt-4o' maps to 'deepseek-v4-pro' on DeepSeek, but a module of "
    "this project calls litellm, which sends a model without a provider prefix to OpenAI, "
    "and nothing here shows where this one goes: write 'deepseek/deepseek-v4-pro' where it "
    "reaches litellm, 'deepseek-v4-pro' where it reaches an OpenAI client, by hand"
)


def _apply(tmp_path, monkeypatch, test: str) -> tuple[int, list[tuple[str, str]], str]:
    (tmp_path / "lib.py").write_text(LIB, encoding="utf-8")
    (tmp_path / "test_lib.py").write_text(test, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "deepseek", "--format", "json"])
    found = json.loads(scan.stdout)["findings"]
    ml204 = [(f["fix"], f["message"]) for f in found if f["rule"] == "ML204"]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert (tmp_path / "lib.py").read_text(encoding="utf-8") == LIB
    return done.exit_code, ml204, (tmp_path / "test_lib.py").read_text(encoding="utf-8")


def test_a_bare_openai_import_leaves_the_constant_with_both_forms(tmp_path, monkeypatch):
    before = TEST.format(extra="import openai\n")
    assert _apply(tmp_path, monkeypatch, before) == (0, [("manual", BOTH)], before)


def test_without_the_import_it_is_left_the_same(tmp_path, monkeypatch):
    before = TEST.format(extra="")
    assert _apply(tmp_path, monkeypatch, before) == (0, [("manual", BOTH)], before)


def test_a_module_building_an_openai_client_keeps_it_mapped(tmp_path, monkeypatch):
    before = TEST.format(extra="from openai import OpenAI\n\nclient = OpenAI()\n")
    code, ml204, after = _apply(tmp_path, monkeypatch, before)
    assert (code, ml204) == (
        0,
        [("review", "constant TOOL_MODEL = 'gpt-4o' maps to 'deepseek-v4-pro' on DeepSeek")],
    )
    assert after == (
        "import os\n\nimport litellm\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        ")\n\nfrom lib import supports_tools\n\n"
        'TOOL_MODEL = "deepseek-v4-pro"\n\n\n'
        "def test_supports_tools():\n"
        '    assert supports_tools({"model": TOOL_MODEL})\n'
    )
