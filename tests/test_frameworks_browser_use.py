"""browser-use's own ChatOpenAI, its ChatAzureOpenAI and its ChatDeepSeek left on its defaults
(ML687): exact before/after text and messages with every rule running, what is left to a
person (so `check` fails), and the prefilter. No run with browser-use itself: browser-use
0.13.8 pins openai==2.16.0 and other exact versions the `frameworks` extra's environment has
newer."""

from __future__ import annotations

from dataclasses import replace

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.prefilter import prefilters
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .cli_findings import check_rules
from .framework_rewrites import applied, assert_rewrites

CHAT = "from browser_use import ChatOpenAI\n"
AGENT = "from browser_use import Agent, ChatOpenAI\n"
KEY = 'api_key=os.environ.get("ACME_API_KEY", "unset")'
URL = 'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
SCHEMA = "add_schema_to_system_prompt=True"
NO_FORCE = "dont_force_structured_output=True"
DS_KEY = 'api_key=os.environ.get("DEEPSEEK_API_KEY", "unset")'
DS_URL = 'base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")'
DS_TARGET = (
    "for DeepSeek read the key from DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL "
    "(default https://api.deepseek.com)"
)
DS_SCHEMA = (
    f'{SCHEMA} and {NO_FORCE}: response_format type "json_schema" is not accepted by DeepSeek '
    "(accepted: text, json_object), so the schema goes in the system prompt and no "
    "response_format is sent"
)
REFUSED = (
    'response_format type "json_schema" is not accepted by {} (accepted: text, json_object), '
    "which browser-use sends for structured output: pass {}"
)
TALKS = "ChatOpenAI() (browser-use) talks to OpenAI (key from OPENAI_API_KEY)"


def found(registry, text: str, provider: str | None = "acme") -> list[tuple[int, str, str, str]]:
    """(line, rule, fix, message) of every finding on `text`."""
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return [(f.line, f.rule, f.fix.value, f.message) for f in check_python(text, ctx, PYTHON_RULES)]


CASES = [
    pytest.param(
        "from browser_use.llm.openai.chat import ChatOpenAI as BUChat\n\n"
        "llm = BUChat(model='gpt-4o-mini', organization='org-1', temperature=0.5)\n",
        "import os\n\nfrom browser_use.llm.openai.chat import ChatOpenAI as BUChat\n\n"
        f"llm = BUChat(\n    {KEY},\n    {URL},\n    {SCHEMA},\n    {NO_FORCE},\n"
        "    model='acme-small',\n    temperature=0.5,\n)\n",
        id="aliased-class-organization-dropped",
    ),
    pytest.param(
        "import os\n\nfrom browser_use.llm import ChatOpenAI\n\n\ndef build():\n"
        "    return ChatOpenAI(model='gpt-4o', api_key=os.getenv('OPENAI_API_KEY'))\n",
        "import os\n\nfrom browser_use.llm import ChatOpenAI\n\n\ndef build():\n"
        "    return ChatOpenAI(\n"
        f"        {URL},\n        {SCHEMA},\n        {NO_FORCE},\n        model='acme-large',\n"
        '        api_key=os.environ["ACME_API_KEY"],\n    )\n',
        id="openais-key-variable-replaced",
    ),
    pytest.param(
        f"{CHAT}llm = ChatOpenAI(model='gpt-4o', {SCHEMA.replace('True', 'False')})\n",
        f"import os\n\n{CHAT}llm = ChatOpenAI(\n    {KEY},\n    {URL},\n    model='acme-large',\n"
        "    add_schema_to_system_prompt=False,\n)\n",
        id="the-schema-setting-the-code-gives-is-kept",
    ),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_rewrite(registry, before, after):
    assert_rewrites(registry, before, after)


def test_the_chat_class_message_and_data(registry):
    ctx = RuleContext(registry, registry.get("deepseek"))
    [finding] = check_python(f"{CHAT}llm = ChatOpenAI(model='gpt-4.1')\n", ctx, PYTHON_RULES)
    assert finding.rule == "ML687"
    assert finding.message == (
        f"{TALKS}; {DS_TARGET}; model 'gpt-4.1' -> 'deepseek-v4-pro'; {DS_SCHEMA}"
    )
    assert finding.data == {
        "framework": "browser_use",
        "class": "ChatOpenAI",
        "api_key_env": "DEEPSEEK_API_KEY",
        "base_url_env": "DEEPSEEK_BASE_URL",
        "model_from": "gpt-4.1",
        "model_to": "deepseek-v4-pro",
    }


def test_a_provider_model_with_the_providers_key_and_no_base_url_still_goes_to_openai(registry):
    # t44e D1: what ML206 used to advise
    text = (
        f"import os\n{CHAT}"
        "llm = ChatOpenAI(model='deepseek-flash', api_key=os.getenv('DEEPSEEK_API_KEY'))\n"
    )
    assert found(registry, text, "deepseek") == [
        (
            3,
            "ML687",
            "manual",
            "ChatOpenAI() (browser-use) talks to OpenAI (key from DEEPSEEK_API_KEY); without "
            f"base_url= it sends that key to OpenAI: pass {DS_URL}",
        )
    ]


def test_a_provider_model_alone_is_pointed_at_the_provider(registry):
    text = f"{CHAT}llm = ChatOpenAI(model='deepseek-flash')\n"
    assert applied(registry, text, "deepseek") == (
        f"import os\n\n{CHAT}llm = ChatOpenAI(\n    {DS_KEY},\n    {DS_URL},\n"
        f"    {SCHEMA},\n    {NO_FORCE},\n    model='deepseek-flash',\n)\n"
    )


def test_another_key_is_left_to_a_person(registry):
    text = f"import os\n{CHAT}llm = ChatOpenAI(model='gpt-4o', api_key=os.environ['MY_KEY'])\n"
    assert found(registry, text) == [
        (
            3,
            "ML687",
            "manual",
            "ChatOpenAI() (browser-use) talks to OpenAI (key from MY_KEY); apply replaces only "
            'OPENAI_API_KEY: pass api_key=os.environ["ACME_API_KEY"] and base_url=os.environ.get('
            '"ACME_BASE_URL", "https://api.acme.example/v1") together, by hand (an OpenAI key '
            "must not go to Acme Cloud)",
        )
    ]


def test_pointed_at_the_provider_without_a_key_gets_the_providers(registry):
    text = (
        f"import os\n{CHAT}llm = ChatOpenAI(model='deepseek-flash', "
        "base_url=os.environ.get('DEEPSEEK_BASE_URL', 'https://api.deepseek.com'))\n"
    )
    assert found(registry, text, "deepseek") == [
        (
            3,
            "ML687",
            "safe",
            "ChatOpenAI() (browser-use) already points at DeepSeek, but takes its key from "
            "OPENAI_API_KEY: the OpenAI key would go to DeepSeek; apply passes api_key from "
            "DEEPSEEK_API_KEY",
        ),
        (
            3,
            "ML687",
            "manual",
            "ChatOpenAI() (browser-use) already points at DeepSeek; "
            + REFUSED.format("DeepSeek", f"{SCHEMA} and {NO_FORCE}"),
        ),
    ]


# --- NE2: a provider refusing json_schema ---------------------------------------------------

POINTED = (
    f"import os\n{CHAT}llm = ChatOpenAI(\n    model='deepseek-flash',\n"
    "    base_url=os.environ.get('DEEPSEEK_BASE_URL', 'https://api.deepseek.com'),\n"
    "    api_key=os.environ['DEEPSEEK_API_KEY'],\n"
)


def test_pointed_there_by_hand_it_still_sends_json_schema(registry):
    # t44f NE2, t44e's hand edits: check was green while every structured call sent it
    assert found(registry, POINTED + ")\n", "deepseek") == [
        (
            3,
            "ML687",
            "manual",
            "ChatOpenAI() (browser-use) already points at DeepSeek; "
            + REFUSED.format("DeepSeek", f"{SCHEMA} and {NO_FORCE}"),
        )
    ]
    given_one = POINTED + f"    {SCHEMA},\n)\n"
    assert found(registry, given_one, "deepseek")[0][3].endswith(f"pass {NO_FORCE}")
    given_both = POINTED + f"    {SCHEMA},\n    {NO_FORCE},\n)\n"
    assert found(registry, given_both, "deepseek") == [
        (3, "ML687", "none", "ChatOpenAI() (browser-use) already points at DeepSeek")
    ]


def test_a_schema_setting_the_code_gives_leaves_both_to_a_person(registry):
    text = f"{CHAT}llm = ChatOpenAI(model='gpt-4o', dont_force_structured_output=False)\n"
    [(_, _, fix, message)] = found(registry, text)
    assert fix == "review"
    assert message.endswith(
        "model 'gpt-4o' -> 'acme-large'; "
        + REFUSED.format("Acme Cloud", f"{SCHEMA} and {NO_FORCE}")
        + ", by hand"
    )
    after = applied(registry, text, "acme")
    assert after == (
        f"import os\n\n{CHAT}llm = ChatOpenAI(\n    {KEY},\n    {URL},\n    model='acme-large',\n"
        "    dont_force_structured_output=False,\n)\n"
    )
    # applied: check stays red on it
    assert [(rule, fix) for _, rule, fix, _ in found(registry, after)] == [("ML687", "manual")]


def test_a_mapping_that_may_hold_the_settings_leaves_them_to_a_person(registry):
    text = f"{CHAT}llm = ChatOpenAI(model='gpt-4o', **{{'temperature': 0.5}})\n"
    [(_, _, fix, message)] = found(registry, text)
    assert fix == "review"
    assert message.endswith(f"{REFUSED.format('Acme Cloud', f'{SCHEMA} and {NO_FORCE}')}, by hand")
    assert NO_FORCE.split("=")[0] not in applied(registry, text, "acme")


@pytest.mark.parametrize(
    ("provider", "settings"),
    [
        ("deepseek", [SCHEMA, NO_FORCE]),  # [params] response_format: text, json_object
        ("minimax", [SCHEMA, NO_FORCE]),  # text only
        ("doubao", [SCHEMA]),  # no response_format list; structured outputs "partial"
        ("spark", [SCHEMA]),  # neither said
    ],
)
def test_the_settings_follow_the_provider_file(registry, provider, settings):
    after = applied(registry, f"{CHAT}llm = ChatOpenAI(model='gpt-4o')\n", provider)
    given = [line.strip().rstrip(",") for line in after.splitlines() if "=True" in line]
    assert given == settings


def test_a_provider_accepting_json_schema_gets_only_the_schema_in_the_prompt(registry):
    acme = registry.get("acme")
    formats = ["text", "json_object", "json_schema"]
    taking = replace(acme, params={**acme.params, "response_format": formats})
    ctx = RuleContext(registry, taking)
    [finding] = check_python(f"{CHAT}llm = ChatOpenAI(model='gpt-4o')\n", ctx, PYTHON_RULES)
    assert finding.message.endswith(
        f"{SCHEMA}: Acme Cloud is not known to take structured outputs (response_format "
        "json_schema), so the schema also goes in the system prompt"
    )
    assert finding.edit is not None and NO_FORCE not in finding.edit.text


def test_an_unconfirmed_refusal_says_so(registry):
    [(_, _, _, message)] = found(registry, f"{CHAT}llm = ChatOpenAI(model='gpt-4o')\n", "minimax")
    assert (
        'response_format type "json_schema" is not accepted by MiniMax (accepted: text) '
        "(unconfirmed: MiniMax documents no response_format; AgentScope strips it, CAMEL "
        "describes json_object), so the schema goes in the system prompt"
    ) in message


def test_another_host_is_a_note(registry):
    text = f"{CHAT}llm = ChatOpenAI(model='llama3', base_url='http://localhost:11434/v1')\n"
    assert found(registry, text, "deepseek") == [
        (
            2,
            "ML687",
            "none",
            "ChatOpenAI() (browser-use) points at http://localhost:11434/v1, not OpenAI; left "
            "as it is",
        )
    ]


def test_without_a_provider_it_is_reported(registry):
    assert found(registry, f"{CHAT}llm = ChatOpenAI(model='gpt-4.1')\n", None) == [
        (
            2,
            "ML687",
            "manual",
            f"{TALKS}; `migrate-llm apply --provider ID` points it at a provider",
        )
    ]


def test_langchains_chat_openai_is_not_browser_uses(registry):
    text = "from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model='gpt-4o')\n"
    assert [rule for _, rule, _, _ in found(registry, text, "deepseek")] == ["ML601"]


# --- D5: an Agent sends screenshots ---------------------------------------------------------


def test_a_model_given_to_an_agent_becomes_the_providers_model_for_images(registry):
    text = f"{AGENT}\nagent = Agent(task='t', llm=ChatOpenAI(model='gpt-4.1'), use_vision=True)\n"
    ctx = RuleContext(registry, registry.get("deepseek"))
    [finding] = check_python(text, ctx, PYTHON_RULES)
    assert finding.message == (
        f"{TALKS}; {DS_TARGET}; model 'gpt-4.1' -> 'deepseek-flash'; the Agent on line 3 sends "
        "it screenshots (no use_vision=False): 'deepseek-flash' is DeepSeek's model for "
        f"images; {DS_SCHEMA}"
    )
    assert finding.data is not None and finding.data["vision"] is True
    assert applied(registry, text, "deepseek") == (
        f"import os\n\n{AGENT}\nagent = Agent(\n    task='t',\n    llm=ChatOpenAI(\n"
        f"        {DS_KEY},\n        {DS_URL},\n        {SCHEMA},\n        {NO_FORCE},\n"
        "        model='deepseek-flash',\n    ),\n    use_vision=True,\n)\n"
    )


def test_a_name_given_to_an_agent_positionally_sends_images_too(registry):
    text = f"{AGENT}\nllm = ChatOpenAI(model='gpt-4o')\nagent = Agent('t', llm)\n"
    assert applied(registry, text, "qwen").splitlines()[-3] == "    model='qwen3-vl-plus',"


def test_use_vision_false_keeps_the_tables_choice(registry):
    text = (
        f"{AGENT}\nllm = ChatOpenAI(model='gpt-4.1')\nagent = Agent('t', llm, use_vision=False)\n"
    )
    assert "    model='deepseek-v4-pro'," in applied(registry, text, "deepseek").splitlines()


def test_a_text_only_provider_model_given_to_an_agent_is_said(registry):
    text = f"{AGENT}agent = Agent(task='t', llm=ChatOpenAI(model='deepseek-v4-pro'))\n"
    [(_, _, fix, message)] = found(registry, text, "deepseek")
    assert fix == "review"
    assert message == (
        f"{TALKS}; {DS_TARGET}; the Agent on line 2 sends it screenshots (no use_vision=False), "
        "and 'deepseek-v4-pro' may read text only: pass model='deepseek-flash' (DeepSeek's "
        f"model for images) or use_vision=False there, by hand; {DS_SCHEMA}"
    )


def test_a_provider_naming_no_model_for_images(registry):
    text = f"{AGENT}agent = Agent(task='t', llm=ChatOpenAI(model='gpt-4o'))\n"
    [(_, _, _, message)] = found(registry, text, "spark")
    assert message.endswith(
        "the Agent on line 2 sends it screenshots (no use_vision=False), and iFLYTEK Spark "
        "names no model for images: pass use_vision=False there, or a model that takes images, "
        "by hand; add_schema_to_system_prompt=True: iFLYTEK Spark is not known to take "
        "structured outputs (response_format json_schema), so the schema also goes in the "
        "system prompt"
    )


# --- ChatAzureOpenAI ---------------------------------------------------------------------

AZURE = "from browser_use import Agent, ChatAzureOpenAI\n"
DS_RECIPE = (
    'api_key=os.environ["DEEPSEEK_API_KEY"], '
    'base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"), '
    f"{SCHEMA}, {NO_FORCE}) (from browser_use import ChatOpenAI) instead, without the Azure "
    "settings, by hand"
)


def test_chat_azure_openai_is_left_to_a_person_with_the_class_to_build(registry):
    text = (
        f"{AZURE}llm = ChatAzureOpenAI(model='gpt-4.1', api_version='2024-12-01-preview')\n"
        "agent = Agent(task='t', llm=llm)\n"
    )
    ctx = RuleContext(registry, registry.get("deepseek"))
    [finding] = check_python(text, ctx, PYTHON_RULES)  # nor ML206 on its model
    assert (finding.rule, finding.severity.value, finding.fix.value, finding.edit) == (
        "ML687",
        "error",
        "manual",
        None,
    )
    assert finding.message == (
        "ChatAzureOpenAI() (browser-use) talks to Azure OpenAI; for DeepSeek build "
        f'ChatOpenAI(model="deepseek-flash", {DS_RECIPE}'
    )
    assert finding.data == {
        "framework": "browser_use",
        "class": "ChatAzureOpenAI",
        "api_key_env": "DEEPSEEK_API_KEY",
        "base_url_env": "DEEPSEEK_BASE_URL",
        "model_from": "gpt-4.1",
        "model_to": "deepseek-flash",
    }


@pytest.mark.parametrize(
    ("text", "model"),
    [
        pytest.param(
            "from browser_use.llm.azure.chat import ChatAzureOpenAI as Az\n"
            "llm = Az(model=DEPLOYMENT)\n",
            "<model>",
            id="a-deployment-not-shown",
        ),
        pytest.param(
            "import browser_use.llm\nllm = browser_use.llm.ChatAzureOpenAI('deepseek-v4-pro')\n",
            "deepseek-v4-pro",
            id="the-providers-model-positionally",
        ),
    ],
)
def test_chat_azure_openai_model(registry, text, model):
    assert found(registry, text, "deepseek") == [
        (
            2,
            "ML687",
            "manual",
            "ChatAzureOpenAI() (browser-use) talks to Azure OpenAI; for DeepSeek build "
            f'ChatOpenAI(model="{model}", {DS_RECIPE}',
        )
    ]


def test_chat_azure_openai_without_a_provider_and_on_azure(registry):
    text = f"{AZURE}llm = ChatAzureOpenAI(model='my-deployment')\n"
    assert found(registry, text, None) == [
        (
            2,
            "ML687",
            "manual",
            "ChatAzureOpenAI() (browser-use) talks to Azure OpenAI; `migrate-llm scan "
            "--provider ID` says what to build instead",
        )
    ]
    assert found(registry, text, "azure") == []  # already there


# --- D2: ChatDeepSeek on its defaults -------------------------------------------------------

DEEPSEEK = "from browser_use import ChatDeepSeek\n"
NO_KEY = (
    "ChatDeepSeek() (browser-use) is given no api_key: the OpenAI SDK then reads "
    "OPENAI_API_KEY and sends it to DeepSeek (https://api.deepseek.com/v1); pass "
    'api_key=os.environ["DEEPSEEK_API_KEY"]'
)
RETIRED = (
    "ChatDeepSeek() (browser-use) is given no model, so it sends its default 'deepseek-chat': "
    "DeepSeek retired it on 2026-07-24, so requests for it fail; use deepseek-flash (with "
    'thinking disabled: extra_body={"thinking": {"type": "disabled"}}) instead, by hand'
)


def test_chat_deepseek_on_its_defaults(registry):
    text = f"{DEEPSEEK}llm = ChatDeepSeek()\n"
    ctx = RuleContext(registry, registry.get("deepseek"))
    findings = check_python(text, ctx, PYTHON_RULES)
    assert [(f.rule, f.severity.value, f.fix.value, f.message) for f in findings] == [
        ("ML687", "error", "manual", f"{NO_KEY}, by hand"),
        ("ML687", "error", "manual", RETIRED),
    ]
    assert findings[1].data == {
        "framework": "browser_use",
        "class": "ChatDeepSeek",
        "model_from": "deepseek-chat",
        "replacement": "deepseek-flash",
        "retired_on": "2026-07-24",
    }


def test_chat_deepseek_without_a_key_for_another_provider(registry):
    text = f"import os\n{DEEPSEEK}llm = ChatDeepSeek(model='deepseek-flash')\n"
    assert found(registry, text, "acme") == [
        (
            3,
            "ML687",
            "manual",
            f"{NO_KEY} (DeepSeek's key), or to move it to Acme Cloud use ChatOpenAI("
            'model="<model>", api_key=os.environ["ACME_API_KEY"], '
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")) '
            "(from browser_use import ChatOpenAI), by hand",
        )
    ]


def test_chat_deepseek_given_its_key_and_a_model_is_left_alone(registry):
    text = (
        f"import os\n{DEEPSEEK}"
        "llm = ChatDeepSeek(model='deepseek-flash', api_key=os.environ['DEEPSEEK_API_KEY'])\n"
    )
    assert found(registry, text, "deepseek") == []
    assert found(registry, text, None) == []


def test_a_module_naming_only_browser_uses_classes_passes_the_prefilter(registry):
    python = prefilters(registry.openai)["python"]
    assert python.search(f"{DEEPSEEK}llm = ChatDeepSeek()\n")
    assert python.search(f"{AZURE}llm = ChatAzureOpenAI(model='m')\n")
    assert python.search(f"{CHAT}llm = ChatOpenAI(model='deepseek-flash')\n")
    assert not python.search("from browser_use import Agent\nagent = Agent(task='t')\n")


def test_check_fails_until_apply_and_on_what_is_left_to_a_person(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    program = tmp_path / "bot.py"
    program.write_text(f"{AGENT}agent = Agent(task='t', llm=ChatOpenAI(model='gpt-4.1'))\n")
    assert check_rules(tmp_path, "deepseek") == (1, ["ML687"])
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert check_rules(tmp_path, "deepseek") == (0, [])
    program.write_text(f"{DEEPSEEK}llm = ChatDeepSeek()\n")
    assert check_rules(tmp_path, "deepseek") == (1, ["ML687", "ML687"])
    program.write_text(f"{AZURE}llm = ChatAzureOpenAI(model='gpt-4o')\n")
    assert check_rules(tmp_path, "deepseek") == (1, ["ML687"])
