"""autogen-ext's `OpenAIChatCompletionClient` built from a dict (ML661: `**cfg`, a component
config given to `load_component`) or from a YAML / JSON component config (ML663): the whole
move to the provider (base URL, `model_info`), the thinking switch, and what stays for a
person (a key the file cannot read, structured output, images). Exact text after `apply`, and
nothing left to edit on a second run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied, file_findings

CLIENT = "from autogen_ext.models.openai import OpenAIChatCompletionClient\n"
HEAD = "import os\n\n" + CLIENT
KEY = '    "api_key": os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
URL = '    "base_url": os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
THINKING_OFF = '{"thinking": {"type": "disabled"}}'
THINKS = (
    "thinks before it answers unless told not to, and autogen-ext does not give its "
    "reasoning_content back after a tool call, which the next request then fails for (HTTP 400)"
)
NO_SWITCH = (
    "; a component config cannot turn thinking off (autogen-ext drops its extra_body): where "
    "the program gives this client tools, build it in code with extra_body="
    + THINKING_OFF
    + " (OpenAIChatCompletionClient(**config, extra_body=...)), by hand"
)


def _info(indent: str, vision: bool, key: str = '"model_info": {') -> str:
    inner = indent + "    "
    return (
        f"{indent}{key}\n"
        f'{inner}"vision": {vision},\n'
        f'{inner}"function_calling": True,\n'
        f'{inner}"json_output": True,\n'
        f'{inner}"family": "unknown",\n'
        f'{inner}"structured_output": False,\n'
        f"{indent}}},\n"
    )


def _found(registry, text: str, provider: str = "deepseek"):
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
    ]


# --- ML661: the client's arguments in a dict ------------------------------------------------


def test_a_dict_spread_into_the_client_goes_to_the_provider_with_thinking_off(registry):
    before = CLIENT + '\ncfg = {"model": "gpt-4o", "temperature": 0}\n'
    before += "client = OpenAIChatCompletionClient(**cfg)\n"
    assert _found(registry, before) == [
        (
            3,
            "ML661",
            "error",
            "review",
            "OpenAIChatCompletionClient(**cfg) sends the request to OpenAI; apply passes the key "
            "from DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL (default "
            "https://api.deepseek.com), and turns thinking off (extra_body="
            + THINKING_OFF
            + "): deepseek-v4-pro "
            + THINKS,
        ),
        (
            3,
            "ML661",
            "error",
            "review",
            "model='gpt-4o' of OpenAIChatCompletionClient(**cfg) is an OpenAI model; apply "
            "writes 'deepseek-v4-pro' for DeepSeek",
        ),
    ]
    assert applied(registry, before, "deepseek") == (
        HEAD + "\ncfg = {\n"
        '    "model": "deepseek-v4-pro",\n'
        '    "temperature": 0,\n' + KEY + URL + _info("    ", False) + "    "
        '"extra_body": ' + THINKING_OFF + ",\n"
        "}\nclient = OpenAIChatCompletionClient(**cfg)\n"
    )


def test_a_dict_call_and_a_dict_in_place_are_moved_too(registry):
    called = CLIENT + '\ncfg = dict(model="gpt-4o-mini", api_key=KEY)\n'
    called += "client = OpenAIChatCompletionClient(**cfg)\n"
    assert applied(registry, called, "deepseek") == (
        HEAD + "\ncfg = dict(\n"
        '    model="deepseek-flash",\n'
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        + _info("    ", True, "model_info={")
        + f"    extra_body={THINKING_OFF},\n"
        ")\nclient = OpenAIChatCompletionClient(**cfg)\n"
    )
    in_place = CLIENT + '\nclient = OpenAIChatCompletionClient(**{"model": "gpt-4o"})\n'
    assert applied(registry, in_place, "deepseek") == (
        HEAD + "\nclient = OpenAIChatCompletionClient(\n    **{\n"
        '        "model": "deepseek-v4-pro",\n'
        "    " + KEY + "    " + URL + _info("        ", False) + "        "
        '"extra_body": ' + THINKING_OFF + ",\n"
        "    }\n)\n"
    )


@pytest.mark.parametrize(
    ("lines", "why", "at"),
    [
        (
            'BASE = {"temperature": 0}\ncfg = {"model": "gpt-4o", **BASE}\n',
            "`**BASE` may give it more entries, a base_url among them",
            4,
        ),
        (
            'cfg = {"model": "gpt-4o"}\ncfg["base_url"] = URL\n',
            'the module changes `cfg` on line 4 (`cfg["base_url"] = URL`)',
            3,
        ),
    ],
)
def test_a_dict_that_may_get_a_base_url_elsewhere_is_left_with_its_model(registry, lines, why, at):
    before = CLIENT + "\n" + lines + "client = OpenAIChatCompletionClient(**cfg)\n"
    assert _found(registry, before) == [
        (
            at,
            "ML661",
            "error",
            "manual",
            f"OpenAIChatCompletionClient(**cfg) sends the request to OpenAI, and {why}: apply "
            "leaves it; give it DeepSeek's model ('gpt-4o' maps to 'deepseek-v4-pro'), the key "
            "from DEEPSEEK_API_KEY, base_url https://api.deepseek.com and model_info, together, "
            "by hand",
        )
    ]
    assert applied(registry, before, "deepseek") == before


def test_a_component_config_in_code_goes_to_the_provider_but_keeps_thinking(registry):
    """`load_component` reads the config through a pydantic model that drops `extra_body`:
    the thinking switch cannot go there, so it is a warning that stays."""
    before = (
        "from autogen_core.models import ChatCompletionClient\n\n"
        "CONFIG = {\n"
        '    "provider": "autogen_ext.models.openai.OpenAIChatCompletionClient",\n'
        '    "config": {"model": "gpt-4o-mini", "api_key": KEY},\n'
        "}\n"
        "client = ChatCompletionClient.load_component(CONFIG)\n"
    )
    thinking = (
        "warning",
        "manual",
        "deepseek-flash " + THINKS + NO_SWITCH,
    )
    assert _found(registry, before) == [
        (
            5,
            "ML661",
            "error",
            "review",
            "this component config sends the request to OpenAI; apply passes the key from "
            "DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL (default "
            "https://api.deepseek.com)",
        ),
        (
            5,
            "ML661",
            "error",
            "review",
            "model='gpt-4o-mini' of this component config is an OpenAI model; apply writes "
            "'deepseek-flash' for DeepSeek",
        ),
        (5, "ML661", *thinking),
    ]
    after = applied(registry, before, "deepseek")
    assert after == (
        "import os\n\nfrom autogen_core.models import ChatCompletionClient\n\n"
        "CONFIG = {\n"
        '    "provider": "autogen_ext.models.openai.OpenAIChatCompletionClient",\n'
        '    "config": {\n'
        '        "model": "deepseek-flash",\n'
        "    " + KEY + "    " + URL + _info("        ", True) + "    },\n"
        "}\n"
        "client = ChatCompletionClient.load_component(CONFIG)\n"
    )
    assert _found(registry, after) == [(8, "ML661", *thinking)]


def test_a_module_holding_only_a_component_config_of_the_providers_model_is_read(registry):
    """What an earlier apply left (the model alone): the module names no OpenAI model and
    imports only autogen-core, and still sends the provider's model to api.openai.com."""
    text = (
        "from autogen_core.models import ChatCompletionClient\n\n"
        "client = ChatCompletionClient.load_component(\n"
        '    {"provider": "OpenAIChatCompletionClient", "config": {"model": "deepseek-v4-pro"}}\n'
        ")\n"
    )
    found = file_findings(registry, text, "deepseek")
    assert found is not None
    assert [(rule, line, column) for rule, line, column, _ in found] == [
        ("ML661", 4, 58),
        ("ML661", 4, 68),
    ]
    assert found[0][3].startswith("this component config sends the request to OpenAI; ")


def test_a_provider_model_without_base_url_is_moved_and_one_on_its_url_gets_model_info(
    registry,
):
    sent = CLIENT + '\nclient = OpenAIChatCompletionClient(model="deepseek-flash")\n'
    assert applied(registry, sent, "deepseek") == (
        HEAD + "\nclient = OpenAIChatCompletionClient(\n"
        '    model="deepseek-flash",\n'
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        + _info("    ", True, "model_info={")
        + f"    extra_body={THINKING_OFF},\n)\n"
    )
    there = (
        HEAD + "\nclient = OpenAIChatCompletionClient(\n"
        '    model="deepseek-v4-pro",\n'
        '    api_key=os.environ["DEEPSEEK_API_KEY"],\n'
        '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        ")\n"
    )
    assert _found(registry, there) == [
        (
            5,
            "ML661",
            "error",
            "review",
            "OpenAIChatCompletionClient() sends deepseek-v4-pro to DeepSeek without model_info, "
            "which autogen-ext needs for a model it does not know: apply adds it",
        )
    ]
    assert applied(registry, there, "deepseek") == there.replace(
        "),\n)\n", "),\n" + _info("    ", False, "model_info={") + ")\n"
    )


def test_a_call_choosing_its_thinking_keeps_its_choice(registry):
    before = CLIENT + (
        '\nfast = OpenAIChatCompletionClient(model="gpt-4o", reasoning_effort="high")\n'
        'other = OpenAIChatCompletionClient(model="gpt-4o", extra_body={"seed": 1})\n'
    )
    after = applied(registry, before, "deepseek")
    assert "thinking" not in after
    assert after.count('reasoning_effort="high"') == after.count('extra_body={"seed": 1}') == 1


# --- ML661: what a client moved to the provider still meets -----------------------------------


def test_structured_output_the_model_info_refuses_stays_an_error(registry):
    before = (
        "from autogen_agentchat.agents import AssistantAgent\n"
        + CLIENT
        + "\n"
        + 'client = OpenAIChatCompletionClient(model="gpt-4o")\n'
        + 'agent = AssistantAgent("a", model_client=client, output_content_type=Answer)\n'
        + 'plain = AssistantAgent("b", model_client=client, output_content_type=None)\n\n\n'
        "async def ask(messages):\n"
        "    await client.create(messages, json_output=True)\n"
        "    return await client.create_stream(messages, json_output=Answer)\n"
    )
    head = (
        "asks its client for structured output, and the client's model_info says it has none "
        '("structured_output": False: DeepSeek has no structured outputs; its response_format '
        'takes text, json_object): autogen-ext raises "Model does not support structured '
        'output." before any request; '
    )
    keep = (
        'or set "structured_output": True if DeepSeek answering without the schema enforced '
        "will do, by hand"
    )
    agent = (
        "AssistantAgent(output_content_type=Answer) "
        + head
        + "drop output_content_type, ask for JSON in the system message and parse the reply "
        "with Answer.model_validate_json(...), " + keep
    )
    stream = (
        "create_stream(json_output=Answer) "
        + head
        + "pass json_output=True (a JSON object) with the schema in the prompt and parse the "
        "reply with Answer.model_validate_json(...), " + keep
    )
    structured = [f for f in _found(registry, before) if "structured output" in f[4]]
    assert structured == [
        (5, "ML661", "error", "manual", agent),
        (11, "ML661", "error", "manual", stream),
    ]
    after = applied(registry, before, "deepseek")
    assert [f[0] for f in _found(registry, after) if "structured output" in f[4]] == [19, 25]
    # a provider whose structured outputs are confirmed gets them in model_info
    assert [f for f in _found(registry, before, "azure") if "structured output" in f[4]] == []


def test_a_client_loaded_from_a_config_in_code_is_followed_to_its_requests(registry):
    before = (
        "from autogen_core.models import ChatCompletionClient\n\n"
        "CONFIG = {\n"
        '    "provider": "openai_chat_completion_client",\n'
        '    "config": {"model": "gpt-4o", "api_key": KEY},\n'
        "}\n"
        "client = ChatCompletionClient.load_component(CONFIG)\n\n\n"
        "async def ask(messages):\n"
        "    await client.create(messages, json_output=True)\n"
        "    return await client.create(messages, json_output=Answer)\n"
    )
    assert [
        (line, severity, message.split(" asks")[0])
        for line, _, severity, _, message in _found(registry, before)
        if "structured output" in message
    ] == [(12, "error", "create(json_output=Answer)")]


def test_images_for_a_model_that_takes_none_are_a_warning_that_stays(registry):
    before = (
        "from autogen_core import Image\n"
        + CLIENT
        + '\ntext = OpenAIChatCompletionClient(model="gpt-4o")\n'
        + 'eyes = OpenAIChatCompletionClient(model="gpt-4o-mini")\n'
        + 'picture = Image.from_file("cat.png")\n'
    )
    warning = (
        "warning",
        "manual",
        "the module makes images (`Image.from_file` on line {}), and deepseek-v4-pro takes none "
        '(DeepSeek\'s model for images is deepseek-flash): with model_info "vision": False '
        "autogen-ext refuses them (AssistantAgent drops them); for the client that gets them "
        'use deepseek-flash with "vision": True, by hand',
    )
    images = [f for f in _found(registry, before) if "images" in f[4]]
    assert images == [(4, "ML661", *warning[:2], warning[2].format(6))]
    after = applied(registry, before, "deepseek")
    # deepseek-flash (vision "partial": the provider's model for images) is told it takes them
    assert after.count('"vision": True') == after.count('"vision": False') == 1
    images = [f for f in _found(registry, after) if "images" in f[4]]
    assert images == [(7, "ML661", *warning[:2], warning[2].format(32))]
    # without images, nothing to say
    assert [
        f for f in _found(registry, before.replace("Image.from_file", "open")) if "images" in f[4]
    ] == []


# --- ML663: YAML and JSON component configs -----------------------------------------------


def _scan(registry, path: str, text: str, provider: str = "deepseek"):
    """The FileChange of `apply` on `text` as `path`, with every config rule, and what a
    second run still finds (asserting it edits nothing)."""
    kind = "json" if path.endswith(".json") else "yaml"
    scanner = FileScanner(RuleContext(registry, registry.get(provider)), Path("."))
    change = scanner.migrate_text(text, kind, path, path)
    again = scanner.migrate_text(change.after, kind, path, path)
    assert again.after == change.after
    assert [f for f in again.findings if f.edit is not None] == []
    return change, again.findings


INFO_YAML = (
    "  model_info:\n    vision: {}\n    function_calling: true\n    json_output: true\n"
    "    family: unknown\n    structured_output: false\n"
)
YAML_THINKING = "deepseek-v4-pro " + THINKS + NO_SWITCH


def test_a_yaml_component_config_goes_to_the_provider(registry):
    """The t46a repro: only the model was mapped, and `load_component` raised "model_info is
    required"; with model_info alone it went to api.openai.com."""
    before = (
        "provider: autogen_ext.models.openai.OpenAIChatCompletionClient\n"
        "config:\n  model: gpt-4o\n  api_key: REPLACE_WITH_YOUR_API_KEY\n"
    )
    change, left = _scan(registry, "model_config.yaml", before)
    assert change.after == (
        "provider: autogen_ext.models.openai.OpenAIChatCompletionClient\n"
        "config:\n  model: deepseek-v4-pro\n  base_url: https://api.deepseek.com\n"
        + INFO_YAML.format("false")
        + "  api_key: REPLACE_WITH_YOUR_API_KEY\n"
    )
    assert yaml.safe_load(change.after)["config"] == {
        "model": "deepseek-v4-pro",
        "base_url": "https://api.deepseek.com",
        "model_info": {
            "vision": False,
            "function_calling": True,
            "json_output": True,
            "family": "unknown",
            "structured_output": False,
        },
        "api_key": "REPLACE_WITH_YOUR_API_KEY",
    }
    move = next(f for f in change.findings if f.rule == "ML663")
    assert (move.line, move.column, move.severity, move.fix) == (
        1,
        11,
        Severity.ERROR,
        FixClass.REVIEW,
    )
    assert move.message == (
        "this component config builds OpenAIChatCompletionClient without a base_url, so it "
        "sends gpt-4o to api.openai.com; apply adds `base_url: https://api.deepseek.com` "
        "(written out: the file cannot read DEEPSEEK_BASE_URL) and `model_info` (autogen-ext "
        "refuses a model it does not know without it), and ML503 writes deepseek-v4-pro; its "
        "api_key must be your DeepSeek key"
    )
    assert move.data == {
        "framework": "autogen",
        "api_key_env": "DEEPSEEK_API_KEY",
        "model": "deepseek-v4-pro",
        "base_url": "https://api.deepseek.com",
        "url_to": "https://api.deepseek.com",
    }
    # what stays: the thinking the config cannot turn off
    assert [(f.line, f.rule, f.severity, f.fix, f.message) for f in left] == [
        (3, "ML663", Severity.WARNING, FixClass.MANUAL, YAML_THINKING)
    ]


def test_a_config_sending_a_provider_model_without_base_url_fails_until_applied(registry):
    """What an earlier apply wrote (the model alone) is an error, and apply completes it."""
    before = (
        "provider: OpenAIChatCompletionClient\nconfig: {model: deepseek-v4-pro, api_key: KEY}\n"
    )
    change, left = _scan(registry, "model.yaml", before)
    assert [(f.rule, f.severity, f.fix) for f in change.findings] == [
        ("ML663", Severity.ERROR, FixClass.REVIEW),
        ("ML663", Severity.WARNING, FixClass.MANUAL),
    ]
    assert change.after == (
        "provider: OpenAIChatCompletionClient\nconfig: {model: deepseek-v4-pro, api_key: KEY, "
        "base_url: https://api.deepseek.com, model_info: {vision: false, function_calling: true, "
        "json_output: true, family: unknown, structured_output: false}}\n"
    )
    assert [f.message for f in left] == [YAML_THINKING]


def test_a_json_component_config_without_key_stays_an_error(registry):
    before = (
        '{"provider": "autogen_ext.models.openai.OpenAIChatCompletionClient", '
        '"component_type": "model", "config": {"model": "gpt-4o-mini"}}\n'
    )
    change, left = _scan(registry, "model.json", before)
    assert change.after == (
        '{"provider": "autogen_ext.models.openai.OpenAIChatCompletionClient", '
        '"component_type": "model", "config": {"model": "deepseek-flash", '
        '"base_url": "https://api.deepseek.com", "model_info": {"vision": true, '
        '"function_calling": true, "json_output": true, "family": "unknown", '
        '"structured_output": false}}}\n'
    )
    assert json.loads(change.after)["config"]["model_info"]["vision"] is True
    key = (
        "this component config has no api_key, so OpenAIChatCompletionClient reads "
        "OPENAI_API_KEY and sends that key to DeepSeek: add `api_key:` with your DeepSeek key "
        "(the file cannot read DEEPSEEK_API_KEY), by hand"
    )
    assert [(f.line, f.column, f.severity, f.fix, f.message) for f in left] == [
        (1, 97, Severity.ERROR, FixClass.MANUAL, key),
        (1, 108, Severity.WARNING, FixClass.MANUAL, "deepseek-flash " + THINKS + NO_SWITCH),
    ]


def test_a_nested_json_config_is_written_in_its_layout(registry):
    before = (
        "{\n"
        '  "provider": "autogen_agentchat.agents.AssistantAgent",\n'
        '  "config": {\n'
        '    "model_client": {\n'
        '      "provider": "OpenAIChatCompletionClient",\n'
        '      "config": {\n'
        '        "model": "gpt-4o",\n'
        '        "api_key": "<key>"\n'
        "      }\n"
        "    }\n"
        "  }\n"
        "}\n"
    )
    change, _ = _scan(registry, "team.json", before, "acme")
    assert change.after == before.replace(
        '"<key>"\n',
        '"<key>",\n'
        '        "base_url": "https://api.acme.example/v1",\n'
        '        "model_info": {\n'
        '          "vision": false,\n'
        '          "function_calling": true,\n'
        '          "json_output": true,\n'
        '          "family": "unknown",\n'
        '          "structured_output": false\n'
        "        }\n",
    ).replace('"gpt-4o"', '"acme-large"')


def test_crlf_and_a_comment_after_the_model_are_kept(registry):
    before = (
        "provider: OpenAIChatCompletionClient\r\nconfig:\r\n"
        "  model: gpt-4o-mini  # cheap\r\n  api_key: <your key>\r\n"
    )
    change, _ = _scan(registry, "model.yaml", before)
    assert change.after == (
        "provider: OpenAIChatCompletionClient\r\nconfig:\r\n"
        "  model: deepseek-flash  # cheap\r\n  base_url: https://api.deepseek.com\r\n"
        + INFO_YAML.format("true").replace("\n", "\r\n")
        + "  api_key: <your key>\r\n"
    )


def test_openais_base_url_is_switched_by_ml502_and_completed_here(registry):
    before = (
        "provider: OpenAIChatCompletionClient\nconfig:\n  model: gpt-4o\n"
        "  base_url: https://api.openai.com/v1\n"
    )
    change, left = _scan(registry, "model.yaml", before)
    assert change.after == (
        "provider: OpenAIChatCompletionClient\nconfig:\n  model: deepseek-v4-pro\n"
        + INFO_YAML.format("false")
        + "  base_url: https://api.deepseek.com\n"
    )
    assert [(f.rule, f.severity) for f in left] == [
        ("ML663", Severity.ERROR),  # no api_key
        ("ML663", Severity.WARNING),
    ]


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("sk-proj-Abc123def456ghi789jkl012mno345pqr678", "an OpenAI key (sk-pr…78)"),
        ("${OPENAI_API_KEY}", "read from OPENAI_API_KEY"),
    ],
)
def test_a_config_holding_an_openai_key_is_left_whole(registry, key, why):
    """With the provider's URL, the OpenAI key would go to the provider: nothing changes, and
    the model stays OpenAI's (ML503, manual)."""
    before = f"provider: OpenAIChatCompletionClient\nconfig:\n  model: gpt-4o\n  api_key: {key}\n"
    change, left = _scan(registry, "model.yaml", before, "acme")
    assert change.after == before
    found = {f.rule: f for f in change.findings}
    assert (found["ML663"].severity, found["ML663"].fix) == (Severity.ERROR, FixClass.MANUAL)
    assert found["ML663"].message == (
        "this component config builds OpenAIChatCompletionClient without a base_url, so it "
        f"sends gpt-4o to api.openai.com, and its api_key is {why}: apply leaves it, as with "
        "the provider's URL that key would go to Acme Cloud; add `base_url: "
        "https://api.acme.example/v1` and `model_info`, write acme-large for gpt-4o and put "
        "your Acme Cloud key in api_key, together, by hand"
    )
    assert found["ML503"].fix is FixClass.MANUAL
    assert found["ML503"].message == (
        "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud, but this AutoGen "
        f"component config stays on OpenAI (see ML663: its api_key is {why}): change it with "
        "the base URL and the key, by hand"
    )
    assert "sk-proj" not in found["ML663"].message
    assert "ML663" in {f.rule for f in left}  # check stays red


def test_a_stand_in_asking_for_an_openai_key_stays_an_error(registry):
    before = "provider: OpenAIChatCompletionClient\nconfig:\n  model: gpt-4o\n  api_key: <YOUR_OPENAI_API_KEY>\n"
    change, left = _scan(registry, "model.yaml", before, "acme")
    assert change.after.startswith(
        "provider: OpenAIChatCompletionClient\nconfig:\n  model: acme-large\n"
        "  base_url: https://api.acme.example/v1\n"
    )
    assert [(f.line, f.column, f.severity, f.fix, f.message) for f in left] == [
        (
            11,
            12,
            Severity.ERROR,
            FixClass.MANUAL,
            "the api_key of this component config asks for an OpenAI key "
            "(<YOUR_OPENAI_API_KEY>), and the config goes to Acme Cloud: put your Acme Cloud "
            "key there, by hand",
        )
    ]


def test_a_config_merging_entries_is_left(registry):
    before = (
        "base: &base {temperature: 0}\nclient:\n  provider: OpenAIChatCompletionClient\n"
        "  config:\n    <<: *base\n    model: gpt-4o\n"
    )
    change, _ = _scan(registry, "model.yaml", before, "acme")
    assert change.after == before
    assert [(f.rule, f.fix) for f in change.findings] == [
        ("ML663", FixClass.MANUAL),
        ("ML503", FixClass.MANUAL),
    ]


def test_check_fails_on_an_applied_config_without_key(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from migrate_llm.cli import app

    (tmp_path / "model.json").write_text(
        '{"provider": "OpenAIChatCompletionClient", "config": {"model": "gpt-4o"}}\n'
    )
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["apply", "-p", "deepseek", "--yes"]).exit_code == 0
    result = runner.invoke(app, ["check", "-p", "deepseek", "--format", "json"])
    assert result.exit_code == 1
    assert [
        (f["rule"], f["severity"], f["fix"]) for f in json.loads(result.stdout)["findings"]
    ] == [
        ("ML663", "error", "manual"),
        ("ML663", "warning", "manual"),
    ]
