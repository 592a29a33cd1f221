"""pydantic-ai picks its endpoint from a model string's prefix (ML671): `"openai:gpt-4o"` is
OpenAI's endpoint as much as its model, as PrefectHQ/marvin's settings default is. Each text
runs the whole pipeline (prefilter, every Python rule); the end-to-end test at the bottom runs
the fixed program with the real pydantic-ai (marked `frameworks`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner, migrate_text
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python
from migrate_llm.run_facts import IMPORTS_PYDANTIC_AI, SETS_JUDGE_MODEL, RunFacts, facts_of

from . import network_guard

WHY = (
    "prefix makes pydantic-ai use its OpenAIProvider, which reads OPENAI_API_KEY and "
    "OPENAI_BASE_URL, so another model name after it still goes to OpenAI"
)
ACME_PROVIDER = (
    'OpenAIProvider(base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
    'api_key=os.environ["ACME_API_KEY"])'
)
PROFILE = "OpenAIModelProfile(openai_supports_tool_choice_required=False)"
# acme's file lists tool_choice auto and none only
REASON = (
    'Acme Cloud rejects tool_choice "required", which pydantic-ai sends for a structured output'
)
ACME_TARGET = (
    "for Acme Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL "
    "(default https://api.acme.example/v1)"
)


def build(model: str, where: str = "where this string goes") -> str:
    """What the message tells a person to build for Acme Cloud."""
    return (
        f'for Acme Cloud build OpenAIChatModel("{model}", provider={ACME_PROVIDER}, '
        f"profile={PROFILE}) and pass that model {where}, by hand (profile=: {REASON})"
    )


def passes(model: str) -> str:
    """What the message says apply passes in place of a string given to Agent()."""
    return (
        f'apply passes OpenAIChatModel("{model}", provider=OpenAIProvider(base_url=..., '
        f"api_key=...), profile={PROFILE}) instead (profile=: {REASON}): {ACME_TARGET}"
    )


def scanned(registry, text: str, provider: str | None = "acme"):
    """(line, column, rule, message) of every finding on `text` as app.py."""
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []
    return [(f.line, f.column, f.rule, f.message) for f in found]


def applied(registry, text: str, provider: str = "acme") -> str:
    ctx = RuleContext(registry, registry.get(provider))
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []
    return migrate_text(text, "python", "app.py", found)[0]


SETTINGS = (
    "from pydantic import Field\n"
    "from pydantic_ai.models import KnownModelName\n"
    "from pydantic_settings import BaseSettings\n"
    "\n"
    "\n"
    "class Settings(BaseSettings):\n"
    '    agent_model: KnownModelName = Field(default="openai:gpt-4o")\n'
)


def test_a_known_model_name_setting_is_reported_not_mapped(registry):
    assert scanned(registry, SETTINGS) == [
        (
            7,
            49,
            "ML671",
            f"field Settings.agent_model = 'openai:gpt-4o': the openai: {WHY} (and a "
            f"KnownModelName field rejects other names); {build('acme-large')}",
        )
    ]
    assert applied(registry, SETTINGS) == SETTINGS  # no `"openai:acme-large"`


def test_data_and_fix_class(registry):
    ctx = RuleContext(registry, registry.get("acme"))
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", SETTINGS) or []
    assert [(f.rule, f.severity.value, f.fix.value, dict(f.data)) for f in found] == [
        (
            "ML671",
            "error",
            "manual",
            {"library": "pydantic-ai", "variables": ["OPENAI_API_KEY", "OPENAI_BASE_URL"]},
        )
    ]


def test_agent_strings_are_reported_instead_of_ml205_and_ml206(registry):
    text = (
        "from pydantic_ai import Agent\n"
        "\n"
        'writer = Agent("openai:gpt-4o")\n'
        'helper = Agent(model="openai-chat:gpt-4o-mini", instructions="Be brief.")\n'
        "\n"
        "\n"
        "def answer(question):\n"
        '    return writer.run_sync(question, model="openai-responses:gpt-4o").output\n'
    )
    assert scanned(registry, text) == [
        (
            3,
            16,
            "ML671",
            f"'openai:gpt-4o' (passed to Agent()): the openai: {WHY}; " + passes("acme-large"),
        ),
        (
            4,
            22,
            "ML671",
            f"model='openai-chat:gpt-4o-mini' given to Agent(): the openai-chat: {WHY}; "
            + passes("acme-small"),
        ),
        (
            8,
            44,
            "ML671",
            "model='openai-responses:gpt-4o' given to writer.run_sync(): the openai-responses: "
            f"{WHY}; " + build("acme-large"),
        ),
    ]


def test_a_string_given_to_agent_becomes_the_model_built_for_the_provider(registry):
    """t44a: every example Agent ran once its `openai:` string was the ML671 recipe; apply
    writes it where the string is Agent's model argument (review), with the imports. The
    key is read with a default at import time, where a missing variable would stop it."""
    text = (
        "from pydantic_ai import Agent\n"
        "\n"
        'writer = Agent("openai:gpt-4o", instructions="Be brief.")\n'
        "\n"
        "\n"
        "def helper():\n"
        '    return Agent(model="openai-chat:gpt-4o-mini")\n'
    )
    ctx = RuleContext(registry, registry.get("acme"))
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []
    assert [(f.rule, f.fix, f.data.get("model_to")) for f in found] == [
        ("ML671", FixClass.REVIEW, "acme-large"),
        ("ML671", FixClass.REVIEW, "acme-small"),
    ]
    after = applied(registry, text)
    assert after == (
        "import os\n"
        "\n"
        "from pydantic_ai import Agent\n"
        "from pydantic_ai.models.openai import OpenAIChatModel\n"
        "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n"
        "\n"
        "writer = Agent(\n"
        "    OpenAIChatModel(\n"
        '        "acme-large",\n'
        "        provider=OpenAIProvider(\n"
        '            base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '            api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        "        ),\n"
        "        profile=OpenAIModelProfile(openai_supports_tool_choice_required=False),\n"
        "    ),\n"
        '    instructions="Be brief.",\n'
        ")\n"
        "\n"
        "\n"
        "def helper():\n"
        "    return Agent(\n"
        "        model=OpenAIChatModel(\n"
        '            "acme-small",\n'
        "            provider=OpenAIProvider(\n"
        '                base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '                api_key=os.environ["ACME_API_KEY"],\n'
        "            ),\n"
        "            profile=OpenAIModelProfile(openai_supports_tool_choice_required=False),\n"
        "        )\n"
        "    )\n"
    )
    assert scanned(registry, after) == []
    assert applied(registry, after) == after


def test_a_name_or_environment_default_given_only_to_agent_is_rewritten_where_bound(registry):
    """t45d D2: pydantic-ai's examples bind the string once (`MODEL = 'openai:gpt-5.2'`,
    `model = os.getenv('PYDANTIC_AI_MODEL', 'openai:gpt-5.2')`) and give it to Agents."""
    text = (
        "import os\n\nfrom pydantic_ai import Agent\n\n"
        'model = os.getenv("PYDANTIC_AI_MODEL", "openai:gpt-4o")\n'
        "agent = Agent(model, output_type=str)\n"
        'MODEL = "openai:gpt-4o-mini"\n'
        "first = Agent(MODEL)\n"
        'second = Agent(model=MODEL, instructions="Be brief.")\n'
    )
    built = (
        "OpenAIChatModel(\n"
        '    "{model}",\n'
        "    provider=OpenAIProvider(\n"
        '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        "    ),\n"
        "    profile=OpenAIModelProfile(openai_supports_tool_choice_required=False),\n"
        ")\n"
    )
    after = applied(registry, text)
    assert after == (
        "import os\n\nfrom pydantic_ai import Agent\n"
        "from pydantic_ai.models.openai import OpenAIChatModel\n"
        "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
        'model = os.getenv("PYDANTIC_AI_MODEL") or '
        + built.format(model="acme-large")
        + "agent = Agent(model, output_type=str)\n"
        "MODEL = " + built.format(model="acme-small") + "first = Agent(MODEL)\n"
        'second = Agent(model=MODEL, instructions="Be brief.")\n'
    )
    said = [f[3].split("; ")[1] for f in scanned(registry, text)]
    assert said[0].startswith('apply makes OpenAIChatModel("acme-large", provider=')
    assert said[0].endswith(
        "the default (`os.getenv(...) or OpenAIChatModel(...)`: the variable, where set, "
        f"still picks) (profile=: {REASON}): {ACME_TARGET}"
    )
    assert said[1].startswith('apply passes OpenAIChatModel("acme-small", provider=')
    assert scanned(registry, after) == []
    assert applied(registry, after) == after


def test_an_agent_naming_native_tools_keeps_its_string_for_a_person(registry):
    """t45d D3: `capabilities=[WebSearch()]` ran on OpenAI's servers; OpenAIChatModel
    refuses WebSearchTool before any request, so the rewrite would break the program."""
    text = (
        "from pydantic_ai import Agent\nfrom pydantic_ai.capabilities import WebSearch\n\n"
        'agent = Agent("openai:gpt-4o", capabilities=[WebSearch()])\n'
    )
    (found,) = [f for f in scanned(registry, text) if f[2] == "ML671"]
    assert found[3] == (
        f"'openai:gpt-4o' (passed to Agent()): the openai: {WHY}; {build('acme-large')}; its "
        "capabilities= may name tools OpenAI's servers run (WebSearch), which OpenAIChatModel "
        "refuses and the provider does not run: use tools run locally there "
        "(WebSearch(local=...), a function tool)"
    )
    assert applied(registry, text) == text


def test_a_string_mapped_to_a_thinking_model_gets_the_switch_in_its_settings(registry):
    """t45d D1: kimi-k2.6 and deepseek-v4-pro think unless told not to, which gpt-4o did
    not; the SDK request gets the switch (ML118), so does the model built for the Agent."""
    text = 'from pydantic_ai import Agent\n\nagent = Agent("openai:gpt-4o")\n'
    for provider, model in (("deepseek", "deepseek-v4-pro"), ("moonshot", "kimi-k2.6")):
        target = registry.get(provider)
        ctx = RuleContext(registry, target)
        (found,) = FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []
        switch = target.params["thinking_off_extra_body"]
        assert (found.rule, found.fix, found.data["extra_body"]) == (
            "ML671",
            FixClass.REVIEW,
            switch,
        )
        assert f"settings=: {model} thinks before it answers unless told not to" in found.message
        after = applied(registry, text, provider)
        assert '        settings={"extra_body": {"thinking": {"type": "disabled"}}},\n' in after
        assert applied(registry, after, provider) == after
    # a reasoning model (o3) thought already: no switch
    o3 = text.replace("gpt-4o", "o3")
    assert "settings=" not in applied(registry, o3, "deepseek")


@pytest.mark.parametrize(
    "text",
    [
        # a string bound to a name used otherwise too, or not the model argument: left
        'from pydantic_ai import Agent\n\nMODEL = "openai:gpt-4o"\nagent = Agent(MODEL)\n'
        "print(MODEL)\n",
        'from pydantic_ai import Agent\n\nMODEL = "openai:gpt-4o"\nMODEL = MODEL.strip()\n'
        "agent = Agent(MODEL)\n",
        'from pydantic_ai import Agent\n\nagent = Agent(None, name="openai:gpt-4o")\n',
        # an Agent of another library
        'from pydantic_ai import models\nfrom marvin import Agent\n\nagent = Agent(model="openai:o1")\n',
    ],
)
def test_a_string_not_given_straight_to_agent_stays_manual(registry, text):
    ctx = RuleContext(registry, registry.get("acme"))
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []
    assert [(f.rule, f.fix) for f in found] == [("ML671", FixClass.MANUAL)]
    assert applied(registry, text) == text


def test_the_provider_model_after_the_prefix_still_goes_to_openai(registry):
    # what an earlier `apply` wrote (ML204 mapped the model and kept the prefix)
    text = SETTINGS.replace("openai:gpt-4o", "openai:acme-large")
    assert scanned(registry, text) == [
        (
            7,
            49,
            "ML671",
            f"field Settings.agent_model = 'openai:acme-large': the openai: {WHY} (and a "
            f"KnownModelName field rejects other names); {build('acme-large')}",
        )
    ]


def test_an_unmapped_model_names_a_placeholder(registry):
    text = 'from pydantic_ai import Agent\n\nagent = Agent("openai:o1-pro")\n'
    assert scanned(registry, text) == [
        (
            3,
            15,
            "ML671",
            f"'openai:o1-pro' (passed to Agent()): the openai: {WHY}; for Acme Cloud build "
            f"OpenAIChatModel(<an Acme Cloud model>, provider={ACME_PROVIDER}, profile={PROFILE})"
            f" and pass that model where this string goes, by hand (profile=: {REASON})",
        )
    ]


def test_a_list_of_choices_stays_ml205_without_an_openai_prefixed_suggestion(registry):
    text = (
        "from pydantic_ai import Agent\n\n"
        'CHOICES = ["openai:gpt-4o", "anthropic:claude-sonnet-4-5"]\n'
        "agent = Agent(CHOICES[0])\n"
    )
    assert scanned(registry, text) == [
        (
            3,
            12,
            "ML205",
            "'openai:gpt-4o' in a list is an OpenAI model id: code that checks models against "
            "it may reject Acme Cloud's models; add them or change the check by hand",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            'from langchain.chat_models import init_chat_model\n\nFAST_LLM = "openai:gpt-4o"\n',
            id="langchain-setting",
        ),
        pytest.param('FAST_LLM = "openai:gpt-4o-mini"\n', id="no-import"),
    ],
)
def test_without_pydantic_ai_the_prefixed_setting_is_ml204s(registry, text):
    """Not ML671's; read nowhere in the module, `openai:` would still send the mapped model
    to OpenAI through LangChain, and Acme Cloud has no route of its own: left (manual)."""
    assert [f[2] for f in scanned(registry, text)] == ["ML204"]
    assert applied(registry, text) == text


def test_no_provider_gives_a_neutral_message(registry):
    text = 'import pydantic_ai\n\nagent = pydantic_ai.Agent(model="openai:gpt-4o")\n'
    assert scanned(registry, text, None) == [
        (
            3,
            33,
            "ML671",
            f"model='openai:gpt-4o' given to pydantic_ai.Agent(): the openai: {WHY}; for another "
            'provider build OpenAIChatModel("<its model>", provider=OpenAIProvider(base_url='
            'os.environ.get("<its base URL variable>", "<its URL>"), api_key=os.environ['
            '"<its key variable>"])) and pass that model where this string goes, by hand '
            "(`migrate-llm scan --provider ID` names them)",
        )
    ]


def test_silent_when_modernising(registry):
    assert scanned(registry, SETTINGS, "openai") == []


# --- model and provider classes -------------------------------------------------------------

MODEL_CLASS = (
    "from pydantic_ai import Agent\n"
    "from pydantic_ai.models.openai import OpenAIChatModel\n"
    "\n"
    "\n"
    "def make_agent():\n"
    '    return Agent(OpenAIChatModel("gpt-4o"), output_type=str)\n'
)


def test_a_model_class_without_provider_gets_one(registry):
    assert scanned(registry, MODEL_CLASS) == [
        (
            6,
            18,
            "ML671",
            "OpenAIChatModel() without provider= uses pydantic-ai's OpenAIProvider, which reads "
            "OPENAI_API_KEY and OPENAI_BASE_URL (it goes to OpenAI); apply passes "
            f"provider=OpenAIProvider(base_url=..., api_key=...) and profile={PROFILE} "
            f"({REASON}): {ACME_TARGET}; model 'gpt-4o' -> 'acme-large'",
        )
    ]
    assert applied(registry, MODEL_CLASS) == (
        "import os\n"
        "\n"
        "from pydantic_ai import Agent\n"
        "from pydantic_ai.models.openai import OpenAIChatModel\n"
        "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n"
        "\n"
        "\n"
        "def make_agent():\n"
        "    return Agent(\n"
        "        OpenAIChatModel(\n"
        '            "acme-large",\n'
        "            provider=OpenAIProvider(\n"
        '                base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '                api_key=os.environ["ACME_API_KEY"],\n'
        "            ),\n"
        f"            profile={PROFILE},\n"
        "        ),\n"
        "        output_type=str,\n"
        "    )\n"
    )


def test_the_mapped_model_data_and_review(registry):
    ctx = RuleContext(registry, registry.get("acme"))
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", MODEL_CLASS) or []
    assert [(f.rule, f.fix.value, dict(f.data)) for f in found] == [
        (
            "ML671",
            "review",
            {
                "library": "pydantic-ai",
                "variables": ["OPENAI_API_KEY", "OPENAI_BASE_URL"],
                "model_from": "gpt-4o",
                "model_to": "acme-large",
            },
        )
    ]


def test_the_openai_provider_named_as_a_string_is_replaced(registry):
    text = (
        "from pydantic_ai.models.openai import OpenAIModel\n\n"
        'MODEL = "gpt-4o-mini"\nmodel = OpenAIModel(MODEL, provider="openai")\n'
    )
    assert [f[2:] for f in scanned(registry, text)] == [
        (
            "ML204",
            "constant MODEL = 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud",
        ),
        (
            "ML671",
            "OpenAIModel(provider='openai') uses pydantic-ai's OpenAIProvider, which reads "
            "OPENAI_API_KEY and OPENAI_BASE_URL (it goes to OpenAI); apply passes "
            f"provider=OpenAIProvider(base_url=..., api_key=...) and profile={PROFILE} "
            f"({REASON}): {ACME_TARGET}; model 'gpt-4o-mini' (constant MODEL) -> 'acme-small'",
        ),
    ]
    assert applied(registry, text) == (
        "import os\n\n"
        "from pydantic_ai.models.openai import OpenAIModel\n"
        "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
        'MODEL = "acme-small"\n'
        "model = OpenAIModel(\n"
        "    MODEL,\n"
        f"    profile={PROFILE},\n"
        "    provider=OpenAIProvider(\n"
        '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        "    ),\n"
        ")\n"
    )


def test_a_responses_model_is_left_to_a_person_when_the_provider_has_no_responses_api(
    registry,
):
    text = (
        "from pydantic_ai.models.openai import OpenAIResponsesModel\n\n"
        'model = OpenAIResponsesModel("gpt-4o")\n'
    )
    assert [f[2:] for f in scanned(registry, text)] == [
        (
            "ML671",
            "OpenAIResponsesModel() without provider= uses pydantic-ai's OpenAIProvider, which "
            "reads OPENAI_API_KEY and OPENAI_BASE_URL (it goes to OpenAI); Acme Cloud has no "
            'Responses API: build OpenAIChatModel("acme-large", provider='
            f"{ACME_PROVIDER}, profile={PROFILE}) instead, by hand (profile=: {REASON})",
        ),
        (
            "ML205",
            "'gpt-4o' (passed to OpenAIResponsesModel()) is an OpenAI model id: if it reaches "
            "a request or a model check, Acme Cloud will not know it; change it by hand",
        ),
    ]


def test_keyword_arguments_passed_as_a_mapping_may_hold_the_provider(registry):
    text = (
        "from pydantic_ai.models.openai import OpenAIChatModel\n\n\n"
        "def make(name, **options):\n    return OpenAIChatModel(name, **options)\n"
    )
    assert [f[2:] for f in scanned(registry, text)] == [
        (
            "ML671",
            "OpenAIChatModel() without provider= uses pydantic-ai's OpenAIProvider, which "
            "reads OPENAI_API_KEY and OPENAI_BASE_URL (it goes to OpenAI); unless `**` gives "
            f"one, pass provider={ACME_PROVIDER} and profile={PROFILE} ({REASON}), by hand",
        )
    ]


def test_a_bare_openai_provider_gets_the_base_url_and_key(registry):
    text = (
        "from pydantic_ai.providers.openai import OpenAIProvider\n\nprovider = OpenAIProvider()\n"
    )
    assert [f[2:] for f in scanned(registry, text)] == [
        (
            "ML671",
            "OpenAIProvider() without base_url= reads OPENAI_API_KEY and OPENAI_BASE_URL (it "
            f"goes to OpenAI); apply passes base_url= and api_key=: {ACME_TARGET}",
        )
    ]
    assert applied(registry, text) == (
        "import os\n\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
        "provider = OpenAIProvider(\n"
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        ")\n"
    )


INLINE = (
    "from pydantic_ai import Agent\n"
    "from pydantic_ai.models.openai import OpenAIChatModel\n"
    "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
    'agent = Agent(OpenAIChatModel("gpt-4o-mini", provider=OpenAIProvider()), output_type=int)\n'
)


def test_a_provider_built_in_the_model_class_gets_what_the_recipe_gives(registry):
    """The model class gets the profile where the provider rejects tool_choice "required"
    (acme lists auto and none), and its model mapped: one finding, one edit."""
    assert [f[2:] for f in scanned(registry, INLINE)] == [
        (
            "ML671",
            "OpenAIProvider() without base_url= reads OPENAI_API_KEY and OPENAI_BASE_URL (it "
            "goes to OpenAI); apply passes base_url= and api_key=, and to OpenAIChatModel() "
            f"profile={PROFILE} ({REASON}): {ACME_TARGET}; model 'gpt-4o-mini' -> 'acme-small'",
        )
    ]
    assert applied(registry, INLINE) == (
        "import os\n\n"
        "from pydantic_ai import Agent\n"
        "from pydantic_ai.models.openai import OpenAIChatModel\n"
        "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
        "agent = Agent(\n"
        "    OpenAIChatModel(\n"
        '        "acme-small",\n'
        f"        profile={PROFILE},\n"
        "        provider=OpenAIProvider(\n"
        '            base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '            api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        "        ),\n"
        "    ),\n"
        "    output_type=int,\n"
        ")\n"
    )
    again = applied(registry, applied(registry, INLINE))
    assert again == applied(registry, INLINE)


NAMED = (
    "from pydantic_ai import Agent\n"
    "from pydantic_ai.models.openai import OpenAIChatModel\n"
    "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
    "provider = OpenAIProvider()\n"
    'agent = Agent(OpenAIChatModel("gpt-4o-mini", provider=provider), output_type=int)\n'
)
PROVIDER_FINDING = (
    "ML671",
    "OpenAIProvider() without base_url= reads OPENAI_API_KEY and OPENAI_BASE_URL (it goes to "
    f"OpenAI); apply passes base_url= and api_key=: {ACME_TARGET}",
)


def test_a_named_provider_gives_its_model_class_what_the_inline_one_gets(registry):
    """The provider is pointed at Acme Cloud where it is built; the model class that names
    it gets the profile and its model mapped, as where the provider is built in the call."""
    assert [f[2:] for f in scanned(registry, NAMED)] == [
        PROVIDER_FINDING,
        (
            "ML671",
            "OpenAIChatModel(provider=provider) uses the OpenAIProvider() of line 5, which "
            f"apply points at Acme Cloud (ML671 there); apply passes profile={PROFILE} "
            f"({REASON}); model 'gpt-4o-mini' -> 'acme-small'",
        ),
    ]
    fixed = applied(registry, NAMED)
    assert fixed == (
        "import os\n\n"
        "from pydantic_ai import Agent\n"
        "from pydantic_ai.models.openai import OpenAIChatModel\n"
        "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
        "provider = OpenAIProvider(\n"
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        ")\n"
        "agent = Agent(\n"
        "    OpenAIChatModel(\n"
        '        "acme-small",\n'
        f"        profile={PROFILE},\n"
        "        provider=provider,\n"
        "    ),\n"
        "    output_type=int,\n"
        ")\n"
    )
    assert scanned(registry, fixed) == []
    assert applied(registry, fixed) == fixed


@pytest.mark.parametrize(
    ("text", "subject", "model"),
    [
        pytest.param(
            "from pydantic_ai.models.openai import OpenAIChatModel\n"
            "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
            "PROVIDER = OpenAIProvider()\n\n\n"
            "def make():\n"
            '    return OpenAIChatModel("gpt-4o", provider=PROVIDER)\n',
            "OpenAIChatModel(provider=PROVIDER) uses the OpenAIProvider() of line 4",
            "    return OpenAIChatModel(\n"
            '        "acme-large",\n'
            f"        profile={PROFILE},\n"
            "        provider=PROVIDER,\n"
            "    )\n",
            id="module-constant",
        ),
        pytest.param(
            "from pydantic_ai.models.openai import OpenAIChatModel\n"
            "from pydantic_ai.providers.openai import OpenAIProvider\n\n\n"
            "class Bot:\n"
            "    def __init__(self):\n"
            "        self.provider = OpenAIProvider()\n\n"
            "    def model(self):\n"
            '        return OpenAIChatModel("gpt-4o", provider=self.provider)\n',
            "OpenAIChatModel(provider=self.provider) uses the OpenAIProvider() of line 7",
            "        return OpenAIChatModel(\n"
            '            "acme-large",\n'
            f"            profile={PROFILE},\n"
            "            provider=self.provider,\n"
            "        )\n",
            id="self-attribute",
        ),
    ],
)
def test_a_provider_named_by_a_constant_or_self_attribute(registry, text, subject, model):
    assert [f[2:] for f in scanned(registry, text)][1:] == [
        (
            "ML671",
            f"{subject}, which apply points at Acme Cloud (ML671 there); apply passes "
            f"profile={PROFILE} ({REASON}); model 'gpt-4o' -> 'acme-large'",
        )
    ]
    fixed = applied(registry, text)
    assert fixed.endswith(model)
    assert scanned(registry, fixed) == []


def test_a_named_provider_maps_the_model_alone_where_required_is_accepted(registry):
    assert [f[3] for f in scanned(registry, NAMED, "deepseek")][1:] == [
        "OpenAIChatModel(provider=provider) uses the OpenAIProvider() of line 5, which apply "
        "points at DeepSeek (ML671 there); apply maps model 'gpt-4o-mini' -> 'deepseek-flash'"
    ]
    assert 'OpenAIChatModel("deepseek-flash", provider=provider)' in applied(
        registry, NAMED, "deepseek"
    )


def test_a_provider_bound_more_than_once_leaves_the_profile_to_a_person(registry):
    text = (
        "from pydantic_ai.models.openai import OpenAIChatModel\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n\n"
        "def make(local):\n"
        "    if local:\n"
        '        provider = OpenAIProvider(base_url="http://127.0.0.1:8000/v1")\n'
        "    else:\n"
        "        provider = OpenAIProvider()\n"
        '    return OpenAIChatModel("acme-large", provider=provider)\n'
    )
    found = [f[2:] for f in scanned(registry, text)]
    assert found == [
        PROVIDER_FINDING,
        (
            "ML671",
            "OpenAIChatModel(provider=provider): provider is bound more than once, one of them "
            "the OpenAIProvider() of line 7; where it is that one, for Acme Cloud pass "
            f"profile={PROFILE} ({REASON}), by hand",
        ),
    ]
    fixed = applied(registry, text)
    assert 'OpenAIChatModel("acme-large", provider=provider)' in fixed
    assert [f[2] for f in scanned(registry, fixed)] == ["ML671"]  # until a profile is passed
    assert scanned(registry, text, "deepseek") == [scanned(registry, text, "deepseek")[0]]


def test_a_named_provider_given_a_key_names_the_profile(registry):
    text = (
        "from pydantic_ai.models.openai import OpenAIChatModel\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n\n"
        "def make(key):\n"
        "    provider = OpenAIProvider(api_key=key)\n"
        '    return OpenAIChatModel("acme-large", provider=provider)\n'
    )
    assert [f[3] for f in scanned(registry, text)][1:] == [
        "OpenAIChatModel(provider=provider) uses the OpenAIProvider() of line 6 (reported "
        f"there); for Acme Cloud pass profile={PROFILE} ({REASON}), by hand"
    ]
    assert applied(registry, text) == text


def test_a_provider_built_in_the_model_class_gets_no_profile_where_required_is_accepted(
    registry,
):
    # DeepSeek's file lists tool_choice "required"
    assert applied(registry, INLINE, "deepseek") == (
        "import os\n\n"
        "from pydantic_ai import Agent\n"
        "from pydantic_ai.models.openai import OpenAIChatModel\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
        "agent = Agent(\n"
        "    OpenAIChatModel(\n"
        '        "deepseek-flash",\n'
        "        provider=OpenAIProvider(\n"
        '            base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        '            api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        "        ),\n"
        "    ),\n"
        "    output_type=int,\n"
        ")\n"
    )


def test_a_provider_given_a_key_in_the_model_class_names_the_profile_too(registry):
    text = (
        "from pydantic_ai import Agent\n"
        "from pydantic_ai.models.openai import OpenAIChatModel\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n\n"
        "def build(key):\n"
        '    return Agent(OpenAIChatModel("acme-large", provider=OpenAIProvider(api_key=key)))\n'
    )
    assert [f[2:] for f in scanned(registry, text)] == [
        (
            "ML671",
            "OpenAIProvider() without base_url= reads OPENAI_API_KEY and OPENAI_BASE_URL (it "
            "goes to OpenAI); for Acme Cloud pass base_url="
            'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
            'api_key=os.environ["ACME_API_KEY"], and to OpenAIChatModel() '
            f"profile={PROFILE} ({REASON}), by hand (the key it is given now is meant for "
            "OpenAI)",
        )
    ]
    assert applied(registry, text) == text


def test_an_openai_provider_given_a_key_is_left_to_a_person(registry):
    text = (
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n\n"
        "def provider(settings):\n    return OpenAIProvider(api_key=settings.openai_api_key)\n"
    )
    assert [f[2:] for f in scanned(registry, text)] == [
        (
            "ML671",
            "OpenAIProvider() without base_url= reads OPENAI_API_KEY and OPENAI_BASE_URL (it "
            "goes to OpenAI); for Acme Cloud pass base_url="
            'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
            'api_key=os.environ["ACME_API_KEY"], by hand (the key it is given now is meant for '
            "OpenAI)",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "import os\n\nfrom pydantic_ai.models.openai import OpenAIChatModel\n"
            "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
            'model = OpenAIChatModel("acme-large", profile=profile, provider=OpenAIProvider(\n'
            '    base_url=os.environ["ACME_BASE_URL"], api_key=os.environ["ACME_API_KEY"]))\n',
            id="own-base-url",
        ),
        pytest.param(
            "import os\n\nfrom pydantic_ai.models.openai import OpenAIChatModel\n"
            "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
            "provider = OpenAIProvider(\n"
            '    base_url=os.environ["ACME_BASE_URL"], api_key=os.environ["ACME_API_KEY"])\n'
            'model = OpenAIChatModel("acme-large", provider=provider, profile=profile)\n',
            id="named-with-own-base-url",
        ),
        pytest.param(
            "from pydantic_ai.models.openai import OpenAIChatModel\n\n"
            'model = OpenAIChatModel("deepseek-chat", provider="deepseek")\n',
            id="another-providers-name",
        ),
        pytest.param(
            "from pydantic_ai.models.openai import OpenAIChatModel\n\n\n"
            "def make(name, provider):\n    return OpenAIChatModel(name, provider=provider)\n",
            id="provider-from-the-caller",
        ),
        pytest.param(
            "from openai import AsyncOpenAI\nfrom pydantic_ai.providers.openai import "
            "OpenAIProvider\n\n\ndef provider(client: AsyncOpenAI):\n"
            "    return OpenAIProvider(openai_client=client)\n",
            id="client-of-its-own",
        ),
    ],
)
def test_silent_with_a_provider_of_its_own(registry, text):
    assert [f for f in scanned(registry, text) if f[2] == "ML671"] == []


# --- check ----------------------------------------------------------------------------------

MARVIN_SETTINGS = (
    "from pydantic import Field\n"
    "from pydantic_ai.models import KnownModelName\n"
    "from pydantic_settings import BaseSettings\n"
    "\n"
    "\n"
    "class Settings(BaseSettings):\n"
    "    agent_model: KnownModelName = Field(\n"
    '        default="openai:gpt-4o",\n'
    '        description="The default model for agents.",\n'
    "    )\n"
)
MARVIN_AGENT = (
    "from pydantic_ai import Agent\n"
    "\n"
    "from .settings import Settings\n"
    "\n"
    "\n"
    "def default_agent():\n"
    "    return Agent(model=Settings().agent_model)\n"
)
FIXED_SETTINGS = (
    "from pydantic import Field\n"
    "from pydantic_settings import BaseSettings\n"
    "\n"
    "\n"
    "class Settings(BaseSettings):\n"
    '    agent_model: str = Field(default="qwen4-max")\n'
)
FIXED_AGENT = (
    "import os\n"
    "\n"
    "from pydantic_ai import Agent\n"
    "from pydantic_ai.models.openai import OpenAIChatModel\n"
    "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
    "from pydantic_ai.providers.openai import OpenAIProvider\n"
    "\n"
    "from .settings import Settings\n"
    "\n"
    "\n"
    "def default_agent():\n"
    "    provider = OpenAIProvider(\n"
    "        base_url=os.environ.get(\n"
    '            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
    "        ),\n"
    '        api_key=os.environ["DASHSCOPE_API_KEY"],\n'
    "    )\n"
    "    profile = OpenAIModelProfile(openai_supports_tool_choice_required=False)\n"
    "    model = OpenAIChatModel(Settings().agent_model, provider=provider, profile=profile)\n"
    "    return Agent(model=model)\n"
)


def check(project: Path, monkeypatch, *args: str):
    monkeypatch.chdir(project)
    return CliRunner().invoke(app, ["check", "-p", "qwen", "--format", "json", *args])


def test_check_fails_on_marvins_settings_until_the_documented_fix(tmp_path, monkeypatch):
    package = tmp_path / "marvin"
    package.mkdir()
    (package / "settings.py").write_text(MARVIN_SETTINGS, encoding="utf-8")
    (package / "agents.py").write_text(MARVIN_AGENT, encoding="utf-8")

    result = check(tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert [
        (f["path"], f["line"], f["rule"], f["fix"]) for f in json.loads(result.stdout)["findings"]
    ] == [("marvin/settings.py", 8, "ML671", "manual")]
    applied = CliRunner().invoke(app, ["apply", "-p", "qwen", "--yes"])
    assert applied.exit_code == 0
    assert (package / "settings.py").read_text(encoding="utf-8") == MARVIN_SETTINGS
    assert check(tmp_path, monkeypatch).exit_code == 1

    (package / "settings.py").write_text(FIXED_SETTINGS, encoding="utf-8")
    (package / "agents.py").write_text(FIXED_AGENT, encoding="utf-8")
    result = check(tmp_path, monkeypatch)
    assert (result.exit_code, json.loads(result.stdout)["findings"]) == (0, [])


def test_check_passes_once_apply_gave_the_model_class_a_provider(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(MODEL_CLASS, encoding="utf-8")
    assert check(tmp_path, monkeypatch).exit_code == 1
    assert CliRunner().invoke(app, ["apply", "-p", "qwen", "--yes"]).exit_code == 0
    result = check(tmp_path, monkeypatch)
    assert (result.exit_code, json.loads(result.stdout)["findings"]) == (0, [])


def test_a_module_that_only_imports_known_model_name_is_parsed(registry):
    text = (
        "from pydantic_ai.models import KnownModelName\n\n"
        'DEFAULT: KnownModelName = "openai-chat:gpt-4o"\n'
    )
    assert [f[2] for f in scanned(registry, text)] == ["ML671"]


# --- a run that imports pydantic-ai: its config files and its other modules ----------------

PAI_RUN = RunFacts(pydantic_ai_project=True)
IN_RUN = "(a module of this run imports pydantic-ai, see ML671)"
WHERE_READ = "where the program uses this value (which then names the model alone)"


def found_in(registry, kind: str, name: str, text: str, provider="acme", facts=PAI_RUN):
    """(line, column, rule, severity, fix, message) of every finding on `text` as `name`."""
    ctx = RuleContext(registry, registry.get(provider) if provider else None, facts=facts)
    found = FileScanner(ctx, Path(".")).findings(kind, name, text) or []
    return [(f.line, f.column, f.rule, f.severity.value, f.fix.value, f.message) for f in found]


@pytest.mark.parametrize(
    ("kind", "name", "text", "column", "written", "model"),
    [
        pytest.param(
            "dotenv",
            ".env",
            "AGENT_MODEL=openai:gpt-4o-mini\n",
            13,
            "openai:gpt-4o-mini",
            "acme-small",
            id="dotenv",
        ),
        pytest.param(
            "yaml",
            "agent.yaml",
            "model: openai-chat:gpt-4o\nretries: 2\n",
            8,
            "openai-chat:gpt-4o",
            "acme-large",
            id="yaml-openai-chat",
        ),
        pytest.param(
            "json",
            "models.json",
            '{"enum": ["openai:gpt-4o", "anthropic:claude-3"]}',
            11,
            "openai:gpt-4o",
            "acme-large",
            id="json-enum",
        ),
        # what an earlier apply wrote: the provider's model after the prefix, still OpenAI's
        pytest.param(
            "dotenv",
            ".env",
            "AGENT_MODEL=openai:acme-large\n",
            13,
            "openai:acme-large",
            "acme-large",
            id="written-by-an-earlier-apply",
        ),
    ],
)
def test_a_config_value_on_the_openai_prefix_is_left_with_ml671_s_advice(
    registry, kind, name, text, column, written, model
):
    prefix = written.split(":")[0]
    assert found_in(registry, kind, name, text) == [
        (
            1,
            column,
            "ML503",
            "error",
            "manual",
            f"{written}: the {prefix}: {WHY} {IN_RUN}; " + build(model, WHERE_READ),
        )
    ]
    ctx = RuleContext(registry, registry.get("acme"), facts=PAI_RUN)
    found = FileScanner(ctx, Path(".")).findings(kind, name, text) or []
    assert [f.edit for f in found] == [None]
    assert migrate_text(text, kind, name, found)[0] == text


def test_a_config_value_outside_a_pydantic_ai_run_keeps_its_mapping(registry):
    # LangChain's init_chat_model takes base_url= beside "openai:..." (ML603 keeps the prefix)
    text = "AGENT_MODEL=openai:gpt-4o-mini\nFALLBACK=gpt-4o\n"
    assert found_in(registry, "dotenv", ".env", text, facts=RunFacts()) == [
        (
            1,
            13,
            "ML503",
            "warning",
            "review",
            "openai:gpt-4o-mini is an OpenAI model; it maps to openai:acme-small on Acme Cloud",
        ),
        (
            2,
            10,
            "ML503",
            "warning",
            "review",
            "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud",
        ),
    ]
    # in a pydantic-ai run the bare model is still mapped: only the prefix is pydantic-ai's
    assert [f[3:5] for f in found_in(registry, "dotenv", ".env", text)] == [
        ("error", "manual"),
        ("warning", "review"),
    ]


def test_a_config_value_without_a_provider_and_when_modernising(registry):
    text = "AGENT_MODEL=openai:gpt-4o\n"
    assert found_in(registry, "dotenv", ".env", text, provider=None) == [
        (
            1,
            13,
            "ML503",
            "error",
            "manual",
            f"openai:gpt-4o: the openai: {WHY} {IN_RUN}; for another provider build "
            'OpenAIChatModel("<its model>", provider=OpenAIProvider(base_url=os.environ.get('
            '"<its base URL variable>", "<its URL>"), api_key=os.environ["<its key variable>"]))'
            f" and pass that model {WHERE_READ}, by hand (`migrate-llm scan --provider ID` "
            "names them)",
        )
    ]
    assert found_in(registry, "dotenv", ".env", text, provider="openai") == []


def _project(root: Path) -> Path:
    """A pydantic-ai program whose model comes from its .env and a YAML file."""
    (root / "app.py").write_text(
        'import os\n\nfrom pydantic_ai import Agent\n\nagent = Agent(os.environ["AGENT_MODEL"])\n',
        encoding="utf-8",
    )
    (root / ".env").write_text("AGENT_MODEL=openai:gpt-4o\n", encoding="utf-8")
    (root / "agent.yaml").write_text("model: openai:gpt-4o-mini\n", encoding="utf-8")
    return root


def test_check_stays_red_after_apply_on_config_values_of_a_pydantic_ai_run(tmp_path, monkeypatch):
    _project(tmp_path)
    files = [tmp_path / name for name in ("app.py", ".env", "agent.yaml")]
    before = [path.read_bytes() for path in files]
    result = check(tmp_path, monkeypatch)
    expected = [
        (".env", 1, "ML503", "error", "manual"),
        ("agent.yaml", 1, "ML503", "error", "manual"),
    ]
    assert result.exit_code == 1
    assert [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"])
        for f in json.loads(result.stdout)["findings"]
    ] == expected
    applied = CliRunner().invoke(app, ["apply", "-p", "qwen", "--yes"])
    assert applied.exit_code == 0
    assert [path.read_bytes() for path in files] == before
    assert check(tmp_path, monkeypatch).exit_code == 1
    assert check(tmp_path, monkeypatch, "--fail-on", "error").exit_code == 1


def test_the_run_fact_comes_from_an_import_of_pydantic_ai_or_a_library_handing_it_strings():
    for text in (
        b"from pydantic_ai import Agent\n",
        b"import marvin\n",
        b"from pydantic_evals.generation import generate_dataset\n",
    ):
        assert facts_of("python", text, True, False, None) & IMPORTS_PYDANTIC_AI
        assert facts_of("python", text, True, False, {text.split()[1].decode().split(".")[0]})
    notebook = b'{\n "cells": [\n  {\n   "source": [\n    "from pydantic_ai import Agent\\n"\n   ]\n  }\n ]\n}'
    assert facts_of("notebook", notebook, True, False, None) & IMPORTS_PYDANTIC_AI
    assert not facts_of("python", b"import pydantic_ai_examples\n", True, False, None) & (
        IMPORTS_PYDANTIC_AI
    )
    assert RunFacts.of_bits(IMPORTS_PYDANTIC_AI).pydantic_ai_project


GENERATE = (
    "from pydantic_evals.generation import generate_dataset\n\n\n"
    "async def make(kind):\n"
    '    return await generate_dataset(dataset_type=kind, model="openai:gpt-4o")\n'
)
OVERRIDE = (
    "from .agents import support_agent\n\n\n"
    "async def compare(question):\n"
    '    with support_agent.override(model="openai:gpt-4o-mini"):\n'
    "        return await support_agent.run(question)\n"
)


def test_pydantic_evals_hands_its_model_strings_to_pydantic_ai(registry):
    assert scanned(registry, GENERATE) == [
        (
            5,
            60,
            "ML671",
            f"model='openai:gpt-4o' given to generate_dataset(): the openai: {WHY}; "
            + build("acme-large"),
        )
    ]
    assert scanned(registry, GENERATE, None)[0][2] == "ML671"  # also without a provider


JUDGES = (
    "from pydantic_evals import Case, Dataset\n"
    "from pydantic_evals.evaluators import GEval, LLMJudge\n"
    "from pydantic_evals.evaluators.llm_as_a_judge import judge_input_output, judge_output\n"
    "from pydantic_evals.generation import generate_dataset\n\n"
    "dataset = Dataset(\n"
    '    cases=[Case(name="capital", inputs="Capital of France?")],\n'
    '    evaluators=[LLMJudge(rubric="Names a city"), LLMJudge("Is short", None)],\n'
    ")\n"
    'steps = GEval("Clear", ["Read it"], (1, 5), False)\n\n\n'
    "async def grade(question, answer, kind):\n"
    '    await judge_output(answer, "Is polite")\n'
    '    await judge_input_output(question, answer, "Answers it", model=MODEL)\n'
    "    return await generate_dataset(dataset_type=kind)\n"
)
JUDGE_WHY = (
    f"pydantic_evals' default judge model 'openai:gpt-5.2': the openai: {WHY}; for Acme Cloud "
    f"build OpenAIChatModel(<an Acme Cloud model>, provider={ACME_PROVIDER}, profile={PROFILE}) "
    "and "
    "pass that model as model= (or once to set_default_judge_model(), for every judge), by "
    f"hand (profile=: {REASON})"
)


def test_a_judge_given_no_model_uses_the_openai_default(registry):
    """LLMJudge, GEval and the judge_* helpers given no model (or None) judge with
    'openai:gpt-5.2' (pydantic-evals 2.33.0 to 2.62.0); generate_dataset has its own."""
    assert scanned(registry, JUDGES) == [
        (8, 17, "ML671", f"LLMJudge() without model= uses {JUDGE_WHY}"),
        (8, 50, "ML671", f"LLMJudge() without model= uses {JUDGE_WHY}"),
        (10, 9, "ML671", f"GEval() without model= uses {JUDGE_WHY}"),
        (14, 11, "ML671", f"judge_output() without model= uses {JUDGE_WHY}"),
        (
            16,
            18,
            "ML671",
            "generate_dataset() without model= uses its default model 'openai:gpt-5.2': the "
            f"openai: {WHY}; for Acme Cloud build OpenAIChatModel(<an Acme Cloud model>, "
            f"provider={ACME_PROVIDER}, profile={PROFILE}) and pass that model as model=, by "
            f"hand (profile=: {REASON})",
        ),
    ]
    ctx = RuleContext(registry, registry.get("acme"))
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", JUDGES) or []
    assert {(f.severity.value, f.fix.value, f.data["default_model"]) for f in found} == {
        ("error", "manual", "openai:gpt-5.2")
    }
    assert applied(registry, JUDGES) == JUDGES
    assert scanned(registry, JUDGES, "openai") == []


def test_a_judge_default_set_in_the_module_or_project_is_not_reported(registry):
    setter = "from pydantic_evals.evaluators.llm_as_a_judge import set_default_judge_model\n"
    text = setter + JUDGES + "\nset_default_judge_model(JUDGE_MODEL)\n"
    assert [f[:3] for f in scanned(registry, text)] == [(17, 18, "ML671")]  # generate_dataset
    assert facts_of("python", text.encode(), True, False, None) & SETS_JUDGE_MODEL
    assert not facts_of("python", b"set_default_judge_model(m)\n", True, False, None) & (
        SETS_JUDGE_MODEL
    )
    judged = RuleContext(registry, registry.get("acme"), facts=RunFacts(judge_model_set=True))
    found = FileScanner(judged, Path(".")).findings("python", "app.py", JUDGES) or []
    assert [f.message.split(" ", 1)[0] for f in found] == ["generate_dataset()"]


def test_an_openai_judge_default_is_reported_where_it_is_set(registry):
    text = (
        "from pydantic_evals.evaluators import LLMJudge\n"
        "from pydantic_evals.evaluators.llm_as_a_judge import set_default_judge_model\n\n"
        'set_default_judge_model("openai:gpt-4o")\n'
        'JUDGE = LLMJudge("Names a city")\n'
    )
    assert [f[:3] for f in scanned(registry, text)] == [(4, 25, "ML671")]


def test_check_stays_red_on_a_judge_without_model_until_the_default_is_set(tmp_path, monkeypatch):
    (tmp_path / "evals.py").write_text(
        'from pydantic_evals.evaluators import LLMJudge\n\nJUDGE = LLMJudge("Is short")\n',
        encoding="utf-8",
    )
    result = check(tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert [(f["line"], f["rule"], f["fix"]) for f in json.loads(result.stdout)["findings"]] == [
        (3, "ML671", "manual")
    ]
    assert CliRunner().invoke(app, ["apply", "-p", "qwen", "--yes"]).exit_code == 0
    assert check(tmp_path, monkeypatch).exit_code == 1
    (tmp_path / "judges.py").write_text(
        "from pydantic_evals.evaluators.llm_as_a_judge import set_default_judge_model\n\n"
        "from .models import QWEN\n\nset_default_judge_model(QWEN)\n",
        encoding="utf-8",
    )
    result = check(tmp_path, monkeypatch)
    assert (result.exit_code, json.loads(result.stdout)["findings"]) == (0, [])


def test_an_agent_imported_from_elsewhere_in_a_pydantic_ai_run_is_ml671_s(registry):
    ctx = RuleContext(registry, registry.get("acme"), facts=PAI_RUN)
    found = FileScanner(ctx, Path(".")).findings("python", "compare.py", OVERRIDE) or []
    assert [(f.line, f.rule, f.severity.value, f.fix.value, f.message) for f in found] == [
        (
            5,
            "ML671",
            "error",
            "manual",
            "model='openai:gpt-4o-mini' given to support_agent.override(): the openai: "
            f"{WHY}; " + build("acme-small"),
        )
    ]
    # a label there (not a model it picks) stays ML205's
    label = 'from .evals import dataset, task\n\nreport = dataset.evaluate_sync(task, name="openai:gpt-4o")\n'
    found = FileScanner(ctx, Path(".")).findings("python", "report.py", label) or []
    assert [(f.line, f.rule) for f in found] == [(3, "ML205")]
    # a LangChain module of that run keeps its strings: init_chat_model takes a base URL
    langchain = (
        "from langchain.chat_models import init_chat_model\n\n"
        'FAST = "openai:gpt-4o-mini"\nllm = init_chat_model(FAST, temperature=0)\n'
    )
    found = FileScanner(ctx, Path(".")).findings("python", "chains.py", langchain) or []
    assert [f.rule for f in found if f.line == 3] == ["ML204"]


def test_an_openai_prefixed_string_outside_a_pydantic_ai_run_is_an_ml206_error(registry):
    assert scanned(registry, OVERRIDE) == [
        (
            5,
            39,
            "ML206",
            "model='openai:gpt-4o-mini' goes to support_agent.override(), which is not an "
            "OpenAI SDK call, so apply leaves it; if it is a pydantic-ai model string, the "
            f"openai: {WHY}: " + build("acme-small", "there"),
        )
    ]
    ctx = RuleContext(registry, registry.get("acme"))
    found = FileScanner(ctx, Path(".")).findings("python", "compare.py", OVERRIDE) or []
    assert [(f.severity.value, f.fix.value, f.edit) for f in found] == [("error", "manual", None)]
    # without a provider too, with placeholders where the provider's names go
    assert scanned(registry, OVERRIDE, None) == [
        (
            5,
            39,
            "ML206",
            "model='openai:gpt-4o-mini' goes to support_agent.override(), which is not an "
            "OpenAI SDK call, so apply leaves it; if it is a pydantic-ai model string, the "
            f'openai: {WHY}: for another provider build OpenAIChatModel("<its model>", '
            'provider=OpenAIProvider(base_url=os.environ.get("<its base URL variable>", '
            '"<its URL>"), api_key=os.environ["<its key variable>"])) and pass that model '
            "there, by hand (`migrate-llm scan --provider ID` names them)",
        )
    ]


def test_check_fails_on_error_where_an_imported_agent_is_given_an_openai_string(
    tmp_path, monkeypatch
):
    (tmp_path / "compare.py").write_text(OVERRIDE, encoding="utf-8")
    result = check(tmp_path, monkeypatch, "--fail-on", "error")
    assert result.exit_code == 1
    assert [(f["rule"], f["severity"]) for f in json.loads(result.stdout)["findings"]] == [
        ("ML206", "error")
    ]


# --- end to end -----------------------------------------------------------------------------

FIXED_PROGRAM = (
    "import os\n"
    "\n"
    "from pydantic_ai import Agent\n"
    "from pydantic_ai.models.openai import OpenAIChatModel\n"
    "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
    "from pydantic_ai.providers.openai import OpenAIProvider\n"
    "\n"
    "model = OpenAIChatModel(\n"
    "    {model!r},\n"
    "    provider=OpenAIProvider(\n"
    "        base_url=os.environ.get({base_env!r}, {base_url!r}),\n"
    "        api_key=os.environ[{key_env!r}],\n"
    "    ),\n"
    "    profile=OpenAIModelProfile(openai_supports_tool_choice_required=False),\n"
    ")\n"
    'print(Agent(model).run_sync("Say hello.").output)\n'
)
UNFIXED_PROGRAM = (
    "from pydantic_ai import Agent\n"
    "from pydantic_ai.models.openai import OpenAIChatModel\n"
    "\n"
    'print(Agent(OpenAIChatModel("gpt-4o-mini")).run_sync("Say hello.").output)\n'
)
# pydantic-ai's quickstart: the model picked by a prefixed string
STRING_PROGRAM = (
    "from pydantic_ai import Agent\n"
    "\n"
    'agent = Agent("openai:gpt-4o-mini", instructions="Be concise.")\n'
    'print(agent.run_sync("Say hello.").output)\n'
)

# settings Kimi's thinking models fix, on the agent and on its run
SETTINGS_PROGRAM = (
    "from pydantic_ai import Agent, ModelSettings\n"
    "\n"
    'agent = Agent("openai:gpt-4o-mini", model_settings={"temperature": 0.2})\n'
    'result = agent.run_sync("Say hello.", model_settings=ModelSettings(top_p=0.5, seed=7))\n'
    "print(result.output)\n"
)
UNFIXED = {"applied": UNFIXED_PROGRAM, "string-applied": STRING_PROGRAM}
UNFIXED["settings-applied"] = SETTINGS_PROGRAM
PROVIDER = {"string-applied": "deepseek", "settings-applied": "moonshot"}


@pytest.mark.frameworks
@pytest.mark.parametrize(
    "source", ["documented-fix", "applied", "string-applied", "settings-applied"]
)
def test_the_fixed_program_runs_on_the_provider(registry, server, tmp_path, monkeypatch, source):
    pytest.importorskip("pydantic_ai", reason="pip install 'pydantic-ai-slim[openai]'")
    # DeepSeek's model thinks unless told not to: the built model carries the switch; Kimi's
    # fixes temperature and top_p: they are not sent
    provider = registry.get(PROVIDER.get(source, "qwen"))
    program = tmp_path / "hello.py"
    if source != "documented-fix":
        unfixed = UNFIXED[source]
        program.write_text(unfixed, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        applied = CliRunner().invoke(app, ["apply", "-p", provider.id, "--yes"])
        assert applied.exit_code == 0
    else:
        program.write_text(
            FIXED_PROGRAM.format(
                model=provider.map_model("gpt-4o-mini"),
                base_env=provider.base_url_env,
                base_url=provider.base_url,
                key_env=provider.api_key_env,
            ),
            encoding="utf-8",
        )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "-p", provider.id, "--format", "json"])
    assert (result.exit_code, json.loads(result.stdout)["findings"]) == (0, [])

    path = urlsplit(provider.base_url).path.rstrip("/")
    guard = tmp_path / "guard"
    base = {k: v for k, v in os.environ.items() if "OPENAI" not in k and "PROXY" not in k}
    env = network_guard.subprocess_env(
        {**base, provider.api_key_env: "test-key", provider.base_url_env: server.base + path},
        guard,
    )
    proc = subprocess.run(
        [sys.executable, str(program)], env=env, capture_output=True, text=True, timeout=120
    )
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    model = provider.map_model("gpt-4o-mini")
    assert proc.stdout.splitlines() == [f"reply from {model}"]
    assert [(r.path, r.body["model"]) for r in server.requests] == [
        (f"{path}/chat/completions", model)
    ]
    assert {r.headers.get("authorization") for r in server.requests} == {"Bearer test-key"}
    if source in ("string-applied", "settings-applied"):
        assert [r.body.get("thinking") for r in server.requests] == [{"type": "disabled"}]
    if source == "settings-applied":
        sent = server.requests[0].body
        assert ("temperature" in sent, "top_p" in sent, sent.get("seed")) == (False, False, 7)


def test_marvin_hands_its_model_strings_to_pydantic_ai(registry):
    # marvin 3's Agent and defaults take pydantic-ai's model strings: `openai:` goes to OpenAI
    text = 'import marvin\n\nagent = marvin.Agent(name="a", model="openai:gpt-4o-mini")\n'
    ctx = RuleContext(registry, registry.get("acme"))
    found = [(f.rule, f.line, f.fix) for f in check_python(text, ctx, PYTHON_RULES)]
    assert found == [("ML671", 3, FixClass.MANUAL)]


def test_an_experiments_name_is_a_label_not_a_model(registry):
    """pydantic_evals names an experiment after the model it tries (`name='openai:gpt-5.1'`):
    a label in the report, which picks nothing; the model given beside it still counts."""
    text = (
        "from pydantic_evals import Case, Dataset\n\n"
        "dataset = Dataset(name='openai:gpt-5.1', cases=[Case(name='openai:gpt-4o')])\n"
        "report = dataset.evaluate_sync(task, name='openai:gpt-5.1', task_name='openai:o3')\n"
        "agent.override(model='openai:gpt-5.1')\n"
    )
    assert [(rule, line) for line, _, rule, _ in scanned(registry, text)] == [("ML671", 5)]


POINTED = (
    "import os\n\n"
    "from pydantic_ai.models.openai import OpenAIChatModel\n"
    "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
    'provider = OpenAIProvider(base_url=os.environ["ACME_BASE_URL"], api_key=os.environ["K"])\n'
    'model = OpenAIChatModel("acme-large", provider=provider)\n'
    'inline = OpenAIChatModel("acme-large", provider=OpenAIProvider(base_url="{url}"))\n'
)


def test_a_model_pointed_at_the_provider_by_hand_gets_the_profile(registry):
    """The recipe followed without its profile (or an earlier apply's work): structured
    output then sends tool_choice "required", which the provider rejects."""
    text = POINTED.format(url="https://api.acme.example/v1")
    message = f"OpenAIChatModel() talks to Acme Cloud; apply passes profile={PROFILE} ({REASON})"
    assert [(line, rule, said) for line, _, rule, said in scanned(registry, text)] == [
        (7, "ML671", message),
        (8, "ML671", message),
    ]
    assert applied(registry, text) == (
        "import os\n\n"
        "from pydantic_ai.models.openai import OpenAIChatModel\n"
        "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
        'provider = OpenAIProvider(base_url=os.environ["ACME_BASE_URL"], api_key=os.environ["K"])\n'
        "model = OpenAIChatModel(\n"
        '    "acme-large",\n'
        f"    profile={PROFILE},\n"
        "    provider=provider,\n"
        ")\n"
        "inline = OpenAIChatModel(\n"
        '    "acme-large",\n'
        f"    profile={PROFILE},\n"
        '    provider=OpenAIProvider(base_url="https://api.acme.example/v1"),\n'
        ")\n"
    )
    # a server of the program's own, or a provider that takes "required": nothing to add
    local = POINTED.format(url="http://localhost:8000/v1").replace("ACME_BASE_URL", "LLM_URL")
    assert scanned(registry, local) == []
    assert scanned(registry, text, "deepseek") == []


# --- t44a: dataset files, providers pointed by other rules, APIs the provider lacks ----------

DATASET = (
    "cases:\n"
    "- name: greet\n"
    "  inputs: hi\n"
    "  evaluators:\n"
    "  - LLMJudge:\n"
    "      rubric: Polite\n"
    "      model: test\n"
    "  - GEval:\n"
    "      criteria: Short\n"
    "      model: null\n"
    "evaluators:\n"
    "- LLMJudge: The answer is polite\n"
)
DATASET_MESSAGE = (
    "GEval of this pydantic-evals dataset has no model: (and 1 more evaluator in this file), "
    "so it judges with pydantic_evals' default judge model 'openai:gpt-5.2' once "
    f"Dataset.from_file() reads it: the openai: {WHY}; for Acme Cloud build "
    f"OpenAIChatModel(<an Acme Cloud model>, provider={ACME_PROVIDER}, profile={PROFILE}) and "
    "pass that model once to set_default_judge_model() before the dataset is evaluated (a model: in the "
    f"file is a model string, with no room for a base URL), by hand (profile=: {REASON})"
)


def scanned_file(registry, kind: str, name: str, text: str, provider: str = "acme", **facts):
    ctx = RuleContext(registry, registry.get(provider), facts=RunFacts(**facts))
    found = FileScanner(ctx, Path(".")).findings(kind, name, text) or []
    return [(f.line, f.column, f.rule, f.message, f.fix.value, dict(f.data)) for f in found]


def test_a_dataset_file_judge_without_model_uses_the_openai_default(registry):
    """t44a defect 1: `Dataset.from_file("cases.yaml")` builds its LLMJudge/GEval with
    model=None, so they judge at OpenAI; the file's judges given a model are not counted."""
    data = {"library": "pydantic-evals", "default_model": "openai:gpt-5.2", "evaluators": 2}
    assert scanned_file(registry, "yaml", "cases.yaml", DATASET) == [
        (8, 5, "ML672", DATASET_MESSAGE, "manual", data)
    ]
    as_json = json.dumps(
        {"cases": [{"inputs": "hi"}], "evaluators": [{"LLMJudge": {"rubric": "Polite"}}]}
    )
    assert [f[:3] for f in scanned_file(registry, "json", "cases.json", as_json)] == [
        (1, 47, "ML672")
    ]
    # the project sets the default, OpenAI is the target, or not a dataset (a JSON schema)
    assert scanned_file(registry, "yaml", "cases.yaml", DATASET, judge_model_set=True) == []
    assert scanned_file(registry, "yaml", "cases.yaml", DATASET, "openai") == []
    schema = json.dumps({"$schema": "x", "properties": {"evaluators": {"LLMJudge": {}}}})
    assert scanned_file(registry, "json", "cases_schema.json", schema) == []


def test_check_stays_red_on_a_dataset_file_judge_until_the_default_is_set(tmp_path, monkeypatch):
    (tmp_path / "cases.yaml").write_text(
        "cases:\n- name: greet\n  inputs: hi\nevaluators:\n- LLMJudge: The answer is polite\n",
        encoding="utf-8",
    )
    (tmp_path / "run.py").write_text(
        "from pydantic_evals import Dataset\n\n"
        "Dataset[str, str, None].from_file('cases.yaml').evaluate_sync(str.upper)\n",
        encoding="utf-8",
    )
    result = check(tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert [
        (f["path"], f["line"], f["rule"], f["fix"]) for f in json.loads(result.stdout)["findings"]
    ] == [("cases.yaml", 5, "ML672", "manual")]
    # t44f NA1: a module that sets the judge does not set it for another program
    (tmp_path / "judges.py").write_text(
        "from pydantic_evals.evaluators.llm_as_a_judge import set_default_judge_model\n\n"
        "from .models import QWEN\n\nset_default_judge_model(QWEN)\n",
        encoding="utf-8",
    )
    result = check(tmp_path, monkeypatch)
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["ML672"]
    # set where the dataset is loaded, it counts
    (tmp_path / "run.py").write_text(
        "from pydantic_evals import Dataset\n"
        "from pydantic_evals.evaluators.llm_as_a_judge import set_default_judge_model\n\n"
        "from .models import QWEN\n\nset_default_judge_model(QWEN)\n"
        "Dataset[str, str, None].from_file('cases.yaml').evaluate_sync(str.upper)\n",
        encoding="utf-8",
    )
    result = check(tmp_path, monkeypatch)
    assert (result.exit_code, json.loads(result.stdout)["findings"]) == (0, [])


JUDGE_SETUP = (
    "from pydantic_evals.evaluators.llm_as_a_judge import set_default_judge_model\n\n"
    "from models import QWEN\n\n\n"
    "def configure():\n"
    "    set_default_judge_model(QWEN)\n"
)
LOADS = "Dataset[str, str, None].from_file('cases.yaml').evaluate_sync(str.upper)\n"


def test_a_judge_set_in_a_module_the_loading_module_imports_counts(tmp_path, monkeypatch):
    """A program whose module loading the dataset imports the project's module that sets
    the default judge model (and calls its function, or runs its top level) judges with
    it; a script of the project that imports none stays red (t44f NA1)."""
    (tmp_path / "cases.yaml").write_text(
        "cases:\n- name: greet\n  inputs: hi\nevaluators:\n- LLMJudge: The answer is polite\n",
        encoding="utf-8",
    )
    (tmp_path / "setup_judge.py").write_text(JUDGE_SETUP, encoding="utf-8")
    run = tmp_path / "run.py"
    run.write_text(
        "from pydantic_evals import Dataset\n\nfrom setup_judge import configure\n\n"
        f"configure()\n{LOADS}",
        encoding="utf-8",
    )

    def found() -> tuple[int, list[tuple[str, int, str]]]:
        result = check(tmp_path, monkeypatch)
        findings = json.loads(result.stdout)["findings"]
        return result.exit_code, [(f["path"], f["line"], f["rule"]) for f in findings]

    assert found() == (0, [])
    # a module whose top level sets it, imported as a whole (also in a package, relatively)
    (tmp_path / "setup_judge.py").write_text(JUDGE_SETUP + "\n\nconfigure()\n", encoding="utf-8")
    run.write_text(f"import setup_judge\nfrom pydantic_evals import Dataset\n\n{LOADS}", "utf-8")
    assert found() == (0, [])
    package = tmp_path / "evals"
    package.mkdir()
    (package / "judging.py").write_text(JUDGE_SETUP + "\n\nconfigure()\n", encoding="utf-8")
    (package / "run_all.py").write_text(
        f"from pydantic_evals import Dataset\n\nfrom . import judging\n\n{LOADS}", "utf-8"
    )
    assert found() == (0, [])
    # an independent script beside them: it may run without the setter
    (tmp_path / "other.py").write_text(f"from pydantic_evals import Dataset\n\n{LOADS}", "utf-8")
    assert found() == (1, [("cases.yaml", 5, "ML672")])
    # importing the setter where the dataset is loaded mends it; so does a notebook's import
    (tmp_path / "other.py").write_text(
        f"from pydantic_evals import Dataset\n\nfrom evals import judging\n\n{LOADS}", "utf-8"
    )
    assert found() == (0, [])
    cells = [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": s}
        for s in (
            "%pip install pydantic-evals",
            "import setup_judge\n",
            f"from pydantic_evals import Dataset\n{LOADS}",
        )
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "eval.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    assert found() == (0, [])
    cells[1]["source"] = "import json\n"
    (tmp_path / "eval.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    assert found() == (1, [("cases.yaml", 5, "ML672")])


OPENAI_URL_PROVIDER = (
    "import os\n\n"
    "from pydantic_ai import Agent\n"
    "from pydantic_ai.models.openai import OpenAIChatModel\n"
    "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
    "model = OpenAIChatModel(\n"
    "    'gpt-4o',\n"
    "    provider=OpenAIProvider(base_url='https://api.openai.com/v1', "
    "api_key=os.environ['OPENAI_API_KEY']),\n"
    ")\n"
    "agent = Agent(model, output_type=int)\n"
)
OWN_CLIENT = (
    "from openai import AsyncOpenAI\n"
    "from pydantic_ai import Agent\n"
    "from pydantic_ai.models.openai import OpenAIChatModel\n"
    "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
    "client = AsyncOpenAI(max_retries=3)\n"
    "model = OpenAIChatModel('gpt-4o', provider=OpenAIProvider(openai_client=client))\n"
    "agent = Agent(model, output_type=int)\n"
)


def test_a_model_whose_openai_url_apply_points_elsewhere_is_migrated_in_one_pass(registry):
    """t44a defect 4 (docs s09): ML402 points the URL and the key at Acme Cloud; the model
    class gets its model mapped and the profile in the same pass."""
    assert [f[2:] for f in scanned(registry, OPENAI_URL_PROVIDER) if f[2] == "ML671"] == [
        (
            "ML671",
            "OpenAIChatModel() is given the OpenAI URL https://api.openai.com/v1, which apply "
            f"points at Acme Cloud (ML402); apply passes profile={PROFILE} ({REASON}); model "
            "'gpt-4o' -> 'acme-large'",
        )
    ]
    fixed = applied(registry, OPENAI_URL_PROVIDER)
    assert fixed == (
        "import os\n\n"
        "from pydantic_ai import Agent\n"
        "from pydantic_ai.models.openai import OpenAIChatModel\n"
        "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
        "model = OpenAIChatModel(\n"
        "    'acme-large',\n"
        f"    profile={PROFILE},\n"
        "    provider=OpenAIProvider(\n"
        '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "        api_key=os.environ['ACME_API_KEY'],\n"
        "    ),\n"
        ")\n"
        "agent = Agent(model, output_type=int)\n"
    )
    assert scanned(registry, fixed) == []
    assert applied(registry, fixed) == fixed


def test_a_model_given_an_sdk_client_apply_points_elsewhere_gets_the_profile(registry):
    """t44a defect 4 (docs s04): ML001 points the client at Acme Cloud; the model class gets
    its model mapped and the profile in the same pass, and check is green after one apply."""
    assert [f[2:] for f in scanned(registry, OWN_CLIENT) if f[2] == "ML671"] == [
        (
            "ML671",
            "OpenAIChatModel() is given the AsyncOpenAI() of line 6, which talks to OpenAI "
            f"until pointed at Acme Cloud (ML001 there); apply passes profile={PROFILE} "
            f"({REASON}); model 'gpt-4o' -> 'acme-large'",
        )
    ]
    fixed = applied(registry, OWN_CLIENT)
    assert fixed == (
        "import os\n\n"
        "from openai import AsyncOpenAI\n"
        "from pydantic_ai import Agent\n"
        "from pydantic_ai.models.openai import OpenAIChatModel\n"
        "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
        "client = AsyncOpenAI(\n"
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    max_retries=3,\n"
        ")\n"
        "model = OpenAIChatModel(\n"
        "    'acme-large',\n"
        f"    profile={PROFILE},\n"
        "    provider=OpenAIProvider(openai_client=client),\n"
        ")\n"
        "agent = Agent(model, output_type=int)\n"
    )
    assert [f[2] for f in scanned(registry, fixed)] == ["ML003"]  # a note: already points there
    assert applied(registry, fixed) == fixed
    # renamed by hand but without the profile: still reported, with the profile's edit
    by_hand = fixed.replace(f"    profile={PROFILE},\n", "")
    assert [f[3] for f in scanned(registry, by_hand) if f[2] == "ML671"] == [
        f"OpenAIChatModel() talks to Acme Cloud; apply passes profile={PROFILE} ({REASON})"
    ]
    # a client of a server of the program's own: left alone
    local = OWN_CLIENT.replace("max_retries=3", 'base_url="http://localhost:8000/v1"')
    assert [f for f in scanned(registry, local) if f[2] == "ML671"] == []


AZURE_CLIENT = (
    "from openai import AsyncAzureOpenAI\n"
    "from pydantic_ai.models.openai import OpenAIModel\n"
    "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
    "model = OpenAIModel(\n"
    '    model_name="gpt-4o",\n'
    "    provider=OpenAIProvider(openai_client=AsyncAzureOpenAI()),\n"
    ")\n"
)


def test_a_model_given_an_azure_client_apply_replaces_is_migrated_in_one_pass(registry):
    """t46d D3 (marvin's examples/provider_specific/azure): ML002 makes the Azure client the
    provider's plain client; the model class gets its model mapped and the profile in the
    same pass, where the first apply used to send gpt-4o to the provider."""
    assert [f[2:] for f in scanned(registry, AZURE_CLIENT)] == [
        (
            "ML671",
            "OpenAIModel() is given the AsyncAzureOpenAI() of line 7, which talks to Azure "
            f"OpenAI until pointed at Acme Cloud (ML002 there); apply passes profile={PROFILE} "
            f"({REASON}); model 'gpt-4o' -> 'acme-large'",
        ),
        (
            "ML002",
            "AsyncAzureOpenAI() talks to Azure OpenAI; replace it with OpenAI() — for Acme "
            "Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1) — and map each deployment name used as model= to a "
            "provider model",
        ),
    ]
    fixed = applied(registry, AZURE_CLIENT)
    assert fixed == (
        "import os\n\n"
        "from openai import AsyncOpenAI\n"
        "from pydantic_ai.models.openai import OpenAIModel\n"
        "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
        "model = OpenAIModel(\n"
        f"    profile={PROFILE},\n"
        '    model_name="acme-large",\n'
        "    provider=OpenAIProvider(\n"
        "        openai_client=AsyncOpenAI(\n"
        '            api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '            base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "        )\n"
        "    ),\n"
        ")\n"
    )
    assert [f[2] for f in scanned(registry, fixed)] == ["ML003"]  # a note: already points there
    assert applied(registry, fixed) == fixed
    # written on one line, or with an OpenAI client (ML001): the same text, in one pass
    one_line = (
        AZURE_CLIENT.replace("(\n    model_name", "(model_name")
        .replace(",\n    provider", ", provider")
        .replace("()),\n)", "()))")
    )
    assert one_line.count("\n") == AZURE_CLIENT.count("\n") - 3
    assert applied(registry, one_line) == fixed
    assert applied(registry, AZURE_CLIENT.replace("AsyncAzureOpenAI", "AsyncOpenAI")) == fixed
    # bound to a name first: the same
    named = AZURE_CLIENT.replace(
        "model = OpenAIModel(", "client = AsyncAzureOpenAI()\nmodel = OpenAIModel("
    ).replace("openai_client=AsyncAzureOpenAI()", "openai_client=client")
    fixed = applied(registry, named)
    assert '    model_name="acme-large",\n' in fixed and f"profile={PROFILE}" in fixed
    assert applied(registry, fixed) == fixed
    # a key the program hands it: ML002 leaves the client to a person, and so the model
    handed = AZURE_CLIENT.replace(
        "model = OpenAIModel(", "\ndef make(key):\n    return OpenAIModel("
    )
    handed = handed.replace("AsyncAzureOpenAI()", "AsyncAzureOpenAI(api_key=key)")
    assert [(f[2], f[3].split(";")[0]) for f in scanned(registry, handed)] == [
        (
            "ML206",
            "model_name='gpt-4o' goes to OpenAIModel(), which is not an OpenAI SDK call, so "
            "apply leaves it",
        ),
        ("ML002", "AsyncAzureOpenAI() talks to Azure OpenAI"),
    ]
    assert applied(registry, handed) == handed


def test_an_api_the_provider_lacks_is_said_instead_of_a_chat_model(registry):
    """t44a defect 5: a realtime or embedding model after `openai:` needs that API; where the
    provider file marks it false the advice says so (ML101's words), not a chat model."""
    text = (
        "from pydantic_ai import Agent\nfrom pydantic_ai.embeddings import Embedder\n\n"
        "agent = Agent('openai:gpt-4o')\n"
        "embedder = Embedder('openai:text-embedding-3-small')\n\n\n"
        "async def talk():\n"
        "    async with agent.realtime('openai:gpt-realtime').session() as session:\n"
        "        return session\n"
    )
    found = scanned(registry, text, "moonshot")
    docs = "https://platform.kimi.ai/docs/guide/migrating-from-openai-to-kimi"
    assert [f[3] for f in found[1:]] == [
        f"'openai:text-embedding-3-small' (passed to Embedder()): the openai: {WHY}; Moonshot AI "
        f"(Kimi) has no OpenAI-compatible embeddings API (see {docs}): keep it on OpenAI or "
        "point it at a provider that serves embeddings (its key and base URL), by hand; acme, "
        "azure, baichuan, doubao, ernie, hunyuan, qwen, siliconflow, zhipu offer it",
        f"'openai:gpt-realtime' (passed to agent.realtime()): the openai: {WHY}; Moonshot AI "
        f"(Kimi) has no OpenAI-compatible realtime API (see {docs}): keep it on OpenAI or point "
        "it at a provider that serves realtime (its key and base URL), by hand; no catalogued "
        "provider offers it",
    ]
    assert 'apply passes OpenAIChatModel("kimi-k2.6"' in found[0][3]


KIMI_TEMPERATURE = (
    "kimi-k2.6 (mapped from gpt-4o) fixes temperature on Moonshot AI (Kimi): temperature= is "
    "removed (the model ignores or rejects it)"
)
KIMI_MODEL = (
    "    OpenAIChatModel(\n"
    '        "kimi-k2.6",\n'
    "        provider=OpenAIProvider(\n"
    '            base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
    '            api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),\n'
    "        ),\n"
    "        profile=OpenAIModelProfile(openai_supports_tool_choice_required=False),\n"
    '        settings={"extra_body": {"thinking": {"type": "disabled"}}},\n'
    "    ),\n"
)
KIMI_IMPORTS = (
    "import os\n\nfrom pydantic_ai import Agent\nfrom pydantic_ai.models.openai import "
    "OpenAIChatModel\nfrom pydantic_ai.profiles.openai import OpenAIModelProfile\n"
    "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
)


def test_a_setting_the_moved_model_fixes_is_removed_from_the_agent(registry):
    """t45d D4: `model_settings={'temperature': 0.2}` reached kimi-k2.6, which fixes it;
    ML115 removes `temperature=` from the SDK request, and so from the dict."""
    text = (
        "from pydantic_ai import Agent\n\n"
        "agent = Agent('openai:gpt-4o', model_settings={'temperature': 0.2, 'max_tokens': 9})\n"
    )
    ctx = RuleContext(registry, registry.get("moonshot"))
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []
    entry = found[1]
    assert [(f.rule, f.line, f.column) for f in found] == [("ML671", 3, 15), ("ML671", 3, 48)]
    assert (entry.severity.value, entry.fix, entry.message) == (
        "warning",
        FixClass.REVIEW,
        KIMI_TEMPERATURE,
    )
    assert entry.data == {
        "model": "kimi-k2.6",
        "model_from": "gpt-4o",
        "param": "temperature",
        "fact": "fixed",
        "glob": "kimi-k2.6",
    }
    after = applied(registry, text, "moonshot")
    assert after == KIMI_IMPORTS + "agent = Agent(\n" + KIMI_MODEL + (
        "    model_settings={'max_tokens': 9},\n)\n"
    )
    assert applied(registry, after, "moonshot") == after
    assert scanned(registry, after, "moonshot") == []


def test_settings_of_a_model_class_and_its_agent_lose_what_the_model_fixes(registry):
    """`settings=` of a model class apply gives the provider, and `model_settings=` of the
    Agent it is given to (through a name bound once), each lose their fixed entries; one on
    a line of its own goes with its line."""
    text = (
        "from pydantic_ai import Agent\n"
        "from pydantic_ai.models.openai import OpenAIChatModel\n\n"
        'model = OpenAIChatModel("gpt-4o", settings={"seed": 1, "presence_penalty": 0.5})\n'
        "agent = Agent(model, model_settings={\n"
        '    "top_p": 0.9,  # nucleus\n'
        '    "frequency_penalty": 0.1,\n'
        '    "max_tokens": 100,\n'
        "})\n"
    )
    found = scanned(registry, text, "moonshot")
    assert [f[:3] for f in found] == [
        (4, 9, "ML671"),
        (4, 56, "ML671"),
        (6, 5, "ML671"),
        (7, 5, "ML671"),
    ]
    assert found[1][3] == (
        "kimi-k2.6 (mapped from gpt-4o) fixes presence_penalty on Moonshot AI (Kimi): "
        "presence_penalty= is removed (the model ignores or rejects it)"
    )
    after = applied(registry, text, "moonshot")
    assert after == (
        KIMI_IMPORTS + "model = OpenAIChatModel(\n"
        '    "kimi-k2.6",\n'
        "    provider=OpenAIProvider(\n"
        '        base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        '        api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),\n'
        "    ),\n"
        "    profile=OpenAIModelProfile(openai_supports_tool_choice_required=False),\n"
        '    settings={"seed": 1},\n'
        ")\n"
        "agent = Agent(model, model_settings={\n"
        '    "max_tokens": 100,\n'
        "})\n"
    )
    assert applied(registry, after, "moonshot") == after
    assert scanned(registry, after, "moonshot") == []


def test_a_fixed_setting_beside_a_model_already_on_the_provider_is_removed(registry):
    """The Agent whose model class talks to the provider already (by hand, or an earlier
    apply) still sends its settings to that model."""
    text = (
        KIMI_IMPORTS
        + "agent = Agent(\n"
        + KIMI_MODEL
        + ("    model_settings={'temperature': 0.2},\n)\n")
    )
    found = scanned(registry, text, "moonshot")
    assert found == [
        (
            18,
            21,
            "ML671",
            "kimi-k2.6 fixes temperature on Moonshot AI (Kimi): temperature= is removed "
            "(the model ignores or rejects it); model_settings= goes too: nothing else is in it",
        )
    ]
    after = applied(registry, text, "moonshot")
    assert after == text.replace("    model_settings={'temperature': 0.2},\n", "")
    assert applied(registry, after, "moonshot") == after
    assert scanned(registry, after, "moonshot") == []


def test_a_settings_dict_bound_to_a_name_is_left_to_a_person(registry):
    """A dict bound to a name may be used elsewhere too: the entry is named, not removed."""
    text = (
        "from pydantic_ai import Agent\n\n"
        'SETTINGS = {"temperature": 0.2}\n'
        "agent = Agent('openai:gpt-4o', model_settings=SETTINGS)\n"
    )
    ctx = RuleContext(registry, registry.get("moonshot"))
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []
    entry = found[0]
    assert (entry.line, entry.column, entry.fix, entry.message) == (
        3,
        13,
        FixClass.MANUAL,
        "kimi-k2.6 (mapped from gpt-4o) fixes temperature on Moonshot AI (Kimi): remove it "
        "(the model ignores or rejects it)",
    )
    assert 'SETTINGS = {"temperature": 0.2}\n' in applied(registry, text, "moonshot")


@pytest.mark.parametrize(
    "text",
    [
        # native tools: the string stays for a person (ML671), the model is not moved
        "from pydantic_ai import Agent\n\nagent = Agent('openai:gpt-4o', "
        "model_settings={'temperature': 0.2}, capabilities=[])\n",
        # an environment variable may pick another model
        "import os\n\nfrom pydantic_ai import Agent\n\nagent = Agent(os.getenv('M', "
        "'openai:gpt-4o'), model_settings={'temperature': 0.2})\n",
    ],
)
def test_settings_of_an_agent_whose_model_is_not_moved_are_left(registry, text):
    found = scanned(registry, text, "moonshot")
    assert all("fixes temperature" not in f[3] for f in found)


ALL_GO = "; model_settings= goes too: nothing else is in it"


@pytest.mark.parametrize(
    ("imports", "agent", "rest"),
    [
        # the last argument: it and the comma before it
        ("", "Agent('openai:gpt-4o', model_settings={'temperature': 0.2})", ""),
        # on a line of its own: the line
        (
            "",
            "Agent(\n    'openai:gpt-4o',\n    model_settings={'temperature': 0.2},\n"
            "    retries=2,\n)",
            "    retries=2,\n",
        ),
        # every entry fixed, before another keyword: it and its comma
        (
            "",
            "Agent('openai:gpt-4o', model_settings={'top_p': 0.9, 'temperature': 0.2}, retries=2)",
            "    retries=2,\n",
        ),
        # a settings class's keywords (its import, left unused, goes)
        (
            ", ModelSettings",
            "Agent('openai:gpt-4o', model_settings=ModelSettings(temperature=0.2))",
            "",
        ),
    ],
)
def test_settings_left_with_nothing_go_with_their_keyword(registry, imports, agent, rest):
    """Removing the only entries the settings hold leaves no `model_settings={}`: the keyword
    goes too, in the same edit each entry's finding names."""
    text = f"from pydantic_ai import Agent{imports}\n\nagent = {agent}\n"
    settings = [f for f in scanned(registry, text, "moonshot") if "fixes" in f[3]]
    assert settings
    assert all(
        f[3].endswith(f"is removed (the model ignores or rejects it){ALL_GO}") for f in settings
    )
    after = applied(registry, text, "moonshot")
    model = KIMI_MODEL if rest else KIMI_MODEL[: -len(",\n")] + "\n"
    assert after == KIMI_IMPORTS + "agent = Agent(\n" + model + rest + ")\n"
    assert applied(registry, after, "moonshot") == after
    assert scanned(registry, after, "moonshot") == []


def test_a_model_class_and_its_agent_lose_settings_left_with_nothing(registry):
    """`settings=` of a model class apply gives the provider goes beside the provider it gets
    (one pass, no clash), and the Agent's `model_settings=` over lines of its own."""
    text = (
        "from pydantic_ai import Agent\n"
        "from pydantic_ai.models.openai import OpenAIChatModel\n\n"
        'model = OpenAIChatModel("gpt-4o", settings={"temperature": 0.2})\n'
        "agent = Agent(model, model_settings={\n"
        '    "top_p": 0.9,\n'
        "})\n"
    )
    found = scanned(registry, text, "moonshot")
    assert [f[:3] for f in found] == [(4, 9, "ML671"), (4, 45, "ML671"), (6, 5, "ML671")]
    assert found[1][3] == (
        "kimi-k2.6 (mapped from gpt-4o) fixes temperature on Moonshot AI (Kimi): temperature= "
        "is removed (the model ignores or rejects it); settings= goes too: nothing else is in it"
    )
    after = applied(registry, text, "moonshot")
    assert after == (
        KIMI_IMPORTS + "model = OpenAIChatModel(\n"
        '    "kimi-k2.6",\n'
        "    provider=OpenAIProvider(\n"
        '        base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        '        api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),\n'
        "    ),\n"
        "    profile=OpenAIModelProfile(openai_supports_tool_choice_required=False),\n"
        ")\n"
        "agent = Agent(model)\n"
    )
    assert applied(registry, after, "moonshot") == after
    assert scanned(registry, after, "moonshot") == []


RUNS = (
    "from pydantic_ai import Agent, ModelSettings\n"
    "from pydantic_ai.models.openai import OpenAIChatModelSettings\n\n"
    "agent = Agent('openai:gpt-4o')\n"
    "SETTINGS = OpenAIChatModelSettings(top_p=0.9, max_tokens=50)\n\n\n"
    "async def main():\n"
    "    await agent.run('hi', model_settings={'temperature': 0.2, 'max_tokens': 9})\n"
    "    agent.run_sync('hi', model_settings=ModelSettings(max_tokens=9, temperature=0.2))\n"
    "    async with agent.run_stream('hi', model_settings={'temperature': 0.2}) as result:\n"
    "        print(result)\n"
    "    async with agent.iter('hi', model_settings=SETTINGS):\n"
    "        pass\n"
    "    with agent.override(model_settings=ModelSettings(top_p=0.5)):\n"
    "        agent.run_sync('hi', model='test', model_settings={'temperature': 0.2})\n"
)


def test_settings_given_to_the_runs_of_a_moved_agent_lose_what_the_model_fixes(registry):
    """The runs of an agent whose model apply moves send their `model_settings=` to that
    model too (merged over the agent's): a dict or `ModelSettings(...)` written in the run
    loses its fixed entries (the keyword too, where nothing else is left); settings bound to
    a name are left to a person; a run given a model of its own is not the agent's."""
    found = scanned(registry, RUNS, "moonshot")
    fixes = "kimi-k2.6 (mapped from gpt-4o) fixes"
    removed = "is removed (the model ignores or rejects it)"
    assert found[1:] == [
        (
            5,
            36,
            "ML671",
            f"{fixes} top_p on Moonshot AI (Kimi): remove it (the model ignores or rejects it)",
        ),
        (9, 43, "ML671", f"{fixes} temperature on Moonshot AI (Kimi): temperature= {removed}"),
        (10, 69, "ML671", f"{fixes} temperature on Moonshot AI (Kimi): temperature= {removed}"),
        (
            11,
            55,
            "ML671",
            f"{fixes} temperature on Moonshot AI (Kimi): temperature= {removed}{ALL_GO}",
        ),
        (15, 54, "ML671", f"{fixes} top_p on Moonshot AI (Kimi): top_p= {removed}{ALL_GO}"),
    ]
    ctx = RuleContext(registry, registry.get("moonshot"))
    findings = FileScanner(ctx, Path(".")).findings("python", "app.py", RUNS) or []
    assert [(f.severity.value, f.fix) for f in findings[1:]] == [
        ("warning", FixClass.MANUAL),
        *[("warning", FixClass.REVIEW)] * 4,
    ]
    after = applied(registry, RUNS, "moonshot")
    assert after == (
        "import os\n\n"
        "from pydantic_ai import Agent, ModelSettings\n"
        "from pydantic_ai.models.openai import OpenAIChatModel, OpenAIChatModelSettings\n"
        "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
        "agent = Agent(\n" + KIMI_MODEL[: -len(",\n")] + "\n)\n"
        "SETTINGS = OpenAIChatModelSettings(top_p=0.9, max_tokens=50)\n\n\n"
        "async def main():\n"
        "    await agent.run('hi', model_settings={'max_tokens': 9})\n"
        "    agent.run_sync('hi', model_settings=ModelSettings(max_tokens=9))\n"
        "    async with agent.run_stream('hi') as result:\n"
        "        print(result)\n"
        "    async with agent.iter('hi', model_settings=SETTINGS):\n"
        "        pass\n"
        "    with agent.override():\n"
        "        agent.run_sync('hi', model='test', model_settings={'temperature': 0.2})\n"
    )
    assert applied(registry, after, "moonshot") == after
    assert scanned(registry, after, "moonshot") == [
        (
            19,
            36,
            "ML671",
            "kimi-k2.6 fixes top_p on Moonshot AI (Kimi): remove it (the model ignores or "
            "rejects it)",
        )
    ]


def test_settings_given_to_the_runs_of_an_agent_of_a_moved_model_class(registry):
    """An agent given a model class apply points at the provider, through a name."""
    text = (
        "from pydantic_ai import Agent\n"
        "from pydantic_ai.models.openai import OpenAIChatModel\n\n"
        'model = OpenAIChatModel("gpt-4o")\n'
        "agent = Agent(model)\n"
        'print(agent.run_sync("hi", model_settings={"temperature": 0.2}).output)\n'
    )
    found = scanned(registry, text, "moonshot")
    assert [f[:3] for f in found] == [(4, 9, "ML671"), (6, 44, "ML671")]
    after = applied(registry, text, "moonshot")
    assert after.endswith('agent = Agent(model)\nprint(agent.run_sync("hi").output)\n')
    assert applied(registry, after, "moonshot") == after


@pytest.mark.parametrize(
    "text",
    [
        # native tools: the model is not moved
        "from pydantic_ai import Agent\n\nagent = Agent('openai:gpt-4o', capabilities=[])\n"
        "agent.run_sync('hi', model_settings={'temperature': 0.2})\n",
        # the name is bound twice: the run may be the other agent's
        "from pydantic_ai import Agent\n\nagent = Agent('openai:gpt-4o')\n"
        "agent = make()\nagent.run_sync('hi', model_settings={'temperature': 0.2})\n",
        # `**` may give a model of its own
        "from pydantic_ai import Agent\n\nagent = Agent('openai:gpt-4o')\n"
        "agent.run_sync('hi', model_settings={'temperature': 0.2}, **kw)\n",
        # not a run
        "from pydantic_ai import Agent\n\nagent = Agent('openai:gpt-4o')\n"
        "agent.to_cli_sync(model_settings={'temperature': 0.2})\n",
    ],
)
def test_settings_of_a_run_not_sent_to_the_moved_model_are_left(registry, text):
    assert all("fixes temperature" not in f[3] for f in scanned(registry, text, "moonshot"))


# t45d repros/deep: the string four blocks deep
DEEP = (
    "from pydantic_ai import Agent\n\n\n"
    "class Factory:\n"
    "    def build(self, flag):\n"
    "        if flag:\n"
    "            for _ in range(1):\n"
    '                with open("x") as f:\n'
    '                    return Agent("openai:gpt-4o", instructions=f.read())\n'
)
DEEP_BASE_URL = {
    88: (
        "                                base_url=os.environ.get(\n"
        '                                    "MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"\n'
        "                                ),\n"
    ),
    120: (
        '                                base_url=os.environ.get("MOONSHOT_BASE_URL", '
        '"https://api.moonshot.cn/v1"),\n'
    ),
}
DEEP_PROFILE = {
    88: (
        "                            profile=OpenAIModelProfile(\n"
        "                                openai_supports_tool_choice_required=False\n"
        "                            ),\n"
    ),
    120: (
        "                            profile=OpenAIModelProfile("
        "openai_supports_tool_choice_required=False),\n"
    ),
}


def migrated(registry, text: str, directory: Path, provider: str, name: str = "app.py") -> str:
    """`text` migrated as the file `directory/name` (the line length configured above it);
    a second run changes nothing."""
    ctx = RuleContext(registry, registry.get(provider))
    change = FileScanner(ctx, directory).migrate_text(text, "python", name, name, directory / name)
    assert change.error is None
    again = FileScanner(ctx, directory).migrate_text(
        change.after, "python", name, name, directory / name
    )
    assert again.after == change.after
    return change.after


@pytest.mark.parametrize("length", [88, 120])
def test_a_deeply_nested_agent_rewrite_wraps_to_the_configured_line_length(
    registry, tmp_path, length
):
    """t45d D6: the model built four blocks deep had a 107-character line, within the 120 the
    ruff.toml above that repro sets (found as ruff finds it): the rewrite's lines are wrapped
    as every edit's are (`layout.wrap_long_lines`), to 88 where nothing sets a length."""
    if length != 88:
        (tmp_path / "ruff.toml").write_text(f"line-length = {length}\n", encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    after = migrated(registry, DEEP, repo, "moonshot", "deep.py")
    assert after == (
        KIMI_IMPORTS + "\nclass Factory:\n"
        "    def build(self, flag):\n"
        "        if flag:\n"
        "            for _ in range(1):\n"
        '                with open("x") as f:\n'
        "                    return Agent(\n"
        "                        OpenAIChatModel(\n"
        '                            "kimi-k2.6",\n'
        "                            provider=OpenAIProvider(\n"
        + DEEP_BASE_URL[length]
        + '                                api_key=os.environ["MOONSHOT_API_KEY"],\n'
        "                            ),\n"
        + DEEP_PROFILE[length]
        + '                            settings={"extra_body": {"thinking": {"type": "disabled"}}},\n'
        "                        ),\n"
        "                        instructions=f.read(),\n"
        "                    )\n"
    )
    assert max(len(line) for line in after.splitlines()) <= length


NESTED = [
    DEEP,
    'from pydantic_ai import Agent\n\nAGENTS = {"a": Agent("openai:gpt-4o", instructions="x"), '
    '"b": Agent("openai:gpt-4o-mini")}\n',
    "from pydantic_ai import Agent\n\n\nasync def f():\n    if True:\n"
    '        result = await Agent("openai:gpt-4o", output_type=int).run("hi", deps=1)\n',
    'from pydantic_ai import Agent\n\nMODEL = "openai:gpt-4o"\n\n\ndef f():\n    if True:\n'
    '        return Agent(MODEL, instructions="x")\n',
    "import os\n\nfrom pydantic_ai import Agent\n\n\ndef f():\n    if True:\n"
    '        return Agent(os.getenv("PYDANTIC_AI_MODEL", "openai:gpt-4o"))\n',
    "from pydantic_ai import Agent\n\n\nclass A:\n    def f(self):\n        self.agents = [\n"
    '            Agent("openai:gpt-4o", name="a", model_settings={"temperature": 0.2, "seed": 5}),\n'
    "        ]\n",
    "from pydantic_ai import Agent\nfrom pydantic_ai.models.openai import OpenAIChatModel\n"
    "from pydantic_ai.providers.openai import OpenAIProvider\n\n\ndef f():\n    if True:\n"
    "        for x in y:\n"
    '            return Agent(OpenAIChatModel("gpt-4o", provider=OpenAIProvider()), retries=3)\n',
    'from pydantic_ai import Agent\n\n\ndef f(a=Agent("openai:gpt-4o")):\n    return a\n',
]


@pytest.mark.parametrize("length", [79, 88, 100, 120])
def test_nested_agent_rewrites_are_laid_out_as_ruff_format_would(registry, tmp_path, length):
    """Wherever the `Agent(...)` stands, the lines the rewrite changed are those `ruff format`
    would write at the project's line length, none longer than it."""
    pytest.importorskip("ruff")
    from .test_generated_style import _changed_rows, _rows_ruff_would_change

    (tmp_path / "ruff.toml").write_text(f"line-length = {length}\n", encoding="utf-8")
    changed = {}
    for number, before in enumerate(NESTED):
        name = f"n{number}.py"
        after = migrated(registry, before, tmp_path, "moonshot", name)
        (tmp_path / name).write_text(after, encoding="utf-8")
        changed[name] = (_changed_rows(before, after), after)
        assert changed[name][0] and "OpenAIChatModel(" in after
        assert max(len(line) for line in after.splitlines()) <= length, after
    reformatted = _rows_ruff_would_change(tmp_path, length)
    for name, (rows, after) in changed.items():
        assert reformatted.get(name, set()) & rows == set(), after


ROWS = (
    "import os\n\nfrom pydantic_ai import Agent\n\nagent = Agent()\n"
    "models = [\n"
    "    ('google-gla:gemini-2.5-flash', 'GEMINI_API_KEY'),\n"
    "    ('openai:gpt-4o', 'OPENAI_API_KEY'),\n"
    "]\n\n\n"
    "def main():\n"
    "    for model, env_var in models:\n"
    "        if env_var in os.environ:\n"
    "            agent.run_sync('hi', model=model)\n"
)


def test_a_row_of_a_table_whose_models_an_agent_runs_is_ml671s(registry):
    """t44a D7 (pydantic-ai's stream_markdown): the `openai:` row of a table of (model,
    key variable) rows a loop hands to `agent.run_sync(model=...)` goes to OpenAI whenever
    OPENAI_API_KEY is set: ML671's error with the recipe, not ML205's list."""
    found = [f for f in scanned(registry, ROWS) if f[2] != "ML401"]
    assert found == [
        (
            8,
            6,
            "ML671",
            "model of a row of models = 'openai:gpt-4o' (given as the model of "
            f"agent.run_sync() on line 15): the openai: {WHY}; {build('acme-large')}",
        )
    ]
    ctx = RuleContext(registry, registry.get("acme"))
    (finding,) = [
        f
        for f in FileScanner(ctx, Path(".")).findings("python", "app.py", ROWS) or []
        if f.rule == "ML671"
    ]
    assert (finding.severity.value, finding.fix, finding.edit) == ("error", FixClass.MANUAL, None)
    # an Agent built from the column is a model argument too
    built = ROWS.replace("agent.run_sync('hi', model=model)", "Agent(model).run_sync('hi')")
    assert [f[2] for f in scanned(registry, built) if f[2] != "ML401"] == ["ML671"]


@pytest.mark.parametrize(
    "text",
    [
        # the column is only printed
        ROWS.replace("agent.run_sync('hi', model=model)", "print(model)"),
        # no pydantic-ai here: a list of names code may check against
        ROWS.replace("from pydantic_ai import Agent\n\nagent = Agent()\n", "agent = None\n"),
    ],
)
def test_a_row_whose_model_reaches_no_agent_stays_ml205s(registry, text):
    assert [f[2] for f in scanned(registry, text) if f[2] != "ML401"] == ["ML205"]
