"""`[model_params]`: what one model does with a request parameter, and ML115, which removes it."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.errors import ProviderError
from migrate_llm.model import FixClass
from migrate_llm.registry import parse_provider
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .conftest import TINY_PROVIDER

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HEAD = "from openai import OpenAI\nc = OpenAI()\n"
REQUEST_START = "c.chat"
COMPAT = {"ML111", "ML112", "ML115"}

MINIMAL = TINY_PROVIDER


def parsed(extra: str):
    return parse_provider(tomllib.loads(MINIMAL + extra), "providers/tiny.toml")


def context(registry, provider="acme", models=None):
    target = registry.get(provider) if isinstance(provider, str) else provider
    return RuleContext(registry, target, None, dict(models or {}))


def findings(registry, text, provider="acme", models=None):
    ctx = context(registry, provider, models)
    return [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule in COMPAT]


def rows(registry, text, provider="acme", models=None):
    return [
        (f.rule, f.line, f.column, f.fix, f.message)
        for f in findings(registry, text, provider, models)
    ]


def migrated(registry, text, provider="acme", models=None):
    """The migrated text from the request on (the client line above it migrates too)."""
    ctx = context(registry, provider, models)
    after = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py").after
    return after[after.index(REQUEST_START) :]


# --- the table in provider files ---------------------------------------------------------


def test_model_params_are_read_and_shown():
    tiny = parsed('[model_params."tiny-r*"]\ntemperature = "fixed"\nn = "drop"\n')
    assert tiny.model_params == {"tiny-r*": {"temperature": "fixed", "n": "drop"}}
    assert tiny.to_json()["model_params"] == {"tiny-r*": {"temperature": "fixed", "n": "drop"}}


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        (
            'model_params = "drop"\n',
            "providers/tiny.toml: model_params: expected a table of model globs",
        ),
        (
            '[model_params."tiny r"]\ntemperature = "fixed"\n',
            "providers/tiny.toml: model_params.tiny r: 'tiny r' is not a model id or glob",
        ),
        (
            '[model_params."tiny-r"]\n',
            "providers/tiny.toml: model_params.tiny-r: expected a table such as "
            '{ temperature = "fixed" }',
        ),
        (
            '[model_params."tiny-r"]\ntemperature = "clamp"\n',
            'providers/tiny.toml: model_params.tiny-r.temperature: expected "fixed" or '
            "\"drop\", got 'clamp'",
        ),
        (
            '[model_params."tiny-r"]\nmessages = "drop"\n',
            "providers/tiny.toml: model_params.tiny-r.messages: unknown parameter (known: "
            "frequency_penalty, logit_bias, logprobs, n, parallel_tool_calls, presence_penalty, "
            "reasoning_effort, response_format, seed, service_tier, stop, stream_options, "
            "temperature, tool_choice, top_logprobs, top_p, verbosity)",
        ),
    ],
)
def test_a_malformed_table_names_the_file_and_the_key(extra, error):
    with pytest.raises(ProviderError) as failed:
        parsed(extra)
    assert str(failed.value) == error


def test_the_most_specific_entry_wins_per_parameter():
    tiny = parsed(
        '[model_params."*"]\nseed = "drop"\ntemperature = "drop"\n'
        '[model_params."tiny-r*"]\ntemperature = "fixed"\ntop_p = "fixed"\n'
        '[model_params."tiny-r1"]\ntop_p = "drop"\n'
    )
    assert tiny.model_param_facts("tiny-r1") == {
        "seed": ("drop", "*"),
        "temperature": ("fixed", "tiny-r*"),
        "top_p": ("drop", "tiny-r1"),
    }
    assert tiny.model_param_facts("tiny-small") == {
        "seed": ("drop", "*"),
        "temperature": ("drop", "*"),
    }
    # A model not known statically: only "*" holds for it.
    assert tiny.model_param_facts(None) == {"seed": ("drop", "*"), "temperature": ("drop", "*")}


# --- ML115 ---------------------------------------------------------------------------------


def test_a_fixed_temperature_is_removed_not_clamped(registry):
    text = HEAD + 'c.chat.completions.create(model="acme-think", messages=[], temperature=1.5)\n'
    assert rows(registry, text) == [
        (
            "ML115",
            3,
            60,
            FixClass.REVIEW,
            "acme-think fixes temperature on Acme Cloud: temperature= is removed "
            "(the model ignores or rejects it)",
        )
    ]
    assert migrated(registry, text) == (
        'c.chat.completions.create(model="acme-think", messages=[])\n'
    )


def test_several_parameters_of_one_call_go_and_the_rest_stays(registry):
    text = HEAD + (
        "c.chat.completions.create(\n"
        '    model="acme-think-pro",\n'
        "    temperature=0.2,\n"
        "    messages=[],\n"
        "    top_p=0.9,  # tuned by hand\n"
        "    presence_penalty=0.5\n"
        ")\n"
    )
    assert [(f.rule, f.line, f.message) for f in findings(registry, text)] == [
        (
            "ML115",
            5,
            "acme-think-pro fixes temperature on Acme Cloud: temperature= is removed "
            "(the model ignores or rejects it)",
        ),
        (
            "ML115",
            7,
            "acme-think-pro fixes top_p on Acme Cloud: top_p= is removed "
            "(the model ignores or rejects it)",
        ),
        (
            "ML115",
            8,
            "acme-think-pro does not take presence_penalty on Acme Cloud: presence_penalty= is "
            "removed (unconfirmed: one forum post)",
        ),
    ]
    after = migrated(registry, text)
    assert after == (
        'c.chat.completions.create(\n    model="acme-think-pro",\n    messages=[],\n)\n'
    )
    assert [f for f in findings(registry, HEAD + after) if f.edit is not None] == []


def test_a_model_constant_counts_as_known(registry):
    text = HEAD + (
        'MODEL = "acme-think"\n'
        "c.chat.completions.create(model=MODEL, messages=[], top_p=0.5, max_tokens=9)\n"
    )
    assert migrated(registry, text) == (
        "c.chat.completions.create(model=MODEL, messages=[], max_tokens=9)\n"
    )


def test_an_openai_model_mapped_in_the_same_run(registry):
    text = HEAD + 'c.chat.completions.create(model="o3-mini", messages=[], temperature=0)\n'
    mapped = {"o3-mini": "acme-think"}
    [finding] = findings(registry, text, models=mapped)
    assert finding.message == (
        "acme-think (mapped from o3-mini) fixes temperature on Acme Cloud: temperature= is "
        "removed (the model ignores or rejects it)"
    )
    assert finding.data == {
        "model": "acme-think",
        "model_from": "o3-mini",
        "param": "temperature",
        "fact": "fixed",
        "glob": "acme-think*",
    }
    assert migrated(registry, text, models=mapped) == (
        'c.chat.completions.create(model="acme-think", messages=[])\n'
    )
    # The provider's own table maps it the same way.
    acme = registry.get("acme")
    table = replace(acme, models={**acme.models, "o3-mini": "acme-think"})
    assert migrated(registry, text, provider=table) == (
        'c.chat.completions.create(model="acme-think", messages=[])\n'
    )


STAR = "Acme Cloud's models do not take logit_bias: logit_bias= is removed"


@pytest.mark.parametrize(
    ("model", "logit_bias_message"),
    [
        ("m", STAR),  # a variable
        ('"o3-mini"', STAR),  # an OpenAI model acme does not map
        (
            '"acme-large"',
            "acme-large does not take logit_bias on Acme Cloud: logit_bias= is removed",
        ),
        (
            '"gpt-4o"',
            "acme-large (mapped from gpt-4o) does not take logit_bias on Acme Cloud: logit_bias= "
            "is removed",
        ),
    ],
)
def test_without_a_known_matching_model_only_star_entries_apply(
    registry, model, logit_bias_message
):
    text = HEAD + f"c.chat.completions.create(model={model}, messages=[], temperature=0.5)\n"
    assert [f for f in findings(registry, text) if f.rule == "ML115"] == []
    text = HEAD + f"c.chat.completions.create(model={model}, messages=[], logit_bias={{}})\n"
    assert rows(registry, text) == [
        ("ML115", 3, 48 + len(model), FixClass.REVIEW, logit_bias_message)
    ]
    assert migrated(registry, text).endswith(", messages=[])\n")


def test_an_environment_default_fixing_a_parameter_is_left_to_a_person(registry):
    # the deployment may choose another model, so apply removes nothing; but where it sets
    # none the request sends the default's fixed temperature: a person decides
    model = 'os.environ.get("MODEL", "acme-think")'
    text = HEAD + f"c.chat.completions.create(model={model}, messages=[], temperature=0.5)\n"
    assert rows(registry, text) == [
        (
            "ML115",
            3,
            48 + len(model),
            FixClass.MANUAL,
            f"`{model}` may be acme-think or a value set elsewhere, and acme-think fixes "
            "temperature on Acme Cloud; remove temperature= by hand, or send it only to a model "
            "that takes it (the model ignores or rejects it; apply leaves it: the model is chosen "
            "at run time)",
        )
    ]
    assert migrated(registry, text) == text[text.index(REQUEST_START) :]
    text = HEAD + f"c.chat.completions.create(model={model}, messages=[], logit_bias={{}})\n"
    assert rows(registry, text) == [("ML115", 3, 48 + len(model), FixClass.REVIEW, STAR)]


def test_a_parameter_default_is_not_a_known_model_but_is_left_to_a_person(registry):
    # t48b: the default apply writes (or keeps) fixes the sampling, so every call that
    # passes no model is refused; a caller may pass another model, so apply removes nothing
    text = HEAD + (
        'def ask(model="acme-think"):\n'
        "    return c.chat.completions.create(model=model, messages=[], temperature=0.5)\n"
    )
    assert rows(registry, text) == [
        (
            "ML115",
            4,
            64,
            FixClass.MANUAL,
            "acme-think fixes temperature on Acme Cloud, and it is the default of model of "
            "ask(): remove temperature= by hand (the model ignores or rejects it; apply leaves "
            "it: a caller may pass another model)",
        )
    ]
    [finding] = findings(registry, text)
    assert finding.data["default_of"] == "model of ask()"
    assert finding.edit is None
    mapped = text.replace('"acme-think"', '"gpt-4o"')  # acme-large: fixes nothing
    assert findings(registry, mapped) == []


def test_silent_for_openai_itself_and_without_a_provider(registry):
    text = HEAD + 'c.chat.completions.create(model="acme-think", messages=[], temperature=1)\n'
    assert findings(registry, text, provider="openai") == []
    ctx = RuleContext(registry, None)
    assert [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML115"] == []


# --- the built-in data that needs it -------------------------------------------------------


def test_kimi_thinking_models_lose_their_sampling_arguments(registry):
    text = HEAD + (
        'c.chat.completions.create(model="gpt-4o", messages=[], temperature=0.3, n=1, '
        "max_tokens=100)\n"
    )
    assert migrated(registry, text, provider="moonshot") == (
        "c.chat.completions.create(\n"
        '    extra_body={"thinking": {"type": "disabled"}},\n'
        '    model="kimi-k2.6",\n'
        "    messages=[],\n"
        "    max_completion_tokens=100,\n"
        ")\n"
    )
    messages = [f.message for f in findings(registry, text, provider="moonshot")]
    assert messages[0] == (
        "kimi-k2.6 (mapped from gpt-4o) fixes temperature on Moonshot AI (Kimi): temperature= is "
        "removed (the model ignores or rejects it)"
    )


def test_moonshot_v1_keeps_its_temperature_range(registry):
    text = (
        HEAD + 'c.chat.completions.create(model="moonshot-v1-8k", messages=[], temperature=1.5)\n'
    )
    assert migrated(registry, text, provider="moonshot") == (
        'c.chat.completions.create(model="moonshot-v1-8k", messages=[], temperature=1.0)\n'
    )


def test_providers_show_lists_the_parameters_per_model(registry):
    from rich.console import Console

    from migrate_llm.report import provider_details

    console = Console(record=True, width=200)
    provider_details(registry.get("acme"), console)
    text = console.export_text()
    assert (
        "Parameters per model (removed by ML115)\n"
        "  acme-think*: temperature           fixed\n"
        "  acme-think*: top_p                 fixed\n"
        "  acme-think-pro*: presence_penalty  drop *\n"
        "  every model: logit_bias            drop\n"
    ) in text


def test_choices_asked_for_beyond_one_are_left_for_a_person(registry):
    # gpt-prompt-engineer ranks n candidates: with n= removed one came back and no round ran
    one = HEAD + 'c.chat.completions.create(model="gpt-4o-mini", messages=[], n=1)\n'
    five = HEAD + 'c.chat.completions.create(model="gpt-4o-mini", messages=[], n=count)\n'
    head = "kimi-k2.6 (mapped from gpt-4o-mini) fixes n on Moonshot AI (Kimi)"
    assert [r[1:] for r in rows(registry, one, "moonshot") if r[0] == "ML115"] == [
        (3, 61, FixClass.REVIEW, f"{head}: n= is removed (the model ignores or rejects it)")
    ]
    assert [r[1:] for r in rows(registry, five, "moonshot") if r[0] == "ML115"] == [
        (
            3,
            61,
            FixClass.MANUAL,
            f"{head}: the response holds one choice where the code asks for n=count; make that "
            "many requests by hand",
        )
    ]
    assert "n=count" in migrated(registry, five, "moonshot")


def test_a_model_parameter_every_call_fills_alike_counts_as_known(registry):
    # gpt-prompt-engineer's `get_score(model_name, ...)`, called with one OpenAI model
    text = HEAD + (
        'RANKER = "gpt-4o"\n\n\n'
        "def rank(model_name, temp):\n"
        "    return c.chat.completions.create(model=model_name, messages=[], temperature=temp)\n"
        "\n\n"
        "rank(RANKER, 0.5)\n"
        'rank(temp=0.1, model_name="gpt-4")\n'
    )
    think = {"gpt-4o": "acme-think", "gpt-4": "acme-think"}
    assert [r[:2] + r[3:] for r in rows(registry, text, "acme", think)] == [
        (
            "ML115",
            7,
            FixClass.REVIEW,
            "acme-think (mapped from gpt-4, gpt-4o) fixes temperature on Acme Cloud: "
            "temperature= is removed (the model ignores or rejects it)",
        )
    ]
    # another caller passing a computed model: some of its values known, left to a person
    # (t63a, s63); the function passed around: not known
    assert [r[:2] + r[3:] for r in rows(registry, text + "rank(pick(), 0.2)\n", "acme", think)] == [
        (
            "ML115",
            7,
            FixClass.MANUAL,
            "`model_name` may be acme-think (mapped from gpt-4, gpt-4o) or `pick()`, and "
            "acme-think fixes temperature on Acme Cloud; remove temperature= by hand, or send "
            "it only to a model that takes it (the model ignores or rejects it; apply leaves "
            "it: the model is chosen at run time)",
        )
    ]
    assert rows(registry, text + "callbacks = [rank]\n", "acme", think) == []
    # callers whose models map to two provider models: not known either
    assert rows(registry, text, "acme", {"gpt-4o": "acme-think"}) == []


def test_logit_bias_is_left_for_a_person_where_tokens_are_numbered_otherwise(registry):
    # gpt-prompt-engineer's classifier biased two OpenAI token ids, its answer words
    text = HEAD + (
        'BIAS = {"1904": 100, "3934": 100}\n'
        'c.chat.completions.create(model="gpt-4o", messages=[], logit_bias=BIAS)\n'
        'c.chat.completions.create(model="gpt-4o", messages=[], logit_bias={})\n'
    )
    expected = [
        (
            "ML111",
            4,
            67,
            FixClass.MANUAL,
            "logit_bias= holds token ids of OpenAI's tokenizer; Moonshot AI (Kimi)'s models "
            "number their tokens otherwise, so these would bias other tokens: compute them with "
            "Moonshot AI (Kimi)'s tokenizer, or remove it",
        )
    ]
    assert [r for r in rows(registry, text, "moonshot") if r[0] == "ML111"] == expected
    for same_tokenizer in ("openai", "azure"):
        assert [r for r in rows(registry, text, same_tokenizer) if r[0] == "ML111"] == []
