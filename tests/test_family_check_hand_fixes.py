"""ML205 on family checks a person made let the provider's models by (t66b: textgrad's
`get_engine`, after following the finding): an earlier branch of the same if/elif chain that
takes them, or a negated gate's `and not m.startswith(...)`, counts as fixed by hand, as an
`or` clause does, so `check` passes; a branch testing another value does not."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

CHAT = (
    "import os\n\nfrom openai import OpenAI\n\n\n"
    "def chat(name):\n"
    "    return OpenAI(\n"
    '        base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    '        api_key=os.environ["DEEPSEEK_API_KEY"],\n'
    "    ), name\n\n\n"
)
EARLIER = (
    "def get_engine(name):\n"
    '    if name.startswith("deepseek"):\n'
    "        return chat(name)\n"
    '    elif ("gpt-4" in name) or ("gpt-3.5" in name):\n'
    "        return chat(name)\n"
    '    raise ValueError(f"Engine {name} not supported")\n'
)
GATE = (
    "def get_engine(name, **kwargs):\n"
    '    if "seed" in kwargs and "gpt-4" not in name and not name.startswith("deepseek"):\n'
    '        raise ValueError(f"seed is supported only for OpenAI engines, not {name}")\n'
    "    return chat(name)\n"
)
OTHER_VALUE = (
    "def get_engine(kind, name):\n"
    '    if kind.startswith("deepseek"):\n'
    "        return chat(name)\n"
    '    elif "gpt-4" in name:\n'
    "        return chat(name)\n"
    '    raise ValueError(f"Engine {name} not supported")\n'
)
NARROW = (
    "def get_engine(name):\n"
    '    if name == "deepseek-v4-pro":\n'
    "        return chat(name)\n"
    '    elif "gpt-3.5" in name:\n'
    "        return chat(name)\n"
    '    raise ValueError(f"Engine {name} not supported")\n'
)


def run(tmp_path, monkeypatch, body, *args):
    (tmp_path / "engines.py").write_text(CHAT + body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(app, [*args, ".", "-p", "deepseek", "--format", "json"])


def ml205(result) -> list[tuple[int, str, str, str]]:
    found = json.loads(result.stdout)["findings"]
    return [
        (f["line"], f["severity"], f["fix"], f["message"]) for f in found if f["rule"] == "ML205"
    ]


@pytest.mark.parametrize("body", [EARLIER, GATE], ids=["earlier-branch", "negated-gate"])
def test_a_hand_fix_that_lets_the_models_by_passes_check(tmp_path, monkeypatch, body):
    result = run(tmp_path, monkeypatch, body, "check")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"] == []


def test_an_earlier_branch_taking_some_of_them_leaves_a_note(tmp_path, monkeypatch):
    result = run(tmp_path, monkeypatch, NARROW, "scan")
    assert ml205(result) == [
        (
            16,
            "note",
            "manual",
            "'gpt-3.5' in ... is an OpenAI model-family check after a branch for "
            "'deepseek-v4-pro', which DeepSeek's models take: apply leaves it, as fixed by "
            "hand; what apply maps OpenAI's 'gpt-3.5' models to does not all take that branch "
            "('deepseek-flash'): make it take it if the program uses it",
        )
    ]
    assert run(tmp_path, monkeypatch, NARROW, "check").exit_code == 0


def test_a_branch_testing_another_value_takes_nothing(tmp_path, monkeypatch):
    result = run(tmp_path, monkeypatch, OTHER_VALUE, "check")
    assert result.exit_code == 1
    assert [(line, severity) for line, severity, _, _ in ml205(result)] == [(16, "warning")]
