"""A parse helper given tools and no format asks for no JSON schema (t58e): openai-python's
parsing_tools.py sends `chat.completions.parse(tools=[pydantic_function_tool(Query)])`, which
puts strict function tools in the request and no `response_format`. ML101 judges it as a chat
request; ML111 says what the provider's file says of strict tools (`[params]
strict_tools_base_url`: DeepSeek documents them on its /beta base only)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .program_runner import run_python
from .test_e2e import clean_env

HEAD = (
    "import openai\nfrom openai import OpenAI\nfrom pydantic import BaseModel\n\n\n"
    "class Lookup(BaseModel):\n    city: str\n    days: int\n\n\n"
    "client = OpenAI()\n"
)
TOOLS_ONLY = HEAD + (
    "done = client.chat.completions.parse(\n"
    '    model="gpt-4o",\n'
    '    messages=[{"role": "user", "content": "weather in Hangzhou for 3 days"}],\n'
    "    tools=[openai.pydantic_function_tool(Lookup)],\n"
    ")\n"
    "call = done.choices[0].message.tool_calls[0]\n"
    "print(type(call.function.parsed_arguments).__name__, call.function.name)\n"
)
STRICT_ON_DEEPSEEK = (
    "chat.completions.parse() sends its tools as strict function definitions (it takes no "
    "other): DeepSeek documents strict function calling on https://api.deepseek.com/beta only, "
    "not on the base URL apply writes (https://api.deepseek.com), where a tool call's arguments "
    "may not follow the schema (unconfirmed: the guide gives strict mode on the beta base URL "
    "only; what https://api.deepseek.com does with a strict tool (ignores the flag or refuses "
    "it) is not documented; one client strips strict there (codewhale, 2026)); test this call, "
    "or point the client at https://api.deepseek.com/beta (DEEPSEEK_BASE_URL), by hand"
)


def findings(registry, text: str, provider: str) -> list[tuple]:
    """(line, rule, severity, fix, message) of the findings but ML001 and ML201."""
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.rule, f.severity, f.fix, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule not in ("ML001", "ML201")
    ]


def test_parse_with_tools_only_is_a_chat_request_with_strict_tools(registry):
    assert findings(registry, TOOLS_ONLY, "deepseek") == [
        (
            12,
            "ML101",
            Severity.NOTE,
            FixClass.NONE,
            "chat.completions.parse() through an OpenAI client; supported by DeepSeek",
        ),
        (15, "ML111", Severity.WARNING, FixClass.MANUAL, STRICT_ON_DEEPSEEK),
    ]


def test_parse_with_tools_only_says_nothing_of_json_schema_where_strict_is_not_stated(registry):
    """Zhipu lists no json_schema: parse(response_format=A) fails there on every run, but
    parse(tools=...) sends no response_format, and its file says nothing of strict tools."""
    assert findings(registry, TOOLS_ONLY, "zhipu") == [
        (
            12,
            "ML101",
            Severity.NOTE,
            FixClass.NONE,
            "chat.completions.parse() through an OpenAI client; supported by Zhipu AI (GLM)",
        )
    ]
    with_format = TOOLS_ONLY.replace("    tools=", "    response_format=Lookup,\n    tools=")
    (schema,) = [f for f in findings(registry, with_format, "zhipu") if f[1] == "ML101"]
    assert schema[2:4] == (Severity.ERROR, FixClass.MANUAL)
    assert "it asks for structured outputs (response_format json_schema)" in schema[4]


def test_a_spread_parse_may_carry_a_format(registry):
    text = HEAD + 'client.chat.completions.parse(model="gpt-4o", messages=[], **options)\n'
    (call,) = [f for f in findings(registry, text, "zhipu") if f[1] == "ML101"]
    assert call[2] == Severity.ERROR
    assert "it asks for structured outputs (response_format json_schema)" in call[4]


def test_a_strict_tool_dict_sent_by_create(registry):
    text = HEAD + (
        "tool = {\n"
        '    "type": "function",\n'
        '    "function": {"name": "lookup", "parameters": {}, "strict": True},\n'
        "}\n"
        'client.chat.completions.create(model="gpt-4o", messages=[], tools=[tool])\n'
        'client.chat.completions.create(model="gpt-4o", messages=[], tools=[\n'
        '    {"type": "function", "function": {"name": "f", "strict": True}},\n'
        "])\n"
        'client.chat.completions.create(model="gpt-4o", messages=[], tools=[\n'
        '    {"type": "function", "function": {"name": "f", "strict": False}},\n'
        "])\n"
    )
    found = [f for f in findings(registry, text, "deepseek") if f[1] in ("ML101", "ML111")]
    assert [(f[0], f[1], f[4].split(":")[0]) for f in found] == [
        (16, "ML101", "chat.completions.create() through an OpenAI client; supported by DeepSeek"),
        (17, "ML101", "chat.completions.create() through an OpenAI client; supported by DeepSeek"),
        (17, "ML111", 'a tool of this request says "strict"'),
        (20, "ML101", "chat.completions.create() through an OpenAI client; supported by DeepSeek"),
    ]


def test_the_migrated_parse_sends_strict_tools_and_no_format(server, tmp_path, monkeypatch):
    """apply, then the program runs on the loopback DeepSeek: one request, DeepSeek's model
    and key, the tool strict, no response_format; check stays red on ML111 alone."""
    (tmp_path / "bot.py").write_text(TOOLS_ONLY)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    done = runner.invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    checked = runner.invoke(app, ["check", ".", "--provider", "deepseek", "--format", "json"])
    assert checked.exit_code == 1
    assert [(f["rule"], f["line"]) for f in json.loads(checked.stdout)["findings"]] == [
        ("ML111", 20)
    ]
    guard = tmp_path / "guard"
    env = {**clean_env(), "DEEPSEEK_API_KEY": "test-key-deepseek", "DEEPSEEK_BASE_URL": server.base}
    proc = run_python(
        ["bot.py"], cwd=tmp_path, env=network_guard.subprocess_env(env, guard), timeout=60
    )
    assert (network_guard.blocked_hosts(guard), proc.returncode) == ([], 0), proc.stderr
    assert proc.stdout == "Lookup Lookup\n"
    (request,) = server.requests
    assert (request.path, request.headers["authorization"]) == (
        "/chat/completions",
        "Bearer test-key-deepseek",
    )
    assert request.body["model"] == "deepseek-v4-pro"
    assert "response_format" not in request.body
    assert [(t["function"]["name"], t["function"]["strict"]) for t in request.body["tools"]] == [
        ("Lookup", True)
    ]
