"""Semantic Kernel's OpenAI services and agents (ML686, and ML501 on OPENAI_API_KEY in a .env
of a project that imports Semantic Kernel): exact before/after text and messages with every
rule running, what is left to a person (so `check` fails), the prefilter, and at the bottom
the migrated program run with the real semantic-kernel against the loopback server (marked
`frameworks`)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.prefilter import prefilters
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .cli_findings import finding_rows, run_json
from .framework_rewrites import applied, assert_rewrites

SERVICES = "from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion\n"
IMPORTS = "import os\n\nfrom openai import AsyncOpenAI\n"
URL = 'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
CLIENT = f'AsyncOpenAI(api_key=os.environ["ACME_API_KEY"], {URL})'
TARGET = (
    "for Acme Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL "
    "(default https://api.acme.example/v1)"
)


def found(registry, text: str, provider: str | None = "acme") -> list[tuple[int, str, str, str]]:
    """(line, rule, fix, message) of every finding on `text`."""
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return [(f.line, f.rule, f.fix.value, f.message) for f in check_python(text, ctx, PYTHON_RULES)]


CASES = [
    pytest.param(
        f"import os\n\n{SERVICES}\n\ndef make():\n"
        '    return OpenAIChatCompletion(ai_model_id="gpt-4o-mini", '
        'api_key=os.environ["OPENAI_API_KEY"], org_id="org-1")\n',
        f"{IMPORTS}{SERVICES}\n\ndef make():\n    return OpenAIChatCompletion(\n"
        "        async_client=AsyncOpenAI(\n"
        '            api_key=os.environ["ACME_API_KEY"],\n'
        f"            {URL},\n"
        "        ),\n"
        '        ai_model_id="acme-small",\n    )\n',
        id="openai-key-and-org-removed",
    ),
    pytest.param(
        "import semantic_kernel.connectors.ai.open_ai as oa\n\n\n"
        "def embedder():\n    return oa.OpenAITextEmbedding('text-embedding-3-small')\n",
        "import os\n\nimport semantic_kernel.connectors.ai.open_ai as oa\n"
        "from openai import AsyncOpenAI\n\n\n"
        "def embedder():\n    return oa.OpenAITextEmbedding(\n"
        "        'acme-embed',\n"
        "        async_client=AsyncOpenAI(\n"
        '            api_key=os.environ["ACME_API_KEY"],\n'
        f"            {URL},\n"
        "        ),\n    )\n",
        id="module-alias-positional-model",
    ),
    pytest.param(
        "from semantic_kernel.connectors.ai.open_ai.services.open_ai_chat_completion import "
        "OpenAIChatCompletion as Chat\n"
        'chat = Chat(ai_model_id="acme-large", async_client=None or make())\n',
        "from semantic_kernel.connectors.ai.open_ai.services.open_ai_chat_completion import "
        "OpenAIChatCompletion as Chat\n"
        'chat = Chat(ai_model_id="acme-large", async_client=None or make())\n',
        id="a-client-given-and-a-provider-model-left-alone",
    ),
    pytest.param(
        # the alias hid the class: ML401 alone then pointed the read at ACME_API_KEY and the
        # service sent that key to OpenAI
        "import os\n\n"
        "from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion as OAI\n\n"
        'svc = OAI(ai_model_id="gpt-4o", api_key=os.environ["OPENAI_API_KEY"])\n',
        f"{IMPORTS}"
        "from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion as OAI\n\n"
        "svc = OAI(\n"
        "    async_client=AsyncOpenAI(\n"
        '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        f"        {URL},\n"
        "    ),\n"
        '    ai_model_id="acme-large",\n)\n',
        id="a-class-imported-under-another-name",
    ),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_rewrite(registry, before, after):
    assert_rewrites(registry, before, after)


def test_the_message_and_data_of_a_rewrite(registry):
    ctx = RuleContext(registry, registry.get("deepseek"))
    text = f'{SERVICES}chat = OpenAIChatCompletion(ai_model_id="gpt-4o", service_id="chat")\n'
    # ML118 says too that deepseek-v4-pro thinks (test_thinking_of_the_service_and_its_settings)
    [finding] = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML686"]
    assert (finding.rule, finding.fix.value) == ("ML686", "review")
    assert finding.message == (
        "OpenAIChatCompletion() (Semantic Kernel) talks to OpenAI (key from OPENAI_API_KEY); "
        "apply passes async_client=AsyncOpenAI(...): for DeepSeek read the key from "
        "DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL (default "
        "https://api.deepseek.com); model 'gpt-4o' -> 'deepseek-v4-pro'"
    )
    assert finding.data == {
        "framework": "semantic_kernel",
        "class": "OpenAIChatCompletion",
        "api_key_env": "DEEPSEEK_API_KEY",
        "base_url_env": "DEEPSEEK_BASE_URL",
        "model_from": "gpt-4o",
        "model_to": "deepseek-v4-pro",
    }


MODEL_FROM_ENV = (
    "OpenAIChatCompletion() (Semantic Kernel) is given no ai_model_id: its model comes from "
    "OPENAI_CHAT_MODEL_ID (the environment or ./.env), which must name an Acme Cloud model; "
    "pass ai_model_id= to say which"
)


def test_a_service_without_a_model_gets_the_client_and_its_variable_is_left(registry):
    text = f"{SERVICES}chat = OpenAIChatCompletion()\n"
    assert found(registry, text) == [
        (
            2,
            "ML686",
            "review",
            "OpenAIChatCompletion() (Semantic Kernel) talks to OpenAI (key from OPENAI_API_KEY); "
            f"apply passes async_client=AsyncOpenAI(...): {TARGET}",
        ),
        (2, "ML686", "manual", MODEL_FROM_ENV),
    ]
    after = applied(registry, text, "acme")
    assert after == (
        f"{IMPORTS}{SERVICES}chat = OpenAIChatCompletion(\n    async_client=AsyncOpenAI(\n"
        '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        f"        {URL},\n    )\n)\n"
    )
    assert found(registry, after) == [
        (5, "ML686", "manual", MODEL_FROM_ENV),
        (6, "ML003", "none", "AsyncOpenAI() already points at Acme Cloud"),
    ]


def test_an_openai_model_beside_a_given_client_is_mapped(registry):
    text = f'{SERVICES}chat = OpenAIChatCompletion("gpt-4o", async_client=client)\n'
    assert found(registry, text) == [
        (
            2,
            "ML686",
            "review",
            "OpenAIChatCompletion() (Semantic Kernel) is given a client, but an OpenAI model; "
            "model 'gpt-4o' -> 'acme-large'",
        )
    ]
    assert applied(registry, text, "acme").endswith(
        'OpenAIChatCompletion("acme-large", async_client=client)\n'
    )


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ('os.environ["MY_LLM_KEY"]', "key from MY_LLM_KEY"),
        ('"sk-0123456789abcdefghijKLMN"', "hard-coded key sk-01…MN"),
        ("settings.llm_key", "key from `settings.llm_key`"),
    ],
)
def test_another_key_is_left_to_a_person(registry, key, shown):
    text = (
        f'import os\n{SERVICES}chat = OpenAIChatCompletion(ai_model_id="gpt-4o", api_key={key})\n'
    )
    [(line, _, fix, message)] = [f for f in found(registry, text) if f[1] == "ML686"]
    assert (line, fix) == (3, "manual")
    assert message == (
        f"OpenAIChatCompletion() (Semantic Kernel) talks to OpenAI ({shown}); apply replaces "
        f"only OPENAI_API_KEY: pass async_client={CLIENT} instead of api_key=, by hand (an "
        "OpenAI key must not go to Acme Cloud)"
    )


def test_embeddings_are_not_pointed_at_a_provider_without_them(registry):
    text = (
        "from semantic_kernel.connectors.ai.open_ai import OpenAITextEmbedding\n"
        'emb = OpenAITextEmbedding(ai_model_id="text-embedding-3-small")\n'
    )
    assert found(registry, text, "deepseek") == [
        (
            2,
            "ML686",
            "manual",
            "OpenAITextEmbedding() (Semantic Kernel) talks to OpenAI (key from OPENAI_API_KEY); "
            "DeepSeek has no OpenAI-compatible embeddings API: keep it on OpenAI or pass "
            "async_client= a client of a provider that serves embeddings, by hand",
        )
    ]


@pytest.mark.parametrize(
    ("text", "provider", "message"),
    [
        (
            "from semantic_kernel.connectors.ai.open_ai import OpenAITextToAudio\n"
            "speech = OpenAITextToAudio()\n",
            "acme",
            "OpenAITextToAudio() (Semantic Kernel) talks to OpenAI (key from OPENAI_API_KEY); "
            "apply does not rewrite it: Acme Cloud has no OpenAI-compatible audio API; keep it "
            "on OpenAI or use the provider's own API, by hand",
        ),
        (
            "from semantic_kernel.agents import OpenAIAssistantAgent\n\n\n"
            "async def main():\n"
            "    client, model = OpenAIAssistantAgent.setup_resources()\n",
            "acme",
            "OpenAIAssistantAgent.setup_resources() (Semantic Kernel) talks to OpenAI (key from "
            "OPENAI_API_KEY); it uses OpenAI's Assistants API, which Acme Cloud does not serve: "
            "use ChatCompletionAgent(service=OpenAIChatCompletion(...)) instead, which apply "
            "points at Acme Cloud",
        ),
        (
            "from semantic_kernel.agents import OpenAIResponsesAgent\n"
            'client = OpenAIResponsesAgent.create_client(ai_model_id="gpt-4o")\n',
            "deepseek",
            "OpenAIResponsesAgent.create_client() (Semantic Kernel) talks to OpenAI (key from "
            "OPENAI_API_KEY); apply does not rewrite it: build the client yourself, "
            'AsyncOpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], '
            'base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")), and '
            "pass it as client= to the agent with a DeepSeek model",
        ),
    ],
)
def test_the_classes_apply_leaves_say_what_to_do(registry, text, provider, message):
    assert [f for f in found(registry, text, provider) if f[1] == "ML686"] == [
        (text.count("\n"), "ML686", "manual", message)
    ]


def test_without_a_provider_the_message_is_neutral(registry):
    assert found(registry, f"{SERVICES}chat = OpenAIChatCompletion()\n", None) == [
        (
            2,
            "ML686",
            "manual",
            "OpenAIChatCompletion() (Semantic Kernel) talks to OpenAI (key from OPENAI_API_KEY); "
            "`migrate-llm apply --provider ID` passes it a provider's client",
        )
    ]


def test_a_module_naming_only_the_service_passes_the_prefilter(registry):
    python = prefilters(registry.openai)["python"]
    assert python.search(f"{SERVICES}chat = OpenAIChatCompletion()\n")
    assert python.search(
        "from semantic_kernel.agents import OpenAIAssistantAgent\n"
        "client = OpenAIAssistantAgent.create_client()\n"
    )
    # the Azure services and the execution settings too (102 Azure samples were skipped)
    assert python.search(f"{AZURE}chat = AzureChatCompletion()\n")
    assert python.search(f'{SETTINGS}settings = Settings(ai_model_id="gpt-4o")\n')
    assert not python.search("from semantic_kernel import Kernel\nkernel = Kernel()\n")


AZURE = (
    "from semantic_kernel.connectors.ai.open_ai import AzureChatCompletion, AzureTextEmbedding\n"
)


def test_azure_services_are_left_to_a_person(registry):
    # they build an AsyncAzureOpenAI from AZURE_OPENAI_*: before, no finding and check passed
    text = f'{AZURE}chat = AzureChatCompletion(service_id="chat")\nemb = AzureTextEmbedding()\n'
    assert found(registry, text) == [
        (
            2,
            "ML686",
            "manual",
            "AzureChatCompletion() (Semantic Kernel) talks to Azure OpenAI; apply does not "
            f"rewrite it: use OpenAIChatCompletion without the Azure settings, with "
            f"async_client={CLIENT} and ai_model_id= an Acme Cloud model, by hand",
        ),
        (
            3,
            "ML686",
            "manual",
            "AzureTextEmbedding() (Semantic Kernel) talks to Azure OpenAI; apply does not "
            f"rewrite it: use OpenAITextEmbedding without the Azure settings, with "
            f"async_client={CLIENT} and ai_model_id= an Acme Cloud model, by hand",
        ),
    ]
    assert applied(registry, text, "acme") == text
    assert found(registry, text, "deepseek")[1] == (
        3,
        "ML686",
        "manual",
        "AzureTextEmbedding() (Semantic Kernel) talks to Azure OpenAI; apply does not rewrite "
        "it: DeepSeek has no OpenAI-compatible embeddings API; keep it on Azure OpenAI or use "
        "another provider's, by hand",
    )
    # the target already: nothing to do
    assert found(registry, text, "azure") == []
    assert [f[3] for f in found(registry, text, None)] == [
        "AzureChatCompletion() (Semantic Kernel) talks to Azure OpenAI; `migrate-llm scan "
        "--provider ID` says what to use instead",
        "AzureTextEmbedding() (Semantic Kernel) talks to Azure OpenAI; `migrate-llm scan "
        "--provider ID` says what to use instead",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "from semantic_kernel.agents import AzureAssistantAgent\n"
            "client = AzureAssistantAgent.create_client()\n",
            "AzureAssistantAgent.create_client() (Semantic Kernel) talks to Azure OpenAI; it uses "
            "OpenAI's Assistants API, which DeepSeek does not serve: use "
            "ChatCompletionAgent(service=OpenAIChatCompletion(...)) instead, which apply points "
            "at DeepSeek",
        ),
        (
            "from semantic_kernel.agents import AzureResponsesAgent\n"
            "from semantic_kernel.connectors.ai.open_ai import AzureOpenAISettings\n"
            "client = AzureResponsesAgent.create_client(\n"
            "    deployment_name=AzureOpenAISettings().responses_deployment_name\n)\n",
            "AzureResponsesAgent.create_client() (Semantic Kernel) talks to Azure OpenAI; apply "
            "does not rewrite it: build the client yourself, "
            'AsyncOpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], '
            'base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")), and '
            "pass it as client= to the agent with a DeepSeek model",
        ),
        (
            "from semantic_kernel.connectors.ai.open_ai import AzureChatCompletion\n"
            'chat = AzureChatCompletion.from_dict({"service_id": "chat"})\n',
            "AzureChatCompletion.from_dict() (Semantic Kernel) talks to Azure OpenAI; apply does "
            "not rewrite it: use OpenAIChatCompletion without the Azure settings, with "
            'async_client=AsyncOpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], '
            'base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")) and '
            "ai_model_id= a DeepSeek model, by hand",
        ),
        (
            "from semantic_kernel.connectors.ai.open_ai import AzureTextToImage\n"
            "images = AzureTextToImage()\n",
            "AzureTextToImage() (Semantic Kernel) talks to Azure OpenAI; apply does not rewrite "
            "it: DeepSeek has no OpenAI-compatible images API; keep it on Azure OpenAI or use "
            "another provider's, by hand",
        ),
    ],
)
def test_azure_agents_and_other_services_say_what_to_do(registry, text, message):
    assert [f[1:] for f in found(registry, text, "deepseek")] == [("ML686", "manual", message)]


def test_an_azure_service_keeps_its_key_read_and_fails_check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bot.py").write_text(
        "import os\n\n"
        "from semantic_kernel.connectors.ai.open_ai import AzureChatCompletion\n\n"
        'chat = AzureChatCompletion(api_key=os.environ["AZURE_OPENAI_API_KEY"])\n',
        encoding="utf-8",
    )
    code, said = _check(tmp_path, "deepseek")
    assert code == 1
    assert [rule for rule, _ in said] == ["ML686", "ML401"]
    assert said[1][1].startswith("reads AZURE_OPENAI_API_KEY, Azure OpenAI's key; not switched")


def test_a_service_built_from_a_dict_is_left_and_its_model_too(registry):
    # from_dict passes no client (OpenAIChatCompletion's not even the dict's key): mapping
    # the dict's model left the service on OpenAI while check passed
    text = (
        f"{SERVICES}"
        'service = OpenAIChatCompletion.from_dict({"ai_model_id": "gpt-4o", "service_id": "c"})\n'
    )
    assert found(registry, text) == [
        (
            2,
            "ML686",
            "manual",
            "OpenAIChatCompletion.from_dict() (Semantic Kernel) talks to OpenAI; a service built "
            "from a dict is given no async_client, so apply cannot point it at Acme Cloud: "
            f"construct OpenAIChatCompletion(async_client={CLIENT}, ai_model_id=...) instead, by "
            "hand (model 'gpt-4o': the model table says 'acme-large')",
        )
    ]
    assert applied(registry, text, "acme") == text


SETTINGS = (
    "from semantic_kernel.connectors.ai.open_ai import OpenAIChatPromptExecutionSettings "
    "as Settings\n"
)


def test_execution_settings_are_checked_as_the_request_they_become(registry):
    # the service sends their fields as the request's: before, none was checked
    text = (
        f"{SERVICES}{SETTINGS}\n"
        'chat = OpenAIChatCompletion(service_id="chat", async_client=client)\n'
        "settings = Settings(\n"
        '    service_id="chat",\n'
        '    ai_model_id="gpt-4o-mini",\n'
        "    max_completion_tokens=2000,\n"
        "    number_of_responses=2,\n"
        '    tool_choice="required",\n'
        ")\n"
    )
    assert found(registry, text)[1:] == [
        (
            7,
            "ML686",
            "review",
            "Settings() (Semantic Kernel) sets the model the service sends (ai_model_id "
            "overrides the service's); model 'gpt-4o-mini' -> 'acme-small'",
        ),
        (8, "ML112", "safe", "Acme Cloud takes max_tokens=, not max_completion_tokens="),
        (
            9,
            "ML111",
            "manual",
            "number_of_responses=2 asks for more choices than Acme Cloud returns (at most 1); "
            "make several requests instead",
        ),
        (
            10,
            "ML111",
            "manual",
            'tool_choice="required" is not accepted by Acme Cloud (accepted: auto, none); use '
            '"auto" and check that the model calls a tool',
        ),
    ]
    assert applied(registry, text, "acme").endswith(
        "settings = Settings(\n"
        '    service_id="chat",\n'
        '    ai_model_id="acme-small",\n'
        "    max_tokens=2000,\n"
        "    number_of_responses=2,\n"
        '    tool_choice="required",\n'
        ")\n"
    )


def test_a_reasoning_effort_of_settings_the_provider_does_not_list(registry):
    text = (
        "from semantic_kernel.connectors.ai.open_ai import OpenAIChatPromptExecutionSettings\n"
        'settings = OpenAIChatPromptExecutionSettings(reasoning_effort="medium")\n'
    )
    assert found(registry, text, "deepseek") == [
        (
            2,
            "ML111",
            "manual",
            'reasoning_effort="medium" is not accepted by DeepSeek (accepted: low, high, max); '
            "choose one of those by hand",
        )
    ]


def test_a_parameter_the_settings_model_fixes_is_removed(registry):
    text = (
        "from semantic_kernel.connectors.ai.open_ai import OpenAIChatPromptExecutionSettings\n"
        'settings = OpenAIChatPromptExecutionSettings(ai_model_id="acme-think", '
        "temperature=0.2)\n"
    )
    assert found(registry, text) == [
        (
            2,
            "ML115",
            "review",
            "acme-think fixes temperature on Acme Cloud: temperature= is removed (the model "
            "ignores or rejects it)",
        )
    ]
    assert applied(registry, text, "acme").endswith(
        'OpenAIChatPromptExecutionSettings(ai_model_id="acme-think")\n'
    )


def test_fields_set_on_settings_by_attribute_are_checked(registry):
    """A field set after construction on settings bound once to a name is sent too: left to a
    person (a removal or a new value is theirs to make), but for the token limit's name,
    renamed where the code reads no attribute of the settings."""
    text = (
        "from semantic_kernel.connectors.ai.open_ai import OpenAIChatPromptExecutionSettings\n\n"
        'settings = OpenAIChatPromptExecutionSettings(ai_model_id="acme-think")\n'
        "settings.max_completion_tokens = 100\n"
        'settings.logit_bias = {"1": 5}\n'
        "settings.temperature = 0.3\n"
        "settings.number_of_responses = 3\n"
        "\n\ndef ask():\n"
        "    s = OpenAIChatPromptExecutionSettings()\n"
        "    s.top_p = 1.5\n"
        "    s.max_completion_tokens = 5\n"
        "    print(s.top_p)\n"
        "    return s\n"
    )
    assert found(registry, text) == [
        (4, "ML112", "safe", "Acme Cloud takes max_tokens=, not max_completion_tokens="),
        (5, "ML115", "manual", "acme-think does not take logit_bias on Acme Cloud: remove it"),
        (
            6,
            "ML115",
            "manual",
            "acme-think fixes temperature on Acme Cloud: remove it (the model ignores or "
            "rejects it)",
        ),
        (
            7,
            "ML111",
            "manual",
            "number_of_responses=3 asks for more choices than Acme Cloud returns (at most 1); "
            "make several requests instead",
        ),
        (
            13,
            "ML112",
            "manual",
            "Acme Cloud takes max_tokens=, not max_completion_tokens=; set max_tokens instead of "
            "max_completion_tokens by hand (apply leaves it: the code reads attributes of these "
            "settings)",
        ),
    ]
    after = applied(registry, text, "acme")
    assert after == text.replace("settings.max_completion_tokens", "settings.max_tokens")
    # a value out of the provider's range, set so, is left to a person
    ranged = text.replace("s.top_p = 1.5", "s.temperature = 1.5")
    assert (
        12,
        "ML111",
        "manual",
        "temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
    ) in found(registry, ranged)


def test_the_model_of_settings_without_services_in_the_module_is_left_to_a_person(registry):
    text = f'{SETTINGS}settings = Settings(ai_model_id="gpt-3.5-turbo")\n'
    assert found(registry, text, "deepseek") == [
        (
            2,
            "ML118",
            "manual",
            "deepseek-flash thinks before it answers unless told not to, which gpt-3.5-turbo did "
            "not (replies and stream deltas carry reasoning_content, temperature is ignored, a "
            "tool loop must send the reasoning back, which Semantic Kernel's does not): if the "
            'service that runs them talks to DeepSeek, send "thinking": {"type": "disabled"} in '
            "their extra_body, by hand (which service does is not known here)",
        ),
        (
            2,
            "ML686",
            "manual",
            "Settings() (Semantic Kernel) sets the model the service sends (ai_model_id "
            "overrides the service's): model 'gpt-3.5-turbo'; if the service that runs them "
            "talks to DeepSeek, write 'deepseek-flash' there (the model table's), by hand",
        ),
    ]
    assert applied(registry, text, "deepseek") == text


def test_a_developer_instruction_role_where_the_provider_knows_only_system(registry):
    text = f'{SERVICES}chat = OpenAIChatCompletion("qwen-plus", instruction_role="developer", async_client=c)\n'
    assert found(registry, text, "qwen") == [
        (
            2,
            "ML113",
            "safe",
            'instruction_role "developer" of OpenAIChatCompletion() (Semantic Kernel) is not '
            'accepted by Alibaba Qwen (DashScope / Model Studio); use "system" (unconfirmed: one '
            "source (pi-free#45), 2026-04)",
        )
    ]
    assert applied(registry, text, "qwen").endswith('instruction_role="system", async_client=c)\n')
    # DeepSeek's file does not say
    assert found(registry, text.replace("qwen-plus", "deepseek-flash"), "deepseek") == []


# --- the service that runs the settings, thinking, the function choice (t46c D3-D5) ---------

BOTH = (
    "from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion, "
    "OpenAIChatPromptExecutionSettings\n"
)
THINKS = (
    "kimi-k2.6 thinks before it answers unless told not to, which gpt-3.5-turbo did not "
    "(replies and stream deltas carry reasoning_content, temperature is fixed at 1.0 and other "
    "values are rejected, a tool loop must send the reasoning back, which Semantic Kernel's "
    "does not)"
)
FIXES = (
    "kimi-k2.6 (mapped from gpt-3.5-turbo) fixes temperature on Moonshot AI (Kimi): "
    "temperature= is removed (the model ignores or rejects it)"
)
TIED_THINKS = (
    THINKS.replace("kimi-k2.6", "kimi-k2.6 (the model of the service these settings run on)")
    + ': apply passes extra_body={"thinking": {"type": "disabled"}}'
)


def test_settings_tied_to_a_service_by_its_id_are_checked_against_its_model(registry):
    """t46c sk2: settings naming the service's id sent temperature to kimi-k2.6, which fixes
    it, and the thinking model's tool loop failed (the reasoning is not sent back)."""
    text = (
        "from semantic_kernel import Kernel\n"
        f"{BOTH}\n"
        "kernel = Kernel()\n"
        'kernel.add_service(OpenAIChatCompletion(service_id="chat", ai_model_id="gpt-3.5-turbo"))\n'
        'settings = OpenAIChatPromptExecutionSettings(service_id="chat", max_tokens=100, '
        "temperature=0.2)\n"
    )
    assert [f for f in found(registry, text, "moonshot") if f[1] != "ML686"] == [
        (6, "ML118", "review", TIED_THINKS),
        (
            6,
            "ML112",
            "review",
            "Moonshot AI (Kimi) takes max_completion_tokens=, not max_tokens= (unconfirmed: "
            "max_tokens is marked deprecated in the API reference (read on Kimi's staging "
            "site); 'not honored' on kimi-k2.6 per a reseller's copy)",
        ),
        (6, "ML115", "review", FIXES),
    ]
    assert applied(registry, text, "moonshot").endswith(
        "settings = OpenAIChatPromptExecutionSettings(\n"
        '    extra_body={"thinking": {"type": "disabled"}},\n'
        '    service_id="chat",\n'
        "    max_completion_tokens=100,\n"
        ")\n"
    )


CHAT = 'chat = OpenAIChatCompletion(ai_model_id="gpt-3.5-turbo", service_id="chat")\n'
CHAT_NO_ID = 'chat = OpenAIChatCompletion(ai_model_id="gpt-3.5-turbo")\n'


@pytest.mark.parametrize(
    ("services", "settings_id", "tied"),
    [
        # the same string, a constant's, the same name bound once (configuring_prompts.py)
        (CHAT, '"chat"', True),
        ('ID = "chat"\n' + CHAT.replace('"chat"', "ID"), "ID", True),
        (
            'ID = "chat" if azure else "openai"\n' + CHAT.replace('"chat"', "ID"),
            "ID",
            True,
        ),
        # a service given no id is registered under its model (ML205 names the string)
        (CHAT_NO_ID, '"gpt-3.5-turbo"', True),
        # another id; an Azure service under it; a service whose id the call does not show
        (CHAT, '"other"', False),
        (CHAT + 'azure = AzureChatCompletion(service_id="azure")\n', '"azure"', False),
        (CHAT + CHAT_NO_ID.replace(")", ", **options)"), '"chat"', False),
        # settings naming no service: the module's only one (an embedder aside) runs them
        (CHAT_NO_ID, None, True),
        (
            CHAT_NO_ID + 'embedder = OpenAITextEmbedding(ai_model_id="text-embedding-3-small")\n',
            None,
            True,
        ),
        (CHAT_NO_ID + CHAT.replace("chat =", "other ="), None, False),
        (
            "from semantic_kernel.connectors.ai.ollama import OllamaChatCompletion\n" + CHAT_NO_ID,
            None,
            False,
        ),
    ],
)
def test_which_service_runs_the_settings(registry, services, settings_id, tied):
    given = f"service_id={settings_id}, " if settings_id else ""
    text = (
        "from semantic_kernel.connectors.ai.open_ai import AzureChatCompletion, "
        f"OpenAITextEmbedding\n{BOTH}{services}"
        f"settings = OpenAIChatPromptExecutionSettings({given}temperature=0.2)\n"
    )
    last = text.count("\n")
    rules = [
        (f[1], f[3])
        for f in found(registry, text, "moonshot")
        if f[0] == last and f[1] in ("ML115", "ML118")
    ]
    assert rules == ([("ML118", TIED_THINKS), ("ML115", FIXES)] if tied else [])


def test_generic_settings_tied_to_an_openai_service_are_read_as_its_own(registry):
    """`PromptExecutionSettings(...)` (parallel_function_calling.py): the OpenAI service
    converts them to its settings, whose fields take their keywords, `extra_body` included."""
    text = (
        "from semantic_kernel.connectors.ai import FunctionChoiceBehavior\n"
        "from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion\n"
        "from semantic_kernel.connectors.ai.prompt_execution_settings import "
        "PromptExecutionSettings\n\n"
        'chat = OpenAIChatCompletion(ai_model_id="gpt-3.5-turbo", service_id="open_ai")\n'
        "settings = PromptExecutionSettings(\n"
        "    temperature=0.2,\n"
        "    function_choice_behavior=FunctionChoiceBehavior.Auto(),\n"
        ")\n"
    )
    assert [f for f in found(registry, text, "moonshot") if f[1] != "ML686"] == [
        (6, "ML118", "review", TIED_THINKS),
        (7, "ML115", "review", FIXES),
    ]
    # the switch is not put before the argument ML115 removes (its whole line goes)
    assert applied(registry, text, "moonshot").endswith(
        "settings = PromptExecutionSettings(\n"
        '    extra_body={"thinking": {"type": "disabled"}},\n'
        "    function_choice_behavior=FunctionChoiceBehavior.Auto(),\n"
        ")\n"
    )
    # every argument removed, on one line: valid, if not pretty
    alone = text.replace(
        "(\n    temperature=0.2,\n    function_choice_behavior=FunctionChoiceBehavior.Auto(),\n)",
        "(temperature=0.2)",
    )
    assert applied(registry, alone, "moonshot").endswith(
        'settings = PromptExecutionSettings(extra_body={"thinking": {"type": "disabled"}}, )\n'
    )
    # naming another service: not the OpenAI one's, whose settings the module does not show
    untied = text.replace("PromptExecutionSettings(\n", 'PromptExecutionSettings(\n    "ollama",\n')
    assert [f for f in found(registry, untied, "moonshot") if f[1] != "ML686"] == [
        (5, "ML118", "manual", SERVICE_THINKS)
    ]


def test_settings_given_nothing_get_the_switch_between_their_parentheses(registry):
    # tests/frameworks_apps/semantic_kernel_app: the service called with them directly
    text = (
        f"{BOTH}\n"
        'chat = OpenAIChatCompletion(ai_model_id="gpt-3.5-turbo", service_id="chat")\n'
        "reply = chat.get_chat_message_content(history, OpenAIChatPromptExecutionSettings())\n"
    )
    assert [f for f in found(registry, text, "moonshot") if f[1] == "ML118"] == [
        (4, "ML118", "review", TIED_THINKS)
    ]
    assert applied(registry, text, "moonshot").endswith(
        "reply = chat.get_chat_message_content(\n"
        "    history,\n"
        '    OpenAIChatPromptExecutionSettings(extra_body={"thinking": {"type": "disabled"}}),\n'
        ")\n"
    )


SERVICE_THINKS = (
    THINKS + ': pass extra_body={"thinking": {"type": "disabled"}} in the execution settings it '
    "runs (no settings of this module are tied to it), by hand"
)


def test_a_service_no_settings_of_the_module_run_on_is_left_to_a_person(registry):
    """The settings it runs are built elsewhere (`kernel.get_prompt_execution_settings_from_
    service_id`, a prompt file, the kernel's default): the switch cannot be written here."""
    text = (
        f"{BOTH}\n"
        'chat = OpenAIChatCompletion(ai_model_id="gpt-3.5-turbo", service_id="chat")\n'
        'settings = kernel.get_prompt_execution_settings_from_service_id("chat")\n'
    )
    assert [f for f in found(registry, text, "moonshot") if f[1] == "ML118"] == [
        (3, "ML118", "manual", SERVICE_THINKS)
    ]
    # settings of the module tied to it carry the switch instead
    tied = text + 'own = OpenAIChatPromptExecutionSettings(service_id="chat")\n'
    assert [f for f in found(registry, tied, "moonshot") if f[1] == "ML118"] == [
        (5, "ML118", "review", TIED_THINKS)
    ]
    # a provider model written in the code keeps its default, as in a request (so after apply
    # nothing is said: the warning is for the scan before it)
    assert [
        f
        for f in found(registry, text.replace("gpt-3.5-turbo", "kimi-k2.6"), "moonshot")
        if f[1] == "ML118"
    ] == []
    # a model that does not think: nothing
    assert [f for f in found(registry, text, "qwen") if f[1] == "ML118"] == []


REQUIRED = (
    '(sent as tool_choice="required") is not accepted by Moonshot AI (Kimi) (accepted: none, '
    "auto); use FunctionChoiceBehavior.Auto() and check that the model calls a tool "
    '(unconfirmed: "required" rejected in thinking mode (measured 2026-05-20); named-function '
    "tool_choice undocumented; a reseller says kimi-k3 accepts forced tool choice)"
)


@pytest.mark.parametrize(
    ("behavior", "shown"),
    [
        ("FunctionChoiceBehavior.Required()", "FunctionChoiceBehavior.Required()"),
        (
            'FunctionChoiceBehavior.Required(filters={"included_functions": ["time-date"]})',
            "FunctionChoiceBehavior.Required(...)",
        ),
        (
            'FunctionChoiceBehavior.from_string("Required")',
            "FunctionChoiceBehavior.from_string(...)",
        ),
        (
            'FunctionChoiceBehavior.from_dict({"type": "required"})',
            "FunctionChoiceBehavior.from_dict(...)",
        ),
        ('"required"', 'function_choice_behavior="required"'),
        (
            '{"type": "required", "functions": ["time.date"]}',
            'function_choice_behavior={"type": "required", "functions": ["time.date"]}',
        ),
    ],
)
def test_a_required_function_choice_is_the_tool_choice_it_sends(registry, behavior, shown):
    """t46c sk4: SK sends FunctionChoiceBehavior.Required() as tool_choice="required", which
    Kimi refuses (function_calling_with_required_type.py)."""
    text = (
        "from semantic_kernel.connectors.ai.function_choice_behavior import "
        "FunctionChoiceBehavior\n"
        "from semantic_kernel.connectors.ai.open_ai import OpenAIChatPromptExecutionSettings\n"
        f"settings = OpenAIChatPromptExecutionSettings(function_choice_behavior={behavior})\n"
    )
    assert found(registry, text, "moonshot") == [(3, "ML111", "manual", f"{shown} {REQUIRED}")]
    assert applied(registry, text, "moonshot") == text


def test_the_function_choices_a_provider_accepts_are_not_reported(registry):
    text = (
        "from semantic_kernel.connectors.ai import FunctionChoiceBehavior\n"
        "from semantic_kernel.connectors.ai.open_ai import OpenAIChatPromptExecutionSettings\n"
        "CHOICE = FunctionChoiceBehavior.NoneInvoke()\n"
        "settings = OpenAIChatPromptExecutionSettings()\n"
        "settings.function_choice_behavior = CHOICE\n"
        "auto = OpenAIChatPromptExecutionSettings(\n"
        "    function_choice_behavior=FunctionChoiceBehavior.Auto()\n"
        ")\n"
    )
    assert found(registry, text, "moonshot") == []
    # Zhipu takes "auto" only: the constant NoneInvoke() set by attribute sends "none"
    assert found(registry, text, "zhipu") == [
        (
            5,
            "ML111",
            "manual",
            'FunctionChoiceBehavior.NoneInvoke() (constant CHOICE, sent as tool_choice="none") '
            "is not accepted by Zhipu AI (GLM) (accepted: auto)",
        )
    ]


def _check(root: Path, provider: str) -> tuple[int, list[tuple[str, str]]]:
    code, report = run_json("check", str(root), "--provider", provider)
    return code, finding_rows(report, "rule", "message")


def test_check_keeps_the_dotenv_key_semantic_kernel_reads(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text('OPENAI_API_KEY="sk-placeholder"\n', encoding="utf-8")
    program = tmp_path / "bot.py"
    program.write_text(
        f'{SERVICES}chat = OpenAIChatCompletion(ai_model_id="gpt-4o")\n', encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert (
        tmp_path / ".env"
    ).read_text() == 'OPENAI_API_KEY="sk-placeholder"\n# DEEPSEEK_API_KEY=\n'
    assert _check(tmp_path, "deepseek") == (
        1,
        [
            (
                "ML501",
                "OPENAI_API_KEY is still read by Semantic Kernel (OpenAISettings reads ./.env): "
                "a service given no async_client= sends it to OpenAI; remove it once every "
                "service is given DeepSeek's client (ML686)",
            )
        ],
    )
    (tmp_path / ".env").write_text("DEEPSEEK_API_KEY=\n", encoding="utf-8")
    assert _check(tmp_path, "deepseek") == (0, [])
    # without Semantic Kernel the superseded key is a note, which check leaves
    (tmp_path / ".env").write_text('OPENAI_API_KEY="x"\nDEEPSEEK_API_KEY=\n', encoding="utf-8")
    program.write_text("print('hi')\n", encoding="utf-8")
    assert _check(tmp_path, "deepseek") == (0, [])


# --- end to end -----------------------------------------------------------------------------


@pytest.mark.frameworks
@pytest.mark.parametrize("provider_id", ["zhipu", "qwen"])
def test_semantic_kernel_app_runs_on_the_provider(
    registry, server, tmp_path, monkeypatch, provider_id
):
    pytest.importorskip("semantic_kernel", reason="pip install semantic-kernel")
    from .test_frameworks_langchain_e2e import KEY, migrate, run

    provider = registry.get(provider_id)
    project = migrate("semantic_kernel_app", provider_id, tmp_path, monkeypatch)
    path = urlsplit(provider.base_url).path
    # the framework's own usage statistics off
    result = run(
        project,
        provider,
        server,
        registry,
        tmp_path,
        SEMANTICKERNEL_EXPERIMENTAL_GENAI_ENABLE_OTEL_DIAGNOSTICS="false",
    )
    chat_model = provider.map_model("gpt-4o-mini")
    assert result == {
        "answer": f"reply from {chat_model}",
        "vectors": 2,
    }
    sent = sorted((r.path, r.body["model"]) for r in server.requests)
    assert sent == [
        (f"{path}/chat/completions", chat_model),
        (f"{path}/embeddings", provider.map_model("text-embedding-3-small")),
    ]
    assert {r.headers["authorization"] for r in server.requests} == {f"Bearer {KEY}"}


@pytest.fixture
def thinking_server():
    from .loopback_server import LoopbackServer

    running = LoopbackServer(thinking=True).start()
    yield running
    running.stop()


@pytest.mark.frameworks
@pytest.mark.parametrize("provider_id", ["deepseek", "moonshot"])
def test_a_semantic_kernel_tool_loop_runs_on_a_model_that_thinks_by_default(
    registry, thinking_server, tmp_path, monkeypatch, provider_id
):
    """gpt-4o maps to a model that thinks unless told not to; Semantic Kernel's tool loop
    sends no reasoning back with the model's tool-call turn, which the provider then rejects
    (HTTP 400, t46c D3). apply gives the settings the service runs the switch in their
    `extra_body`, which the service passes on."""
    pytest.importorskip("semantic_kernel", reason="pip install semantic-kernel")
    from .test_frameworks_langchain_e2e import migrate, run

    provider = registry.get(provider_id)
    project = migrate("semantic_kernel_tools_app", provider_id, tmp_path, monkeypatch)
    source = (project / "assistant.py").read_text()
    switch = 'extra_body={"thinking": {"type": "disabled"}},\n'
    assert source.count(switch) == 1
    output = run(
        project,
        provider,
        thinking_server,
        registry,
        tmp_path,
        SEMANTICKERNEL_EXPERIMENTAL_GENAI_ENABLE_OTEL_DIAGNOSTICS="false",
    )
    model = provider.map_model("gpt-4o")
    assert output == {"answer": f"reply from {model}"}
    first, second = thinking_server.requests
    assert first.body["thinking"] == second.body["thinking"] == {"type": "disabled"}
    assert [m["role"] for m in second.body["messages"]] == ["user", "assistant", "tool"]
    # without the switch the second request is refused
    thinking_server.requests.clear()
    (project / "assistant.py").write_text(source.replace(switch, ""))
    with pytest.raises(AssertionError, match="must be passed back"):
        run(project, provider, thinking_server, registry, tmp_path)
    assert len(thinking_server.requests) == 2
