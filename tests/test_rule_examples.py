"""Every rule's examples, applied: the exact `after` text, and nothing left to edit after it;
with every rule running, on them and on modules mixing OpenAI models in constants, defaults and
checks, a second apply changes nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner, migrate_text
from migrate_llm.formats import classify
from migrate_llm.rules import PYTHON_RULES, all_rules
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config
from migrate_llm.rules.python import check_python

CASES = [
    pytest.param(rule, example, id=f"{rule.code}[{i}]")
    for rule in all_rules()
    for i, example in enumerate(rule.examples)
    # a notebook rule's example is a cell: tests/test_notebooks.py runs those in a notebook
    if example.provider is not None and not example.path.endswith(".ipynb")
]


def run(rule, example, registry):
    ctx = RuleContext(registry, registry.get(example.provider))
    if rule in PYTHON_RULES:
        return check_python(example.before, ctx, (rule,))
    return check_config(example.path, example.before, ctx, rules=(rule,))


def kind_of(path: str) -> str:
    return classify(path) or "python"


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_example_applies_and_is_idempotent(registry, rule, example):
    findings = run(rule, example, registry)
    after, _ = migrate_text(example.before, kind_of(example.path), example.path, findings)
    if example.after is not None:
        assert after == example.after
    again = run(rule, replace(example, before=after), registry)
    assert [f for f in again if f.edit is not None] == []


def applied_twice(registry, provider, text, path):
    """`apply` with every rule, then again: (the first change, the second)."""
    ctx = RuleContext(registry, registry.get(provider))
    kind = kind_of(path)
    first = FileScanner(ctx, Path(".")).migrate_text(text, kind, path, path)
    second = FileScanner(ctx, Path(".")).migrate_text(first.after, kind, path, path)
    assert first.error is None and second.error is None
    return first, second


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_example_applied_with_every_rule_is_idempotent(registry, rule, example):
    # one rule's edit may change what another decides (ML204 maps a default that ML205's
    # comparison weighed): the second apply must decide as the first did
    first, second = applied_twice(registry, example.provider, example.before, example.path)
    assert second.after == first.after
    assert [f for f in second.findings if f.edit is not None] == []


# modules naming OpenAI models in constants, defaults, tables and checks together (open-
# interpreter's profiles.py and llm.py, an SDK module's constants and token budgets)
MIXED = {
    "profile-upgrade": (
        "import litellm\n\n\n"
        "def migrate_profile(profile):\n"
        '    if profile["model"] == "gpt-4":\n'
        '        profile["model"] = "gpt-4o"\n'
        '    elif profile["model"] == "gpt-4-turbo-preview":\n'
        '        profile["model"] = "gpt-4o"\n'
        "    return profile\n\n\n"
        'litellm.completion(model=migrate_profile({"model": "gpt-4-turbo-preview"})["model"], '
        "messages=[])\n"
    ),
    "profile-text": (
        "import litellm\n\n\n"
        "def apply_profile(profile, text):\n"
        '    if profile["llm"]["model"] == "gpt-4":\n'
        '        text = text.replace("gpt-4", "gpt-4o")\n'
        '        profile["llm"]["model"] = "gpt-4o"\n'
        '    elif profile["llm"]["model"] == "gpt-4-turbo-preview":\n'
        '        text = text.replace("gpt-4-turbo-preview", "gpt-4o")\n'
        '        profile["llm"]["model"] = "gpt-4o"\n'
        '    return litellm.completion(model=profile["llm"]["model"], messages=[text])\n'
    ),
    "llm-class": (
        "import os\n\nimport litellm\n\n\n"
        "class Llm:\n"
        "    def __init__(self):\n"
        '        self.model = "gpt-4o"\n'
        "        self.context_window = None\n\n"
        "    def run(self, messages):\n"
        '        if self.model in ["gpt-4o", "gpt-4o-mini"]:\n'
        '            if not os.environ.get("OPENAI_API_KEY"):\n'
        '                raise SystemExit("set OPENAI_API_KEY")\n'
        '        if self.model == "gpt-4":\n'
        "            self.context_window = 8000\n"
        '        elif self.model == "gpt-4o":\n'
        "            self.context_window = 128000\n"
        "        return litellm.completion(model=self.model, messages=messages)\n"
    ),
    "sdk-constants": (
        "import os\n\nfrom openai import OpenAI\n\n"
        "client = OpenAI()\n"
        'MODEL = "gpt-4o"\n'
        'FAST = os.getenv("FAST_MODEL", "gpt-4o-mini")\n'
        'LIMITS = {"gpt-4o": 128000, "gpt-4": 8192}\n'
        'SUPPORTED = ("gpt-4o", "gpt-4o-mini")\n\n\n'
        "def ask(prompt, model=MODEL):\n"
        "    assert model in SUPPORTED\n"
        '    budget = 8000 if model == "gpt-4" else LIMITS.get(model, 4096)\n'
        "    return client.chat.completions.create(\n"
        '        model=model, messages=[{"role": "user", "content": prompt}], max_tokens=budget\n'
        "    )\n\n\n"
        "def quick(prompt):\n"
        '    return client.chat.completions.create(model=FAST, messages=[{"role": "user", '
        '"content": prompt}])\n'
    ),
    "sdk-default-parameter": (
        "from openai import OpenAI\n\n"
        "client = OpenAI()\n"
        'REASONING = ("o1", "o3-mini")\n\n\n'
        'def ask(prompt, model="gpt-4o"):\n'
        '    extra = {} if model in REASONING else {"temperature": 0.2}\n'
        '    if model == "gpt-4-turbo":\n'
        '        extra["max_tokens"] = 4096\n'
        "    return client.chat.completions.create(model=model, messages=[], **extra)\n"
    ),
    "one-model": (
        "from openai import OpenAI\n\n"
        "client = OpenAI()\n"
        'MODEL = "gpt-4"\n\n\n'
        "def ask(prompt):\n"
        '    extra = {"max_tokens": 8000} if MODEL == "gpt-4" else {}\n'
        "    return client.chat.completions.create(model=MODEL, messages=[], **extra)\n"
    ),
    # modules calling litellm: a default and what a list or a comparison gains, on litellm's
    # route; a default litellm takes as it is, tested against the list, leaves both (ML640's)
    "litellm-checks": (
        "import litellm\n\n"
        'SUPPORTED = ["gpt-4o", "gpt-4o-mini"]\n\n\n'
        "class Agent:\n"
        "    def __init__(self):\n"
        '        self.model = "gpt-4o"\n\n'
        "    def ask(self, q):\n"
        "        if self.model not in SUPPORTED:\n"
        "            raise ValueError(self.model)\n"
        "        return litellm.completion(model=self.model, messages=q)\n"
    ),
    "litellm-comparison": (
        "import litellm\n\n\n"
        "def ask(q, model):\n"
        '    if model == "gpt-4":\n'
        "        q = q[-5:]\n"
        "    return litellm.completion(model=model, messages=q)\n"
    ),
    "litellm-tested-default": (
        "import litellm\n\n"
        'SUPPORTED = ("gpt-4o", "gpt-4o-mini")\n\n\n'
        'def ask(q, model="gpt-4o"):\n'
        "    if model not in SUPPORTED:\n"
        "        raise ValueError(model)\n"
        "    return litellm.completion(model=model, messages=q)\n"
    ),
    "framework-literal": (
        "import litellm\n\n\n"
        "def window(model):\n"
        '    if model == "gpt-4":\n'
        "        return 8000\n"
        "    return 128000\n\n\n"
        'litellm.completion(model="gpt-4o", messages=[], max_tokens=window("gpt-4o"))\n'
    ),
}


@pytest.mark.parametrize("provider", ["deepseek", "qwen", "acme"])
@pytest.mark.parametrize("name", list(MIXED))
def test_a_module_mixing_models_applied_twice_changes_nothing_the_second_time(
    registry, name, provider
):
    first, second = applied_twice(registry, provider, MIXED[name], "app.py")
    assert first.after != MIXED[name]
    assert second.after == first.after
    assert [f for f in second.findings if f.edit is not None] == []


def test_rules_with_edits_show_them_in_an_example():
    documented = {rule.code for rule in all_rules() for e in rule.examples if e.after}
    assert {"ML001", "ML002", "ML103", "ML201", "ML202", "ML401", "ML402"} <= documented
