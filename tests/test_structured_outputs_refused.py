"""A request for structured outputs to a provider whose file lists its response_format types
without json_schema (Kimi: text, json_object) is an error, whichever way it is asked for:
`chat.completions.parse` and `stream(response_format=Answer)` (ML101), a json_schema dict
given to `create` (ML101, ML102 for the module-level client; not a second finding by ML111)
and an Agent's `output_type=` (ML635) get one error each, in the same words (t57b), which say
what the file's sources say: undocumented, not refused, where it marks that uncertain (s58)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied

KIMI = "Moonshot AI (Kimi)"
DOCS = "https://platform.kimi.ai/docs/guide/migrating-from-openai-to-kimi"
# moonshot.toml marks its structured outputs uncertain (one reseller claims json_schema for
# kimi-k3): the error says the type is undocumented, with the file's reason (s58)
REFUSED = (
    f"it asks for structured outputs (response_format json_schema); {KIMI} does not document "
    "that type (documented response_format types: text, json_object); its file marks that "
    "uncertain (providers/moonshot.toml: json_schema claimed for kimi-k3 by one reseller "
    "only), so the schema is not guaranteed (this call may be refused, or get a reply that "
    "does not follow it): ask for JSON mode instead (type json_object), describe the fields in "
    f"the prompt and validate the reply yourself, by hand (see {DOCS})"
)
PARSE = (
    "from openai import OpenAI\nfrom pydantic import BaseModel\n\n\n"
    "class Answer(BaseModel):\n    text: str\n\n\n"
    "client = OpenAI()\n"
    "completion = client.chat.completions.parse(\n"
    '    model="gpt-4o",\n'
    '    messages=[{"role": "user", "content": "hi"}],\n'
    "    response_format=Answer,\n"
    ")\n"
)


def found(registry, text: str, provider: str = "moonshot") -> list[tuple]:
    """(line, rule, severity, fix, message) of the findings but ML001 and ML201."""
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule not in ("ML001", "ML201")
    ]


def test_parse_is_an_error_where_the_provider_lists_no_json_schema(
    registry, tmp_path: Path, monkeypatch
):
    """t57b: ML101 said "unconfirmed, test this call" (a warning) while ML635 said of the same
    request made by an Agent that it fails on every run (an error)."""
    expected = [
        (
            10,
            "ML101",
            "error",
            "manual",
            f"chat.completions.parse() through an OpenAI client; {REFUSED}",
        )
    ]
    assert found(registry, PARSE) == expected
    after = applied(registry, PARSE, "moonshot")
    assert after.endswith(
        "completion = client.chat.completions.parse(\n"
        '    model="kimi-k2.6",\n'
        '    messages=[{"role": "user", "content": "hi"}],\n'
        "    response_format=Answer,\n"
        ")\n"
    )
    assert [f for f in found(registry, after) if f[1] == "ML101"] == [(15, *expected[0][1:])]
    (tmp_path / "app.py").write_text(after)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot", "--format", "json"])
    assert result.exit_code == 1
    rules = [(f["rule"], f["severity"]) for f in json.loads(result.stdout)["findings"]]
    assert rules == [("ML101", "error")]


def test_a_json_schema_dict_gets_one_finding_and_json_mode_none(registry):
    text = (
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        'SCHEMA = {"type": "json_schema", "json_schema": {"name": "a", "schema": {}}}\n'
        'a = client.chat.completions.create(model="kimi-k2.6", messages=[], '
        "response_format=SCHEMA)\n"
        'b = client.chat.completions.parse(model="kimi-k2.6", messages=[], '
        'response_format={"type": "json_object"})\n'
    )
    assert found(registry, text) == [
        (
            5,
            "ML101",
            "error",
            "manual",
            f"chat.completions.create() through an OpenAI client; {REFUSED}",
        ),
        (
            6,
            "ML101",
            "note",
            "none",
            f"chat.completions.parse() through an OpenAI client; supported by {KIMI}",
        ),
    ]


def test_a_schema_one_of_several_values_stays_ml111s(registry):
    """ML101 reads a dict written in the call or a constant; a value among others is ML111's
    (the request fails only where it sends that one)."""
    text = (
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        "if strict:\n"
        '    rf = {"type": "json_schema", "json_schema": SCHEMA}\n'
        "else:\n"
        "    rf = None\n"
        'client.chat.completions.create(model="kimi-k2.6", messages=[], response_format=rf)\n'
    )
    assert [(line, rule, severity) for line, rule, severity, _, _ in found(registry, text)] == [
        (8, "ML101", "note"),
        (8, "ML111", "warning"),
    ]


def test_the_module_level_client_and_an_agent_say_the_same(registry):
    module = (
        "import openai\n\n"
        'r = openai.chat.completions.parse(model="kimi-k2.6", messages=[], response_format=A)\n'
    )
    ((line, rule, severity, fix, message),) = found(registry, module)
    assert (line, rule, severity, fix) == (3, "ML102", "error", "manual")
    assert REFUSED in message
    agent = (
        "from agents import Agent\n\n"
        'agent = Agent(name="a", model="kimi-k2.6", output_type=Answer)\n'
    )
    ((line, rule, severity, fix, message),) = [f for f in found(registry, agent) if f[1] == "ML635"]
    assert (line, severity, fix) == (3, "error", "manual")
    words = REFUSED.split("; ", 1)[1].split(": ask", 1)[0].replace("this call", "this Agent")
    assert words in message


def test_partial_support_is_read_per_model(registry):
    """Qwen's file names the models that take json_schema: gpt-4o maps to qwen4-max, one of
    them (the rest: test_structured_models.py); a model not known here keeps the warning."""
    ((_, rule, severity, _, message),) = [
        f for f in found(registry, PARSE, "qwen") if f[1] == "ML101"
    ]
    assert (rule, severity) == ("ML101", "note")
    unknown = PARSE.replace('model="gpt-4o"', "model=name")
    ((_, rule, severity, _, message),) = [
        f for f in found(registry, unknown, "qwen") if f[1] == "ML101"
    ]
    assert (rule, severity) == ("ML101", "warning")
    assert "structured_outputs support is partial" in message


# --- s58: what the sources say where the provider file marks its structured outputs uncertain -

DEEPSEEK_DOUBT = (
    "providers/deepseek.toml: docs document json_object only; a reseller saw json_schema "
    "accepted but not enforced; LiteLLM's map says supports_response_schema"
)
UNDOCUMENTED = (
    "it asks for structured outputs (response_format json_schema); DeepSeek does not document "
    "that type (documented response_format types: text, json_object); its file marks that "
    f"uncertain ({DEEPSEEK_DOUBT}), so the schema is not guaranteed (this call may be refused, "
    "or get a reply that does not follow it): ask for JSON mode instead (type json_object), "
    "describe the fields in the prompt and validate the reply yourself, by hand (see "
    "https://api-docs.deepseek.com)"
)


def findings(registry, text: str, provider: str) -> list[tuple]:
    """(line, rule, severity, fix, message, data) of the findings but ML001 and ML201."""
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message, f.data)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule not in ("ML001", "ML201")
    ]


def test_a_schema_a_reseller_saw_accepted_is_undocumented_not_refused(registry):
    """deepseek.toml cites a third-party source saying json_schema is accepted but not
    enforced: the error says so (and `unconfirmed` carries it), not that every run fails."""
    assert findings(registry, PARSE, "deepseek") == [
        (
            10,
            "ML101",
            "error",
            "manual",
            f"chat.completions.parse() through an OpenAI client; {UNDOCUMENTED}",
            {
                "surface": "structured_outputs",
                "call": "chat.completions.parse",
                "unconfirmed": DEEPSEEK_DOUBT,
            },
        )
    ]


def test_a_refusal_no_source_doubts_still_fails_on_every_run(registry):
    ((line, rule, severity, fix, message, data),) = findings(registry, PARSE, "zhipu")
    assert (line, rule, severity, fix) == (10, "ML101", "error", "manual")
    assert message == (
        "chat.completions.parse() through an OpenAI client; it asks for structured outputs "
        "(response_format json_schema); Zhipu AI (GLM) does not accept that type (accepted "
        "response_format types: text, json_object), whatever the schema's strictness, so this "
        "call fails on every run: ask for JSON mode instead (type json_object), describe the "
        "fields in the prompt and validate the reply yourself, by hand (see "
        "https://docs.bigmodel.cn/cn/guide/develop/openai/introduction)"
    )
    assert data == {"surface": "structured_outputs", "call": "chat.completions.parse"}


def test_an_agent_and_an_openai_branch_say_the_same_of_deepseek(registry):
    agent = (
        "from agents import Agent\n\n"
        'agent = Agent(name="a", model="deepseek-flash", output_type=Answer)\n'
    )
    ((_, _, severity, _, message, data),) = [
        f for f in findings(registry, agent, "deepseek") if f[1] == "ML635"
    ]
    assert severity == "error"
    assert message.startswith(
        "output_type=Answer of Agent() makes the SDK ask for structured outputs (response_format "
        "json_schema); DeepSeek does not document that type (documented response_format types: "
        f"text, json_object); its file marks that uncertain ({DEEPSEEK_DOUBT}), so the schema is "
        "not guaranteed (this Agent may be refused, or get a reply that does not follow it): "
        "give it model_settings="
    )
    assert data == {"surface": "structured_outputs", "unconfirmed": DEEPSEEK_DOUBT}
    branch = (
        "def answer(provider, client, q):\n"
        '    if provider == "openai":\n'
        "        return client.chat.completions.parse(model=m, messages=q, response_format=A)\n"
    )
    ((_, _, severity, fix, message, _),) = findings(registry, branch, "deepseek")
    assert (severity, fix) == ("note", "none")
    assert message == (
        "chat.completions.parse() on `client`, which looks like an OpenAI client (not traced to "
        "its construction); DeepSeek does not document response_format json_schema, but the "
        "call stands in code run only where the program's service is OpenAI (`if provider == "
        '"openai"`), which still goes to OpenAI after apply: left as it is'
    )


# --- s58: a json_schema dict through the module-level client: one finding (ML102) -----------

MODULE_SCHEMA = (
    "import openai\n\n"
    "r = openai.chat.completions.create(\n"
    '    model="kimi-k2.6",\n'
    '    messages=[{"role": "user", "content": "hi"}],\n'
    '    response_format={"type": "json_schema", "json_schema": {"name": "a", "schema": {}}},\n'
    ")\n"
)


def test_a_schema_dict_through_the_module_client_gets_ml102_alone(registry):
    assert found(registry, MODULE_SCHEMA) == [
        (
            3,
            "ML102",
            "error",
            "manual",
            "openai.chat.completions.create() uses the module-level client; its endpoint is "
            "whatever openai.base_url and OPENAI_BASE_URL say; " + REFUSED,
        )
    ]
    # DeepSeek has no structured outputs: apply leaves the module-level client on OpenAI,
    # which ML102 says of the request; ML111 says nothing more of its dict
    deepseek = MODULE_SCHEMA.replace("kimi-k2.6", "deepseek-flash")
    assert [(f[0], f[1], f[2]) for f in found(registry, deepseek, "deepseek")] == [
        (3, "ML102", "error")
    ]


def test_a_module_client_pointed_at_the_provider_leaves_the_dict_to_ml111(registry):
    """ML102 says nothing of a module-level client the module points at the provider: the
    json_schema dict is ML111's there, still one finding."""
    text = MODULE_SCHEMA.replace(
        "import openai\n\n",
        "import os\n\nimport openai\n\n"
        'openai.api_key = os.environ["MOONSHOT_API_KEY"]\n'
        'openai.base_url = os.environ["MOONSHOT_BASE_URL"]\n',
    )
    assert found(registry, text) == [
        (
            10,
            "ML111",
            "warning",
            "manual",
            'response_format type "json_schema" is not accepted by Moonshot AI (Kimi) (accepted: '
            "text, json_object); use json_object and describe the schema in the prompt",
        )
    ]
