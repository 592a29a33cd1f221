"""The fallback of a model site's own model argument (an SDK request, a litellm call, a
framework's OpenAI class) is a model setting (ML204) whatever its shape: `getattr(self,
"model", "gpt-4o")`, `m if hasattr(self, "m") else "gpt-4o"`, `m if c else "gpt-4o"` and
`m or "gpt-4o"` are mapped alike; given to a library with no rule, all four are ML206's."""

from __future__ import annotations

from pathlib import Path

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from .test_fix_truth import assert_fix_truth

TUNED = {"ML204", "ML205", "ML206"}
SENDS = "this module calls litellm, which sends a model without a provider prefix to OpenAI"
SHAPES = (
    'getattr(self, "model", "gpt-4o")',
    'self.m if hasattr(self, "m") else "gpt-4o"',
    'self.m if self.ready else "gpt-4o"',
    'self.m or "gpt-4o"',
)


def migrated(registry, text, provider="acme"):
    """(findings of TUNED as (line, rule, fix, message), text after apply); scan's fix classes
    are what apply does, and a second apply changes nothing."""
    scanner = FileScanner(RuleContext(registry, registry.get(provider)), Path("."))
    change = scanner.migrate_text(text, "python", "bot.py", "bot.py", Path("bot.py"))
    assert_fix_truth(change, text)
    again = scanner.migrate_text(change.after, "python", "bot.py", "bot.py", Path("bot.py"))
    assert again.after == change.after and not again.fixed
    found = [(f.line, f.rule, f.fix.value, f.message) for f in change.findings if f.rule in TUNED]
    return found, change.after


def _module(head: str, call: str) -> str:
    methods = "".join(
        f"\n    def ask{n}(self):\n        return {call.format(shape)}\n"
        for n, shape in enumerate(SHAPES)
    )
    return f"{head}\n\nclass Bot:{methods}"


def test_every_fallback_shape_of_a_litellm_model_gets_the_route(registry):
    text = _module("from litellm import completion\n", "completion(model={})")
    found, after = migrated(registry, text)
    assert after == text.replace('"gpt-4o"', '"acme/acme-large"')
    message = (
        "fallback of model= of completion() = 'gpt-4o' maps to 'acme/acme-large' on Acme Cloud, "
        f"on litellm's route for it: {SENDS}"
    )
    assert found == [(line, "ML204", "review", message) for line in (6, 9, 12, 15)]


def test_a_fallback_in_the_dict_a_litellm_call_is_spread_from_is_mapped_alike(registry):
    # t49a: bilingual_book_maker's litellm translator, `completion(**kwargs)` beside
    # `completion(model=...)`: the two fallbacks got different fixes
    methods = "".join(
        f"\n    def ask{n}(self):\n"
        f'        kwargs = {{"model": {shape}, "messages": []}}\n'
        "        return completion(**kwargs)\n"
        for n, shape in enumerate(SHAPES)
    )
    text = f"from litellm import completion\n\n\nclass Bot:{methods}"
    found, after = migrated(registry, text)
    assert after == text.replace('"gpt-4o"', '"acme/acme-large"')
    message = (
        "fallback of model= of completion() = 'gpt-4o' maps to 'acme/acme-large' on Acme Cloud, "
        f"on litellm's route for it: {SENDS}"
    )
    assert found == [(line, "ML204", "review", message) for line in (6, 10, 14, 18)]


def test_a_literal_spread_into_a_litellm_call_beside_its_key_names_the_route(registry):
    # ML640 leaves a call that writes its key but takes its model through `**`; the hint of
    # ML206 is what litellm takes (a bare provider model raises "LLM Provider NOT provided")
    text = (
        "from litellm import completion\n\n\n"
        "def ask(key):\n"
        '    return completion(api_key=key, **{"model": "gpt-4o", "messages": []})\n'
    )
    found, after = migrated(registry, text)
    assert after == text
    assert found == [
        (
            5,
            "ML206",
            "manual",
            "model='gpt-4o' goes to completion(), which is not an OpenAI SDK call, so apply "
            "leaves it; if it talks to Acme Cloud, use an Acme Cloud model there (the model "
            "table says 'acme-large'; litellm takes it as 'acme/acme-large')",
        )
    ]


def test_every_fallback_shape_of_an_sdk_request_is_mapped(registry):
    text = _module(
        "from openai import OpenAI\n\nclient = OpenAI()\n",
        "client.chat.completions.create(model={})",
    )
    found, after = migrated(registry, text)
    assert after.count('"acme-large"') == 4 and '"gpt-4o"' not in after
    message = (
        "fallback of model= of client.chat.completions.create() = 'gpt-4o' maps to "
        "'acme-large' on Acme Cloud"
    )
    assert found == [(line, "ML204", "review", message) for line in (8, 11, 14, 17)]


def test_a_fallback_sent_through_a_client_apply_leaves_on_azure_is_left(registry):
    text = (
        "from openai import AzureOpenAI\n\n\n"
        "def ask(q, config, key):\n"
        '    client = AzureOpenAI(api_key=key, azure_endpoint=config.url, api_version="2024-10-21")\n'
        '    return client.chat.completions.create(model=config.model or "gpt-4o", messages=q)\n'
    )
    found, after = migrated(registry, text)
    assert '"gpt-4o"' in after
    [(line, rule, fix, message)] = found
    assert (line, rule, fix) == (6, "ML204", "manual")
    assert message == (
        "fallback of model= of client.chat.completions.create() = 'gpt-4o' is sent as model= "
        "on line 6 through AzureOpenAI() on line 5, which stays on Azure OpenAI, where it names "
        "a deployment: apply leaves the model too; change them together, by hand"
    )


def test_every_fallback_shape_given_to_a_library_without_a_rule_is_ml206s(registry):
    text = _module("from llmkit import completion\n", "completion(model={}, messages=[])")
    found, after = migrated(registry, text)
    assert after == text
    message = (
        "model='gpt-4o' goes to completion(), which is not an OpenAI SDK call, so apply leaves "
        "it; if it talks to Acme Cloud, use an Acme Cloud model there (the model table says "
        "'acme-large')"
    )
    assert found == [(line, "ML206", "manual", message) for line in (6, 9, 12, 15)]


def test_a_getattr_default_stored_elsewhere_is_still_a_keyed_setting(registry):
    text = 'class Bot:\n    def setup(self):\n        self.m = getattr(self, "model", "gpt-4o")\n'
    found, after = migrated(registry, text)
    assert after == text.replace('"gpt-4o"', '"acme-large"')
    assert found == [
        (
            3,
            "ML204",
            "review",
            "setting 'model' of getattr() = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
        )
    ]
