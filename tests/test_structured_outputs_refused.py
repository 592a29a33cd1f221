"""A request for structured outputs to a provider whose file lists its response_format types
without json_schema (Kimi: text, json_object) fails on every run, whichever way it is asked
for: `chat.completions.parse` and `stream(response_format=Answer)` (ML101), a json_schema dict
given to `create` (ML101, not a second finding by ML111), the module-level client (ML102) and
an Agent's `output_type=` (ML635) get one error each, in the same words (t57b)."""

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
REFUSED = (
    f"it asks for structured outputs (response_format json_schema); {KIMI} does not accept "
    "that type (accepted response_format types: text, json_object), whatever the schema's "
    "strictness, so this call fails on every run: ask for JSON mode instead (type "
    "json_object), describe the fields in the prompt and validate the reply yourself, by hand "
    f"(see {DOCS})"
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


def test_partial_support_keeps_the_warning(registry):
    """Qwen's file says some of its models take json_schema: a warning, test this call."""
    ((_, rule, severity, _, message),) = found(registry, PARSE, "qwen")
    assert (rule, severity) == ("ML101", "warning")
    assert "structured_outputs support is partial" in message
