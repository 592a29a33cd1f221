"""Agents SDK Agents on models that do not use the SDK's default client (ML630), and an
Agent's `output_type=` on a provider without confirmed structured outputs (ML635). Trial
t43c: `LitellmModel(...)`, `"litellm/..."`, `AnyLLMModel` and `OpenAIChatCompletionsModel(...,
openai_client=client)` Agents got an unused default client for Moonshot; `Agent(output_type=
Out)`, which sends `response_format` json_schema, got no finding while `chat.completions.parse`
got ML101's."""

from __future__ import annotations

import pytest

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied

LEFT_OUT = "set_default_openai_client() and set_default_openai_api()"
OWN = "this module's Agents run on models that do not use the SDK's default client"
TRACES = "Agent() of the OpenAI Agents SDK uploads traces to OpenAI with OPENAI_API_KEY"
KIMI = "Moonshot AI (Kimi)"
KIMI_DOCS = "https://platform.kimi.ai/docs/guide/migrating-from-openai-to-kimi"
SENDS = (
    "LitellmModel() sends the request to OpenAI; apply passes the key from MOONSHOT_API_KEY and "
    "the base URL from MOONSHOT_BASE_URL (default https://api.moonshot.cn/v1)"
)
MODEL = (
    "model={} of LitellmModel() is an OpenAI model; apply writes 'moonshot/{}' (litellm's "
    "moonshot route) for Moonshot AI (Kimi)"
)
KIMI_DOUBT = (
    f"{KIMI}'s structured_outputs support is unconfirmed (providers/moonshot.toml: json_schema "
    "claimed for kimi-k3 by one reseller only)"
)


def found(registry, text: str, provider: str | None, *rules: str) -> list[tuple]:
    """(line, rule, severity, fix, message, edits) of the findings of `rules`."""
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message, f.edit is not None)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in rules
    ]


# the models of the trial's examples (model_providers/*.py), one Agent a module
OWN_MODELS = [
    pytest.param(
        "from agents.extensions.models.litellm_model import LitellmModel\n",
        "LitellmModel(model=name, api_key=key)",
        id="litellm-model",
    ),
    pytest.param("", '"litellm/openrouter/openai/gpt-5.4-mini"', id="litellm-prefix"),
    pytest.param(
        "from agents.extensions.models.any_llm_model import AnyLLMModel\n",
        "AnyLLMModel(model=name, api_key=key)",
        id="any-llm-model",
    ),
    pytest.param("", '"any-llm/openrouter/openai/gpt-5.4-mini"', id="any-llm-prefix"),
    pytest.param(
        "from agents import OpenAIChatCompletionsModel\n",
        "OpenAIChatCompletionsModel(model=name, openai_client=client)",
        id="chat-model-on-a-client",
    ),
]


@pytest.mark.parametrize(("imports", "model"), OWN_MODELS)
def test_an_agent_on_a_model_of_its_own_gets_tracing_off_only(registry, imports, model):
    text = (
        f"from agents import Agent, Runner\n{imports}\n"
        f'agent = Agent(name="A", instructions="x", model={model})\n'
        'print(Runner.run_sync(agent, "hi").final_output)\n'
    )
    line = 3 + bool(imports)
    assert found(registry, text, "moonshot", "ML630", "ML631") == [
        (
            line,
            "ML630",
            "error",
            "review",
            f"{TRACES}; apply sets tracing off, and leaves out {LEFT_OUT}: {OWN} "
            f"(model={model} on line {line})",
            True,
        )
    ]
    imported = "from agents import Agent, Runner, set_tracing_disabled\n"
    assert applied(registry, text, "moonshot") == (
        text.replace("from agents import Agent, Runner\n", imported).replace(
            "\nagent =", "\nset_tracing_disabled(True)\n\nagent =", 1
        )
    )


@pytest.mark.parametrize(("imports", "model"), OWN_MODELS)
def test_with_tracing_already_off_it_is_a_note_and_apply_adds_nothing(registry, imports, model):
    text = (
        f"from agents import Agent, set_tracing_disabled\n{imports}\n"
        "set_tracing_disabled(disabled=True)\n"
        f'agent = Agent(name="A", instructions="x", model={model})\n'
    )
    line = 4 + bool(imports)
    assert found(registry, text, "moonshot", "ML630") == [
        (
            line,
            "ML630",
            "note",
            "none",
            "Agent() of the OpenAI Agents SDK runs on a model that does not use the SDK's "
            f"default client (model={model} on line {line}): apply leaves out {LEFT_OUT}",
            False,
        )
    ]
    assert applied(registry, text, "moonshot") == text


def test_a_model_bound_to_a_name_counts_and_the_other_agents_keep_the_setup(registry):
    own = (
        "from agents import Agent, Runner\n"
        "from agents.extensions.models.litellm_model import LitellmModel\n\n"
        'router = LitellmModel(model="openrouter/x")\n'
        'a = Agent(name="A", model=router)\n'
    )
    assert found(registry, own, "moonshot", "ML630") == [
        (
            5,
            "ML630",
            "error",
            "review",
            f"{TRACES}; apply sets tracing off, and leaves out {LEFT_OUT}: {OWN} (model=router "
            "on line 5)",
            True,
        )
    ]
    both = own + 'b = Agent(name="B", model="gpt-4o")\n'
    assert found(registry, both, "moonshot", "ML630") == [
        (
            6,
            "ML630",
            "error",
            "review",
            "Agent() of the OpenAI Agents SDK calls OpenAI's Responses API with OPENAI_API_KEY "
            "and uploads traces to OpenAI; apply sets the SDK's default client for "
            f"{KIMI} (key from MOONSHOT_API_KEY, base URL from MOONSHOT_BASE_URL, default "
            "https://api.moonshot.cn/v1), the chat completions API, and tracing off",
            True,
        )
    ]
    after = applied(registry, both, "moonshot")
    assert "set_default_openai_client(\n" in after
    assert 'set_default_openai_api("chat_completions")\nset_tracing_disabled(True)\n' in after


def test_without_a_provider_an_agent_on_its_own_model_is_reported_for_tracing(registry):
    text = 'from agents import Agent\nagent = Agent(name="A", model="litellm/anthropic/x")\n'
    assert found(registry, text, None, "ML630") == [
        (
            2,
            "ML630",
            "error",
            "manual",
            f"{TRACES}; `migrate-llm apply --provider ID` turns tracing off",
            False,
        )
    ]
    off = text + "agents.set_tracing_disabled(True)\n"
    assert found(registry, "import agents\n" + off, None, "ML630") == []


SCHEMA = (
    "import asyncio\n"
    "from pydantic import BaseModel\n"
    "from agents import Agent, Runner\n\n\n"
    "class Out(BaseModel):\n"
    "    answer: str\n\n\n"
    'agent = Agent(name="A", instructions="x", model="gpt-4o", output_type=Out)\n'
    'print(asyncio.run(Runner.run(agent, "hi")).final_output)\n'
)


def refused(name: str, doubt: str = "") -> str:
    """ML635's message where the provider's `[params] response_format` leaves out json_schema
    (`doubt`: the reason the provider's file marks its structured outputs uncertain)."""
    verdict = (
        f"{name} does not document that type (documented response_format types: text, "
        f"json_object); its file marks that uncertain ({doubt}), so the schema is not "
        "guaranteed (this Agent may be refused, or get a reply that does not follow it)"
        if doubt
        else f"{name} does not accept that type (accepted response_format types: text, "
        "json_object), whatever the schema's strictness, so this Agent fails on every run"
    )
    return (
        "output_type=Out of Agent() makes the SDK ask for structured outputs (response_format "
        f"json_schema); {verdict}: give "
        "it model_settings=ModelSettings(extra_body={'response_format': {'type': "
        "'json_object'}}), which replaces the json_schema in the request's body while the SDK "
        "still parses the reply as its output type (describe the fields in instructions=), or "
        "drop output_type=, ask for the JSON in instructions= and parse the final output "
        "yourself, by hand"
    )


def test_an_output_type_where_the_provider_takes_no_json_schema_is_an_error(registry):
    """t57b: moonshot.toml's `[params] response_format` is text and json_object, and the SDK
    sends json_schema for any output type (the loopback answers 400): an error naming the
    workarounds, before and after apply (its structured_outputs "unknown" does not make it a
    warning); the file marks that uncertain (one reseller claims json_schema for kimi-k3), so
    the message says the type is undocumented, with that reason (s58)."""
    doubt = "providers/moonshot.toml: json_schema claimed for kimi-k3 by one reseller only"
    assert found(registry, SCHEMA, "moonshot", "ML635") == [
        (10, "ML635", "error", "manual", refused(KIMI, doubt), False)
    ]
    after = applied(registry, SCHEMA, "moonshot")
    assert found(registry, after, "moonshot", "ML635") == [
        (33, "ML635", "error", "manual", refused(KIMI, doubt), False)
    ]
    zhipu = registry.get("zhipu")
    assert found(registry, SCHEMA, "zhipu", "ML635") == [
        (10, "ML635", "error", "manual", refused(zhipu.name), False)
    ]


def test_an_output_type_sending_json_mode_in_its_extra_body_is_not_reported(registry):
    given = SCHEMA.replace(
        "output_type=Out)",
        "output_type=Out,\n    model_settings=ModelSettings("
        'extra_body={"response_format": {"type": "json_object"}}),\n)',
    ).replace("import Agent, Runner", "import Agent, ModelSettings, Runner")
    assert found(registry, given, "moonshot", "ML635") == []


def test_an_output_type_where_some_models_take_json_schema_is_read_per_model(registry):
    """Qwen's structured outputs are "partial" (json_schema on the models its file lists):
    ML101's verdict, per model. gpt-4o maps to qwen4-max, listed: nothing; gpt-4o-mini maps to
    qwen-plus, not listed: an error; a model not known here: a warning asking for a test."""
    qwen = registry.get("qwen")
    assert found(registry, SCHEMA, "qwen", "ML635") == []
    mini = SCHEMA.replace('model="gpt-4o"', 'model="gpt-4o-mini"')
    assert found(registry, mini, "qwen", "ML635") == [
        (
            10,
            "ML635",
            "error",
            "manual",
            "output_type=Out of Agent() makes the SDK ask for structured outputs "
            "(response_format json_schema); qwen-plus, to which apply maps gpt-4o-mini, does "
            f"not take it ({qwen.name}'s file names the models that do: qwen4-max, "
            "qwen3.8-max), so this Agent fails on every run (HTTP 400): give it one of those "
            "models, or model_settings=ModelSettings(extra_body={'response_format': {'type': "
            "'json_object'}}) (describe the fields in instructions=), by hand",
            False,
        )
    ]
    doubt = (
        f"{qwen.name}'s structured_outputs support is partial (providers/qwen.toml: "
        + qwen.uncertain["supports.structured_outputs"]
        + ")"
    )
    unknown = SCHEMA.replace('model="gpt-4o"', "model=MODEL")
    assert found(registry, unknown, "qwen", "ML635") == [
        (
            10,
            "ML635",
            "warning",
            "manual",
            "output_type=Out of Agent() makes the SDK ask for structured outputs "
            f"(response_format json_schema); {doubt}; {qwen.name}'s file names the models "
            "that take json_schema: qwen4-max, qwen3.8-max; check that this Agent's model is "
            f"one of them, then test this Agent (see {qwen.docs})",
            False,
        )
    ]
    parse = (
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        'client.chat.completions.parse(model="gpt-4o-mini", messages=[], response_format=Out)\n'
    )
    assert [f[2:4] for f in found(registry, parse, "qwen", "ML101")] == [("error", "manual")]


def test_an_output_type_on_a_provider_without_structured_outputs_is_an_error(registry):
    minimax = registry.get("minimax")
    assert found(registry, SCHEMA, "minimax", "ML635") == [
        (
            10,
            "ML635",
            "error",
            "manual",
            "output_type=Out of Agent() makes the SDK ask for structured outputs "
            f"(response_format json_schema); {minimax.name} has no OpenAI-compatible "
            f"structured_outputs API; this Agent fails after the switch (see {minimax.docs}); "
            "azure offers it",
            False,
        )
    ]
    assert found(registry, SCHEMA, "azure", "ML635") == []
    assert found(registry, SCHEMA, "openai", "ML635") == []
    assert found(registry, SCHEMA, None, "ML635") == []


@pytest.mark.parametrize(
    ("setup", "agent", "reported"),
    [
        ("", 'Agent(name="A", output_type=str)', False),
        ("", 'Agent(name="A", output_type=None)', False),
        ("", 'Agent(name="A", output_type=list[str])', True),
        ("", 'Agent(name="A", output_type=AgentOutputSchema(Out, strict_json_schema=False))', True),
        ("", 'Agent(name="A", model="litellm/openrouter/x", output_type=Out)', False),
        (
            "from agents.extensions.models.any_llm_model import AnyLLMModel\n",
            'Agent(name="A", model=AnyLLMModel(model="openrouter/x"), output_type=Out)',
            False,
        ),
        (
            "from openai import AsyncOpenAI\nclient = AsyncOpenAI()\n",
            'Agent(name="A", model=OpenAIChatCompletionsModel("gpt-4o", client), output_type=Out)',
            True,
        ),
        (
            "from openai import AsyncOpenAI\n"
            'client = AsyncOpenAI(base_url="http://127.0.0.1:8080/v1", api_key="none")\n',
            'Agent(name="A", model=OpenAIChatCompletionsModel("m", client), output_type=Out)',
            False,
        ),
    ],
)
def test_which_output_types_and_models_reach_the_provider(registry, setup, agent, reported):
    text = (
        "from agents import Agent, AgentOutputSchema, OpenAIChatCompletionsModel\n"
        f"{setup}x = {agent}\n"
    )
    lines = [f[0] for f in found(registry, text, "moonshot", "ML635")]
    assert lines == ([2 + setup.count("\n")] if reported else [])
    if reported:
        after = applied(registry, text, "moonshot")
        assert len(found(registry, after, "moonshot", "ML635")) == 1


def test_no_output_type_finding_where_every_run_passes_its_own_provider(registry):
    text = (
        "from agents import Agent, RunConfig, Runner\n\n"
        'agent = Agent(name="A", output_type=Out)\n'
        'Runner.run_sync(agent, "hi", run_config=RunConfig(model_provider=Local()))\n'
    )
    assert found(registry, text, "moonshot", "ML635") == []
    mixed = text + 'Runner.run_sync(agent, "hi")\n'
    assert [f[:3] for f in found(registry, mixed, "moonshot", "ML635")] == [(3, "ML635", "error")]


def test_a_litellm_model_on_an_openai_model_goes_to_the_providers_route(registry):
    # t43c: litellm sends "gpt-4o" and "openai/gpt-4o" to OpenAI with OPENAI_API_KEY
    text = (
        "from agents.extensions.models.litellm_model import LitellmModel\n\n"
        'bare = LitellmModel("gpt-4o")\n'
        'routed = LitellmModel(model="openai/gpt-4o-mini", api_key=None)\n'
    )
    assert found(registry, text, "moonshot", "ML640", "ML206") == [
        (3, "ML640", "error", "review", SENDS, True),
        (3, "ML640", "error", "review", MODEL.format("'gpt-4o'", "kimi-k2.6"), True),
        (4, "ML640", "error", "review", SENDS, True),
        (4, "ML640", "error", "review", MODEL.format("'openai/gpt-4o-mini'", "kimi-k2.6"), True),
    ]
    client = (
        '    api_key=os.environ.get("MOONSHOT_API_KEY") or "unset",\n'
        '    base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
    )
    assert applied(registry, text, "moonshot") == (
        "import os\n\n"
        "from agents.extensions.models.litellm_model import LitellmModel\n\n"
        f'bare = LitellmModel(\n    "moonshot/kimi-k2.6",\n{client})\n'
        f'routed = LitellmModel(\n    model="moonshot/kimi-k2.6",\n{client})\n'
    )


def test_a_run_config_naming_a_model_uses_the_default_client(registry):
    # the run's model overrides the Agent's own and goes through the SDK's default client
    text = (
        "from agents import Agent, RunConfig, Runner\n"
        "from agents.extensions.models.litellm_model import LitellmModel\n\n"
        'agent = Agent(name="A", model=LitellmModel(model=name, api_key=key))\n'
        'Runner.run_sync(agent, "hi", run_config=RunConfig(model="gpt-4o"))\n'
    )
    assert found(registry, text, "moonshot", "ML630") == [
        (
            5,
            "ML630",
            "error",
            "review",
            "RunConfig() of the OpenAI Agents SDK calls OpenAI's Responses API with "
            "OPENAI_API_KEY and uploads traces to OpenAI; apply sets the SDK's default client "
            f"for {KIMI} (key from MOONSHOT_API_KEY, base URL from MOONSHOT_BASE_URL, default "
            "https://api.moonshot.cn/v1), the chat completions API, and tracing off",
            True,
        )
    ]
    after = applied(registry, text, "moonshot")
    assert "set_default_openai_client(\n" in after
    assert 'run_config=RunConfig(model="kimi-k2.6")' in after
    # with a provider of its own, or a model on its own client, the config leaves it unused
    for config in (
        "RunConfig(model=m, model_provider=Local())",
        "RunConfig(model=LitellmModel(m))",
    ):
        own = text.replace('RunConfig(model="gpt-4o")', config)
        assert [f[1:4] for f in found(registry, own, "moonshot", "ML630")] == [
            ("ML630", "error", "review")
        ]
        assert "set_default_openai_client" not in applied(registry, own, "moonshot")
