"""ML205 on a list of model-name prefixes (t64, llmware, gpt-subtrans): `CHAT_PREFIXES =
("gpt-3.5", "gpt-4", "o1")` read by `startswith` stayed red after the provider's prefix was
added as the message asked. Now a list read only as prefixes counts as accepting the provider's
models once each one the program may send through it starts with a member, and the message
names those that do not and the prefix they share."""

from __future__ import annotations

import subprocess

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.model_elsewhere import ModelElsewhere
from migrate_llm.rules.prefix_lists import shared_prefix, uncovered
from migrate_llm.rules.python import check_python

ADVICE = (
    "apply leaves it: the code tests which of them a model's name starts with; {} with none of "
    "them: add a prefix they start with ('acme-'), or change the check, by hand"
)


def ml205(registry, text: str) -> list[tuple[int, str, dict]]:
    ctx = RuleContext(registry, registry.get("acme"))
    return [
        (f.line, f.message, dict(f.data))
        for f in check_python(text, ctx, (ModelElsewhere,))
        if f.rule == "ML205"
    ]


@pytest.mark.parametrize(
    "read",
    [
        "model.startswith(PREFIXES)",
        "model.startswith(tuple(PREFIXES))",
        "any(model.lower().startswith(p) for p in PREFIXES)",
    ],
)
def test_a_prefix_list_clears_once_it_holds_the_providers_prefix(registry, read):
    text = 'PREFIXES = ("gpt-3.5", "gpt-4")\n\n\ndef ok(model):\n    return {}\n'
    found = ml205(registry, text.format(read))
    assert [(line, data) for line, _, data in found] == [(1, {"models_to": ["acme-large"]})]
    assert found[0][1].endswith(ADVICE.format("'acme-large' (from 'gpt-4') starts"))
    widened = text.replace('"gpt-4")', '"gpt-4", "acme-")')
    assert ml205(registry, widened.format(read)) == []


def test_the_modules_own_models_passing_it_count(registry):
    # gpt-4o-mini, which the module sends, passes "gpt-4" and maps to acme-small
    text = (
        'PREFIXES = ["gpt-4", "acme-large"]\n\n\ndef ask(client, model="gpt-4o-mini"):\n'
        "    for p in PREFIXES:\n        if model.startswith(p):\n"
        "            return client.chat.completions.create(model=model, messages=[])\n"
    )
    found = ml205(registry, text)
    assert [(line, data) for line, _, data in found] == [(1, {"models_to": ["acme-small"]})]
    assert "'acme-small' (from 'gpt-4o-mini') starts with none of them" in found[0][1]


def test_a_list_also_read_otherwise_keeps_the_collections_advice(registry):
    text = (
        'PREFIXES = ["gpt-4", "acme-"]\n\n\ndef ok(model, seen):\n'
        "    for p in PREFIXES:\n        seen.append(p)\n"
        "        if model.startswith(p):\n            return True\n"
    )
    found = ml205(registry, text)
    assert [line for line, _, _ in found] == [1]
    assert "starts with" not in found[0][1]


def test_prefix_helpers():
    # a name the test may read lowercased passes too
    found = uncovered(["gpt-4", "deepseek-"], ["deepseek-flash", "qwen-plus", "DeepSeek-V3"])
    assert found == ["qwen-plus"]
    assert shared_prefix(["deepseek-v4-pro", "deepseek-flash"]) == "deepseek-"
    assert shared_prefix(["Qwen/Qwen3-8B", "Qwen/QwQ-32B"]) == "Qwen/"
    assert shared_prefix(["kimi-k2.6", "moonshot-v1"]) == ""


def test_check_turns_green_once_the_advice_is_followed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    module = tmp_path / "app.py"
    module.write_text(
        "from openai import OpenAI\n\n"
        'CHAT_PREFIXES = ["gpt-3.5", "gpt-4"]\n\n\n'
        "def ask(model):\n    for prefix in CHAT_PREFIXES:\n"
        "        if model.startswith(prefix):\n"
        "            return OpenAI().chat.completions.create(model=model, messages=[])\n"
        "    raise ValueError(model)\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    done = runner.invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    red = runner.invoke(app, ["check", ".", "--provider", "deepseek"])
    assert red.exit_code == 1
    assert "add a prefix they start with ('deepseek-')" in red.stdout + red.stderr
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace('"gpt-4"]', '"gpt-4", "deepseek-"]'), encoding="utf-8")
    assert runner.invoke(app, ["check", ".", "--provider", "deepseek"]).exit_code == 0


def test_a_prefix_list_of_model_ids_only_is_widened_as_a_list(registry):
    text = 'PREFIXES = ("gpt-4", "gpt-4o")\n\n\ndef ok(model):\n    return model.startswith(PREFIXES)\n'
    ctx = RuleContext(registry, registry.get("acme"))
    found = [f for f in check_python(text, ctx, (ModelElsewhere,)) if f.rule == "ML205"]
    assert [(f.line, f.fix.value, f.edit is not None) for f in found] == [(1, "review", True)]


def test_an_attribute_list_read_as_prefixes(registry):
    # gpt-subtrans's `self.non_reasoning_models`, read by any(...startswith(m) for m in ...)
    text = (
        "class Client:\n    def __init__(self):\n"
        '        self.plain = ["gpt-3", "gpt-4"{}]\n\n'
        "    def reasoning(self, model):\n"
        "        return not any(model.startswith(m) for m in self.plain)\n"
    )
    found = ml205(registry, text.format(""))
    assert [(line, data) for line, _, data in found] == [(3, {"models_to": ["acme-large"]})]
    assert ml205(registry, text.format(', "acme-"')) == []
