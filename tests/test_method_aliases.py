"""A name bound to an SDK method (`completion = client.chat.completions.create`, as
shell_gpt makes its requests) or to a litellm function is that method at its calls: every rule
reading the direct call reads the aliased one (models mapped, parameters checked), and ML206
does not call it foreign. A name bound to different values is not followed.

Each case runs the whole migration for acme: exact text after, the findings with their fix
classes, scan's fix classes equal to what apply does, and a second run that changes nothing.
"""

from __future__ import annotations

import ast

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from .test_fix_truth import assert_fix_truth

HEAD = "from openai import OpenAI\n\nclient = OpenAI(api_key=key, base_url=url)\n"


def migrate(registry, tmp_path, text: str):
    """(after, [(line, rule, fix)]) of `apply --provider acme`; checks fix truth and that a
    second run changes nothing."""
    scanner = FileScanner(RuleContext(registry, registry.get("acme")), tmp_path)
    change = scanner.migrate_text(text, "python", "app.py", "app.py", tmp_path / "app.py")
    assert change.error is None
    assert_fix_truth(change, text)
    ast.parse(change.after)
    again = scanner.migrate_text(change.after, "python", "app.py", "app.py", tmp_path / "app.py")
    assert again.after == change.after
    assert [f.rule for f in again.findings if f.fix.rewritten] == []
    found = [(f.line, f.rule, f.fix.value) for f in change.findings if f.rule != "ML003"]
    return change.after, found


def test_module_level_alias_is_the_sdk_method(registry, tmp_path):
    text = (
        f"{HEAD}completion = client.chat.completions.create\n\n\n"
        "def ask(p):\n"
        '    return completion(model="gpt-4o", messages=p, temperature=1.5, logit_bias={})\n'
    )
    after, found = migrate(registry, tmp_path, text)
    assert after == (
        f"{HEAD}completion = client.chat.completions.create\n\n\n"
        "def ask(p):\n"
        '    return completion(model="acme-large", messages=p, temperature=1.0)\n'
    )
    assert sorted(found) == [
        (8, "ML101", "none"),
        (8, "ML111", "review"),
        (8, "ML115", "review"),
        (8, "ML201", "review"),
    ]


def test_alias_messages_match_the_direct_call(registry, tmp_path):
    aliased = (
        f'{HEAD}create = client.chat.completions.create\ncreate(model="gpt-4o", messages=[])\n'
    )
    direct = f'{HEAD}client.chat.completions.create(model="gpt-4o", messages=[])\n'
    scanner = FileScanner(RuleContext(registry, registry.get("acme")), tmp_path)

    def messages(text: str) -> dict[str, str]:
        change = scanner.migrate_text(text, "python", "app.py", "app.py")
        return {f.rule: f.message for f in change.findings if f.rule != "ML003"}

    assert messages(aliased) == {
        "ML101": "chat.completions.create() (as create()) through an OpenAI client; supported "
        "by Acme Cloud",
        "ML201": "model 'gpt-4o' maps to 'acme-large' on Acme Cloud",
    }
    assert messages(direct)["ML201"] == messages(aliased)["ML201"]


ALIAS_CASES = [
    pytest.param(
        f"{HEAD}\n\ndef ask(p):\n    create = client.chat.completions.create\n"
        '    return create(model="gpt-4o-mini", messages=p)\n',
        f"{HEAD}\n\ndef ask(p):\n    create = client.chat.completions.create\n"
        '    return create(model="acme-small", messages=p)\n',
        id="function-scope",
    ),
    pytest.param(
        f"{HEAD}\n\nclass Bot:\n    def __init__(self):\n"
        "        self.complete = client.chat.completions.create\n\n"
        '    def ask(self, p):\n        return self.complete(model="gpt-4o", messages=p)\n',
        f"{HEAD}\n\nclass Bot:\n    def __init__(self):\n"
        "        self.complete = client.chat.completions.create\n\n"
        '    def ask(self, p):\n        return self.complete(model="acme-large", messages=p)\n',
        id="self-attribute",
    ),
    pytest.param(
        "import openai\n\nembed = openai.embeddings.create\n"
        'vectors = embed(model="text-embedding-3-small", input=["a"])\n',
        # a program's module-level client, configured for the provider (ML102)
        "import os\n\nimport openai\n\n"
        'openai.api_key = os.environ.get("ACME_API_KEY", "unset")\n'
        "openai.base_url = (\n"
        '    os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/") + "/"\n'
        ")\n\nembed = openai.embeddings.create\n"
        'vectors = embed(model="acme-embed", input=["a"])\n',
        id="v1-module-client",
    ),
    pytest.param(
        f"{HEAD}\nif fast:\n    create = client.chat.completions.create\nelse:\n"
        "    create = client.chat.completions.create\n"
        'create(model="gpt-4o", messages=[])\n',
        f"{HEAD}\nif fast:\n    create = client.chat.completions.create\nelse:\n"
        "    create = client.chat.completions.create\n"
        'create(model="acme-large", messages=[])\n',
        id="bound-twice-to-the-same-method",
    ),
]


@pytest.mark.parametrize(("before", "after"), ALIAS_CASES)
def test_aliased_calls_are_migrated(registry, tmp_path, before, after):
    migrated, found = migrate(registry, tmp_path, before)
    assert migrated == after
    rules = [(rule, fix) for _, rule, fix in found]
    assert ("ML201", "review") in rules
    assert "ML206" not in {rule for rule, _ in rules}


LEFT_CASES = [
    pytest.param(
        f"{HEAD}create = client.chat.completions.create\ncreate = print\n"
        'create(model="gpt-4o", messages=[])\n',
        id="rebound",
    ),
    pytest.param(
        f"{HEAD}\n\nclass Bot:\n    def __init__(self, other):\n"
        "        self.complete = client.chat.completions.create\n"
        "        if other:\n            self.complete = other.create\n\n"
        '    def ask(self):\n        return self.complete(model="gpt-4o", messages=[])\n',
        id="self-attribute-rebound",
    ),
    pytest.param(
        f'{HEAD}\n\ndef ask(create):\n    return create(model="gpt-4o", messages=[])\n',
        id="parameter",
    ),
]


@pytest.mark.parametrize("before", LEFT_CASES)
def test_names_bound_to_other_values_are_not_followed(registry, tmp_path, before):
    after, found = migrate(registry, tmp_path, before)
    assert after == before
    assert [(rule, fix) for _, rule, fix in found] == [("ML206", "manual")]


def test_alias_through_another_endpoint_is_left_alone(registry, tmp_path):
    """A client pointed at the program's own server (ML003): its aliased method is neither
    migrated nor called foreign."""
    text = (
        'from openai import OpenAI\n\nown = OpenAI(base_url="http://localhost:8000/v1")\n'
        'create = own.chat.completions.create\ncreate(model="gpt-4o", messages=[])\n'
    )
    after, found = migrate(registry, tmp_path, text)
    assert after == text
    assert found == []


def test_litellm_function_alias(registry, tmp_path):
    text = (
        'import litellm\n\ncompletion = litellm.completion\ncompletion(model="gpt-4o", '
        "messages=[])\n"
    )
    after, found = migrate(registry, tmp_path, text)
    assert after == (
        "import os\n\nimport litellm\n\ncompletion = litellm.completion\ncompletion(\n"
        '    model="acme/acme-large",\n'
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    messages=[],\n)\n"
    )
    assert found == [(4, "ML640", "review"), (4, "ML640", "review")]
